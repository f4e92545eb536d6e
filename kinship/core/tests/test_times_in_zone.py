"""Issue 19: every page shows its times in the viewer's zone.

Everything here happens at one instant, 2026-12-07 05:43 UTC, which is Sunday,
December 6, 9:43 PM in Los Angeles: the hour and the date both differ. Every
persona lives in Los Angeles. Each page that shows a time of that instant must
show the Los Angeles wall clock and none of the UTC one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from kinship.attendance.models import Attendance, AttendanceMethod, Occurrence
from kinship.attendance.services import record_issue
from kinship.care.consents import consent_grant
from kinship.care.instruments import INSTRUMENTS
from kinship.care.models import Assessment, OrganisationStaff
from kinship.care.services import assessment_take, referral_accept, referral_create
from kinship.care.tests.helpers import answers_totalling, clinic_client, clinic_create
from kinship.facilitation.models import GroupPost, ReportReason
from kinship.facilitation.services import member_warn, post_create, report_create
from kinship.members.models import ChangeAction, GroupChange, Member, Membership
from kinship.members.tests.personas import Cast, cast_create, signed_in
from kinship.mentorship.models import Mentorship
from kinship.mentorship.services import (
    mentor_message_send,
    mentorship_accept,
    mentorship_confirm,
    mentorship_request,
)
from kinship.mentorship.tests.helpers import mentor_make, training_pass
from kinship.notifications.models import NotificationKind
from kinship.notifications.services import notification_send
from kinship.notifications.texts import AS_WRITTEN
from kinship.recovery.models import SobrietyClock
from kinship.recovery.models.checkins import CheckIn
from kinship.recovery.selectors.strategies import strategies_visible_to
from kinship.recovery.services.strategies import notebook_save
from kinship.security.models import EventKind, SecurityEvent
from kinship.tokens.services import token_create

pytestmark = pytest.mark.django_db

LA = "America/Los_Angeles"
INSTANT = dt.datetime(2026, 12, 7, 5, 43, tzinfo=dt.UTC)

# How the instant reads in Los Angeles, in each style.
LA_DATETIME = "Sun, Dec 6, 9:43 PM"
LA_ZONED = "Sun, Dec 6, 9:43 PM PST"
LA_DATE = "Dec 6, 2026"
LA_TIME = "9:43 PM"
# How it would read in UTC, in any of the old or new formats.
UTC_READINGS = ["UTC", "05:43", "5:43 AM", "Dec 7", "7 Dec"]


@dataclass
class World:
    cast: Cast
    clinic: OrganisationStaff
    post: GroupPost
    mentorship: Mentorship
    assessment: Assessment
    clock: SobrietyClock


def shows_la(html: str, *expected: str, dec_7: bool = False) -> None:
    """The expected Los Angeles readings are there, no UTC reading is. A page
    that also shows a later time (a clock's next milestone, a day on) may
    rightly show Dec 7 (``dec_7``)."""
    for text in expected:
        assert text in html, text
    for text in UTC_READINGS:
        if not (dec_7 and text == "Dec 7"):
            assert text not in html, text


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.fixture
def world() -> Iterator[World]:
    # The clock stands at the instant: every row made "now" carries it.
    with time_machine.travel(INSTANT, tick=False):
        cast = cast_create()
        for member in (cast.alex, cast.fran, cast.morgan, cast.dr_lee):
            member.timezone = LA
            member.save()
        group = cast.group
        alex = cast.alex
        Membership.objects.filter(member=alex, group=group).update(joined_at=INSTANT)

        CheckIn.objects.create(
            member=alex,
            local_date=dt.date(2026, 12, 6),
            mood=4,
            craving=2,
            stress=3,
            used_today="no",
        )
        notification_send(
            member=alex,
            kind=NotificationKind.MENTORSHIP,
            text=AS_WRITTEN,
            params={"title": "A time check", "body": ""},
        )
        post = post_create(by=alex, group=group, body="Hello, everyone")
        report_create(
            by=cast.morgan, group=group, reason=ReportReason.SPAM, post_id=post.pk
        )
        member_warn(by=cast.fran, group=group, member_id=cast.morgan.pk, reason="Kind")
        GroupChange.objects.create(
            group=group, by=cast.fran, action=ChangeAction.GROUP_UPDATED
        )

        mentor_make(cast.morgan, leader=cast.fran, group=group)
        mentorship = mentorship_request(by=alex, mentor=cast.morgan, message="Hi")
        mentorship_accept(by=cast.morgan, mentorship_id=mentorship.pk)
        mentorship_confirm(by=alex, mentorship_id=mentorship.pk)
        mentor_message_send(by=cast.morgan, mentorship_id=mentorship.pk, body="Hi!")

        notebook_save(by=alex, strategy_id=strategies_visible_to(alex).first().pk)  # type: ignore[union-attr]

        # A meeting attended on Dec 6 (8 PM in New York, the meeting's zone).
        starts = dt.datetime(2026, 12, 7, 1, 0, tzinfo=dt.UTC)
        occurrence = Occurrence.objects.create(
            meeting=cast.meeting,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=1),
            local_date=dt.date(2026, 12, 6),
        )
        Attendance.objects.create(
            member=alex,
            occurrence=occurrence,
            method=AttendanceMethod.ROLL_CALL,
            verified=True,
        )
        record_issue(
            by=alex,
            starts_on=dt.date(2026, 12, 1),
            ends_on=dt.date(2026, 12, 6),
            group_ids=[group.pk],
            name_shown="Alex K.",
        )

        SecurityEvent.objects.create(user=alex.user, kind=EventKind.SIGNED_IN)
        token_create(by=alex, name="Phone", scope="read", days=30, request=None)

        clinic = clinic_create(cast.dr_lee)
        _referral, code = referral_create(by=clinic, patient_reference="Chart 19")
        referral_accept(by=alex, code=code, ip_address="192.0.2.19")
        consent_grant(
            by=alex,
            organisation=clinic.organisation,
            categories=["assessments", "milestones", "checkins"],
            purpose="treatment",
            days=90,
        )
        assessment = assessment_take(
            by=alex,
            instrument="phq9",
            answers=answers_totalling(INSTRUMENTS["phq9"], 6),
        )
        clock = SobrietyClock.objects.create(
            member=alex, label="Sober from alcohol", started_at=INSTANT
        )
        training_pass(alex, when=INSTANT)
        yield World(cast, clinic, post, mentorship, assessment, clock)


@pytest.fixture
def at_the_instant(world: World) -> Iterator[World]:
    """Pages are read a minute after the instant, still Dec 6 in Los Angeles."""
    with time_machine.travel(INSTANT + dt.timedelta(minutes=1), tick=False):
        yield world


def test_the_member_s_pages_show_los_angeles_times(at_the_instant: World) -> None:
    world = at_the_instant
    alex = signed_in(world.cast.alex)
    slug = world.cast.group.slug

    html = page(alex, reverse("recovery:checkin"))
    shows_la(html, f"last saved at {LA_TIME}", "Sunday, December 6, 2026")
    shows_la(page(alex, reverse("notifications:list")), LA_DATETIME)
    shows_la(page(alex, reverse("facilitation:board", args=[slug])), LA_DATETIME)
    shows_la(page(alex, reverse("mentorship:mine")), f"Asked on {LA_DATE}")
    thread = page(alex, reverse("mentorship:thread", args=[world.mentorship.pk]))
    shows_la(thread, LA_DATETIME)
    shows_la(page(alex, reverse("recovery:notebook")), f"Saved on {LA_DATE}")
    shows_la(page(alex, reverse("attendance:records")), LA_DATE)
    shows_la(
        page(alex, reverse("security:me")),
        LA_ZONED,
        f"Times are in your time zone ({LA})",
    )
    shows_la(page(alex, reverse("tokens:list")), LA_DATE)
    shows_la(page(alex, reverse("care:index")), LA_DATE)
    result = page(alex, reverse("care:result", args=[world.assessment.pk]))
    shows_la(result, f"Taken on {LA_DATETIME}")
    clock = page(alex, reverse("recovery:clock-detail", args=[world.clock.pk]))
    # The first milestone, a day on, is Monday at the same time in Los Angeles.
    shows_la(clock, f"since {LA_DATETIME}", "Mon, Dec 7, 9:43 PM", dec_7=True)
    clocks = page(alex, reverse("recovery:clock-list"))
    shows_la(clocks, "Mon, Dec 7, 9:43 PM", dec_7=True)
    shows_la(page(alex, reverse("recovery:checkin-list")), "Sunday, December 6, 2026")
    shows_la(page(alex, reverse("attendance:my-attendance")), "Sun, Dec 6")
    shows_la(page(alex, reverse("training:index")), f"passed on {LA_DATE}")
    shows_la(page(alex, reverse("care:my-referrals")), f"accepted on {LA_DATE}")


def test_the_sharing_page_and_its_access_log(at_the_instant: World) -> None:
    world = at_the_instant
    patient = reverse(
        "care:clinic-patient",
        args=[world.clinic.organisation.slug, world.cast.alex.pk],
    )
    clinician = clinic_client(world.cast.dr_lee)
    # Reading the patient's page writes the access log row the patient sees.
    shows_la(page(clinician, patient), LA_DATE)
    sharing = page(signed_in(world.cast.alex), reverse("care:sharing"))
    # The consent, granted at the instant; the read, a minute later.
    shows_la(sharing, LA_DATETIME, "Sun, Dec 6, 9:44 PM")


def test_the_clinician_s_pages_show_los_angeles_times(at_the_instant: World) -> None:
    world = at_the_instant
    org = world.clinic.organisation.slug
    clinician = clinic_client(world.cast.dr_lee)
    shows_la(page(clinician, reverse("care:clinic-home", args=[org])), LA_DATE)
    patients = page(clinician, reverse("care:clinic-patients", args=[org]))
    shows_la(patients, "Dec 6")


def test_the_leader_s_pages_show_los_angeles_times(at_the_instant: World) -> None:
    world = at_the_instant
    fran = signed_in(world.cast.fran)
    slug = world.cast.group.slug
    moderation = page(fran, reverse("facilitation:moderation", args=[slug]))
    shows_la(moderation, LA_DATETIME, LA_DATE)  # the report, the warning
    shows_la(page(fran, reverse("membership:roster", args=[slug])), LA_DATE)
    shows_la(page(fran, reverse("membership:group-changes", args=[slug])), LA_DATETIME)
    shows_la(page(fran, reverse("facilitation:board", args=[slug])), LA_DATETIME)


def test_site_staff_see_actions_in_their_zone(at_the_instant: World) -> None:
    world = at_the_instant
    world.cast.fran.user.is_staff = True
    world.cast.fran.user.save()
    actions = page(signed_in(world.cast.fran), reverse("facilitation:staff-actions"))
    shows_la(actions, LA_DATETIME)


def test_the_mentor_s_pages_show_los_angeles_times(at_the_instant: World) -> None:
    world = at_the_instant
    morgan = signed_in(world.cast.morgan)
    mentee = page(morgan, reverse("mentorship:mentee", args=[world.cast.alex.pk]))
    shows_la(mentee, f"since {LA_DATE}")
    thread = page(morgan, reverse("mentorship:thread", args=[world.mentorship.pk]))
    shows_la(thread, LA_DATETIME)
    profile = page(morgan, reverse("mentorship:mentor-profile"))
    shows_la(profile, "A mentor since")


def test_the_export_is_named_after_the_member_s_date(at_the_instant: World) -> None:
    response = signed_in(at_the_instant.cast.alex).post(reverse("members:export"))
    assert response.status_code == 200
    assert "kinship-export-2026-12-06.json" in response["Content-Disposition"]


def test_the_member_s_own_zone_wins_over_the_browser_s(at_the_instant: World) -> None:
    world = at_the_instant
    board = reverse("facilitation:board", args=[world.cast.group.slug])
    alex = signed_in(world.cast.alex)
    Member.objects.filter(pk=world.cast.alex.pk).update(timezone="Europe/Madrid")
    alex.cookies["kinship_tz"] = LA
    assert "Mon, Dec 7, 6:43 AM" in page(alex, board)
