"""The outcome report's roll-ups (issue 9, item 8): only consented categories
and consent days count (revoking or expiring stops counting that day), hidden
clocks never count, retention marks, months add up their days, rebuilding is
idempotent, a constant number of queries, the command and the task."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinship.care.models import Organisation, OutcomeDay, OutcomeMonth, barc10_key
from kinship.care.rollups import (
    care_rollups_build_task,
    rollups_build,
    rollups_build_range,
)
from kinship.members.models import Member

from .helpers import clinic_create
from .outcome_data import (
    at,
    attend,
    barc10,
    check_in,
    clock_reset,
    consent_grant,
    meeting,
    patients_create,
)

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 10)
FIELDS = ("member_id", "day", "since_first", "meetings", "used", "resets", "barc10")


@pytest.fixture
def organisation(dr_lee: Member) -> Organisation:
    return clinic_create(dr_lee).organisation


def rows(**filters: Any) -> list[tuple[Any, ...]]:
    return list(
        OutcomeDay.objects.filter(**filters)
        .order_by("member_id", "day")
        .values_list(*FIELDS)
    )


def everything_on(member: Member, day: dt.date) -> None:
    attend(member, meeting(), day)
    check_in(member, day, used="yes")
    clock_reset(member, day)
    barc10(member, day, 30, hour=9)
    barc10(member, day, 41, hour=15)


def test_only_the_categories_consented_are_counted(
    organisation: Organisation, alex: Member, morgan: Member
) -> None:
    consent_grant(alex, organisation, granted=at(DAY, 8), categories=["attendance"])
    consent_grant(
        morgan, organisation, granted=at(DAY, 8), categories=["checkins", "assessments"]
    )
    for member in (alex, morgan):
        everything_on(member, DAY)
    assert rollups_build(DAY) == 2
    assert rows() == [
        (alex.pk, DAY, 0, 1, None, None, None),
        (morgan.pk, DAY, 0, None, "yes", None, 41),
    ]


def test_a_covered_category_with_nothing_that_day_is_zero_not_empty(
    organisation: Organisation, alex: Member
) -> None:
    consent_grant(alex, organisation, granted=at(DAY, 8))
    rollups_build(DAY)
    assert rows() == [(alex.pk, DAY, 0, 0, "", 0, None)]


def test_only_consent_days_count_and_revoking_stops_that_day(
    organisation: Organisation, alex: Member, morgan: Member
) -> None:
    start = DAY
    consent_grant(
        alex, organisation, granted=at(start, 20), revoked=at(start + dt.timedelta(3))
    )
    consent_grant(
        morgan,
        organisation,
        granted=at(start, 20),
        expires=at(start + dt.timedelta(2), 1),
    )
    for offset in range(-2, 6):
        day = start + dt.timedelta(offset)
        for member in (alex, morgan):
            check_in(member, day)
    rollups_build_range(start - dt.timedelta(2), start + dt.timedelta(5))
    assert [day for _, day, *_ in rows(member=alex)] == [
        start,
        start + dt.timedelta(1),
        start + dt.timedelta(2),
    ]
    assert [day for _, day, *_ in rows(member=morgan)] == [
        start,
        start + dt.timedelta(1),
    ]


def test_another_organisation_s_consent_counts_for_that_one_only(
    organisation: Organisation, alex: Member, morgan: Member
) -> None:
    other = clinic_create(morgan, name="Other", slug="other").organisation
    consent_grant(alex, other, granted=at(DAY, 8))
    rollups_build(DAY)
    assert not OutcomeDay.objects.filter(organisation=organisation).exists()
    assert OutcomeDay.objects.filter(organisation=other).count() == 1


def test_hidden_clocks_are_never_counted(
    organisation: Organisation, alex: Member
) -> None:
    consent_grant(alex, organisation, granted=at(DAY, 8))
    clock_reset(alex, DAY, hidden=True)
    clock_reset(alex, DAY)
    rollups_build(DAY)
    assert OutcomeDay.objects.get().resets == 1


def test_retention_marks_look_at_the_30_days_up_to_the_mark(
    organisation: Organisation, alex: Member, morgan: Member
) -> None:
    first = DAY
    for member in (alex, morgan):
        consent_grant(member, organisation, granted=at(first, 8))
    # alex attends on day 5 (inside the 30 days up to day 30), morgan on day 0
    # only (outside: days 1 to 30 count).
    attend(alex, meeting(), first + dt.timedelta(5))
    attend(morgan, meeting(), first)
    rollups_build_range(first, first + dt.timedelta(95))
    got = list(
        OutcomeDay.objects.filter(retention_mark__isnull=False)
        .order_by("member_id", "day")
        .values_list("member_id", "retention_mark", "retained", "since_first")
    )
    assert got == [
        (alex.pk, 30, True, 30),
        (alex.pk, 90, False, 90),
        (morgan.pk, 30, False, 30),
        (morgan.pk, 90, False, 90),
    ]
    months = OutcomeMonth.objects.filter(member=alex).order_by("month")
    assert [(m.reached30, m.retained30) for m in months if m.reached30] == [
        (True, True)
    ]


def test_retention_is_not_marked_without_attendance_consent(
    organisation: Organisation, alex: Member
) -> None:
    consent_grant(alex, organisation, granted=at(DAY, 8), categories=["checkins"])
    rollups_build_range(DAY, DAY + dt.timedelta(31))
    assert not OutcomeDay.objects.filter(retention_mark__isnull=False).exists()


def test_months_add_up_their_days(organisation: Organisation, alex: Member) -> None:
    first = dt.date(2026, 3, 30)
    consent_grant(alex, organisation, granted=at(first, 8))
    place = meeting()
    for day, used in ((first, "no"), (first + dt.timedelta(1), "yes")):
        attend(alex, place, day)
        check_in(alex, day, used=used)
    check_in(alex, first + dt.timedelta(2), used="no")
    barc10(alex, first, 30)
    barc10(alex, first + dt.timedelta(1), 35)
    barc10(alex, first + dt.timedelta(3), 44)
    rollups_build_range(first, dt.date(2026, 4, 30))
    march, april = OutcomeMonth.objects.order_by("month")
    assert (march.month, march.days, april.month, april.days) == (
        dt.date(2026, 3, 1),
        2,
        dt.date(2026, 4, 1),
        30,
    )
    assert (march.meetings, march.attendance_days, april.meetings) == (2, 2, 0)
    assert (march.checkin_days, march.no_use_days, april.checkin_days) == (2, 1, 1)
    assert (april.no_use_days, april.checkin_covered_days) == (1, 30)
    assert (march.barc10_count, march.barc10_first, march.barc10_last) == (2, 30, 35)
    assert (april.barc10_first, april.barc10_last) == (44, 44)
    assert march.barc10_first_key == barc10_key(first, 30)
    assert march.barc10_last_key == barc10_key(first + dt.timedelta(1), 35)


def test_rebuilding_a_day_replaces_its_rows(
    organisation: Organisation, alex: Member
) -> None:
    consent_grant(alex, organisation, granted=at(DAY, 8))
    check_in(alex, DAY, used="no")
    rollups_build_range(DAY, DAY + dt.timedelta(2))
    month_fields = [
        field.attname
        for field in OutcomeMonth._meta.concrete_fields
        if not field.primary_key
    ]
    before_days = rows()
    before_months = list(OutcomeMonth.objects.values_list(*month_fields))
    rollups_build_range(DAY, DAY + dt.timedelta(2))
    rollups_build(DAY)
    assert rows() == before_days
    assert list(OutcomeMonth.objects.values_list(*month_fields)) == before_months
    attend(alex, meeting(), DAY)
    rollups_build(DAY)
    assert OutcomeDay.objects.count() == 3
    assert OutcomeDay.objects.get(day=DAY).meetings == 1
    assert OutcomeMonth.objects.get().meetings == 1


def test_the_build_makes_the_same_queries_for_3_or_12_patients(
    organisation: Organisation,
) -> None:
    def queries_for(count: int, prefix: str) -> int:
        OutcomeDay.objects.all().delete()
        patients = patients_create(count, prefix)
        for member in patients:
            consent_grant(member, organisation, granted=at(DAY, 8))
            everything_on(member, DAY)
        with CaptureQueriesContext(connection) as captured:
            rollups_build(DAY + dt.timedelta(1))
        return len(captured)

    assert queries_for(3, "a") == queries_for(12, "b")


def test_the_command_builds_yesterday_or_since_a_date(
    organisation: Organisation, alex: Member
) -> None:
    consent_grant(alex, organisation, granted=at(DAY, 8))
    with time_machine.travel(at(DAY + dt.timedelta(5), 3)):
        call_command("care_rollups")
        assert rows() == [(alex.pk, DAY + dt.timedelta(4), 4, 0, "", 0, None)]
        call_command("care_rollups", "--since", DAY.isoformat())
    assert OutcomeDay.objects.count() == 5


@pytest.mark.usefixtures("tasks_run_at_once")
def test_the_task_builds_the_days_it_is_given(
    organisation: Organisation, alex: Member
) -> None:
    consent_grant(alex, organisation, granted=at(DAY, 8))
    result = care_rollups_build_task.enqueue(
        start=DAY.isoformat(), end=(DAY + dt.timedelta(1)).isoformat()
    )
    assert result.return_value == 2
    assert OutcomeDay.objects.count() == 2
