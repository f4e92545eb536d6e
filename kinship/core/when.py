"""One way to show a time: in the viewer's zone, in the active language's formats.

Every datetime a person reads goes through these labels. An aware datetime is
shown in ``tz`` when given (text made for someone outside their own request: an
email or a notification body uses the recipient's zone), else in the zone the
request activated (``kinship.members.middleware.ViewerTimezoneMiddleware``). A
plain ``date`` has no zone: it gets the date formats only.

The format strings are translatable (context "date format"), so a language can
give its own order; month and day names come from Django's translations.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import pgettext

from .timezones import zone

Tz = dt.tzinfo | str | None
Style = Literal[
    "datetime",
    "datetime_zoned",
    "date",
    "day",
    "short_date",
    "long_date",
    "time",
    "time_zoned",
    "month",
]


def _tzinfo(tz: Tz) -> dt.tzinfo:
    if tz is None:
        return timezone.get_current_timezone()
    if isinstance(tz, str):
        return zone(tz)
    return tz


def in_zone(value: dt.datetime, tz: Tz = None) -> dt.datetime:
    """An aware datetime in ``tz`` (default: the active zone); a naive one as is."""
    if timezone.is_naive(value):
        return value
    return value.astimezone(_tzinfo(tz))


def _local(value: dt.date, tz: Tz) -> dt.date:
    return in_zone(value, tz) if isinstance(value, dt.datetime) else value


def _same_year(value: dt.date, tz: Tz, now: dt.datetime | None) -> bool:
    today = timezone.localtime(now or timezone.now(), _tzinfo(tz)).date()
    return value.year == today.year


def datetime_label(
    value: dt.datetime,
    *,
    tz: Tz = None,
    zone_name: bool = False,
    now: dt.datetime | None = None,
) -> str:
    """``Sun, Dec 6, 9:43 PM`` (the year added when not this year; with
    ``zone_name``, ``Sun, Dec 6, 9:43 PM PST``)."""
    local = in_zone(value, tz)
    if _same_year(local, tz, now):
        form = pgettext("date format", "D, M j, g:i A")
    else:
        form = pgettext("date format", "D, M j, Y, g:i A")
    label = dateformat.format(local, form)
    return _with_zone(label, local) if zone_name else label


def date_label(value: dt.date, *, tz: Tz = None) -> str:
    """``Dec 6, 2026``: a date, or the day of an instant in the zone."""
    return dateformat.format(_local(value, tz), pgettext("date format", "M j, Y"))


def day_label(value: dt.date, *, tz: Tz = None, now: dt.datetime | None = None) -> str:
    """``Sun, Dec 6`` (the year added when not this year), for days in a table."""
    local = _local(value, tz)
    if _same_year(local, tz, now):
        form = pgettext("date format", "D, M j")
    else:
        form = pgettext("date format", "D, M j, Y")
    return dateformat.format(local, form)


def short_date_label(
    value: dt.date, *, tz: Tz = None, now: dt.datetime | None = None
) -> str:
    """``Dec 6`` (the year added when not this year), where space is short."""
    local = _local(value, tz)
    if _same_year(local, tz, now):
        return dateformat.format(local, pgettext("date format", "M j"))
    return dateformat.format(local, pgettext("date format", "M j, Y"))


def long_date_label(value: dt.date, *, tz: Tz = None) -> str:
    """``Sunday, December 6, 2026``."""
    return dateformat.format(_local(value, tz), pgettext("date format", "l, F j, Y"))


def month_label(value: dt.date, *, tz: Tz = None) -> str:
    """``December 2026``."""
    return dateformat.format(_local(value, tz), pgettext("date format", "F Y"))


def time_label(
    value: dt.datetime | dt.time, *, tz: Tz = None, zone_name: bool = False
) -> str:
    """``9:43 PM`` (with ``zone_name``, ``9:43 PM PST``). A plain ``time`` is a
    wall-clock time (a meeting's schedule) and is shown as it is."""
    local = in_zone(value, tz) if isinstance(value, dt.datetime) else value
    label = dateformat.time_format(local, pgettext("date format", "g:i A"))
    return _with_zone(label, local) if zone_name else label


def _with_zone(label: str, local: dt.date | dt.time) -> str:
    # A naive value has no zone to name (Django would name the server's).
    if not isinstance(local, dt.datetime) or timezone.is_naive(local):
        return label
    return pgettext("time with its zone", "%(time)s %(zone)s") % {
        "time": label,
        "zone": local.tzname(),
    }


def label(value: dt.date, style: Style = "datetime", *, tz: Tz = None) -> str:
    """The label of one of the styles above, by name (for the template tags)."""
    if style == "date":
        return date_label(value, tz=tz)
    if style == "day":
        return day_label(value, tz=tz)
    if style == "short_date":
        return short_date_label(value, tz=tz)
    if style == "long_date":
        return long_date_label(value, tz=tz)
    if style == "month":
        return month_label(value, tz=tz)
    if not isinstance(value, dt.datetime):
        raise TypeError(f"a {style} label needs a datetime, not {value!r}")
    if style in ("time", "time_zoned"):
        return time_label(value, tz=tz, zone_name=style == "time_zoned")
    if style in ("datetime", "datetime_zoned"):
        return datetime_label(value, tz=tz, zone_name=style == "datetime_zoned")
    raise ValueError(f"no time style {style!r}")


def iso(value: dt.date | dt.time, *, tz: Tz = None) -> str:
    """The machine-readable value: an instant with its offset, or a plain date."""
    if isinstance(value, dt.datetime):
        return in_zone(value, tz).isoformat()
    return value.isoformat()


def time_element(
    value: dt.date, style: Style = "datetime", *, tz: Tz = None
) -> SafeString:
    """``<time datetime="2026-12-06T21:43:00-08:00">Sun, Dec 6, 9:43 PM</time>``."""
    return format_html(
        '<time datetime="{}">{}</time>', iso(value, tz=tz), label(value, style, tz=tz)
    )
