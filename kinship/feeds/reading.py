"""Reading Meeting Guide feeds the way real feeds are written, not only the spec.

Pure functions: bytes in, ``MeetingRecord`` values and ``Problem`` reports out. No
database access, so the importer, the linter and property tests share them.

Real feeds send ``day`` as an integer, a numeric string, a day name or an array;
times as ``HH:MM``, ``HH:MM:SS`` or ``7:30 PM``; coordinates as numbers or strings;
empty strings for absent values; HTML in text; ``types`` as an array or a string;
integer slugs; several ``updated`` formats; conference links only in the notes.
Attendance mode is derived as TSML UI derives it (``conference_url`` of a known
provider or a conference phone of ten or more digits makes a meeting online; the
``TC`` type or an approximate address keeps it from being in person), so the counts
of a feed read here match what TSML UI shows for it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from functools import cached_property, lru_cache
from typing import Any

import zipcodes

from kinship.core.timezones import is_valid_timezone

__all__ = [
    "CONFERENCE_PROVIDERS",
    "FeedError",
    "LocationRecord",
    "MeetingRecord",
    "Problem",
    "ReadResult",
    "Vocabulary",
    "feed_parse",
    "feed_read",
]

# Hosts TSML UI recognises as conference providers (its settings, 2025): a link to
# any other host does not make a meeting online there, so not here either.
CONFERENCE_PROVIDERS: tuple[str, ...] = (
    "bluejeans.com",
    "discord.gg",
    "freeconference.com",
    "freeconferencecall.com",
    "goto.com",
    "gotomeet.me",
    "gotomeeting.com",
    "horizon.meta.com",
    "maps.secondlife.com",
    "meet.google.com",
    "meet.jit.si",
    "meetings.dialpad.com",
    "signal.group",
    "skype.com",
    "slurl.com",
    "teams.live.com",
    "teams.microsoft.com",
    "vrchat.com",
    "webex.com",
    "zoho.com",
    "zoom.us",
)

MAX_NAME_LENGTH = 200
MAX_SLUG_LENGTH = 200
MIN_CONFERENCE_PHONE_DIGITS = 10
EMAIL_REDACTION = "(email address removed)"

DAY_NAMES: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("sunday", "sun", "su"),
            ("monday", "mon", "mo"),
            ("tuesday", "tue", "tues", "tu"),
            ("wednesday", "wed", "we"),
            ("thursday", "thu", "thur", "thurs", "th"),
            ("friday", "fri", "fr"),
            ("saturday", "sat", "sa"),
        )
    )
    for name in names
}

TIME_24 = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
TIME_12 = re.compile(r"^(\d{1,2})(?::(\d{2}))?(?::\d{2})?\s*([ap])\.?\s*m\.?$", re.I)
TAG = re.compile(r"<[^>]*>")
LINE_BREAK_TAG = re.compile(r"<\s*(?:br\s*/?|/p|/div|/li)\s*>", re.I)
ENTITY = re.compile(r"&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
HAS_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
SPACES = re.compile(r"[ \t\f\v\u00a0]+")
# Text without these needs nothing done to it (most text, so checked first).
NEEDS_CLEANING = re.compile(r"[<&\r\n\t\f\v\u00a0@]|  ")
BLANK_LINES = re.compile(r"\n{3,}")
URL = re.compile(r"https?://[^\s<>\"')\]]+", re.I)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-zA-Z]{2,}")
ZIP = re.compile(r"\b(\d{5})(?:-\d{4})?\b")
STATE_ZIP = re.compile(r"^([A-Z]{2})\s+(\d{5}(?:-\d{4})?)$")
MEETING_ID_IN_NOTES = re.compile(
    r"(?:meeting\s*id|zoom\s*id|passcode|password)\s*[:#]?\s*\d", re.I
)
PLACEHOLDER = re.compile(r"\{[a-z_]+(?:\.[a-z_]+)+\}")
COUNTRIES = {
    "us": "US",
    "usa": "US",
    "u.s.a.": "US",
    "united states": "US",
    "united states of america": "US",
    "ca": "CA",
    "canada": "CA",
    "mx": "MX",
    "mexico": "MX",
    "uk": "GB",
    "gb": "GB",
    "united kingdom": "GB",
}
UPDATED_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
    "%B %d, %Y",
)


class FeedError(Exception):
    """The feed as a whole cannot be read: nothing may be imported from it."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one record: a rejection or a warning."""

    index: int
    slug: str
    field: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "slug": self.slug,
            "field": self.field,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class LocationRecord:
    """A place as the feed describes it."""

    name: str = ""
    formatted_address: str = ""
    street: str = ""
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    latitude: float | None = None
    longitude: float | None = None
    approximate: bool = False
    notes: str = ""
    timezone: str = ""

    @cached_property
    def key(self) -> str:
        """A digest naming the place and every detail given about it."""
        return _digest(tuple(getattr(self, name) for name in LOCATION_FIELDS))


@dataclass(frozen=True)
class MeetingRecord:
    """One meeting read from a feed record (a record with a day array gives several)."""

    index: int
    source_slug: str
    name: str
    weekday: int | None
    start_time: dt.time | None
    end_time: dt.time | None
    timezone: str
    attendance_mode: str  # in_person | online | hybrid
    active: bool  # False: TSML's "inactive" (no way to attend is known)
    location: LocationRecord | None
    type_codes: tuple[str, ...]
    language_codes: tuple[str, ...]
    unknown_type_codes: tuple[str, ...]
    notes: str = ""
    conference_url: str = ""
    conference_url_notes: str = ""
    conference_phone: str = ""
    conference_phone_notes: str = ""
    group_name: str = ""
    group_notes: str = ""
    group_id: str = ""
    updated: dt.datetime | None = None

    @property
    def mode_label(self) -> str:
        """The attendance option TSML UI would show: a mode or ``inactive``."""
        return self.attendance_mode if self.active else "inactive"

    @cached_property
    def group_key(self) -> str:
        """Meetings with the same group id or group name share a group; a meeting
        that names none is grouped with same-named meetings at the same place."""
        if self.group_id:
            return "group-id:" + _digest((self.group_id,))
        if self.group_name:
            return "group:" + _digest((self.group_name,))
        place = self.location.key if self.location else ""
        return "meeting:" + _digest((self.name, place))

    @cached_property
    def digest(self) -> str:
        """Everything read from the record: equal digests mean nothing changed."""
        # Not the index: the record's position in the feed may move.
        values = [getattr(self, name) for name in MEETING_FIELDS[1:]]
        values[MEETING_FIELDS.index("location") - 1] = (
            self.location.key if self.location else None
        )
        return _digest(tuple(values))


LOCATION_FIELDS = tuple(f.name for f in fields(LocationRecord))
MEETING_FIELDS = tuple(f.name for f in fields(MeetingRecord))


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """A program's type codes and the language type codes, for reading ``types``."""

    type_codes: frozenset[str]
    language_types: Mapping[str, str]  # Meeting Guide code -> our language code

    @property
    def by_folded_code(self) -> dict[str, str]:
        return _folded(self.type_codes)


@lru_cache(maxsize=32)
def _folded(codes: frozenset[str]) -> dict[str, str]:
    return {code.casefold(): code for code in codes}


@dataclass
class ReadResult:
    """What reading a whole feed gave."""

    meetings: list[MeetingRecord] = field(default_factory=list)
    rejections: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    record_count: int = 0


class _Rejected(Exception):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


def feed_parse(data: bytes) -> list[Any]:
    """The feed's records, or ``FeedError`` saying plainly why there are none."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FeedError(
            f"The feed is not UTF-8 text (byte {error.start} cannot be read)."
        ) from None
    if not text.strip():
        raise FeedError("The feed is empty.")
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as error:
        # Cut off mid-way, a feed ends inside a string or before a value.
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated"):
            raise FeedError(
                f"The feed ends too early: it looks truncated "
                f"(line {error.lineno}, column {error.colno})."
            ) from None
        raise FeedError(
            f"The feed is not valid JSON: {error.msg} "
            f"(line {error.lineno}, column {error.colno})."
        ) from None
    if not isinstance(parsed, list):
        raise FeedError(
            f"A Meeting Guide feed is a JSON array of meetings; this one is a JSON "
            f"{_json_kind(parsed)}."
        )
    return parsed


def _json_kind(value: object) -> str:
    if isinstance(value, dict):
        return "object"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return "null"


def feed_read(
    records: list[Any],
    vocabulary: Vocabulary,
    *,
    default_timezone: str = "",
) -> ReadResult:
    """Read every record; a record that cannot be used is rejected with its reason.

    Of records with the same slug the first is kept.
    """
    result = ReadResult(record_count=len(records))
    seen: set[str] = set()
    for index, raw in enumerate(records):
        warnings: list[Problem] = []
        try:
            meetings = _record_read(index, raw, vocabulary, default_timezone, warnings)
        except _Rejected as rejected:
            result.rejections.append(
                Problem(index, _slug_of(raw), rejected.field, rejected.reason)
            )
            meetings = []
        result.warnings.extend(warnings)
        for meeting in meetings:
            if meeting.source_slug in seen:
                result.rejections.append(
                    Problem(
                        index,
                        meeting.source_slug,
                        "slug",
                        "duplicate slug: an earlier record has the same slug",
                    )
                )
                continue
            seen.add(meeting.source_slug)
            result.meetings.append(meeting)
    return result


def _slug_of(raw: Any) -> str:
    if isinstance(raw, dict):
        value = raw.get("slug")
        if isinstance(value, str | int) and not isinstance(value, bool):
            return str(value).strip()
    return ""


def _record_read(
    index: int,
    raw: Any,
    vocabulary: Vocabulary,
    default_timezone: str,
    warnings: list[Problem],
) -> list[MeetingRecord]:
    if not isinstance(raw, dict):
        raise _Rejected("", f"a record must be a JSON object, not a {_json_kind(raw)}")
    slug = _slug_of(raw)

    def warn(field: str, reason: str) -> None:
        warnings.append(Problem(index, slug, field, reason))

    if not slug:
        raise _Rejected("slug", "slug is required")
    if len(slug) > MAX_SLUG_LENGTH:
        raise _Rejected("slug", f"slug is longer than {MAX_SLUG_LENGTH} characters")
    name = _text(raw, "name", warn, multiline=False)
    if not name:
        raise _Rejected("name", "name is required")
    if len(name) > MAX_NAME_LENGTH:
        warn("name", f"name shortened to {MAX_NAME_LENGTH} characters")
        name = name[:MAX_NAME_LENGTH].rstrip()

    days = _days(raw.get("day"))
    start = _time(raw.get("time"), "time")
    end = _time(raw.get("end_time"), "end_time", warn)
    if days and start is None:
        warn("time", "a day without a time: read as by appointment")
        days = []
    if not days and start is not None:
        warn("day", "a time without a day: read as by appointment")
        start = end = None
    if not days:
        end = None

    types, languages, unknown = _types(raw.get("types"), vocabulary, warn)
    notes = _text(raw, "notes", warn)
    conference_url = _plain(raw.get("conference_url"))
    if not conference_url:
        found = _conference_link_in(notes)
        if found:
            conference_url = found
            warn("notes", "conference link found only in the notes: used")
    if conference_url and not _is_http_url(conference_url):
        warn("conference_url", "conference_url is not an http(s) link: ignored")
        conference_url = ""
    phone = _plain(raw.get("conference_phone"))
    if phone and len(re.sub(r"[^\d,+#]", "", phone)) < MIN_CONFERENCE_PHONE_DIGITS:
        warn("conference_phone", "conference_phone has too few digits: ignored")
        phone = ""
    known_provider = bool(conference_url) and _known_provider(conference_url)
    online = bool(phone) or known_provider
    if conference_url and not known_provider:
        warn(
            "conference_url",
            "conference_url is not a known meeting provider: the meeting is not "
            "counted as online",
        )

    location = _location(raw, warn)
    if location is None and not (conference_url or phone):
        raise _Rejected(
            "formatted_address",
            "no address and no conference link or phone: nowhere to attend",
        )
    closed = "TC" in types or "TC" in unknown
    in_person = location is not None and not closed and not location["approximate"]
    if online and in_person:
        mode, active = "hybrid", True
    elif online:
        mode, active = "online", True
    elif in_person:
        mode, active = "in_person", True
    else:
        mode, active = ("in_person" if location else "online"), False

    timezone = _timezone(raw, location, default_timezone, warn)
    place = None if location is None else LocationRecord(**location, timezone=timezone)
    single_day = len(days) == 1 and not isinstance(raw.get("day"), list)
    base = MeetingRecord(
        index=index,
        source_slug=slug,
        name=name,
        weekday=days[0] if single_day else None,
        start_time=start if days else None,
        end_time=end,
        timezone=timezone,
        attendance_mode=mode,
        active=active,
        location=place,
        type_codes=types,
        language_codes=languages,
        unknown_type_codes=unknown,
        notes=notes,
        conference_url=conference_url,
        conference_url_notes=_text(raw, "conference_url_notes", warn)
        if conference_url
        else "",
        conference_phone=phone,
        conference_phone_notes=_text(raw, "conference_phone_notes", warn)
        if phone
        else "",
        group_name=_text(raw, "group", warn, multiline=False)[:MAX_NAME_LENGTH],
        group_notes=_text(raw, "group_notes", warn),
        updated=_updated(raw.get("updated"), warn),
        group_id=_plain(raw.get("group_id"))[:100],
    )
    if not days or single_day:
        return [base]
    # One meeting per day, slugged as TSML UI does: "<slug>-<day>".
    return [replace(base, weekday=day, source_slug=f"{slug}-{day}") for day in days]


def _plain(value: Any) -> str:
    """A scalar as trimmed text; empty strings, null and lists count as absent."""
    if value is None or isinstance(value, bool | list | dict):
        return ""
    return str(value).strip()


def _text(
    raw: Mapping[str, Any],
    key: str,
    warn: Callable[[str, str], None],
    *,
    multiline: bool = True,
) -> str:
    """Text with HTML tags removed, entities decoded and no email addresses."""
    value = _plain(raw.get(key))
    if not value or not NEEDS_CLEANING.search(value):
        return value
    if "<" in value and HAS_TAG.search(value):
        warn(key, "HTML tags in text: removed")
        value = TAG.sub(" ", LINE_BREAK_TAG.sub("\n", value))
    if "&" in value and ENTITY.search(value):
        value = html.unescape(value)
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if not multiline:
        value = value.replace("\n", " ")
    lines = (SPACES.sub(" ", line).strip() for line in value.split("\n"))
    return _redacted(BLANK_LINES.sub("\n\n", "\n".join(lines)).strip(), key, warn)


def _redacted(text: str, key: str, warn: Callable[[str, str], None]) -> str:
    """Email addresses in free text are personal data: not kept, not republished."""
    if "@" in text and EMAIL.search(text):
        warn(key, "email address in text: removed (personal data)")
        return EMAIL.sub(EMAIL_REDACTION, text)
    return text


def _days(value: Any) -> list[int]:
    """Weekdays 0 (Sunday) to 6; [] for by appointment. Rejects what is unreadable."""
    if value is None or value == "" or value == []:
        return []
    values = value if isinstance(value, list) else [value]
    days: list[int] = []
    for item in values:
        day = _day(item)
        if day not in days:
            days.append(day)
    return sorted(days)


def _day(value: Any) -> int:
    if isinstance(value, bool):
        raise _Rejected("day", f"day {value!r} is not a weekday")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    elif isinstance(value, str):
        text = value.strip().casefold()
        if text in DAY_NAMES:
            return DAY_NAMES[text]
        if not re.fullmatch(r"\d", text):
            raise _Rejected("day", f"day {value!r} is not a weekday")
        number = int(text)
    else:
        raise _Rejected("day", f"day {value!r} is not a weekday")
    if not 0 <= number <= 6:
        raise _Rejected("day", f"day {value!r} is not 0 (Sunday) to 6 (Saturday)")
    return number


def _time(
    value: Any, key: str, warn: Callable[[str, str], None] | None = None
) -> dt.time | None:
    """``HH:MM``, ``HH:MM:SS`` or a 12-hour time with AM/PM; None when absent.

    An unreadable start time rejects the record; an unreadable end time is dropped
    with a warning (the meeting then lasts the default hour).
    """
    text = _plain(value)
    if not text:
        return None
    parsed = _time_parse(text)
    if parsed is None:
        if warn is None:
            raise _Rejected(
                key, f"{key} {text!r} is not a time such as 19:30 or 7:30 PM"
            )
        warn(key, f"{key} {text!r} is not a time: ignored")
    return parsed


def _time_parse(text: str) -> dt.time | None:
    match = TIME_24.match(text)
    if match:
        hour, minute = int(match[1]), int(match[2])
        if hour == 24 and minute == 0:
            return dt.time(0, 0)
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
        return None
    match = TIME_12.match(text)
    if match:
        hour, minute = int(match[1]), int(match[2] or 0)
        if not 1 <= hour <= 12 or minute >= 60:
            return None
        hour %= 12
        if match[3].casefold() == "p":
            hour += 12
        return dt.time(hour, minute)
    folded = text.casefold()
    if folded == "noon":
        return dt.time(12, 0)
    if folded == "midnight":
        return dt.time(0, 0)
    return None


def _types(
    value: Any, vocabulary: Vocabulary, warn: Callable[[str, str], None]
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Codes read in the program's namespace: (types, languages, unknown codes)."""
    if value is None or value == "":
        return (), (), ()
    if isinstance(value, str):
        items: list[Any] = [part for part in re.split(r"[,;\s]+", value) if part]
    elif isinstance(value, list):
        items = value
    else:
        warn("types", "types is neither a list nor a string: ignored")
        return (), (), ()
    folded = vocabulary.by_folded_code
    types: list[str] = []
    languages: list[str] = []
    unknown: list[str] = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, str | int):
            warn("types", f"type {item!r} is not a code: ignored")
            continue
        code = str(item).strip()
        if not code:
            continue
        known = code if code in vocabulary.type_codes else folded.get(code.casefold())
        language = vocabulary.language_types.get(
            known or code
        ) or vocabulary.language_types.get(code.upper())
        if known and known not in types:
            types.append(known)
        if language and language not in languages:
            languages.append(language)
        if not known and not language and code not in unknown:
            unknown.append(code)
            warn("types", f"unknown type code {code!r}: kept, not shown as a type")
    return tuple(sorted(types)), tuple(sorted(languages)), tuple(unknown)


def _location(
    raw: Mapping[str, Any], warn: Callable[[str, str], None]
) -> dict[str, Any] | None:
    """The place's fields (all of ``LocationRecord`` but its zone), or None."""
    formatted = _text(raw, "formatted_address", warn, multiline=False)
    street = _text(raw, "address", warn, multiline=False)
    city = _text(raw, "city", warn, multiline=False)
    region = _text(raw, "state", warn, multiline=False)
    postal_code = _plain(raw.get("postal_code"))
    country_text = _text(raw, "country", warn, multiline=False)
    if not formatted:
        formatted = ", ".join(
            part
            for part in (street, city, f"{region} {postal_code}".strip(), country_text)
            if part
        )
    name = _text(raw, "location", warn, multiline=False)
    if not formatted:
        return None
    parts = [part.strip() for part in formatted.split(",")]
    if not (street or city or region or postal_code) and len(parts) >= 4:
        state_zip = STATE_ZIP.match(parts[-2])
        if state_zip:
            street = ", ".join(parts[:-3])
            city = parts[-3]
            region, postal_code = state_zip[1], state_zip[2]
            country_text = country_text or parts[-1]
    latitude, longitude = _coordinates(raw, warn)
    approximate = _approximate(raw.get("approximate"), formatted)
    return {
        "name": name[:200],
        "formatted_address": formatted[:300],
        "street": street[:200],
        "city": city[:100],
        "region": region[:100],
        "postal_code": postal_code[:16],
        "country": COUNTRIES.get(country_text.casefold(), country_text.upper())
        if len(country_text) == 2 or country_text.casefold() in COUNTRIES
        else "",
        "latitude": latitude,
        "longitude": longitude,
        "approximate": approximate,
        "notes": _text(raw, "location_notes", warn),
    }


def _approximate(value: Any, formatted: str) -> bool:
    """As TSML UI: ``yes``/``no`` or a boolean, else fewer than four address parts."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip():
        return value.strip().casefold() == "yes"
    return len(formatted.split(",")) < 4


def _coordinates(
    raw: Mapping[str, Any], warn: Callable[[str, str], None]
) -> tuple[float | None, float | None]:
    latitude = _number(raw.get("latitude"), "latitude", warn)
    longitude = _number(raw.get("longitude"), "longitude", warn)
    if latitude is None or longitude is None:
        if (latitude is None) != (longitude is None):
            warn("latitude", "only one of latitude and longitude given: ignored")
        return None, None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        warn("latitude", "coordinates out of range: ignored")
        return None, None
    if latitude == 0 and longitude == 0:
        warn("latitude", "coordinates 0,0 are a placeholder: ignored")
        return None, None
    return latitude, longitude


def _number(value: Any, key: str, warn: Callable[[str, str], None]) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        return float(value)
    text = _plain(value)
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        warn(key, f"{key} {text!r} is not a number: ignored")
        return None
    if number != number or number in (float("inf"), float("-inf")):
        warn(key, f"{key} {text!r} is not a number: ignored")
        return None
    return number


def _timezone(
    raw: Mapping[str, Any],
    location: Mapping[str, Any] | None,
    default_timezone: str,
    warn: Callable[[str, str], None],
) -> str:
    """From the record, else the run's default, else coordinates, else a US ZIP."""
    given = _plain(raw.get("timezone"))
    if given:
        if is_valid_timezone(given):
            return given
        warn("timezone", f"timezone {given!r} is not an IANA time zone: ignored")
    if default_timezone:
        return default_timezone
    if location is not None:
        latitude, longitude = location["latitude"], location["longitude"]
        if latitude is not None and longitude is not None:
            zone = timezone_at(latitude, longitude)
            if zone:
                return zone
        zip_code = location["postal_code"] or _zip_in(location["formatted_address"])
        if zip_code and (location["country"] in ("", "US")):
            zone = zip_timezone(zip_code[:5])
            if zone:
                return zone
    raise _Rejected(
        "timezone",
        "time zone unknown: the record has no timezone, the run none, and no "
        "usable coordinates or US ZIP code",
    )


def _zip_in(address: str) -> str:
    matches = ZIP.findall(address)
    return matches[-1] if matches else ""


@lru_cache(maxsize=1)
def _timezone_finder() -> Any:
    from timezonefinder import TimezoneFinder

    return TimezoneFinder()


@lru_cache(maxsize=65536)
def timezone_at(latitude: float, longitude: float) -> str:
    """The IANA zone at a point on land, or "" (open sea gives only Etc/ zones)."""
    zone = _timezone_finder().timezone_at(lat=latitude, lng=longitude)
    if not zone or zone.startswith("Etc/") or not is_valid_timezone(zone):
        return ""
    return str(zone)


@lru_cache(maxsize=65536)
def zip_timezone(zip_code: str) -> str:
    """The IANA zone of a US ZIP code, or ""."""
    try:
        matches = zipcodes.matching(zip_code)  # type: ignore[no-untyped-call]
    except (TypeError, ValueError):
        return ""
    zone = matches[0].get("timezone", "") if matches else ""
    return str(zone) if zone and is_valid_timezone(zone) else ""


def _updated(value: Any, warn: Callable[[str, str], None]) -> dt.datetime | None:
    """``updated`` in the formats feeds use; naive times are read as UTC."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            return dt.datetime.fromtimestamp(value, tz=dt.UTC)
        except (OverflowError, OSError, ValueError):
            warn("updated", f"updated {value!r} is not a date: ignored")
            return None
    text = _plain(value)
    if re.fullmatch(r"\d{9,11}", text):
        return dt.datetime.fromtimestamp(int(text), tz=dt.UTC)
    parsed: dt.datetime | None = None
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        for pattern in UPDATED_FORMATS:
            try:
                parsed = dt.datetime.strptime(text, pattern)
                break
            except ValueError:
                continue
    if parsed is None:
        warn("updated", f"updated {text!r} is not a date: ignored")
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed.astimezone(dt.UTC)


def _is_http_url(value: str) -> bool:
    return value.startswith(("https://", "http://")) and len(value) <= 500


@lru_cache(maxsize=4096)
def _host_is_provider(host: str) -> bool:
    return host.endswith(CONFERENCE_PROVIDERS)


def _known_provider(url: str) -> bool:
    """Whether the link's host is (or ends with) a known provider, as TSML UI."""
    parts = url.split("/", 3)
    if len(parts) < 3:
        return False
    return _host_is_provider(parts[2].rpartition("@")[2].partition(":")[0].casefold())


def _conference_link_in(notes: str) -> str:
    """The first link in the notes to a known conference provider, if any."""
    if "http" not in notes:
        return ""
    for match in URL.finditer(notes):
        url = match.group(0).rstrip(".,;:")
        if _known_provider(url):
            return url
    return ""


def conference_details_in_notes(notes: str) -> bool:
    """Notes that carry a meeting id or passcode but the record has no link."""
    return bool(MEETING_ID_IN_NOTES.search(notes))


def placeholders_in(text: str) -> list[str]:
    """Template placeholders such as ``{m.details}`` that leaked into text."""
    return PLACEHOLDER.findall(text)


def _digest(values: tuple[Any, ...]) -> str:
    return hashlib.sha256(repr(values).encode()).hexdigest()[:40]
