"""Reads of the public directory. Pages and the API both call these."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from kinship.core.geo import Point, bounding_box, distance_miles

from .forms import FinderQuery
from .models import (
    MINUTES_PER_DAY,
    Focus,
    Group,
    ListedMeeting,
    Meeting,
    MeetingType,
    Reach,
    Visibility,
    weekly_sort_key,
)
from .schedule import MeetingWhen, meeting_when
from .services import id_pattern
from .summaries import MeetingSummary, meeting_summaries

PAGE_SIZE = 20
# Results are counted exactly up to this many per segment; past it a search says
# "more than N". Counting every match of a broad search over a national directory
# would scan the whole index on each request for a number nobody pages through.
COUNT_CAP = 1000

# A search for one focus also finds groups that serve both addiction and mental health.
FOCUS_MATCHES: dict[str, tuple[str, ...]] = {
    Focus.ADDICTION: (Focus.ADDICTION, Focus.BOTH),
    Focus.MENTAL_HEALTH: (Focus.MENTAL_HEALTH, Focus.BOTH),
    Focus.BOTH: (Focus.BOTH,),
    Focus.FAMILY: (Focus.FAMILY,),
}


@dataclass(frozen=True, slots=True)
class MeetingResult:
    meeting: MeetingSummary
    distance_miles: float | None
    when: MeetingWhen | None


@dataclass(frozen=True, slots=True)
class FinderPage:
    results: list[MeetingResult]
    count: int
    count_is_exact: bool
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.count / self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages or not self.count_is_exact

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def meeting_display_queryset() -> QuerySet[Meeting]:
    return Meeting.objects.select_related(
        "group__program", "location"
    ).prefetch_related(
        Prefetch("types", queryset=MeetingType.objects.order_by("label")),
        "languages",
    )


def _filtered_listings(query: FinderQuery) -> QuerySet[ListedMeeting]:
    """The finder's filters, all on the one ``ListedMeeting`` table."""
    rows = ListedMeeting.objects.all()
    if query.q:
        rows = rows.filter(search_text__contains=query.q.lower())
    if query.weekday is not None:
        day_start = query.weekday * MINUTES_PER_DAY
        rows = rows.filter(
            sort_key__gte=day_start, sort_key__lt=day_start + MINUTES_PER_DAY
        )
    if query.time_window is not None:
        window = query.time_window
        if window.wraps_midnight:
            rows = rows.filter(
                Q(start_time__gte=window.start) | Q(start_time__lt=window.end)
            )
        else:
            rows = rows.filter(start_time__gte=window.start, start_time__lt=window.end)
    if query.mode:
        rows = rows.filter(attendance_mode=query.mode)
    if query.program is not None:
        rows = rows.filter(program=query.program)
    if query.focus:
        rows = rows.filter(focus__in=FOCUS_MATCHES[query.focus])
    if query.type_code:
        any_type = Q(pk__in=[])
        for type_id in query.type_ids:
            any_type |= Q(type_ids__contains=id_pattern(type_id))
        rows = rows.filter(any_type)
    if query.language_id is not None:
        rows = rows.filter(language_ids__contains=id_pattern(query.language_id))
    return rows


def _weekly_order(rows: QuerySet[ListedMeeting]) -> QuerySet[ListedMeeting]:
    return rows.order_by("sort_key", "meeting_id")


def _located_within(
    rows: QuerySet[ListedMeeting], center: Point, radius_miles: float
) -> list[tuple[int, float]]:
    """(meeting id, miles) of meetings at a place within the radius, nearest first."""
    box = bounding_box(center, radius_miles)
    candidates = rows.filter(
        reach=Reach.LOCAL,
        latitude__gte=box.min_latitude,
        latitude__lte=box.max_latitude,
        longitude__gte=box.min_longitude,
        longitude__lte=box.max_longitude,
    ).values_list("meeting_id", "latitude", "longitude", "sort_key")
    located = []
    for meeting_id, latitude, longitude, sort_key in candidates:
        if latitude is None or longitude is None:  # a LOCAL row always has both
            continue
        miles = distance_miles(center, Point(latitude, longitude))
        if miles <= radius_miles:
            located.append((miles, sort_key, meeting_id))
    located.sort()
    return [(meeting_id, miles) for miles, _, meeting_id in located]


def _ordered_ids(
    rows: QuerySet[ListedMeeting], *, wanted: int
) -> tuple[list[int], bool]:
    """Up to ``wanted`` matching ids in weekly order, and whether there are more.

    One pass that stops early: a broad search reads a little of the index, a
    narrow one reads its segment once, instead of a COUNT and then a page.
    """
    ids = list(_weekly_order(rows).values_list("meeting_id", flat=True)[: wanted + 1])
    return ids[:wanted], len(ids) > wanted


def meetings_find(
    query: FinderQuery, *, now: dt.datetime, page_size: int = PAGE_SIZE
) -> FinderPage:
    """One page of finder results over listed meetings.

    With a place (``near``), meetings held somewhere (in person or hybrid) within the
    radius come first, nearest first, with their distance; meetings joinable from
    anywhere (online, or hybrid with no known place) follow, since distance does not
    bind them. Without a place, everything matching is listed by weekday (Sunday
    first) and start time, meetings by appointment last. Counts are exact up to
    ``COUNT_CAP`` per segment (or the page asked for), a lower bound past it.
    """
    rows = _filtered_listings(query)
    offset = (query.page - 1) * page_size
    located: list[tuple[int, float]] = []
    if query.near is None:
        ordered, more = _ordered_ids(rows, wanted=max(COUNT_CAP, offset + page_size))
    else:
        located = _located_within(rows, query.near, query.radius_miles)
        online_ids, more = _ordered_ids(
            rows.filter(reach=Reach.ONLINE),
            wanted=max(COUNT_CAP, offset + page_size - len(located)),
        )
        ordered = [meeting_id for meeting_id, _ in located] + online_ids
    page_ids = ordered[offset : offset + page_size]
    return FinderPage(
        results=_results_in_order(
            page_ids, dict(located), now=now, viewer_tz=query.viewer_tz
        ),
        count=len(ordered),
        count_is_exact=not more,
        page=query.page,
        page_size=page_size,
    )


def _results_in_order(
    ids: list[int],
    distances: dict[int, float],
    *,
    now: dt.datetime,
    viewer_tz: ZoneInfo,
) -> list[MeetingResult]:
    if not ids:
        return []
    by_id = meeting_summaries(ids)
    return [
        MeetingResult(
            meeting=by_id[meeting_id],
            distance_miles=distances.get(meeting_id),
            when=meeting_when(by_id[meeting_id], now=now, viewer_tz=viewer_tz),
        )
        for meeting_id in ids
        if meeting_id in by_id
    ]


def access_public_meeting(slug: str) -> Meeting:
    """A meeting of a listed or unlisted group by slug; 404 for private or unknown."""
    try:
        return (
            meeting_display_queryset()
            .exclude(group__visibility=Visibility.PRIVATE)
            .get(slug=slug)
        )
    except Meeting.DoesNotExist:
        raise Http404("No such meeting") from None


def access_public_group(slug: str) -> Group:
    """A listed or unlisted group by slug; 404 for private or unknown."""
    try:
        return (
            Group.objects.select_related("program")
            .prefetch_related("languages")
            .exclude(visibility=Visibility.PRIVATE)
            .get(slug=slug)
        )
    except Group.DoesNotExist:
        raise Http404("No such group") from None


def group_meetings(group: Group) -> list[Meeting]:
    """A group's meetings in weekly order (by appointment last), for its page."""
    meetings = meeting_display_queryset().filter(group=group).order_by("name", "id")
    return sorted(meetings, key=lambda m: weekly_sort_key(m.weekday, m.start_time))
