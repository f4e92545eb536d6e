"""Importing feeds: real feeds, re-imports, removals, broken feeds, the command."""

from __future__ import annotations

import io
import json
import os
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from kinship.directory import services as directory_services
from kinship.directory.models import (
    Feed,
    Group,
    GroupStatus,
    ListedMeeting,
    Location,
    Meeting,
    MeetingStatus,
    Program,
    Visibility,
)
from kinship.directory.services import listings_refresh
from kinship.feeds.models import ImportRun
from kinship.feeds.services import feed_import

from .conftest import record, run_import

# Counts of the real feeds, read with TSML UI's rules: see docs/feeds.md.
REAL_FEEDS = {
    "aa-sepia.json": (
        "aa",
        2038,
        {"hybrid": 305, "in_person": 1289, "inactive": 139, "online": 305},
    ),
    "aa-orange-county.json": (
        "aa",
        1967,
        {"hybrid": 148, "in_person": 1432, "inactive": 2, "online": 385},
    ),
    "al-anon.json": (
        "al-anon",
        360,
        {"hybrid": 60, "in_person": 156, "inactive": 34, "online": 110},
    ),
}


def import_command(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_feed", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("name", sorted(REAL_FEEDS))
def test_real_feed_imports_with_exact_counts_and_reimports_unchanged(
    feeds_dir: Path, programs: dict[str, Program], name: str
) -> None:
    program, meetings, modes = REAL_FEEDS[name]
    path = str(feeds_dir / name)

    out, _ = import_command(path, "--program", program)

    assert out.splitlines()[-1] == (
        f"added={meetings} updated=0 removed=0 unchanged=0 rejected=0"
    )
    feed = Feed.objects.get(name=path)
    run = ImportRun.objects.get(feed=feed)
    assert (run.added, run.rejected, run.rejections) == (meetings, 0, [])
    assert run.modes == modes
    assert Meeting.objects.filter(source_feed=feed).count() == meetings
    closed = Meeting.objects.filter(
        source_feed=feed, status=MeetingStatus.TEMPORARILY_CLOSED
    )
    assert closed.count() == modes["inactive"]
    assert ListedMeeting.objects.count() == meetings - modes["inactive"]

    out, _ = import_command(path, "--program", program)

    assert out.splitlines()[-1] == (
        f"added=0 updated=0 removed=0 unchanged={meetings} rejected=0"
    )
    assert ImportRun.objects.filter(feed=feed).count() == 2


def test_real_feeds_agree_with_their_own_attendance_options(feeds_dir: Path) -> None:
    """Where a feed states TSML's attendance option, our reading gives the same,
    except Al-Anon's three phone-only meetings whose number is "+11": TSML UI
    ignores a phone of fewer than ten digits, and so do we."""
    for name in ("aa-orange-county.json", "al-anon.json"):
        stated = Counter(
            r["attendance_option"]
            for r in json.loads((feeds_dir / name).read_text("utf-8"))
        )
        ours = REAL_FEEDS[name][2]
        differences = {mode: ours[mode] - stated[mode] for mode in ours}
        if name == "al-anon.json":
            assert differences == {
                "hybrid": 0,
                "in_person": 0,
                "inactive": 3,
                "online": -3,
            }
        else:
            assert set(differences.values()) == {0}


def test_real_feed_warnings_report_unknown_codes_and_removed_emails(
    feeds_dir: Path, programs: dict[str, Program]
) -> None:
    _, err = import_command(str(feeds_dir / "aa-sepia.json"), "--program", "aa")
    assert "warning x26: unknown type code 'ASBI': kept, not shown as a type" in err
    assert "warning x12: email address in text: removed (personal data)" in err
    kept = [
        codes
        for codes in Meeting.objects.values_list("unknown_type_codes", flat=True)
        if "ASBI" in codes
    ]
    assert len(kept) == 26


def test_al_anon_feed_types_mean_what_al_anon_says(
    feeds_dir: Path, programs: dict[str, Program]
) -> None:
    import_command(str(feeds_dir / "al-anon.json"), "--program", "al-anon")
    labels = Counter(
        Meeting.types.through.objects.filter(
            meetingtype__code__in=["POA", "Y"]
        ).values_list("meetingtype__label", flat=True)
    )
    assert labels == {"Parents of Alcoholics": 8, "Alateen": 6}


def test_twelve_hour_feed_written_for_the_test(
    programs: dict[str, Program], tmp_path: Path
) -> None:
    feed = [
        record(slug="dawn", time="6:30 AM", end_time="7:30 AM"),
        record(slug="lunch", time="12:00 PM", end_time="1:00 PM"),
        record(slug="late", time="11:30 PM", end_time="12:30 AM"),
        record(slug="evening", time="7:00 pm", end_time="8:15 pm"),
    ]
    path = tmp_path / "twelve-hour.json"
    path.write_text(json.dumps(feed), "utf-8")

    out, _ = import_command(str(path), "--program", "aa")

    assert out.splitlines()[-1].startswith("added=4 ")
    times = {
        m.source_slug: (
            m.start_time.isoformat("minutes"),
            m.end_time.isoformat("minutes"),
        )
        for m in Meeting.objects.all()
        if m.start_time and m.end_time
    }
    assert times == {
        "dawn": ("06:30", "07:30"),
        "lunch": ("12:00", "13:00"),
        "late": ("23:30", "00:30"),
        "evening": ("19:00", "20:15"),
    }
    assert Meeting.objects.get(source_slug="late").crosses_midnight


def test_changed_record_is_updated_in_place_and_gone_one_removed(
    aa_feed: Feed,
) -> None:
    first = run_import(
        aa_feed,
        [record(slug="a", name="A"), record(slug="b", name="B"), record(slug="c")],
    )
    assert first.summary == "added=3 updated=0 removed=0 unchanged=0 rejected=0"
    a = Meeting.objects.get(source_slug="a")

    second = run_import(
        aa_feed,
        [
            record(slug="a", name="A renamed", time="7:00 PM"),
            record(slug="b", name="B"),
        ],
    )

    assert second.summary == "added=0 updated=1 removed=1 unchanged=1 rejected=0"
    renamed = Meeting.objects.get(source_slug="a")
    assert (renamed.pk, renamed.uuid, renamed.slug) == (a.pk, a.uuid, a.slug)
    assert renamed.name == "A renamed"
    assert not Meeting.objects.filter(source_slug="c").exists()
    assert (
        ListedMeeting.objects.filter(meeting=renamed)
        .get()
        .search_text.startswith("a renamed")
    )


def test_removal_touches_only_the_feeds_own_meetings(
    aa_feed: Feed, programs: dict[str, Program]
) -> None:
    other = Feed.objects.create(name="Other", program=programs["aa"])
    run_import(other, [record(slug="shared-slug", name="Other feed's")])
    run_import(aa_feed, [record(slug="shared-slug"), record(slug="mine")])

    outcome = run_import(aa_feed, [])

    assert outcome.removed == 2
    assert list(Meeting.objects.values_list("name", flat=True)) == ["Other feed's"]
    # The emptied groups are closed, not deleted: members may belong to them.
    assert set(
        Group.objects.filter(source_feed=aa_feed).values_list("status", flat=True)
    ) == {GroupStatus.INACTIVE}
    assert not Location.objects.filter(source_feed=aa_feed).exists()


def test_same_slug_in_two_feeds_gets_two_pages(
    aa_feed: Feed, programs: dict[str, Program]
) -> None:
    other = Feed.objects.create(name="Other", program=programs["aa"])
    run_import(aa_feed, [record(slug="noon")])
    run_import(other, [record(slug="noon")])
    assert sorted(Meeting.objects.values_list("slug", flat=True)) == [
        "noon",
        f"noon-{other.pk}",
    ]


def test_rejections_are_recorded_with_index_slug_field_and_reason(
    aa_feed: Feed,
) -> None:
    outcome = run_import(
        aa_feed, [record(slug="ok"), record(slug="bad", time="quarter past")]
    )
    assert outcome.summary == "added=1 updated=0 removed=0 unchanged=0 rejected=1"
    run = ImportRun.objects.get()
    assert run.rejections == [
        {
            "index": 1,
            "slug": "bad",
            "field": "time",
            "reason": "time 'quarter past' is not a time such as 19:30 or 7:30 PM",
        }
    ]


def test_groups_are_shared_by_meetings_that_name_them(aa_feed: Feed) -> None:
    run_import(
        aa_feed,
        [
            record(slug="mon", day=1, group="Downtown Group"),
            record(slug="wed", day=3, group="Downtown Group"),
            record(slug="fri", day=5, name="Friday Speakers"),
        ],
    )
    groups = Counter(Meeting.objects.values_list("group__name", flat=True))
    assert groups == {"Downtown Group": 2, "Friday Speakers": 1}
    assert Location.objects.count() == 1


def test_dry_run_writes_nothing(feeds_dir: Path, programs: dict[str, Program]) -> None:
    before = database_snapshot()
    out, _ = import_command(
        str(feeds_dir / "al-anon.json"), "--program", "al-anon", "--dry-run"
    )
    assert out.splitlines()[-1] == (
        "dry run, nothing written: added=360 updated=0 removed=0 unchanged=0 rejected=0"
    )
    assert database_snapshot() == before


def database_snapshot(*, sequences: bool = True) -> dict[str, Any]:
    """Every row of every table (and the id sequences), to compare byte for byte."""
    snapshot: dict[str, Any] = {}
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            snapshot[table] = sorted(map(repr, cursor.fetchall()))
        if not sequences:
            pass
        elif connection.vendor == "sqlite":
            cursor.execute("SELECT name, seq FROM sqlite_sequence")
            snapshot["sqlite_sequence"] = sorted(cursor.fetchall())
        else:
            cursor.execute(
                "SELECT sequencename, last_value FROM pg_sequences ORDER BY 1"
            )
            snapshot["sequences"] = cursor.fetchall()
    return snapshot


@pytest.fixture
def populated(feeds_dir: Path, programs: dict[str, Program]) -> str:
    path = str(feeds_dir / "al-anon.json")
    import_command(path, "--program", "al-anon")
    return path


def broken_feeds(feeds_dir: Path, tmp_path: Path) -> dict[str, tuple[Path, str]]:
    text = (feeds_dir / "al-anon.json").read_text("utf-8")
    truncated = tmp_path / "truncated.json"
    truncated.write_text(text[: len(text) // 2], "utf-8")
    as_object = tmp_path / "object.json"
    as_object.write_text(json.dumps({"meetings": json.loads(text)}), "utf-8")
    garbage = tmp_path / "garbage.bin"
    with garbage.open("wb") as out:
        for _ in range(50):
            out.write(os.urandom(1024 * 1024))
    return {
        "truncated": (truncated, "looks truncated"),
        "object": (as_object, "this one is a JSON object"),
        "garbage": (garbage, "is not UTF-8 text"),
    }


def test_broken_feeds_give_a_clear_error_and_change_nothing(
    populated: str, feeds_dir: Path, tmp_path: Path
) -> None:
    before = database_snapshot()
    assert len(before["directory_meeting"]) == 360
    for kind, (path, message) in broken_feeds(feeds_dir, tmp_path).items():
        with pytest.raises(CommandError) as raised:
            import_command(str(path), "--program", "al-anon", "--name", populated)
        assert message in str(raised.value), kind
        assert "Nothing was imported." in str(raised.value)
        assert database_snapshot() == before, kind
    assert (feeds_dir / "al-anon.json").stat().st_size > 0
    assert os.path.getsize(tmp_path / "garbage.bin") == 50 * 1024 * 1024


def test_failure_inside_the_run_rolls_everything_back(
    aa_feed: Feed, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_import(aa_feed, [record(slug="kept")])
    before = database_snapshot(sequences=False)

    def broken_refresh(**_: Any) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr("kinship.feeds.services.listings_refresh", broken_refresh)
    with pytest.raises(RuntimeError):
        run_import(aa_feed, [record(slug="new"), record(slug="other")])
    # Every row is as it was; PostgreSQL's sequence positions are not
    # transactional (ids handed out are never handed back), so they may move.
    assert database_snapshot(sequences=False) == before


def test_command_refuses_unknown_program_zone_and_plain_http(
    programs: dict[str, Program], tmp_path: Path
) -> None:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps([record()]), "utf-8")
    with pytest.raises(CommandError, match="No program 'xx'"):
        import_command(str(path), "--program", "xx")
    with pytest.raises(CommandError, match="not an IANA time zone"):
        import_command(str(path), "--program", "aa", "--timezone", "Eastern")
    with pytest.raises(CommandError, match="https:// address only"):
        import_command("http://example.org/feed.json", "--program", "aa")
    with pytest.raises(CommandError, match="No feed file"):
        import_command(str(tmp_path / "missing.json"), "--program", "aa")
    assert not Meeting.objects.exists()


def test_command_timezone_option_fills_records_without_one(
    programs: dict[str, Program], tmp_path: Path
) -> None:
    path = tmp_path / "feed.json"
    path.write_text(json.dumps([record(timezone=None)]), "utf-8")
    import_command(str(path), "--program", "aa", "--timezone", "America/Phoenix")
    assert Meeting.objects.get().timezone == "America/Phoenix"


def test_https_source_is_fetched_and_registered_as_the_feed_url(
    programs: dict[str, Program], monkeypatch: pytest.MonkeyPatch
) -> None:
    requested: list[str] = []

    def fake_urlopen(request: Any, timeout: float) -> io.BytesIO:
        requested.append(request.full_url)
        return io.BytesIO(json.dumps([record()]).encode())

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    url = "https://intergroup.example/wp-admin/admin-ajax.php?action=meetings"
    out, _ = import_command(url, "--program", "aa", "--name", "Example intergroup")
    assert out.splitlines()[-1].startswith("added=1 ")
    assert requested == [url]
    feed = Feed.objects.get()
    assert (feed.name, feed.source_url) == ("Example intergroup", url)


def test_feed_import_service_records_the_run(aa_feed: Feed) -> None:
    outcome = feed_import(by=None, feed=aa_feed, records=[record()], source="x")
    assert outcome.run is not None
    assert outcome.run.summary == outcome.summary
    assert outcome.run.modes == {"in_person": 1}


@pytest.mark.parametrize("bulk_rebuild", [False, True])
def test_finder_rows_written_by_the_import_equal_a_full_refresh(
    feeds_dir: Path,
    programs: dict[str, Program],
    monkeypatch: pytest.MonkeyPatch,
    bulk_rebuild: bool,
) -> None:
    # A first load into an empty finder table builds its indexes afterwards.
    threshold = 1 if bulk_rebuild else 10**9
    monkeypatch.setattr(directory_services, "BULK_INDEX_REBUILD_MIN_ROWS", threshold)
    import_command(str(feeds_dir / "al-anon.json"), "--program", "al-anon")
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(
            cursor, ListedMeeting._meta.db_table
        )
    for index in ListedMeeting._meta.indexes:
        assert constraints[index.name]["columns"] == [
            ListedMeeting._meta.get_field(name).column  # type: ignore[union-attr]
            for name in index.fields
        ]
    columns = [f.attname for f in ListedMeeting._meta.concrete_fields]
    from_import = sorted(ListedMeeting.objects.values_list(*columns))
    assert len(from_import) == 360 - 34

    listings_refresh()

    assert sorted(ListedMeeting.objects.values_list(*columns)) == from_import


def test_meetings_added_to_a_hidden_group_are_not_listed(aa_feed: Feed) -> None:
    run_import(aa_feed, [record(slug="a", group="Quiet Group")])
    Group.objects.update(visibility=Visibility.UNLISTED)
    listings_refresh()

    run_import(
        aa_feed,
        [record(slug="a", group="Quiet Group"), record(slug="b", group="Quiet Group")],
    )

    assert Meeting.objects.count() == 2
    assert not ListedMeeting.objects.exists()


def test_meetings_returning_to_the_feed_reopen_their_emptied_group(
    aa_feed: Feed,
) -> None:
    run_import(aa_feed, [record(slug="a", group="Back Again")])
    run_import(aa_feed, [])
    assert Group.objects.get().status == GroupStatus.INACTIVE

    run_import(aa_feed, [record(slug="a", group="Back Again")])

    assert Group.objects.get().status == GroupStatus.ACTIVE
    assert ListedMeeting.objects.count() == 1
