"""Friendly error pages: no stack trace, an incident id that is also logged."""

import logging

from django.test import RequestFactory

from helhet.core.views import permission_denied, server_error


def test_an_unknown_address_gets_the_friendly_404_page(db, client):
    response = client.get("/ansatt/finnes-ikke/")
    assert response.status_code == 404
    assert "Siden finnes ikke" in response.content.decode()


def test_the_500_page_shows_the_incident_id_and_logs_it(caplog):
    request = RequestFactory().get("/ansatt/")
    request.request_id = "abc123incident"
    with caplog.at_level(logging.ERROR):
        response = server_error(request)
    body = response.content.decode()
    assert response.status_code == 500
    assert "abc123incident" in body
    assert "Traceback" not in body
    assert any("abc123incident" in record.getMessage() for record in caplog.records)


def test_the_403_page_explains_and_shows_no_detail():
    request = RequestFactory().get("/ansatt/")
    response = permission_denied(request, PermissionError("internal detail"))
    body = response.content.decode()
    assert response.status_code == 403
    assert "Du har ikke tilgang" in body
    assert "internal detail" not in body
