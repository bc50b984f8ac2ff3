"""Reads of the answer lists."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from helhet.shelter.choices import AnswerList
from helhet.shelter.models import AnswerOption


def answer_options(answer_list: str, *, include: Iterable[int] = ()) -> QuerySet[AnswerOption]:
    """Active options of a list, plus any inactive ones a record already uses (so an edit
    form can still show them)."""
    return AnswerOption.objects.filter(
        Q(answer_list=answer_list) & (Q(is_active=True) | Q(pk__in=list(include)))
    ).order_by("position", "label")


def answer_lists() -> dict[str, list[AnswerOption]]:
    lists: dict[str, list[AnswerOption]] = {value: [] for value in AnswerList.values}
    for option in AnswerOption.objects.order_by("answer_list", "position", "label"):
        lists.setdefault(option.answer_list, []).append(option)
    return lists
