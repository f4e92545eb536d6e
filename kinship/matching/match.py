"""Find my group: candidates from the directory, ranked for a person's needs.

``match_find`` is the one entry point the guided pages, the API and the
benchmark call. It reads the finder's derived table (``ListedMeeting``) in
three steps:

1. Which groups could fit at all. A group fits only if its focus serves the
   person's, it can be reached and it meets at the person's times (the
   required factors of ``ranking``), so only meetings of a fitting focus at
   roughly the person's times (``week_minute_utc``, widened by
   ``OFFSET_SLACK_MINUTES`` for daylight saving) are read: in person within
   the travel limit of the person's ZIP code, and online or hybrid ones. A
   national directory holds thousands of such groups, so a match reads the
   ``GROUPS_READ`` nearest in person and the ``GROUPS_READ`` soonest online
   (in the order the ranking itself prefers: nearer, then sooner), and as many
   again (``PREFERRED_GROUPS_READ``) among meetings that meet every preference
   the person stated (language, program, audience, open to listeners), so a
   rarer fit further away or later in the week is still found. A group beyond
   these is not ranked; ``bench/match.py`` measures how often ranking every
   group would offer other groups.
2. Every meeting of those groups at those times: the occurrences in the next 14
   days in each meeting's own zone (``kinship.attendance.occurrences``, with
   cancellations and moves), kept when their start falls in the person's
   times, with the distance, the types (open, newcomer, audience) and languages.
3. The groups' own signals (audience, languages, published guidelines and
   statements, verification, members) for the groups with a fitting
   occurrence, and the ranking of ``kinship.matching.ranking``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import BooleanField, Count, Q, QuerySet
from django.db.models.expressions import RawSQL
from django_stubs_ext import StrOrPromise

from kinship.attendance.models import ExceptionKind, MeetingException
from kinship.attendance.occurrences import (
    SEARCH_MARGIN,
    meeting_occurrences_between,
    start_stamp,
)
from kinship.core.geo import Point, bounding_box, distance_miles
from kinship.directory import names
from kinship.directory.models import (
    JOINABLE_ONLINE_MODES,
    MINUTES_PER_DAY,
    MINUTES_PER_WEEK,
    Audience,
    Group,
    Language,
    ListedMeeting,
    Meeting,
    MeetingStatus,
    MeetingType,
    Program,
    Reach,
    Recurrence,
    joinable_online_sql,
)
from kinship.directory.services import id_pattern
from kinship.members.models import Membership

from .ranking import (
    WEIGHTS,
    Candidate,
    Comfort,
    Needs,
    Ranked,
    Slot,
    Travel,
    distance_score,
    fitting_focuses,
    quality_fraction,
    rank,
    reach_limit_miles,
    slot_of,
)

# The occurrences a match looks at: the next two weeks.
HORIZON = dt.timedelta(days=14)
# How many groups a match offers.
DEFAULT_LIMIT = 10
# Upcoming meetings listed under each result (fitting the person's times).
NEXT_MEETINGS_SHOWN = 3
# Groups read per match (see above): the nearest in person, the soonest online,
# and as many again of each among those that meet every stated preference.
GROUPS_READ = 40
PREFERRED_GROUPS_READ = 20
# Online meetings meeting every stated preference read per match, soonest first.
PREFERRED_MEETINGS_READ = 100
# A language or type fewer meetings than this have is looked up from its links.
RARE_LINKS = 2000
# Weekly starts kept between matches (see ``_weekly_starts``): a zone, weekday
# and time each, about 300 bytes apiece.
WEEKLY_STARTS_CACHED = 20_000
# A weekly start's real UTC offset differs from the one ``week_minute_utc`` used
# by at most an hour of daylight saving, and the person's own offset may change
# within the fortnight by as much: time ranges are widened by both.
OFFSET_SLACK_MINUTES = 120
# Meeting types that say anyone may come and listen, or that newcomers are expected.
OPEN_TYPE_CODES = frozenset({"O", "BE", "BEG"})
# Meeting types that name who a meeting is for.
TYPE_AUDIENCE: dict[str, str] = {
    "W": Audience.WOMEN,
    "M": Audience.MEN,
    "LGBTQ": Audience.LGBTQ,
    "G": Audience.LGBTQ,
    "L": Audience.LGBTQ,
    "T": Audience.LGBTQ,
    "BI": Audience.LGBTQ,
    "Y": Audience.YOUNG_PEOPLE,
    "VET": Audience.VETERANS,
    "POC": Audience.BIPOC,
    "SEN": Audience.SENIORS,
    "BE": Audience.NEWCOMERS,
    "BEG": Audience.NEWCOMERS,
}
# Local times of each slot: (first day, last day) Sunday-based, (from, to) minutes.
SLOT_TIMES: dict[Slot, tuple[tuple[int, int], tuple[int, int]]] = {
    Slot.WEEKDAY_MORNING: ((1, 5), (0, 12 * 60)),
    Slot.WEEKDAY_AFTERNOON: ((1, 5), (12 * 60, 17 * 60)),
    Slot.WEEKDAY_EVENING: ((1, 5), (17 * 60, MINUTES_PER_DAY)),
    Slot.WEEKEND: ((6, 7), (0, MINUTES_PER_DAY)),  # Saturday and Sunday (7 = 0)
}
MAX_QUALITY = 4  # signals counted by kinship.directory.models.quality_signals
SCHEDULED = (Recurrence.WEEKLY, Recurrence.BIWEEKLY)
# A result "fits" for the needs insights only when its focus fits at least this
# well (a dual-diagnosis seeker offered only addiction groups found no fit).
GOOD_FOCUS_FIT = 0.8


@dataclass(frozen=True)
class MatchQuery:
    """What to match: the answers, and where the person is.

    ``near`` is the centroid of the person's ZIP code (None when they gave none,
    which leaves online groups only); ``zip3`` its first three digits, for the
    needs insights only; ``viewer_tz`` the zone the person's times are in.
    """

    needs: Needs
    near: Point | None
    zip3: str
    viewer_tz: ZoneInfo


@dataclass(frozen=True)
class NextMeeting:
    """One upcoming occurrence of a matched group's meeting, for RSVP links."""

    meeting_slug: str
    meeting_name: str
    starts_at: dt.datetime  # UTC
    stamp: str  # as kinship.attendance.occurrences.start_stamp
    online: bool


@dataclass(frozen=True)
class GroupMatch:
    """One ranked group with what the result page shows of it."""

    ranked: Ranked
    slug: str
    name: str
    program_code: str
    program_name: str  # as stored: the API gives it
    next_meetings: tuple[NextMeeting, ...]

    @property
    def program_display_name(self) -> StrOrPromise:
        """The program's name for people, in their language."""
        return names.program_name(self.program_code, self.program_name)


@dataclass(frozen=True)
class MatchResult:
    """The groups offered, best first; ``considered`` counts the groups ranked
    and ``read_all`` says whether every group that could fit was ranked (see
    ``GROUPS_READ``)."""

    query: MatchQuery
    matches: list[GroupMatch]
    considered: int = 0
    read_all: bool = True

    @property
    def found_good_fit(self) -> bool:
        """Whether any result serves what the person asked for (its focus fits
        at least ``GOOD_FOCUS_FIT``); when not, the need is counted."""
        return any(
            part.factor == "focus" and part.points >= GOOD_FOCUS_FIT * part.weight
            for match in self.matches
            for part in match.ranked.parts
        )


def match_find(
    query: MatchQuery, *, now: dt.datetime, limit: int = DEFAULT_LIMIT
) -> MatchResult:
    """The best ``limit`` groups for the query, best first (see the module)."""
    return _Matcher(query, now).find(limit)


def week_ranges(
    slots: Iterable[Slot], viewer_tz: ZoneInfo, now: dt.datetime
) -> list[tuple[int, int]]:
    """The person's times as ranges of minutes on the UTC week (inclusive, merged,
    widened by ``OFFSET_SLACK_MINUTES``); empty for "any time"."""
    offset = now.astimezone(viewer_tz).utcoffset()
    shift = int(offset.total_seconds() // 60) if offset is not None else 0
    ranges: list[tuple[int, int]] = []
    for slot in slots:
        (first_day, last_day), (start, end) = SLOT_TIMES[slot]
        for day in range(first_day, last_day + 1):
            low = (day % 7) * MINUTES_PER_DAY + start - shift - OFFSET_SLACK_MINUTES
            high = (day % 7) * MINUTES_PER_DAY + end - shift + OFFSET_SLACK_MINUTES
            ranges.extend(_wrapped(low, high - 1))
    return _merged(ranges)


def _wrapped(low: int, high: int) -> list[tuple[int, int]]:
    """A range of week minutes that may run over either end of the week."""
    if high - low + 1 >= MINUTES_PER_WEEK:
        return [(0, MINUTES_PER_WEEK - 1)]
    low_w, high_w = low % MINUTES_PER_WEEK, high % MINUTES_PER_WEEK
    if low_w <= high_w:
        return [(low_w, high_w)]
    return [(low_w, MINUTES_PER_WEEK - 1), (0, high_w)]


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _in_ranges(ranges: Sequence[tuple[int, int]]) -> Q:
    """Rows at the person's times (every row with a weekly start for "any time")."""
    if not ranges:
        return Q(week_minute_utc__isnull=False)
    condition = Q(pk__in=[])
    for low, high in ranges:
        condition |= Q(week_minute_utc__gte=low, week_minute_utc__lte=high)
    return condition


@dataclass(frozen=True, slots=True)
class _Schedule:
    """What ``meeting_occurrences_between`` needs of a listed meeting."""

    pk: int
    weekday: int | None
    start_time: dt.time | None
    timezone: str
    recurrence: str
    created_at: dt.datetime
    end_time: dt.time | None = None
    status: str = MeetingStatus.ACTIVE


@dataclass(frozen=True)
class _Preferences:
    """The preferences a person stated, as ids: a meeting meets them when it
    has one of the languages, is of one of the programs, has a type naming one
    of the audiences, and (listening first) an open or newcomer type. Empty
    sets are preferences not stated. ``q`` asks the database, ``met_by`` checks
    a row already read; both say the same."""

    languages: frozenset[int] | None
    programs: frozenset[int] | None
    audience_types: frozenset[int] | None
    open_types: frozenset[int] | None

    @property
    def stated(self) -> bool:
        return any(
            ids is not None
            for ids in (
                self.languages,
                self.programs,
                self.audience_types,
                self.open_types,
            )
        )

    def q(self) -> Q:
        condition = Q()
        if self.languages is not None:
            condition &= _any_id("language_ids", self.languages)
        if self.programs is not None:
            condition &= Q(program_id__in=self.programs)
        if self.audience_types is not None:
            condition &= _any_id("type_ids", self.audience_types)
        if self.open_types is not None:
            condition &= _any_id("type_ids", self.open_types)
        return condition

    def rare_meetings(self) -> QuerySet[Any] | None:
        """The meetings (a subquery) with the rarest stated language or type,
        when fewer than ``RARE_LINKS`` meetings have it (else None)."""
        links: list[QuerySet[Any]] = []
        if self.languages is not None:
            links.append(
                Meeting.languages.through.objects.filter(language_id__in=self.languages)
            )
        for types in (self.audience_types, self.open_types):
            if types is not None:
                links.append(
                    Meeting.types.through.objects.filter(meetingtype_id__in=types)
                )
        for found in links:
            if not found.order_by()[RARE_LINKS : RARE_LINKS + 1].exists():
                return found.values("meeting_id")
        return None

    def met_by(self, program_id: int, type_ids: str, language_ids: str) -> bool:
        if self.programs is not None and program_id not in self.programs:
            return False
        types = set(_ids(type_ids))
        return (
            (
                self.languages is None
                or not self.languages.isdisjoint(_ids(language_ids))
            )
            and (
                self.audience_types is None or not self.audience_types.isdisjoint(types)
            )
            and (self.open_types is None or not self.open_types.isdisjoint(types))
        )


@dataclass
class _GroupFound:
    """A candidate group as its meetings are read."""

    starts: list[tuple[dt.datetime, int]] = field(default_factory=list)
    online: bool = False
    in_person: bool = False
    miles: float | None = None
    open_to_newcomers: bool = False
    languages: set[str] = field(default_factory=set)
    audience: set[str] = field(default_factory=set)
    online_meetings: set[int] = field(default_factory=set)
    quality: int = 0


# The columns read per meeting of a candidate group.
_MEETING_COLUMNS = (
    "meeting_id",
    "group_id",
    "attendance_mode",
    "reach",
    "latitude",
    "longitude",
    "sort_key",
    "start_time",
    "timezone",
    "recurrence",
    "type_ids",
    "language_ids",
    "group_quality",
)


# The columns a scan reads per meeting: its group, and enough to check its times.
_SCAN_COLUMNS = ("group_id", "timezone", "sort_key", "start_time", "recurrence")


def _meeting_among(meetings: QuerySet[Any]) -> Q | RawSQL:
    """Rows of a few meetings (a subquery of meeting ids), so that the database
    starts from those meetings. SQLite does with the subquery; PostgreSQL's
    planner scans the whole table against it, so it gets the ids as one array."""
    if connection.vendor != "postgresql":
        return Q(meeting_id__in=meetings)
    ids = list(meetings.values_list("meeting_id", flat=True))
    return RawSQL(
        "directory_listedmeeting.meeting_id = ANY(%s)",
        (ids,),
        output_field=BooleanField(),
    )


def _after(minute: int, meeting_id: int) -> RawSQL:
    """Rows after (minute, meeting) in week order: one row-value comparison, which
    SQLite and PostgreSQL both read as a range of the index."""
    return RawSQL(
        "(week_minute_utc, meeting_id) > (%s, %s)",
        (minute, meeting_id),
        output_field=BooleanField(),
    )


class _ClassScan:
    """Reads online rows of one focus and quality between two minutes of the
    UTC week, in week order, a page at a time (``rows`` is a generator: the
    caller stops reading when it has enough).

    The query is compiled by the ORM once per match with marker values in the
    place of the class, the minutes and the page's start, and then run with the
    real values: a match runs up to some thirty of these, and compiling each
    would cost more than running it.
    """

    # Markers: in range for their columns (Django turns an out-of-range
    # integer lookup into "nothing" or "everything"), and unlike any value the
    # rest of the query holds (checked: the ORM compiles each query if not).
    FOCUS = "\x00focus"
    QUALITY, HIGH, AFTER = 32_701, 32_702, 32_703
    AFTER_ID = 2_147_480_001

    def __init__(self, rows: QuerySet[ListedMeeting], *, page: int) -> None:
        self.page = page
        self.base = rows
        markers = (self.FOCUS, self.QUALITY, self.HIGH, self.AFTER, self.AFTER_ID)
        sql, params = self._query(*markers).query.sql_with_params()
        self.params = list(params)
        unique = all(self.params.count(marker) == 1 for marker in markers)
        self.sql = sql if unique else None
        self.positions = [self.params.index(m) for m in markers] if unique else []

    def _query(
        self, focus: str, quality: int, high: int, after: int, after_id: int
    ) -> QuerySet[ListedMeeting, tuple[Any, ...]]:
        """One page of rows of a class after (``after``, ``after_id``), below
        ``high``, in week order."""
        return (
            self.base.filter(
                focus=focus, group_quality=quality, week_minute_utc__lt=high
            )
            .filter(_after(after, after_id))
            .order_by("week_minute_utc", "meeting_id")
            .values_list("week_minute_utc", "meeting_id", *_SCAN_COLUMNS)[: self.page]
        )

    def _page(self, values: tuple[str, int, int, int, int]) -> list[Any]:
        """One page of rows after (``after``, ``after_id``) in week order."""
        if self.sql is None:
            return list(self._query(*values))
        params = list(self.params)
        for position, value in zip(self.positions, values, strict=True):
            params[position] = value
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows: list[Any] = cursor.fetchall()
        return rows

    def rows(
        self, focus: str, quality: int, low: int, high: int
    ) -> Iterator[tuple[int, str, int, dt.time, str]]:
        """(group id, zone, sort key, start time, recurrence) of rows with
        ``low <= week_minute_utc < high``."""
        # The first page: from ``low`` on (every row is after (low - 1, any)).
        after, after_id = low - 1, 2**62
        while True:
            page = self._page((focus, quality, high, after, after_id))
            for _, _, group_id, zone_name, sort_key, start_time, recurrence in page:
                if not isinstance(start_time, dt.time):  # SQLite gives text
                    start_time = dt.time.fromisoformat(start_time)
                yield group_id, zone_name, sort_key, start_time, recurrence
            if len(page) < self.page:
                return
            after, after_id = page[-1][0], page[-1][1]


class _Matcher:
    """One match: the reads of the module docstring, in order."""

    def __init__(self, query: MatchQuery, now: dt.datetime) -> None:
        self.query = query
        self.needs = query.needs
        self.now = now.astimezone(dt.UTC)
        self.end = self.now + HORIZON
        self.focuses = fitting_focuses(self.needs.focus)
        self.ranges = week_ranges(self.needs.slots, query.viewer_tz, self.now)
        self.read_all = True
        # Where "soonest" starts on the UTC week: now, less the offset slack.
        now_minute = (
            (self.now.weekday() + 1) % 7 * MINUTES_PER_DAY
            + self.now.hour * 60
            + self.now.minute
        )
        self.cursor = (now_minute - OFFSET_SLACK_MINUTES) % MINUTES_PER_WEEK
        # Fitting starts of weekly meetings without changes, by their start.
        self._weekly: dict[tuple[str, int, dt.time], list[dt.datetime]] = {}
        self.open_ids, self.audience_of = _type_meanings()
        self.preferences = self._preferences()

    def find(self, limit: int) -> MatchResult:
        if not self.focuses:
            return MatchResult(self.query, [])
        group_ids = self._local_groups() | self._online_groups()
        if self.preferences.stated:
            group_ids |= self._preferred_online_groups()
        found = self._meetings_of(group_ids)
        candidates, details = self._candidates(found)
        ranked = rank(self.needs, candidates, limit=limit)
        return MatchResult(
            self.query,
            self._matches(ranked, found, details),
            considered=len(candidates),
            read_all=self.read_all,
        )

    def _listed(self) -> Q:
        return Q(focus__in=list(self.focuses), recurrence__in=SCHEDULED) & _in_ranges(
            self.ranges
        )

    def _preferences(self) -> _Preferences:
        needs = self.needs
        languages = programs = audience_types = open_types = None
        if needs.languages:
            languages = frozenset(
                Language.objects.filter(code__in=needs.languages).values_list(
                    "pk", flat=True
                )
            )
        if needs.programs:
            programs = frozenset(
                Program.objects.filter(code__in=needs.programs).values_list(
                    "pk", flat=True
                )
            )
        if needs.audience:
            audience_types = frozenset(
                pk
                for pk, audience in self.audience_of.items()
                if audience in needs.audience
            )
        if needs.comfort == Comfort.LISTEN_FIRST:
            open_types = frozenset(self.open_ids)
        return _Preferences(languages, programs, audience_types, open_types)

    def _radius(self) -> float | None:
        """How far in-person meetings may be, or None when none can count."""
        if self.query.near is None or self.needs.travel == Travel.ONLINE:
            return None
        return reach_limit_miles(self.needs.travel)

    def _first_groups(self, group_ids: Iterable[int], bound: int) -> set[int]:
        """The first ``bound`` distinct groups in order; notes when there were more."""
        chosen: dict[int, None] = {}
        for group_id in group_ids:
            if group_id in chosen:
                continue
            if len(chosen) == bound:
                self.read_all = False
                break
            chosen[group_id] = None
        return set(chosen)

    def _local_groups(self) -> set[int]:
        """Groups within travel range with a meeting at the person's times,
        best reachable and of proven quality first, then nearest; and as many
        again of those with a meeting that meets every stated preference."""
        radius = self._radius()
        near = self.query.near
        if radius is None or near is None:
            return set()
        box = bounding_box(near, radius)
        rows = ListedMeeting.objects.filter(
            self._listed(),
            reach=Reach.LOCAL,
            latitude__gte=box.min_latitude,
            latitude__lte=box.max_latitude,
            longitude__gte=box.min_longitude,
            longitude__lte=box.max_longitude,
        ).values_list(
            "group_id",
            "latitude",
            "longitude",
            "group_quality",
            "focus",
            "week_minute_utc",
            "program_id",
            "type_ids",
            "language_ids",
            *_SCAN_COLUMNS[1:],
        )
        preferences = self.preferences
        located, preferred = [], []
        for (
            group_id,
            latitude,
            longitude,
            quality,
            focus,
            week_minute,
            program_id,
            type_ids,
            language_ids,
            zone_name,
            sort_key,
            start_time,
            recurrence,
        ) in rows:
            if latitude is None or longitude is None:  # a LOCAL row has both
                continue
            if not self._may_fit(zone_name, sort_key, start_time, recurrence):
                continue
            miles = distance_miles(near, Point(latitude, longitude))
            if miles > radius:
                continue
            # Read in the order the ranking prefers what it knows of a row:
            # the best fitting focus, reachable and of proven quality first,
            # then (the ranking's tie-break) the soonest.
            soon = ((week_minute or 0) - self.cursor) % MINUTES_PER_WEEK
            key = (-self._fixed_points(focus, miles, quality), soon, miles, group_id)
            located.append(key)
            if preferences.stated and preferences.met_by(
                program_id, type_ids, language_ids
            ):
                preferred.append(key)
        located.sort()
        preferred.sort()
        return self._first_groups(
            (key[-1] for key in located), GROUPS_READ
        ) | self._first_groups((key[-1] for key in preferred), PREFERRED_GROUPS_READ)

    def _class_points(self, focus: str, quality: int) -> float:
        """The points of focus and quality a group of this focus and quality gets."""
        return WEIGHTS["focus"] * self.focuses[focus] + WEIGHTS[
            "quality"
        ] * quality_fraction(quality)

    def _fixed_points(self, focus: str, miles: float, quality: int) -> float:
        """The points of focus, reach and quality a meeting like this gives."""
        return self._class_points(focus, quality) + WEIGHTS["reach"] * distance_score(
            self.needs, miles
        )

    def _online(self) -> QuerySet[ListedMeeting]:
        return ListedMeeting.objects.filter(
            self._listed(),
            # Our own SQL without values from outside (see joinable_online_sql).
            RawSQL(joinable_online_sql(), (), output_field=BooleanField()),  # noqa: S611
        )

    def _online_groups(self) -> set[int]:
        """The groups of online or hybrid meetings at the person's times, in the
        order the ranking prefers what it knows of a row (all are reachable
        online): the best fitting focus and proven quality first, each such
        class soonest first from now round the week."""
        scan = _ClassScan(self._online(), page=GROUPS_READ * 2)
        classes = sorted(
            (-self._class_points(focus, quality), focus, quality)
            for focus in self.focuses
            for quality in range(MAX_QUALITY, -1, -1)
        )
        found: dict[int, None] = {}
        for _, focus, quality in classes:
            for low, high in ((self.cursor, MINUTES_PER_WEEK), (0, self.cursor)):
                for group_id, zone_name, sort_key, start, recurrence in scan.rows(
                    focus, quality, low, high
                ):
                    if self._may_fit(zone_name, sort_key, start, recurrence):
                        found[group_id] = None
                        if len(found) > GROUPS_READ:
                            return self._first_groups(found, GROUPS_READ)
        return set(found)

    def _preferred_online_groups(self) -> set[int]:
        """Groups of online or hybrid meetings that meet every stated preference:
        of the soonest ``PREFERRED_MEETINGS_READ`` such meetings round the week
        (all of them, when a preference is rare), the best focus and quality
        first, then the soonest.

        One pass in week order: a rare preference is met by few meetings spread
        over the week, and reading the week once costs less than once per class.
        When a stated language, audience or open type is rare (``RARE_LINKS``),
        the meetings that have it are looked up first and only they are read.
        """
        rows = self._online().filter(self.preferences.q())
        columns = ("focus", "group_quality", *_SCAN_COLUMNS)
        read: list[tuple[Any, ...]] = []
        few = self.preferences.rare_meetings()
        if few is not None:
            # A few meetings: read them all at once, soonest first from now.
            soonest = sorted(
                rows.filter(_meeting_among(few)).values_list(
                    "week_minute_utc", "meeting_id", *columns
                ),
                key=lambda row: ((row[0] - self.cursor) % MINUTES_PER_WEEK, row[1]),
            )
            read = [row[2:] for row in soonest[: PREFERRED_MEETINGS_READ + 1]]
        else:
            for part in (
                Q(week_minute_utc__gte=self.cursor),
                Q(week_minute_utc__lt=self.cursor),
            ):
                wanted = PREFERRED_MEETINGS_READ + 1 - len(read)
                if wanted <= 0:
                    break
                read += (
                    rows.filter(part)
                    .order_by("week_minute_utc", "meeting_id")
                    .values_list(*columns)[:wanted]
                )
        if len(read) > PREFERRED_MEETINGS_READ:
            self.read_all = False
            read = read[:PREFERRED_MEETINGS_READ]
        ranked = [
            (-self._class_points(focus, quality), order, group_id)
            for order, (focus, quality, group_id, *times) in enumerate(read)
            if self._may_fit(*times)
        ]
        ranked.sort()
        return self._first_groups((row[-1] for row in ranked), PREFERRED_GROUPS_READ)

    def _meetings_of(self, group_ids: set[int]) -> dict[int, _GroupFound]:
        """Each candidate group's fitting occurrences and meeting signals."""
        if not group_ids:
            return {}
        rows = list(
            ListedMeeting.objects.filter(self._listed(), group_id__in=group_ids)
            .order_by()
            .values_list(*_MEETING_COLUMNS)
        )
        changes = self._changes({row[0] for row in rows})
        listed_at = self._biweekly_anchors(
            [row[0] for row in rows if row[9] == Recurrence.BIWEEKLY]
        )
        open_ids, audience_of = self.open_ids, self.audience_of
        language_codes = dict(Language.objects.values_list("pk", "code"))
        near, radius = self.query.near, self._radius()
        found: dict[int, _GroupFound] = {}
        for (
            meeting_id,
            group_id,
            mode,
            reach,
            latitude,
            longitude,
            sort_key,
            start_time,
            zone_name,
            recurrence,
            type_ids,
            language_ids,
            quality,
        ) in rows:
            # Only meetings the person can get to count: online or hybrid
            # ones, and in-person ones within the travel limit.
            miles = None
            if (
                reach == Reach.LOCAL
                and near is not None
                and radius is not None
                and latitude is not None
                and longitude is not None
            ):
                miles = distance_miles(near, Point(latitude, longitude))
                if miles > radius:
                    miles = None
            if miles is None and mode not in JOINABLE_ONLINE_MODES:
                continue
            meeting_changes = changes.get(meeting_id)
            if recurrence == Recurrence.WEEKLY and not meeting_changes:
                starts = self._weekly_fitting(zone_name, sort_key, start_time)
            else:
                schedule = _Schedule(
                    meeting_id,
                    sort_key // MINUTES_PER_DAY,
                    start_time,
                    zone_name,
                    recurrence,
                    listed_at.get(meeting_id, self.now),
                )
                starts = self._fitting(
                    o.starts_at
                    for o in meeting_occurrences_between(
                        schedule, self.now, self.end, meeting_changes or ()
                    )
                )
            if not starts:
                continue
            group = found.get(group_id)
            if group is None:
                group = found[group_id] = _GroupFound(quality=quality)
            group.starts.extend((start, meeting_id) for start in starts)
            if mode in JOINABLE_ONLINE_MODES:
                group.online = True
                group.online_meetings.add(meeting_id)
            if miles is not None:
                group.in_person = True
                if group.miles is None or miles < group.miles:
                    group.miles = miles
            if type_ids:
                for type_id in _ids(type_ids):
                    if type_id in open_ids:
                        group.open_to_newcomers = True
                    if type_id in audience_of:
                        group.audience.add(audience_of[type_id])
            if language_ids:
                group.languages.update(
                    language_codes[i] for i in _ids(language_ids) if i in language_codes
                )
        return found

    def _weekly_fitting(
        self, zone_name: str, sort_key: int, start_time: dt.time
    ) -> list[dt.datetime]:
        """A weekly meeting's starts at the person's times (without its
        cancellations or moves), computed once per start."""
        key = (zone_name, sort_key, start_time)
        starts = self._weekly.get(key)
        if starts is None:
            starts = self._weekly[key] = self._fitting(
                _weekly_starts(zone_name, sort_key, start_time, self.now.date())
            )
        return starts

    def _may_fit(
        self, zone_name: str, sort_key: int, start_time: dt.time, recurrence: str
    ) -> bool:
        """Whether a meeting read by its rough time on the UTC week really
        meets at the person's times (every-other-week ones are checked later)."""
        if recurrence != Recurrence.WEEKLY:
            return True
        return bool(self._weekly_fitting(zone_name, sort_key, start_time))

    def _fitting(self, starts: Iterable[dt.datetime]) -> list[dt.datetime]:
        """The starts in the horizon at the person's times, in the person's zone."""
        viewer_tz, slots = self.query.viewer_tz, self.needs.slots
        local = [
            start.astimezone(viewer_tz)
            for start in starts
            if self.now <= start < self.end
        ]
        return [start for start in local if not slots or slot_of(start) in slots]

    def _changes(self, meeting_ids: set[int]) -> dict[int, list[MeetingException]]:
        """Cancellations, moves and online-only dates that touch the horizon."""
        first = (self.now - SEARCH_MARGIN).date()
        last = (self.end + SEARCH_MARGIN).date()
        near_dates = Q(local_date__gte=first, local_date__lte=last)
        moved_in = Q(
            kind=ExceptionKind.MOVED,
            moved_starts_at__gte=self.now,
            moved_starts_at__lt=self.end,
        )
        by_meeting: dict[int, list[MeetingException]] = defaultdict(list)
        for change in MeetingException.objects.filter(near_dates | moved_in):
            if change.meeting_id in meeting_ids:
                by_meeting[change.meeting_id].append(change)
        return by_meeting

    def _biweekly_anchors(self, meeting_ids: list[int]) -> dict[int, dt.datetime]:
        if not meeting_ids:
            return {}
        return dict(
            Meeting.objects.filter(pk__in=meeting_ids).values_list("pk", "created_at")
        )

    def _candidates(
        self, found: dict[int, _GroupFound]
    ) -> tuple[list[Candidate], dict[int, tuple[str, str, str, str]]]:
        """Candidates with the groups' own signals; (slug, name, program code,
        program name) each."""
        if not found:
            return [], {}
        ids = list(found)
        groups = Group.objects.filter(pk__in=ids).values_list(
            "pk",
            "name",
            "slug",
            "focus",
            "program__code",
            "program__name",
            "audience",
        )
        members = dict(
            Membership.objects.filter(group_id__in=ids)
            .values("group_id")
            .annotate(count=Count("pk"))
            .values_list("group_id", "count")
        )
        languages: dict[int, set[str]] = defaultdict(set)
        for group_id, code in Group.languages.through.objects.filter(
            group_id__in=ids
        ).values_list("group_id", "language__code"):
            languages[group_id].add(code)
        candidates = []
        details = {}
        for (
            pk,
            name,
            slug,
            focus,
            program,
            program_name,
            audience,
        ) in groups:
            seen = found[pk]
            group_audience = set(audience or ()) | seen.audience
            candidates.append(
                Candidate(
                    group_id=pk,
                    name=name,
                    focus=focus,
                    program=program,
                    online=seen.online,
                    in_person=seen.in_person,
                    miles=None if seen.miles is None else round(seen.miles, 1),
                    starts=tuple(start for start, _ in seen.starts),
                    open_to_newcomers=seen.open_to_newcomers
                    or Audience.NEWCOMERS in group_audience,
                    languages=frozenset(seen.languages | languages[pk]),
                    audience=frozenset(group_audience),
                    quality_signals=seen.quality,
                    members=members.get(pk, 0),
                )
            )
            details[pk] = (slug, name, program, program_name)
        return candidates, details

    def _matches(
        self,
        ranked: list[Ranked],
        found: dict[int, _GroupFound],
        details: dict[int, tuple[str, str, str, str]],
    ) -> list[GroupMatch]:
        shown: dict[int, list[tuple[dt.datetime, int]]] = {
            r.candidate.group_id: sorted(found[r.candidate.group_id].starts)[
                :NEXT_MEETINGS_SHOWN
            ]
            for r in ranked
        }
        meeting_ids = {
            meeting_id for starts in shown.values() for _, meeting_id in starts
        }
        meetings = {
            pk: (slug, name)
            for pk, slug, name in Meeting.objects.filter(
                pk__in=meeting_ids
            ).values_list("pk", "slug", "name")
        }
        matches = []
        for r in ranked:
            group_id = r.candidate.group_id
            slug, name, program_code, stored_program_name = details[group_id]
            online_meetings = found[group_id].online_meetings
            matches.append(
                GroupMatch(
                    ranked=r,
                    slug=slug,
                    name=name,
                    program_code=program_code,
                    program_name=stored_program_name,
                    next_meetings=tuple(
                        NextMeeting(
                            meeting_slug=meetings[meeting_id][0],
                            meeting_name=meetings[meeting_id][1],
                            starts_at=start.astimezone(dt.UTC),
                            stamp=start_stamp(start),
                            online=meeting_id in online_meetings,
                        )
                        for start, meeting_id in shown[group_id]
                        if meeting_id in meetings
                    ),
                )
            )
        return matches


@functools.lru_cache(maxsize=WEEKLY_STARTS_CACHED)
def _weekly_starts(
    zone_name: str, sort_key: int, start_time: dt.time, day: dt.date
) -> tuple[dt.datetime, ...]:
    """A weekly meeting's starts (UTC) from 00:00 UTC on ``day`` for a day more
    than ``HORIZON``: every match that day reads the same, and most meetings
    share their zone, weekday and time with many others."""
    first = dt.datetime.combine(day, dt.time(), dt.UTC)
    schedule = _Schedule(
        0, sort_key // MINUTES_PER_DAY, start_time, zone_name, Recurrence.WEEKLY, first
    )
    return tuple(
        o.starts_at
        for o in meeting_occurrences_between(
            schedule, first, first + HORIZON + dt.timedelta(days=1)
        )
    )


def _any_id(column: str, ids: Iterable[int]) -> Q:
    """Rows whose ``|3|17|`` column holds any of the ids (none: no rows)."""
    condition = Q(pk__in=[])
    for pk in ids:
        condition |= Q(**{f"{column}__contains": id_pattern(pk)})
    return condition


def _ids(bars: str) -> list[int]:
    """The ids of a ``|3|17|`` column."""
    return [int(part) for part in bars.split("|") if part]


def _type_meanings() -> tuple[set[int], dict[int, str]]:
    """Ids of the open/newcomer meeting types, and the audience each type names."""
    codes = OPEN_TYPE_CODES | set(TYPE_AUDIENCE)
    open_ids: set[int] = set()
    audience_of: dict[int, str] = {}
    for pk, code in MeetingType.objects.filter(code__in=codes).values_list(
        "pk", "code"
    ):
        if code in OPEN_TYPE_CODES:
            open_ids.add(pk)
        if code in TYPE_AUDIENCE:
            audience_of[pk] = TYPE_AUDIENCE[code]
    return open_ids, audience_of
