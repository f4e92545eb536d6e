"""Feed import benchmark: a synthetic 100,000-meeting feed and the real feeds.

Target (DESIGN.md section 6): >= 5,000 meetings/s; a 2,000-meeting real feed in
< 2 s. Each import runs in its own process against a freshly migrated scratch
database (SQLite under var/bench/, and PostgreSQL when one answers), the way
``manage.py import_feed`` runs. The rate is meetings divided by the seconds from
reading the file to the committed transaction; the command's wall time (Python
and Django start-up included) is given beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from feed_synth import write_synthetic_feed
from perfdoc import code_version, machine_description, write_section
from scratchdb import (
    BENCH_VAR,
    REPO,
    ScratchDb,
    _drop_and_create,
    connect,
    manage_env,
    postgres_answers,
)

DOC_SECTION = "feed-import"
TARGET_PER_SECOND = 5000
REAL_FEED_TARGET_SECONDS = 2.0
REAL_FEEDS_DIR = REPO.parent / "shared" / "data" / "feeds"
REAL_FEEDS = (
    ("aa-sepia.json", "aa"),
    ("aa-orange-county.json", "aa"),
    ("al-anon.json", "al-anon"),
)
SQLITE_DB = ScratchDb("sqlite", "feed-import")
POSTGRES_DB = ScratchDb("postgresql", "kinship_bench_import")

# Run in the child process: one timed import, the figures as one JSON line.
MEASURE = """
import json, sys, time
import django
django.setup()
from kinship.feeds.reading import feed_parse
from kinship.feeds.services import feed_register
from kinship.feeds.services import feed_import
from kinship.feeds.sources import feed_source_read
source, program = sys.argv[1], sys.argv[2]
feed = feed_register(
    by=None, source=source, program_code=program, name=None, create=True
)
started = time.perf_counter()
records = feed_parse(feed_source_read(source))
parsed = time.perf_counter()
outcome = feed_import(by=None, feed=feed, records=records, source=source)
done = time.perf_counter()
print(json.dumps({
    "parse": parsed - started, "import": done - parsed, "total": done - started,
    "summary": outcome.summary, "added": outcome.added,
    "unchanged": outcome.unchanged, "meetings": outcome.added + outcome.updated
    + outcome.unchanged, "rejected": outcome.rejected, "modes": outcome.modes,
}))
"""


@dataclass(frozen=True, slots=True)
class Measured:
    label: str
    engine: str
    figures: dict[str, Any]
    wall: float

    @property
    def rate(self) -> float:
        return float(self.figures["meetings"]) / float(self.figures["total"])


def _progress(message: str) -> None:
    print(f"[feed-import] {message}", file=sys.stderr, flush=True)


def fresh_database(db: ScratchDb) -> None:
    _drop_and_create(db)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=REPO,
        env=manage_env(db),
        check=True,
    )


def wait_for_quiet_postgres(limit_seconds: float = 120.0) -> None:
    """Autovacuum after a large import (ours or an earlier run's) competes for the
    two cores and slowed a 100,000-meeting run by half: wait until it is done."""
    if not postgres_answers():
        return
    deadline = time.monotonic() + limit_seconds
    with connect(ScratchDb("postgresql", "postgres")) as client:
        while time.monotonic() < deadline:
            busy = client.scalar(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE backend_type = 'autovacuum worker'"
            )
            if not busy:
                return
            time.sleep(1)
    _progress("autovacuum still running after waiting; measuring anyway")


def measure(db: ScratchDb, label: str, source: Path, program: str) -> Measured:
    wait_for_quiet_postgres()
    env = manage_env(db)
    env["DJANGO_SETTINGS_MODULE"] = "kinship.settings"
    env["PYTHONPATH"] = str(REPO)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, str(source), program],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"{label} on {db.engine} failed:\n{result.stderr}")
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    _progress(
        f"{db.engine} {label}: {figures['summary']} in {figures['total']:.2f} s "
        f"(wall {wall:.2f} s)"
    )
    return Measured(label, db.engine, figures, wall)


def benchmark_database(db: ScratchDb, synthetic: Path, meetings: int) -> list[Measured]:
    results = []
    fresh_database(db)
    results.append(
        measure(db, f"synthetic {meetings:,}, first import", synthetic, "aa")
    )
    results.append(
        measure(db, f"synthetic {meetings:,}, again (unchanged)", synthetic, "aa")
    )
    for name, program in REAL_FEEDS:
        path = REAL_FEEDS_DIR / name
        if not path.is_file():
            continue
        fresh_database(db)
        results.append(measure(db, f"{name}, first import", path, program))
        results.append(measure(db, f"{name}, again (unchanged)", path, program))
    return results


def render(results: list[Measured], versions: dict[str, str], notes: list[str]) -> str:
    lines = [
        "## Meeting Guide feed import",
        "",
        f"Target: >= {TARGET_PER_SECOND:,} meetings/s on a synthetic 100,000-meeting "
        f"feed; a real 2,000-meeting feed in < {REAL_FEED_TARGET_SECONDS:.0f} s. "
        f"Measured on {code_version()}, {time.strftime('%Y-%m-%d')}, on:",
        "",
        machine_description(versions),
        "",
        "Seconds from reading the file to the committed transaction (parse = "
        "JSON decoding); wall = the whole process, Python and Django start-up "
        "included. Each first import goes into a freshly migrated database.",
        "",
        "| engine | import | meetings | rejected | parse s | import s | total s "
        "| meetings/s | wall s | result |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for result in results:
        figures = result.figures
        verdict = ""
        if "synthetic" in result.label and "first" in result.label:
            verdict = "PASS" if result.rate >= TARGET_PER_SECOND else "**FAIL**"
        elif "first" in result.label:
            verdict = (
                "PASS" if figures["total"] < REAL_FEED_TARGET_SECONDS else "**FAIL**"
            )
        lines.append(
            f"| {result.engine} | {result.label} | {figures['meetings']:,} "
            f"| {figures['rejected']} | {figures['parse']:.2f} "
            f"| {figures['import']:.2f} | {figures['total']:.2f} "
            f"| {result.rate:,.0f} | {result.wall:.2f} | {verdict} |"
        )
    lines += ["", *notes]
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--meetings", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-doc", action="store_true")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    synthetic = BENCH_VAR / f"synthetic-feed-{args.meetings}.json"
    records = write_synthetic_feed(synthetic, args.meetings, args.seed)
    _progress(
        f"synthetic feed: {records:,} records, {args.meetings:,} meetings, "
        f"{os.path.getsize(synthetic) / 2**20:.1f} MB"
    )
    databases = [SQLITE_DB]
    notes = []
    if args.no_postgres:
        notes.append("PostgreSQL not measured (--no-postgres).")
    elif postgres_answers():
        databases.append(POSTGRES_DB)
    else:
        notes.append("PostgreSQL did not answer at 127.0.0.1:5432: not measured.")
    if not REAL_FEEDS_DIR.is_dir():
        notes.append("Real feeds not found next to the repository: not measured.")
    results: list[Measured] = []
    versions: dict[str, str] = {}
    for db in databases:
        results += benchmark_database(db, synthetic, args.meetings)
        with connect(db) as client:
            versions["SQLite" if db.engine == "sqlite" else "PostgreSQL"] = (
                client.server_version()
            )
    report = render(results, versions, notes)
    print(report)
    if not args.no_doc:
        write_section(DOC_SECTION, report)
        _progress("updated docs/performance.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
