"""Reads of feeds and their runs."""

from __future__ import annotations

from django.db.models import QuerySet

from kinship.directory.models import Feed, MeetingType, Program
from kinship.directory.services import programs_sync
from kinship.directory.vocabularies import (
    MEETING_GUIDE_LANGUAGE_TYPES,
    PROGRAMS_BY_CODE,
)

from .models import ImportRun
from .reading import Vocabulary


def program_for_code(code: str) -> Program:
    """The program with this code; the standard ones are created on first use."""
    program = Program.objects.filter(code=code).first()
    if program is None and code in PROGRAMS_BY_CODE:
        programs_sync()
        program = Program.objects.filter(code=code).first()
    if program is None:
        known = sorted(
            {*PROGRAMS_BY_CODE, *Program.objects.values_list("code", flat=True)}
        )
        raise LookupError(f"No program {code!r}. Known programs: {', '.join(known)}.")
    return program


def program_vocabulary(code: str) -> Vocabulary:
    """The type vocabulary of the program with this code, for reading a feed.

    Unlike ``program_for_code`` it never writes: a standard program not yet in the
    database is read from ``vocabularies.py``. ``LookupError`` for an unknown code.
    """
    program = Program.objects.filter(code=code).first()
    if program is not None:
        codes = frozenset(
            MeetingType.objects.filter(program=program).values_list("code", flat=True)
        )
    elif code in PROGRAMS_BY_CODE:
        codes = frozenset(type_.code for type_ in PROGRAMS_BY_CODE[code].types)
    else:
        known = sorted(
            {*PROGRAMS_BY_CODE, *Program.objects.values_list("code", flat=True)}
        )
        raise LookupError(f"No program {code!r}. Known programs: {', '.join(known)}.")
    return Vocabulary(type_codes=codes, language_types=MEETING_GUIDE_LANGUAGE_TYPES)


def feed_for_source(
    *, source: str, program_code: str, name: str | None, create: bool
) -> Feed:
    """The feed registered for this source and program, registered if new."""
    program = program_for_code(program_code)
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


def runs_of_feed(feed: Feed) -> QuerySet[ImportRun]:
    return ImportRun.objects.filter(feed=feed).order_by("-started_at")
