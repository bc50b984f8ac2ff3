"""Views fetch protected records only through the chokepoints in each app's access.py."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Models whose rows concern a person or record who saw them: a view that fetched one by
# itself would skip the access check and the audit event.
PROTECTED = {
    "Person",
    "PersonKey",
    "Stay",
    "StayChild",
    "SafetyPlan",
    "ThreatAssessment",
    "FollowUpPlan",
    "FollowUpTask",
    "DayUser",
    "BreakGlassGrant",
    "Event",
}
VIEW_FILES = sorted(
    path
    for path in (ROOT / "helhet").rglob("*views.py")
    if "tests" not in path.parts and "migrations" not in path.parts
)


def _direct_fetches(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in {"get_object_or_404", "get_list_or_404"}:
            found.append(f"{path.name}:{node.lineno} {func.id}")
        if (
            isinstance(func, ast.Attribute)
            and func.attr in {"get", "get_or_create", "in_bulk"}
            and isinstance(func.value, ast.Attribute)
            and func.value.attr == "objects"
            and isinstance(func.value.value, ast.Name)
            and func.value.value.id in PROTECTED
        ):
            found.append(f"{path.name}:{node.lineno} {func.value.value.id}.objects.{func.attr}")
    return found


def test_there_are_view_modules_to_check():
    assert len(VIEW_FILES) >= 8


@pytest.mark.parametrize("path", VIEW_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_view_fetches_a_protected_record_past_its_chokepoint(path):
    assert _direct_fetches(path) == []


def test_the_check_catches_a_direct_fetch(tmp_path):
    bad = tmp_path / "views.py"
    bad.write_text(
        "def person_detail(request, pk):\n"
        "    person = Person.objects.get(pk=pk)\n"
        "    other = get_object_or_404(Stay, pk=pk)\n",
        encoding="utf-8",
    )
    assert _direct_fetches(bad) == [
        "views.py:2 Person.objects.get",
        "views.py:3 get_object_or_404",
    ]
