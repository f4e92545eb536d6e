"""Check-in trends as the charts show them: each day's mood, craving and
stress with a 7-day average, the JSON the chart script reads, and a sentence
that sums each measure up (the chart's description for screen readers and
for anyone who would rather read than look).

The 7-day average of a day is the mean of the check-ins of that day and the
six days before it. Days without a check-in are left out, never counted as
zeros; and the average is drawn only when at least ``AVERAGE_MIN_DAYS`` (4)
of the 7 days have a check-in: a majority of the week, so that one or two
lone check-ins are not presented as a week's trend. The member's page and
the clinician's page use the same functions, so both show the same numbers.

Pure functions over data already read (by ``selectors.progress`` for the
member, by ``kinship.care.disclosure`` for a clinician): no query here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

AVERAGE_DAYS = 7
AVERAGE_MIN_DAYS = 4
MEASURES = ("mood", "craving", "stress")
# The lowest and highest answer of each measure (the check-in form's range).
SCALES = {"mood": (1, 5), "craving": (0, 10), "stress": (0, 10)}
# The charts of a trend: mood alone; craving and stress share the 0-10 scale.
PANELS = (("mood", ("mood",)), ("craving-stress", ("craving", "stress")))


@dataclass(frozen=True)
class TrendPoint:
    """One day: the check-in's answers (None without a check-in) and each
    measure's 7-day average (None with too few check-ins in the week).
    ``used`` is the answer to "used today", on the clinician's page only."""

    day: dt.date
    mood: int | None
    craving: int | None
    stress: int | None
    mood_7: float | None
    craving_7: float | None
    stress_7: float | None
    used: str | None = None

    @property
    def checked_in(self) -> bool:
        return self.mood is not None


def rolling_averages(
    values: Sequence[int | None],
    *,
    window: int = AVERAGE_DAYS,
    minimum: int = AVERAGE_MIN_DAYS,
) -> list[float | None]:
    """For each of consecutive days' ``values`` (None: no check-in), the mean
    of the values present in the ``window`` days ending that day, rounded to
    one decimal; None where fewer than ``minimum`` days have a value."""
    averages: list[float | None] = []
    for end in range(len(values)):
        week = values[max(0, end - window + 1) : end + 1]
        present = [value for value in week if value is not None]
        if len(present) < minimum:
            averages.append(None)
        else:
            averages.append(round(sum(present) / len(present), 1))
    return averages


def trend_points(
    days: Sequence[dt.date],
    rows: Mapping[dt.date, Mapping[str, Any]],
    *,
    shown: int | None = None,
) -> list[TrendPoint]:
    """The trend of consecutive ``days`` (oldest first) from the check-ins in
    ``rows`` (by day: mood, craving, stress, optionally used). The first days
    may be a lead-in that only feeds the averages: ``shown`` keeps the last
    ``shown`` days (all of them by default)."""
    values = {
        measure: [rows[day][measure] if day in rows else None for day in days]
        for measure in MEASURES
    }
    averages = {measure: rolling_averages(values[measure]) for measure in MEASURES}
    points = [
        TrendPoint(
            day=day,
            mood=values["mood"][index],
            craving=values["craving"][index],
            stress=values["stress"][index],
            mood_7=averages["mood"][index],
            craving_7=averages["craving"][index],
            stress_7=averages["stress"][index],
            used=rows[day].get("used") if day in rows else None,
        )
        for index, day in enumerate(days)
    ]
    return points if shown is None else points[-shown:]


def measure_label(measure: str) -> str:
    return {
        "mood": _("Mood (1-5)"),
        "craving": _("Craving (0-10)"),
        "stress": _("Stress (0-10)"),
    }[measure]


def measure_name(measure: str) -> str:
    return {"mood": _("Mood"), "craving": _("Craving"), "stress": _("Stress")}[measure]


def trend_json(points: Sequence[TrendPoint]) -> dict[str, Any]:
    """What the chart script reads: the days as ISO dates (the script writes
    them as short dates in the page's language), each measure's daily values
    and 7-day averages, and each measure's translated labels and scale."""
    return {
        "labels": [point.day.isoformat() for point in points],
        **{
            measure: [getattr(point, measure) for point in points]
            for measure in MEASURES
        },
        "average": {
            measure: [getattr(point, f"{measure}_7") for point in points]
            for measure in MEASURES
        },
        "measures": {
            measure: {
                "label": measure_label(measure),
                "daily_label": _("%(measure)s, each day")
                % {"measure": measure_name(measure)},
                "average_label": _("%(measure)s, 7-day average")
                % {"measure": measure_name(measure)},
                "min": SCALES[measure][0],
                "max": SCALES[measure][1],
            }
            for measure in MEASURES
        },
    }


def _number(value: float) -> str:
    return number_format(value, decimal_pos=1)


def trend_summary(points: Sequence[TrendPoint], measure: str, *, days: int) -> str:
    """One sentence on a measure over the trend: its latest 7-day average,
    and whether that is up or down from the first one in the span, e.g.
    "Mood over the last 30 days: 7-day average 3.2, up from 2.5."."""
    averages = [
        value
        for value in (getattr(point, f"{measure}_7") for point in points)
        if value is not None
    ]
    names = {"measure": measure_name(measure), "days": days}
    if not averages:
        return _(
            "%(measure)s over the last %(days)s days: too few check-ins for a "
            "7-day average (it needs %(minimum)s days of a week)."
        ) % {**names, "minimum": AVERAGE_MIN_DAYS}
    last, first = averages[-1], averages[0]
    figures = {**names, "last": _number(last), "first": _number(first)}
    if len(averages) == 1:
        return _("%(measure)s over the last %(days)s days: 7-day average %(last)s.") % (
            figures
        )
    if last > first:
        text = _(
            "%(measure)s over the last %(days)s days: 7-day average %(last)s, "
            "up from %(first)s."
        )
    elif last < first:
        text = _(
            "%(measure)s over the last %(days)s days: 7-day average %(last)s, "
            "down from %(first)s."
        )
    else:
        text = _(
            "%(measure)s over the last %(days)s days: 7-day average %(last)s, "
            "the same as at the start."
        )
    return text % figures


def trend_panels(
    points: Sequence[TrendPoint], *, days: int, prefix: str
) -> list[dict[str, Any]]:
    """The two charts of a trend (mood; craving and stress), each with its
    canvas id, heading, accessible name, summary sentence and table caption."""
    names = {
        "mood": _("Mood over the last %(days)s days") % {"days": days},
        "craving-stress": _("Craving and stress over the last %(days)s days")
        % {"days": days},
    }
    titles = {"mood": _("Mood"), "craving-stress": _("Craving and stress")}
    axes = {"mood": _("Mood (1-5)"), "craving-stress": _("Craving, stress (0-10)")}
    captions = {
        "mood": _("Mood, the last %(days)s days, newest first") % {"days": days},
        "craving-stress": _("Craving and stress, the last %(days)s days, newest first")
        % {"days": days},
    }
    return [
        {
            "key": key,
            "measures": " ".join(measures),
            "canvas_id": f"{prefix}-{key}",
            "title": titles[key],
            "axis": axes[key],
            "name": _("Chart: %(name)s") % {"name": names[key]},
            "caption": captions[key],
            "summary": " ".join(
                trend_summary(points, measure, days=days) for measure in measures
            ),
        }
        for key, measures in PANELS
    ]
