"""The assessments in Spanish: a member whose language is Spanish takes the
published Spanish PHQ-9, its row records the version, and it is scored, flagged
and exported exactly like the English one; results and the clinic's page show
the viewer's language; the BARC-10 stays English with a note; eve is refused.

The instruments' Spanish comes from their own files; Kinship's own words come
from the catalog, or fall back to English without it: on Spanish pages these
tests look at the instruments' words and at marks, not at Kinship's words."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.utils import translation

from kinship.care.consents import consent_grant
from kinship.care.fhir import member_bundle
from kinship.care.instruments import INSTRUMENTS, VERSIONS
from kinship.care.models import Assessment
from kinship.care.services import assessment_take, referral_accept, referral_create
from kinship.members.models import Member
from kinship.members.tests.personas import Cast, signed_in

from .helpers import answers_totalling, clinic_client, clinic_create, form_data

pytestmark = pytest.mark.django_db

PHQ9_FORM = "/me/assessments/phq9/"
BARC10_FORM = "/me/assessments/barc10/"
INDEX = "/me/assessments/"
PHQ9 = INSTRUMENTS["phq9"]
ONLY_ENGLISH = 'class="notice only-in-english"'


def in_spanish(client: Client) -> Client:
    """The client's language is Spanish: the language cookie the switcher
    sets, and the browser's Accept-Language."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "es"
    # A signed-in member's own choice comes first: theirs is Spanish too.
    user_id = client.session.get(SESSION_KEY)
    if user_id is not None:
        Member.objects.filter(user_id=user_id).update(language="es")
    return client


def result_url(assessment: Assessment) -> str:
    return f"/me/assessments/result/{assessment.pk}/"


def stored(assessment: Assessment) -> dict[str, Any]:
    """What a row records of a score (not its id, time or version)."""
    return {
        "instrument": assessment.instrument,
        "answers": assessment.answers,
        "sex": assessment.sex,
        "total": assessment.total,
        "band": assessment.band,
        "flags": assessment.flags,
        "safety": assessment.safety,
        "threshold": assessment.threshold,
    }


def test_alex_takes_the_spanish_phq9_and_it_is_scored_like_the_english(
    cast: Cast,
) -> None:
    spanish = in_spanish(signed_in(cast.alex))
    form = spanish.get(PHQ9_FORM)
    page = form.content.decode()
    assert form.status_code == 200
    assert '<html lang="es">' in page
    assert "Durante las últimas 2 semanas, ¿qué tan seguido ha tenido" in page
    assert "9. Pensamientos de que estaría mejor muerto(a)" in page
    assert '<label for="id_q1_0">Ningún día</label>' in page
    assert "No se requiere permiso para reproducir" in page
    assert "Little interest" not in page
    assert "only-in-english" not in page

    answers = answers_totalling(PHQ9, 12, {"9": 1})
    response = spanish.post(PHQ9_FORM, form_data(answers), follow=True)
    taken = Assessment.objects.get()
    assert (taken.member, taken.language) == (cast.alex, "es")
    assert taken.answers == answers
    assert (taken.total, taken.band, taken.safety) == (12, "moderate", True)
    assert taken.flags == ["safety"]

    result = response.content.decode()
    assert "<strong>Moderada</strong>" in result
    assert "Pensamientos de muerte o de hacerse daño" in result
    assert (
        "Poco interés o placer en hacer cosas — <strong>Casi todos los días" in result
    )
    # Item 9 above 0: the Spanish crisis lines, at the top of the page.
    main = result.split('<main id="main"', 1)[1]
    crisis = main[main.index('id="crisis-now"') : main.index("<h1>")]
    for link in ('href="tel:988"', 'href="sms:988?body=AYUDA"'):
        assert link in crisis
    assert 'href="sms:741741?body=AYUDA"' in crisis
    assert "body=HOME" not in crisis

    # The same answers in English make the same row but for the version.
    Member.objects.filter(pk=cast.alex.pk).update(language="en")
    signed_in(cast.alex).post(PHQ9_FORM, form_data(answers))
    english = Assessment.objects.exclude(pk=taken.pk).get()
    assert english.language == "en"
    assert stored(english) == stored(taken)


def test_a_result_is_shown_in_the_viewer_s_language_with_the_version_answered(
    cast: Cast,
) -> None:
    answers = answers_totalling(PHQ9, 16, {"9": 0})
    # The row records the version answered, not the language of the moment.
    with translation.override("es"):
        english = assessment_take(by=cast.alex, instrument=PHQ9, answers=answers)
    spanish = assessment_take(
        by=cast.alex, instrument=VERSIONS["phq9"]["es"], answers=answers
    )
    assert (english.language, spanish.language) == ("en", "es")
    page = signed_in(cast.alex).get(result_url(spanish)).content.decode()
    assert "Band: <strong>Moderately severe</strong>" in page
    assert "Little interest or pleasure in doing things" in page
    assert "Version answered: Spanish." in page
    page = in_spanish(signed_in(cast.alex)).get(result_url(english)).content.decode()
    assert "<strong>Moderadamente grave</strong>" in page
    assert "Poco interés o placer en hacer cosas" in page
    answered = page.split('id="version-answered">')[1].split("</p>")[0]
    assert "Inglés" in answered
    own = in_spanish(signed_in(cast.alex)).get(result_url(spanish))
    assert 'id="version-answered"' not in own.content.decode()


def test_eve_is_refused_alex_s_spanish_result(cast: Cast) -> None:
    alexs = assessment_take(
        by=cast.alex,
        instrument=VERSIONS["phq9"]["es"],
        answers=answers_totalling(PHQ9, 20, {"9": 2}),
    )
    eve = in_spanish(signed_in(cast.eve))
    assert eve.get(result_url(alexs)).status_code == 404
    index = eve.get(INDEX).content.decode()
    assert "Cuestionario sobre la salud del paciente-9 (PHQ-9)" in index
    assert "Grave" not in index
    assert eve.post(PHQ9_FORM, {}).status_code == 400
    assert not Assessment.objects.filter(member=cast.eve).exists()


def test_the_barc10_stays_in_english_with_a_note_on_spanish_pages(
    cast: Cast,
) -> None:
    spanish = in_spanish(signed_in(cast.alex))
    page = spanish.get(BARC10_FORM).content.decode()
    assert ONLY_ENGLISH in page
    assert '<h1 lang="en">Brief Assessment of Recovery Capital (BARC-10)</h1>' in page
    assert (
        '<legend lang="en">1. There are more important things to me in life '
        "than using substances.</legend>"
    ) in page
    answers = answers_totalling(INSTRUMENTS["barc10"], 47)
    response = spanish.post(BARC10_FORM, form_data(answers), follow=True)
    taken = Assessment.objects.get()
    assert (taken.language, taken.total, taken.band) == ("en", 47, "47_or_more")
    assert ONLY_ENGLISH in response.content.decode()
    index = spanish.get(INDEX).content.decode()
    barc10 = index.split('id="instrument-barc10-heading"')[1].split("</section>")[0]
    assert 'class="small only-in-english"' in barc10
    phq9 = index.split('id="instrument-phq9-heading"')[1].split("</section>")[0]
    assert "only-in-english" not in phq9
    Member.objects.filter(pk=cast.alex.pk).update(language="en")
    english = signed_in(cast.alex).get(BARC10_FORM).content.decode()
    assert "only-in-english" not in english
    assert "<legend>1. There are more important things" in english


def test_the_index_lists_the_spanish_versions_and_spanish_bands(cast: Cast) -> None:
    assessment_take(
        by=cast.alex,
        instrument="gad7",
        answers=answers_totalling(INSTRUMENTS["gad7"], 7),
    )
    page = in_spanish(signed_in(cast.alex)).get(INDEX).content.decode()
    assert "Escala del trastorno de ansiedad generalizada (GAD-7)" in page
    gad7 = page.split('id="instrument-gad7-heading"')[1].split("</section>")[0]
    assert "<td>Leve</td>" in gad7
    assert 'href="/me/assessments/gad7/"' in gad7


def test_the_fhir_export_is_the_same_whichever_version_was_answered(
    cast: Cast,
) -> None:
    answers = answers_totalling(PHQ9, 11, {"9": 1})
    audit = answers_totalling(INSTRUMENTS["auditc"], 4)
    for instrument in (PHQ9, VERSIONS["phq9"]["es"]):
        assessment_take(by=cast.alex, instrument=instrument, answers=answers)
    for instrument in (INSTRUMENTS["auditc"], VERSIONS["auditc"]["es"]):
        assessment_take(by=cast.alex, instrument=instrument, answers=audit, sex="men")
    with translation.override("es"):
        bundle = member_bundle(cast.alex).model_dump(mode="json")
    resources = [entry["resource"] for entry in bundle["entry"]]

    def without_ids(resource: dict[str, Any]) -> dict[str, Any]:
        dropped = ("id", "authored", "effectiveDateTime", "derivedFrom")
        return {key: value for key, value in resource.items() if key not in dropped}

    # Newest first: response, total for each; auditc es, auditc en, phq9 es, en.
    auditc_es, auditc_en, phq9_es, phq9_en = (
        resources[0:2],
        resources[2:4],
        resources[4:6],
        resources[6:8],
    )
    for spanish, english in ((auditc_es, auditc_en), (phq9_es, phq9_en)):
        assert [without_ids(r) for r in spanish] == [without_ids(r) for r in english]
    response, total = phq9_es
    assert response["item"][0]["text"] == "Little interest or pleasure in doing things"
    assert response["item"][0]["answer"][0]["valueCoding"]["code"] == "LA6571-9"
    assert total["code"]["coding"][0]["code"] == "44261-6"
    assert total["interpretation"] == [{"text": "Moderate"}]
    assert total["valueInteger"] == 11


def test_the_clinic_page_shows_the_clinician_s_language_and_the_version(
    cast: Cast,
) -> None:
    staff = clinic_create(cast.dr_lee)
    _referral, code = referral_create(by=staff, patient_reference="Chart 77")
    referral_accept(by=cast.alex, code=code, ip_address="192.0.2.9")
    consent_grant(
        by=cast.alex,
        organisation=staff.organisation,
        categories=["assessments"],
        purpose="treatment",
        days=90,
    )
    assessment_take(
        by=cast.alex,
        instrument=VERSIONS["gad7"]["es"],
        answers=answers_totalling(INSTRUMENTS["gad7"], 16),
    )
    url = f"/clinic/harbor-light/patients/{cast.alex.pk}/"
    client = clinic_client(cast.dr_lee)
    page = client.get(url).content.decode()
    assert '<th scope="col">Version answered</th>' in page
    assert "<td>Severe</td><td>Taken by the member</td><td>Spanish</td>" in page
    page = in_spanish(client).get(url).content.decode()
    assert "<td>Grave</td>" in page
    assert "<td>Español</td>" in page
    eve = in_spanish(signed_in(cast.eve))
    assert eve.get(url).status_code == 404
