"""Linting a Meeting Guide feed: every problem of every record, nothing imported.

Pure: parsed records and a ``Vocabulary`` in, ``Finding`` values out; no database.
The reader (``reading.feed_read``) is run first, so every record the importer would
reject is reported as an error with the reader's reason, and what it would read but
warn about as a warning. The checks here add what the importer tolerates yet other
apps trip over, or what a feed's editor should fix at the source: contradictory or
misspelled types, times that end before they start, conference details hidden in
notes, markup, personal data and template leftovers in text, and the non-spec
forms (12-hour times, days as names, coordinates as strings, empty strings).

Severities: ``error`` means the importer rejects the record; ``warning`` means it is
read but something is wrong or lost; ``info`` marks a form outside the spec that
the reader accepts. A few checks that usually hold for a whole feed at once (no
``timezone``, coordinates as strings, empty strings) give one feed-level finding,
``index`` None, instead of one per record.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from kinship.directory.vocabularies import MEETING_GUIDE_LANGUAGE_TYPES, PROGRAMS

from .reading import (
    CONFERENCE_PROVIDERS,
    DAY_NAMES,
    EMAIL,
    ENTITY,
    HAS_TAG,
    TIME_12,
    URL,
    Problem,
    Vocabulary,
    conference_details_in_notes,
    feed_read,
    placeholders_in,
)

__all__ = [
    "CHECKS",
    "Finding",
    "Severity",
    "feed_lint",
    "findings_by_check",
    "lint_report",
    "standard_vocabulary",
]


class Severity(StrEnum):
    ERROR = "error"  # the importer rejects the record
    WARNING = "warning"  # read, but something is wrong or is lost
    INFO = "info"  # a form outside the spec that the reader accepts


# Every finding code, in report order, with the heading it is reported under.
CHECKS: dict[str, str] = {
    # What the reader rejects or warns about (its reasons, given a code here).
    "not-an-object": "Records that are not JSON objects",
    "missing-slug": "Records without a slug",
    "slug-too-long": "Slugs that are too long",
    "missing-name": "Records without a name",
    "duplicate-slug": "Duplicate slugs",
    "bad-day": "Days that are not weekdays",
    "bad-time": "Start times that cannot be read",
    "nowhere-to-attend": "No address and no conference link or phone",
    "timezone-unknown": "Time zone cannot be worked out",
    # The linter's own checks.
    "open-and-closed": "Meetings both open (O) and closed (C)",
    "end-at-or-before-start": "End at or before start",
    "misspelled-type": "Misspelled type codes",
    "unknown-type": "Unknown type codes",
    "onl": "ONL, which is not a Meeting Guide code",
    "missing-timezone": "No timezone",
    "conference-in-notes": "Conference details only in the notes",
    "html-in-text": "HTML tags or entities in text",
    "personal-data": "Personal data in text",
    "placeholder": "Template placeholders in text",
    "twelve-hour-time": "12-hour times",
    # Further reader warnings.
    "name-too-long": "Names that are too long",
    "bad-end-time": "End times that cannot be read",
    "day-without-time": "A day without a time",
    "time-without-day": "A time without a day",
    "conference-url-not-http": "Conference URLs that are not links",
    "conference-url-unknown-provider": "Conference URLs of unknown providers",
    "conference-phone-short": "Conference phones with too few digits",
    "bad-types": "Types that cannot be read",
    "bad-coordinates": "Coordinates that cannot be used",
    "bad-timezone": "Time zones that are not IANA zones",
    "bad-updated": "Update dates that cannot be read",
    # Forms outside the spec that the reader accepts.
    "day-form": "Days not given as a number",
    "coordinates-as-strings": "Coordinates given as strings",
    "empty-strings": "Empty strings for absent values",
    # A reason of the reader that no code above names yet.
    "reader-rejection": "Other rejections",
    "reader-warning": "Other warnings",
}

# The reader's reasons, by how they begin, and the code each is reported under.
READER_REASONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), code)
    for pattern, code in (
        (r"a record must be a JSON object", "not-an-object"),
        (r"slug is required", "missing-slug"),
        (r"slug is longer than", "slug-too-long"),
        (r"name is required", "missing-name"),
        (r"name shortened", "name-too-long"),
        (r"duplicate slug", "duplicate-slug"),
        (r"day .* is not ", "bad-day"),
        (r"time .* is not a time such as", "bad-time"),
        (r"end_time .* is not a time", "bad-end-time"),
        (r"no address and no conference", "nowhere-to-attend"),
        (r"time zone unknown", "timezone-unknown"),
        (r"timezone .* is not an IANA", "bad-timezone"),
        (r"a day without a time", "day-without-time"),
        (r"a time without a day", "time-without-day"),
        (r"conference_url is not an http", "conference-url-not-http"),
        (r"conference_url is not a known", "conference-url-unknown-provider"),
        (r"conference_phone has too few", "conference-phone-short"),
        (r"types is neither|type .* is not a code", "bad-types"),
        (r"(latitude|longitude) .* is not a number", "bad-coordinates"),
        (r"only one of latitude|coordinates out of range", "bad-coordinates"),
        (r"coordinates 0,0", "bad-coordinates"),
        (r"updated .* is not a date", "bad-updated"),
        # Checked here in more detail, so the reader's version is left out.
        (r"unknown type code", ""),
        (r"HTML tags in text", ""),
        (r"email address in text", ""),
        (r"conference link found only in the notes", ""),
    )
)

# Fields whose purpose is to publish a contact or payment handle.
CONTACT_FIELDS = frozenset({"email", "feedback_url", "paypal", "venmo", "square"})

ONL = "ONL"
OPEN, CLOSED = "O", "C"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: of one record (``index``), or of the feed (``index`` None)."""

    index: int | None
    slug: str
    field: str
    code: str
    severity: Severity
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "slug": self.slug,
            "field": self.field,
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
        }


def standard_vocabulary() -> Vocabulary:
    """Every standard program's type codes together, and the language codes.

    For a feed of no stated program: a code is unknown only when no program uses
    it, and the meaning a program gives a code is not checked.
    """
    codes = frozenset(code.code for program in PROGRAMS for code in program.types)
    return Vocabulary(type_codes=codes, language_types=MEETING_GUIDE_LANGUAGE_TYPES)


def feed_lint(
    records: list[Any], vocabulary: Vocabulary, *, default_timezone: str = ""
) -> list[Finding]:
    """Every problem of the feed's ``records``, feed-level findings first, then by
    record. ``default_timezone`` is the zone an import would be run with."""
    read = feed_read(records, vocabulary, default_timezone=default_timezone)
    findings = _reader_findings(read.rejections, Severity.ERROR)
    findings += _reader_findings(read.warnings, Severity.WARNING)
    times = {m.index: (m.start_time, m.end_time) for m in read.meetings}
    redacted = {
        (problem.index, problem.field)
        for problem in read.warnings
        if problem.reason.startswith("email address in text")
    }
    duplicates_rejected = {f.index for f in findings if f.code == "duplicate-slug"}
    dicts = [(i, raw) for i, raw in enumerate(records) if isinstance(raw, dict)]
    known = _known_codes(vocabulary)
    spellings = sorted(set(known.values()))
    first_of_slug: dict[str, int] = {}
    for index, raw in dicts:
        slug = _slug(raw)
        record = _Record(index, slug, findings)
        if slug and slug in first_of_slug and index not in duplicates_rejected:
            record.add(
                "slug",
                "duplicate-slug",
                Severity.WARNING,
                f"duplicate slug: record {first_of_slug[slug]} has the same one; "
                f"each record needs its own",
            )
        if slug:
            first_of_slug.setdefault(slug, index)
        _types_check(record, raw.get("types"), known, spellings)
        _times_check(record, raw, times.get(index))
        _day_check(record, raw.get("day"))
        _conference_check(record, raw)
        _texts_check(record, raw, redacted)
    _feed_wide(findings, "missing-timezone", len(dicts), _missing_timezone(dicts))
    strings = _coordinates_as_strings(dicts)
    with_coordinates = sum(1 for _, raw in dicts if _has_coordinates(raw))
    _feed_wide(findings, "coordinates-as-strings", with_coordinates, strings)
    findings += _empty_strings(dicts)
    order = {code: position for position, code in enumerate(CHECKS)}
    findings.sort(
        key=lambda f: (f.index is not None, f.index or 0, order.get(f.code, 0))
    )
    return findings


def lint_report(record_count: int, findings: list[Finding]) -> dict[str, Any]:
    """The findings as one JSON-ready object, with the error and warning counts."""
    severities = Counter(finding.severity for finding in findings)
    return {
        "records": record_count,
        "errors": severities[Severity.ERROR],
        "warnings": severities[Severity.WARNING],
        "findings": [finding.as_dict() for finding in findings],
    }


@dataclass(slots=True)
class _Record:
    index: int
    slug: str
    findings: list[Finding]

    def add(self, field: str, code: str, severity: Severity, message: str) -> None:
        self.findings.append(
            Finding(self.index, self.slug, field, code, severity, message)
        )


def _reader_findings(problems: list[Problem], severity: Severity) -> list[Finding]:
    findings = []
    for problem in problems:
        code = _reader_code(problem.reason, severity)
        if code:
            findings.append(
                Finding(
                    problem.index,
                    problem.slug,
                    problem.field,
                    code,
                    severity,
                    f"{problem.reason}: not imported"
                    if severity is Severity.ERROR
                    else problem.reason,
                )
            )
    return findings


def _reader_code(reason: str, severity: Severity) -> str:
    for pattern, code in READER_REASONS:
        if pattern.match(reason):
            return code
    return "reader-rejection" if severity is Severity.ERROR else "reader-warning"


def _slug(raw: Mapping[str, Any]) -> str:
    value = raw.get("slug")
    if isinstance(value, str | int) and not isinstance(value, bool):
        return str(value).strip()
    return ""


def _known_codes(vocabulary: Vocabulary) -> dict[str, str]:
    """Every code the reader accepts, case-folded, to the code as spelled."""
    codes = {code.casefold(): code for code in vocabulary.type_codes}
    codes.update({code.casefold(): code for code in vocabulary.language_types})
    return codes


def _type_items(value: Any) -> list[str]:
    if isinstance(value, str):
        return [part for part in re.split(r"[,;\s]+", value) if part]
    if isinstance(value, list):
        return [
            str(item).strip()
            for item in value
            if isinstance(item, str | int) and not isinstance(item, bool)
        ]
    return []


def _types_check(
    record: _Record, value: Any, known: dict[str, str], spellings: list[str]
) -> None:
    codes = _type_items(value)
    folded = {code.casefold() for code in codes}
    if OPEN.casefold() in folded and CLOSED.casefold() in folded:
        record.add(
            "types",
            "open-and-closed",
            Severity.WARNING,
            "types has both O (open) and C (closed): a meeting is one or the other",
        )
    reported: set[str] = set()
    for code in codes:
        if not code or code.casefold() in reported:
            continue
        reported.add(code.casefold())
        if code.casefold() == ONL.casefold():
            record.add(
                "types",
                "onl",
                Severity.WARNING,
                "type ONL is not a Meeting Guide code: apps tell an online meeting "
                "by its conference_url or conference_phone, so drop it",
            )
        elif code.casefold() not in known:
            _unknown_type(record, code, spellings)


def _unknown_type(record: _Record, code: str, spellings: list[str]) -> None:
    close = difflib.get_close_matches(code.upper(), spellings, n=1)
    if close:
        record.add(
            "types",
            "misspelled-type",
            Severity.WARNING,
            f"unknown type code {code!r}: did you mean {close[0]}? "
            f"(kept, not shown as a type)",
        )
    else:
        record.add(
            "types",
            "unknown-type",
            Severity.WARNING,
            f"unknown type code {code!r}: not a code of this program "
            f"(kept, not shown as a type)",
        )


def _times_check(
    record: _Record,
    raw: Mapping[str, Any],
    read: tuple[dt.time | None, dt.time | None] | None,
) -> None:
    for key in ("time", "end_time"):
        value = raw.get(key)
        if not isinstance(value, str):
            continue
        text = value.strip()
        match = TIME_12.match(text)
        if match or text.casefold() in ("noon", "midnight"):
            record.add(
                key,
                "twelve-hour-time",
                Severity.WARNING,
                f"{key} {text!r} is a 12-hour time: the spec asks for 24-hour HH:MM"
                + (f" ({_as_24_hour(match)})" if match else ""),
            )
    if read is None:
        return
    start, end = read
    if start is not None and end is not None and end <= start:
        relation = "equals" if end == start else "is before"
        record.add(
            "end_time",
            "end-at-or-before-start",
            Severity.WARNING,
            f"end_time {end:%H:%M} {relation} time {start:%H:%M}: the meeting "
            f"crosses midnight or is an error",
        )


def _as_24_hour(match: re.Match[str]) -> str:
    hour, minute = int(match[1]) % 12, int(match[2] or 0)
    if match[3].casefold() == "p":
        hour += 12
    return f"{hour:02d}:{minute:02d}"


def _day_check(record: _Record, value: Any) -> None:
    if isinstance(value, list) and value:
        record.add(
            "day",
            "day-form",
            Severity.INFO,
            "day given as an array: the spec allows it, but many apps read one day "
            "a record; each day becomes its own meeting, slugged SLUG-DAY",
        )
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        if re.fullmatch(r"[0-6]", text):
            record.add(
                "day",
                "day-form",
                Severity.INFO,
                f"day given as the string {text!r}: the spec asks for the number "
                f"{text}",
            )
        elif text.casefold() in DAY_NAMES:
            record.add(
                "day",
                "day-form",
                Severity.INFO,
                f"day given as the name {text!r}: the spec asks for a number, "
                f"0 (Sunday) to 6 (Saturday); here {DAY_NAMES[text.casefold()]}",
            )


def _conference_check(record: _Record, raw: Mapping[str, Any]) -> None:
    if _plain(raw.get("conference_url")):
        return
    notes = raw.get("notes")
    if not isinstance(notes, str) or not notes.strip():
        return
    link = _provider_link_in(notes)
    if link:
        record.add(
            "notes",
            "conference-in-notes",
            Severity.WARNING,
            f"a conference link ({link}) is only in the notes: Kinship uses it, "
            f"but other apps will not; put it in conference_url",
        )
    elif conference_details_in_notes(notes):
        record.add(
            "notes",
            "conference-in-notes",
            Severity.WARNING,
            "a meeting id or passcode is in the notes but conference_url is empty: "
            "apps cannot offer a way to join; put the link in conference_url",
        )


def _provider_link_in(text: str) -> str:
    for match in URL.finditer(text):
        url = match.group(0).rstrip(".,;:")
        host = url.split("/")[2].split("@")[-1].split(":")[0].casefold()
        if any(host.endswith(domain) for domain in CONFERENCE_PROVIDERS):
            return url
    return ""


def _texts_check(
    record: _Record, raw: Mapping[str, Any], redacted: set[tuple[int, str]]
) -> None:
    for key, text in _texts(raw):
        tag = HAS_TAG.search(text) if "<" in text else None
        entity = ENTITY.search(text) if "&" in text else None
        if tag or entity:
            what = " and ".join(
                f"{kind} {found.group(0)}"
                for kind, found in (("HTML tag", tag), ("HTML entity", entity))
                if found
            )
            record.add(
                key,
                "html-in-text",
                Severity.WARNING,
                f"{what} in {key}: the spec expects plain text, and apps may show "
                f"the markup as is",
            )
        if "@" in text and key not in CONTACT_FIELDS and EMAIL.search(text):
            kept = "removes it" if (record.index, key) in redacted else "keeps it"
            record.add(
                key,
                "personal-data",
                Severity.WARNING,
                f"an email address in {key}: personal data, republished by every "
                f"app that reads the feed (Kinship {kept}); remove it at the source",
            )
        for placeholder in placeholders_in(text) if "{" in text else []:
            record.add(
                key,
                "placeholder",
                Severity.WARNING,
                f"template placeholder {placeholder} in {key}: text from a website "
                f"template leaked into the feed",
            )


def _texts(raw: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(key, text) for every string of a record, in lists too; contact fields
    (``contact_1_email``...) are skipped: they are meant to be published."""
    for key, value in raw.items():
        if not isinstance(key, str) or key.startswith("contact_"):
            continue
        if isinstance(value, str):
            yield key, value
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, str):
                    yield key, item


def _plain(value: Any) -> str:
    if value is None or isinstance(value, bool | list | dict):
        return ""
    return str(value).strip()


def _missing_timezone(dicts: list[tuple[int, dict[str, Any]]]) -> list[Finding]:
    return [
        Finding(
            index,
            _slug(raw),
            "timezone",
            "missing-timezone",
            Severity.WARNING,
            "no timezone: an import takes the run's default zone or works it out "
            "from the coordinates or a US ZIP code; give an IANA zone such as "
            "America/New_York",
        )
        for index, raw in dicts
        if not _plain(raw.get("timezone"))
    ]


def _has_coordinates(raw: Mapping[str, Any]) -> bool:
    return bool(_plain(raw.get("latitude")) or _plain(raw.get("longitude")))


def _coordinates_as_strings(dicts: list[tuple[int, dict[str, Any]]]) -> list[Finding]:
    findings = []
    for index, raw in dicts:
        keys = [
            key
            for key in ("latitude", "longitude")
            if isinstance(raw.get(key), str) and _is_number(raw[key])
        ]
        if keys:
            findings.append(
                Finding(
                    index,
                    _slug(raw),
                    keys[0],
                    "coordinates-as-strings",
                    Severity.INFO,
                    f"{' and '.join(keys)} given as strings: the spec asks for numbers",
                )
            )
    return findings


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _feed_wide(
    findings: list[Finding], code: str, applicable: int, found: list[Finding]
) -> None:
    """One feed-level finding when every applicable record has it, else each."""
    if len(found) < 2 or len(found) < applicable:
        findings.extend(found)
        return
    first = found[0]
    findings.append(
        Finding(
            None,
            "",
            first.field,
            code,
            first.severity,
            f"every record ({len(found)}): {first.message}",
        )
    )


def _empty_strings(dicts: list[tuple[int, dict[str, Any]]]) -> list[Finding]:
    by_field: Counter[str] = Counter()
    records = 0
    for _, raw in dicts:
        keys = [
            key
            for key, value in raw.items()
            if isinstance(key, str) and isinstance(value, str) and not value.strip()
        ]
        by_field.update(keys)
        records += bool(keys)
    if not records:
        return []
    fields = ", ".join(f"{key} ({n})" for key, n in by_field.most_common())
    return [
        Finding(
            None,
            "",
            ", ".join(key for key, _ in by_field.most_common()),
            "empty-strings",
            Severity.INFO,
            f"{records} records give empty strings for absent values: {fields}; "
            f"leave absent fields out",
        )
    ]


def findings_by_check(
    findings: list[Finding],
) -> dict[tuple[Severity, str], list[Finding]]:
    """Findings grouped by severity and code, errors first, then in ``CHECKS``
    order."""
    groups: defaultdict[tuple[Severity, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        groups[(finding.severity, finding.code)].append(finding)
    rank = {severity: position for position, severity in enumerate(Severity)}
    order = {code: position for position, code in enumerate(CHECKS)}
    return dict(
        sorted(groups.items(), key=lambda item: (rank[item[0][0]], order[item[0][1]]))
    )
