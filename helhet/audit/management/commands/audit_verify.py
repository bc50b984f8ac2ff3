"""Verify the audit log's hash chain, and with --anchor against the exported anchors.

Exits non-zero when anything was changed or removed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from helhet.audit.anchors import AnchorFileError, anchors_verify
from helhet.audit.selectors import chain_unkeyed_count, chain_verify


class Command(BaseCommand):
    help = "Verify the audit log hash chain and report any changed or missing event."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--anchor",
            type=Path,
            metavar="FILE",
            help="Also check the chain against the anchors in FILE (written by audit_anchor).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        problems = list(chain_verify())
        if options["anchor"] is not None:
            try:
                problems += list(anchors_verify(options["anchor"]))
            except AnchorFileError as error:
                raise CommandError(str(error)) from error
        for problem in problems:
            self.stderr.write(problem.message)
        if problems:
            raise CommandError(f"The audit log failed verification: {len(problems)} problem(s).")
        unkeyed = chain_unkeyed_count()
        if unkeyed:
            self.stdout.write(
                f"{unkeyed} event(s) from before the chain was keyed carry an unkeyed hash "
                "(version 1): the keyed events after them and the anchors protect them."
            )
        matches = ", and matches its anchors" if options["anchor"] is not None else ""
        self.stdout.write(self.style.SUCCESS(f"The audit log is intact{matches}."))
