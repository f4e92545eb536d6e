"""The toolkit's starter texts are copied into a founder's draft in the
founder's language: rendered when copied, never fixed when the code loads.

The Spanish catalog is built elsewhere; these tests give the "es" catalog a
few entries of their own, so they hold whatever the catalog says."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import trans_real

from kinship.directory.models import Program
from kinship.members.models import Member
from kinship.members.tests.personas import signed_in
from kinship.toolkit import starter_texts
from kinship.toolkit.models import GroupDraft

from .flow import basics_post, program_create, step_url, structure_post

NEW = reverse("toolkit:group-new")

SPANISH = {"Accept-Language": "es"}
ENGLISH = {"Accept-Language": "en"}
GUIDELINES_ES = (
    "Compartimos desde nuestra propia experiencia, hablando en primera persona."
)
CHECK_IN_ES = "Hagamos una ronda: tu nombre y una o dos palabras sobre cómo llegas hoy."
LIFELINE_ES = "Línea 988 de Prevención del Suicidio y Crisis (llama o escribe al 988)"


def msgid(text: object) -> str:
    """The English source of a lazy translation."""
    with translation.override(None):
        return str(text)


def smart_check_in_script() -> str:
    return starter_texts.style_sections("smart")[1]["script"]


@pytest.fixture
def spanish_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    """Spanish for three starter texts, in the "es" catalog for this test only."""
    with translation.override(None):
        check_in = smart_check_in_script()
    # Django's TranslationCatalog: its first dict wins over the others.
    catalog: Any = trans_real.translation("es")._catalog  # type: ignore[attr-defined]
    first = catalog._catalogs[0]
    monkeypatch.setitem(first, msgid(starter_texts.GUIDELINES), GUIDELINES_ES)
    monkeypatch.setitem(first, check_in, CHECK_IN_ES)
    monkeypatch.setitem(
        first, "988 Suicide & Crisis Lifeline (call or text 988)", LIFELINE_ES
    )


@pytest.fixture
def program(db: None) -> Program:
    return program_create()


def test_the_texts_are_rendered_when_copied_in_the_language_in_force(
    spanish_catalog: None,
) -> None:
    with translation.override("es"):
        assert starter_texts.safety_texts()["guidelines"] == GUIDELINES_ES
        assert smart_check_in_script() == CHECK_IN_ES
        assert starter_texts.national_resources()[0]["title"] == LIFELINE_ES
        # Names stay names, addresses stay addresses.
        assert starter_texts.national_resources()[2]["title"] == "FindTreatment.gov"
        assert starter_texts.national_resources()[0]["url"] == (
            "https://988lifeline.org/"
        )
    with translation.override("en"):
        assert starter_texts.safety_texts()["guidelines"].startswith(
            'We share from our own experience, using "I"'
        )
        assert smart_check_in_script().startswith("Let's go round")
        assert starter_texts.national_resources()[0]["title"] == (
            "988 Suicide & Crisis Lifeline (call or text 988)"
        )
    # What was copied is plain text, the draft's own words from now on.
    with translation.override("es"):
        copied = starter_texts.safety_texts()
    assert type(copied["guidelines"]) is str
    with translation.override("en"):
        assert copied["guidelines"] == GUIDELINES_ES


def draft_after_basics(client: Client, program: Program) -> GroupDraft:
    response = client.post(NEW, basics_post(program), headers=SPANISH)
    assert response.status_code == 302, response.content
    return GroupDraft.objects.latest("pk")


@pytest.mark.django_db
def test_a_spanish_founders_draft_starts_from_the_spanish_texts(
    alex: Member, program: Program, spanish_catalog: None
) -> None:
    client = signed_in(alex)
    draft = draft_after_basics(client, program)
    safety = client.get(step_url(draft, "safety"), headers=SPANISH)
    assert escape(GUIDELINES_ES) in safety.content.decode()
    assert escape(msgid(starter_texts.GUIDELINES)) not in safety.content.decode()
    # The founder keeps the words as shown: the draft now holds them.
    initial = safety.context["form"].initial
    response = client.post(step_url(draft, "safety"), initial, headers=SPANISH)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.data["safety"]["guidelines"] == GUIDELINES_ES
    # A dual recovery group starts from a structure with a check-in round.
    structure = client.get(step_url(draft, "structure"), headers=SPANISH)
    assert escape(CHECK_IN_ES) in structure.content.decode()
    for step, data in (
        ("structure", structure_post()),
        ("team", {"role": "facilitator"}),
    ):
        assert client.post(step_url(draft, step), data).status_code == 302
    resources = client.get(step_url(draft, "resources"), headers=SPANISH)
    assert escape(LIFELINE_ES) in resources.content.decode()
    assert "(call or text 988)" not in resources.content.decode()


@pytest.mark.django_db
def test_an_english_founder_gets_the_english_texts(
    alex: Member, program: Program, spanish_catalog: None
) -> None:
    client = signed_in(alex)
    response = client.post(NEW, basics_post(program), headers=ENGLISH)
    assert response.status_code == 302
    draft = GroupDraft.objects.latest("pk")
    page = client.get(step_url(draft, "safety"), headers=ENGLISH).content.decode()
    assert escape(msgid(starter_texts.GUIDELINES)).split("\n")[0] in page
    assert escape(GUIDELINES_ES) not in page


@pytest.mark.django_db
def test_eve_cannot_open_a_spanish_founders_draft(
    alex: Member, eve: Member, program: Program, spanish_catalog: None
) -> None:
    draft = draft_after_basics(signed_in(alex), program)
    response = signed_in(eve).get(step_url(draft, "safety"), headers=SPANISH)
    assert response.status_code == 404
    assert GUIDELINES_ES not in response.content.decode()
