"""HL7 FHIR R4 export of assessments: a QuestionnaireResponse and a survey
Observation of the total for each, gathered in a Bundle (type collection).

The resources are built as JSON and validated by the ``fhir.resources``
models. Its 8.x line (the one on pydantic 2) has no separate R4 (4.0.1)
package; we validate with its R4B (4.3.0) models, which for the three
resources used here (QuestionnaireResponse, Observation, Bundle) have the same
elements, types and cardinalities as R4, and write nothing R4B added.

Pseudonymity: the subject is the member's ``CarePseudonym`` (a random UUID
made with their first assessment), given as a logical reference by
identifier. No name, email or database id of the member appears. Resource ids
are the assessment's ``public_id`` (and a UUID derived from it for the
Observation), so an export made twice names the same resources.

Answers are ``valueCoding`` (LOINC answer code, with its score as the
``ordinalValue`` extension) where the instrument file gives LOINC answer codes
(PHQ-9, GAD-7), else ``valueInteger`` (the score: AUDIT-C, BARC-10). Item
``linkId`` is the item's LOINC code where there is one (BARC-10 has none:
``barc10-<n>``). BARC-10 has no LOINC total code: its Observation's code is
text only.

Every text comes from the instrument's English file, whichever language
version was answered and whatever the reader's language: a translation has the
same items, answers, codes and bands (checked at import), so an assessment
exports the same in every version.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from kinship.members.models import Member

from .instruments import Instrument, Item
from .models import Assessment
from .selectors import assessments_of, care_pseudonym_of

LOINC = "http://loinc.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
ORDINAL_VALUE = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
URI = "urn:ietf:rfc:3986"
NOT_A_DIAGNOSIS = "A screening result, not a diagnosis."


def _instant(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def subject_reference(fhir_id: uuid.UUID) -> dict[str, Any]:
    """The member as a logical reference by their opaque id only."""
    return {
        "type": "Patient",
        "identifier": {"system": URI, "value": f"urn:uuid:{fhir_id}"},
    }


def observation_id(assessment: Assessment) -> uuid.UUID:
    return uuid.uuid5(assessment.public_id, "Observation")


def _link_id(instrument: Instrument, item: Item) -> str:
    return item.loinc or f"{instrument.key}-{item.key}"


def _answer(item: Item, value: int) -> dict[str, Any]:
    option = item.option(value)
    if option.loinc is None:
        return {"valueInteger": value}
    return {
        "valueCoding": {
            "extension": [{"url": ORDINAL_VALUE, "valueDecimal": value}],
            "system": LOINC,
            "code": option.loinc,
            "display": option.label,
        }
    }


def questionnaire_response(
    assessment: Assessment, fhir_id: uuid.UUID
) -> QuestionnaireResponse:
    """The assessment's answers as a completed QuestionnaireResponse."""
    instrument = assessment.definition
    subject = subject_reference(fhir_id)
    data: dict[str, Any] = {
        "resourceType": "QuestionnaireResponse",
        "id": str(assessment.public_id),
        "status": "completed",
        "subject": subject,
        "authored": _instant(assessment.taken_at),
        # Taken by the member: they are its source (clinician-assigned ones,
        # later, too: the person answering is the source).
        "source": subject,
        "item": [
            {
                "linkId": _link_id(instrument, item),
                "text": item.text,
                "answer": [_answer(item, int(assessment.answers[item.key]))],
            }
            for item in instrument.items
        ],
    }
    if instrument.questionnaire:
        data["questionnaire"] = instrument.questionnaire
    return QuestionnaireResponse.model_validate(data)


def _notes(assessment: Assessment) -> list[dict[str, str]]:
    instrument = assessment.definition
    notes = [NOT_A_DIAGNOSIS]
    if assessment.threshold is not None:
        used = {
            "men": "for men",
            "women": "for women",
            "not_stated": "sex not stated, so the lower threshold",
        }[assessment.sex or "not_stated"]
        notes.append(f"Positive at {assessment.threshold} or more ({used}).")
    for key in assessment.flags:
        flag = instrument.flag(key)
        if flag is not None:
            notes.append(f"Flag: {flag.label}.")
    return [{"text": text} for text in notes]


def _band_label(assessment: Assessment) -> str:
    band = assessment.definition.band(assessment.band)
    return band.label if band else assessment.band


def observation(
    assessment: Assessment, fhir_id: uuid.UUID, derived_from: str
) -> Observation:
    """The total as a final survey Observation derived from the response at
    ``derived_from`` (a reference), with its band as the interpretation."""
    instrument = assessment.definition
    code: dict[str, Any] = {"text": f"{instrument.short_name} total score"}
    if instrument.total_code is not None:
        code["coding"] = [
            {
                "system": LOINC,
                "code": instrument.total_code.code,
                "display": instrument.total_code.display,
            }
        ]
    data = {
        "resourceType": "Observation",
        "id": str(observation_id(assessment)),
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": OBSERVATION_CATEGORY,
                        "code": "survey",
                        "display": "Survey",
                    }
                ]
            }
        ],
        "code": code,
        "subject": subject_reference(fhir_id),
        "effectiveDateTime": _instant(assessment.taken_at),
        "valueInteger": assessment.total,
        "interpretation": [{"text": _band_label(assessment)}],
        "note": _notes(assessment),
        "derivedFrom": [{"reference": derived_from}],
    }
    return Observation.model_validate(data)


# HL7 v3 ActCode's security label for 42 CFR Part 2 records: no redisclosure
# without the patient's consent.
REDISCLOSURE_LABEL = {
    "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode",
    "code": "NORDSCLCD",
    "display": "no redisclosure without consent directive",
}


def member_bundle(member: Member, *, redisclosure: bool = False) -> Bundle:
    """All of the member's own assessments as a Bundle (type collection),
    newest first: for each, its QuestionnaireResponse and then its
    Observation, which refers to the response by the response's fullUrl.

    ``redisclosure`` labels the bundle as a disclosure to a clinic (the
    ``NORDSCLCD`` security label), for the clinicians' export."""
    pseudonym = care_pseudonym_of(member)
    entries: list[dict[str, Any]] = []
    if pseudonym is not None:
        for assessment in assessments_of(member):
            response_url = f"urn:uuid:{assessment.public_id}"
            response = questionnaire_response(assessment, pseudonym.fhir_id)
            total = observation(assessment, pseudonym.fhir_id, response_url)
            entries.append({"fullUrl": response_url, "resource": response})
            entries.append(
                {
                    "fullUrl": f"urn:uuid:{observation_id(assessment)}",
                    "resource": total,
                }
            )
    return Bundle.model_validate(
        {
            "resourceType": "Bundle",
            "meta": {"security": [REDISCLOSURE_LABEL]} if redisclosure else None,
            "type": "collection",
            "timestamp": _instant(timezone.now()),
            "entry": entries or None,
        }
    )


def bundle_json(bundle: Bundle) -> str:
    """The bundle as FHIR JSON."""
    return bundle.model_dump_json(indent=2)
