"""Writes to the public directory. Pages, the API and commands all call these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from kinship.core.bulk import RowWriter

from .models import (
    AttendanceMode,
    GroupStatus,
    Language,
    ListedMeeting,
    Meeting,
    MeetingStatus,
    MeetingType,
    Program,
    Reach,
    Visibility,
    quality_signals,
    week_minute_utc,
    weekly_sort_key,
)
from .vocabularies import LANGUAGES, PROGRAMS, LanguageDef, ProgramDef


@dataclass(frozen=True, slots=True)
class ProgramsSyncResult:
    """How many rows ``programs_sync`` created and updated, by model."""

    programs_created: int = 0
    programs_updated: int = 0
    types_created: int = 0
    types_updated: int = 0
    languages_created: int = 0
    languages_updated: int = 0

    @property
    def changed(self) -> bool:
        return any(
            (
                self.programs_created,
                self.programs_updated,
                self.types_created,
                self.types_updated,
                self.languages_created,
                self.languages_updated,
            )
        )


@transaction.atomic
def programs_sync(
    *,
    by: object | None = None,
    programs: tuple[ProgramDef, ...] = PROGRAMS,
    languages: tuple[LanguageDef, ...] = LANGUAGES,
) -> ProgramsSyncResult:
    """Create or update the standard programs, their type vocabularies and languages.

    Idempotent: rows already matching the vocabularies are left untouched, so a
    second run changes nothing. Types and languages that are in the database but
    not in the vocabularies (added by a site admin or an import) are kept, since
    meetings may refer to them. ``by`` is the acting person, or None for the
    system (migrations, ``seed_demo``).
    """
    del by  # Taxonomy is public data; nothing to check or log per person yet.
    programs_created = programs_updated = 0
    types_created = types_updated = 0
    existing_programs = {p.code: p for p in Program.objects.all()}
    for definition in programs:
        wanted = {
            "name": definition.name,
            "focus": definition.focus,
            "description": definition.description,
            "website": definition.website,
        }
        program = existing_programs.get(definition.code)
        if program is None:
            program = Program.objects.create(code=definition.code, **wanted)
            programs_created += 1
        elif _assign_changed(program, wanted):
            program.save(update_fields=list(wanted))
            programs_updated += 1
        created, updated = _sync_types(program, definition)
        types_created += created
        types_updated += updated

    languages_created, languages_updated = _sync_languages(languages)
    return ProgramsSyncResult(
        programs_created=programs_created,
        programs_updated=programs_updated,
        types_created=types_created,
        types_updated=types_updated,
        languages_created=languages_created,
        languages_updated=languages_updated,
    )


def _assign_changed(instance: object, values: dict[str, str]) -> bool:
    """Set the attributes that differ; True when any did."""
    changed = False
    for field, value in values.items():
        if getattr(instance, field) != value:
            setattr(instance, field, value)
            changed = True
    return changed


def _sync_types(program: Program, definition: ProgramDef) -> tuple[int, int]:
    existing = {t.code: t for t in MeetingType.objects.filter(program=program)}
    to_create: list[MeetingType] = []
    to_update: list[MeetingType] = []
    for type_def in definition.types:
        wanted = {"label": type_def.label, "description": type_def.description}
        meeting_type = existing.get(type_def.code)
        if meeting_type is None:
            to_create.append(MeetingType(program=program, code=type_def.code, **wanted))
        elif _assign_changed(meeting_type, wanted):
            to_update.append(meeting_type)
    MeetingType.objects.bulk_create(to_create)
    if to_update:
        MeetingType.objects.bulk_update(to_update, ["label", "description"])
    return len(to_create), len(to_update)


def _sync_languages(languages: tuple[LanguageDef, ...]) -> tuple[int, int]:
    existing = {lang.code: lang for lang in Language.objects.all()}
    to_create: list[Language] = []
    to_update: list[Language] = []
    for language_def in languages:
        language = existing.get(language_def.code)
        if language is None:
            to_create.append(Language(code=language_def.code, name=language_def.name))
        elif language.name != language_def.name:
            language.name = language_def.name
            to_update.append(language)
    Language.objects.bulk_create(to_create)
    if to_update:
        Language.objects.bulk_update(to_update, ["name"])
    return len(to_create), len(to_update)


LISTING_CHUNK = 5000
LISTING_COLUMNS = (
    "meeting_id",
    "attendance_mode",
    "reach",
    "sort_key",
    "start_time",
    "latitude",
    "longitude",
    "program_id",
    "focus",
    "type_ids",
    "language_ids",
    "search_text",
    "group_id",
    "timezone",
    "recurrence",
    "week_minute_utc",
    "group_quality",
)


@transaction.atomic
def listings_refresh(*, meeting_ids: Collection[int] | None = None) -> int:
    """Rebuild the finder's rows for some meetings, or for all when ids is None.

    Call after any write to meetings, their groups or their locations. Meetings
    that are no longer listed (closed, inactive or hidden group) lose their row.
    Returns how many rows the meetings have now.
    """
    if meeting_ids is None:
        ListedMeeting.objects.all().delete()
        chunks: list[list[int] | None] = [None]
    else:
        ids = sorted(set(meeting_ids))
        chunks = [ids[i : i + LISTING_CHUNK] for i in range(0, len(ids), LISTING_CHUNK)]
    writer = RowWriter(ListedMeeting, LISTING_COLUMNS, timezone.now())
    written = 0
    for chunk in chunks:
        meetings = Meeting.objects.all()
        if chunk is not None:
            ListedMeeting.objects.filter(meeting_id__in=chunk).delete()
            meetings = meetings.filter(pk__in=chunk)
        written += _listing_rows_write(writer, meetings)
    return written


def _listing_rows_write(writer: RowWriter, meetings: QuerySet[Meeting]) -> int:
    listed = meetings.filter(
        status=MeetingStatus.ACTIVE,
        group__status=GroupStatus.ACTIVE,
        group__visibility=Visibility.LISTED,
    )
    type_ids = _ids_by_meeting(
        Meeting.types.through.objects.filter(meeting__in=listed).values_list(
            "meeting_id", "meetingtype_id"
        )
    )
    language_ids = _ids_by_meeting(
        Meeting.languages.through.objects.filter(meeting__in=listed).values_list(
            "meeting_id", "language_id"
        )
    )
    rows: list[tuple[Any, ...]] = []
    written = 0
    for (
        meeting_id,
        mode,
        weekday,
        start_time,
        latitude,
        longitude,
        program_id,
        focus,
        name,
        group_name,
        location_name,
        group_id,
        zone_name,
        recurrence,
        guidelines,
        confidentiality,
        inclusivity,
        verified_at,
    ) in listed.values_list(
        "id",
        "attendance_mode",
        "weekday",
        "start_time",
        "location__latitude",
        "location__longitude",
        "group__program_id",
        "group__focus",
        "name",
        "group__name",
        "location__name",
        "group_id",
        "timezone",
        "recurrence",
        "group__guidelines",
        "group__confidentiality_statement",
        "group__inclusivity_statement",
        "group__verified_at",
    ).iterator(chunk_size=LISTING_CHUNK):
        rows.append(
            listing_row(
                meeting_id=meeting_id,
                mode=mode,
                weekday=weekday,
                start_time=start_time,
                latitude=latitude,
                longitude=longitude,
                program_id=program_id,
                focus=focus,
                type_ids=type_ids.get(meeting_id),
                language_ids=language_ids.get(meeting_id),
                names=(name, group_name, location_name),
                group_id=group_id,
                zone_name=zone_name,
                recurrence=recurrence,
                group_quality=quality_signals(
                    guidelines=guidelines,
                    confidentiality=confidentiality,
                    inclusivity=inclusivity,
                    verified=verified_at is not None,
                ),
            )
        )
        if len(rows) >= LISTING_CHUNK:
            writer.insert(rows)
            written += len(rows)
            rows = []
    writer.insert(rows)
    return written + len(rows)


def listing_row(
    *,
    meeting_id: int,
    mode: str,
    weekday: int | None,
    start_time: dt.time | None,
    latitude: float | None,
    longitude: float | None,
    program_id: int,
    focus: str,
    type_ids: list[int] | None,
    language_ids: list[int] | None,
    names: tuple[str | None, ...],
    group_id: int,
    zone_name: str,
    recurrence: str,
    group_quality: int,
) -> tuple[Any, ...]:
    """The finder's row for one listed meeting, in ``LISTING_COLUMNS`` order.

    For bulk writers (imports) that hold the data already; ``listings_refresh``
    builds its rows here too, so there is one definition of a listing.
    """
    if mode == AttendanceMode.ONLINE:
        reach = Reach.ONLINE
    elif latitude is not None and longitude is not None:
        reach = Reach.LOCAL
    elif mode == AttendanceMode.HYBRID:
        reach = Reach.ONLINE
    else:
        reach = Reach.UNPLACED
    return (
        meeting_id,
        mode,
        reach,
        weekly_sort_key(weekday, start_time),
        start_time,
        latitude,
        longitude,
        program_id,
        focus,
        _bars(type_ids),
        _bars(language_ids),
        "\n".join(filter(None, names)).lower(),
        group_id,
        zone_name,
        recurrence,
        week_minute_utc(weekday, start_time, zone_name),
        group_quality,
    )


# A first load of this many finder rows into an empty table builds the covering
# indexes afterwards: one sort per index instead of an insert into four B-trees per
# row, about twice as fast. Only into an empty table: on PostgreSQL the dropped
# indexes keep searches out until the transaction ends.
BULK_INDEX_REBUILD_MIN_ROWS = 20_000


def listings_insert(rows: list[tuple[Any, ...]]) -> None:
    """Add finder rows built by ``listing_row`` for meetings that have none yet."""
    rebuild = (
        len(rows) >= BULK_INDEX_REBUILD_MIN_ROWS and not ListedMeeting.objects.exists()
    )
    if rebuild:
        with connection.cursor() as cursor:
            for name, _ in _listing_index_sql():
                cursor.execute(f"DROP INDEX {name}")
    writer = RowWriter(ListedMeeting, LISTING_COLUMNS, timezone.now())
    for start in range(0, len(rows), LISTING_CHUNK):
        writer.insert(rows[start : start + LISTING_CHUNK])
    if rebuild:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # PostgreSQL builds no index over rows with foreign key checks
                # still pending: run them now (they were due at commit anyway).
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for _, create in _listing_index_sql():
                cursor.execute(create)
            if connection.vendor == "postgresql":
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _listing_index_sql() -> list[tuple[str, str]]:
    """(quoted name, CREATE INDEX statement) of the finder table's indexes, as the
    migration creates them."""
    editor = connection.schema_editor()  # writes SQL only; not entered
    return [
        (
            connection.ops.quote_name(index.name),
            str(index.create_sql(ListedMeeting, editor)),
        )
        for index in ListedMeeting._meta.indexes
    ]


def _ids_by_meeting(pairs: Iterable[tuple[int, int]]) -> dict[int, list[int]]:
    grouped: dict[int, list[int]] = {}
    for meeting_id, other_id in pairs:
        grouped.setdefault(meeting_id, []).append(other_id)
    return grouped


def _bars(ids: list[int] | None) -> str:
    return f"|{'|'.join(map(str, sorted(ids)))}|" if ids else ""


def id_pattern(pk: int) -> str:
    """What ``ListedMeeting.type_ids`` or ``language_ids`` contains for one id."""
    return f"|{pk}|"
