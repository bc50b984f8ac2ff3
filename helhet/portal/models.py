"""The portal's editable texts: one row per page (or block) and language.

Bokmål is the source. Every change to a text raises its `version`; a translation records
in `source_version` which version of the Bokmål text it was written from, so staff can
see which translations have fallen behind. Version 0 of the Bokmål text is the built-in
text in `content.py` (used until staff save their own).

Nothing about visitors is stored anywhere in the portal.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from helhet.core.models import TimeStampedModel
from helhet.portal.choices import PageKey

SOURCE_LANGUAGE = "nb"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class PageText(TimeStampedModel):
    """The text of one portal page or block in one language."""

    page_key = models.CharField(_("side"), max_length=20, choices=PageKey.choices)
    language = models.CharField(_("språk"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("overskrift"), max_length=200)
    lead = models.TextField(_("ingress"), max_length=1000, blank=True)
    body = models.TextField(_("brødtekst"), max_length=20000, blank=True)
    version = models.PositiveIntegerField(_("versjon"), default=1)
    source_version = models.PositiveIntegerField(
        _("bygger på norsk versjon"), null=True, blank=True
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sist endret av"),
    )

    class Meta:
        ordering = ["page_key", "language"]
        verbose_name = _("sidetekst")
        verbose_name_plural = _("sidetekster")
        constraints = [
            models.UniqueConstraint(
                fields=["page_key", "language"], name="portal_pagetext_unique_language"
            ),
            models.CheckConstraint(
                condition=Q(page_key__in=PageKey.values), name="portal_pagetext_page_key_known"
            ),
            models.CheckConstraint(
                condition=Q(language__in=LANGUAGE_CODES), name="portal_pagetext_language_known"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="portal_pagetext_version_set"),
            # The source has no source; every translation names the version it follows.
            models.CheckConstraint(
                condition=Q(language=SOURCE_LANGUAGE, source_version__isnull=True)
                | (~Q(language=SOURCE_LANGUAGE) & Q(source_version__isnull=False)),
                name="portal_pagetext_source_version_for_translations",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_page_key_display()} ({self.language}, v{self.version})"

    @property
    def is_source(self) -> bool:
        return self.language == SOURCE_LANGUAGE
