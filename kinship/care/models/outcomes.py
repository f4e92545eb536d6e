"""Daily and monthly roll-ups behind the organisation outcome report.

``OutcomeDay`` is one organisation x patient x day on which a consent of the
patient to the organisation was active (granted that day or before, not yet
revoked or expired that day). It holds only what the report needs, and only
for the categories that consent covered on that day: a column of a category
not covered is empty (NULL), never zero. ``OutcomeMonth`` adds a patient's
days up by calendar month, so the report reads a few rows per patient.

Both are built by ``care.rollups`` from members' own data; the report
(``care.outcomes``) reads nothing else. Rows are derived: rebuilding a day
replaces them.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinship.members.models import Member

from .clinics import Organisation

# Days after the first consent at which retention is measured.
RETENTION_DAYS = (30, 90, 180)


class OutcomeDay(models.Model):
    """One patient's consented day for one organisation (see the module)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="care_outcome_days"
    )
    day = models.DateField(_("day"))
    # Days since the patient's first consent to the organisation (0 that day).
    since_first = models.PositiveIntegerField(_("days since first consent"))
    # attendance: meetings attended that day.
    meetings = models.PositiveSmallIntegerField(_("meetings"), null=True)
    # checkins: the day's answer to "used today" ("" when no check-in). NULL,
    # as in every category column, means not covered: unlike "" (no check-in).
    used = models.CharField(  # noqa: DJ001
        _("used today"), max_length=8, null=True
    )
    # milestones: resets of visible clocks that day.
    resets = models.PositiveSmallIntegerField(_("clock resets"), null=True)
    # assessments: the day's latest BARC-10 total (NULL when none or not covered).
    barc10 = models.PositiveSmallIntegerField(_("BARC-10 total"), null=True)
    # On the days 30, 90 and 180 after the first consent, with attendance
    # covered: whether a meeting was attended in the 30 days up to this day.
    retention_mark = models.PositiveSmallIntegerField(null=True)
    retained = models.BooleanField(null=True)

    class Meta:
        verbose_name = _("outcome day")
        verbose_name_plural = _("outcome days")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "member", "day"],
                name="care_outcome_day_once",
            ),
            models.CheckConstraint(
                condition=Q(used__isnull=True)
                | Q(used__in=["", "no", "yes", "unsaid"]),
                name="care_outcome_day_used",
            ),
            models.CheckConstraint(
                condition=Q(retention_mark__isnull=True)
                | Q(retention_mark__in=RETENTION_DAYS, retained__isnull=False),
                name="care_outcome_day_retention",
            ),
        ]
        indexes = [models.Index(fields=["day"], name="care_outcome_day_day")]

    def __str__(self) -> str:
        return f"Outcome day {self.day:%Y-%m-%d}"


def barc10_key(day: dt.date, total: int) -> int:
    """A BARC-10 total and its day as one number that sorts by day."""
    return day.toordinal() * 100 + total


def barc10_key_total(key: int) -> int:
    return key % 100


class OutcomeMonth(models.Model):
    """A patient's ``OutcomeDay`` rows of one calendar month, added up.

    ``*_days`` count the days a category was covered; the BARC-10 columns keep
    the month's first and latest totals (and their keys) for the change from
    first to latest over a period."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+"
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="care_outcome_months"
    )
    month = models.DateField(_("month"))  # its first day
    days = models.PositiveSmallIntegerField(_("consented days"))
    attendance_days = models.PositiveSmallIntegerField(default=0)
    meetings = models.PositiveIntegerField(default=0)
    checkin_covered_days = models.PositiveSmallIntegerField(default=0)
    checkin_days = models.PositiveSmallIntegerField(default=0)
    no_use_days = models.PositiveSmallIntegerField(default=0)
    milestone_days = models.PositiveSmallIntegerField(default=0)
    resets = models.PositiveIntegerField(default=0)
    barc10_count = models.PositiveSmallIntegerField(default=0)
    barc10_first = models.PositiveSmallIntegerField(null=True)
    barc10_last = models.PositiveSmallIntegerField(null=True)
    # The same as ``barc10_key``: the smallest over months is a period's first
    # total and the largest its latest, in one grouped query.
    barc10_first_key = models.PositiveIntegerField(null=True)
    barc10_last_key = models.PositiveIntegerField(null=True)
    # The retention marks reached this month (see OutcomeDay), and their answer.
    reached30 = models.BooleanField(default=False)
    retained30 = models.BooleanField(default=False)
    reached90 = models.BooleanField(default=False)
    retained90 = models.BooleanField(default=False)
    reached180 = models.BooleanField(default=False)
    retained180 = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("outcome month")
        verbose_name_plural = _("outcome months")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "month", "member"],
                name="care_outcome_month_once",
            ),
        ]

    def __str__(self) -> str:
        return f"Outcome month {self.month:%Y-%m}"
