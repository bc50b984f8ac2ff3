"""Keyboard and screen-reader basics on the login pages: labels, autocomplete, the error
summary and its link to the field. (The focus moving to the error summary is checked in
a real browser in test_browser.)"""

from __future__ import annotations

import re

from helhet.accounts.tests.support import (
    LOGIN_URL,
    VERIFY_URL,
    app_for,
    link_for,
    link_url,
    password_step,
)


def _inputs(body: str) -> list[str]:
    return [tag for tag in re.findall(r"<input[^>]*>", body) if 'type="hidden"' not in tag]


def _assert_every_input_has_a_label(body: str) -> None:
    for tag in _inputs(body):
        field_id = re.search(r'id="([^"]+)"', tag).group(1)
        assert f'<label class="ds-label" for="{field_id}">' in body, tag


def test_the_login_form_labels_its_fields_for_password_managers(db, client):
    body = client.get(LOGIN_URL).content.decode()
    _assert_every_input_has_a_label(body)
    assert 'autocomplete="username"' in body
    assert 'autocomplete="current-password"' in body
    assert 'type="password"' in body
    assert "<h1" in body
    assert '<main id="main"' in body
    assert 'href="#main"' in body


def test_a_failed_login_has_an_error_summary_that_takes_focus(db, client):
    body = password_step(client, "nobody", "wrong password").content.decode()
    summary = re.search(r'<div class="ds-error-summary"[^>]*>', body).group(0)
    assert 'role="alert"' in summary
    assert 'tabindex="-1"' in summary
    assert "data-error-summary" in summary
    assert "<title>Feil: Logg inn" in body


def test_a_field_error_is_tied_to_its_field(cast, client):
    app_for(cast.shelter_worker)
    password_step(client, "shelter_worker")
    body = client.post(VERIFY_URL, {"token": "123"}).content.decode()
    token = re.search(r'<input[^>]*name="token"[^>]*>', body).group(0)
    assert 'aria-invalid="true"' in token
    assert "id_token_error" in re.search(r'aria-describedby="([^"]+)"', token).group(1)
    assert 'id="id_token_error"' in body
    # The summary links to the field, so a keyboard user gets there in one step.
    assert '<a class="ds-link" href="#id_token">' in body


def test_the_code_fields_help_one_time_codes_along(cast, client):
    enrol = client.get(link_url(link_for(cast.shelter_worker, cast.admin))).content.decode()
    _assert_every_input_has_a_label(enrol)
    assert 'autocomplete="one-time-code"' in enrol
    assert 'inputmode="numeric"' in enrol
    app_for(cast.colleague)
    password_step(client, "colleague")
    verify = client.get(VERIFY_URL).content.decode()
    _assert_every_input_has_a_label(verify)
    token = re.search(r'<input[^>]*name="token"[^>]*>', verify).group(0)
    # Recovery codes have letters: the keyboard must not be limited to digits.
    assert "inputmode" not in token
    assert "id_token_helptext" in token
