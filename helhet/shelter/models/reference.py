"""Answer lists: the editable reference data a stay, a call or a visit is registered with."""

from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from helhet.shelter.choices import AnswerList


def options_of(answer_list: str) -> dict[str, str]:
    """`limit_choices_to` of a foreign key to one answer list."""
    return {"answer_list": answer_list}


class AnswerOption(models.Model):
    """One answer in an editable list (a violence type, a destination, a caller group …).

    `code` is stable and is what statistics group by; options are deactivated, never
    deleted or relabelled, so that earlier years keep their meaning.
    """

    answer_list = models.CharField(_("svarliste"), max_length=40, choices=AnswerList.choices)
    code = models.SlugField(_("kode"), max_length=60)
    label = models.CharField(_("tekst (bokmål)"), max_length=120)
    label_en = models.CharField(_("tekst (engelsk)"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("rekkefølge"), default=100)
    is_active = models.BooleanField(_("i bruk"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    deactivated_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["answer_list", "position", "label"]
        verbose_name = _("svaralternativ")
        verbose_name_plural = _("svaralternativer")
        constraints = [
            models.UniqueConstraint(
                fields=["answer_list", "code"], name="shelter_answeroption_unique_code"
            )
        ]

    def __str__(self) -> str:
        return self.display_label

    @property
    def display_label(self) -> str:
        """The label in the active language (English when asked for and present)."""
        if self.label_en and (get_language() or "").startswith("en"):
            return self.label_en
        return self.label
