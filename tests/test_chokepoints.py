"""Views fetch records only through the chokepoints in each app's access.py and the reads
in its selectors.py: a view module never touches a model's manager.

Any use of a manager in a view module counts, whatever follows it (`.get`, `.filter().first()`,
`.select_related().get()`, slicing, `in_bulk`, `get_object_or_404`): each of those would skip
the access check and the audit event, and a rule about who may see what would then live in
two places.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MANAGERS = {"objects", "_default_manager", "_base_manager"}
SHORTCUTS = {"get_object_or_404", "get_list_or_404"}


def _is_view_module(path: Path) -> bool:
    if "tests" in path.parts or "migrations" in path.parts:
        return False
    return path.name.endswith("views.py") or "views" in path.parent.name.split(".")


VIEW_FILES = sorted(path for path in (ROOT / "helhet").rglob("*.py") if _is_view_module(path))


def manager_uses(source: str, name: str = "views.py") -> list[str]:
    """Every place in `source` that reaches a model manager or a fetching shortcut."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in MANAGERS:
            owner = node.value.id if isinstance(node.value, ast.Name) else "?"
            found.append(f"{name}:{node.lineno} {owner}.{node.attr}")
        elif isinstance(node, ast.Name) and node.id in SHORTCUTS:
            found.append(f"{name}:{node.lineno} {node.id}")
    return sorted(set(found), key=lambda item: (int(item.split(":")[1].split()[0]), item))


def test_there_are_view_modules_to_check():
    assert len(VIEW_FILES) >= 9


@pytest.mark.parametrize("path", VIEW_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_view_module_touches_a_model_manager(path):
    assert manager_uses(path.read_text(encoding="utf-8"), path.name) == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("person = Person.objects.get(pk=pk)", "Person.objects"),
        ("stay = Stay.objects.filter(pk=pk).first()", "Stay.objects"),
        ("stay = Stay.objects.select_related('unit').get(pk=pk)", "Stay.objects"),
        ("newest = Event.objects.order_by('-id')[:1]", "Event.objects"),
        ("rows = Stay._default_manager.in_bulk([pk])", "Stay._default_manager"),
        ("everyone = P._base_manager.all()", "P._base_manager"),
        ("stay = get_object_or_404(Stay, pk=pk)", "get_object_or_404"),
        ("fetch = get_list_or_404\nfetch(Stay)", "get_list_or_404"),
    ],
    ids=[
        "get",
        "filter-first",
        "select_related-get",
        "slicing",
        "default-manager",
        "aliased-base-manager",
        "get_object_or_404",
        "shortcut-by-name",
    ],
)
def test_the_guard_catches_each_way_around_a_chokepoint(source, expected):
    found = manager_uses(f"def view(request, pk):\n    {source}\n")
    assert found, source
    assert found[0].endswith(expected)


def test_the_guard_lets_a_view_call_its_chokepoint_and_selectors():
    source = (
        "def view(request, pk):\n"
        "    stay = get_stay_for(request.user, pk, purpose=Purpose.STAY_VIEW)\n"
        "    rows = selectors.stay_list(unit=stay.unit)[:10]\n"
        "    return render(request, 'x.html', {'stay': stay, 'rows': rows})\n"
    )
    assert manager_uses(source) == []


def test_view_packages_are_checked_too(tmp_path):
    package = tmp_path / "helhet" / "shelter" / "views"
    package.mkdir(parents=True)
    assert _is_view_module(package / "stays.py")
    assert _is_view_module(tmp_path / "helhet" / "directory" / "api_views.py")
    assert not _is_view_module(tmp_path / "helhet" / "shelter" / "tests" / "test_views.py")
