"""The portal's texts for the demo, in all nine languages. Idempotent.

The demo stores the built-in texts (content.py and the catalogues) as the staff's own,
so that the coordinator can open and edit any page in any language right away. The
Bokmål text goes first, so every translation is recorded as based on its version 1.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import transaction

from helhet.demo.region import Region
from helhet.portal.choices import PageKey
from helhet.portal.models import SOURCE_LANGUAGE, PageText
from helhet.portal.selectors import built_in_content
from helhet.portal.services import page_text_save

# Every page and both blocks; the start page, the safety page, the emergency numbers and
# the quick exit are the ones a visitor meets first.
DEMO_PAGES = [
    PageKey.START,
    PageKey.SAFETY,
    PageKey.EMERGENCY,
    PageKey.EXIT,
    PageKey.INFORMATION,
    PageKey.EMPLOYEES,
    PageKey.ACCESSIBILITY,
    PageKey.ABOUT,
]


def _languages() -> list[str]:
    codes = [code for code, _name in settings.LANGUAGES]
    return [SOURCE_LANGUAGE, *(code for code in codes if code != SOURCE_LANGUAGE)]


@transaction.atomic
def seed(region: Region, stdout: Any) -> list[PageText]:
    """Store each page's text in each language once; a second run changes nothing."""
    actor = region.users["koordinator"]
    existing = set(PageText.objects.values_list("page_key", "language"))
    languages = [code for code in _languages() if _catalogue_compiled(code)]
    skipped = sorted(set(_languages()) - set(languages))
    created = 0
    for key in DEMO_PAGES:
        for language in languages:
            if (key, language) in existing:
                continue
            text = built_in_content(key=key, language=language)
            page_text_save(
                actor=actor,
                page_key=key,
                language=language,
                title=text.title,
                lead=text.lead,
                body=text.body,
                expected_version=0,
                submission_id=uuid.uuid4(),
            )
            created += 1
    texts = list(PageText.objects.filter(page_key__in=DEMO_PAGES))
    stdout.write(f"Portal: {len(texts)} page texts in {len(languages)} languages ({created} new).")
    if skipped:
        stdout.write(
            "Portal: no compiled catalogue for "
            + ", ".join(skipped)
            + " (run manage.py compilemessages); those languages show the built-in texts."
        )
    return texts


def _catalogue_compiled(language: str) -> bool:
    """Whether the built-in texts exist in the language (else they would be stored in
    Bokmål under another language's name)."""
    if language == SOURCE_LANGUAGE:
        return True
    source = built_in_content(key=PageKey.START, language=SOURCE_LANGUAGE)
    return built_in_content(key=PageKey.START, language=language).lead != source.lead
