"""The vocabulary of purposes: why a record was opened or changed, as the audit log says.

An event stores a stable code (`shelter.stay_view`); pages, exports and the privacy
officer's log show its translated label ("Vise opphold") through `purpose_label`. Each app
declares its purposes once, in its `choices.py`, as a subclass of `PurposeChoices`:

    class Purpose(PurposeChoices):
        STAY_VIEW = "shelter.stay_view", _("Vise opphold")

Codes are stored for ever in an append-only log: never rename or reuse one.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.db import models
from django.utils.translation import gettext


class PurposeChoices(models.TextChoices):
    """Base of every app's `Purpose` choices (an enum without members can be extended)."""


@cache
def _registry() -> dict[str, object]:
    for config in apps.get_app_configs():
        module = f"{config.name}.choices"
        if config.name.startswith("helhet.") and find_spec(module) is not None:
            import_module(module)
    labels: dict[str, object] = {}
    pending = list(PurposeChoices.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        for member in cls:
            labels[member.value] = member.label
    return labels


def purpose_codes() -> frozenset[str]:
    """Every known purpose code."""
    return frozenset(_registry())


def purpose_label(code: str) -> str:
    """The label of a purpose in the current language. Events written before purposes were
    codes hold a Bokmål text, which is translated as it is."""
    label = _registry().get(code)
    if label is not None:
        return str(label)
    return gettext(code) if code else ""
