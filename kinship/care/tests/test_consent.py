"""Consent and the clinician's view (issue 9, items 3-5): granting and
revoking with history, 404 for every patient URL without an active consent of
the clinician's own organisation, exactly one access log row per read,
only consented categories in a response, the append-only log, the safety
flag and assigned assessments."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.http import Http404
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from fhir.resources.R4B.bundle import Bundle

from kinship.attendance.models import Attendance, AttendanceMethod, Occurrence
from kinship.care.consents import consent_grant, consent_revoke
from kinship.care.disclosure import disclose_dashboard, disclose_patient
from kinship.care.instruments import INSTRUMENTS
from kinship.care.models import (
    AccessLog,
    AppendOnly,
    AssessmentAssignment,
    Consent,
    GivenBy,
    OrganisationStaff,
    StaffRole,
)
from kinship.care.services import (
    assessment_assign,
    assessment_take,
    referral_accept,
    referral_create,
)
from kinship.members.models import Member
from kinship.members.tests.personas import Cast, persona_create, signed_in
from kinship.notifications.models import Notification, NotificationKind
from kinship.recovery.models import SobrietyClock
from kinship.recovery.models.checkins import CheckIn
from kinship.recovery.models.support import WarningRule, WarningSignal

from .helpers import answers_totalling, clinic_client, clinic_create

pytestmark = pytest.mark.django_db

ALL = ["attendance", "checkins", "milestones", "assessments", "warnings"]
SHOWN = ["attendance", "assessments"]
NOTICE = "42 CFR part 2 prohibits unauthorized disclosure of these records."


def referred(staff: OrganisationStaff, member: Member) -> None:
    _referral, code = referral_create(by=staff, patient_reference="Chart 77")
    referral_accept(by=member, code=code, ip_address="192.0.2.9")


def grant(
    member: Member, staff: OrganisationStaff, categories: list[str], days: int = 90
) -> Consent:
    return consent_grant(
        by=member,
        organisation=staff.organisation,
        categories=categories,
        purpose="treatment",
        days=days,
    )


@pytest.fixture
def clinic(dr_lee: Member) -> OrganisationStaff:
    return clinic_create(dr_lee)


@pytest.fixture
def alex_data(cast: Cast) -> None:
    """A week of alex's data in every category, with words that must never
    reach a clinic page of a consent that does not cover them."""
    alex = cast.alex
    now = timezone.now()
    for back in range(7):
        CheckIn.objects.create(
            member=alex,
            local_date=now.date() - dt.timedelta(days=back),
            mood=4,
            craving=7,
            stress=3,
            used_today="no",
            note="private note never shared",
            gratitude="grateful words never shared",
        )
        starts = now - dt.timedelta(days=back, hours=2)
        occurrence = Occurrence.objects.create(
            meeting=cast.meeting,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=1),
            local_date=starts.date(),
        )
        Attendance.objects.create(
            member=alex,
            occurrence=occurrence,
            method=AttendanceMethod.ROLL_CALL,
            verified=True,
        )
    SobrietyClock.objects.create(
        member=alex, label="Sober from alcohol", started_at=now - dt.timedelta(100)
    )
    SobrietyClock.objects.create(
        member=alex,
        label="Hidden clock words",
        started_at=now - dt.timedelta(days=30),
        hidden=True,
    )
    WarningSignal.objects.create(
        member=alex, rule=WarningRule.CRAVING_RISING, computed_on=now.date()
    )
    assessment_take(
        by=alex,
        instrument="phq9",
        answers=answers_totalling(INSTRUMENTS["phq9"], 11),
    )


# -- Granting and revoking -----------------------------------------------------


def test_only_an_organisation_that_referred_the_member_can_be_chosen(
    clinic: OrganisationStaff, alex: Member
) -> None:
    with pytest.raises(Http404):
        grant(alex, clinic, SHOWN)
    assert Consent.objects.count() == 0
    response = signed_in(alex).get(f"/me/sharing/with/{clinic.organisation.slug}/")
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("categories", "purpose", "days", "message"),
    [
        ([], "treatment", 90, "at least one"),
        (["attendance", "diary"], "treatment", 90, "listed kinds"),
        (["attendance"], "marketing", 90, "what the sharing is for"),
        (["attendance"], "treatment", 0, "1 to 365"),
        (["attendance"], "treatment", 366, "1 to 365"),
    ],
)
def test_bad_consent_is_refused_and_changes_nothing(
    clinic: OrganisationStaff,
    alex: Member,
    categories: list[str],
    purpose: str,
    days: int,
    message: str,
) -> None:
    referred(clinic, alex)
    with pytest.raises(ValidationError) as error:
        consent_grant(
            by=alex,
            organisation=clinic.organisation,
            categories=categories,
            purpose=purpose,
            days=days,
        )
    assert message in str(error.value)
    assert Consent.objects.count() == 0


def test_the_consent_screen_says_who_what_how_long_and_how_to_stop(
    clinic: OrganisationStaff, alex: Member
) -> None:
    referred(clinic, alex)
    client = signed_in(alex)
    url = reverse("care:consent-new", kwargs={"org_slug": "harbor-light"})
    page = client.get(url).content.decode()
    for words in (
        "Who will see it:",
        "the clinicians of Harbor Light Treatment",
        "What they will see:",
        "For how long:",
        "How to stop:",
        "Never your private notes",
    ):
        assert words in page
    response = client.post(url, {"purpose": "treatment", "days": "90"})
    assert response.status_code == 400
    assert "Choose at least one kind of data to share." in response.content.decode()
    assert Consent.objects.count() == 0
    response = client.post(
        url,
        {"categories": SHOWN, "purpose": "care_coordination", "days": "180"},
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.categories == SHOWN
    assert consent.purpose == "care_coordination"
    assert consent.expires_at - consent.granted_at == dt.timedelta(days=180)


def test_granting_again_replaces_and_the_history_keeps_both(
    clinic: OrganisationStaff, alex: Member
) -> None:
    referred(clinic, alex)
    first = grant(alex, clinic, ["attendance"])
    second = grant(alex, clinic, ALL)
    first.refresh_from_db()
    assert first.revoked_at == second.granted_at
    assert second.revoked_at is None
    consent_revoke(by=alex, consent_id=second.pk)
    with pytest.raises(ValidationError):
        consent_revoke(by=alex, consent_id=second.pk)
    page = signed_in(alex).get("/me/sharing/").content.decode()
    assert page.count("<td>Ended</td>") == 2
    assert "You share nothing with them." in page


def test_eve_cannot_end_alex_s_consent(
    clinic: OrganisationStaff, alex: Member, eve: Member
) -> None:
    referred(clinic, alex)
    consent = grant(alex, clinic, ALL)
    response = signed_in(eve).post(f"/me/sharing/consents/{consent.pk}/end/")
    assert response.status_code == 404
    consent.refresh_from_db()
    assert consent.revoked_at is None
    assert "Harbor Light" not in signed_in(eve).get("/me/sharing/").content.decode()


# -- Every patient URL is a 404 without an active consent of one's own clinic ---


def patient_urls(member_id: int, slug: str = "harbor-light") -> list[str]:
    base = f"/clinic/{slug}/patients/{member_id}/"
    return [base, f"{base}fhir.json"]


def _no_consent(clinic: OrganisationStaff, alex: Member) -> None:
    referred(clinic, alex)


def _expired(clinic: OrganisationStaff, alex: Member) -> None:
    referred(clinic, alex)
    with time_machine.travel(timezone.now() - dt.timedelta(days=31), tick=False):
        grant(alex, clinic, ALL, days=30)


def _revoked(clinic: OrganisationStaff, alex: Member) -> None:
    referred(clinic, alex)
    consent_revoke(by=alex, consent_id=grant(alex, clinic, ALL).pk)


def _other_organisation(clinic: OrganisationStaff, alex: Member) -> None:
    other_lead = persona_create("dr_other", "Dr Other")
    other = clinic_create(other_lead, name="Elsewhere", slug="elsewhere")
    referred(other, alex)
    grant(alex, other, ALL)


@pytest.mark.parametrize(
    "situation", [_no_consent, _expired, _revoked, _other_organisation]
)
def test_every_patient_url_is_a_404_without_an_active_consent(
    clinic: OrganisationStaff,
    alex: Member,
    dr_lee: Member,
    situation: Callable[[OrganisationStaff, Member], None],
) -> None:
    situation(clinic, alex)
    client = clinic_client(dr_lee)
    for url in patient_urls(alex.pk):
        assert client.get(url).status_code == 404, url
    assign = f"/clinic/harbor-light/patients/{alex.pk}/assign/"
    assert client.post(assign, {"instrument": "phq9"}).status_code == 404
    assert AssessmentAssignment.objects.count() == 0
    page = client.get("/clinic/harbor-light/patients/").content.decode()
    assert "Alex K." not in page
    assert AccessLog.objects.count() == 0


def test_an_administrator_without_a_clinical_role_sees_no_patient(
    clinic: OrganisationStaff, alex: Member, dr_lee: Member
) -> None:
    referred(clinic, alex)
    grant(alex, clinic, ALL)
    OrganisationStaff.objects.filter(pk=clinic.pk).update(role=StaffRole.ADMIN)
    client = clinic_client(dr_lee)
    for url in [*patient_urls(alex.pk), "/clinic/harbor-light/patients/"]:
        assert client.get(url).status_code == 404, url
    assert AccessLog.objects.count() == 0


def test_eve_gets_404_for_every_patient_url(
    clinic: OrganisationStaff, alex: Member, eve: Member
) -> None:
    referred(clinic, alex)
    grant(alex, clinic, ALL)
    client = signed_in(eve)
    for url in [*patient_urls(alex.pk), "/clinic/harbor-light/patients/"]:
        assert client.get(url).status_code == 404, url
    assert AccessLog.objects.count() == 0


# -- Exactly one access log row per read ------------------------------------------


def test_every_clinician_read_writes_exactly_one_row(
    clinic: OrganisationStaff, cast: Cast, alex_data: None
) -> None:
    referred(clinic, cast.alex)
    referred(clinic, cast.morgan)
    alex_consent = grant(cast.alex, clinic, SHOWN)
    grant(cast.morgan, clinic, ALL)
    client = clinic_client(cast.dr_lee)

    # The list reads two patients: one row each, with what it showed.
    assert client.get("/clinic/harbor-light/patients/").status_code == 200
    listed = {row.member_id: row.categories for row in AccessLog.objects.all()}
    assert listed == {cast.alex.pk: SHOWN, cast.morgan.pk: ALL}

    assert client.get(patient_urls(cast.alex.pk)[0]).status_code == 200
    row = AccessLog.objects.get(view="patient page")
    assert row.categories == SHOWN
    assert (row.member_id, row.consent_id, row.actor_id) == (
        cast.alex.pk,
        alex_consent.pk,
        clinic.pk,
    )
    assert row.actor_name == "Dr Lee"

    assert client.get(patient_urls(cast.alex.pk)[1]).status_code == 200
    assert AccessLog.objects.get(view="FHIR export").categories == ["assessments"]
    assert AccessLog.objects.count() == 2 + 1 + 1

    # Asking for an assessment reads nothing.
    before = AccessLog.objects.count()
    client.post(
        f"/clinic/harbor-light/patients/{cast.alex.pk}/assign/",
        {"instrument": "barc10"},
    )
    assert AccessLog.objects.count() == before


def test_the_member_sees_each_access_on_their_sharing_page(
    clinic: OrganisationStaff, cast: Cast, alex_data: None
) -> None:
    referred(clinic, cast.alex)
    grant(cast.alex, clinic, SHOWN)
    clinic_client(cast.dr_lee).get(patient_urls(cast.alex.pk)[0])
    page = signed_in(cast.alex).get("/me/sharing/").content.decode()
    assert page.count("<td>Dr Lee</td>") == 1
    assert "<td>Meetings I attend, My assessment scores</td>" in page
    assert "<td>Patient page</td>" in page
    assert "Dr Lee" not in signed_in(cast.eve).get("/me/sharing/").content.decode()


# -- Only what the consent covers exists in the response ---------------------


def test_only_consented_categories_are_read_and_shown(
    clinic: OrganisationStaff, cast: Cast, alex_data: None
) -> None:
    referred(clinic, cast.alex)
    grant(cast.alex, clinic, SHOWN)
    client = clinic_client(cast.dr_lee)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(patient_urls(cast.alex.pk)[0]).content.decode()
        dashboard = client.get("/clinic/harbor-light/patients/").content.decode()
    tables = " ".join(query["sql"] for query in queries.captured_queries)
    for table in ("recovery_checkin", "recovery_sobrietyclock", "recovery_warning"):
        assert table not in tables
    assert "Meetings attended" in page
    assert "PHQ-9" in page
    for absent in (
        "Daily check-ins",
        "Sober from alcohol",
        "Cravings rising",
        "private note never shared",
        "Hidden clock words",
    ):
        assert absent not in page
        assert absent not in dashboard
    for response in (page, dashboard):
        assert NOTICE in response


def test_all_categories_show_without_private_words(
    clinic: OrganisationStaff, cast: Cast, alex_data: None
) -> None:
    referred(clinic, cast.alex)
    grant(cast.alex, clinic, ALL)
    page = clinic_client(cast.dr_lee).get(patient_urls(cast.alex.pk)[0])
    text = page.content.decode()
    for shown in ("Daily check-ins", "Sober from alcohol", "Cravings rising"):
        assert shown in text
    for never in (
        "private note never shared",
        "grateful words never shared",
        "Hidden clock words",
    ):
        assert never not in text
    patient = disclose_patient(
        OrganisationStaff.objects.get(pk=clinic.pk), cast.alex.pk
    )
    assert set(patient.data) == set(ALL)
    assert patient.data["checkins"]["streak"] == 7
    assert patient.data["attendance"]["total"] == 7


def test_revocation_holds_from_the_next_request(
    clinic: OrganisationStaff, cast: Cast, alex_data: None
) -> None:
    referred(clinic, cast.alex)
    consent = grant(cast.alex, clinic, SHOWN)
    client = clinic_client(cast.dr_lee)
    assert client.get(patient_urls(cast.alex.pk)[0]).status_code == 200
    signed_in(cast.alex).post(f"/me/sharing/consents/{consent.pk}/end/")
    assert client.get(patient_urls(cast.alex.pk)[0]).status_code == 404
    assert (
        "Alex K." not in client.get("/clinic/harbor-light/patients/").content.decode()
    )


def test_the_dashboard_reads_a_fixed_number_of_queries(
    clinic: OrganisationStaff, cast: Cast, alex_data: None
) -> None:
    referred(clinic, cast.alex)
    grant(cast.alex, clinic, ALL)
    staff = OrganisationStaff.objects.select_related("member").get(pk=clinic.pk)
    with CaptureQueriesContext(connection) as one:
        disclose_dashboard(staff)
    for number in range(5):
        member = persona_create(f"patient{number}", f"Patient {number}")
        referred(clinic, member)
        grant(member, clinic, ALL)
        SobrietyClock.objects.create(
            member=member, label="Clock", started_at=timezone.now()
        )
    with CaptureQueriesContext(connection) as six:
        patients = disclose_dashboard(staff)
    assert len(patients) == 6
    assert len(six.captured_queries) == len(one.captured_queries)


# -- The access log is append-only ---------------------------------------------


def test_the_access_log_cannot_be_changed_or_deleted(
    clinic: OrganisationStaff, cast: Cast, alex_data: None
) -> None:
    referred(clinic, cast.alex)
    grant(cast.alex, clinic, SHOWN)
    clinic_client(cast.dr_lee).get(patient_urls(cast.alex.pk)[0])
    row = AccessLog.objects.first()
    assert row is not None
    original = row.categories
    row.categories = ["checkins"]
    with pytest.raises(AppendOnly):
        row.save()
    with pytest.raises(AppendOnly):
        row.delete()
    with pytest.raises(AppendOnly):
        AccessLog.objects.filter(pk=row.pk).update(categories=["checkins"])
    with pytest.raises(AppendOnly):
        AccessLog.objects.all().delete()
    # The database refuses too, whoever connects.
    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE care_accesslog SET view = 'dashboard' WHERE id = %s",
            [row.pk],
        )
    assert AccessLog.objects.get(pk=row.pk).categories == original
    assert AccessLog.objects.count() == 1


def test_the_log_keeps_the_name_when_the_clinician_s_account_goes(
    clinic: OrganisationStaff, cast: Cast, alex_data: None
) -> None:
    referred(clinic, cast.alex)
    grant(cast.alex, clinic, SHOWN)
    clinic_client(cast.dr_lee).get(patient_urls(cast.alex.pk)[0])
    cast.dr_lee.user.delete()
    rows = list(AccessLog.objects.filter(member=cast.alex))
    assert len(rows) == 1
    assert {(row.actor_id, row.actor_name) for row in rows} == {(None, "Dr Lee")}
    # The member's own account takes their rows with it.
    cast.alex.user.delete()
    assert AccessLog.objects.count() == 0


# -- The safety flag and assigned assessments --------------------------------------


def phq9_item9(member: Member) -> None:
    answers = answers_totalling(INSTRUMENTS["phq9"], 4, fixed={"9": 1})
    assessment_take(by=member, instrument="phq9", answers=answers)


@pytest.mark.parametrize(
    ("categories", "revoke", "flagged"),
    [(SHOWN, False, 1), (["attendance"], False, 0), (SHOWN, True, 0)],
)
def test_item_9_flags_the_clinicians_only_with_consent_for_assessments(
    clinic: OrganisationStaff,
    alex: Member,
    dr_lee: Member,
    categories: list[str],
    revoke: bool,
    flagged: int,
) -> None:
    referred(clinic, alex)
    consent = grant(alex, clinic, categories)
    if revoke:
        consent_revoke(by=alex, consent_id=consent.pk)
    phq9_item9(alex)
    flags = Notification.objects.filter(
        member=dr_lee, kind=NotificationKind.CLINIC_SAFETY
    )
    assert flags.count() == flagged
    for flag in flags:
        assert flag.url == f"/clinic/harbor-light/patients/{alex.pk}/"
        assert "Alex" not in flag.title + flag.body


def test_the_dashboard_marks_an_item_9_answer(
    clinic: OrganisationStaff, alex: Member, dr_lee: Member
) -> None:
    referred(clinic, alex)
    grant(alex, clinic, SHOWN)
    phq9_item9(alex)
    page = clinic_client(dr_lee).get("/clinic/harbor-light/patients/")
    assert "PHQ-9 item 9 above 0" in page.content.decode()


def test_a_clinician_asks_and_the_patient_s_result_completes_it(
    clinic: OrganisationStaff, alex: Member, dr_lee: Member
) -> None:
    referred(clinic, alex)
    grant(alex, clinic, SHOWN)
    client = clinic_client(dr_lee)
    url = f"/clinic/harbor-light/patients/{alex.pk}/assign/"
    assert client.post(url, {"instrument": "gad7"}).status_code == 302
    with pytest.raises(ValidationError):
        assessment_assign(
            by=OrganisationStaff.objects.get(pk=clinic.pk),
            member_id=alex.pk,
            instrument="gad7",
        )
    assignment = AssessmentAssignment.objects.get()
    asked = Notification.objects.get(
        member=alex, kind=NotificationKind.ASSESSMENT_ASKED
    )
    assert asked.url == "/me/assessments/gad7/"
    page = signed_in(alex).get("/me/assessments/").content.decode()
    assert "Harbor Light Treatment asks you to take" in page
    taken = assessment_take(
        by=alex, instrument="gad7", answers=answers_totalling(INSTRUMENTS["gad7"], 6)
    )
    assignment.refresh_from_db()
    assert assignment.assessment == taken
    assert assignment.completed_at == taken.taken_at
    assert taken.given_by == GivenBy.CLINICIAN


def test_a_clinician_cannot_ask_without_consent_for_assessments(
    clinic: OrganisationStaff, alex: Member, dr_lee: Member
) -> None:
    referred(clinic, alex)
    grant(alex, clinic, ["attendance"])
    response = clinic_client(dr_lee).post(
        f"/clinic/harbor-light/patients/{alex.pk}/assign/", {"instrument": "gad7"}
    )
    assert response.status_code == 404
    assert AssessmentAssignment.objects.count() == 0


def test_the_clinician_s_fhir_export_validates_and_is_labelled(
    clinic: OrganisationStaff, cast: Cast, alex_data: None
) -> None:
    referred(clinic, cast.alex)
    grant(cast.alex, clinic, SHOWN)
    response = clinic_client(cast.dr_lee).get(patient_urls(cast.alex.pk)[1])
    assert response["Content-Type"].startswith("application/fhir+json")
    data: dict[str, Any] = json.loads(response.content)
    bundle = Bundle.model_validate(data)
    assert bundle.meta is not None
    assert bundle.meta.security is not None
    assert bundle.meta.security[0].code == "NORDSCLCD"
    kinds = [entry["resource"]["resourceType"] for entry in data["entry"]]
    assert kinds == ["QuestionnaireResponse", "Observation"]
    assert "Alex" not in response.content.decode()


def test_without_assessments_the_fhir_export_is_a_404(
    clinic: OrganisationStaff, cast: Cast, alex_data: None
) -> None:
    referred(clinic, cast.alex)
    grant(cast.alex, clinic, ["attendance"])
    client: Client = clinic_client(cast.dr_lee)
    assert client.get(patient_urls(cast.alex.pk)[1]).status_code == 404
    assert AccessLog.objects.count() == 0


# -- Streaks -----------------------------------------------------------------------

TODAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize(
    ("back", "streak"),
    [
        ([], 0),
        ([0], 1),
        ([1], 1),
        ([2, 3, 4], 0),
        ([0, 1, 2, 4, 5], 3),
        ([1, 2, 3], 3),
        ([0, 2, 3], 1),
        (list(range(91)), 91),
    ],
)
def test_a_streak_counts_consecutive_days_up_to_today_or_yesterday(
    alex: Member, back: list[int], streak: int
) -> None:
    from kinship.care.disclosure import _streaks

    for days in back:
        CheckIn.objects.create(
            member=alex,
            local_date=TODAY - dt.timedelta(days=days),
            mood=3,
            craving=0,
            stress=0,
        )
    found = _streaks([alex.pk], TODAY, TODAY - dt.timedelta(days=90))
    assert found.get(alex.pk, 0) == streak


def test_the_dashboard_escapes_what_members_wrote(
    clinic: OrganisationStaff, alex: Member, dr_lee: Member
) -> None:
    Member.objects.filter(pk=alex.pk).update(display_name="<b>Alex</b>")
    referred(clinic, alex)
    grant(alex, clinic, ALL)
    page = clinic_client(dr_lee).get("/clinic/harbor-light/patients/")
    text = page.content.decode()
    assert "&lt;b&gt;Alex&lt;/b&gt;" in text
    assert "<b>Alex</b>" not in text
    # Every column of a patient who shares everything but has no data yet.
    assert "0 days" in text
    assert "None taken" in text
