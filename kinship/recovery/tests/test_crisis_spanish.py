"""The crisis lines in Spanish: in Spanish every help page gives the lines'
own Spanish options (988 and press 2, AYUDA to 988, SAMHSA in Spanish, AYUDA
to 741741), each one tap; so do the email to a support contact and the service
worker's offline text. English pages keep the English lines.

Kinship's words fall back to English without the catalog: the tests look at
the links, numbers and keywords, which are the same in either language."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from kinship.members.models import Member
from kinship.members.tests.personas import Cast, signed_in
from kinship.offline.worker import worker_config
from kinship.recovery.crisis import (
    crisis_advice_for_contacts,
    offline_crisis_text,
    spanish_in_force,
)
from kinship.recovery.models import HelpRequest
from kinship.recovery.services.support import help_request_create, support_contact_add

pytestmark = pytest.mark.django_db

HELP = reverse("recovery:help")
HELP_REQUEST = reverse("recovery:help-request")
# Each Spanish option as its one-tap link.
SPANISH_LINKS = (
    'href="tel:988"',
    'href="sms:988?body=AYUDA"',
    'href="https://988lifeline.org/"',
    'href="tel:+18006624357"',
    'href="sms:741741?body=AYUDA"',
    'href="tel:911"',
)
# "press 2" / "oprime 2": the digit alone, not part of a number.
PRESS_2 = re.compile(r"(?<![\d-])2(?![\d-])")
ENGLISH_ONLY = ('href="sms:988"', 'href="sms:741741?body=HOME"')


def in_spanish(client: Client, code: str = "es") -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = code
    # A signed-in member's own choice comes first: theirs is Spanish too.
    user_id = client.session.get(SESSION_KEY)
    if user_id is not None:
        Member.objects.filter(user_id=user_id).update(language=code)
    return client


def main_of(body: str) -> str:
    return body[body.index('<main id="main"') : body.index("</main>")]


def assert_spanish_lines(html: str) -> None:
    for link in SPANISH_LINKS:
        assert link in html, link
    for link in ENGLISH_ONLY:
        assert link not in html, link
    assert "1-800-662-4357" in html
    assert "AYUDA</a>" in html or "AYUDA to 988" in html or "AYUDA al 988" in html
    assert ">741741</a>" in html
    assert "body=HOME" not in html


def test_the_help_page_in_spanish_gives_the_spanish_options(client: Client) -> None:
    response = in_spanish(client).get(HELP)
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="es">' in body
    assert_spanish_lines(main_of(body))
    # Press 2 is said beside the number (no link can press it).
    main = main_of(body)
    line = main[main.index('href="tel:988"') : main.index('href="tel:+1800')]
    assert PRESS_2.search(line)
    assert "body=HOME" not in body


def test_a_regional_spanish_gets_them_too(client: Client) -> None:
    body = in_spanish(client, "es-MX").get(HELP).content.decode()
    assert_spanish_lines(main_of(body))


def test_the_english_help_page_keeps_the_english_lines(client: Client) -> None:
    main = main_of(client.get(HELP).content.decode())
    for link in (*ENGLISH_ONLY, 'href="tel:988"', 'href="tel:+18006624357"'):
        assert link in main, link
    assert "AYUDA" not in main
    assert "text HOME to" in main


def test_every_page_s_footer_and_the_offline_page_in_spanish(cast: Cast) -> None:
    client = in_spanish(signed_in(cast.alex))
    for url in ("/", reverse("offline:page"), reverse("recovery:warnings")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_spanish_lines(response.content.decode())


def test_the_service_worker_s_offline_text_in_spanish() -> None:
    with translation.override("es"):
        assert spanish_in_force()
        text = worker_config(signed_in=False)["offline_text"]
    for words in ("988", "AYUDA", "741741", "911"):
        assert words in text, words
    assert PRESS_2.search(text)
    assert text == offline_crisis_text_in("es")
    with translation.override("en"):
        assert not spanish_in_force()
        english = worker_config(signed_in=False)["offline_text"]
    assert "AYUDA" not in english
    assert "988" in english


def offline_crisis_text_in(code: str) -> str:
    with translation.override(code):
        return offline_crisis_text()


def _emails() -> list[dict[str, Any]]:
    return [
        row.args_kwargs["kwargs"]["payload"]
        for row in DBTaskResult.objects.filter(queue_name="email").order_by("pk")
    ]


def test_the_email_to_a_contact_gives_the_spanish_lines_in_spanish(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    support_contact_add(by=cast.alex, name="Sam", email="sam@example.net")
    with django_capture_on_commit_callbacks(execute=True), translation.override("es"):
        help_request_create(by=cast.alex)
        advice = crisis_advice_for_contacts()
    (email,) = _emails()
    assert email["to"] == ["sam@example.net"]
    assert advice in email["body"]
    for words in ("911", "988", "AYUDA"):
        assert words in advice, words
    assert PRESS_2.search(advice)
    with translation.override("en"):
        assert "AYUDA" not in crisis_advice_for_contacts()


def test_eve_s_call_for_support_in_spanish_shows_the_lines_and_tells_no_one_of_alex(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    support_contact_add(by=cast.alex, name="Sam", email="sam@example.net")
    client = in_spanish(signed_in(cast.eve))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(HELP_REQUEST, {"message": "Hola"})
    assert response.status_code == 200
    assert_spanish_lines(main_of(response.content.decode()))
    assert list(HelpRequest.objects.values_list("member", flat=True)) == [cast.eve.pk]
    assert _emails() == []
