"""Every purpose the apps declare has a label, and the log shows labels, never codes."""

from __future__ import annotations

from django.apps import apps
from django.utils import translation

from helhet.audit.choices import Purpose
from helhet.audit.purposes import PurposeChoices, purpose_codes, purpose_label


def _declared() -> list[tuple[type, str, str]]:
    purpose_codes()  # imports every app's choices module
    found = []
    pending = list(PurposeChoices.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        found += [(cls, member.value, str(member.label)) for member in cls]
    return found


def test_every_purpose_code_in_the_registry_has_a_label():
    codes = purpose_codes()
    assert Purpose.BREAK_GLASS in codes and Purpose.EVENT_SEARCH in codes
    for code in codes:
        label = purpose_label(code)
        assert label, code
        assert label != code, f"{code} has no label of its own"


def test_every_code_names_its_app_and_is_declared_once():
    seen: dict[str, type] = {}
    labels = {config.label for config in apps.get_app_configs()}
    for cls, code, label in _declared():
        app, _dot, name = code.partition(".")
        assert app in labels and name, f"{code} ({cls.__module__}) does not start with an app"
        assert code not in seen, f"{code} is declared by {seen[code].__module__} and {cls}"
        seen[code] = cls
        assert label != code


def test_a_label_follows_the_language_and_an_unknown_code_is_shown_as_it_is():
    assert purpose_label(Purpose.BREAK_GLASS) == "Nødtilgang"
    assert purpose_label("") == ""
    assert purpose_label("nobody.knows") == "nobody.knows"


def test_the_audit_purposes_read_in_english(english):
    with translation.override("en"):
        assert purpose_label(Purpose.EVENT_SEARCH) != "Søk i tilgangsloggen"
