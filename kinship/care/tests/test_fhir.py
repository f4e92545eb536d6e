"""The FHIR R4 export: validated with fhir.resources, LOINC-coded, pseudonymous;
and assessments in the member's data export and account deletion."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from kinship.care.fhir import bundle_json, member_bundle
from kinship.care.instruments import INSTRUMENTS
from kinship.care.models import Assessment, CarePseudonym
from kinship.care.services import assessment_take
from kinship.members.models import Member
from kinship.members.profile import member_delete, member_export
from kinship.members.tests.personas import PERSONA_PASSWORD, Cast, signed_in

from .helpers import answers_totalling

pytestmark = pytest.mark.django_db

FHIR = "/me/assessments/fhir.json"


def take(member: Member, key: str, total: int, **kwargs: Any) -> Assessment:
    answers = answers_totalling(INSTRUMENTS[key], total, kwargs.pop("fixed", None))
    return assessment_take(by=member, instrument=key, answers=answers, **kwargs)


def download(member: Member) -> dict[str, Any]:
    response = signed_in(member).get(FHIR)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/fhir+json")
    assert "attachment" in response["Content-Disposition"]
    # The download is valid FHIR, read back by the fhir.resources models.
    Bundle.model_validate_json(response.content)
    data: dict[str, Any] = json.loads(response.content)
    return data


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [
        entry["resource"]
        for entry in bundle.get("entry", [])
        if entry["resource"]["resourceType"] == kind
    ]


def test_each_instrument_exports_a_response_and_a_coded_total(cast: Cast) -> None:
    take(cast.alex, "phq9", 11, fixed={"9": 1})
    take(cast.alex, "gad7", 15)
    take(cast.alex, "auditc", 3, sex="not_stated")
    take(cast.alex, "barc10", 47)
    bundle = download(cast.alex)
    assert bundle["resourceType"] == "Bundle"
    assert bundle["type"] == "collection"
    assert len(bundle["entry"]) == 8
    totals = {
        (obs.get("code", {}).get("coding") or [{"code": None}])[0]["code"]: obs
        for obs in resources(bundle, "Observation")
    }
    assert set(totals) == {"44261-6", "70274-6", "75626-2", None}
    assert totals["44261-6"]["valueInteger"] == 11
    assert totals["70274-6"]["valueInteger"] == 15
    assert totals["75626-2"]["valueInteger"] == 3
    assert totals[None]["valueInteger"] == 47
    assert totals[None]["code"] == {"text": "BARC-10 total score"}
    for obs in totals.values():
        assert obs["status"] == "final"
        assert obs["category"][0]["coding"][0]["code"] == "survey"
        assert obs["category"][0]["coding"][0]["system"] == (
            "http://terminology.hl7.org/CodeSystem/observation-category"
        )
        assert obs["effectiveDateTime"]
    assert totals["70274-6"]["interpretation"] == [{"text": "Severe"}]
    notes = [note["text"] for note in totals["75626-2"]["note"]]
    assert "Positive at 3 or more (sex not stated, so the lower threshold)." in notes
    assert "A screening result, not a diagnosis." in notes
    assert any("item 9" in note["text"] for note in totals["44261-6"]["note"])


def test_the_observation_derives_from_its_response(cast: Cast) -> None:
    take(cast.alex, "gad7", 4)
    take(cast.alex, "gad7", 9)
    bundle = download(cast.alex)
    urls = {entry["resource"]["id"]: entry["fullUrl"] for entry in bundle["entry"]}
    assert len(set(urls.values())) == 4
    responses = resources(bundle, "QuestionnaireResponse")
    for obs in resources(bundle, "Observation"):
        [source] = obs["derivedFrom"]
        response = next(r for r in responses if urls[r["id"]] == source["reference"])
        total = sum(
            int(item["answer"][0]["valueCoding"]["extension"][0]["valueDecimal"])
            for item in response["item"]
        )
        assert total == obs["valueInteger"]


def test_responses_are_completed_with_loinc_items_and_answers(cast: Cast) -> None:
    phq9 = take(cast.alex, "phq9", 4, fixed={"9": 0})
    take(cast.alex, "auditc", 5, sex="men")
    take(cast.alex, "barc10", 12)
    bundle = download(cast.alex)
    by_questionnaire = {
        r.get("questionnaire"): r for r in resources(bundle, "QuestionnaireResponse")
    }
    assert set(by_questionnaire) == {
        "http://loinc.org/q/44249-1",
        "http://loinc.org/q/72109-2",
        None,
    }
    response = by_questionnaire["http://loinc.org/q/44249-1"]
    assert response["status"] == "completed"
    assert response["id"] == str(phq9.public_id)
    assert response["authored"].startswith(phq9.taken_at.strftime("%Y-%m-%d"))
    assert [item["linkId"] for item in response["item"]][:2] == ["44250-9", "44255-8"]
    assert response["item"][8]["linkId"] == "44260-8"
    first = response["item"][0]["answer"][0]["valueCoding"]
    assert (first["system"], first["code"]) == ("http://loinc.org", "LA6571-9")
    assert first["extension"][0]["valueDecimal"] == 3
    audit = by_questionnaire["http://loinc.org/q/72109-2"]
    assert [item["linkId"] for item in audit["item"]] == [
        "68518-0",
        "68519-8",
        "68520-6",
    ]
    assert [item["answer"][0]["valueInteger"] for item in audit["item"]] == [4, 1, 0]
    barc = by_questionnaire[None]
    assert barc["item"][0]["linkId"] == "barc10-1"
    assert barc["item"][0]["answer"] == [{"valueInteger": 3}]


def test_the_subject_is_an_opaque_id_only(cast: Cast) -> None:
    take(cast.alex, "gad7", 6)
    body = signed_in(cast.alex).get(FHIR).content.decode()
    pseudonym = CarePseudonym.objects.get(member=cast.alex)
    # Not the display name, the email or the username, in any case.
    assert "alex" not in body.lower()
    bundle = json.loads(body)
    expected = {
        "type": "Patient",
        "identifier": {
            "system": "urn:ietf:rfc:3986",
            "value": f"urn:uuid:{pseudonym.fhir_id}",
        },
    }
    for entry in bundle["entry"]:
        assert entry["resource"]["subject"] == expected
    # The same id in a second export, and in a later assessment's resources.
    take(cast.alex, "gad7", 2)
    again = download(cast.alex)
    assert {
        e["resource"]["subject"]["identifier"]["value"] for e in again["entry"]
    } == {f"urn:uuid:{pseudonym.fhir_id}"}


def test_eve_downloads_an_empty_bundle_without_alexs(cast: Cast) -> None:
    alexs = take(cast.alex, "phq9", 20, fixed={"9": 2})
    body = signed_in(cast.eve).get(FHIR).content.decode()
    bundle = json.loads(body)
    assert bundle["type"] == "collection"
    assert "entry" not in bundle
    assert str(alexs.public_id) not in body
    assert str(CarePseudonym.objects.get(member=cast.alex).fhir_id) not in body
    Bundle.model_validate(bundle)


def test_the_built_resources_are_fhir_resources_models(cast: Cast) -> None:
    take(cast.alex, "phq9", 8, fixed={"9": 0})
    bundle = member_bundle(cast.alex)
    assert bundle.entry is not None
    kinds = [type(entry.resource) for entry in bundle.entry]
    assert kinds == [QuestionnaireResponse, Observation]
    assert json.loads(bundle_json(bundle))["entry"][1]["resource"]["valueInteger"] == 8


def test_assessments_are_in_the_member_export(cast: Cast) -> None:
    take(cast.alex, "barc10", 50)
    take(cast.eve, "gad7", 3)
    records = member_export(cast.alex)["records"]
    [row] = records["care.assessment"]
    assert (row["instrument"], row["total"], row["band"]) == (
        "barc10",
        50,
        "47_or_more",
    )
    assert len(records["care.carepseudonym"]) == 1


def test_deleting_the_account_deletes_assessments(cast: Cast) -> None:
    take(cast.alex, "phq9", 5, fixed={"9": 1})
    take(cast.eve, "gad7", 3)
    member_delete(by=cast.alex, password=PERSONA_PASSWORD)
    assert list(Assessment.objects.values_list("instrument", flat=True)) == ["gad7"]
    assert CarePseudonym.objects.count() == 1
