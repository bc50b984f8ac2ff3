"""The demo's steps, in order. Each module that has demo data adds one step here."""

from __future__ import annotations

from typing import Any

from helhet.demo import directory as directory_demo
from helhet.demo import portal as portal_demo
from helhet.demo import shelter as shelter_demo
from helhet.demo.region import Region, seed_region


def run_steps(*, stdout: Any) -> Region:
    region = seed_region()
    stdout.write(f"Region: {len(region.municipalities)} municipalities, {len(region.units)} units.")
    directory_demo.seed(region, stdout)
    portal_demo.seed(region, stdout)
    shelter_demo.seed(region, stdout)
    return region
