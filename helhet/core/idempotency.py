"""One way to make a creating form safe against double submits.

Every form that creates something carries a hidden submission id (`core.forms.SubmissionForm`).
The service that creates runs its write inside `once(...)`: the first post with an id claims
it (a unique row in `core_submission`, written in the same transaction as what it creates);
a second post with the same id — a double click, a reload, a retry after a timeout — gets
back what the first one made. Two posts racing with the same id collide on the unique key:
the loser waits for the winner's transaction and then returns the winner's result, never a
500 and never a second record. If the write fails (a rule is broken), the claim is rolled
back with it, so the user can correct the form and send it again.

The id is bound to the user who claimed it: another user replaying it is refused.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.apps import apps
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from helhet.core.errors import DomainError
from helhet.core.models import Submission

T = TypeVar("T", bound=models.Model)


class SubmissionError(DomainError):
    """A submission id was missing, reused by someone else, or points at nothing."""


def _key(value: Any) -> uuid.UUID:
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        raise SubmissionError(
            _("Skjemaet mangler en intern kode. Last inn siden på nytt og prøv igjen.")
        ) from None


def once(*, actor: Any, submission_id: Any, create: Callable[[], T]) -> T:
    """Run `create` once per submission id and return its result (a saved model instance).

    A missing or malformed id is refused: a creating post without one is never accepted
    silently. `create` may write several rows; the row it returns is the one remembered.
    """
    key = _key(submission_id)
    with transaction.atomic():
        try:
            # The savepoint lets us recover from the unique violation inside the outer
            # transaction; on PostgreSQL the insert waits for a racing winner to commit.
            with transaction.atomic():
                claim = Submission.objects.create(key=key, actor_id=getattr(actor, "pk", None))
        except IntegrityError:
            replayed: T = _replayed(key, actor=actor)
            return replayed
        result = create()
        claim.object_type = result._meta.label_lower
        claim.object_id = str(result.pk)
        claim.save(update_fields=["object_type", "object_id"])
        return result


def _replayed(key: uuid.UUID, *, actor: Any) -> Any:
    earlier = Submission.objects.filter(key=key).first()
    if earlier is None or earlier.actor_id != getattr(actor, "pk", None):
        raise SubmissionError(_("Skjemaet er utløpt. Last inn siden på nytt og prøv igjen."))
    found = None
    if earlier.object_type:
        model = apps.get_model(earlier.object_type)
        found = model._default_manager.filter(pk=earlier.object_id).first()
    if found is None:
        raise SubmissionError(
            _("Dette skjemaet er allerede sendt. Last inn siden på nytt for å gjøre det igjen.")
        )
    return found
