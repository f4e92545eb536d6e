"""Where new groups are needed: counts of searches that found nothing, per area.

A need is counted in a cell (day, focus, mode, ZIP prefix) and nowhere else: never
what was typed, never who searched, never a full ZIP code. The counts leave this
module only summed over a period and only for cells of at least ``MIN_CELL``
searches, so that a rare search cannot point at the few people who made it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.http import Http404, QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from kinship.core.geo import geocode_zip
from kinship.directory.models import AttendanceMode, Focus
from kinship.members.models import Level, Member, Membership

from .models import NeedCount

# The smallest count ever shown: cells under it stay in the database only.
MIN_CELL = 5
# The period the needs table sums over.
PERIOD_DAYS = 90
ZIP3 = re.compile(r"[0-9]{3}")


@dataclass(frozen=True, slots=True)
class NeedCell:
    """One cell of the needs table: what was looked for, and roughly where."""

    focus: str = ""
    mode: str = ""
    zip3: str = ""


@dataclass(frozen=True, slots=True)
class NeedRow:
    """A cell's searches over a period (always at least ``MIN_CELL``)."""

    focus: str
    mode: str
    zip3: str
    count: int

    @property
    def focus_label(self) -> str:
        return str(dict(Focus.choices).get(self.focus, _("Any focus")))

    @property
    def mode_label(self) -> str:
        return str(dict(AttendanceMode.choices).get(self.mode, _("Any way")))

    @property
    def area(self) -> str:
        """The ZIP prefix as an area ("191xx"), or a word for no area."""
        return f"{self.zip3}xx" if self.zip3 else _("Online, any area")


def need_cell(*, focus: str, mode: str, zip3: str) -> NeedCell:
    """The cell for these values: an unknown focus or mode counts as "any".

    Raises ``ValueError`` for a ZIP prefix that is not three digits or empty,
    rather than counting a need in the wrong area.
    """
    if zip3 and not ZIP3.fullmatch(zip3):
        raise ValueError("zip3 must be three digits or empty")
    return NeedCell(
        focus=focus if focus in Focus.values else "",
        mode=mode if mode in AttendanceMode.values else "",
        zip3=zip3,
    )


def need_record(
    *, focus: str, mode: str, zip3: str, day: dt.date | None = None
) -> NeedCount:
    """Count one search or match that found no good fit, in today's cell.

    Callers pass only the cell: the focus and attendance mode asked for and the
    first three digits of the searcher's US ZIP code ("" when the search was for
    online meetings only). There is deliberately no argument for the search's
    text or for the person, and nothing else is stored.

    The finder calls this for an empty first page of results (see
    ``kinship.directory.views.meeting_list``). The guided match flow (``/match/``)
    calls it once per completed match that offered no suitable group, with the
    focus and mode the person chose and their ZIP prefix, never on revisits of
    the same result.

    Safe under concurrency on SQLite and PostgreSQL: an atomic ``count + 1``
    update, and when the cell does not exist yet a create inside a savepoint
    that falls back to the update if another request created it first.
    """
    cell = need_cell(focus=focus, mode=mode, zip3=zip3)
    day = day or timezone.now().date()
    cell_rows = NeedCount.objects.filter(
        day=day, focus=cell.focus, mode=cell.mode, zip3=cell.zip3
    )
    if not cell_rows.update(count=F("count") + 1):
        try:
            with transaction.atomic():
                NeedCount.objects.create(
                    day=day, focus=cell.focus, mode=cell.mode, zip3=cell.zip3, count=1
                )
        except IntegrityError:
            cell_rows.update(count=F("count") + 1)
    return cell_rows.get()


def needs_table(*, since_days: int = PERIOD_DAYS) -> list[NeedRow]:
    """Cells summed over the last ``since_days`` days (today included), most
    searched first; only cells with at least ``MIN_CELL`` searches, in one query."""
    since = timezone.now().date() - dt.timedelta(days=since_days - 1)
    totals = (
        NeedCount.objects.filter(day__gte=since)
        .values("focus", "mode", "zip3")
        .annotate(total=Sum("count"))
        .filter(total__gte=MIN_CELL)
        .order_by("-total", "zip3", "focus", "mode")
    )
    return [
        NeedRow(
            focus=row["focus"], mode=row["mode"], zip3=row["zip3"], count=row["total"]
        )
        for row in totals
        if row["total"] >= MIN_CELL
    ]


def needs_for_viewer(member: Member, *, staff: bool) -> list[NeedRow]:
    """The needs table for site staff and group leaders; anyone else gets a 404."""
    if not staff and not (
        Membership.objects.filter(member=member, level=Level.LEADER).exists()
    ):
        raise Http404
    return needs_table()


# A search narrowed by any of these finding nothing says little about whether a
# group is needed in the area (a typo, a rare meeting type, one evening): only
# searches by area, focus and way of attending are counted.
NARROWING_FILTERS = ("q", "day", "time", "program", "type", "audience", "language")


def finder_need_cell(params: Mapping[str, str]) -> NeedCell | None:
    """The cell a finder query string counts in, or None when it has no ZIP or
    is narrowed by another filter (``NARROWING_FILTERS``).

    Reads only ``near``, ``focus`` and ``mode``. ``near`` counts only as a known
    US ZIP code (its first three digits); coordinates are not counted, since
    turning them into an area would need a nearest-ZIP search on every empty
    result. A search for online meetings only counts with no area.
    """
    if any(params.get(name) for name in NARROWING_FILTERS):
        return None
    centroid = geocode_zip(params.get("near", "") or "")
    if centroid is None:
        return None
    mode = params.get("mode", "") or ""
    zip3 = "" if mode == AttendanceMode.ONLINE else centroid.zip_code[:3]
    return need_cell(focus=params.get("focus", "") or "", mode=mode, zip3=zip3)


def finder_need_record(
    params: Mapping[str, str],
    *,
    htmx: bool,
    current_url: str | None = None,
    history_restore: bool = False,
) -> NeedCell | None:
    """Count a finder search whose first page was empty; the cell counted, if any.

    The caller (``meeting_list``) calls this only for a valid query on page 1 with
    no results; later pages never count. Only a ZIP ``near`` counts (see
    ``finder_need_cell``). The finder refreshes its results with htmx as the
    person types or changes a filter, so an htmx refresh counts only when its
    cell differs from the one of the page it replaces (``HX-Current-URL``):
    typing in the search box, or changing the day or time, in the same area,
    focus and mode does not count the same need again. History restores (the
    back button) never count. A full page load counts each time.
    """
    cell = finder_need_cell(params)
    if cell is None or history_restore:
        return None
    if htmx and current_url:
        previous = QueryDict(urlsplit(current_url).query)
        if finder_need_cell(previous) == cell:
            return None
    need_record(focus=cell.focus, mode=cell.mode, zip3=cell.zip3)
    return cell
