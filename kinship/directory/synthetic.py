"""Synthetic meetings spread over US ZIP centroids, for load tests and benchmarks."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import random
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from kinship.core.bulk import (
    Row,
    RowWriter,
    lock_for_id_reservation,
    max_id,
    reset_sequences,
)
from kinship.core.geo import ZipCentroid, zip_centroids
from kinship.core.timezones import is_valid_timezone

from . import demo_data
from .models import (
    AttendanceMode,
    Group,
    Language,
    Location,
    Meeting,
    MeetingStatus,
    MeetingType,
    Program,
)

MEETINGS_PER_GROUP = 4
BATCH_SIZE = 5000  # meetings per bulk insert round; a multiple of MEETINGS_PER_GROUP
ZIP_JITTER_DEGREES = 0.01  # about half a mile


@dataclass(frozen=True, slots=True)
class SyntheticCounts:
    meetings: int
    groups: int
    locations: int
    type_links: int
    language_links: int
    first_slug: str
    last_slug: str


@transaction.atomic
def synthetic_create(*, count: int, seed: int) -> SyntheticCounts:
    """Insert ``count`` synthetic meetings fast, deterministic for (seed, first number).

    Numbering continues after existing ``syn-<seed>-<n>`` rows, and the random
    stream is seeded with the seed and the first number, so the same seed on a
    fresh database always gives the same meetings. Rows go in through
    ``kinship.core.bulk``, since ``bulk_create`` spends most of its time preparing
    each value in Python: about a minute for 200,000 meetings on SQLite.
    """
    meeting_prefix, group_prefix = f"syn-{seed}-", f"syn-{seed}-g"
    first = _next_number(Meeting, meeting_prefix)
    first_group = _next_number(Group, group_prefix)
    lock_for_id_reservation([Location, Group, Meeting])
    generator = _SyntheticGenerator(
        rng=random.Random(f"kinship-synthetic:{seed}:{first}"),
        meeting_prefix=meeting_prefix,
        group_prefix=group_prefix,
        first_ids=[max_id(model) + 1 for model in (Location, Group, Meeting)],
    )
    now = timezone.now()
    writers = _Writers(
        locations=RowWriter(Location, _LOCATION_COLUMNS, now),
        groups=RowWriter(Group, _GROUP_COLUMNS, now),
        group_languages=RowWriter(
            Group.languages.through, ("group_id", "language_id"), now
        ),
        meetings=RowWriter(Meeting, _MEETING_COLUMNS, now),
        meeting_types=RowWriter(
            Meeting.types.through, ("meeting_id", "meetingtype_id"), now
        ),
        meeting_languages=RowWriter(
            Meeting.languages.through, ("meeting_id", "language_id"), now
        ),
    )
    totals = _Rows()
    for offset in range(0, count, BATCH_SIZE):
        rows = generator.batch(
            first_meeting=first + offset,
            first_group=first_group + offset // MEETINGS_PER_GROUP,
            size=min(BATCH_SIZE, count - offset),
        )
        writers.insert(rows)
        totals.add_counts(rows)
    reset_sequences([Location, Group, Meeting])
    return SyntheticCounts(
        meetings=totals.counts[3],
        groups=totals.counts[1],
        locations=totals.counts[0],
        type_links=totals.counts[4],
        language_links=totals.counts[5],
        first_slug=f"{meeting_prefix}{first}",
        last_slug=f"{meeting_prefix}{first + count - 1}",
    )


def _next_number(model: type[Group] | type[Meeting], prefix: str) -> int:
    slugs = model.objects.filter(slug__startswith=prefix).values_list("slug", flat=True)
    numbers = [int(s[len(prefix) :]) for s in slugs if s[len(prefix) :].isdigit()]
    return max(numbers, default=-1) + 1


_LOCATION_COLUMNS = (
    "id",
    "name",
    "formatted_address",
    "city",
    "region",
    "postal_code",
    "latitude",
    "longitude",
    "approximate",
    "timezone",
)
_GROUP_COLUMNS = ("id", "name", "slug", "program_id", "focus", "description")
_MEETING_COLUMNS = (
    "id",
    "uuid",
    "slug",
    "group_id",
    "name",
    "weekday",
    "start_time",
    "end_time",
    "timezone",
    "attendance_mode",
    "location_id",
    "conference_url",
    "conference_phone",
    "status",
)
# Python values the database drivers do not take as they are.


@dataclass
class _Rows:
    """One batch of rows for each table, in the order they must be inserted."""

    locations: list[Row] = dataclasses.field(default_factory=list)
    groups: list[Row] = dataclasses.field(default_factory=list)
    group_languages: list[Row] = dataclasses.field(default_factory=list)
    meetings: list[Row] = dataclasses.field(default_factory=list)
    meeting_types: list[Row] = dataclasses.field(default_factory=list)
    meeting_languages: list[Row] = dataclasses.field(default_factory=list)
    counts: list[int] = dataclasses.field(default_factory=lambda: [0] * 6)

    def tables(self) -> tuple[list[Row], ...]:
        return (
            self.locations,
            self.groups,
            self.group_languages,
            self.meetings,
            self.meeting_types,
            self.meeting_languages,
        )

    def add_counts(self, other: _Rows) -> None:
        # counts: locations, groups, group languages, meetings, types, languages
        for index, rows in enumerate(other.tables()):
            self.counts[index] += len(rows)


@dataclass(frozen=True, slots=True)
class _Writers:
    locations: RowWriter
    groups: RowWriter
    group_languages: RowWriter
    meetings: RowWriter
    meeting_types: RowWriter
    meeting_languages: RowWriter

    def insert(self, rows: _Rows) -> None:
        """Each table's rows through its writer, in the order of the fields."""
        for field in dataclasses.fields(self):
            getattr(self, field.name).insert(getattr(rows, field.name))


class _SyntheticGenerator:
    """Draws synthetic rows from one random stream; the database never steers it."""

    def __init__(
        self,
        *,
        rng: random.Random,
        meeting_prefix: str,
        group_prefix: str,
        first_ids: list[int],
    ) -> None:
        self.rng = rng
        self.meeting_prefix = meeting_prefix
        self.group_prefix = group_prefix
        self.next_location_id, self.next_group_id, self.next_meeting_id = first_ids
        self.zips: list[ZipCentroid] = [
            z
            for _, z in sorted(zip_centroids().items())
            if z.timezone and is_valid_timezone(z.timezone)
        ]
        self.programs = {p.code: p for p in Program.objects.all()}
        type_ids = {
            (program_code, code): pk
            for program_code, code, pk in MeetingType.objects.values_list(
                "program__code", "code", "pk"
            )
        }
        self.type_pools = {
            program: [type_ids[(program, code)] for code in codes]
            for program, codes in demo_data.SYNTHETIC_TYPE_POOLS.items()
        }
        language_ids = dict(Language.objects.values_list("code", "pk"))
        self.english, self.spanish = language_ids["en"], language_ids["es"]
        self.program_codes = [code for code, _ in demo_data.SYNTHETIC_PROGRAM_WEIGHTS]
        self.program_cum = list(
            itertools.accumulate(w for _, w in demo_data.SYNTHETIC_PROGRAM_WEIGHTS)
        )
        self.starts = [
            dt.time.fromisoformat(t) for t, _ in demo_data.SYNTHETIC_START_TIMES
        ]
        self.start_cum = list(
            itertools.accumulate(w for _, w in demo_data.SYNTHETIC_START_TIMES)
        )

    def batch(self, *, first_meeting: int, first_group: int, size: int) -> _Rows:
        rng = self.rng
        rows = _Rows()
        for index in range(size):
            if index % MEETINGS_PER_GROUP == 0:
                group = self._group(rows, first_group + index // MEETINGS_PER_GROUP)
            mode_draw = rng.random()
            if mode_draw < 0.75:
                mode = AttendanceMode.IN_PERSON.value
            elif mode_draw < 0.90:
                mode = AttendanceMode.ONLINE.value
            else:
                mode = AttendanceMode.HYBRID.value
            start = rng.choices(self.starts, cum_weights=self.start_cum)[0]
            minutes = rng.choices((60, 90, 75), weights=(60, 30, 10))[0]
            end = (
                dt.datetime.combine(dt.date.min, start) + dt.timedelta(minutes=minutes)
            ).time()
            conference_url = conference_phone = ""
            if mode != AttendanceMode.IN_PERSON:
                conference_id = rng.randrange(10**9, 10**11)
                conference_url = f"https://zoom.us/j/{conference_id}"
                if rng.random() < 0.6:
                    conference_phone = f"+16465588656,,{conference_id}#"
            meeting_id = self.next_meeting_id
            self.next_meeting_id += 1
            rows.meetings.append(
                (
                    meeting_id,
                    uuid.UUID(int=rng.getrandbits(128), version=4),
                    f"{self.meeting_prefix}{first_meeting + index}",
                    group.id,
                    f"{group.name} {_period(start)}",
                    rng.randrange(7),
                    start,
                    end,
                    group.timezone,
                    mode,
                    None if mode == AttendanceMode.ONLINE else group.location_id,
                    conference_url,
                    conference_phone,
                    MeetingStatus.TEMPORARILY_CLOSED.value
                    if rng.random() < 0.01
                    else MeetingStatus.ACTIVE.value,
                )
            )
            type_count = rng.choices((0, 1, 2, 3), weights=(15, 35, 35, 15))[0]
            rows.meeting_types.extend(
                (meeting_id, type_id)
                for type_id in rng.sample(self.type_pools[group.program], type_count)
            )
            languages = [self.english]
            if group.spanish:
                languages = [self.spanish]
                if rng.random() < 0.3:
                    languages.append(self.english)
            rows.meeting_languages.extend(
                (meeting_id, language_id) for language_id in languages
            )
        return rows

    def _group(self, rows: _Rows, number: int) -> _SyntheticGroup:
        rng = self.rng
        place = rng.choice(self.zips)
        program_code = rng.choices(self.program_codes, cum_weights=self.program_cum)[0]
        program = self.programs[program_code]
        spanish = rng.random() < 0.1
        city = place.city.title() or place.zip_code
        word = rng.choice(demo_data.SYNTHETIC_GROUP_WORDS)
        suffix = demo_data.SYNTHETIC_GROUP_SUFFIX[program_code]
        name = f"{city} {word} {suffix}"
        if spanish and program_code == "aa":
            name = f"Grupo {word} {city}"
        jitter = ZIP_JITTER_DEGREES
        latitude = place.point.latitude + rng.uniform(-jitter, jitter)
        longitude = place.point.longitude + rng.uniform(-jitter, jitter)
        venue_kind = rng.choice(demo_data.SYNTHETIC_VENUE_KINDS)
        location_id, group_id = self.next_location_id, self.next_group_id
        self.next_location_id += 1
        self.next_group_id += 1
        rows.locations.append(
            (
                location_id,
                f"{city} {venue_kind}",
                f"{city}, {place.state} {place.zip_code}, USA",
                city,
                place.state,
                place.zip_code,
                round(max(-90.0, min(90.0, latitude)), 5),
                round(max(-180.0, min(180.0, longitude)), 5),
                True,
                place.timezone,
            )
        )
        rows.groups.append(
            (
                group_id,
                name,
                f"{self.group_prefix}{number}",
                program.pk,
                program.focus,
                f"A synthetic {program.name} group in {city}, {place.state}, "
                "generated for load testing.",
            )
        )
        languages = [self.spanish, self.english] if spanish else [self.english]
        rows.group_languages.extend((group_id, language) for language in languages)
        return _SyntheticGroup(
            id=group_id,
            name=name,
            program=program_code,
            location_id=location_id,
            timezone=place.timezone,
            spanish=spanish,
        )


@dataclass(frozen=True, slots=True)
class _SyntheticGroup:
    id: int
    name: str
    program: str
    location_id: int
    timezone: str
    spanish: bool


def _period(start: dt.time) -> str:
    if start.hour < 11:
        return "Morning"
    if start.hour < 15:
        return "Midday"
    if start.hour < 21:
        return "Evening"
    return "Late Night"
