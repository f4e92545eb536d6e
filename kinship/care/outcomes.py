"""The organisation outcome report (issue 9, item 8), from the roll-ups only.

An organisation's patients over a period (whole calendar months) are the
members with a consent to it active on at least one day of the period (an
``OutcomeMonth`` row). Each measure counts only the patients whose consent
covered what it needs, and compares three columns:

- patients who attend peer groups: attendance covered, at least one meeting
  attended in the period;
- patients who do not: attendance covered, no meeting attended;
- all patients the measure counts (including those who did not share their
  attendance, who are in neither of the first two columns).

Proportions carry a 95% Wilson interval, means a 95% normal-approximation
interval. Any cell of fewer than ``MIN_CELL`` people is suppressed (no value,
no interval, no count); when one of the two comparison columns is suppressed
the other is too, and when the patients outside both columns are fewer than
``MIN_CELL`` the "all" column is, so that no suppressed group can be worked out
by subtracting one shown cell from another.

The maths is in small pure functions (``wilson_interval``, ``mean_interval``,
``suppress_row``); ``outcome_report`` reads one grouped query of roll-ups.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_stubs_ext import StrOrPromise

from .models import RETENTION_DAYS, Organisation, OutcomeMonth
from .models.outcomes import barc10_key_total

# Cells of fewer people than this are suppressed.
MIN_CELL = 5
# The normal quantile of a two-sided 95% interval.
Z95 = 1.959963984540054
DAYS_PER_MONTH = 365.25 / 12
# Meetings a month from which a patient's engagement is "regular".
REGULAR_MEETINGS_A_MONTH = 4
DEFAULT_MONTHS = 12

PEER = "peer"
NO_PEER = "no_peer"
ALL = "all"
GROUPS: tuple[tuple[str, StrOrPromise], ...] = (
    (PEER, _("Attend peer groups")),
    (NO_PEER, _("Do not attend peer groups")),
    (ALL, _("All patients")),
)

PROPORTION = "proportion"
MEAN = "mean"
SHARE = "share"  # a mean of per-patient shares, shown as a percentage
COUNT = "count"


# -- The maths -------------------------------------------------------------------


def wilson_interval(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of ``successes`` out of ``n`` (n > 0)."""
    if n <= 0 or not 0 <= successes <= n:
        raise ValueError("need 0 <= successes <= n and n > 0")
    p = successes / n
    z2 = z * z
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    # At 0 or n the bound is exactly 0 or 1; rounding must not move it.
    low = 0.0 if successes == 0 else max(0.0, centre - half)
    high = 1.0 if successes == n else min(1.0, centre + half)
    return low, high


def mean_interval(
    values: Sequence[float], z: float = Z95
) -> tuple[float, float, float]:
    """The mean of ``values`` with its 95% normal-approximation interval (the
    sample standard deviation over the square root of n); two values or more."""
    n = len(values)
    if n < 2:
        raise ValueError("need two values or more")
    mean = math.fsum(values) / n
    variance = math.fsum((value - mean) ** 2 for value in values) / (n - 1)
    half = z * math.sqrt(variance / n)
    return mean, mean - half, mean + half


@dataclass(frozen=True, slots=True)
class Cell:
    """One figure of the report: its n, estimate and 95% interval, or
    suppressed (then nothing else is kept)."""

    n: int | None
    estimate: float | None
    low: float | None
    high: float | None
    suppressed: bool = False

    def hidden(self) -> Cell:
        return Cell(None, None, None, None, suppressed=True)


def proportion_cell(successes: int, n: int) -> Cell:
    """A proportion with its Wilson interval (a bare n when n is 0)."""
    if n == 0:
        return Cell(0, None, None, None)
    low, high = wilson_interval(successes, n)
    return Cell(n, successes / n, low, high)


def mean_cell(values: Sequence[float]) -> Cell:
    """A mean with its interval (no interval under two values)."""
    if len(values) < 2:
        return Cell(len(values), values[0] if values else None, None, None)
    mean, low, high = mean_interval(values)
    return Cell(len(values), mean, low, high)


def count_cell(n: int) -> Cell:
    return Cell(n, float(n), None, None)


def suppress_row(
    peer: Cell, no_peer: Cell, everyone: Cell, outside: int
) -> tuple[Cell, Cell, Cell]:
    """The row's three cells with small cells suppressed (see the module):
    fewer than ``MIN_CELL`` people; the other comparison column when one is
    suppressed; "all" when the ``outside`` patients (in neither comparison
    column) are 1 to ``MIN_CELL - 1`` and both columns are shown."""
    hide_peer = (peer.n or 0) < MIN_CELL
    hide_no_peer = (no_peer.n or 0) < MIN_CELL
    hide_all = (everyone.n or 0) < MIN_CELL
    if hide_peer or hide_no_peer:
        hide_peer = hide_no_peer = True
    elif 0 < outside < MIN_CELL:
        hide_all = True
    return (
        peer.hidden() if hide_peer else peer,
        no_peer.hidden() if hide_no_peer else no_peer,
        everyone.hidden() if hide_all else everyone,
    )


# -- Patients over a period ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PatientTotals:
    """One patient's roll-ups added up over the period (retention up to its end)."""

    attendance_days: int
    meetings: int
    checkin_days: int
    no_use_days: int
    milestone_days: int
    resets: int
    barc10_first: int | None
    barc10_last: int | None
    barc10_count: int
    reached: dict[int, bool]
    retained: dict[int, bool]

    @property
    def group(self) -> str | None:
        """PEER or NO_PEER when attendance was covered, else None."""
        if not self.attendance_days:
            return None
        return PEER if self.meetings else NO_PEER

    @property
    def meetings_a_month(self) -> float:
        return self.meetings / (self.attendance_days / DAYS_PER_MONTH)


def patient_totals(
    organisation: Organisation, first_month: dt.date, last_month: dt.date
) -> list[PatientTotals]:
    """The organisation's patients of the months ``first_month`` to
    ``last_month`` (their first days), from ``OutcomeMonth`` alone: one grouped
    query."""
    in_period = Q(month__gte=first_month)
    retention = {
        f"{name}{mark}": Count("pk", filter=Q(**{f"{name}{mark}": True}))
        for mark in RETENTION_DAYS
        for name in ("reached", "retained")
    }
    rows = (
        OutcomeMonth.objects.filter(organisation=organisation, month__lte=last_month)
        .values("member_id")
        .annotate(
            period_days=Sum("days", filter=in_period),
            attendance=Sum("attendance_days", filter=in_period),
            meeting_sum=Sum("meetings", filter=in_period),
            checkins=Sum("checkin_days", filter=in_period),
            no_use=Sum("no_use_days", filter=in_period),
            milestones=Sum("milestone_days", filter=in_period),
            reset_sum=Sum("resets", filter=in_period),
            barc10_sum=Sum("barc10_count", filter=in_period),
            barc10_first_key=Min("barc10_first_key", filter=in_period),
            barc10_last_key=Max("barc10_last_key", filter=in_period),
            **retention,
        )
        .order_by()
    )
    patients = []
    for row in rows:
        if not row["period_days"]:  # a patient of earlier months only
            continue
        first_key, last_key = row["barc10_first_key"], row["barc10_last_key"]
        patients.append(
            PatientTotals(
                attendance_days=row["attendance"] or 0,
                meetings=row["meeting_sum"] or 0,
                checkin_days=row["checkins"] or 0,
                no_use_days=row["no_use"] or 0,
                milestone_days=row["milestones"] or 0,
                resets=row["reset_sum"] or 0,
                barc10_first=None if first_key is None else barc10_key_total(first_key),
                barc10_last=None if last_key is None else barc10_key_total(last_key),
                barc10_count=row["barc10_sum"] or 0,
                reached={mark: bool(row[f"reached{mark}"]) for mark in RETENTION_DAYS},
                retained={
                    mark: bool(row[f"retained{mark}"]) for mark in RETENTION_DAYS
                },
            )
        )
    return patients


# -- The report -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a measure: its label, kind and a cell per group."""

    label: str
    kind: str  # PROPORTION, MEAN, SHARE or COUNT
    cells: tuple[Cell, Cell, Cell]  # in the order of GROUPS


@dataclass(frozen=True, slots=True)
class Measure:
    key: str
    title: str
    explanation: str
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class OutcomeReport:
    organisation: Organisation
    first_month: dt.date
    last_month: dt.date
    measures: tuple[Measure, ...]


Included = Callable[[PatientTotals], bool]


def _split(
    patients: Sequence[PatientTotals], included: Included
) -> tuple[list[PatientTotals], list[PatientTotals], list[PatientTotals], int]:
    """The included patients by column, and how many are in neither column."""
    peer: list[PatientTotals] = []
    no_peer: list[PatientTotals] = []
    counted: list[PatientTotals] = []
    for patient in patients:
        if not included(patient):
            continue
        counted.append(patient)
        group = patient.group
        if group == PEER:
            peer.append(patient)
        elif group == NO_PEER:
            no_peer.append(patient)
    return peer, no_peer, counted, len(counted) - len(peer) - len(no_peer)


def proportion_row(
    label: str,
    patients: Sequence[PatientTotals],
    included: Included,
    success: Callable[[PatientTotals], bool],
) -> Row:
    """A row of the share of included patients for whom ``success`` holds."""
    *columns, outside = _split(patients, included)
    cells = [
        proportion_cell(sum(1 for patient in column if success(patient)), len(column))
        for column in columns
    ]
    return Row(label, PROPORTION, suppress_row(cells[0], cells[1], cells[2], outside))


def mean_row(
    label: str,
    patients: Sequence[PatientTotals],
    included: Included,
    value: Callable[[PatientTotals], float],
    kind: str = MEAN,
) -> Row:
    """A row of the mean of ``value`` over the included patients."""
    *columns, outside = _split(patients, included)
    cells = [mean_cell([value(patient) for patient in column]) for column in columns]
    if kind == SHARE:  # a share's interval stays within 0 to 1
        cells = [
            Cell(c.n, c.estimate, _clip(c.low), _clip(c.high), c.suppressed)
            for c in cells
        ]
    return Row(label, kind, suppress_row(cells[0], cells[1], cells[2], outside))


def _clip(value: float | None) -> float | None:
    return None if value is None else min(1.0, max(0.0, value))


def count_row(label: str, patients: Sequence[PatientTotals]) -> Row:
    *columns, outside = _split(patients, lambda patient: True)
    cells = [count_cell(len(column)) for column in columns]
    return Row(label, COUNT, suppress_row(cells[0], cells[1], cells[2], outside))


def _attendance(patient: PatientTotals) -> bool:
    return patient.attendance_days > 0


def _engagement(patient: PatientTotals) -> str:
    if patient.meetings == 0:
        return "none"
    if patient.meetings_a_month < REGULAR_MEETINGS_A_MONTH:
        return "occasional"
    return "regular"


def _at_level(level: str) -> Callable[[PatientTotals], bool]:
    return lambda patient: _engagement(patient) == level


def _retention_row(mark: int, patients: Sequence[PatientTotals]) -> Row:
    return proportion_row(
        str(_("Still attending %(days)s days after the first consent"))
        % {"days": mark},
        patients,
        lambda patient: patient.reached[mark],
        lambda patient: patient.retained[mark],
    )


def measures_of(patients: Sequence[PatientTotals]) -> tuple[Measure, ...]:
    """Every measure of the report over ``patients``."""
    levels = (
        ("none", _("None (no meeting)")),
        ("occasional", _("Occasional (under 4 meetings a month)")),
        ("regular", _("Regular (4 or more meetings a month)")),
    )
    return (
        Measure(
            "patients",
            str(_("Patients")),
            str(
                _(
                    "Patients with a consent to this organisation active on at "
                    "least one day of the period."
                )
            ),
            (count_row(str(_("Patients")), patients),),
        ),
        Measure(
            "retention",
            str(_("Retention")),
            str(
                _(
                    "Of the patients who shared their attendance and were 30, 90 "
                    "or 180 days past their first consent by the end of the "
                    "period: the share who attended at least one meeting in the "
                    "30 days up to that day."
                )
            ),
            tuple(_retention_row(mark, patients) for mark in RETENTION_DAYS),
        ),
        Measure(
            "meetings",
            str(_("Meetings per month")),
            str(
                _(
                    "Meetings attended per month of shared attendance, on "
                    "average, with the patients who shared their attendance."
                )
            ),
            (
                mean_row(
                    str(_("Meetings per month")),
                    patients,
                    _attendance,
                    lambda patient: patient.meetings_a_month,
                ),
            ),
        ),
        Measure(
            "engagement",
            str(_("Engagement level")),
            str(
                _(
                    "The share of the patients who shared their attendance at "
                    "each level of meetings attended per month."
                )
            ),
            tuple(
                proportion_row(
                    str(label),
                    patients,
                    _attendance,
                    _at_level(level),
                )
                for level, label in levels
            ),
        ),
        Measure(
            "no_use",
            str(_("Self-reported days without use")),
            str(
                _(
                    "Of the days a patient checked in (with check-ins shared), "
                    "the share they answered that they did not use; the average "
                    "over patients."
                )
            ),
            (
                mean_row(
                    str(_("Share of check-in days without use")),
                    patients,
                    lambda patient: patient.checkin_days > 0,
                    lambda patient: patient.no_use_days / patient.checkin_days,
                    SHARE,
                ),
            ),
        ),
        Measure(
            "resets",
            str(_("Clock resets")),
            str(
                _(
                    "With the patients who shared their sobriety clocks: the "
                    "share who reset a clock at least once in the period, and "
                    "resets per patient. Hidden clocks are never counted."
                )
            ),
            (
                proportion_row(
                    str(_("Patients with one reset or more")),
                    patients,
                    lambda patient: patient.milestone_days > 0,
                    lambda patient: patient.resets > 0,
                ),
                mean_row(
                    str(_("Resets per patient")),
                    patients,
                    lambda patient: patient.milestone_days > 0,
                    lambda patient: float(patient.resets),
                ),
            ),
        ),
        Measure(
            "recovery_capital",
            str(_("Recovery capital change")),
            str(
                _(
                    "The change in BARC-10 total (10 to 60; higher is more "
                    "recovery capital) from the first to the latest assessment "
                    "in the period, with the patients who shared two or more."
                )
            ),
            (
                mean_row(
                    str(_("Change in BARC-10 total")),
                    patients,
                    lambda patient: patient.barc10_count >= 2,
                    lambda patient: float(
                        (patient.barc10_last or 0) - (patient.barc10_first or 0)
                    ),
                ),
            ),
        ),
    )


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def months_before(month: dt.date, count: int) -> dt.date:
    """The first day of the month ``count`` months before ``month``."""
    index = month.year * 12 + month.month - 1 - count
    return dt.date(index // 12, index % 12 + 1, 1)


def default_period(today: dt.date) -> tuple[dt.date, dt.date]:
    """The last ``DEFAULT_MONTHS`` months, this one included."""
    last = month_start(today)
    return months_before(last, DEFAULT_MONTHS - 1), last


def outcome_report(
    organisation: Organisation, *, first_month: dt.date, last_month: dt.date
) -> OutcomeReport:
    """The organisation's outcome report for the months ``first_month`` to
    ``last_month``, computed from the roll-ups alone: aggregates only, no
    patient is named or can be told apart (cells under ``MIN_CELL``
    suppressed)."""
    first_month, last_month = month_start(first_month), month_start(last_month)
    patients = patient_totals(organisation, first_month, last_month)
    return OutcomeReport(organisation, first_month, last_month, measures_of(patients))


def cell_text(cell: Cell, kind: str) -> str:
    """A cell in plain words, as the page and the CSV show it."""
    if cell.suppressed:
        return str(pgettext_lazy("outcome report cell", "fewer than 5"))
    if cell.estimate is None:
        return "-"
    if kind == COUNT:
        return f"{cell.n}"
    number = "{:.0%}" if kind in (PROPORTION, SHARE) else "{:.2f}"
    value = number.format(cell.estimate)
    if cell.low is None or cell.high is None:
        return value
    return str(_("%(value)s (95%% CI %(low)s to %(high)s)")) % {
        "value": value,
        "low": number.format(cell.low),
        "high": number.format(cell.high),
    }
