"""The clinic benchmarks' data set: 5 M check-ins and one organisation's patients.

Shared by ``bench/report.py`` (the outcome report) and the clinician dashboard
benchmark. ``seed_steps(patients=...)`` gives the ``manage.py`` steps for
``scratchdb.seed``: ``migrate``, ``seed_demo`` (the demo directory: meetings to
attend) and ``shell -c`` running ``seed_in_django`` below, which writes:

- ``members`` members (default 20,000), each with a check-in on each of the
  last ``days`` days (default 250, up to yesterday, UTC): 5,000,000 check-ins,
  written with ``executemany`` (SQLite) or ``COPY`` (PostgreSQL), not the ORM;
- the organisation ``bench-clinic`` with a clinician (``cbench-clinician``,
  TOTP set up with ``TOTP_SECRET``) and an administrator, and the organisation
  ``bench-dashboard`` with the same clinician, to which exactly patients 0 to
  199 consent to every category (the dashboard benchmark's 200 patients);
- the first ``patients`` members as its patients, each with a consent to it,
  a visible sobriety clock with some resets, BARC-10 every 30 days and
  meetings attended (except one in three of those after the first 200).
  Patients 0 to 199 (``DASHBOARD_PATIENTS``)
  have a consent to every category from the first day, never revoked, so the
  last 90 days of their check-ins, attendance, clocks, warning signs and
  assessments (BARC-10, PHQ-9, GAD-7) are all visible to the clinician; the
  others start on different days, share different categories, and one in ten
  revokes after 120 days.

Everything is drawn from ``random.Random(SEED)``: the same arguments give the
same data. ``session_code()`` is the shell code that signs the clinician in
with MFA recorded in a new session and prints ``SESSION=<key>``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SEED = 9
ORG_SLUG = "bench-clinic"
# A second organisation whose consenting patients are exactly the first
# ``DASHBOARD_PATIENTS``: the clinician dashboard benchmark's page.
DASHBOARD_ORG_SLUG = "bench-dashboard"
CLINICIAN = "cbench-clinician"
ADMIN = "cbench-admin"
# The bench clinician's authenticator secret (a scratch database only).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105
DASHBOARD_PATIENTS = 200
DEFAULT_MEMBERS = 20_000
DEFAULT_DAYS = 250
MEETINGS_USED = 8
ROWS_PER_BATCH = 100_000
ALL_CATEGORIES = ["attendance", "checkins", "milestones", "assessments", "warnings"]
CHECKIN_COLUMNS = (
    "member_id",
    "local_date",
    "mood",
    "craving",
    "stress",
    "sleep_hours",
    "used_today",
    "triggers",
    "coping",
    "warning_signs",
    "gratitude",
    "note",
    "sharing",
    "created_at",
    "updated_at",
)
ATTENDANCE_COLUMNS = (
    "member_id",
    "occurrence_id",
    "method",
    "verified",
    "recorded_by_id",
    "recorded_at",
)


def seed_version() -> str:
    """A digest of this file: changing the seed makes reused databases stale."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def first_day(days: int, today: dt.date | None = None) -> dt.date:
    """The first seeded day: ``days`` days ending yesterday (UTC)."""
    today = today or dt.datetime.now(dt.UTC).date()
    return today - dt.timedelta(days=days)


def seed_steps(
    *, patients: int, members: int = DEFAULT_MEMBERS, days: int = DEFAULT_DAYS
) -> list[list[str]]:
    """The ``manage.py`` steps that seed the data set (see the module)."""
    if not DASHBOARD_PATIENTS <= patients <= members:
        raise ValueError(f"patients must be {DASHBOARD_PATIENTS} to {members}")
    code = (
        "import sys; sys.path.insert(0, 'bench'); "
        "from clinic_seed import seed_in_django; "
        f"seed_in_django(patients={patients}, members={members}, days={days}, "
        f"start={first_day(days).isoformat()!r})  # seed {seed_version()}"
    )
    return [["migrate", "--no-input"], ["seed_demo"], ["shell", "-c", code]]


def session_code() -> str:
    """Shell code: a new session of the clinician, signed in with a password and
    TOTP (as allauth records it), printed as ``SESSION=<key>``."""
    return (
        "import sys; sys.path.insert(0, 'bench'); "
        "from clinic_seed import clinician_session; "
        "print('SESSION=' + clinician_session())"
    )


# -- Inside Django (manage.py shell) ----------------------------------------------


def clinician_session() -> str:
    """Sign the clinician in on a new session, as the password and TOTP steps
    would (``login`` and allauth's authentication records); its key."""
    from allauth.account.internal.flows.login import record_authentication
    from django.contrib.auth import get_user_model, login
    from django.contrib.sessions.middleware import SessionMiddleware
    from django.http import HttpResponse
    from django.test import RequestFactory

    user = get_user_model().objects.get(username=CLINICIAN)
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1")
    SessionMiddleware(lambda request: HttpResponse()).process_request(request)
    login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
    record_authentication(request, user, method="password", email=user.email)
    record_authentication(request, user, method="mfa", type="totp")
    request.session.save()
    key = request.session.session_key
    assert key is not None
    return key


def _batches(rows: Iterator[tuple[Any, ...]]) -> Iterator[list[tuple[Any, ...]]]:
    batch: list[tuple[Any, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= ROWS_PER_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def bulk_insert(
    table: str, columns: tuple[str, ...], rows: Iterator[tuple[Any, ...]]
) -> int:
    """Insert ``rows`` fast: COPY on PostgreSQL, executemany on SQLite."""
    from django.db import connection, transaction

    connection.ensure_connection()
    raw: Any = connection.connection
    count = 0
    if connection.vendor == "postgresql":
        statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
        with (
            transaction.atomic(),
            raw.cursor() as cursor,
            cursor.copy(statement) as copy,
        ):
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    marks = ", ".join("?" for _ in columns)
    statement = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608
    for batch in _batches(rows):
        with transaction.atomic():
            raw.executemany(statement, batch)
        count += len(batch)
    return count


def _moment(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=dt.UTC)


def _day_value(value: dt.date | dt.datetime, postgres: bool) -> Any:
    """Dates and times as each engine's raw driver takes them."""
    return value if postgres else value.isoformat()


def seed_in_django(*, patients: int, members: int, days: int, start: str) -> None:
    """Write the data set (see the module) into the database Django is on."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
    from django.db import connection

    from kinship.members.models import Member

    postgres = connection.vendor == "postgresql"
    first = dt.date.fromisoformat(start)
    dates = [first + dt.timedelta(days=offset) for offset in range(days)]
    user_model = get_user_model()
    member_ids: list[int] = []
    for low in range(0, members, 2000):
        chunk = range(low, min(low + 2000, members))
        users = user_model.objects.bulk_create(
            [
                user_model(
                    username=f"cbench{i}",
                    email=f"cbench{i}@example.org",
                    password=UNUSABLE_PASSWORD_PREFIX,
                )
                for i in chunk
            ]
        )
        made = Member.objects.bulk_create(
            [
                Member(user=user, display_name=f"Bench {i}")
                for i, user in zip(chunk, users, strict=True)
            ]
        )
        member_ids += [member.pk for member in made]
    print(f"{members} members")
    checkins = bulk_insert(
        "recovery_checkin", CHECKIN_COLUMNS, _checkin_rows(member_ids, dates, postgres)
    )
    print(f"{checkins} check-ins")
    _clinic_seed(member_ids[:patients], dates, postgres)


def _checkin_rows(
    member_ids: list[int], dates: list[dt.date], postgres: bool
) -> Iterator[tuple[Any, ...]]:
    rng = random.Random(SEED)
    empty = "[]"
    for index, member_id in enumerate(member_ids):
        use_rate = 0.02 + (index % 10) * 0.02
        for day in dates:
            draw = rng.random()
            used = "yes" if draw < use_rate else ("unsaid" if draw > 0.95 else "no")
            moment = _day_value(_moment(day, 21), postgres)
            yield (
                member_id,
                _day_value(day, postgres),
                rng.randint(1, 5),
                rng.randint(0, 10),
                rng.randint(0, 10),
                None,
                used,
                empty,
                empty,
                empty,
                "",
                "",
                "private",
                moment,
                moment,
            )


def _categories(index: int) -> list[str]:
    if index < DASHBOARD_PATIENTS:
        return list(ALL_CATEGORIES)
    leave_out = {
        "attendance": index % 7 == 0,
        "checkins": index % 11 == 0,
        "milestones": index % 5 == 0,
        "assessments": index % 4 == 0,
        "warnings": False,
    }
    return [key for key in ALL_CATEGORIES if not leave_out[key]]


def _clinic_seed(patient_ids: list[int], dates: list[dt.date], postgres: bool) -> None:
    """The organisation, its staff, and its patients' consents and data."""
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth import get_user_model

    from kinship.attendance.models import Occurrence
    from kinship.care.models import (
        Assessment,
        Consent,
        ConsentPurpose,
        Organisation,
        OrganisationKind,
        OrganisationStaff,
        StaffRole,
    )
    from kinship.directory.models import Meeting
    from kinship.members.models import Member
    from kinship.recovery.models import ClockReset, SobrietyClock, WarningSignal

    rng = random.Random(SEED + 1)
    organisation = Organisation.objects.create(
        name="Bench Recovery Clinic",
        slug=ORG_SLUG,
        kind=OrganisationKind.TREATMENT_FACILITY,
    )
    dashboard_organisation = Organisation.objects.create(
        name="Bench Dashboard Clinic",
        slug=DASHBOARD_ORG_SLUG,
        kind=OrganisationKind.TREATMENT_FACILITY,
    )
    user_model = get_user_model()
    for username, role in ((CLINICIAN, StaffRole.CLINICIAN), (ADMIN, StaffRole.ADMIN)):
        user = user_model.objects.create_user(
            username=username, email=f"{username}@example.org", password=None
        )
        member = Member.objects.create(user=user, display_name=f"Dr {username}")
        OrganisationStaff.objects.create(
            organisation=organisation, member=member, role=role
        )
        TOTP.activate(user, TOTP_SECRET)
        if role == StaffRole.CLINICIAN:
            OrganisationStaff.objects.create(
                organisation=dashboard_organisation, member=member, role=role
            )

    # Consents: the dashboard's patients from the first day; the others start
    # over the first 60 days, one in ten revoking after 120 days.
    consents = []
    for index, member_id in enumerate(patient_ids):
        offset = 0 if index < DASHBOARD_PATIENTS else index % 60
        granted = _moment(dates[0] + dt.timedelta(days=offset), 9)
        revoked = (
            granted + dt.timedelta(days=120)
            if index >= DASHBOARD_PATIENTS and index % 10 == 3
            else None
        )
        consents.append(
            Consent(
                member_id=member_id,
                organisation=organisation,
                categories=_categories(index),
                purpose=ConsentPurpose.TREATMENT,
                granted_at=granted,
                expires_at=granted + dt.timedelta(days=365),
                revoked_at=revoked,
            )
        )
    consents += [
        Consent(
            member_id=member_id,
            organisation=dashboard_organisation,
            categories=ALL_CATEGORIES,
            purpose=ConsentPurpose.TREATMENT,
            granted_at=_moment(dates[0], 9),
            expires_at=_moment(dates[0], 9) + dt.timedelta(days=365),
        )
        for member_id in patient_ids[:DASHBOARD_PATIENTS]
    ]
    Consent.objects.bulk_create(consents, batch_size=2000)

    # Meetings: an occurrence of each of a few demo meetings every day.
    meetings = list(Meeting.objects.order_by("pk")[:MEETINGS_USED])
    occurrences = Occurrence.objects.bulk_create(
        [
            Occurrence(
                meeting=meeting,
                starts_at=_moment(day, 18),
                ends_at=_moment(day, 19),
                local_date=day,
            )
            for day in dates
            for meeting in meetings
        ],
        batch_size=2000,
    )
    by_day = {
        (occurrence.local_date, occurrence.meeting_id): occurrence.pk
        for occurrence in occurrences
    }
    attendance_rows = []
    for index, member_id in enumerate(patient_ids):
        if index >= DASHBOARD_PATIENTS and index % 3 == 2:
            continue  # one in three of the others never attends
        weekly = 0.3 + (index % 9) * 0.5  # meetings a week
        meeting = meetings[index % len(meetings)]
        for day in dates:
            if rng.random() < weekly / 7:
                attendance_rows.append(
                    (
                        member_id,
                        by_day[(day, meeting.pk)],
                        "roll_call",
                        True,
                        None,
                        _day_value(_moment(day, 19), postgres),
                    )
                )
    attended = bulk_insert(
        "attendance_attendance", ATTENDANCE_COLUMNS, iter(attendance_rows)
    )

    # A visible clock each, reset now and then; BARC-10 every 30 days.
    clocks = SobrietyClock.objects.bulk_create(
        [
            SobrietyClock(
                member_id=member_id, label="alcohol", started_at=_moment(dates[0], 8)
            )
            for member_id in patient_ids
        ],
        batch_size=2000,
    )
    resets = []
    for index, clock in enumerate(clocks):
        streak_start = _moment(dates[0], 8)
        rate = 0.001 + (index % 6) * 0.002
        for day in dates[1:]:
            if rng.random() < rate:
                reset_at = _moment(day, 7)
                resets.append(
                    ClockReset(
                        member_id=clock.member_id,
                        clock=clock,
                        streak_started_at=streak_start,
                        reset_at=reset_at,
                        days=(reset_at - streak_start).days,
                    )
                )
                streak_start = reset_at
    ClockReset.objects.bulk_create(resets, batch_size=2000)
    assessments = []
    for index, member_id in enumerate(patient_ids):
        base = rng.randint(20, 45)
        trend = rng.choice((-1, 0, 1, 1, 2))
        for number, offset in enumerate(range(index % 30, len(dates), 30)):
            day = dates[offset]
            total = max(10, min(60, base + trend * number + rng.randint(-2, 2)))
            assessments.append(_assessment(member_id, "barc10", total, day))
            if index < DASHBOARD_PATIENTS:
                assessments.append(
                    _assessment(member_id, "phq9", rng.randint(0, 27), day)
                )
                assessments.append(
                    _assessment(member_id, "gad7", rng.randint(0, 21), day)
                )
    Assessment.objects.bulk_create(assessments, batch_size=2000)

    # Warning signs for the dashboard's patients, over their last 90 days.
    rules = ("mood_falling", "craving_rising", "checkins_stopped")
    WarningSignal.objects.bulk_create(
        [
            WarningSignal(
                member_id=member_id,
                rule=rules[(index + week) % len(rules)],
                computed_on=dates[-90] + dt.timedelta(days=week * 14 + index % 7),
            )
            for index, member_id in enumerate(patient_ids[:DASHBOARD_PATIENTS])
            for week in range(6)
            if (index + week) % 3 == 0
        ],
        batch_size=2000,
    )
    print(
        f"organisation {ORG_SLUG}: {len(patient_ids)} patients, {attended} "
        f"attendances, {len(resets)} clock resets, {len(assessments)} assessments"
    )


def _assessment(member_id: int, instrument: str, total: int, day: dt.date) -> Any:
    from kinship.care.models import Assessment

    return Assessment(
        member_id=member_id,
        instrument=instrument,
        answers={},
        total=total,
        band="",
        taken_at=_moment(day, 10),
    )
