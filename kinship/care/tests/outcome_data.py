"""Members' own data for the outcome roll-up and report tests: patients,
consents, attendance, check-ins, clock resets and BARC-10 totals on chosen
UTC days."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.contrib.auth import get_user_model

from kinship.attendance.models import Attendance, AttendanceMethod, Occurrence
from kinship.care.models import Assessment, Consent, ConsentPurpose, Organisation
from kinship.directory.models import Meeting
from kinship.directory.tests.factories import MeetingFactory
from kinship.members.models import Member
from kinship.recovery.models import CheckIn, ClockReset, SobrietyClock

ALL_CATEGORIES = ["attendance", "checkins", "milestones", "assessments", "warnings"]


def at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def patients_create(count: int, prefix: str = "patient") -> list[Member]:
    """``count`` members (no password: fast)."""
    users = get_user_model().objects.bulk_create(
        [
            get_user_model()(username=f"{prefix}{i}", email=f"{prefix}{i}@example.org")
            for i in range(count)
        ]
    )
    return [
        Member.objects.create(user=user, display_name=f"Patient {i}")
        for i, user in enumerate(users)
    ]


def consent_grant(
    member: Member,
    organisation: Organisation,
    *,
    granted: dt.datetime,
    categories: Sequence[str] = ALL_CATEGORIES,
    expires: dt.datetime | None = None,
    revoked: dt.datetime | None = None,
) -> Consent:
    return Consent.objects.create(
        member=member,
        organisation=organisation,
        categories=list(categories),
        purpose=ConsentPurpose.TREATMENT,
        granted_at=granted,
        expires_at=expires or granted + dt.timedelta(days=365),
        revoked_at=revoked,
    )


def meeting() -> Meeting:
    return MeetingFactory.create()


def attend(member: Member, place: Meeting, day: dt.date) -> Attendance:
    occurrence, _ = Occurrence.objects.get_or_create(
        meeting=place,
        starts_at=at(day, 18),
        defaults={"ends_at": at(day, 19), "local_date": day},
    )
    return Attendance.objects.create(
        member=member, occurrence=occurrence, method=AttendanceMethod.ROLL_CALL
    )


def check_in(member: Member, day: dt.date, used: str = "no") -> CheckIn:
    return CheckIn.objects.create(
        member=member, local_date=day, mood=3, craving=2, stress=2, used_today=used
    )


def clock_reset(member: Member, day: dt.date, *, hidden: bool = False) -> ClockReset:
    clock = SobrietyClock.objects.create(
        member=member, label="alcohol", started_at=at(day, 0), hidden=hidden
    )
    return ClockReset.objects.create(
        member=member,
        clock=clock,
        streak_started_at=at(day - dt.timedelta(days=10)),
        reset_at=at(day),
        days=10,
    )


def barc10(member: Member, day: dt.date, total: int, hour: int = 12) -> Assessment:
    return Assessment.objects.create(
        member=member,
        instrument="barc10",
        answers={},
        total=total,
        band="",
        taken_at=at(day, hour),
    )
