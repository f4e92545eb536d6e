"""Find my group in Spanish: the languages and programs to choose from, and the
program each result belongs to, by their Spanish names; the API keeps the
directory's stored names. Reads the compiled Spanish catalog."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from html import unescape
from typing import Any

import pytest
import time_machine
from django.test import Client

from kinship.directory.models import Language, Program
from kinship.directory.names import name_order
from kinship.directory.services import programs_sync
from kinship.directory.tests.factories import GroupFactory, MeetingFactory
from kinship.matching.models import SavedMatch
from kinship.matching.tests.match_data import NOW, as_post
from kinship.members.tests.personas import Cast, signed_in

pytestmark = pytest.mark.django_db

# Family support on weekday evenings near Philadelphia, in Spanish.
FAMILY_ANSWERS: dict[str, Any] = {
    "focus": "family",
    "slots": ["weekday_evening"],
    "zip": "19103",
    "travel": "car",
    "comfort": "ready",
    "languages": ["es"],
    "programs": [],
    "audience": [],
}
# One checkbox of templates/_choices.html: the input, then its label.
CHOICE = re.compile(
    r'<input type="checkbox" name="(\w+)" value="[^"]*"[^>]*>\s*<label[^>]*>([^<]*)'
)


@pytest.fixture
def family_group(cast: Cast) -> Iterator[Cast]:
    programs_sync()
    group = GroupFactory.create(
        program=Program.objects.get(code="family"),
        slug="puentes-familia",
        name="Puentes Familia",
    )
    group.languages.set(Language.objects.filter(code="es"))
    MeetingFactory.create(
        group=group,
        slug="puentes-familia-miercoles",
        weekday=3,
        start_time=dt.time(19, 0),
        languages=list(Language.objects.filter(code="es")),
    )
    with time_machine.travel(NOW, tick=False):
        yield cast


def in_spanish(client: Client) -> Client:
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    return client


def choice_labels(page: str, name: str) -> list[str]:
    """The labels of a checkbox group, in page order."""
    return [
        unescape(label).strip()
        for field, label in CHOICE.findall(page)
        if field == name
    ]


def test_the_questions_offer_languages_and_programs_by_their_spanish_names(
    family_group: Cast,
) -> None:
    page = in_spanish(Client()).get("/match/").content.decode()

    languages = choice_labels(page, "languages")
    programs = choice_labels(page, "programs")
    assert len(languages) == Language.objects.count()
    assert {"Español", "Inglés", "Lengua de señas americana"} <= set(languages)
    assert "Spanish" not in languages
    assert languages == sorted(languages, key=name_order)
    assert "Grupos para familiares y amistades" in programs
    assert "Alcoholics Anonymous" in programs
    assert "Family & friends groups" not in programs
    assert programs == sorted(programs, key=name_order)


def test_a_result_names_its_program_in_spanish_and_the_api_as_stored(
    family_group: Cast,
) -> None:
    client = in_spanish(Client())
    assert client.post("/match/", as_post(FAMILY_ANSWERS)).status_code == 303

    page = client.get("/match/result/").content.decode()
    api = client.get("/api/v1/match", as_post(FAMILY_ANSWERS)).json()

    assert 'href="/groups/puentes-familia/"' in page
    assert "Grupos para familiares y amistades · " in page
    assert "Family &amp; friends groups" not in page
    result = next(r for r in api["results"] if r["slug"] == "puentes-familia")
    assert result["program"] == "Family & friends groups"
    assert Program.objects.get(code="family").name == "Family & friends groups"


def test_eve_cannot_open_alexs_saved_match_in_spanish(family_group: Cast) -> None:
    alex = in_spanish(signed_in(family_group.alex))
    assert alex.post("/match/", as_post(FAMILY_ANSWERS)).status_code == 303
    assert alex.post("/match/save/", {"label": "Familia"}).status_code in (302, 303)
    saved = SavedMatch.objects.get(member=family_group.alex)
    assert "Grupos para familiares y amistades" in (
        alex.get(f"/me/matches/{saved.pk}/").content.decode()
    )

    eve = in_spanish(signed_in(family_group.eve))
    response = eve.get(f"/me/matches/{saved.pk}/")

    assert response.status_code == 404
    assert b"puentes-familia" not in response.content
