"""The start-page panel that tells the coordinator which services need checking."""

import pytest
from django.test import override_settings
from django.urls import reverse

from helhet.directory.tests.factories import published_service

pytestmark = pytest.mark.django_db

PANEL = ["helhet.directory.panels.services_to_reverify"]


@override_settings(HELHET_HOME_PANELS=PANEL)
def test_the_coordinator_sees_how_many_services_need_checking(cast, client, login_as):
    published_service(cast.coordinator)
    login_as(cast.coordinator)
    html = client.get(reverse("core:home")).content.decode()
    assert "Hjelpekatalogen trenger kontroll" in html
    assert "1 tjeneste er ikke kontrollert" in html
    assert reverse("directory:reverify_list") in html


@override_settings(HELHET_HOME_PANELS=PANEL)
def test_other_staff_do_not_see_the_panel(cast, client, login_as):
    published_service(cast.coordinator)
    login_as(cast.shelter_worker)
    assert "Hjelpekatalogen" not in client.get(reverse("core:home")).content.decode()


@override_settings(HELHET_HOME_PANELS=PANEL)
def test_there_is_no_panel_when_everything_is_checked(cast, client, login_as):
    from helhet.directory.services import service_verify

    service_verify(actor=cast.coordinator, service=published_service(cast.coordinator))
    login_as(cast.coordinator)
    assert "trenger kontroll" not in client.get(reverse("core:home")).content.decode()
