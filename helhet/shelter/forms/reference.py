"""The form that adds an answer to a list."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from helhet.core.forms import SubmissionForm
from helhet.shelter.choices import AnswerList
from helhet.shelter.forms.fields import choice_field, text_field


class AnswerOptionForm(SubmissionForm):
    answer_list = choice_field(AnswerList.choices, _("Svarliste"))
    label = text_field(_("Tekst (bokmål)"), required=True, max_length=120)
    label_en = text_field(_("Tekst (engelsk)"), max_length=120)
