"""The finder's sentences about its results: what was found, where, and when.

Each sentence says exactly what the filters asked for (an in-person search never
promises online meetings). Built here rather than in the template so each case is
one translatable sentence and can be tested.
"""

from __future__ import annotations

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext, pgettext

from kinship.core.timezones import weekly_occurrence_day
from kinship.core.units import distance_words

from .forms import FinderQuery
from .models import WEEKDAY_IN_A_PHRASE, AttendanceMode, Weekday
from .selectors import FinderPage


def _count_phrase(count: int, exact: bool, mode: str) -> str:
    if mode == AttendanceMode.IN_PERSON:
        if exact:
            text = ngettext(
                "%(count)s in-person meeting", "%(count)s in-person meetings", count
            )
        else:
            text = gettext("More than %(count)s in-person meetings")
    elif mode == AttendanceMode.ONLINE:
        if exact:
            text = ngettext(
                "%(count)s online meeting", "%(count)s online meetings", count
            )
        else:
            text = gettext("More than %(count)s online meetings")
    elif mode == AttendanceMode.HYBRID:
        if exact:
            text = ngettext(
                "%(count)s hybrid meeting", "%(count)s hybrid meetings", count
            )
        else:
            text = gettext("More than %(count)s hybrid meetings")
    elif exact:
        text = ngettext("%(count)s meeting", "%(count)s meetings", count)
    else:
        text = gettext("More than %(count)s meetings")
    return text % {"count": count}


def count_sentence(page: FinderPage, query: FinderQuery) -> str:
    """ "12 meetings found: 8 within 10 miles of 19103 (Philadelphia, PA) and 4
    you can join online." and its variants for each mode."""
    found = _count_phrase(page.count, page.count_is_exact, query.mode)
    if query.near is None or page.located_count is None:
        return gettext("%(found)s found.") % {"found": found}
    values = {
        "found": found,
        "radius": distance_words(query.radius_miles),
        "place": query.near_label,
        "located": page.located_count,
        "online": page.count - page.located_count,
    }
    if query.mode == AttendanceMode.ONLINE:
        return (
            gettext("%(found)s found. Distance does not apply: they are joined online.")
            % values
        )
    if query.mode == AttendanceMode.IN_PERSON or values["online"] == 0:
        return gettext("%(found)s within %(radius)s of %(place)s.") % values
    if page.located_count == 0:
        return (
            gettext(
                "%(found)s found: none within %(radius)s of %(place)s, "
                "all joined online."
            )
            % values
        )
    if page.count_is_exact:
        text = gettext(
            "%(found)s found: %(located)s within %(radius)s of %(place)s "
            "and %(online)s you can join online."
        )
    else:
        text = gettext(
            "%(found)s found: %(located)s within %(radius)s of %(place)s "
            "and more than %(online)s you can join online."
        )
    return text % values


def day_sentence(query: FinderQuery, *, now: dt.datetime) -> str:
    """Which day the results are for, with its date: a weekday is its next date."""
    if query.weekday is None:
        return ""
    if query.drop_ended:
        return gettext("Meetings still to come today.")
    today = now.astimezone(query.viewer_tz).date()
    day = weekly_occurrence_day(query.weekday, today)
    values = {
        "weekday": WEEKDAY_IN_A_PHRASE[Weekday(query.weekday)],
        "date": date_format(day, pgettext("a meeting's date", "D, M j")),
    }
    if day == today:
        return gettext("%(weekday)s meetings: the next %(weekday)s is today.") % values
    return gettext("%(weekday)s meetings: the next %(weekday)s is %(date)s.") % values


def page_sentence(page: FinderPage) -> str:
    if page.requested_page is not None:
        return gettext(
            "There is no page %(asked)s: this is the last page, %(page)s."
        ) % {"asked": page.requested_page, "page": page.page}
    if page.pages > 1 and page.count_is_exact:
        return gettext("Page %(number)s of %(pages)s.") % {
            "number": page.page,
            "pages": page.pages,
        }
    return ""
