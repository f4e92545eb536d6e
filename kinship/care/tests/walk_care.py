"""URL-walk expectations for care (see kinship/core/tests/walking.py).

The assessment pages show only the signed-in member's own assessments and no
URL names a member, so eve sees her own (empty) pages; alex's PHQ-9, made in
``world_add``, is a 404 to her. An empty form is refused and saves nothing.
eve's FHIR download is her own, empty bundle (test_pages checks that alex's
resources are not in it).

The clinic area: dr_lee is a clinician (with TOTP) of an organisation that
referred alex; eve is on no staff, so every clinic URL is a 404 to her (no
hint that the organisation exists), and her POSTs change nothing. Referral
codes and invitation tokens in the URLs are made up: one clear 404 page.
allauth's MFA pages are eve's own (she has no authenticator; changes ask for
her password again first).
"""

from __future__ import annotations

from typing import Any

from kinship.core.tests.walking import (
    NOT_FOUND,
    OTHERS,
    OTHERS_ACTION,
    OWN_PAGE,
    TO_LOGIN,
    Expect,
    World,
    expect,
)

# Assessments hold answers and scores, no words of alex's own. The clinic's
# label for alex (its patient reference) is seen only inside the clinic.
SECRETS: tuple[str, ...] = ("Chart 9031 Walkabout",)


def world_add(world: World) -> None:
    """alex took a PHQ-9 with item 9 above 0."""
    from kinship.care.services import assessment_take

    answers = {str(number): 1 for number in range(1, 10)}
    assessment = assessment_take(by=world.cast.alex, instrument="phq9", answers=answers)
    world.extra["assessment_id"] = assessment.pk
    clinic_world_add(world)


def clinic_world_add(world: World) -> None:
    """dr_lee's organisation, with a referral alex accepted and a consent
    alex gave it for every category."""
    from kinship.care.consents import consent_grant
    from kinship.care.models import ConsentCategory
    from kinship.care.services import referral_accept, referral_create
    from kinship.care.tests.helpers import clinic_create

    staff = clinic_create(world.cast.dr_lee, slug="walk-clinic")
    referral, code = referral_create(
        by=staff,
        patient_reference="Chart 9031 Walkabout",
        note_to_patient="Welcome.",
        group_ids=[world.cast.group.pk],
    )
    referral_accept(by=world.cast.alex, code=code, ip_address="192.0.2.1")
    consent = consent_grant(
        by=world.cast.alex,
        organisation=staff.organisation,
        categories=ConsentCategory.values,
        purpose="treatment",
        days=90,
    )
    world.extra["consent_id"] = consent.pk
    world.extra["clinic_slug"] = "walk-clinic"
    world.extra["referral_id"] = referral.pk


def clinic(world: World) -> dict[str, Any]:
    return {"org_slug": world.extra["clinic_slug"]}


def clinic_patient(world: World) -> dict[str, Any]:
    return {**clinic(world), "member_id": world.cast.alex.pk}


def clinic_referral(world: World) -> dict[str, Any]:
    return {**clinic(world), "referral_id": world.extra["referral_id"]}


# allauth's MFA pages (mfa_*), about eve's own account: shown, or sent on to
# sign in or to confirm her password; made-up input is refused.
MFA_PAGE = expect(
    visitor={200, 302},
    eve={200, 302, 404},
    eve_post={200, 302, 400, 404, 405},
)
MFA_URLS = (
    "mfa_index",
    "mfa_authenticate",
    "mfa_reauthenticate",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
)


EXPECTATIONS: dict[str, Expect] = {
    "care:index": OWN_PAGE,
    "care:fhir": OWN_PAGE,
    "care:take": expect(
        lambda world: {"instrument": "phq9"},
        visitor=TO_LOGIN,
        eve={200},
        eve_post={400},
    ),
    "care:result": expect(
        lambda world: {"assessment_id": world.extra["assessment_id"]}, **OTHERS
    ),
    # The clinic area: eve is on no staff.
    "care:clinic-index": OWN_PAGE,
    "care:clinic-mfa-required": OWN_PAGE,
    "care:clinic-home": expect(clinic, **OTHERS),
    "care:clinic-staff-invite": expect(clinic, **OTHERS, eve_post=NOT_FOUND),
    "care:clinic-referral-new": expect(clinic, **OTHERS, eve_post=NOT_FOUND),
    "care:clinic-referral": expect(clinic_referral, **OTHERS),
    "care:clinic-referral-cancel": expect(clinic_referral, **OTHERS_ACTION),
    "care:clinic-invitation": expect(
        lambda world: {"token": "made-up-invitation"},
        visitor=TO_LOGIN,
        eve=NOT_FOUND,
        eve_post=NOT_FOUND,
    ),
    # Referrals, for patients: a visitor may read a code's page; a made-up code
    # is one clear 404 page; an empty code form is refused.
    "care:referral-enter": expect(eve={200}, eve_post={400}),
    "care:referral-show": expect(
        lambda world: {"code": "MADE0-UPC0D"},
        visitor=NOT_FOUND,
        eve=NOT_FOUND,
        eve_post=NOT_FOUND,
    ),
    "care:my-referrals": OWN_PAGE,
    # Sharing: eve's own page; alex's consent and an organisation that did
    # not refer eve are 404s to her. Patients' data: eve is on no staff.
    "care:sharing": OWN_PAGE,
    "care:consent-new": expect(clinic, **OTHERS, eve_post=NOT_FOUND),
    "care:consent-end": expect(
        lambda world: {"consent_id": world.extra["consent_id"]}, **OTHERS_ACTION
    ),
    "care:clinic-patients": expect(clinic, **OTHERS),
    "care:clinic-patient": expect(clinic_patient, **OTHERS),
    "care:clinic-patient-fhir": expect(clinic_patient, **OTHERS),
    "care:clinic-patient-assign": expect(clinic_patient, **OTHERS_ACTION),
    "care:clinic-report": expect(clinic, **OTHERS),
    "care:clinic-report-csv": expect(clinic, **OTHERS),
}
EXPECTATIONS.update(dict.fromkeys(MFA_URLS, MFA_PAGE))
