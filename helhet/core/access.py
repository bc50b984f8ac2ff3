"""The one chokepoint helper every app's `access.py` uses.

A view never fetches a protected record itself: it calls its app's `get_<thing>_for(...)`,
which narrows a queryset to what the user may see and hands it to `fetch_or_404`. The
helper answers 404 for "does not exist" and for "not yours" alike, writes the read (or the
refusal) to the audit log, and names the person the record is about so that the person's
own access log shows it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from helhet.audit.choices import EventKind
from helhet.audit.services import event_record, object_type_of

M = TypeVar("M", bound=Model)

# A path through attributes ("plan__stay__resident_id") or a function of the record.
Path = str | Callable[[Any], Any] | None

_BIGINT_MAX = 2**63
_INTEGER_KEYS = {"AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField"}


def parse_pk(raw_id: Any) -> int | None:
    """A primary key from a URL or form value, or None when it cannot name a row.

    Values beyond a bigint name no row (and would overflow the query on some databases).
    """
    if isinstance(raw_id, bool):
        return None
    try:
        pk = int(raw_id)
    except (TypeError, ValueError, OverflowError):
        return None
    return pk if 0 < pk < _BIGINT_MAX else None


def parse_id(model: type[Model], raw_id: Any) -> Any:
    """A primary key of `model` from a URL or form value, or None when it cannot name a row:
    integer keys through `parse_pk`, other keys (the directory's HSDS UUIDs) through the
    key field's own parsing."""
    field = model._meta.pk
    if field is None or field.get_internal_type() in _INTEGER_KEYS:
        return parse_pk(raw_id)
    if raw_id is None or isinstance(raw_id, bool):
        return None
    try:
        return field.to_python(raw_id)
    except (ValidationError, TypeError, ValueError):
        return None


def follow(obj: Any, path: Path) -> Any:
    """Follow `path` from `obj`: attribute names joined by `__`, or a function."""
    if path is None or obj is None:
        return None
    if callable(path):
        return path(obj)
    value = obj
    for name in path.split("__"):
        value = getattr(value, name, None)
        if value is None:
            return None
    return value


def deny(
    user: Any,
    *,
    object_type: str,
    raw_id: Any,
    purpose: str,
    person_id: int | None = None,
) -> Http404:
    """Record a refused read and return the 404 to raise (the same for missing and forbidden)."""
    event_record(
        kind=EventKind.ACCESS_DENIED,
        actor=user,
        object_type=object_type,
        object_id=str(raw_id)[:64],
        person_id=person_id,
        purpose=purpose,
    )
    return Http404(_("Siden finnes ikke, eller du har ikke tilgang til den."))


def fetch_or_404(
    user: Any,
    queryset: QuerySet[M],
    raw_id: Any,
    *,
    purpose: str,
    person: Path = None,
    unit: Path = None,
    detail: str = "",
    kind: str = EventKind.READ,
    record: bool = True,
) -> M:
    """The record with this id among `queryset` (what the user may see), or 404.

    - `person`: where the record names the person it is about (`"resident_id"`, `"pk"` for
      a person itself); the read and a refusal are then shown in that person's access log.
      On a refusal the person is looked up among all records, so that attempts on a person
      are visible to the privacy officer even when the user could not open the record.
    - `unit`: the unit through which the user reads (path or function of the record).
    - `record=False` only for records that carry no personal data (rooms, units); the
      refusal is still recorded.
    """
    model = queryset.model
    object_type = object_type_of(model)
    pk = parse_id(model, raw_id)
    found = queryset.filter(pk=pk).first() if pk is not None else None
    if found is None:
        person_id = None
        if pk is not None and isinstance(person, str):
            person_id = model._base_manager.filter(pk=pk).values_list(person, flat=True).first()
        raise deny(
            user, object_type=object_type, raw_id=raw_id, purpose=purpose, person_id=person_id
        )
    if record:
        event_record(
            kind=kind,
            actor=user,
            object_type=object_type,
            object_id=found.pk,
            person_id=follow(found, person),
            unit=follow(found, unit),
            purpose=purpose,
            detail=detail,
        )
    return found
