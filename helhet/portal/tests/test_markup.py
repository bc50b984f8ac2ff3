"""The small markup staff write the portal's texts in: safe, and enough for plain pages."""

from __future__ import annotations

import pytest

from helhet.portal.markup import render


def test_it_makes_headings_paragraphs_and_lists():
    html = render("## Tittel\n\nEn linje\nsom fortsetter.\n\n- én\n- to\n\n### Under")
    assert html == (
        '<h2 class="ds-heading" data-size="sm">Tittel</h2>\n'
        '<p class="ds-paragraph">En linje som fortsetter.</p>\n'
        '<ul class="ds-list"><li>én</li><li>to</li></ul>\n'
        '<h3 class="ds-heading" data-size="xs">Under</h3>'
    )


def test_it_reads_windows_line_endings():
    assert render("A\r\n\r\nB").count("<p") == 2


def test_it_makes_bold_text():
    assert render("**Ring 112** nå") == '<p class="ds-paragraph"><strong>Ring 112</strong> nå</p>'


@pytest.mark.parametrize(
    "target",
    [
        "/finn-hjelp/",
        "/en/om/?a=1&b=2",
        "tel:116006",
        "tel:+4799001100",
        "mailto:a@b.no",
        "https://www.bufdir.no/",
    ],
)
def test_it_keeps_links_to_our_pages_phones_mail_and_https(target):
    html = render(f"[lenke]({target})")
    assert 'class="ds-link"' in html
    assert ">lenke</a>" in html


@pytest.mark.parametrize(
    "target",
    [
        "javascript:alert(1)",
        "//evil.example/",
        "/\\evil.example/",
        "http://insecure.example/",
        "data:text/html,x",
        "tel:112;x",
    ],
)
def test_it_refuses_links_elsewhere_and_keeps_them_as_text(target):
    html = render(f"[lenke]({target})")
    assert "<a " not in html
    assert "[lenke]" in html


def test_it_escapes_html_before_anything_else():
    html = render('<script>alert(1)</script>\n\n[x"><img src=x onerror=alert(1)>](/ok)')
    assert "<script>" not in html
    assert "<img" not in html
    assert "&lt;script&gt;" in html


def test_an_attribute_cannot_be_broken_out_of():
    html = render('[x](/a"onmouseover="alert(1))')
    assert 'onmouseover="' not in html
