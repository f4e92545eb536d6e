"""Importing a Meeting Guide feed into the directory: one run, one transaction."""

from __future__ import annotations

import datetime as dt
import gc
import re
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import slugify

from kinship.core.bulk import (
    RowWriter,
    lock_for_id_reservation,
    max_id,
    reset_sequences,
)
from kinship.directory.models import (
    Feed,
    Group,
    GroupStatus,
    Language,
    Location,
    Meeting,
    MeetingStatus,
    MeetingType,
    Program,
    Recurrence,
    Visibility,
    quality_signals,
)
from kinship.directory.services import (
    listing_row,
    listings_insert,
    listings_refresh,
    programs_sync,
)
from kinship.directory.vocabularies import (
    PROGRAMS_BY_CODE,
)

from .models import ImportRun
from .reading import (
    LOCATION_FIELDS,
    LocationRecord,
    MeetingRecord,
    Problem,
    ReadResult,
    feed_read,
)
from .selectors import feed_vocabulary, unknown_program

CHUNK = 5000
IMPORT_PAGE_CACHE_KIB = 256 * 1024
SLUG_SHAPE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")  # slugify(s) == s

LOCATION_COLUMNS = ("id", *LOCATION_FIELDS, "source_feed_id", "source_key")
GROUP_COLUMNS = (
    "id",
    "name",
    "slug",
    "program_id",
    "focus",
    "description",
    "source_feed_id",
    "source_id",
)
# What an import writes on a meeting; the rest keeps its default or its value.
MEETING_FIELDS = (
    "group_id",
    "name",
    "weekday",
    "start_time",
    "end_time",
    "timezone",
    "attendance_mode",
    "location_id",
    "conference_url",
    "conference_url_notes",
    "conference_phone",
    "conference_phone_notes",
    "notes",
    "status",
    "unknown_type_codes",
    "source_updated",
    "source_hash",
)
MEETING_COLUMNS = (
    "id",
    "uuid",
    "slug",
    "source_feed_id",
    "source_slug",
    *MEETING_FIELDS,
)


@dataclass
class ImportOutcome:
    """What a run did (or, for a dry run, would do)."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    rejected: int = 0
    rejections: list[Problem] = field(default_factory=list)
    warnings: Counter[str] = field(default_factory=Counter)
    modes: dict[str, int] = field(default_factory=dict)
    run: ImportRun | None = None

    @property
    def summary(self) -> str:
        return (
            f"added={self.added} updated={self.updated} removed={self.removed} "
            f"unchanged={self.unchanged} rejected={self.rejected}"
        )


def program_ensure(code: str) -> Program:
    """The program with this code; the standard ones are created on first use."""
    program = Program.objects.filter(code=code).first()
    if program is None and code in PROGRAMS_BY_CODE:
        programs_sync()
        program = Program.objects.filter(code=code).first()
    if program is None:
        raise unknown_program(code)
    return program


def feed_register(
    *, by: object | None, source: str, program_code: str, name: str | None, create: bool
) -> Feed:
    """The feed registered for this source and program, registered if new.

    With ``create`` False (a dry run) a new feed is returned unsaved.
    """
    del by  # Feeds are public data; registering one is not attributed yet.
    program = program_ensure(program_code)
    source_url = source if source.startswith("https://") else ""
    feed = (
        Feed.objects.filter(program=program, name=name or source).first()
        if not source_url
        else Feed.objects.filter(program=program, source_url=source_url).first()
    )
    if feed is None:
        feed = Feed(program=program, name=(name or source)[:200], source_url=source_url)
        if create:
            feed.save()
    elif name and feed.name != name and create:
        feed.name = name
        feed.save(update_fields=["name"])
    return feed


def feed_import(
    *,
    by: object | None,
    feed: Feed,
    records: list[Any],
    source: str,
    default_timezone: str = "",
    dry_run: bool = False,
) -> ImportOutcome:
    """Bring the feed's meetings in the directory in line with ``records``.

    Meetings are matched by (feed, source slug): new ones are added, changed ones
    updated in place (their id, uuid and page address stay), unchanged ones left
    alone, and the feed's meetings missing from ``records`` removed; meetings of
    other feeds and hand-made ones are never touched. Records that cannot be used
    are rejected with reasons and the rest imported. The whole run is one
    transaction and ends by recording an ``ImportRun``; a dry run reads and
    compares but writes nothing. ``by`` is the acting person (None: the system).
    """
    del by  # Feeds are public data; runs are recorded, not attributed, for now.
    # A run holds every record in memory at once; the cyclic garbage collector
    # would walk them again and again (about a fifth of a large run) and frees
    # nothing, since records hold no cycles.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _feed_import(feed, records, source, default_timezone, dry_run=dry_run)
    finally:
        if collecting:
            gc.enable()


def _feed_import(
    feed: Feed,
    records: list[Any],
    source: str,
    default_timezone: str,
    *,
    dry_run: bool,
) -> ImportOutcome:
    started = timezone.now()
    read = feed_read(
        records,
        feed_vocabulary(feed),
        default_timezone=default_timezone or feed.default_timezone,
    )
    outcome = ImportOutcome(
        rejected=len(read.rejections),
        rejections=read.rejections,
        warnings=Counter(problem.reason for problem in read.warnings),
    )
    if dry_run:
        _classify(feed, read, outcome)
        outcome.modes = dict(Counter(m.mode_label for m in read.meetings))
        return outcome
    with transaction.atomic(), _large_page_cache():
        lock_for_id_reservation([Location, Group, Meeting])
        added, changed, stale = _classify(feed, read, outcome)
        writer = _Writer(feed, started)
        writer.meetings_apply(added, changed)
        writer.meetings_remove(stale)
        listings_refresh(meeting_ids=writer.changed_ids)
        outcome.modes = feed_modes(feed)
        outcome.run = ImportRun.objects.create(
            feed=feed,
            source=source[:500],
            started_at=started,
            finished_at=max(timezone.now(), started),
            added=outcome.added,
            updated=outcome.updated,
            removed=outcome.removed,
            unchanged=outcome.unchanged,
            rejected=outcome.rejected,
            rejections=[problem.as_dict() for problem in outcome.rejections],
            warnings=dict(outcome.warnings.most_common()),
            modes=outcome.modes,
        )
    return outcome


def _classify(
    feed: Feed, read: ReadResult, outcome: ImportOutcome
) -> tuple[list[MeetingRecord], list[tuple[int, MeetingRecord]], list[int]]:
    """Split the records into added and changed (with their ids); return the ids
    of the feed's meetings that the records no longer hold."""
    known = Meeting.objects.filter(source_feed=feed) if feed.pk else None
    existing = {
        slug: (pk, digest)
        for pk, slug, digest in (
            known.values_list("pk", "source_slug", "source_hash")
            if known is not None
            else ()
        )
    }
    added: list[MeetingRecord] = []
    changed: list[tuple[int, MeetingRecord]] = []
    for record in read.meetings:
        found = existing.pop(record.source_slug, None)
        if found is None:
            added.append(record)
        elif found[1] != record.digest:
            changed.append((found[0], record))
        else:
            outcome.unchanged += 1
    outcome.added = len(added)
    outcome.updated = len(changed)
    outcome.removed = len(existing)
    return added, changed, [pk for pk, _ in existing.values()]


@contextmanager
def _large_page_cache() -> Iterator[None]:
    """On SQLite, a page cache that holds the indexes being filled (default 2 MB):
    inserting 100,000 meetings into indexed tables then takes a fraction of the
    time. The connection's own setting comes back afterwards."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = {-IMPORT_PAGE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {previous}")


def feed_modes(feed: Feed) -> dict[str, int]:
    """The feed's meetings by attendance mode, with closed ones as ``inactive``."""
    counts: dict[str, int] = {}
    rows = (
        Meeting.objects.filter(source_feed=feed)
        .values("attendance_mode", "status")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        label = (
            row["attendance_mode"]
            if row["status"] == MeetingStatus.ACTIVE
            else "inactive"
        )
        counts[label] = counts.get(label, 0) + row["n"]
    return dict(sorted(counts.items()))


class _Writer:
    """The writes of one run, in bulk, with ids handed out under a table lock."""

    def __init__(self, feed: Feed, now: dt.datetime) -> None:
        self.feed = feed
        self.now = now
        self.changed_ids: list[int] = []
        self.type_ids = dict(
            MeetingType.objects.filter(program_id=feed.program_id).values_list(
                "code", "pk"
            )
        )
        self.language_ids = dict(Language.objects.values_list("code", "pk"))
        self.locations = dict(
            Location.objects.filter(source_feed=feed).values_list("source_key", "pk")
        )
        self.groups: dict[str, int] = {}
        self.group_names: dict[int, str] = {}
        # Group id -> (listed in the finder, focus): an admin may have hidden a
        # group or changed its focus since an earlier run.
        self.group_state: dict[int, tuple[bool, str]] = {}
        # Group id -> its quality signals, for the finder rows of new meetings.
        self.group_quality: dict[int, int] = {}
        for (
            key,
            pk,
            status,
            visibility,
            focus,
            guidelines,
            confidentiality,
            inclusivity,
            verified_at,
        ) in Group.objects.filter(source_feed=feed).values_list(
            "source_id",
            "pk",
            "status",
            "visibility",
            "focus",
            "guidelines",
            "confidentiality_statement",
            "inclusivity_statement",
            "verified_at",
        ):
            self.groups[key] = pk
            listed = status == GroupStatus.ACTIVE and visibility == Visibility.LISTED
            self.group_state[pk] = (listed, focus)
            self.group_quality[pk] = quality_signals(
                guidelines=guidelines,
                confidentiality=confidentiality,
                inclusivity=inclusivity,
                verified=verified_at is not None,
            )

    def meetings_apply(
        self, added: list[MeetingRecord], changed: list[tuple[int, MeetingRecord]]
    ) -> None:
        records = [*added, *(record for _, record in changed)]
        if not records:
            return
        self._locations_ensure(records)
        self._groups_ensure(records)
        next_id = max_id(Meeting)
        slugs = slugs_allocate(
            Meeting, [record.source_slug for record in added], str(self.feed.pk)
        )
        rows: list[tuple[Any, ...]] = []
        ids: list[int] = []
        for record, slug in zip(added, slugs, strict=True):
            next_id += 1
            ids.append(next_id)
            rows.append(
                (
                    next_id,
                    uuid.uuid4(),
                    slug,
                    self.feed.pk,
                    record.source_slug,
                    *self._meeting_values(record),
                )
            )
        _rows_write(Meeting, MEETING_COLUMNS, rows, self.now)
        if rows:
            reset_sequences([Meeting])
        for pk, record in changed:
            fields = dict(
                zip(MEETING_FIELDS, self._meeting_values(record), strict=True)
            )
            Meeting.objects.filter(pk=pk).update(**fields, updated_at=self.now)
        self.changed_ids = [pk for pk, _ in changed]
        for start in range(0, len(self.changed_ids), CHUNK):
            chunk = self.changed_ids[start : start + CHUNK]
            Meeting.types.through.objects.filter(meeting_id__in=chunk).delete()
            Meeting.languages.through.objects.filter(meeting_id__in=chunk).delete()
        type_rows: list[tuple[Any, ...]] = []
        language_rows: list[tuple[Any, ...]] = []
        for pk, record in zip([*ids, *self.changed_ids], records, strict=True):
            type_rows.extend((pk, self.type_ids[code]) for code in record.type_codes)
            language_rows.extend(
                (pk, self.language_ids[code])
                for code in record.language_codes
                if code in self.language_ids
            )
        _rows_write(
            Meeting.types.through, ("meeting_id", "meetingtype_id"), type_rows, self.now
        )
        _rows_write(
            Meeting.languages.through,
            ("meeting_id", "language_id"),
            language_rows,
            self.now,
        )
        self._listings_add(list(zip(ids, added, strict=True)))

    def _listings_add(self, added: list[tuple[int, MeetingRecord]]) -> None:
        """Finder rows for new meetings, from what the run holds in memory."""
        rows: list[tuple[Any, ...]] = []
        program_id = self.feed.program_id
        for pk, record in added:
            group_id = self.groups[record.group_key]
            listed, focus = self.group_state[group_id]
            if not (listed and record.active):
                continue
            place = record.location
            rows.append(
                listing_row(
                    meeting_id=pk,
                    mode=record.attendance_mode,
                    weekday=record.weekday,
                    start_time=record.start_time,
                    latitude=place.latitude if place else None,
                    longitude=place.longitude if place else None,
                    program_id=program_id,
                    focus=focus,
                    type_ids=[self.type_ids[code] for code in record.type_codes],
                    language_ids=[
                        self.language_ids[code]
                        for code in record.language_codes
                        if code in self.language_ids
                    ],
                    names=(
                        record.name,
                        self.group_names[group_id],
                        place.name if place else None,
                    ),
                    group_id=group_id,
                    zone_name=record.timezone,
                    # Feeds carry no recurrence: new meetings are weekly.
                    recurrence=Recurrence.WEEKLY,
                    group_quality=self.group_quality.get(group_id, 0),
                )
            )
        listings_insert(rows)

    def _meeting_values(self, record: MeetingRecord) -> tuple[Any, ...]:
        location = record.location
        return (
            self.groups[record.group_key],
            record.name,
            record.weekday,
            record.start_time,
            record.end_time,
            record.timezone,
            record.attendance_mode,
            self.locations[location.key] if location else None,
            record.conference_url,
            record.conference_url_notes,
            record.conference_phone,
            record.conference_phone_notes,
            record.notes,
            MeetingStatus.ACTIVE if record.active else MeetingStatus.TEMPORARILY_CLOSED,
            record.unknown_type_codes,  # a tuple: hashable, stored as a JSON list
            record.updated,
            record.digest,
        )

    def _locations_ensure(self, records: list[MeetingRecord]) -> None:
        wanted: dict[str, LocationRecord] = {}
        for record in records:
            location = record.location
            if location is not None and location.key not in self.locations:
                wanted.setdefault(location.key, location)
        if not wanted:
            return
        next_id = max_id(Location)
        rows: list[tuple[Any, ...]] = []
        for key, place in wanted.items():
            next_id += 1
            self.locations[key] = next_id
            rows.append(
                (
                    next_id,
                    *(getattr(place, name) for name in LOCATION_FIELDS),
                    self.feed.pk,
                    key,
                )
            )
        _rows_write(Location, LOCATION_COLUMNS, rows, self.now)
        reset_sequences([Location])

    def _groups_ensure(self, records: list[MeetingRecord]) -> None:
        wanted: dict[str, MeetingRecord] = {}
        used: set[int] = set()
        for record in records:
            pk = self.groups.get(record.group_key)
            if pk is None:
                wanted.setdefault(record.group_key, record)
            else:
                used.add(pk)
        self._groups_reopen(used)
        known = Group.objects.filter(source_feed=self.feed).values_list("pk", "name")
        self.group_names.update(
            known.filter(pk__in=used) if len(used) < CHUNK else known
        )
        if not wanted:
            return
        program = self.feed.program
        names = [record.group_name or record.name for record in wanted.values()]
        slugs = slugs_allocate(Group, names, str(self.feed.pk))
        next_id = max_id(Group)
        rows: list[tuple[Any, ...]] = []
        for key, name, slug, record in zip(
            wanted, names, slugs, wanted.values(), strict=True
        ):
            next_id += 1
            self.groups[key] = next_id
            self.group_state[next_id] = (True, program.focus)
            self.group_names[next_id] = name
            rows.append(
                (
                    next_id,
                    name,
                    slug,
                    program.pk,
                    program.focus,
                    record.group_notes,
                    self.feed.pk,
                    key,
                )
            )
        _rows_write(Group, GROUP_COLUMNS, rows, self.now)
        reset_sequences([Group])

    def _groups_reopen(self, used: set[int]) -> None:
        """Groups this feed emptied (and so closed) open again when meetings return.

        A group a site admin closed while it still had meetings stays closed.
        """
        hidden = [pk for pk in used if not self.group_state[pk][0]]
        emptied = list(
            Group.objects.filter(
                pk__in=hidden, status=GroupStatus.INACTIVE, meetings__isnull=True
            ).values_list("pk", flat=True)
        )
        if emptied:
            Group.objects.filter(pk__in=emptied).update(
                status=GroupStatus.ACTIVE, updated_at=self.now
            )
            for pk in Group.objects.filter(
                pk__in=emptied, visibility=Visibility.LISTED
            ).values_list("pk", flat=True):
                self.group_state[pk] = (True, self.group_state[pk][1])

    def meetings_remove(self, stale: list[int]) -> None:
        """The feed's meetings gone from it leave; their empty groups go inactive."""
        for start in range(0, len(stale), CHUNK):
            Meeting.objects.filter(pk__in=stale[start : start + CHUNK]).delete()
        if not stale:
            return
        # Groups may have members (who keep their history): closed, not deleted.
        Group.objects.filter(source_feed=self.feed, status=GroupStatus.ACTIVE).exclude(
            Q(meetings__isnull=False)
        ).update(status=GroupStatus.INACTIVE, updated_at=self.now)
        Location.objects.filter(source_feed=self.feed, meetings__isnull=True).delete()


def _rows_write(
    model: Any, columns: tuple[str, ...], rows: list[tuple[Any, ...]], now: dt.datetime
) -> None:
    if not rows:
        return
    writer = RowWriter(model, columns, now)
    for start in range(0, len(rows), CHUNK):
        writer.insert(rows[start : start + CHUNK])


def slugs_allocate(
    model: type[Meeting] | type[Group], texts: list[str], suffix: str
) -> list[str]:
    """Unique slugs for new rows: the text's own when free, else with a suffix.

    A slug that fits is kept whole, so a feed we exported reads back with the
    same page addresses. Taken slugs are looked up a few thousand at a time, so
    a feed of 100,000 meetings does not cost 100,000 round trips.
    """
    limit = model._meta.get_field("slug").max_length or 50
    bases = []
    for text in texts:
        # Most feeds' slugs are slugs already; slugify is slow on 100,000 of them.
        base = text if SLUG_SHAPE.match(text) else slugify(text).strip("-_")
        base = base or "meeting"
        bases.append(base if len(base) <= limit else base[: limit - 12].strip("-_"))
    manager = model._default_manager
    taken = _slugs_taken(manager, set(bases))
    slugs: list[str | None] = []
    pending: list[int] = []
    for index, base in enumerate(bases):
        if base in taken:
            slugs.append(None)
            pending.append(index)
        else:
            taken.add(base)
            slugs.append(base)
    attempts: dict[str, int] = {}
    while pending:
        candidates: dict[int, str] = {}
        for index in pending:
            base = bases[index]
            attempt = attempts.get(base, 0) + 1
            attempts[base] = attempt
            tail = suffix if attempt == 1 else f"{suffix}-{attempt}"
            candidates[index] = f"{base[: limit - len(tail) - 1]}-{tail}"
        taken |= _slugs_taken(manager, set(candidates.values()) - taken)
        still: list[int] = []
        for index, candidate in candidates.items():
            if candidate in taken:
                still.append(index)
            else:
                taken.add(candidate)
                slugs[index] = candidate
        pending = still
    return [slug for slug in slugs if slug is not None]


def _slugs_taken(manager: Any, wanted: set[str]) -> set[str]:
    ordered = sorted(wanted)
    taken: set[str] = set()
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        taken.update(manager.filter(slug__in=chunk).values_list("slug", flat=True))
    return taken
