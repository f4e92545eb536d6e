"""The feed linter: each check on a small feed, the command, and a real feed."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinship.directory.models import Program
from kinship.directory.vocabularies import (
    MEETING_GUIDE_LANGUAGE_TYPES,
    PROGRAMS_BY_CODE,
)
from kinship.feeds.lint import (
    CHECKS,
    Finding,
    Severity,
    feed_lint,
    lint_report,
    standard_vocabulary,
)
from kinship.feeds.reading import Vocabulary

from .conftest import record


def vocabulary(program: str = "aa", *, without: str = "") -> Vocabulary:
    codes = frozenset(t.code for t in PROGRAMS_BY_CODE[program].types) - {without}
    return Vocabulary(type_codes=codes, language_types=MEETING_GUIDE_LANGUAGE_TYPES)


def lint(*records: Any, program: str = "aa", **options: Any) -> list[Finding]:
    # Through JSON, as a feed arrives.
    parsed = json.loads(json.dumps(list(records)))
    return feed_lint(parsed, vocabulary(program), **options)


def of(findings: list[Finding], code: str) -> list[Finding]:
    return [finding for finding in findings if finding.code == code]


def codes(findings: list[Finding]) -> Counter[str]:
    return Counter(finding.code for finding in findings)


def test_a_clean_record_has_no_findings() -> None:
    assert lint(record()) == []


def test_open_and_closed() -> None:
    findings = lint(
        record(slug="both", types=["O", "C", "D"]),
        record(slug="open", types=["O", "D"]),
        record(slug="folded", types="c, o"),
    )
    found = of(findings, "open-and-closed")
    assert [(f.index, f.slug, f.field, f.severity) for f in found] == [
        (0, "both", "types", Severity.WARNING),
        (2, "folded", "types", Severity.WARNING),
    ]
    assert "both O (open) and C (closed)" in found[0].message


def test_end_at_or_before_start_crosses_midnight_or_is_an_error() -> None:
    findings = lint(
        record(slug="late", time="23:00", end_time="00:00"),
        record(slug="same", time="10:00", end_time="10:00"),
        record(slug="fine", time="19:00", end_time="20:00"),
        record(slug="open-ended", time="19:00", end_time=None),
    )
    found = of(findings, "end-at-or-before-start")
    assert [(f.slug, f.field) for f in found] == [
        ("late", "end_time"),
        ("same", "end_time"),
    ]
    assert all("crosses midnight or is an error" in f.message for f in found)
    assert "00:00 is before time 23:00" in found[0].message
    assert "10:00 equals time 10:00" in found[1].message


def test_misspelled_code_gets_a_suggestion_and_unknown_code_none() -> None:
    findings = lint(record(types=["O", "ASBI", "ZZQX"]))
    [misspelled] = of(findings, "misspelled-type")
    assert "'ASBI'" in misspelled.message
    assert "did you mean ABSI?" in misspelled.message
    [unknown] = of(findings, "unknown-type")
    assert "'ZZQX'" in unknown.message
    assert "did you mean" not in unknown.message
    assert {f.severity for f in (misspelled, unknown)} == {Severity.WARNING}
    # The reader's own "unknown type code" warning is not reported a second time.
    assert len(findings) == 2


def test_codes_are_read_in_the_programs_namespace() -> None:
    # Al-Anon codes are known to Al-Anon and to the union, not all of them to AA.
    alanon = record(types=["O", "POA", "AC", "LGBTQIA", "Y"])
    assert lint(alanon, program="al-anon") == []
    assert (
        codes(lint(alanon, program="aa"))["unknown-type"]
        + codes(lint(alanon, program="aa"))["misspelled-type"]
        == 2
    )
    assert feed_lint([alanon], standard_vocabulary()) == []
    # Case does not matter to the reader, so not here either; language codes count.
    assert lint(record(types=["o", "absi", "ITA", "EN"])) == []


def test_missing_timezone_once_for_the_feed_when_no_record_has_one() -> None:
    findings = lint(
        record(slug="a", timezone=None),
        record(slug="b", timezone=None),
        record(slug="c", timezone=""),
    )
    [finding] = of(findings, "missing-timezone")
    assert (finding.index, finding.field) == (None, "timezone")
    assert finding.message.startswith("every record (3): no timezone")


def test_missing_timezone_per_record_when_only_some_lack_it() -> None:
    findings = lint(
        record(slug="a", timezone=None),
        record(slug="b"),
        record(slug="c", timezone=None),
    )
    assert [(f.index, f.slug) for f in of(findings, "missing-timezone")] == [
        (0, "a"),
        (2, "c"),
    ]


def test_conference_details_hidden_in_notes() -> None:
    findings = lint(
        record(slug="id", notes="Meeting ID: 123 456 7890\nPasscode: 1234"),
        record(slug="link", notes="Join at https://us02web.zoom.us/j/1234567890."),
        record(
            slug="has-url",
            notes="Meeting ID: 123 456 7890",
            conference_url="https://zoom.us/j/1234567890",
        ),
        record(slug="other-link", notes="Directions: https://example.org/map"),
    )
    found = of(findings, "conference-in-notes")
    assert [(f.slug, f.field) for f in found] == [("id", "notes"), ("link", "notes")]
    assert "meeting id or passcode" in found[0].message
    assert "(https://us02web.zoom.us/j/1234567890)" in found[1].message
    # The reader's "conference link found only in the notes" is this finding.
    assert codes(findings)["reader-warning"] == 0


def test_html_tags_and_entities_in_text_fields() -> None:
    findings = lint(
        record(slug="tag", notes="Upstairs<br>Room 2"),
        record(slug="entity", name="Men&#39;s Step &amp; Tradition"),
        record(slug="both", location_notes="<p>Side door &amp; ramp</p>"),
        record(slug="plain", notes="Fish & chips; 1 < 2"),
    )
    found = of(findings, "html-in-text")
    assert [(f.slug, f.field) for f in found] == [
        ("tag", "notes"),
        ("entity", "name"),
        ("both", "location_notes"),
    ]
    assert "HTML tag <br>" in found[0].message
    assert "HTML entity &#39;" in found[1].message
    assert "HTML tag <p> and HTML entity &amp;" in found[2].message
    # The reader's "HTML tags in text" warning is not reported a second time.
    assert len(findings) == 3


def test_duplicate_slugs() -> None:
    findings = lint(
        record(slug="twice"),
        record(slug="twice", day=3),
        # The first "again" is rejected (nowhere to attend), so the reader keeps
        # the second: still a duplicate in the feed.
        record(slug="again", formatted_address=None, latitude=None, longitude=None),
        record(slug="again", day=4),
    )
    found = of(findings, "duplicate-slug")
    assert [(f.index, f.slug, f.severity) for f in found] == [
        (1, "twice", Severity.ERROR),
        (3, "again", Severity.WARNING),
    ]
    assert "record 2 has the same one" in found[1].message


def test_email_addresses_in_any_text_field_are_personal_data() -> None:
    findings = lint(
        record(
            slug="many",
            notes="Questions? jane.doe@example.com",
            location_notes="Key from bob@example.org",
            group_notes="Treasurer: sam+aa@example.net",
            conference_url="https://zoom.us/j/1",
            conference_url_notes="Password from kim@example.com",
        ),
        record(slug="unread", district="Ask jo@example.com"),
        record(slug="handles", paypal="group@example.com", venmo="@our-group"),
        record(slug="no-email", notes="Meet @ the side door"),
    )
    found = of(findings, "personal-data")
    assert [(f.slug, f.field) for f in found] == [
        ("many", "notes"),
        ("many", "location_notes"),
        ("many", "group_notes"),
        ("many", "conference_url_notes"),
        ("unread", "district"),
    ]
    # The message says what an import does, as the reader reports it.
    assert "(Kinship removes it)" in found[0].message
    assert "(Kinship keeps it)" in found[4].message


def test_template_placeholders() -> None:
    findings = lint(
        record(slug="leak", notes="{m.details}"),
        record(slug="braces", notes="Bring {your} book"),
    )
    [finding] = of(findings, "placeholder")
    assert (finding.slug, finding.field) == ("leak", "notes")
    assert "{m.details}" in finding.message


def test_onl_is_not_a_spec_code_whether_or_not_the_program_knows_it() -> None:
    online = record(types=["ONL", "D"], conference_url="https://zoom.us/j/1")
    with_onl = feed_lint([online], vocabulary("aa"))
    without_onl = feed_lint([online], vocabulary("aa", without="ONL"))
    for findings in (with_onl, without_onl):
        assert codes(findings) == {"onl": 1}
        assert "not a Meeting Guide code" in findings[0].message


def test_twelve_hour_times() -> None:
    findings = lint(record(time="7:30 PM", end_time="8:30 pm"))
    found = of(findings, "twelve-hour-time")
    assert [(f.field, f.severity) for f in found] == [
        ("time", Severity.WARNING),
        ("end_time", Severity.WARNING),
    ]
    assert "(19:30)" in found[0].message
    assert "(20:30)" in found[1].message


def test_day_as_string_name_or_array_is_a_note() -> None:
    findings = lint(
        record(slug="string", day="3"),
        record(slug="name", day="Monday"),
        record(slug="array", day=[1, 3]),
        record(slug="number", day=3),
    )
    found = of(findings, "day-form")
    assert [(f.slug, f.severity) for f in found] == [
        ("string", Severity.INFO),
        ("name", Severity.INFO),
        ("array", Severity.INFO),
    ]
    assert "the name 'Monday'" in found[1].message
    assert "here 1" in found[1].message


def test_coordinates_as_strings() -> None:
    some = lint(
        record(slug="text", latitude="39.9487", longitude="-75.1686"),
        record(slug="numbers"),
    )
    [finding] = of(some, "coordinates-as-strings")
    assert (finding.index, finding.severity) == (0, Severity.INFO)
    every = lint(
        record(slug="a", latitude="39.9487", longitude="-75.1686"),
        record(slug="b", latitude="39.95", longitude="-75.17"),
        record(
            slug="online",
            formatted_address=None,
            latitude=None,
            longitude=None,
            conference_url="https://zoom.us/j/1",
        ),
    )
    [finding] = of(every, "coordinates-as-strings")
    assert finding.index is None
    assert finding.message.startswith("every record (2): latitude and longitude")


def test_empty_strings_are_one_aggregated_finding() -> None:
    findings = lint(
        record(slug="a", notes="", conference_url="", conference_phone=""),
        record(slug="b", notes="", group=" "),
        record(slug="c"),
    )
    [finding] = of(findings, "empty-strings")
    assert (finding.index, finding.severity) == (None, Severity.INFO)
    assert finding.message.startswith("2 records give empty strings")
    assert "notes (2)" in finding.message
    assert "group (1)" in finding.message


def test_reader_rejections_are_errors_and_its_warnings_warnings() -> None:
    findings = lint(
        record(slug="nowhere", formatted_address=None, latitude=None, longitude=None),
        record(slug="no-name", name=None),
        record(slug="bad-day", day="someday"),
        "not an object",
        record(slug="short-phone", conference_phone="123"),
    )
    assert [(f.index, f.code, f.severity) for f in findings] == [
        (0, "nowhere-to-attend", Severity.ERROR),
        (1, "missing-name", Severity.ERROR),
        (2, "bad-day", Severity.ERROR),
        (3, "not-an-object", Severity.ERROR),
        (4, "conference-phone-short", Severity.WARNING),
    ]
    assert findings[0].message.endswith(": not imported")


def test_every_reason_of_the_reader_has_a_code() -> None:
    findings = lint(
        record(slug=""),
        record(slug="x" * 201),
        record(slug="long-name", name="N" * 250),
        record(slug="bad-time", time="soon"),
        record(slug="bad-end", end_time="later"),
        record(slug="no-time", time=None),
        record(slug="no-day", day=None),
        record(slug="not-http", conference_url="zoom.us/j/1"),
        record(slug="unknown-host", conference_url="https://example.org/meet"),
        record(slug="types", types={"O": True}),
        record(slug="type-item", types=[["O"]]),
        record(slug="latitude", latitude="north"),
        record(slug="one-coordinate", longitude=None),
        record(slug="range", latitude=120),
        record(slug="zero", latitude=0, longitude=0),
        record(slug="zone", timezone="Mars/Olympus"),
        record(slug="updated", updated="yesterday"),
        record(
            slug="nowhere-known",
            timezone=None,
            formatted_address="Somewhere",
            latitude=None,
            longitude=None,
        ),
    )
    assert not {"reader-rejection", "reader-warning"} & set(codes(findings))
    assert set(codes(findings)) >= {
        "missing-slug",
        "slug-too-long",
        "name-too-long",
        "bad-time",
        "bad-end-time",
        "day-without-time",
        "time-without-day",
        "conference-url-not-http",
        "conference-url-unknown-provider",
        "bad-types",
        "bad-coordinates",
        "bad-timezone",
        "bad-updated",
        "timezone-unknown",
    }
    assert set(codes(findings)) <= set(CHECKS)


def test_report_counts_errors_and_warnings_not_notes() -> None:
    findings = lint(
        record(slug="a", types=["O", "C"], day="2"),
        record(slug="b", formatted_address=None, latitude=None, longitude=None),
    )
    report = lint_report(2, findings)
    assert list(report) == ["records", "errors", "warnings", "findings"]
    assert (report["records"], report["errors"], report["warnings"]) == (2, 1, 1)
    assert {f["code"] for f in report["findings"]} == {
        "open-and-closed",
        "day-form",
        "nowhere-to-attend",
    }
    assert set(report["findings"][0]) == {
        "index",
        "slug",
        "field",
        "code",
        "severity",
        "message",
    }


def test_linting_touches_no_database(db: None, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        lint(record(types=["ASBI"]), record(slug="b", timezone=None))


# The command.


def write_feed(tmp_path: Path, *records: Any) -> str:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(list(records)), "utf-8")
    return str(path)


def lint_command(*args: str) -> str:
    out = io.StringIO()
    call_command("lint_feed", *args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count() for model in apps.get_models()
    }


def test_command_groups_findings_by_check_and_ends_with_a_summary(
    db: None, tmp_path: Path
) -> None:
    path = write_feed(
        tmp_path,
        record(slug="a", types=["O", "C"]),
        record(slug="b", types=["O", "C"], notes="{m.details}"),
        record(slug="c", formatted_address=None, latitude=None, longitude=None),
    )
    lines = lint_command(path, "--program", "aa").splitlines()
    assert lines == [
        "No address and no conference link or phone: 1 error [nowhere-to-attend]",
        "  record 2 (c): no address and no conference link or phone: nowhere to "
        "attend: not imported",
        "Meetings both open (O) and closed (C): 2 warnings [open-and-closed]",
        "  record 0 (a): types has both O (open) and C (closed): a meeting is one "
        "or the other",
        "  record 1 (b): types has both O (open) and C (closed): a meeting is one "
        "or the other",
        "Template placeholders in text: 1 warning [placeholder]",
        "  record 1 (b): template placeholder {m.details} in notes: text from a "
        "website template leaked into the feed",
        "records=3 errors=1 warnings=3",
    ]


def test_command_json_is_one_object(db: None, tmp_path: Path) -> None:
    path = write_feed(tmp_path, record(types=["ASBI"]), record(slug="b", day="1"))
    report = json.loads(lint_command(path, "--json"))
    assert report["records"] == 2
    assert (report["errors"], report["warnings"]) == (0, 1)
    assert [(f["index"], f["code"], f["severity"]) for f in report["findings"]] == [
        (0, "misspelled-type", "warning"),
        (1, "day-form", "info"),
    ]


def test_command_exits_zero_with_findings_and_non_zero_when_unreadable(
    db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with_findings = write_feed(tmp_path, record(types=["O", "C"]))
    execute_from_command_line(["manage.py", "lint_feed", with_findings])  # no exit
    assert "errors=0 warnings=1" in capsys.readouterr().out
    broken = tmp_path / "broken.json"
    broken.write_text('[{"name": "cut', "utf-8")
    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["manage.py", "lint_feed", str(broken)])
    assert exit_info.value.code != 0
    assert "looks truncated" in capsys.readouterr().err


def test_command_refuses_unknown_program_and_zone(db: None, tmp_path: Path) -> None:
    path = write_feed(tmp_path, record())
    with pytest.raises(CommandError, match="No program 'nope'"):
        lint_command(path, "--program", "nope")
    with pytest.raises(CommandError, match="not an IANA time zone"):
        lint_command(path, "--timezone", "Mars/Olympus")


def test_command_writes_nothing(programs: dict[str, Program], tmp_path: Path) -> None:
    path = write_feed(
        tmp_path, record(types=["ASBI", "ONL"]), record(slug="b", timezone=None)
    )
    before = row_counts()
    with CaptureQueriesContext(connection) as queries:
        lint_command(path, "--program", "aa")
        lint_command(path, "--program", "al-anon", "--json")
        lint_command(path)
    assert queries.captured_queries  # the programs' codes were read ...
    assert all(  # ... and nothing else was done
        query["sql"].lstrip().upper().startswith("SELECT")
        for query in queries.captured_queries
    )
    assert row_counts() == before


def test_command_reads_a_standard_program_without_creating_it(
    db: None, tmp_path: Path
) -> None:
    # ``program_ensure`` would create the standard programs; the linter must not.
    path = write_feed(tmp_path, record(types=["ASBI"]))
    report = json.loads(lint_command(path, "--program", "aa", "--json"))
    assert "did you mean ABSI?" in report["findings"][0]["message"]
    assert not Program.objects.exists()


def test_program_codes_come_from_the_database(
    programs: dict[str, Program], tmp_path: Path
) -> None:
    programs["aa"].meeting_types.create(code="QQQQ", label="Local code")
    path = write_feed(tmp_path, record(types=["QQQQ"]))
    assert json.loads(lint_command(path, "--program", "aa", "--json"))["findings"] == []
    [finding] = json.loads(lint_command(path, "--json"))["findings"]
    assert finding["code"] == "unknown-type"


# A real feed: exact counts, computed once from the feed and checked by hand.


@pytest.fixture
def sepia_report(
    db: None, feeds_dir: Path, programs: dict[str, Program]
) -> dict[str, Any]:
    before = row_counts()
    report: dict[str, Any] = json.loads(
        lint_command(str(feeds_dir / "aa-sepia.json"), "--program", "aa", "--json")
    )
    assert row_counts() == before
    return report


def test_real_feed_counts(sepia_report: dict[str, Any]) -> None:
    findings = sepia_report["findings"]
    by_code = Counter(f["code"] for f in findings)
    assert sepia_report["records"] == 2038
    assert sepia_report["errors"] == 0
    assert by_code["open-and-closed"] == 15
    assert by_code["end-at-or-before-start"] == 9
    assert by_code["placeholder"] == 3
    assert by_code["personal-data"] == 12
    assert by_code["conference-in-notes"] == 13
    assert by_code["onl"] == 586
    asbi = [f for f in findings if "'ASBI'" in f["message"]]
    assert len(asbi) == 26
    assert all("did you mean ABSI?" in f["message"] for f in asbi)
    assert by_code["misspelled-type"] + by_code["unknown-type"] == 26


def test_real_feed_has_feed_wide_findings_once(sepia_report: dict[str, Any]) -> None:
    feed_level = {
        f["code"]: f["message"] for f in sepia_report["findings"] if f["index"] is None
    }
    assert set(feed_level) == {
        "missing-timezone",
        "coordinates-as-strings",
        "empty-strings",
    }
    assert feed_level["missing-timezone"].startswith("every record (2038)")
    assert feed_level["empty-strings"].startswith("1734 records")
