"""Reads of the public directory. Pages and the API both call these."""

from __future__ import annotations

import datetime as dt
import functools
import math
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import (
    Case,
    F,
    IntegerField,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Mod
from django.http import Http404

from kinship.core.geo import Point, bounding_box, distance_miles
from kinship.core.timezones import known_timezones, sunday_based_weekday, zone

from .forms import SORT_NEAREST, SORT_UPCOMING, FinderQuery
from .models import (
    DEFAULT_MEETING_LENGTH,
    MINUTES_PER_DAY,
    MINUTES_PER_WEEK,
    WEEK_MINUTE_OFFSET_DAY,
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


# "Starting soonest" lists meetings from this long before now: one that began a
# few minutes ago is still worth joining (its card says "In progress").
UPCOMING_LOOKBACK_MINUTES = 30


@dataclass(frozen=True, slots=True)
class FinderPage:
    results: list[MeetingResult]
    count: int
    count_is_exact: bool
    page: int
    page_size: int
    # The page asked for, when it was past the last one (``page`` is the last).
    requested_page: int | None = None
    # With a place: how many of ``count`` are held within the radius; the rest
    # can be joined online from anywhere. None without a place.
    located_count: int | None = None

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
        rows = rows.filter(_any_type(query.type_ids))
    if query.audience:
        rows = rows.filter(_any_type(query.audience_type_ids))
    if query.language_id is not None:
        rows = rows.filter(language_ids__contains=id_pattern(query.language_id))
    return rows


def _any_type(type_ids: tuple[int, ...]) -> Q:
    any_type = Q(pk__in=[])
    for type_id in type_ids:
        any_type |= Q(type_ids__contains=id_pattern(type_id))
    return any_type


@functools.lru_cache(maxsize=4)
def _zone_shifts(hour: dt.datetime) -> tuple[tuple[int, tuple[str, ...]], ...]:
    """Zones whose UTC offset in this hour differs from the one ``week_minute_utc``
    was computed with (daylight-saving time), grouped by the difference in minutes.
    """
    by_shift: dict[int, list[str]] = {}
    for name in sorted(known_timezones()):
        tz = zone(name)
        now_offset = hour.astimezone(tz).utcoffset()
        base_offset = WEEK_MINUTE_OFFSET_DAY.astimezone(tz).utcoffset()
        if now_offset is None or base_offset is None or now_offset == base_offset:
            continue
        shift = int((now_offset - base_offset).total_seconds() // 60)
        by_shift.setdefault(shift, []).append(name)
    return tuple((shift, tuple(names)) for shift, names in sorted(by_shift.items()))


def _minutes_until_start(now: dt.datetime) -> Case | Mod:
    """SQL: minutes from (now - lookback) to a row's next weekly start (UTC)."""
    hour = now.astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)
    shifts = _zone_shifts(hour)
    shift: Case | Value = (
        Case(
            *(When(timezone__in=names, then=Value(s)) for s, names in shifts),
            default=Value(0),
            output_field=IntegerField(),
        )
        if shifts
        else Value(0)
    )
    pivot = _week_minute(now) - UPCOMING_LOOKBACK_MINUTES
    return Mod(
        F("week_minute_utc") - shift - Value(pivot) + Value(2 * MINUTES_PER_WEEK),
        Value(MINUTES_PER_WEEK),
        output_field=IntegerField(),
    )


def _week_minute(moment: dt.datetime) -> int:
    utc = moment.astimezone(dt.UTC)
    return (
        sunday_based_weekday(utc.date()) * MINUTES_PER_DAY + utc.hour * 60 + utc.minute
    )


def _weekly_order(rows: QuerySet[ListedMeeting]) -> QuerySet[ListedMeeting]:
    return rows.order_by("sort_key", "meeting_id")


def _upcoming_order(
    rows: QuerySet[ListedMeeting], now: dt.datetime
) -> QuerySet[ListedMeeting]:
    return rows.annotate(minutes_until=_minutes_until_start(now)).order_by(
        F("minutes_until").asc(nulls_last=True), "meeting_id"
    )


def _without_ended_today(
    rows: QuerySet[ListedMeeting], weekday: int, now: dt.datetime
) -> QuerySet[ListedMeeting]:
    """Rows of a one-weekday search minus meetings whose occurrence has ended.

    Judged in each meeting's own zone: where that weekday is today, a meeting
    has ended once its end time has passed; where it was yesterday (a zone
    already on the next day), every meeting has ended but one running past
    midnight. Elsewhere the weekday is still to come.
    """
    ended = Q(pk__in=[])
    length = int(DEFAULT_MEETING_LENGTH.total_seconds() // 60)
    zones = rows.order_by().values_list("timezone", flat=True).distinct()
    for name in zones:
        local = now.astimezone(zone(name))
        clock = local.time().replace(second=0, microsecond=0)
        minutes = clock.hour * 60 + clock.minute
        days_since = (sunday_based_weekday(local.date()) - weekday) % 7
        same_day_end = Q(meeting__end_time__isnull=False) & Q(
            meeting__end_time__gt=F("start_time")
        )
        if days_since == 0:
            here = same_day_end & Q(meeting__end_time__lte=clock)
            if minutes >= length:
                here |= Q(meeting__end_time__isnull=True) & Q(
                    start_time__lte=dt.time(*divmod(minutes - length, 60))
                )
        elif days_since == 1:
            past_midnight = Q(meeting__end_time__isnull=False) & Q(
                meeting__end_time__lte=F("start_time")
            )
            here = same_day_end | (past_midnight & Q(meeting__end_time__lte=clock))
            late = MINUTES_PER_DAY - length + minutes
            here |= Q(meeting__end_time__isnull=True) & (
                Q(start_time__lte=dt.time(*divmod(late, 60)))
                if late < MINUTES_PER_DAY
                else Q()
            )
        else:
            continue
        ended |= Q(timezone=name) & here
    return rows.exclude(ended)


def _located_within(
    rows: QuerySet[ListedMeeting],
    center: Point,
    radius_miles: float,
    *,
    upcoming_from: dt.datetime | None = None,
) -> list[tuple[int, float, int | None]]:
    """(meeting id, miles, minutes to start) of meetings at a place within the
    radius: nearest first, or soonest first with ``upcoming_from`` (the minutes
    are None otherwise, and for meetings by appointment)."""
    box = bounding_box(center, radius_miles)
    candidates = rows.filter(
        reach=Reach.LOCAL,
        latitude__gte=box.min_latitude,
        latitude__lte=box.max_latitude,
        longitude__gte=box.min_longitude,
        longitude__lte=box.max_longitude,
    )
    values: list[tuple[int, float | None, float | None, int, int | None]]
    if upcoming_from is not None:
        values = list(
            candidates.annotate(
                minutes_until=_minutes_until_start(upcoming_from)
            ).values_list(
                "meeting_id", "latitude", "longitude", "sort_key", "minutes_until"
            )
        )
    else:
        values = [
            (*row, None)
            for row in candidates.values_list(
                "meeting_id", "latitude", "longitude", "sort_key"
            )
        ]
    located = []
    for meeting_id, latitude, longitude, sort_key, minutes in values:
        if latitude is None or longitude is None:  # a LOCAL row always has both
            continue
        miles = distance_miles(center, Point(latitude, longitude))
        if miles <= radius_miles:
            located.append((meeting_id, miles, sort_key, minutes))
    if upcoming_from is not None:
        located.sort(key=lambda row: _soonest_key(row[3], row[0]))
    else:
        located.sort(key=lambda row: (row[1], row[2], row[0]))
    return [(meeting_id, miles, minutes) for meeting_id, miles, _, minutes in located]


def _soonest_key(minutes: int | None, meeting_id: int) -> tuple[bool, int, int]:
    return (minutes is None, minutes or 0, meeting_id)


def _ordered_ids(
    rows: QuerySet[ListedMeeting], *, wanted: int, upcoming_from: dt.datetime | None
) -> tuple[list[tuple[int, int | None]], bool]:
    """Up to ``wanted`` matching (id, minutes to start) in weekly order (or soonest
    first with ``upcoming_from``), and whether there are more.

    One pass that stops early: a broad search reads a little of the index, a
    narrow one reads its segment once, instead of a COUNT and then a page.
    """
    ids: list[tuple[int, int | None]]
    if upcoming_from is None:
        ids = [
            (meeting_id, None)
            for meeting_id in _weekly_order(rows).values_list("meeting_id", flat=True)[
                : wanted + 1
            ]
        ]
    else:
        ids = list(
            _upcoming_order(rows, upcoming_from).values_list(  # type: ignore[misc]
                "meeting_id", "minutes_until"
            )[: wanted + 1]
        )
    return ids[:wanted], len(ids) > wanted


def meetings_find(
    query: FinderQuery, *, now: dt.datetime, page_size: int = PAGE_SIZE
) -> FinderPage:
    """One page of finder results over listed meetings.

    With a place (``near``), meetings held somewhere (in person or hybrid) within the
    radius come first, nearest first, with their distance; meetings joinable from
    anywhere (online, or hybrid with no known place) follow, since distance does not
    bind them. Without a place, everything matching is listed by weekday (Sunday
    first) and start time, meetings by appointment last. ``sort="upcoming"`` lists
    both kinds together by their next start instead (from a few minutes ago, so a
    meeting just begun is first). For today (``drop_ended``) meetings that have
    ended are left out. Counts are exact up to ``COUNT_CAP`` per segment (or the
    page asked for), a lower bound past it. A page past the last one gives the
    last page, with ``requested_page`` saying what was asked.
    """
    rows = _filtered_listings(query)
    if query.drop_ended and query.weekday is not None:
        rows = _without_ended_today(rows, query.weekday, now)
    upcoming_from = now if query.sort == SORT_UPCOMING else None
    ordered, more, located = _ordered_results(
        rows, query, upcoming_from=upcoming_from, page=query.page, page_size=page_size
    )
    page_number, requested = query.page, None
    if not more and ordered and (page_number - 1) * page_size >= len(ordered):
        page_number, requested = math.ceil(len(ordered) / page_size), query.page
    offset = (page_number - 1) * page_size
    page_ids = ordered[offset : offset + page_size]
    return FinderPage(
        results=_results_in_order(
            page_ids, located, now=now, viewer_tz=query.viewer_tz
        ),
        count=len(ordered),
        count_is_exact=not more,
        page=page_number,
        page_size=page_size,
        requested_page=requested,
        located_count=None if query.near is None else len(located),
    )


def _ordered_results(
    rows: QuerySet[ListedMeeting],
    query: FinderQuery,
    *,
    upcoming_from: dt.datetime | None,
    page: int,
    page_size: int,
) -> tuple[list[int], bool, dict[int, float]]:
    """Matching ids in the order asked for, whether there are more, and the
    distance of each meeting held within the radius."""
    offset = (page - 1) * page_size
    if query.near is None:
        found, more = _ordered_ids(
            rows, wanted=max(COUNT_CAP, offset + page_size), upcoming_from=upcoming_from
        )
        return [meeting_id for meeting_id, _ in found], more, {}
    located = _located_within(
        rows, query.near, query.radius_miles, upcoming_from=upcoming_from
    )
    online, more = _ordered_ids(
        rows.filter(reach=Reach.ONLINE),
        wanted=max(COUNT_CAP, offset + page_size - len(located)),
        upcoming_from=upcoming_from,
    )
    distances = {meeting_id: miles for meeting_id, miles, _ in located}
    if upcoming_from is None or query.sort == SORT_NEAREST:
        ordered = [meeting_id for meeting_id, _, _ in located]
        ordered += [meeting_id for meeting_id, _ in online]
        return ordered, more, distances
    merged = [(minutes, meeting_id) for meeting_id, _, minutes in located]
    merged += [(minutes, meeting_id) for meeting_id, minutes in online]
    merged.sort(key=lambda row: _soonest_key(row[0], row[1]))
    if more and online:
        # Past the last online row read, a located meeting may start later than
        # unread online ones: keep only what is surely in order.
        last = _soonest_key(online[-1][1], online[-1][0])
        merged = [row for row in merged if _soonest_key(row[0], row[1]) <= last]
    return [meeting_id for _, meeting_id in merged], more, distances


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
