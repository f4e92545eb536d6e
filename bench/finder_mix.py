"""The finder benchmark's query mix: realistic, deterministic, drawn from seeded data.

Kinds of search (shares of the mix):

- ``near`` (60 %): a ZIP code (mostly ZIPs of seeded meeting places, some big-city
  ZIPs), a radius of 5 to 25 miles and 0 to 2 other filters (day, time, mode,
  program, type, language, free text).
- ``near_online`` (15 %): a ZIP code and radius with ``mode=online``.
- ``no_place`` (15 %): no place; 1 to 3 of day, time and program.
- ``near_page`` (10 %): page 2 or 3 of a near search with 0 or 1 other filter.

Each search goes to the JSON API (half) or to the finder page (a quarter as a full
page, a quarter as the htmx results fragment).
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import zipcodes
from scratchdb import DbClient

KIND_WEIGHTS = {"near": 60, "near_online": 15, "no_place": 15, "near_page": 10}
NEAR_KINDS = ("near", "near_online", "near_page")
ENDPOINT_WEIGHTS = {"api": 50, "page": 25, "page-htmx": 25}
ENDPOINT_PATHS = {
    "api": "/api/v1/meetings",
    "page": "/meetings/",
    "page-htmx": "/meetings/",
}
# Downtown ZIPs of the ten largest US cities: searches where people are, whether or
# not the seeded data put meetings there.
BIG_CITY_ZIPS = (
    "10001",  # New York
    "90012",  # Los Angeles
    "60601",  # Chicago
    "77002",  # Houston
    "85004",  # Phoenix
    "19103",  # Philadelphia
    "78205",  # San Antonio
    "92101",  # San Diego
    "75201",  # Dallas
    "95113",  # San Jose
)
BIG_CITY_SHARE = 0.2
NEAR_FILTERS = ("day", "time", "mode", "program", "type", "language", "q")
NO_PLACE_FILTERS = ("day", "time", "program")
DAYS = ("0", "1", "2", "3", "4", "5", "6", "today")
TIMES = ("morning", "afternoon", "evening", "night")
MODES = ("in_person", "hybrid", "online")
SAMPLE_NAMES = 3000
MIN_WORD_LENGTH = 4


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """What the seeded data holds, so that searches are valid and can match."""

    zips: tuple[str, ...]
    programs: tuple[str, ...]
    program_types: dict[str, tuple[str, ...]]
    type_codes: tuple[str, ...]
    languages: tuple[str, ...]
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FinderRequest:
    """One finder search as sent over HTTP."""

    kind: str
    endpoint: str
    params: tuple[tuple[str, str], ...]

    @property
    def path(self) -> str:
        return f"{ENDPOINT_PATHS[self.endpoint]}?{urlencode(self.params)}"

    @property
    def headers(self) -> dict[str, str]:
        if self.endpoint == "page-htmx":
            return {"HX-Request": "true"}
        return {}


def _known_zip(code: str) -> bool:
    """A five-digit ZIP the finder can geocode (the ``zipcodes`` package has it)."""
    if len(code) != 5 or not code.isdigit():
        return False
    rows: list[dict[str, Any]] = zipcodes.matching(code)  # type: ignore[no-untyped-call]
    return any(float(row["lat"]) != 0 or float(row["long"]) != 0 for row in rows)


def load_vocabulary(client: DbClient) -> Vocabulary:
    zips = client.rows(
        "SELECT DISTINCT l.postal_code FROM directory_location l "
        "WHERE l.latitude IS NOT NULL AND EXISTS (SELECT 1 FROM directory_meeting m "
        "WHERE m.location_id = l.id AND m.attendance_mode IN ('in_person', 'hybrid')) "
        "ORDER BY 1"
    )
    programs = client.rows(
        "SELECT DISTINCT p.code FROM directory_program p "
        "JOIN directory_group g ON g.program_id = p.id ORDER BY 1"
    )
    types = client.rows(
        "SELECT DISTINCT p.code, t.code FROM directory_meetingtype t "
        "JOIN directory_program p ON p.id = t.program_id WHERE EXISTS (SELECT 1 "
        "FROM directory_meeting_types mt WHERE mt.meetingtype_id = t.id) ORDER BY 1, 2"
    )
    languages = client.rows(
        "SELECT DISTINCT lang.code FROM directory_language lang JOIN "
        "directory_meeting_languages ml ON ml.language_id = lang.id ORDER BY 1"
    )
    names = client.rows(
        f"SELECT name FROM directory_group ORDER BY id LIMIT {SAMPLE_NAMES}"  # noqa: S608
    )
    program_types: dict[str, list[str]] = {}
    for program, code in types:
        program_types.setdefault(program, []).append(code)
    words = {
        word
        for (name,) in names
        for word in re.findall(r"[A-Za-z]+", name)
        if len(word) >= MIN_WORD_LENGTH
    }
    return Vocabulary(
        zips=tuple(code for (code,) in zips if _known_zip(code)),
        programs=tuple(code for (code,) in programs),
        program_types={key: tuple(value) for key, value in program_types.items()},
        type_codes=tuple(sorted({code for _, code in types})),
        languages=tuple(code for (code,) in languages),
        words=tuple(sorted(words, key=str.lower)),
    )


def type_probes(vocab: Vocabulary) -> list[FinderRequest]:
    """One cheap search per type code the mix may send, alone and with its program.

    The place is in the open Pacific and only in-person meetings are wanted, so
    the search matches nothing; it only shows whether the finder accepts the type.
    """
    nowhere = (("mode", "in_person"), ("near", "0,-140"), ("radius", "1"))
    probes = [
        FinderRequest("probe", "api", (*nowhere, ("type", code)))
        for code in vocab.type_codes
    ]
    probes += [
        FinderRequest("probe", "api", (*nowhere, ("program", program), ("type", code)))
        for program, codes in vocab.program_types.items()
        for code in codes
    ]
    return probes


def without_types(vocab: Vocabulary, refused: list[FinderRequest]) -> Vocabulary:
    """The vocabulary less the type codes (alone or in a program) that were refused."""
    alone = set()
    in_program = set()
    for probe in refused:
        params = dict(probe.params)
        if "program" in params:
            in_program.add((params["program"], params["type"]))
        else:
            alone.add(params["type"])
    return dataclasses.replace(
        vocab,
        type_codes=tuple(code for code in vocab.type_codes if code not in alone),
        program_types={
            program: tuple(c for c in codes if (program, c) not in in_program)
            for program, codes in vocab.program_types.items()
        },
    )


def _zip(vocab: Vocabulary, rng: random.Random) -> str:
    if not vocab.zips or rng.random() < BIG_CITY_SHARE:
        return rng.choice(BIG_CITY_ZIPS)
    return rng.choice(vocab.zips)


def _near(vocab: Vocabulary, rng: random.Random) -> dict[str, str]:
    return {"near": _zip(vocab, rng), "radius": str(rng.randint(5, 25))}


def _filters(
    vocab: Vocabulary, rng: random.Random, names: tuple[str, ...], count: int
) -> dict[str, str]:
    chosen = set(rng.sample(names, count))
    params: dict[str, str] = {}
    pickers: dict[str, Callable[[], str | None]] = {
        "day": lambda: rng.choice(DAYS),
        "time": lambda: rng.choice(TIMES),
        "mode": lambda: rng.choice(MODES),
        "program": lambda: rng.choice(vocab.programs) if vocab.programs else None,
        "type": lambda: _type_code(vocab, rng, params.get("program")),
        "language": lambda: rng.choice(vocab.languages) if vocab.languages else None,
        "q": lambda: rng.choice(vocab.words) if vocab.words else None,
    }
    for name in pickers:  # program before type: a type is read in its program
        if name in chosen and (value := pickers[name]()) is not None:
            params[name] = value
    return params


def _type_code(
    vocab: Vocabulary, rng: random.Random, program: str | None
) -> str | None:
    codes = vocab.program_types.get(program, ()) if program else vocab.type_codes
    return rng.choice(codes) if codes else None


def _params(kind: str, vocab: Vocabulary, rng: random.Random) -> dict[str, str]:
    if kind == "near":
        return _near(vocab, rng) | _filters(vocab, rng, NEAR_FILTERS, rng.randint(0, 2))
    if kind == "near_online":
        return _near(vocab, rng) | {"mode": "online"}
    if kind == "no_place":
        return _filters(vocab, rng, NO_PLACE_FILTERS, rng.randint(1, 3))
    page = {"page": str(rng.randint(2, 3))}
    return (
        _near(vocab, rng) | _filters(vocab, rng, NEAR_FILTERS, rng.randint(0, 1)) | page
    )


def build_mix(vocab: Vocabulary, count: int, seed: int) -> list[FinderRequest]:
    """``count`` searches; the same seed and data always give the same list."""
    rng = random.Random(seed)
    kinds, kind_weights = zip(*KIND_WEIGHTS.items(), strict=True)
    endpoints, endpoint_weights = zip(*ENDPOINT_WEIGHTS.items(), strict=True)
    mix = []
    for _ in range(count):
        kind = rng.choices(kinds, kind_weights)[0]
        endpoint = rng.choices(endpoints, endpoint_weights)[0]
        params = _params(kind, vocab, rng)
        mix.append(FinderRequest(kind, endpoint, tuple(sorted(params.items()))))
    return mix


def mix_digest(mix: list[FinderRequest]) -> str:
    """A short fingerprint, to show two databases were sent the same searches."""
    digest = hashlib.sha256()
    for request in mix:
        digest.update(f"{request.endpoint} {request.path}\n".encode())
    return digest.hexdigest()[:12]
