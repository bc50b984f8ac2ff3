"""Chokepoint for persons: the only way a view fetches one.

404 for "does not exist" and for "not yours", alike; every read and every refusal is
written to the audit log.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _

from helhet.audit.choices import EventKind
from helhet.audit.services import event_record
from helhet.people.models import Person
from helhet.people.selectors import PERSON_OBJECT_TYPE, visible_persons


def get_person_for(user: Any, person_id: Any, *, purpose: str) -> Person:
    """The person with this id if the user may see them; the read is audited."""
    try:
        pk = int(person_id)
    except (TypeError, ValueError):
        pk = None
    person = (
        visible_persons(user=user).select_related("key").filter(pk=pk).first()
        if pk is not None
        else None
    )
    if person is None:
        event_record(
            kind=EventKind.ACCESS_DENIED,
            actor=user,
            object_type=PERSON_OBJECT_TYPE,
            object_id=str(person_id)[:64],
            person_id=pk if pk is not None and Person.objects.filter(pk=pk).exists() else None,
            purpose=purpose,
        )
        raise Http404(_("Personen finnes ikke, eller du har ikke tilgang."))
    event_record(
        kind=EventKind.READ,
        actor=user,
        object_type=PERSON_OBJECT_TYPE,
        object_id=person.pk,
        person_id=person.pk,
        purpose=purpose,
    )
    return person
