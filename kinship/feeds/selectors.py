"""Reads of feeds and their runs."""

from __future__ import annotations

from kinship.directory.models import Feed, MeetingType, Program
from kinship.directory.vocabularies import (
    MEETING_GUIDE_LANGUAGE_TYPES,
    PROGRAMS_BY_CODE,
)

from .reading import Vocabulary


def program_vocabulary(code: str) -> Vocabulary:
    """The type vocabulary of the program with this code, for reading a feed.

    It never writes: a standard program not yet in the database is read from
    ``vocabularies.py``. ``LookupError`` for an unknown code.
    """
    program = Program.objects.filter(code=code).first()
    if program is not None:
        codes = frozenset(
            MeetingType.objects.filter(program=program).values_list("code", flat=True)
        )
    elif code in PROGRAMS_BY_CODE:
        codes = frozenset(type_.code for type_ in PROGRAMS_BY_CODE[code].types)
    else:
        raise unknown_program(code)
    return Vocabulary(type_codes=codes, language_types=MEETING_GUIDE_LANGUAGE_TYPES)


def feed_vocabulary(feed: Feed) -> Vocabulary:
    """The feed's program's type codes, and the language codes every feed may use."""
    codes = frozenset(
        MeetingType.objects.filter(program_id=feed.program_id).values_list(
            "code", flat=True
        )
    )
    return Vocabulary(type_codes=codes, language_types=MEETING_GUIDE_LANGUAGE_TYPES)


def unknown_program(code: str) -> LookupError:
    """The error for a program code that names no program, listing the known ones."""
    known = sorted({*PROGRAMS_BY_CODE, *Program.objects.values_list("code", flat=True)})
    return LookupError(f"No program {code!r}. Known programs: {', '.join(known)}.")
