"""Template filters for times: ``{% load when %}``, then ``{{ value|when }}``.

Each filter shows an aware datetime in the viewer's zone (or in the zone given
as its argument, e.g. ``{{ start|when_zoned:meeting.timezone }}`` for a
meeting's own schedule) with the active language's formats; see
``kinship.core.when``. An empty value (``None``, ``""``) gives ``""``, so
``|default:"—"`` still works.

``{% when_element value "date" %}`` wraps the label in ``<time datetime>``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils.safestring import SafeString

from kinship.core import when as w

register = template.Library()


def _show(value: Any, style: w.Style, tz: w.Tz) -> str:
    if isinstance(value, str) and value:
        # An ISO date kept in JSON (an attendance record's entries).
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return ""
    if not isinstance(value, dt.date):
        return ""
    return w.label(value, style, tz=tz or None)


@register.filter
def when(value: Any, tz: w.Tz = None) -> str:
    """``Sun, Dec 6, 9:43 PM``."""
    return _show(value, "datetime", tz)


@register.filter
def when_zoned(value: Any, tz: w.Tz = None) -> str:
    """``Sun, Dec 6, 9:43 PM PST``."""
    return _show(value, "datetime_zoned", tz)


@register.filter
def when_date(value: Any, tz: w.Tz = None) -> str:
    """``Dec 6, 2026``."""
    return _show(value, "date", tz)


@register.filter
def when_day(value: Any, tz: w.Tz = None) -> str:
    """``Sun, Dec 6``."""
    return _show(value, "day", tz)


@register.filter
def when_short_date(value: Any, tz: w.Tz = None) -> str:
    """``Dec 6``."""
    return _show(value, "short_date", tz)


@register.filter
def when_long_date(value: Any, tz: w.Tz = None) -> str:
    """``Sunday, December 6, 2026``."""
    return _show(value, "long_date", tz)


@register.filter
def when_month(value: Any, tz: w.Tz = None) -> str:
    """``December 2026``."""
    return _show(value, "month", tz)


@register.filter
def when_time(value: Any, tz: w.Tz = None) -> str:
    """``9:43 PM``."""
    if isinstance(value, dt.time):
        return w.time_label(value)
    return _show(value, "time", tz)


@register.filter
def when_time_zoned(value: Any, tz: w.Tz = None) -> str:
    """``9:43 PM PST``."""
    return _show(value, "time_zoned", tz)


@register.filter
def when_iso(value: Any, tz: w.Tz = None) -> str:
    """The machine-readable value, for a ``datetime`` attribute."""
    if not isinstance(value, dt.date):
        return ""
    return w.iso(value, tz=tz or None)


@register.simple_tag
def when_element(value: Any, style: w.Style = "datetime", tz: w.Tz = None) -> str:
    """``<time datetime="ISO">label</time>``; nothing for an empty value."""
    if not isinstance(value, dt.date):
        return ""
    element: SafeString = w.time_element(value, style, tz=tz or None)
    return element
