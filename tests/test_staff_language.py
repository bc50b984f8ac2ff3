"""Staff pages follow the language chosen with the switch; the portal follows its URL."""

from django.urls import reverse

from conftest import login


def test_the_language_switch_turns_staff_pages_english(cast, client):
    login(client, cast.shelter_worker)
    assert "Hopp til hovedinnhold" in client.get(reverse("core:home")).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": reverse("core:home")})
    body = client.get(reverse("core:home")).content.decode()
    assert "Skip to main content" in body
    assert '<html lang="en"' in body


def test_a_language_outside_the_staff_languages_is_ignored_on_staff_pages(cast, client):
    login(client, cast.shelter_worker)
    client.cookies["helhet_language"] = "ar"
    body = client.get(reverse("core:home")).content.decode()
    assert '<html lang="nb"' in body


def test_the_staff_language_cookie_does_not_change_the_bokmal_portal(db, client):
    client.cookies["helhet_language"] = "en"
    response = client.get("/")
    assert '<html lang="nb"' in response.content.decode()
