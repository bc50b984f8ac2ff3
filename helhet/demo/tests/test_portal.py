"""The demo loads the portal's texts in all nine languages, once."""

from __future__ import annotations

import io

import pytest
from django.conf import settings

from helhet.demo import portal as demo
from helhet.demo.region import seed_region
from helhet.portal.choices import PageKey, TranslationStatus
from helhet.portal.models import PageText
from helhet.portal.selectors import page_overview

pytestmark = pytest.mark.django_db
LANGUAGES = {code for code, _name in settings.LANGUAGES}


def test_the_demo_stores_every_page_in_every_language_once():
    region = seed_region()
    out = io.StringIO()
    demo.seed(region, out)
    count = PageText.objects.count()
    demo.seed(region, io.StringIO())
    assert PageText.objects.count() == count == len(demo.DEMO_PAGES) * len(LANGUAGES)
    for key in (PageKey.START, PageKey.SAFETY, PageKey.EMERGENCY, PageKey.EXIT):
        stored = set(PageText.objects.filter(page_key=key).values_list("language", flat=True))
        assert stored == LANGUAGES, key
    assert "72 page texts in 9 languages (72 new)" in out.getvalue()


def test_the_demo_translations_are_current_and_written_by_the_coordinator():
    region = seed_region()
    demo.seed(region, io.StringIO())
    for page in page_overview():
        assert page.behind == [], page.key
        assert {state.status for state in page.languages} == {
            TranslationStatus.SOURCE,
            TranslationStatus.CURRENT,
        }
    assert set(PageText.objects.values_list("updated_by__username", flat=True)) == {"koordinator"}


def test_the_demo_texts_are_the_translations_not_bokmal(client):
    demo.seed(seed_region(), io.StringIO())
    arabic = PageText.objects.get(page_key=PageKey.EXIT, language="ar")
    assert arabic.title == "مغادرة الصفحة"
    tigrinya = PageText.objects.get(page_key=PageKey.START, language="ti")
    assert "ሓገዝ" in tigrinya.title
    html = client.get("/so/").content.decode()
    assert PageText.objects.get(page_key=PageKey.START, language="so").title in html


def test_without_compiled_catalogues_the_demo_stores_bokmal_only(settings):
    # A language whose catalogue is missing: its built-in texts would be Bokmål.
    settings.LANGUAGES = [*settings.LANGUAGES, ("de", "Deutsch")]
    out = io.StringIO()
    demo.seed(seed_region(), out)
    assert not PageText.objects.filter(language="de").exists()
    assert "no compiled catalogue for de" in out.getvalue()
