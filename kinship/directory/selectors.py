"""Reads of the public directory. Pages and the API both call these."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from kinship.core.geo import Point, bounding_box, distance_miles

from .forms import FinderQuery
from .models import (
    AttendanceMode,
    Focus,
    Group,
    GroupStatus,
    Meeting,
    MeetingStatus,
    MeetingType,
    Visibility,
)
from .schedule import MeetingWhen, meeting_when

PAGE_SIZE = 20

# A search for one focus also finds groups that serve both addiction and mental health.
FOCUS_MATCHES: dict[str, tuple[str, ...]] = {
    Focus.ADDICTION: (Focus.ADDICTION, Focus.BOTH),
    Focus.MENTAL_HEALTH: (Focus.MENTAL_HEALTH, Focus.BOTH),
    Focus.BOTH: (Focus.BOTH,),
    Focus.FAMILY: (Focus.FAMILY,),
}

LOCATED_MODES = (AttendanceMode.IN_PERSON, AttendanceMode.HYBRID)


@dataclass(frozen=True, slots=True)
class MeetingResult:
    meeting: Meeting
    distance_miles: float | None
    when: MeetingWhen | None


@dataclass(frozen=True, slots=True)
class FinderPage:
    results: list[MeetingResult]
    count: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.count / self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def listed_meetings() -> QuerySet[Meeting]:
    """Active meetings of active groups that are listed in the directory."""
    return Meeting.objects.filter(
        status=MeetingStatus.ACTIVE,
        group__status=GroupStatus.ACTIVE,
        group__visibility=Visibility.LISTED,
    )


def meeting_display_queryset() -> QuerySet[Meeting]:
    return Meeting.objects.select_related(
        "group__program", "location"
    ).prefetch_related(
        Prefetch("types", queryset=MeetingType.objects.order_by("label")),
        "languages",
    )


def _filtered_meetings(query: FinderQuery) -> QuerySet[Meeting]:
    meetings = listed_meetings()
    if query.q:
        meetings = meetings.filter(
            Q(name__icontains=query.q)
            | Q(group__name__icontains=query.q)
            | Q(location__name__icontains=query.q)
        )
    if query.weekday is not None:
        meetings = meetings.filter(weekday=query.weekday)
    if query.time_window is not None:
        window = query.time_window
        if window.wraps_midnight:
            meetings = meetings.filter(
                Q(start_time__gte=window.start) | Q(start_time__lt=window.end)
            )
        else:
            meetings = meetings.filter(
                start_time__gte=window.start, start_time__lt=window.end
            )
    if query.mode:
        meetings = meetings.filter(attendance_mode=query.mode)
    if query.program is not None:
        meetings = meetings.filter(group__program=query.program)
    if query.focus:
        meetings = meetings.filter(group__focus__in=FOCUS_MATCHES[query.focus])
    if query.type_code:
        types = Meeting.types.through.objects.filter(
            meeting_id=OuterRef("pk"), meetingtype__code=query.type_code
        )
        if query.program is not None:
            types = types.filter(meetingtype__program=query.program)
        meetings = meetings.filter(Exists(types))
    if query.language:
        languages = Meeting.languages.through.objects.filter(
            meeting_id=OuterRef("pk"), language__code=query.language
        )
        meetings = meetings.filter(Exists(languages))
    return meetings


def _by_day_and_time(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return meetings.order_by(
        F("weekday").asc(nulls_last=True), F("start_time").asc(nulls_last=True), "id"
    )


def _located_within(
    meetings: QuerySet[Meeting], center: Point, radius_miles: float
) -> list[tuple[int, float]]:
    """(id, miles) of meetings with a place within the radius, nearest first."""
    box = bounding_box(center, radius_miles)
    rows = meetings.filter(
        attendance_mode__in=LOCATED_MODES,
        location__latitude__gte=box.min_latitude,
        location__latitude__lte=box.max_latitude,
        location__longitude__gte=box.min_longitude,
        location__longitude__lte=box.max_longitude,
    ).values_list(
        "id", "location__latitude", "location__longitude", "weekday", "start_time"
    )
    located = []
    for meeting_id, latitude, longitude, weekday, start_time in rows:
        if latitude is None or longitude is None:  # excluded by the box; for types
            continue
        miles = distance_miles(center, Point(latitude, longitude))
        if miles <= radius_miles:
            located.append(
                (miles, -1 if weekday is None else weekday, start_time, meeting_id)
            )
    located.sort(key=lambda row: (row[0], row[1], row[2] or dt.time.min, row[3]))
    return [(row[3], row[0]) for row in located]


def _joinable_online(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Meetings anyone can join from anywhere: online, or hybrid with no known place."""
    return meetings.filter(
        Q(attendance_mode=AttendanceMode.ONLINE)
        | Q(attendance_mode=AttendanceMode.HYBRID, location__latitude__isnull=True)
    )


def meetings_find(
    query: FinderQuery, *, now: dt.datetime, page_size: int = PAGE_SIZE
) -> FinderPage:
    """One page of finder results.

    With a place (``near``), meetings held somewhere (in person or hybrid) within the
    radius come first, nearest first, with their distance; meetings joinable online
    follow, since distance does not bind them. Without a place, everything matching
    is listed by weekday (Sunday first) and start time.
    """
    meetings = _filtered_meetings(query)
    offset = (query.page - 1) * page_size
    distances: dict[int, float] = {}
    if query.near is None:
        ordered = _by_day_and_time(meetings)
        count = ordered.count()
        page_ids = list(
            ordered.values_list("id", flat=True)[offset : offset + page_size]
        )
    else:
        located = _located_within(meetings, query.near, query.radius_miles)
        distances = dict(located)
        page_ids = [
            meeting_id for meeting_id, _ in located[offset : offset + page_size]
        ]
        online = _by_day_and_time(_joinable_online(meetings))
        online_count = online.count() if query.mode != AttendanceMode.IN_PERSON else 0
        count = len(located) + online_count
        wanted = page_size - len(page_ids)
        if wanted > 0 and online_count:
            online_offset = max(0, offset - len(located))
            page_ids += list(
                online.values_list("id", flat=True)[
                    online_offset : online_offset + wanted
                ]
            )
    return FinderPage(
        results=_results_in_order(
            page_ids, distances, now=now, viewer_tz=query.viewer_tz
        ),
        count=count,
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
    by_id = meeting_display_queryset().in_bulk(ids)
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


def group_meetings(group: Group) -> QuerySet[Meeting]:
    """A group's meetings in weekly order, for its public page."""
    return _by_day_and_time(meeting_display_queryset().filter(group=group))
