"""The member's own pages: /me/, the data export and account deletion."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinship.attendance.models import (
    Attendance,
    AttendanceMethod,
    AttendanceRecord,
    MeetingException,
    Occurrence,
    Rsvp,
    ScheduleFeed,
)
from kinship.directory.tests.factories import GroupFactory, LanguageFactory
from kinship.members.models import (
    ChangeAction,
    GroupChange,
    GroupInvitation,
    Member,
    Membership,
    RosterName,
)
from kinship.members.profile import AccountError, member_delete, member_update
from kinship.members.tests.personas import (
    PERSONA_PASSWORD,
    Cast,
    membership_create,
    signed_in,
)
from kinship.members.tests.test_accounts import audit
from kinship.security.audit import security_event_record
from kinship.security.models import EventKind, SecurityEvent, UserSession
from kinship.tokens.models import IdempotencyRecord
from kinship.tokens.tests.helpers import token_for

ME = reverse("members:me")
PROFILE = reverse("members:profile")
EXPORT = reverse("members:export")
DELETE = reverse("members:delete")


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> None:
    cache.clear()


def profile_post(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "display_name": "Alex K.",
        "focus": "both",
        "languages": [],
        "timezone": "America/Chicago",
        "roster_name": RosterName.INITIAL,
    }
    values.update(changes)
    return values


@dataclass
class Rows:
    """One row of every member-owned model for alex, and some for others."""

    occurrence: Occurrence
    rsvp: Rsvp
    attendance: Attendance
    record: AttendanceRecord
    feed: ScheduleFeed
    change: GroupChange
    invitation: GroupInvitation
    exception: MeetingException
    fran_attendance: Attendance
    eve_rsvp: Rsvp
    recovery: list[models.Model]


@pytest.fixture
def rows(cast: Cast) -> Rows:
    starts = timezone.now() - dt.timedelta(days=7)
    occurrence = Occurrence.objects.create(
        meeting=cast.meeting,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        local_date=starts.date(),
    )
    record = AttendanceRecord.objects.create(
        member=cast.alex,
        name_shown="Alex K.",
        starts_on=starts.date(),
        ends_on=starts.date(),
        entries=[{"meeting": "Tuesday Evening", "date": starts.date().isoformat()}],
    )
    record.groups.set([cast.group])
    # alex's API token and one remembered idempotent request: exported by the
    # ``member`` convention (the token without its hash).
    token_for(cast.alex)
    IdempotencyRecord.objects.create(
        member=cast.alex,
        key="retry-1",
        method="POST",
        path="/api/v1/groups/x/membership",
        request_digest="d" * 64,
        response_status=201,
        response_body="{}",
    )
    return Rows(
        occurrence=occurrence,
        rsvp=Rsvp.objects.create(
            member=cast.alex, occurrence=occurrence, answer="going"
        ),
        attendance=Attendance.objects.create(
            member=cast.alex,
            occurrence=occurrence,
            method=AttendanceMethod.ROLL_CALL,
            verified=True,
            recorded_by=cast.fran,
        ),
        record=record,
        feed=ScheduleFeed.objects.create(member=cast.alex, token_hash="f" * 64),
        change=GroupChange.objects.create(
            group=cast.group,
            by=cast.alex,
            action=ChangeAction.GROUP_UPDATED,
            changes={"name": ["Old", "New"]},
        ),
        invitation=GroupInvitation.objects.create(
            group=cast.group,
            created_by=cast.alex,
            token_hash="e" * 64,
            expires_at=timezone.now() + dt.timedelta(days=14),
        ),
        exception=MeetingException.objects.create(
            meeting=cast.meeting,
            local_date=starts.date() + dt.timedelta(days=14),
            kind="cancelled",
            created_by=cast.alex,
        ),
        fran_attendance=Attendance.objects.create(
            member=cast.fran,
            occurrence=occurrence,
            method=AttendanceMethod.ROLL_CALL,
            verified=True,
            recorded_by=cast.alex,
        ),
        eve_rsvp=Rsvp.objects.create(
            member=cast.eve, occurrence=occurrence, answer="maybe"
        ),
        recovery=recovery_rows_create(cast),
    )


def recovery_rows_create(cast: Cast) -> list[models.Model]:
    """One row of each recovery, notification, mentorship, matching, toolkit and
    training model for alex."""
    from kinship.matching.models import GroupRating, SavedMatch
    from kinship.mentorship.models import Mentorship, MentorshipState
    from kinship.notifications.models import EmailChoice, Notification
    from kinship.recovery import models as recovery
    from kinship.toolkit.models import GroupApproval, GroupDraft, TeamRole
    from kinship.training.models import TrainingModule, TrainingProgress

    now = timezone.now()
    start = now - dt.timedelta(days=40)
    clock = recovery.SobrietyClock.objects.create(
        member=cast.alex, label="alcohol", started_at=start
    )
    milestone = recovery.Milestone.objects.create(
        member=cast.alex,
        clock=clock,
        streak_started_at=start,
        key="30d",
        reached_at=start + dt.timedelta(days=30),
    )
    share = recovery.MilestoneShare.objects.create(
        member=cast.alex, milestone=milestone, group=cast.group, removed_by=cast.alex
    )
    strategy = recovery.Strategy.objects.create(
        member=cast.alex, title="Walk it off", body="A walk round the block."
    )
    return [
        recovery.CheckIn.objects.create(
            member=cast.alex, local_date=now.date(), mood=4, craving=2, stress=3
        ),
        recovery.ClockReset.objects.create(
            member=cast.alex,
            clock=clock,
            streak_started_at=start - dt.timedelta(days=10),
            reset_at=start,
            days=10,
        ),
        recovery.Encouragement.objects.create(
            member=cast.alex, share=share, preset="proud", removed_by=cast.alex
        ),
        recovery.StrategyHelped.objects.create(member=cast.alex, strategy=strategy),
        recovery.NotebookEntry.objects.create(member=cast.alex, strategy=strategy),
        recovery.WarningSignal.objects.create(
            member=cast.alex, rule="mood_falling", computed_on=now.date()
        ),
        recovery.RecoveryPreferences.objects.create(member=cast.alex),
        recovery.SupportContact.objects.create(
            member=cast.alex, name="Sam", contact_member=cast.fran
        ),
        recovery.HelpRequest.objects.create(member=cast.alex),
        Notification.objects.create(
            member=cast.alex,
            kind="encouragement",
            text="notifications.as_written",
            params={"title": "Kind words", "body": ""},
        ),
        EmailChoice.objects.create(member=cast.alex, kind="encouragement", email=True),
        Mentorship.objects.create(
            mentor=cast.morgan, mentee=cast.alex, state=MentorshipState.ACTIVE
        ),
        Mentorship.objects.create(
            mentor=cast.alex, mentee=cast.eve, state=MentorshipState.REQUESTED
        ),
        GroupRating.objects.create(
            member=cast.alex, group=cast.group, safety=5, structure=4, welcome=5
        ),
        SavedMatch.objects.create(
            member=cast.alex,
            label="Weeknights",
            answers={"focus": "addiction", "travel": "online", "comfort": "ready"},
        ),
        GroupDraft.objects.create(
            member=cast.alex, name="Riverside Dual Recovery", data={"basics": {}}
        ),
        TeamRole.objects.create(group=cast.group, member=cast.alex, role="secretary"),
        GroupApproval.objects.create(group=cast.group, requested_by=cast.alex),
        TrainingProgress.objects.create(
            member=cast.alex,
            module=TrainingModule.objects.create(
                course="mentor",
                slug="export-check",
                position=99,
                title="Export check",
                content="Text.",
            ),
            attempts=1,
            passed_at=now,
        ),
        *facilitation_rows_create(cast),
        *mentorship_rows_create(cast),
        *care_rows_create(cast),
    ]


def care_rows_create(cast: Cast) -> list[models.Model]:
    """alex's GAD-7 assessment (which also makes alex's care pseudonym), alex's
    place on a clinic's staff, a referral alex accepted from dr_lee's, alex's
    consent to it, dr_lee's read of alex's data (the access log) and a PHQ-9
    dr_lee asked alex to take."""
    from kinship.care.consents import consent_grant
    from kinship.care.disclosure import disclose_patient
    from kinship.care.models import AccessLog, CarePseudonym
    from kinship.care.rollups import rollups_build
    from kinship.care.services import (
        assessment_assign,
        assessment_take,
        referral_accept,
        referral_create,
    )
    from kinship.care.tests.helpers import clinic_create

    answers = {str(number): 1 for number in range(1, 8)}
    taken = assessment_take(by=cast.alex, instrument="gad7", answers=answers)
    clinician = clinic_create(cast.dr_lee)
    referral, code = referral_create(
        by=clinician, patient_reference="Chart 1", group_ids=[]
    )
    referral_accept(by=cast.alex, code=code, ip_address="192.0.2.1")
    consent = consent_grant(
        by=cast.alex,
        organisation=clinician.organisation,
        categories=["assessments"],
        purpose="treatment",
        days=30,
    )
    disclose_patient(clinician, cast.alex.pk)
    rollups_build(timezone.now().date())
    asked = assessment_assign(by=clinician, member_id=cast.alex.pk, instrument="phq9")
    staff = clinic_create(cast.alex, name="Alex's Clinic", slug="alex-clinic")
    return [
        taken,
        CarePseudonym.objects.get(member=cast.alex),
        referral,
        staff,
        consent,
        AccessLog.objects.get(member=cast.alex),
        asked,
    ]


def mentorship_rows_create(cast: Cast) -> list[models.Model]:
    """alex's mentor profile, an endorsement of alex and one by alex, and a
    message fran sent alex in an ended mentorship (alex is its recipient)."""
    from kinship.mentorship.models import (
        MentorEndorsement,
        MentorMessage,
        MentorProfile,
        Mentorship,
        MentorshipState,
    )

    ended = Mentorship.objects.create(
        mentor=cast.fran, mentee=cast.alex, state=MentorshipState.ENDED
    )
    return [
        MentorProfile.objects.create(member=cast.alex),
        MentorEndorsement.objects.create(
            member=cast.alex, by=cast.fran, group=cast.group
        ),
        MentorEndorsement.objects.create(
            member=cast.morgan, by=cast.alex, group=cast.group
        ),
        MentorMessage.objects.create(
            mentorship=ended, sender=cast.fran, body="Thank you for the year."
        ),
    ]


def facilitation_rows_create(cast: Cast) -> list[models.Model]:
    """alex's post and report, and a moderation action about alex."""
    from kinship.facilitation.models import (
        ActionKind,
        GroupPost,
        ModerationAction,
        Report,
    )

    post = GroupPost.objects.create(group=cast.group, author=cast.alex, body="Hi")
    return [
        post,
        Report.objects.create(
            group=cast.group,
            reporter=cast.alex,
            target_member=cast.morgan,
            reason="other",
        ),
        ModerationAction.objects.create(
            group=cast.group,
            leader=cast.fran,
            action=ActionKind.WARN_MEMBER,
            target_member=cast.alex,
            reason="Please keep to the guidelines.",
        ),
    ]


def links_to_people(
    *, include_auto_created: bool = False
) -> Iterator[tuple[type[models.Model], models.Field[Any, Any]]]:
    """Every installed (model, field) holding a foreign key to a member or account."""
    people = (Member, get_user_model())
    for model in apps.get_models(include_auto_created=include_auto_created):
        for field in model._meta.get_fields():
            if field.concrete and field.is_relation and field.related_model in people:
                assert isinstance(field, models.Field)
                yield model, field


def label(model: type[models.Model], field: models.Field[Any, Any]) -> str:
    return f"{model._meta.label_lower}.{field.name}"


# Exported somewhere other than "records" / "actions".
EXPORTED_ELSEWHERE = {
    "members.member.user": "member",  # the profile itself
    "account.emailaddress.user": "account",  # account.email_addresses
    "security.securityevent.user": "security",  # security.events
    "security.usersession.user": "security",  # security.sessions, without keys
}
# Links to a person that the export leaves out, each with the reason.
NOT_EXPORTED = {
    # Another member's attendance that alex marked as a leader: about them.
    "attendance.attendance.recorded_by",
    # Someone else's choice of alex as a support contact is theirs (exported to
    # them through ``member``); alex's own contacts are exported to alex.
    "recovery.supportcontact.contact_member",
    # The Django admin's history of a site admin's edits: a staff audit trail.
    "admin.logentry.user",
    # A site admin's decision on a new group: a staff audit trail, like the above.
    "toolkit.groupapproval.decided_by",
    # Who moderated (profile.MODERATOR_FIELDS): a staff audit trail; a member's
    # export never says which leader acted, or which site admin reversed it.
    "facilitation.grouppost.hidden_by",
    "facilitation.moderationaction.leader",
    "facilitation.moderationaction.reversed_by",
    # Reports about a member are the group's leaders' record: exporting them
    # would tell the member what someone said about them (and so, often, who).
    "facilitation.report.target_member",
    # Authenticators hold the TOTP secret and recovery codes: an export that
    # carried them would let whoever holds the file pass the second step.
    "mfa.authenticator.user",
}


# Anonymous visitors and eve --------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("get", ME),
        ("get", PROFILE),
        ("post", PROFILE),
        ("get", EXPORT),
        ("post", EXPORT),
        ("get", DELETE),
        ("post", DELETE),
    ],
)
def test_visitors_are_sent_to_sign_in(client: Client, method: str, url: str) -> None:
    response = getattr(client, method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_eve_sees_only_her_own_profile(eve: Member, rows: Rows) -> None:
    body = signed_in(eve).get(PROFILE).content.decode()
    assert 'value="Eve"' in body
    assert "Alex K." not in body
    assert "alex@example.org" not in body
    assert "Tuesday Dual Recovery" not in body  # alex's group, not hers


@pytest.mark.django_db
def test_eve_s_profile_edit_changes_only_eve(eve: Member, alex: Member) -> None:
    response = signed_in(eve).post(PROFILE, profile_post(display_name="Eve R."))
    assert response.status_code == 302
    eve.refresh_from_db()
    alex.refresh_from_db()
    assert eve.display_name == "Eve R."
    assert alex.display_name == "Alex K."
    assert alex.timezone != "America/Chicago"


@pytest.mark.django_db
def test_eve_s_export_holds_nothing_of_alex(eve: Member, rows: Rows) -> None:
    response = signed_in(eve).post(EXPORT)
    text = response.content.decode()
    assert "alex@example.org" not in text
    assert "Alex K." not in text
    data = json.loads(text)
    assert data["member"]["id"] == eve.pk
    [rsvp] = data["records"]["attendance.rsvp"]
    assert rsvp.pop("updated_at").startswith(f"{rows.eve_rsvp.updated_at:%Y-%m-%d}")
    assert rsvp == {
        "id": rows.eve_rsvp.pk,
        "occurrence": rows.occurrence.pk,
        "occurrence_label": str(rows.occurrence),
        "answer": "maybe",
    }
    assert data["records"]["attendance.attendance"] == []
    assert data["actions"]["members.groupchange"] == []


@pytest.mark.django_db
def test_eve_cannot_delete_alex(eve: Member, alex: Member) -> None:
    response = signed_in(eve).post(
        DELETE, {"password": PERSONA_PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 302
    assert not Member.objects.filter(pk=eve.pk).exists()
    assert Member.objects.filter(pk=alex.pk).exists()


# /me/ ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_me_shows_the_groups_and_the_account_links(
    alex: Member, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(alex)
    response = client.get(ME)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>My recovery</h1>" in body
    assert 'href="/groups/tuesday-dual-recovery/"' in body
    assert "Participant" in body
    for url in (PROFILE, EXPORT, DELETE, reverse("account_email")):
        assert f'href="{url}"' in body
    assert audit(response.content).unlabelled == []
    assert "tel:988" in body
    assert "no-store" in response["Cache-Control"]

    # The group list costs the same whatever its length (15 queries in all with
    # the recovery parts of the page: today, clocks, warning signs, next meetings).
    for _ in range(3):
        membership_create(alex, GroupFactory.create(), "observer")
    with django_assert_max_num_queries(16) as captured:
        client.get(ME)
    few = len(captured)
    for _ in range(5):
        membership_create(alex, GroupFactory.create(), "observer")
    with django_assert_max_num_queries(few) as captured:
        assert client.get(ME).status_code == 200


@pytest.mark.django_db
def test_the_profile_page_shows_the_member_s_values(alex: Member) -> None:
    response = signed_in(alex).get(PROFILE)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="Alex K."' in body
    assert '<option value="America/New_York" selected>' in body
    assert audit(response.content).unlabelled == []
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_profile_edit_saves_through_the_service(alex: Member) -> None:
    spanish = LanguageFactory.create(code="es", name="Spanish")
    english = LanguageFactory.create(code="en", name="English")
    client = signed_in(alex)
    response = client.post(
        PROFILE,
        profile_post(display_name=" Alex Q. ", languages=[spanish.pk, english.pk]),
    )
    assert response.status_code == 302
    assert response["Location"] == PROFILE
    alex.refresh_from_db()
    assert alex.display_name == "Alex Q."
    assert alex.focus == "both"
    assert alex.timezone == "America/Chicago"
    assert alex.roster_name == RosterName.INITIAL
    assert set(alex.languages.all()) == {spanish, english}
    page = client.get(PROFILE).content.decode()
    assert "Your profile is saved." in page
    assert "message-warning" not in page


@pytest.mark.django_db
def test_a_full_name_is_saved_with_a_gentle_warning(alex: Member) -> None:
    client = signed_in(alex)
    response = client.post(PROFILE, profile_post(display_name="Alex Kowalski"))
    assert response.status_code == 302
    alex.refresh_from_db()
    assert alex.display_name == "Alex Kowalski"
    page = client.get(PROFILE).content.decode()
    assert 'class="message message-warning"' in page
    assert "looks like a full name" in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"timezone": "Mars/Olympus_Mons"}, "timezone"),
        ({"display_name": "   "}, "display_name"),
        ({"display_name": "x" * 61}, "display_name"),
        ({"roster_name": "full_legal_name"}, "roster_name"),
        ({"focus": "everything"}, "focus"),
    ],
)
def test_bad_profile_input_is_refused_next_to_the_field_and_changes_nothing(
    alex: Member, changes: dict[str, Any], field: str
) -> None:
    response = signed_in(alex).post(PROFILE, profile_post(**changes))
    assert response.status_code == 200
    body = response.content.decode()
    assert f'id="id_{field}_error"' in body
    alex.refresh_from_db()
    assert alex.timezone == "America/New_York"
    assert alex.display_name == "Alex K."


@pytest.mark.django_db
def test_member_update_validates_and_changes_nothing_on_error(alex: Member) -> None:
    with pytest.raises(ValidationError):
        member_update(
            by=alex,
            display_name="Alex K.",
            focus="",
            languages=[],
            timezone="Not/A_Zone",
            roster_name=RosterName.DISPLAY_NAME,
        )
    alex.refresh_from_db()
    assert alex.timezone == "America/New_York"


@pytest.mark.django_db
def test_profile_page_answers_get_and_post_only(alex: Member) -> None:
    assert signed_in(alex).put(PROFILE).status_code == 405


# Export -------------------------------------------------------------------------


@pytest.mark.django_db
def test_export_page_explains_and_offers_a_button(alex: Member) -> None:
    response = signed_in(alex).get(EXPORT)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>Export my data</h1>" in body
    assert f'<form method="post" action="{EXPORT}">' in body
    assert "csrfmiddlewaretoken" in body


@pytest.mark.django_db
def test_export_downloads_everything_held_about_alex(alex: Member, rows: Rows) -> None:
    alex.languages.set([LanguageFactory.create(code="es", name="Spanish")])
    response = signed_in(alex).post(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="kinship-export-'
    )
    assert "no-store" in response["Cache-Control"]
    text = response.content.decode()
    data = json.loads(text)

    assert data["account"]["email_addresses"] == [
        {"email": "alex@example.org", "verified": True, "primary": True}
    ]
    assert data["account"]["date_joined"]
    assert "last_login" in data["account"]
    assert data["member"]["display_name"] == "Alex K."
    assert data["member"]["languages"] == [{"code": "es", "name": "Spanish"}]

    records, actions = data["records"], data["actions"]
    assert [r["id"] for r in records["members.membership"]] == [
        Membership.objects.get(member=alex).pk
    ]
    assert [r["id"] for r in records["attendance.rsvp"]] == [rows.rsvp.pk]
    assert [r["id"] for r in records["attendance.attendance"]] == [rows.attendance.pk]
    assert [r["id"] for r in records["attendance.attendancerecord"]] == [rows.record.pk]
    assert records["attendance.attendancerecord"][0]["groups_labels"] == [
        "Tuesday Dual Recovery"
    ]
    assert [r["id"] for r in records["attendance.schedulefeed"]] == [rows.feed.pk]
    assert [r["id"] for r in actions["members.groupchange"]] == [rows.change.pk]
    assert [r["id"] for r in actions["members.groupinvitation"]] == [rows.invitation.pk]
    assert [r["id"] for r in actions["attendance.meetingexception"]] == [
        rows.exception.pk
    ]
    # The attendance alex recorded for fran is fran's, not alex's.
    assert rows.fran_attendance.pk not in [
        r["id"] for r in records["attendance.attendance"]
    ]
    # A leader's name is not disclosed through a link (only an id).
    assert "recorded_by_label" not in records["attendance.attendance"][0]

    # No secrets: password hash, hashed tokens.
    assert "password" not in text
    assert "argon2" not in text
    # The suite hashes with a fast hasher (kinship.settings_for_tests): look for
    # the algorithm actually used as well as production's.
    algorithm = alex.user.password.split("$", 1)[0]
    assert f'"{algorithm}$' not in text
    assert alex.user.password not in text
    assert "token_hash" not in text
    assert "f" * 64 not in text
    assert "e" * 64 not in text
    # Nothing of anyone else.
    assert "eve@example.org" not in text
    assert "fran@example.org" not in text
    assert "Fran D." not in text


@pytest.mark.django_db
def test_export_holds_alex_s_security_log_and_sessions_but_no_session_key(
    alex: Member, eve: Member
) -> None:
    client = signed_in(alex)  # a sign-in: one event, one listed session
    signed_in(eve)
    security_event_record(user=alex.user, kind=EventKind.PASSWORD_CHANGED, request=None)
    response = client.post(EXPORT)
    text = response.content.decode()
    security = json.loads(text)["security"]
    assert [event["kind"] for event in security["events"]] == [
        "signed_in",
        "password_changed",
    ]
    [session] = security["sessions"]
    assert set(session) == {"created_at", "last_seen_at", "ip_address", "user_agent"}
    session_key = client.session.session_key
    assert session_key
    assert UserSession.objects.filter(session_key=session_key).exists()
    assert session_key not in text
    assert "session_key" not in text


def exported_actions(member: Member, label_lower: str) -> list[dict[str, Any]]:
    data = json.loads(signed_in(member).post(EXPORT).content)
    rows: list[dict[str, Any]] = data["actions"][label_lower]
    return rows


@pytest.mark.django_db
def test_a_mentor_who_is_no_one_s_mentee_finds_the_mentorship(cast: Cast) -> None:
    from kinship.mentorship.models import Mentorship, MentorshipState

    mentorship = Mentorship.objects.create(
        mentor=cast.morgan, mentee=cast.alex, state=MentorshipState.ACTIVE
    )
    [row] = exported_actions(cast.morgan, "mentorship.mentorship")
    assert row["id"] == mentorship.pk
    # Both sides are named (by id), so the export says which one morgan is.
    assert (row["mentor"], row["mentee"]) == (cast.morgan.pk, cast.alex.pk)
    assert row["state"] == MentorshipState.ACTIVE
    [row] = exported_actions(cast.alex, "mentorship.mentorship")
    assert row["id"] == mentorship.pk
    assert exported_actions(cast.eve, "mentorship.mentorship") == []


@pytest.mark.django_db
def test_a_mentor_and_mentee_finds_both_mentorships_once_each(cast: Cast) -> None:
    from kinship.mentorship.models import Mentorship, MentorshipState

    as_mentee = Mentorship.objects.create(
        mentor=cast.morgan, mentee=cast.alex, state=MentorshipState.ACTIVE
    )
    as_mentor = Mentorship.objects.create(
        mentor=cast.alex, mentee=cast.eve, state=MentorshipState.REQUESTED
    )
    # Not alex's: left out.
    Mentorship.objects.create(
        mentor=cast.morgan, mentee=cast.fran, state=MentorshipState.ACTIVE
    )
    rows = exported_actions(cast.alex, "mentorship.mentorship")
    assert [row["id"] for row in rows] == sorted([as_mentee.pk, as_mentor.pk])
    assert {row["id"]: (row["mentor"], row["mentee"]) for row in rows} == {
        as_mentee.pk: (cast.morgan.pk, cast.alex.pk),
        as_mentor.pk: (cast.alex.pk, cast.eve.pk),
    }


@pytest.mark.django_db
def test_a_row_found_through_two_actor_fields_is_exported_once(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No model lets a member be both sides of one row today (a mentorship is
    never with oneself), so a second actor field of a group approval stands in."""
    from kinship.members import profile
    from kinship.toolkit.models import Decision, GroupApproval

    monkeypatch.setattr(
        profile,
        "ACTOR_FIELDS",
        (
            *profile.ACTOR_FIELDS,
            ("toolkit.GroupApproval", "decided_by"),
        ),
    )
    now = timezone.now()
    both = GroupApproval.objects.create(
        group=cast.group,
        requested_by=cast.alex,
        decided_by=cast.alex,
        decision=Decision.APPROVED,
        decided_at=now,
    )
    decided_only = GroupApproval.objects.create(
        group=GroupFactory.create(),
        requested_by=cast.fran,
        decided_by=cast.alex,
        decision=Decision.DECLINED,
        decided_at=now,
    )
    requested_only = GroupApproval.objects.create(
        group=GroupFactory.create(),
        requested_by=cast.alex,
        decided_by=cast.fran,
        decision=Decision.APPROVED,
        decided_at=now,
    )
    # Not alex's: left out.
    GroupApproval.objects.create(group=GroupFactory.create(), requested_by=cast.fran)
    rows = exported_actions(cast.alex, "toolkit.groupapproval")
    assert [row["id"] for row in rows] == sorted(
        [both.pk, decided_only.pk, requested_only.pk]
    )


@pytest.mark.django_db
def test_every_link_to_a_person_is_exported_or_excluded_for_a_reason(
    alex: Member, rows: Rows
) -> None:
    data = json.loads(signed_in(alex).post(EXPORT).content)
    exported = {f"{key}.member" for key in data["records"]}
    from kinship.members.profile import ACTOR_FIELDS

    exported |= {f"{model.lower()}.{field}" for model, field in ACTOR_FIELDS}
    # A shared row (profile.SHARED_THROUGH) goes whole to both people of its
    # parent row: every link to a person in it is exported with it.
    from kinship.members.profile import SHARED_THROUGH

    shared = {model.lower() for model, _field in SHARED_THROUGH}
    exported |= {
        label(model, field)
        for model, field in links_to_people()
        if model._meta.label_lower in shared
    }
    exported_keys = set(data["records"]) | set(data["actions"])

    seen = set()
    for model, field in links_to_people():
        name = label(model, field)
        seen.add(name)
        if name in EXPORTED_ELSEWHERE:
            assert data[EXPORTED_ELSEWHERE[name]], name
        elif name in NOT_EXPORTED:
            continue
        else:
            assert name in exported, f"{name} is neither exported nor excluded"
            assert model._meta.label_lower in exported_keys, name
            # Every model this test knows has a row for alex, so each is real.
            found = data["records"].get(model._meta.label_lower) or data["actions"].get(
                model._meta.label_lower
            )
            assert found, f"{name}: no row for alex exported"
    # The exclusion lists name only links that exist.
    assert set(EXPORTED_ELSEWHERE) | NOT_EXPORTED <= seen


# Deletion -----------------------------------------------------------------------


@pytest.mark.django_db
def test_delete_page_explains_what_happens(alex: Member) -> None:
    response = signed_in(alex).get(DELETE)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>Delete my account</h1>" in body
    assert "anonymous attendee" in body
    assert 'type="password"' in body
    assert 'type="checkbox"' in body
    assert audit(response.content).unlabelled == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("post", "field"),
    [
        ({"password": "not my password", "confirm": "on"}, "password"),
        ({"password": "", "confirm": "on"}, "password"),
        ({"password": PERSONA_PASSWORD}, "confirm"),
    ],
)
def test_delete_needs_the_password_and_the_checkbox(
    alex: Member, rows: Rows, post: dict[str, str], field: str
) -> None:
    client = signed_in(alex)
    response = client.post(DELETE, post)
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in response.content.decode()
    assert Member.objects.filter(pk=alex.pk).exists()
    assert Rsvp.objects.filter(member=alex).count() == 1
    assert EmailAddress.objects.filter(user=alex.user).exists()
    assert client.get(ME).status_code == 200  # still signed in


@pytest.mark.django_db
def test_member_delete_with_a_wrong_password_changes_nothing(alex: Member) -> None:
    with pytest.raises(AccountError):
        member_delete(by=alex, password="not my password")
    assert Member.objects.filter(pk=alex.pk).exists()
    assert get_user_model().objects.filter(pk=alex.user_id).exists()


def sessions_of(user_id: int) -> int:
    return sum(
        1
        for session in Session.objects.all()
        if session.get_decoded().get("_auth_user_id") == str(user_id)
    )


@pytest.mark.django_db
def test_delete_removes_everything_of_alex_and_keeps_the_counts(
    alex: Member, rows: Rows
) -> None:
    member_id, user_id = alex.pk, alex.user_id
    client = signed_in(alex)
    other_device = signed_in(alex)
    signed_in(alex.__class__.objects.get(user__username="fran"))
    assert sessions_of(user_id) == 2
    assert UserSession.objects.filter(user_id=user_id).count() == 2
    attendance_before = Attendance.objects.filter(occurrence=rows.occurrence).count()

    response = client.post(DELETE, {"password": PERSONA_PASSWORD, "confirm": "on"})

    assert response.status_code == 302
    assert response["Location"] == reverse("directory:home")
    # No row anywhere points to alex's member or account.
    for model, field in links_to_people(include_auto_created=True):
        target = member_id if field.related_model is Member else user_id
        pointing = model._default_manager.filter(**{field.attname: target})
        assert not pointing.exists(), label(model, field)
    assert not EmailAddress.objects.filter(email="alex@example.org").exists()
    assert not SecurityEvent.objects.filter(user_id=user_id).exists()
    assert not UserSession.objects.filter(user_id=user_id).exists()
    # Attendance stays as anonymous counts; the group's history stays.
    assert (
        Attendance.objects.filter(occurrence=rows.occurrence).count()
        == attendance_before
    )
    assert Attendance.objects.get(pk=rows.attendance.pk).member_id is None
    assert Attendance.objects.get(pk=rows.fran_attendance.pk).recorded_by_id is None
    assert GroupChange.objects.get(pk=rows.change.pk).by_id is None
    assert not Rsvp.objects.filter(pk=rows.rsvp.pk).exists()
    assert not AttendanceRecord.objects.filter(pk=rows.record.pk).exists()
    assert not ScheduleFeed.objects.filter(pk=rows.feed.pk).exists()
    # Signed out here and on the other device; fran is untouched.
    assert sessions_of(user_id) == 0
    assert sessions_of(Member.objects.get(display_name="Fran D.").user_id) == 1
    assert client.get(ME).status_code == 302
    assert other_device.get(ME).status_code == 302
    assert Rsvp.objects.filter(pk=rows.eve_rsvp.pk).exists()
    page = client.get(response["Location"]).content.decode()
    assert "Sign in" in page


def test_the_delete_page_warns_a_groups_only_leader(cast: Cast) -> None:
    fran = signed_in(cast.fran)
    page = fran.get(reverse("members:delete")).content.decode()
    assert "only leader" in page
    assert cast.group.name in page
    alex_page = signed_in(cast.alex).get(reverse("members:delete"))
    assert "only leader" not in alex_page.content.decode()
