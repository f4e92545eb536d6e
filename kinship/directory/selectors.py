"""Reads of the public directory. Pages and the API both call these."""

from __future__ import annotations

import datetime as dt
import math
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django_stubs_ext import StrOrPromise

from kinship.core.geo import Point, bounding_box, distance_miles

from .forms import FinderQuery
from .models import (
    MINUTES_PER_DAY,
    AttendanceMode,
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
class ProgramSummary:
    code: str
    name: str
    focus: str


@dataclass(frozen=True, slots=True)
class GroupSummary:
    slug: str
    name: str
    url: str
    focus: str
    program: ProgramSummary


@dataclass(frozen=True, slots=True)
class PlaceSummary:
    name: str
    formatted_address: str
    city: str
    region: str
    postal_code: str
    country: str
    latitude: float | None
    longitude: float | None
    approximate: bool
    accessibility: tuple[str, ...]
    notes: str


@dataclass(frozen=True, slots=True)
class TypeSummary:
    code: str
    label: str


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    """What a result shows of a meeting (the finder's cards and the API's records).

    Plain values rather than model instances: building a page's ~100 meeting,
    group, program, place, type and language objects cost more than its SQL.
    ``types`` are in label order, ``languages`` are codes in language-name order.
    """

    id: int
    uuid: uuid.UUID
    slug: str
    url: str
    name: str
    group: GroupSummary
    weekday: int | None
    start_time: dt.time | None
    end_time: dt.time | None
    timezone: str
    attendance_mode: str
    location: PlaceSummary | None
    conference_url: str
    conference_url_notes: str
    conference_phone: str
    conference_phone_notes: str
    types: tuple[TypeSummary, ...]
    languages: tuple[str, ...]
    notes: str
    status: str
    updated_at: dt.datetime

    @property
    def attendance_mode_label(self) -> StrOrPromise:
        return AttendanceMode(self.attendance_mode).label


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


# The columns of one summary row, in the order ``_summary_from_row`` unpacks them.
_SUMMARY_COLUMNS = (
    "id",
    "uuid",
    "slug",
    "name",
    "weekday",
    "start_time",
    "end_time",
    "timezone",
    "attendance_mode",
    "conference_url",
    "conference_url_notes",
    "conference_phone",
    "conference_phone_notes",
    "notes",
    "status",
    "updated_at",
    "group__slug",
    "group__name",
    "group__focus",
    "group__program__code",
    "group__program__name",
    "group__program__focus",
    "location_id",
    "location__name",
    "location__formatted_address",
    "location__city",
    "location__region",
    "location__postal_code",
    "location__country",
    "location__latitude",
    "location__longitude",
    "location__approximate",
    "location__accessibility",
    "location__notes",
)
# What ``reverse`` accepts for a ``<slug:...>`` URL and returns unquoted.
_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


def _slug_url(viewname: str) -> Callable[[str], str]:
    """``reverse(viewname, args=[slug])``, reversed once per call instead of per slug.

    At ~30 us a reverse, the meeting and group links of a page cost over a
    millisecond. Made per request since the script prefix is per request.
    """
    placeholder = "slug-placeholder"
    prefix, suffix = reverse(viewname, args=[placeholder]).split(placeholder)

    def url(slug: str) -> str:
        if _PLAIN_SLUG.fullmatch(slug):
            return f"{prefix}{slug}{suffix}"
        return reverse(viewname, args=[slug])

    return url


def meeting_summaries(ids: list[int]) -> dict[int, MeetingSummary]:
    """Summaries of the given meetings by id, in three queries and no model objects.

    Used for finder results, whose ids come from listings (so the meetings are
    listed); it checks no visibility itself.
    """
    types: dict[int, list[TypeSummary]] = {}
    for meeting_id, code, label in (
        Meeting.types.through.objects.filter(meeting_id__in=ids)
        .order_by("meetingtype__label")
        .values_list("meeting_id", "meetingtype__code", "meetingtype__label")
    ):
        types.setdefault(meeting_id, []).append(TypeSummary(code=code, label=label))
    languages: dict[int, list[str]] = {}
    for meeting_id, code in (
        Meeting.languages.through.objects.filter(meeting_id__in=ids)
        .order_by("language__name")
        .values_list("meeting_id", "language__code")
    ):
        languages.setdefault(meeting_id, []).append(code)
    rows = Meeting.objects.filter(pk__in=ids).order_by().values_list(*_SUMMARY_COLUMNS)
    meeting_url = _slug_url("directory:meeting-detail")
    group_url = _slug_url("directory:group-detail")
    summaries = {}
    for row in rows:
        summary = _summary_from_row(
            row,
            types=tuple(types.get(row[0], ())),
            languages=tuple(languages.get(row[0], ())),
            meeting_url=meeting_url,
            group_url=group_url,
        )
        summaries[summary.id] = summary
    return summaries


def _summary_from_row(
    row: tuple[Any, ...],
    *,
    types: tuple[TypeSummary, ...],
    languages: tuple[str, ...],
    meeting_url: Callable[[str], str],
    group_url: Callable[[str], str],
) -> MeetingSummary:
    (
        meeting_id,
        meeting_uuid,
        slug,
        name,
        weekday,
        start_time,
        end_time,
        timezone,
        attendance_mode,
        conference_url,
        conference_url_notes,
        conference_phone,
        conference_phone_notes,
        notes,
        status,
        updated_at,
        group_slug,
        group_name,
        group_focus,
        program_code,
        program_name,
        program_focus,
        location_id,
        *place,
    ) = row
    return MeetingSummary(
        id=meeting_id,
        uuid=meeting_uuid,
        slug=slug,
        url=meeting_url(slug),
        name=name,
        group=GroupSummary(
            slug=group_slug,
            name=group_name,
            url=group_url(group_slug),
            focus=group_focus,
            program=ProgramSummary(
                code=program_code, name=program_name, focus=program_focus
            ),
        ),
        weekday=weekday,
        start_time=start_time,
        end_time=end_time,
        timezone=timezone,
        attendance_mode=attendance_mode,
        location=None if location_id is None else _place(*place),
        conference_url=conference_url,
        conference_url_notes=conference_url_notes,
        conference_phone=conference_phone,
        conference_phone_notes=conference_phone_notes,
        types=types,
        languages=languages,
        notes=notes,
        status=status,
        updated_at=updated_at,
    )


def _place(
    name: str,
    formatted_address: str,
    city: str,
    region: str,
    postal_code: str,
    country: str,
    latitude: float | None,
    longitude: float | None,
    approximate: bool,
    accessibility: list[str] | None,
    notes: str,
) -> PlaceSummary:
    return PlaceSummary(
        name=name,
        formatted_address=formatted_address,
        city=city,
        region=region,
        postal_code=postal_code,
        country=country,
        latitude=latitude,
        longitude=longitude,
        approximate=approximate,
        accessibility=tuple(accessibility or ()),
        notes=notes,
    )


def meeting_summary(meeting: Meeting) -> MeetingSummary:
    """The summary of a meeting read through ``meeting_display_queryset``."""
    group = meeting.group
    program = group.program
    location = meeting.location
    return MeetingSummary(
        id=meeting.pk,
        uuid=meeting.uuid,
        slug=meeting.slug,
        url=meeting.get_absolute_url(),
        name=meeting.name,
        group=GroupSummary(
            slug=group.slug,
            name=group.name,
            url=group.get_absolute_url(),
            focus=group.focus,
            program=ProgramSummary(
                code=program.code, name=program.name, focus=program.focus
            ),
        ),
        weekday=meeting.weekday,
        start_time=meeting.start_time,
        end_time=meeting.end_time,
        timezone=meeting.timezone,
        attendance_mode=meeting.attendance_mode,
        location=None
        if location is None
        else _place(
            location.name,
            location.formatted_address,
            location.city,
            location.region,
            location.postal_code,
            location.country,
            location.latitude,
            location.longitude,
            location.approximate,
            location.accessibility,
            location.notes,
        ),
        conference_url=meeting.conference_url,
        conference_url_notes=meeting.conference_url_notes,
        conference_phone=meeting.conference_phone,
        conference_phone_notes=meeting.conference_phone_notes,
        types=tuple(
            TypeSummary(code=kind.code, label=kind.label)
            for kind in meeting.types.all()
        ),
        languages=tuple(language.code for language in meeting.languages.all()),
        notes=meeting.notes,
        status=meeting.status,
        updated_at=meeting.updated_at,
    )


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
