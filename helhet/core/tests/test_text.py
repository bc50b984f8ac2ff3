"""Short texts lose the invisible characters that reorder what is shown."""

from __future__ import annotations

import unicodedata

import pytest

from helhet.core.text import BIDI_CONTROLS, clean_text


@pytest.mark.parametrize("control", list(BIDI_CONTROLS))
def test_it_removes_each_directional_formatting_character(control):
    assert clean_text(f"Kari{control} Nordmann") == "Kari Nordmann"


def test_it_removes_an_override_that_would_show_a_name_backwards():
    # Shown as "Kari nnamdroN" by a browser; stored, it would mislead whoever reads it.
    assert clean_text("Kari \u202eNordmann\u202c") == "Kari Nordmann"


def test_it_removes_isolates_around_a_hidden_part():
    assert clean_text("\u2066Ola\u2069 \u2067Hansen\u2069") == "Ola Hansen"


def test_it_keeps_right_to_left_letters_and_the_joiners_some_scripts_need():
    arabic = "فاطمة"
    persian = "می\u200cخواهم"
    assert clean_text(f" {arabic} ") == arabic
    assert clean_text(persian) == persian


def test_it_normalises_to_composed_characters():
    decomposed = "Bjo\u0308rn A\u030asen"
    cleaned = clean_text(decomposed)
    assert cleaned == "Björn Åsen"
    assert unicodedata.is_normalized("NFC", cleaned)


def test_it_trims_and_keeps_inner_spaces_and_line_breaks():
    assert clean_text("  To  ord\nog en linje  ") == "To  ord\nog en linje"


@pytest.mark.parametrize("empty", [None, "", "   ", "\u202e\u202c"])
def test_it_gives_an_empty_text_for_nothing(empty):
    assert clean_text(empty) == ""
