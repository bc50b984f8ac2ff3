"""The public pages: nine languages, the same frame on every page, no traces."""

from __future__ import annotations

import re
import uuid
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from helhet.core.policy import view_policy
from helhet.portal.choices import PageKey
from helhet.portal.content import EMERGENCY_NUMBERS
from helhet.portal.services import page_text_save
from helhet.portal.tests.support import published_service

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
CONTENT_PAGES = [
    "portal:start",
    "portal:information",
    "portal:find_help",
    "portal:safety",
    "portal:employees",
    "portal:accessibility",
    "portal:about",
]
# Words that must never be in a tab title: the title shows in the history and the tab bar.
GIVEAWAYS = re.compile(r"vold|violence|overgrep|abuse|krise|crisis|przemoc|насил|smurt|عنف", re.I)


def url(name: str, language: str, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


class Page(HTMLParser):
    """The parts of a page the tests look at."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.html_attrs: dict[str, str | None] = {}
        self.title = ""
        self.in_title = False
        self.links: list[dict[str, str | None]] = []
        self.resources: list[str] = []
        self.order: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        values = dict(attrs)
        if tag == "html":
            self.html_attrs = values
        elif tag == "title":
            self.in_title = True
        elif tag == "a":
            self.links.append(values)
        if tag in {"script", "img", "iframe", "source", "video", "audio"} and values.get("src"):
            self.resources.append(values["src"] or "")
        if tag == "link" and values.get("href"):
            self.resources.append(values["href"] or "")
        if tag in {"header", "aside", "main", "footer"}:
            self.order.append(tag)

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self.in_title:
            self.title += data


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", CONTENT_PAGES)
def test_every_page_answers_in_every_language_with_lang_and_direction(client, name, language):
    response = client.get(url(name, language))
    assert response.status_code == 200
    page = Page(response.content.decode())
    assert page.html_attrs["lang"] == language
    assert page.html_attrs["dir"] == ("rtl" if language == "ar" else "ltr")


def test_bokmal_has_no_prefix_and_the_others_have_their_own(client):
    assert url("portal:start", "nb") == "/"
    assert url("portal:information", "nb") == "/informasjon/"
    assert url("portal:information", "ar") == "/ar/informasjon/"
    assert url("portal:exit", "nb") == "/exit"


@pytest.mark.parametrize("name", [*CONTENT_PAGES, "portal:service_detail"])
def test_public_pages_set_no_cookie_and_are_never_stored(client, name):
    kwargs = {"service_id": published_service().pk} if name == "portal:service_detail" else {}
    response = client.get(url(name, "nb", **kwargs))
    assert response.status_code == 200
    assert response.cookies == {}
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert "default-src 'self'" in response["Content-Security-Policy"]


def test_every_public_page_without_a_post_form_is_cookieless_in_the_policy():
    for name in [*CONTENT_PAGES, "portal:service_detail"]:
        assert view_policy()[name].cookieless, name


@pytest.mark.parametrize("language", ["nb", "en", "pl", "uk", "ar"])
@pytest.mark.parametrize("name", CONTENT_PAGES)
def test_tab_titles_say_nothing_about_violence(client, name, language):
    page = Page(client.get(url(name, language)).content.decode())
    assert page.title.strip()
    assert not GIVEAWAYS.search(page.title), page.title


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_quick_exit_is_the_first_link_and_leads_to_our_own_exit(client, language):
    page = Page(client.get(url("portal:information", language)).content.decode())
    first = page.links[0]
    assert first["href"] == url("portal:exit", language)
    assert "data-exit" in first


@pytest.mark.parametrize("name", CONTENT_PAGES)
def test_the_emergency_numbers_are_in_the_same_place_on_every_page(client, name):
    html = client.get(url(name, "nb")).content.decode()
    page = Page(html)
    # Header, then the numbers, then the page's own content, then the footer.
    assert page.order[:4] == ["header", "aside", "main", "footer"]
    emergency = html[html.index("<aside") : html.index("</aside>")]
    for line in EMERGENCY_NUMBERS:
        assert f'href="tel:{line.dial}"' in emergency
        assert line.number in emergency
    assert [n.number for n in EMERGENCY_NUMBERS] == [
        "112",
        "113",
        "110",
        "02800",
        "116 117",
        "116 006",
        "116 111",
    ]


def test_the_language_links_lead_to_the_same_page_named_in_their_own_language(client):
    page = Page(client.get(url("portal:safety", "en")).content.decode())
    languages = {link["lang"]: link for link in page.links if link.get("hreflang")}
    assert languages["nb"]["href"] == "/trygg-pa-nett/"
    assert languages["ar"]["href"] == "/ar/trygg-pa-nett/"
    assert languages["en"]["aria-current"] == "true"
    html = client.get(url("portal:safety", "en")).content.decode()
    for _code, name in settings.LANGUAGES:
        assert f">{name}</a>" in html


def test_the_language_links_keep_a_search(client):
    page = Page(client.get("/finn-hjelp/?q=sinne&need=uses_violence").content.decode())
    polish = next(link for link in page.links if link.get("hreflang") == "pl")
    assert polish["href"] == "/pl/finn-hjelp/?q=sinne&need=uses_violence"


@pytest.mark.parametrize("name", [*CONTENT_PAGES, "portal:service_detail"])
def test_nothing_is_loaded_from_another_host(client, name):
    kwargs = {"service_id": published_service().pk} if name == "portal:service_detail" else {}
    page = Page(client.get(url(name, "nb", **kwargs)).content.decode())
    assert page.resources
    for resource in page.resources:
        assert resource.startswith("/") and not resource.startswith("//"), resource


def test_the_start_page_works_before_any_text_is_saved_in_every_language(client):
    nb = client.get("/").content.decode()
    assert "Hjelp ved vold i nære relasjoner" in nb
    assert "Jeg blir utsatt for vold" in nb
    assert "Jeg er bekymret for noen" in nb
    assert "Jeg bruker vold, eller er redd for å gjøre det" in nb
    english = client.get("/en/").content.decode()
    assert "Hjelp ved vold" not in english
    assert "Forlat siden" not in english


def test_a_saved_text_replaces_the_built_in_text_in_its_own_language_only(client, cast):
    page_text_save(
        actor=cast.coordinator,
        page_key=PageKey.SAFETY,
        language="pl",
        title="Bezpiecznie w sieci – nowa wersja",
        lead="Krótki wstęp.",
        body="## Nagłówek\n\nAkapit.",
        expected_version=0,
        submission_id=uuid.uuid4(),
    )
    polish = client.get("/pl/trygg-pa-nett/").content.decode()
    assert "Bezpiecznie w sieci – nowa wersja" in polish
    assert '<h2 class="ds-heading" data-size="sm">Nagłówek</h2>' in polish
    assert "Bezpiecznie w sieci – nowa wersja" not in client.get("/trygg-pa-nett/").content.decode()


def test_a_saved_exit_label_shows_on_the_button(client, cast):
    page_text_save(
        actor=cast.coordinator,
        page_key=PageKey.EXIT,
        language="nb",
        title="Gå til yr.no",
        lead="",
        body="ignored for a block",
        expected_version=0,
        submission_id=uuid.uuid4(),
    )
    page = Page(client.get("/om/").content.decode())
    html = client.get("/om/").content.decode()
    assert page.links[0]["id"] == "quick-exit"
    assert ">Gå til yr.no</a>" in html


def test_staff_text_cannot_put_markup_on_a_public_page(client, cast):
    page_text_save(
        actor=cast.coordinator,
        page_key=PageKey.ABOUT,
        language="nb",
        title="<script>alert(1)</script>",
        lead='<img src="https://example.org/x.png">',
        body="[klikk](javascript:alert(1))\n\n<b>fet</b>",
        expected_version=0,
        submission_id=uuid.uuid4(),
    )
    html = client.get("/om/").content.decode()
    assert "<script>alert(1)" not in html
    assert '<img src="https://example.org' not in html
    assert 'href="javascript:' not in html
    assert "&lt;b&gt;fet&lt;/b&gt;" in html


def test_a_page_only_answers_get(client):
    assert client.post("/", {}).status_code in {403, 405}
    assert client.put("/informasjon/").status_code == 405


def test_the_helpline_number_in_arabic_text_reads_in_its_own_order(client):
    # Right-to-left text shows "116 006" as "006 116" (two runs of digits); the Arabic
    # catalogue joins the groups with a no-break space, which keeps them one number.
    # (The emergency numbers at the top are set apart as left-to-right by the template.)
    information = client.get(url("portal:information", "ar")).content.decode()
    nothing_found = client.get(url("portal:find_help", "ar"), {"q": "zzzzzz"}).content.decode()
    for html in (information, nothing_found):
        assert "على الرقم 116\u00a0006" in html
        assert "على الرقم 116 006" not in html
