"""Directory data named in the reader's language: languages, generic program
categories and meeting types; the Meeting Guide export keeps the spec's English.

The Spanish tests read the compiled Spanish catalog, as every Spanish page test.
"""

from __future__ import annotations

import io
import re
from html import unescape
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from kinship.directory import names
from kinship.directory.demo_data import GROUPS
from kinship.directory.models import (
    Language,
    Meeting,
    MeetingType,
    Program,
    Visibility,
)
from kinship.directory.services import programs_sync
from kinship.directory.type_choices import type_name
from kinship.directory.vocabularies import (
    LANGUAGES,
    MEETING_GUIDE_LANGUAGE_TYPES,
    PROGRAMS,
)
from kinship.members.models import Member
from kinship.members.tests.personas import signed_in
from kinship.toolkit.forms import BasicsForm

from .factories import GroupFactory, MeetingFactory

GENERIC_PROGRAMS = {"family", "mental-health", "other", "trauma"}
SELECT = r'<select id="{id}"[^>]*>(.*?)</select>'
OPTION = re.compile(r'<option value="([^"]*)"( selected)?>([^<]*)</option>')
RESULT_LINK = re.compile(r'<h3><a href="/meetings/([^/"]+)/">')


def spanish() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="es")


def english() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def options(html: str, select_id: str) -> list[tuple[str, str, bool]]:
    """(value, label, selected) of each option of a select."""
    found = re.search(SELECT.format(id=select_id), html, re.S)
    assert found is not None, select_id
    return [
        (value, unescape(label).strip(), bool(selected))
        for value, selected, label in OPTION.findall(found.group(1))
    ]


def labels(html: str, select_id: str) -> list[str]:
    return [label for value, label, _ in options(html, select_id) if value]


def seed_demo() -> None:
    call_command("seed_demo", stdout=io.StringIO())


# The tables.


def test_every_name_the_vocabularies_and_the_demo_use_has_a_translation() -> None:
    # Every language of the table, the Meeting Guide mapping and the demo data.
    codes = (
        {language.code for language in LANGUAGES}
        | set(MEETING_GUIDE_LANGUAGE_TYPES.values())
        | {code for group in GROUPS for code in group.languages}
    )
    assert codes <= set(names.LANGUAGE_NAMES)
    english_names = {language.code: language.name for language in LANGUAGES}
    for code, name in names.LANGUAGE_NAMES.items():
        # Written in the vocabulary's English: that is what a stored row holds.
        assert names.in_english(name) == english_names[code]
    # Generic categories only: fellowships' names are proper names.
    assert set(names.PROGRAM_NAMES) == GENERIC_PROGRAMS
    for program in PROGRAMS:
        if program.code in GENERIC_PROGRAMS:
            assert names.in_english(names.PROGRAM_NAMES[program.code]) == program.name
    labels = {t.label for p in PROGRAMS for t in p.types}
    descriptions = {t.description for p in PROGRAMS for t in p.types if t.description}
    assert labels <= names.known_type_labels()
    assert descriptions <= names.known_type_descriptions()


def test_a_type_is_named_by_its_meaning_not_its_code() -> None:
    with translation.override("es"):
        # POA means one thing in AA and another in Al-Anon.
        assert type_name("POA", "Proof of Attendance") == "Constancia de asistencia"
        assert type_name("POA", "Parents of Alcoholics") == (
            "Madres y padres de alcohólicos"
        )
        assert type_name("MED", "Meditation") == "Meditación"
        assert type_name("MED", "Medication-Friendly") == "Se respeta la medicación"
        assert type_name("S", "Spanish") == "Español"
        assert type_name("ONL", "Online Meeting") == "Reunión en línea"
        # A label a site admin made up is shown as it is.
        assert type_name("POT", "Sunday Potluck") == "Sunday Potluck"
    with translation.override("en"):
        assert type_name("POA", "Parents of Alcoholics") == "Parents of Alcoholics"
        assert type_name("S", "Spanish") == "Spanish"


def test_languages_and_categories_by_code_unless_the_site_renamed_them() -> None:
    with translation.override("es"):
        assert names.language_name("es", "Spanish") == "Español"
        assert names.language_name("en", "English") == "Inglés"
        assert names.language_name("ase", "American Sign Language") == (
            "Lengua de señas americana"
        )
        assert names.program_name("family", "Family & friends groups") == (
            "Grupos para familiares y amistades"
        )
        assert names.program_name("aa", "Alcoholics Anonymous") == (
            "Alcoholics Anonymous"
        )
        # A row a site admin renamed, or added, keeps the site's own words.
        assert names.language_name("es", "Castilian") == "Castilian"
        assert names.language_name("kl", "Kalaallisut") == "Kalaallisut"
        assert names.program_name("family", "Parents Together") == "Parents Together"
    with translation.override("en"):
        assert names.language_name("es", "Spanish") == "Spanish"
        assert names.program_name("other", "Other peer groups") == "Other peer groups"


def test_names_sort_as_the_reader_reads_them() -> None:
    with translation.override("es"):
        ordered = [str(name) for name in names.by_name(names.LANGUAGE_NAMES.values())]
    assert ordered.index("Amárico") < ordered.index("Árabe") < ordered.index("Chino")
    assert ordered[-1] == "Vietnamita"
    with translation.override("en"):
        ordered = [str(name) for name in names.by_name(names.LANGUAGE_NAMES.values())]
    assert ordered[:3] == ["American Sign Language", "Amharic", "Arabic"]


@pytest.mark.django_db
def test_forms_choosing_rows_list_them_by_their_names_in_the_readers_language() -> None:
    programs_sync()
    form = BasicsForm()  # the new-group toolkit: a program and languages
    language_field: Any = form.fields["languages"]
    program_field: Any = form.fields["program"]

    with translation.override("es"):
        languages = [str(label) for _, label in language_field.choices]
        programs = [str(label) for _, label in program_field.choices]
    assert languages == sorted(languages, key=names.name_order)
    assert languages.index("Español") < languages.index("Inglés")
    assert programs[0] == "Elige un programa"
    assert programs[1:] == sorted(programs[1:], key=names.name_order)
    assert "Grupos para familiares y amistades" in programs
    with translation.override("en"):
        languages = [str(label) for _, label in language_field.choices]
    assert languages.index("English") < languages.index("Spanish")


# The finder.


@pytest.mark.django_db
def test_spanish_finder_names_languages_programs_and_types_in_spanish() -> None:
    seed_demo()

    page = spanish().get("/meetings/", {"program": "aa"}).content.decode()

    languages = labels(page, "id_language")
    assert len(languages) == Language.objects.count()
    assert {"Español", "Inglés", "Lengua de señas americana"} <= set(languages)
    assert not {"Spanish", "English", "American Sign Language"} & set(languages)
    assert languages == [str(name) for name in sorted(languages, key=names.name_order)]
    assert languages.index("Amárico") < languages.index("Árabe")
    programs = labels(page, "id_program")
    assert "Grupos para familiares y amistades" in programs
    assert "Otros grupos de apoyo entre pares" in programs
    assert "Alcoholics Anonymous" in programs  # a fellowship's own name
    assert "Family & friends groups" not in programs
    types = labels(page, "id_type")
    assert {"Libro Grande", "Reflexiones Diarias", "Constancia de asistencia"} <= set(
        types
    )
    assert not {"Big Book", "Daily Reflections", "Proof of Attendance"} & set(types)
    # The results name each meeting's types in Spanish too.
    assert '<span class="type">Reunión en línea</span>' in page
    assert '<span class="type">Online Meeting</span>' not in page
    assert "Child-Friendly" not in page
    assert "Speaker<" not in page


@pytest.mark.django_db
def test_filtering_by_language_es_or_by_its_meeting_guide_code_s() -> None:
    seed_demo()
    in_spanish = set(
        Meeting.objects.filter(languages__code="es").values_list("slug", flat=True)
    )

    shown = {}
    for value in ("es", "S"):
        response = spanish().get("/meetings/", {"language": value})
        assert response.status_code == 200
        page = response.content.decode()
        # The filter shows the language chosen, by its Spanish name.
        assert ("es", "Español", True) in options(page, "id_language")
        shown[value] = set(RESULT_LINK.findall(page))
    assert shown["es"] == shown["S"]
    assert shown["es"]
    assert shown["es"] <= in_spanish
    assert "morning-serenity" not in " ".join(shown["es"])  # an English meeting

    # English readers get the same meetings under the English name.
    page = english().get("/meetings/", {"language": "S"}).content.decode()
    assert ("es", "Spanish", True) in options(page, "id_language")
    assert set(RESULT_LINK.findall(page)) == shown["es"]


@pytest.mark.django_db
def test_english_finder_is_unchanged() -> None:
    programs_sync()

    page = english().get("/meetings/", {"program": "al-anon"}).content.decode()

    languages = labels(page, "id_language")
    assert languages[:3] == ["American Sign Language", "Amharic", "Arabic"]
    assert "Spanish" in languages
    assert "Español" not in languages
    assert "Family & friends groups" in labels(page, "id_program")
    types = labels(page, "id_type")
    assert "Parents of Alcoholics" not in types  # offered as the "Parents" audience
    assert "Adult Children" in types
    assert "Concurrent with AA Meeting" in types


# Meeting and group pages.


@pytest.fixture
def bilingual_meeting(db: None) -> Meeting:
    programs_sync()
    family = Program.objects.get(code="family")
    group = GroupFactory.create(program=family, slug="puentes", name="Puentes")
    group.languages.set(Language.objects.filter(code__in=["en", "es"]))
    return MeetingFactory.create(
        group=group,
        slug="puentes-martes",
        name="Puentes Martes",
        types=list(
            MeetingType.objects.filter(program=family, code__in=["O", "S", "GRF"])
        ),
        languages=list(Language.objects.filter(code="es")),
    )


def test_meeting_page_in_spanish(bilingual_meeting: Meeting) -> None:
    body = spanish().get("/meetings/puentes-martes/").content.decode()

    assert "Idioma: Español" in body
    assert "Grupos para familiares y amistades" in body
    assert "<li>Duelo y pérdida</li>" in body
    assert "<li>Español</li>" in body
    for english_name in ("Spanish", "Grief and Loss", "Family &amp; friends groups"):
        assert english_name not in body


def test_meeting_page_in_english_is_unchanged(bilingual_meeting: Meeting) -> None:
    body = english().get("/meetings/puentes-martes/").content.decode()

    assert "Language: Spanish" in body
    assert "Family &amp; friends groups" in body
    assert "<li>Grief and Loss</li>" in body
    assert "<li>Español</li>" not in body
    assert "Duelo" not in body


def test_group_page_lists_languages_by_their_names_in_each_language(
    bilingual_meeting: Meeting,
) -> None:
    spanish_page = spanish().get("/groups/puentes/").content.decode()
    english_page = english().get("/groups/puentes/").content.decode()

    assert "<dd>Español, Inglés</dd>" in spanish_page
    assert "Grupos para familiares y amistades · " in spanish_page
    assert "<dd>English, Spanish</dd>" in english_page
    assert "Family &amp; friends groups · " in english_page


@pytest.mark.django_db
def test_a_type_description_is_shown_in_spanish() -> None:
    programs_sync()
    aa = Program.objects.get(code="aa")
    MeetingFactory.create(
        slug="closed-step",
        group=GroupFactory.create(program=aa),
        types=[MeetingType.objects.get(program=aa, code="C")],
    )

    body = spanish().get("/meetings/closed-step/").content.decode()

    assert "Las reuniones cerradas son solo para miembros de A.A." in body
    assert "Closed meetings are for A.A. members only" not in body


def test_eve_is_refused_a_private_group_in_spanish_too(
    bilingual_meeting: Meeting, eve: Member
) -> None:
    hidden = GroupFactory.create(
        program=bilingual_meeting.group.program,
        slug="circulo-privado",
        name="Círculo Privado",
        visibility=Visibility.PRIVATE,
    )
    MeetingFactory.create(
        group=hidden,
        slug="circulo-privado-lunes",
        languages=list(Language.objects.filter(code="es")),
    )
    client = signed_in(eve)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"

    for url in ("/meetings/circulo-privado-lunes/", "/groups/circulo-privado/"):
        response = client.get(url)
        assert response.status_code == 404
        assert "Círculo Privado".encode() not in response.content
    finder = client.get("/meetings/", {"language": "S"}).content.decode()
    assert set(RESULT_LINK.findall(finder)) == {"puentes-martes"}


# The export.


@pytest.mark.django_db
def test_the_export_is_the_same_bytes_in_spanish_and_english() -> None:
    seed_demo()

    for path in ("/meetings.json", "/meetings.json?program=aa"):
        bodies = []
        for client in (english(), spanish()):
            response = client.get(path)
            assert response.status_code == 200
            bodies.append(b"".join(response.streaming_content))  # type: ignore[attr-defined]
        assert bodies[0] == bodies[1]
        # The spec's codes, never the names people read.
        text = bodies[1].decode()
        assert '"S"' in text
        assert '"SP"' in text
        assert "Con orador" not in text
        assert "Reunión en línea" not in text


def test_stored_names_stay_in_english_after_spanish_pages(
    bilingual_meeting: Meeting,
) -> None:
    spanish().get("/meetings/puentes-martes/")
    spanish().get("/meetings/", {"language": "es"})

    assert Language.objects.get(code="es").name == "Spanish"
    assert Program.objects.get(code="family").name == "Family & friends groups"
    assert set(bilingual_meeting.types.values_list("label", flat=True)) == {
        "Open",
        "Spanish",
        "Grief and Loss",
    }


def test_calendar_names_the_program_in_the_readers_language(
    bilingual_meeting: Meeting,
) -> None:
    spanish_ics = spanish().get("/meetings/puentes-martes.ics")
    english_ics = english().get("/meetings/puentes-martes.ics")

    assert spanish_ics.status_code == english_ics.status_code == 200
    # Long lines are folded (RFC 5545, 3.1): a line break and a space.
    spanish_text = spanish_ics.content.decode().replace("\r\n ", "")
    english_text = english_ics.content.decode().replace("\r\n ", "")
    assert "(Grupos para familiares y amistades)" in spanish_text
    assert "(Family & friends groups)" in english_text
