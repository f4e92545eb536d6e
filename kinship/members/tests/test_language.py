"""Choosing Kinship's language: the switcher on every page (a plain form), the
member's saved choice, the browser's preference otherwise, and ``lang`` on
``<html>`` always the language of the text."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from kinship.members.models import Member
from kinship.members.tests.personas import Cast, signed_in

LANGUAGE = reverse("members:language")
HOME = reverse("directory:home")
PROFILE = reverse("members:profile")


def lang_of(page: str) -> str:
    match = re.search(r'<html lang="([^"]+)">', page)
    assert match, "no lang on <html>"
    return match.group(1)


@pytest.mark.django_db
def test_a_visitor_s_browser_chooses_until_the_switcher_does() -> None:
    visitor = Client(HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    page = visitor.get(HOME).content.decode()
    assert lang_of(page) == "es"
    assert "Necesito apoyo" in page or "Pide ayuda ahora" in page
    # The switcher is a form in the footer: one button per language, each
    # named in itself and marked with its own lang; the current one pressed.
    switcher = page[page.index('class="language-switch"') :]
    switcher = switcher[: switcher.index("</form>")]
    assert f'action="{LANGUAGE}"' in page
    assert (
        'value="en" lang="en" class="button-secondary" aria-pressed="false">English'
        in switcher
    )
    assert (
        'value="es" lang="es" class="button-secondary" aria-pressed="true">Español'
        in (switcher)
    )
    # A visitor's form carries no token and sets no cookie until used.
    assert "csrfmiddlewaretoken" not in switcher

    response = visitor.post(
        LANGUAGE, {"language": "en"}, HTTP_REFERER="http://testserver/meetings/?day=1"
    )
    assert response.status_code == 302
    assert response["Location"] == "http://testserver/meetings/?day=1"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = visitor.get(HOME).content.decode()
    assert lang_of(page) == "en"
    assert "Get help now" in page


@pytest.mark.django_db
def test_the_switcher_never_sends_a_reader_off_the_site() -> None:
    response = Client().post(
        LANGUAGE, {"language": "es"}, HTTP_REFERER="https://evil.example/phish"
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
def test_a_member_s_choice_is_saved_and_beats_the_browser(cast: Cast) -> None:
    client = signed_in(cast.alex)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    page = client.get(HOME).content.decode()
    assert lang_of(page) == "en"
    assert "csrfmiddlewaretoken" in page[page.index('class="language-switch"') :]
    client.post(LANGUAGE, {"language": "es"})
    cast.alex.refresh_from_db()
    assert cast.alex.language == "es"
    # Another device, another browser: the member's own choice still wins.
    other = signed_in(cast.alex)
    other.defaults["HTTP_ACCEPT_LANGUAGE"] = "en-US"
    page = other.get(reverse("members:me")).content.decode()
    assert lang_of(page) == "es"
    assert "Mi recuperación" in page


@pytest.mark.django_db
def test_a_forged_post_does_not_change_a_member_s_saved_language(
    cast: Cast,
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.alex.user)
    client.post(LANGUAGE, {"language": "es"})  # no token: from another site
    cast.alex.refresh_from_db()
    assert cast.alex.language == ""


@pytest.mark.django_db
def test_a_language_kinship_does_not_speak_is_refused(cast: Cast) -> None:
    client = signed_in(cast.alex)
    response = client.post(LANGUAGE, {"language": "xx"})
    assert response.status_code == 302
    cast.alex.refresh_from_db()
    assert cast.alex.language == ""
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.django_db
def test_the_profile_sets_the_language_or_leaves_it_to_the_browser(
    cast: Cast,
) -> None:
    client = signed_in(cast.alex)
    form = client.get(PROFILE).content.decode()
    assert 'name="language" value="es"' in form
    data: dict[str, Any] = {
        "display_name": "Alex K.",
        "focus": "",
        "timezone": "America/New_York",
        "roster_name": "display_name",
        "language": "es",
    }
    assert client.post(PROFILE, data).status_code == 302
    cast.alex.refresh_from_db()
    assert cast.alex.language == "es"
    assert "Tu perfil está guardado" in client.get(PROFILE).content.decode()
    client.post(PROFILE, {**data, "language": ""})
    cast.alex.refresh_from_db()
    assert cast.alex.language == ""
    refused = client.post(PROFILE, {**data, "language": "fr"})
    assert refused.status_code == 200
    cast.alex.refresh_from_db()
    assert cast.alex.language == ""


@pytest.mark.django_db
def test_sign_up_keeps_the_language_the_person_signed_up_in() -> None:
    visitor = Client(HTTP_ACCEPT_LANGUAGE="es")
    response = visitor.post(
        reverse("account_signup"),
        {
            "display_name": "Rosa M.",
            "email": "rosa@example.org",
            "password1": "a long calm river 42",
            "password2": "a long calm river 42",
        },
    )
    assert response.status_code == 302
    assert Member.objects.get(display_name="Rosa M.").language == "es"


@pytest.mark.django_db
def test_eve_s_choice_changes_only_eve(cast: Cast) -> None:
    signed_in(cast.eve).post(LANGUAGE, {"language": "es"})
    languages = dict(Member.objects.values_list("display_name", "language"))
    assert languages.pop("Eve") == "es"
    assert set(languages.values()) == {""}
