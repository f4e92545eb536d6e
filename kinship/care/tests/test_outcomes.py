"""The organisation outcome report (issue 9, item 8): the maths (Wilson and
mean intervals, known values and properties), suppression of cells under 5
and of their complements, the measures from the roll-ups only, and the pages
(staff only; eve and another organisation's staff get 404; CSV)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from kinship.care.models import AccessLog, Organisation, OutcomeMonth
from kinship.care.outcomes import (
    MIN_CELL,
    Cell,
    OutcomeReport,
    cell_text,
    default_period,
    mean_cell,
    mean_interval,
    outcome_report,
    proportion_cell,
    suppress_row,
    wilson_interval,
)
from kinship.care.rollups import rollups_build_range
from kinship.members.models import Member
from kinship.members.tests.personas import signed_in

from .helpers import clinic_client, clinic_create
from .outcome_data import (
    at,
    attend,
    barc10,
    check_in,
    consent_grant,
    meeting,
    patients_create,
)

MARCH = dt.date(2026, 3, 1)
APRIL = dt.date(2026, 4, 1)
REPORT = "/clinic/harbor-light/report/"
CSV_URL = "/clinic/harbor-light/report.csv"


# -- The maths -------------------------------------------------------------------


def test_wilson_interval_known_values() -> None:
    low, high = wilson_interval(5, 10)
    assert (round(low, 4), round(high, 4)) == (0.2366, 0.7634)
    low, high = wilson_interval(0, 10)
    assert low == 0
    assert round(high, 4) == 0.2775
    low, high = wilson_interval(10, 10)
    assert round(low, 4) == 0.7225
    assert high == 1
    low, high = wilson_interval(81, 263)
    assert (round(low, 4), round(high, 4)) == (0.2553, 0.3662)


def test_wilson_interval_refuses_impossible_counts() -> None:
    for successes, n in ((1, 0), (-1, 5), (6, 5)):
        with pytest.raises(ValueError, match="successes"):
            wilson_interval(successes, n)


def test_mean_interval_known_values() -> None:
    mean, low, high = mean_interval([1, 2, 3, 4, 5])
    # sd = sqrt(2.5); half-width = 1.96 * sqrt(2.5 / 5)
    assert mean == 3
    assert math.isclose(high - mean, 1.959963984540054 * math.sqrt(0.5))
    assert math.isclose(mean - low, high - mean)
    assert mean_interval([4, 4, 4]) == (4, 4, 4)
    with pytest.raises(ValueError, match="two values"):
        mean_interval([1])


@given(n=st.integers(1, 5000), data=st.data())
def test_wilson_interval_holds_the_estimate_within_0_and_1(
    n: int, data: st.DataObject
) -> None:
    successes = data.draw(st.integers(0, n))
    low, high = wilson_interval(successes, n)
    assert 0 <= low <= successes / n <= high <= 1
    assert high - low > 0


@given(st.lists(st.floats(-1000, 1000), min_size=2, max_size=200))
def test_mean_interval_holds_the_mean(values: list[float]) -> None:
    mean, low, high = mean_interval(values)
    assert low <= mean + 1e-9
    assert mean - 1e-9 <= high
    assert min(values) - 1e-9 <= mean <= max(values) + 1e-9


def cell(n: int) -> Cell:
    return proportion_cell(n // 2, n)


def test_a_cell_of_4_is_suppressed_and_of_5_shown() -> None:
    peer, no_peer, everyone = suppress_row(cell(5), cell(5), cell(10), 0)
    assert not (peer.suppressed)
    assert not (no_peer.suppressed)
    assert not (everyone.suppressed)
    assert (peer.n, no_peer.n, everyone.n) == (5, 5, 10)
    peer, no_peer, everyone = suppress_row(cell(4), cell(4), cell(4), 0)
    assert peer.suppressed
    assert no_peer.suppressed
    assert everyone.suppressed
    assert peer == Cell(None, None, None, None, suppressed=True)


def test_suppressing_one_side_suppresses_its_complement() -> None:
    """With peer hidden, showing no_peer and all would give peer = all - no_peer."""
    peer, no_peer, everyone = suppress_row(cell(4), cell(20), cell(24), 0)
    assert peer.suppressed
    assert no_peer.suppressed
    assert not everyone.suppressed
    assert everyone.n == 24
    peer, no_peer, everyone = suppress_row(cell(30), cell(1), cell(31), 0)
    assert peer.suppressed
    assert no_peer.suppressed
    assert not everyone.suppressed
    peer, no_peer, everyone = suppress_row(cell(30), cell(0), cell(30), 0)
    assert peer.suppressed
    assert no_peer.suppressed
    assert not everyone.suppressed


def test_a_small_group_outside_both_columns_suppresses_all() -> None:
    """all - peer - no_peer would give the patients in neither column."""
    peer, no_peer, everyone = suppress_row(cell(10), cell(10), cell(23), 3)
    assert everyone.suppressed
    assert not peer.suppressed
    assert not no_peer.suppressed
    _, _, everyone = suppress_row(cell(10), cell(10), cell(25), 5)
    assert not everyone.suppressed


@given(
    st.integers(0, 12),
    st.integers(0, 12),
    st.integers(0, 12),
)
def test_no_group_under_5_can_be_worked_out_from_shown_cells(
    peer_n: int, no_peer_n: int, outside: int
) -> None:
    everyone_n = peer_n + no_peer_n + outside
    peer, no_peer, everyone = suppress_row(
        cell(peer_n), cell(no_peer_n), cell(everyone_n), outside
    )
    shown = [c for c in (peer, no_peer, everyone) if not c.suppressed]
    assert all((c.n or 0) >= MIN_CELL for c in shown)
    # Never one comparison column alone: all - shown side = hidden side + outside.
    assert peer.suppressed == no_peer.suppressed
    if not everyone.suppressed:
        # What subtracting the shown columns from "all" gives must not be a
        # group of 1 to 4 people.
        left = outside + (peer_n + no_peer_n if peer.suppressed else 0)
        assert left == 0 or left >= MIN_CELL


def test_cell_text_reads_in_plain_words() -> None:
    assert cell_text(Cell(None, None, None, None, True), "proportion") == (
        "fewer than 5"
    )
    assert cell_text(proportion_cell(5, 10), "proportion") == (
        "50% (95% CI 24% to 76%)"
    )
    assert cell_text(mean_cell([1, 2, 3, 4, 5]), "mean") == (
        "3.00 (95% CI 1.61 to 4.39)"
    )
    assert cell_text(Cell(12, 12.0, None, None), "count") == "12"
    assert cell_text(mean_cell([0.5, 0.7, 0.9]), "share") == ("70% (95% CI 47% to 93%)")


def test_the_default_period_is_the_last_12_months() -> None:
    assert default_period(dt.date(2026, 3, 17)) == (
        dt.date(2025, 4, 1),
        dt.date(2026, 3, 1),
    )


# -- The report from roll-ups ------------------------------------------------------


@pytest.fixture
def organisation(dr_lee: Member) -> Organisation:
    return clinic_create(dr_lee).organisation


def month_rows(
    organisation: Organisation, count: int, prefix: str, **fields: Any
) -> list[Member]:
    """``count`` patients with one March row each, of ``fields``."""
    patients = patients_create(count, prefix)
    values = {"days": 31, "month": MARCH} | fields
    OutcomeMonth.objects.bulk_create(
        [
            OutcomeMonth(organisation=organisation, member=member, **values)
            for member in patients
        ]
    )
    return patients


def figures(report: OutcomeReport, key: str, row: int = 0) -> list[Cell]:
    measure = next(m for m in report.measures if m.key == key)
    return list(measure.rows[row].cells)


def march_report(organisation: Organisation) -> OutcomeReport:
    return outcome_report(organisation, first_month=MARCH, last_month=MARCH)


@pytest.mark.django_db
def test_the_columns_split_on_attending_with_attendance_shared(
    organisation: Organisation,
) -> None:
    month_rows(organisation, 6, "peer", attendance_days=31, meetings=2)
    month_rows(organisation, 5, "alone", attendance_days=31, meetings=0)
    month_rows(organisation, 7, "unshared", attendance_days=0)
    report = march_report(organisation)
    assert [c.n for c in figures(report, "patients")] == [6, 5, 18]
    # Meetings per month: only patients who shared attendance.
    peer, alone, everyone = figures(report, "meetings")
    assert (peer.n, alone.n, everyone.n) == (6, 5, 11)
    assert peer.estimate is not None
    assert math.isclose(peer.estimate, 2 / (31 / (365.25 / 12)))
    assert alone.estimate == 0
    none, occasional, regular = (figures(report, "engagement", row) for row in range(3))
    assert [c.estimate for c in none] == [0, 1, 5 / 11]
    assert [c.estimate for c in occasional] == [1, 0, 6 / 11]
    assert [c.estimate for c in regular] == [0, 0, 0]


@pytest.mark.django_db
def test_a_column_of_4_is_suppressed_with_its_complement(
    organisation: Organisation,
) -> None:
    month_rows(organisation, 4, "peer", attendance_days=31, meetings=2)
    month_rows(organisation, 9, "alone", attendance_days=31, meetings=0)
    report = march_report(organisation)
    peer, alone, everyone = figures(report, "patients")
    assert peer.suppressed
    assert alone.suppressed
    assert (everyone.n, everyone.suppressed) == (13, False)


@pytest.mark.django_db
def test_fewer_than_5_outside_both_columns_suppress_all(
    organisation: Organisation,
) -> None:
    month_rows(organisation, 5, "peer", attendance_days=31, meetings=2)
    month_rows(organisation, 5, "alone", attendance_days=31, meetings=0)
    month_rows(organisation, 4, "unshared", attendance_days=0)
    peer, alone, everyone = figures(march_report(organisation), "patients")
    assert (peer.n, alone.n) == (5, 5)
    assert everyone.suppressed


@pytest.mark.django_db
def test_retention_counts_only_patients_that_far_along(
    organisation: Organisation,
) -> None:
    shared = {"attendance_days": 31, "meetings": 1}
    month_rows(organisation, 4, "kept", reached30=True, retained30=True, **shared)
    month_rows(organisation, 6, "lapsed", reached30=True, **shared)
    month_rows(organisation, 3, "new", **shared)  # not 30 days along yet
    everyone = figures(march_report(organisation), "retention")[2]
    assert (everyone.n, everyone.estimate) == (10, 0.4)
    assert (everyone.low, everyone.high) == wilson_interval(4, 10)
    # Nobody has reached 90 days: an empty cell, suppressed.
    assert figures(march_report(organisation), "retention", 1)[2].suppressed


@pytest.mark.django_db
def test_the_period_takes_whole_months_and_earlier_retention(
    organisation: Organisation,
) -> None:
    patients = month_rows(
        organisation,
        5,
        "early",
        attendance_days=31,
        meetings=4,
        reached30=True,
        retained30=True,
    )
    OutcomeMonth.objects.bulk_create(
        [
            OutcomeMonth(
                organisation=organisation,
                member=member,
                month=APRIL,
                days=30,
                attendance_days=30,
                meetings=0,
            )
            for member in patients
        ]
    )
    month_rows(organisation, 5, "march_only", attendance_days=31, meetings=1)
    april = outcome_report(organisation, first_month=APRIL, last_month=APRIL)
    assert [c.n for c in figures(april, "patients")] == [None, None, 5]
    assert figures(april, "retention")[2].estimate == 1  # reached in March
    both = outcome_report(organisation, first_month=MARCH, last_month=APRIL)
    assert [c.n for c in figures(both, "patients")] == [None, None, 10]


@pytest.mark.django_db
def test_the_report_reads_only_the_roll_ups(organisation: Organisation) -> None:
    month_rows(organisation, 6, "peer", attendance_days=31, meetings=2)
    with CaptureQueriesContext(connection) as captured:
        march_report(organisation)
    assert len(captured) == 1
    tables = {
        table
        for query in captured
        for table in re.findall(r'(?:from|join)\s+"?(\w+)"?', query["sql"].lower())
    }
    assert tables == {"care_outcomemonth"}


@pytest.mark.django_db
def test_from_members_data_to_the_report(organisation: Organisation) -> None:
    """Six patients attend and check in (two days in three without use), six
    do not attend; BARC-10 rises by 8 for the first six."""
    first = dt.date(2026, 3, 2)
    place = meeting()
    patients = patients_create(12)
    for number, member in enumerate(patients):
        consent_grant(member, organisation, granted=at(first, 8))
        for offset, used in enumerate(("no", "no", "yes")):
            check_in(member, first + dt.timedelta(offset), used=used)
        if number < 6:
            attend(member, place, first + dt.timedelta(1))
            barc10(member, first, 30)
            barc10(member, first + dt.timedelta(20), 38)
    rollups_build_range(first, dt.date(2026, 3, 31))
    report = march_report(organisation)
    assert [c.n for c in figures(report, "patients")] == [6, 6, 12]
    no_use = figures(report, "no_use")[2]
    assert no_use.n == 12
    assert no_use.estimate is not None
    assert math.isclose(no_use.estimate, 2 / 3)
    change = figures(report, "recovery_capital")
    assert change[0].suppressed
    assert change[1].suppressed
    assert (change[2].n, change[2].estimate) == (6, 8)


# -- Pages ------------------------------------------------------------------------


@pytest.fixture
def clinic_with_patients(dr_lee: Member) -> Organisation:
    organisation = clinic_create(dr_lee).organisation
    patients = month_rows(organisation, 4, "peer", attendance_days=31, meetings=5)
    patients += month_rows(organisation, 9, "alone", attendance_days=31, meetings=0)
    Member.objects.filter(pk__in=[p.pk for p in patients]).update(
        display_name="Patient Secretname"
    )
    return organisation


PERIOD = "?start=2026-03&end=2026-03"


@pytest.mark.django_db
def test_staff_see_the_report_aggregates_only(
    clinic_with_patients: Organisation, dr_lee: Member
) -> None:
    client = clinic_client(dr_lee)
    client.get(REPORT)  # the session's first use is noted once
    with CaptureQueriesContext(connection) as captured:
        response = client.get(REPORT + PERIOD)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Outcome report" in page
    assert "fewer than 5" in page
    assert "Secretname" not in page
    assert '<th scope="col">Attend peer groups</th>' in page
    assert "<caption" in page
    assert "n = 13" in page  # meetings per month, all patients
    assert AccessLog.objects.count() == 0
    month_rows(clinic_with_patients, 20, "more", attendance_days=31, meetings=1)
    with CaptureQueriesContext(connection) as again:
        client.get(REPORT + PERIOD)
    assert len(again) == len(captured)
    report_queries = [q for q in again if "care_outcomemonth" in q["sql"]]
    assert len(report_queries) == 1


@pytest.mark.django_db
def test_an_administrator_sees_the_report_too(cast: Any, morgan: Member) -> None:
    clinic_create(morgan, role="admin")
    assert clinic_client(morgan).get(REPORT).status_code == 200


@pytest.mark.django_db
def test_a_wrong_period_is_refused_with_a_reason(
    clinic_with_patients: Organisation, dr_lee: Member
) -> None:
    response = clinic_client(dr_lee).get(REPORT + "?start=2026-05&end=2026-03")
    assert response.status_code == 400
    assert "The first month is after the last." in response.content.decode()


@pytest.mark.django_db
def test_the_csv_has_the_same_numbers_with_suppressed_cells_empty(
    clinic_with_patients: Organisation, dr_lee: Member
) -> None:
    response = clinic_client(dr_lee).get(CSV_URL + PERIOD)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert (
        "outcomes-harbor-light-2026-03-2026-03.csv" in response["Content-Disposition"]
    )
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "measure",
        "row",
        "group",
        "n",
        "estimate",
        "ci95_low",
        "ci95_high",
        "suppressed",
    ]
    patients = [row for row in rows if row[0] == "patients"]
    assert patients == [
        ["patients", "Patients", "peer", "", "", "", "", "yes"],
        ["patients", "Patients", "no_peer", "", "", "", "", "yes"],
        ["patients", "Patients", "all", "13", "13.0000", "", "", "no"],
    ]
    meetings = next(r for r in rows if r[0] == "meetings" and r[2] == "all")
    report = march_report(clinic_with_patients)
    expected = figures(report, "meetings")[2]
    assert meetings[3] == "13"
    assert meetings[4] == f"{expected.estimate:.4f}"
    assert meetings[5] == f"{expected.low:.4f}"
    assert "Secretname" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("url", [REPORT, CSV_URL])
def test_eve_and_another_organisation_s_staff_get_404(
    clinic_with_patients: Organisation, eve: Member, morgan: Member, url: str
) -> None:
    assert signed_in(eve).get(url).status_code == 404
    clinic_create(morgan, name="Other Clinic", slug="other-clinic")
    other = clinic_client(morgan)
    assert other.get(url.replace("harbor-light", "other-clinic")).status_code == 200
    assert other.get(url).status_code == 404
