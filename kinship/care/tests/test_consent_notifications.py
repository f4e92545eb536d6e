"""A patient who stops sharing tells the clinicians of that organisation
(issue 21): only the organisation and the clinic's own reference, nothing the
ended consent covered (not even the name); not for a consent already over or
replaced by a new one; in each clinician's language; eve is never told."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kinship.care.consents import consent_grant, consent_revoke
from kinship.care.models import Consent, OrganisationStaff, Referral, StaffRole
from kinship.care.services import referral_accept, referral_create
from kinship.members.models import Member
from kinship.members.tests.personas import Cast, persona_create, signed_in
from kinship.notifications.models import Notification, NotificationKind
from kinship.notifications.services import email_choices_set

from .helpers import clinic_client, clinic_create

pytestmark = pytest.mark.django_db

ALL = ["attendance", "checkins", "milestones", "assessments", "warnings"]
TITLE = "A patient stopped sharing with Harbor Light Treatment"


@pytest.fixture
def clinic(dr_lee: Member) -> OrganisationStaff:
    return clinic_create(dr_lee)


@pytest.fixture
def sharing(clinic: OrganisationStaff, alex: Member) -> Consent:
    """alex, referred by dr_lee as "Chart 77", shares everything."""
    _referral, code = referral_create(by=clinic, patient_reference="Chart 77")
    referral_accept(by=alex, code=code, ip_address="192.0.2.9")
    return grant(alex, clinic)


def grant(member: Member, staff: OrganisationStaff, days: int = 90) -> Consent:
    return consent_grant(
        by=member,
        organisation=staff.organisation,
        categories=ALL,
        purpose="treatment",
        days=days,
    )


def colleague(clinic: OrganisationStaff, name: str, role: str) -> Member:
    member = persona_create(name, name.title())
    OrganisationStaff.objects.create(
        organisation=clinic.organisation, member=member, role=role
    )
    return member


def ended(member: Member) -> list[Notification]:
    return list(
        Notification.objects.filter(member=member, kind=NotificationKind.CONSENT_ENDED)
    )


def emails_to(address: str) -> list[dict[str, Any]]:
    return [
        row.args_kwargs["kwargs"]["payload"]
        for row in DBTaskResult.objects.filter(queue_name="email").order_by("pk")
        if address in row.args_kwargs["kwargs"]["payload"]["to"]
    ]


def end_url(consent: Consent) -> str:
    return f"/me/sharing/consents/{consent.pk}/end/"


def test_revoking_tells_every_active_clinician_without_naming_the_patient(
    cast: Cast, clinic: OrganisationStaff, sharing: Consent
) -> None:
    dr_kim = colleague(clinic, "dr_kim", StaffRole.CLINICIAN)
    admin = colleague(clinic, "ana", StaffRole.ADMIN)
    gone = colleague(clinic, "dr_gone", StaffRole.CLINICIAN)
    OrganisationStaff.objects.filter(member=gone).update(active=False)

    response = signed_in(cast.alex).post(end_url(sharing))
    assert response.status_code == 302
    sharing.refresh_from_db()
    assert sharing.revoked_at is not None

    for clinician in (cast.dr_lee, dr_kim):
        (notice,) = ended(clinician)
        assert notice.text == "care.consent_ended"
        assert notice.params == {
            "organisation": "Harbor Light Treatment",
            "reference": "Chart 77",
        }
        assert notice.title == TITLE
        assert notice.body == (
            "Your reference for this patient: Chart 77. What they shared is no "
            "longer shown in your clinic area."
        )
        assert notice.url == "/clinic/harbor-light/"
        assert "Alex" not in notice.title + notice.body
    # Not the administrator (no clinical role), a former clinician, or alex.
    assert ended(admin) == ended(gone) == ended(cast.alex) == []


def test_the_link_leads_to_the_referrals_the_clinic_keeps(
    cast: Cast, clinic: OrganisationStaff, sharing: Consent
) -> None:
    consent_revoke(by=cast.alex, consent_id=sharing.pk)
    (notice,) = ended(cast.dr_lee)
    client = clinic_client(cast.dr_lee)
    opened = client.get(reverse("notifications:open", args=[notice.pk]))
    assert opened["Location"] == notice.url
    home = client.get(notice.url).content.decode()
    # The reference was already the clinic's; the patient's name is not shown.
    assert "Chart 77" in home
    assert "Alex K." not in home
    patients = client.get("/clinic/harbor-light/patients/").content.decode()
    assert "Alex K." not in patients


def test_without_a_reference_it_says_a_patient_stopped_sharing(
    cast: Cast, clinic: OrganisationStaff, sharing: Consent
) -> None:
    Referral.objects.all().delete()
    consent_revoke(by=cast.alex, consent_id=sharing.pk)
    (notice,) = ended(cast.dr_lee)
    assert notice.title == TITLE
    assert notice.body == "What they shared is no longer shown in your clinic area."


def test_no_news_for_a_consent_already_over_or_replaced(
    cast: Cast, clinic: OrganisationStaff, sharing: Consent
) -> None:
    # A new grant replaces the consent: the patient still shares.
    renewed = grant(cast.alex, clinic, days=30)
    sharing.refresh_from_db()
    assert sharing.revoked_at is not None
    assert ended(cast.dr_lee) == []
    # Ended by the clock, then revoked: the clinic saw nothing for a while.
    with time_machine.travel(timezone.now() + dt.timedelta(days=31)):
        consent_revoke(by=cast.alex, consent_id=renewed.pk)
    assert ended(cast.dr_lee) == []


def test_a_spanish_clinician_is_told_in_spanish(
    cast: Cast,
    clinic: OrganisationStaff,
    sharing: Consent,
    django_capture_on_commit_callbacks: Any,
) -> None:
    cast.dr_lee.language = "es"
    cast.dr_lee.save(update_fields=["language"])
    email_choices_set(by=cast.dr_lee, choices={NotificationKind.CONSENT_ENDED: True})
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(cast.alex).post(end_url(sharing))  # alex reads English
    page = signed_in(cast.dr_lee).get(reverse("notifications:list")).content.decode()
    assert '<html lang="es">' in page
    assert "Un paciente dejó de compartir con Harbor Light Treatment" in page
    assert "Tu referencia de este paciente: Chart 77." in page
    assert "stopped sharing" not in page
    (email,) = emails_to("dr_lee@example.org")
    assert email["subject"] == (
        "Kinship: Un paciente dejó de compartir con Harbor Light Treatment"
    )
    assert "ya no se muestra en el área de tu clínica" in email["body"]
    assert "Alex" not in email["subject"] + email["body"]


def test_eve_is_never_told_and_cannot_end_alex_s_sharing(
    cast: Cast, clinic: OrganisationStaff, sharing: Consent
) -> None:
    # eve is a clinician of another organisation.
    clinic_create(cast.eve, name="Elsewhere", slug="elsewhere", totp_secret=None)
    response = signed_in(cast.eve).post(end_url(sharing))
    assert response.status_code == 404
    sharing.refresh_from_db()
    assert sharing.revoked_at is None
    assert ended(cast.dr_lee) == []
    consent_revoke(by=cast.alex, consent_id=sharing.pk)
    assert len(ended(cast.dr_lee)) == 1
    assert not Notification.objects.filter(member=cast.eve).exists()


def test_a_clinician_who_stops_sharing_as_a_patient_is_not_told_of_it(
    cast: Cast, clinic: OrganisationStaff
) -> None:
    # morgan works at the clinic and is also one of its patients.
    staff = OrganisationStaff.objects.create(
        organisation=clinic.organisation, member=cast.morgan, role=StaffRole.CLINICIAN
    )
    _referral, code = referral_create(by=clinic, patient_reference="Chart 12")
    referral_accept(by=cast.morgan, code=code, ip_address="192.0.2.9")
    consent = grant(cast.morgan, staff)
    consent_revoke(by=cast.morgan, consent_id=consent.pk)
    assert ended(cast.morgan) == []
    (notice,) = ended(cast.dr_lee)
    assert notice.params["reference"] == "Chart 12"
