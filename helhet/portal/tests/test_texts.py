"""Staff keep the portal's texts: one per page and language, with the Bokmål version each
translation is based on, so that translations that fell behind are visible."""

from __future__ import annotations

import uuid

import pytest
from django.db import transaction
from django.urls import reverse

from helhet.audit.models import Event
from helhet.portal.choices import PageKey, TranslationStatus
from helhet.portal.models import PageText
from helhet.portal.selectors import page_overview
from helhet.portal.services import PortalError, _create, page_text_save

pytestmark = pytest.mark.django_db


def save(cast, language="nb", key=PageKey.SAFETY, expected=None, submission=None, **texts):
    current = PageText.objects.filter(page_key=key, language=language).first()
    return page_text_save(
        actor=cast.coordinator,
        page_key=key,
        language=language,
        title=texts.get("title", f"Tittel {language}"),
        lead=texts.get("lead", "Ingress"),
        body=texts.get("body", "Brødtekst"),
        expected_version=expected if expected is not None else (current.version if current else 0),
        caught_up=texts.get("caught_up", False),
        submission_id=submission or uuid.uuid4(),
    )


def state(key, language):
    page = next(p for p in page_overview() if p.key == key)
    return next(s for s in page.languages if s.language == language)


# --- the service -------------------------------------------------------------------------


def test_a_new_translation_is_based_on_the_current_bokmal_version(cast):
    save(cast, "nb")
    save(cast, "nb", title="Ny tittel")
    polish = save(cast, "pl")
    assert polish.version == 1
    assert polish.source_version == 2
    assert state(PageKey.SAFETY, "pl").status == TranslationStatus.CURRENT


def test_changing_the_bokmal_text_leaves_every_translation_behind(cast):
    save(cast, "nb")
    save(cast, "en")
    save(cast, "ar")
    save(cast, "nb", body="Endret brødtekst")
    assert state(PageKey.SAFETY, "nb").status == TranslationStatus.SOURCE
    assert state(PageKey.SAFETY, "en").status == TranslationStatus.BEHIND
    assert state(PageKey.SAFETY, "ar").status == TranslationStatus.BEHIND
    page = next(p for p in page_overview() if p.key == PageKey.SAFETY)
    # English and Arabic were written from version 1; the other languages are still the
    # built-in texts, made from the built-in Bokmål text (version 0).
    assert {s.language for s in page.behind} == {"nn", "en", "pl", "uk", "lt", "ar", "so", "ti"}


def test_a_translation_catches_up_only_when_the_editor_says_so(cast):
    save(cast, "nb")
    save(cast, "en")
    save(cast, "nb", title="Endret")
    typo_fix = save(cast, "en", title="Typo fixed")
    assert typo_fix.source_version == 1
    assert state(PageKey.SAFETY, "en").is_behind
    caught_up = save(cast, "en", title="Typo fixed", caught_up=True)
    assert caught_up.source_version == 2
    assert caught_up.version == typo_fix.version  # the text did not change
    assert state(PageKey.SAFETY, "en").status == TranslationStatus.CURRENT


def test_a_built_in_translation_is_current_until_bokmal_is_saved(cast):
    assert state(PageKey.START, "so").status == TranslationStatus.BUILT_IN
    assert state(PageKey.START, "nb").status == TranslationStatus.BUILT_IN
    save(cast, "nb", key=PageKey.START)
    assert state(PageKey.START, "so").status == TranslationStatus.BEHIND


def test_the_same_form_sent_twice_saves_once(cast):
    submission = uuid.uuid4()
    first = save(cast, "nb", expected=0, submission=submission)
    events = Event.objects.filter(object_type="portal.pagetext").count()
    again = save(cast, "nb", expected=0, submission=submission)
    assert again.pk == first.pk
    assert again.version == 1
    assert PageText.objects.count() == 1
    assert Event.objects.filter(object_type="portal.pagetext").count() == events


def test_saving_without_a_change_changes_nothing(cast):
    first = save(cast, "nb")
    events = Event.objects.filter(object_type="portal.pagetext").count()
    again = save(cast, "nb", expected=1)
    assert (again.version, again.updated_at) == (first.version, first.updated_at)
    assert Event.objects.filter(object_type="portal.pagetext").count() == events


def test_it_refuses_to_overwrite_what_someone_else_saved_meanwhile(cast):
    save(cast, "nb", expected=0)
    save(cast, "nb", title="Kollegaens endring", expected=1)
    with pytest.raises(PortalError, match="Noen andre har lagret"):
        save(cast, "nb", title="Min endring", expected=1)
    assert PageText.objects.get(language="nb").title == "Kollegaens endring"


def test_a_text_created_meanwhile_is_not_overwritten(cast):
    save(cast, "nb", expected=0, title="Først")
    with pytest.raises(PortalError, match="Noen andre har lagret"):
        save(cast, "nb", expected=0, title="Senere")


def test_two_editors_creating_the_same_text_at_once_end_in_one_row(cast):
    save(cast, "en", expected=0, title="Same")
    # The second request looked before the first one saved, so it tries to insert too.
    with pytest.raises(PortalError), transaction.atomic():
        _create(
            actor=cast.coordinator,
            page_key=PageKey.SAFETY,
            language="en",
            texts=("Different", "Ingress", "Brødtekst"),
        )
    assert PageText.objects.count() == 1


def test_every_save_is_recorded_in_the_audit_log_without_the_text(cast):
    text = save(cast, "nb", body="Hemmelig? Nei, offentlig tekst")
    save(cast, "nb", title="Endret", body="Hemmelig? Nei, offentlig tekst", expected=1)
    events = list(Event.objects.filter(object_type="portal.pagetext").order_by("id"))
    assert [e.kind for e in events] == ["create", "update"]
    assert {e.object_id for e in events} == {str(text.pk)}
    assert events[0].actor_id == cast.coordinator.pk
    assert "offentlig tekst" not in events[0].detail
    assert events[1].detail.endswith("title")


@pytest.mark.parametrize(
    ("key", "language", "title", "field"),
    [
        ("no-such-page", "nb", "T", None),
        (PageKey.ABOUT, "de", "T", "language"),
        (PageKey.ABOUT, "nb", "   ", "title"),
        (PageKey.ABOUT, "nb", "x" * 201, "title"),
    ],
)
def test_it_refuses_what_cannot_be_saved_with_a_readable_message(cast, key, language, title, field):
    with pytest.raises(PortalError) as caught:
        page_text_save(
            actor=cast.coordinator,
            page_key=key,
            language=language,
            title=title,
            lead="",
            body="",
            expected_version=0,
            submission_id=uuid.uuid4(),
        )
    assert caught.value.field == field
    assert caught.value.message


def test_a_block_keeps_no_body(cast):
    block = save(cast, "nb", key=PageKey.EMERGENCY, body="Ignored")
    assert block.body == ""


# --- the staff pages ---------------------------------------------------------------------


def test_the_overview_shows_every_page_and_language_in_few_queries(
    cast, login_as, client, django_assert_max_num_queries
):
    save(cast, "nb")
    save(cast, "pl")
    save(cast, "nb", title="Endret")
    login_as(cast.coordinator)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("portal_staff:page_list"))
    assert response.status_code == 200
    html = response.content.decode()
    for _key, label in PageKey.choices:
        assert str(label) in html
    assert "Henger etter den norske teksten (versjon 1, bygger på norsk 1)" in html
    edit = reverse("portal_staff:page_edit", kwargs={"key": "safety", "language": "ar"})
    assert edit == "/ansatt/portal/safety/ar/"
    assert edit in html


def test_the_editor_starts_from_the_built_in_text_in_that_language(cast, login_as, client):
    login_as(cast.coordinator)
    response = client.get(
        reverse("portal_staff:page_edit", kwargs={"key": "start", "language": "en"})
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["title"] == "Help with violence in close relationships"
    assert form.initial["expected_version"] == 0
    assert 'lang="en" dir="ltr"' in response.content.decode()


def test_arabic_is_edited_right_to_left_beside_the_norwegian_text(cast, login_as, client):
    login_as(cast.coordinator)
    response = client.get(
        reverse("portal_staff:page_edit", kwargs={"key": "safety", "language": "ar"})
    )
    html = response.content.decode()
    assert 'lang="ar" dir="rtl"' in html
    assert "Den norske teksten" in html
    assert "Slik forlater du siden raskt" in html


def test_saving_through_the_page_redirects_and_a_double_post_saves_once(cast, login_as, client):
    login_as(cast.coordinator)
    url = reverse("portal_staff:page_edit", kwargs={"key": "about", "language": "nb"})
    data = {
        "title": "Om oss",
        "lead": "Kort.",
        "body": "## Del\r\n\r\nTekst.",
        "expected_version": 0,
        "submission_id": str(uuid.uuid4()),
    }
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == reverse("portal_staff:page_list")
    text = PageText.objects.get(page_key="about", language="nb")
    assert text.version == 1
    assert text.body == "## Del\n\nTekst."
    assert text.updated_by == cast.coordinator
    assert client.get("/om/").content.decode().count("Om oss") >= 1


def test_a_stale_save_shows_the_error_and_keeps_what_was_typed(cast, login_as, client):
    save(cast, "nb", key=PageKey.ABOUT, expected=0)
    save(cast, "nb", key=PageKey.ABOUT, title="Kollega", expected=1)
    login_as(cast.coordinator)
    url = reverse("portal_staff:page_edit", kwargs={"key": "about", "language": "nb"})
    response = client.post(
        url,
        {
            "title": "Mitt forslag",
            "lead": "",
            "body": "Min tekst",
            "expected_version": 1,
            "submission_id": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Noen andre har lagret denne teksten" in html
    assert 'value="Mitt forslag"' in html
    assert "Min tekst" in html


def test_an_invalid_form_is_shown_again_not_saved(cast, login_as, client):
    login_as(cast.coordinator)
    url = reverse("portal_staff:page_edit", kwargs={"key": "exit", "language": "so"})
    response = client.post(
        url,
        {
            "title": "",
            "lead": "Riix Shift",
            "expected_version": 0,
            "submission_id": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert not PageText.objects.exists()


def test_a_translation_that_fell_behind_asks_whether_it_has_caught_up(cast, login_as, client):
    save(cast, "nb")
    save(cast, "lt")
    save(cast, "nb", title="Nauja", expected=1)
    login_as(cast.coordinator)
    url = reverse("portal_staff:page_edit", kwargs={"key": "safety", "language": "lt"})
    page = client.get(url)
    assert "caught_up" in page.context["form"].fields
    assert (
        "bygger på norsk versjon 1, men den norske teksten er nå versjon 2" in page.content.decode()
    )
    client.post(
        url,
        {
            "title": "Tittel lt",
            "lead": "Ingress",
            "body": "Brødtekst",
            "expected_version": 1,
            "caught_up": "on",
            "submission_id": str(uuid.uuid4()),
        },
    )
    assert PageText.objects.get(page_key="safety", language="lt").source_version == 2
    current = client.get(url)
    assert "caught_up" not in current.context["form"].fields


@pytest.mark.parametrize(("key", "language"), [("nope", "nb"), ("start", "de"), ("start", "NB")])
def test_an_unknown_page_or_language_is_not_found(cast, login_as, client, key, language):
    login_as(cast.coordinator)
    response = client.get(
        reverse("portal_staff:page_edit", kwargs={"key": key, "language": language})
    )
    assert response.status_code == 404


def test_a_save_without_a_submission_id_is_refused_and_keeps_what_was_typed(cast, login_as, client):
    login_as(cast.coordinator)
    url = reverse("portal_staff:page_edit", kwargs={"key": "about", "language": "nb"})
    response = client.post(
        url, {"title": "Om oss", "lead": "Kort.", "body": "", "expected_version": 0}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["submission_id"]
    assert 'value="Om oss"' in response.content.decode()
    assert not PageText.objects.exists()


def test_only_the_directory_keepers_may_edit(cast, login_as, client):
    login_as(cast.shelter_worker)
    url = reverse("portal_staff:page_edit", kwargs={"key": "about", "language": "nb"})
    response = client.post(url, {"title": "Hack", "lead": "", "body": "", "expected_version": 0})
    assert response.status_code == 403
    assert not PageText.objects.exists()


# --- directional formatting characters in titles ----------------------------------------

RLO, PDF, RLM, LRM, NBSP = "\u202e", "\u202c", "\u200f", "\u200e", "\u00a0"


def test_a_title_saved_through_the_page_cannot_show_a_number_in_another_order(
    cast, login_as, client
):
    # A right-to-left override would show the number as "55 44 33 22"; so would a lone
    # right-to-left mark in front of it (Chromium, measured).
    login_as(cast.coordinator)
    url = reverse("portal_staff:page_edit", kwargs={"key": "about", "language": "nb"})
    data = {
        "title": f"Ring {RLO}22 33 44 55{PDF} eller {RLM}116 006",
        "lead": "",
        "body": "",
        "expected_version": 0,
        "submission_id": str(uuid.uuid4()),
    }
    assert client.post(url, data).status_code == 302
    assert PageText.objects.get(page_key="about", language="nb").title == (
        "Ring 22 33 44 55 eller 116 006"
    )
    assert "Ring 22 33 44 55 eller 116 006" in client.get("/om/").content.decode()


def test_an_arabic_title_keeps_its_letters_and_a_number_held_together_by_a_no_break_space(cast):
    # In right-to-left text "116 006" shows as "006 116": the digit groups are two runs.
    # A no-break space is a number separator to the bidi algorithm, so "116\u00a0006"
    # stays one number; it is kept. The left-to-right mark, the other way of holding the
    # groups in order, goes with the other invisible controls.
    title = f"اتصل بالرقم {NBSP.join(('116', '006'))} – Helhet"
    saved = save(cast, "ar", key=PageKey.SAFETY, title=f"{RLM}{title.replace('116', LRM + '116')}")
    assert saved.title == title


def test_a_blocks_short_text_loses_directional_formatting_characters_too(cast):
    saved = save(
        cast, "nb", key=PageKey.EMERGENCY, title="Akutt fare?", lead=f"Ring {RLM}22 33 44 55"
    )
    assert saved.lead == "Ring 22 33 44 55"
