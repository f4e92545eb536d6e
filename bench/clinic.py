"""Clinic benchmarks over 5 M check-ins: the clinician dashboard and the
outcome report.

What it measures, for a clinician signed in with MFA, through the real server,
against the targets of DESIGN.md section 6 (server side):

- ``GET /clinic/bench-dashboard/patients/``: the dashboard of an organisation
  with 200 consenting patients who share every category, 90 days of their
  data each (every request writes one access log row per patient):
  p95 <= 200 ms;
- ``GET /clinic/bench-clinic/report/``: the HTML outcome report of the last
  12 months of an organisation with ``--patients`` patients, computed from the
  roll-ups: p95 <= 100 ms.

For each database (SQLite always; PostgreSQL when it answers at 127.0.0.1:5432):

1. Seeds (or reuses) a scratch database (``var/bench/clinic.sqlite3``,
   PostgreSQL ``kinship_bench_clinic``) with ``bench/clinic_seed.py``: 20,000
   members x 250 days of check-ins (5,000,000), and ``--patients`` (default
   2,000) of them patients of one organisation with consents, attendance,
   clock resets and BARC-10; then builds the roll-ups with
   ``manage.py care_rollups --since <first day>`` (timed as a seed step).
2. Signs the clinician in on a new session (password and TOTP recorded, as
   allauth does) and starts gunicorn (``--workers`` sync workers, DEBUG off).
3. For each page: GETs it ``--warmup`` times, then ``--requests`` times one
   after another, each with the session cookie; records the ``Server-Timing``
   app time and the round trip; checks each answer is 200 and shows the page.

It prints the figures and rewrites each page's section of docs/performance.md.
Not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import re
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from appserver import HOST, running_server
from clinic_seed import (
    DASHBOARD_ORG_SLUG,
    DEFAULT_DAYS,
    DEFAULT_MEMBERS,
    ORG_SLUG,
    first_day,
    seed_steps,
    session_code,
)
from perfdoc import (
    Summary,
    code_version,
    machine_description,
    output_options_add,
    stop_cleanly_on_sigterm,
    summarize,
    write_section,
)
from scratchdb import (
    BENCH_VAR,
    REPO,
    ScratchDb,
    SeedReport,
    connect,
    manage_env,
    postgres_answers,
    seed,
)

SQLITE_DB = ScratchDb("sqlite", "clinic")
POSTGRES_DB = ScratchDb("postgresql", "kinship_bench_clinic")
SERVER_TIMING = re.compile(r"\bapp;dur=([0-9.]+)")
REQUEST_TIMEOUT_SECONDS = 30.0
DEFAULT_PATIENTS = 2_000


@dataclass(frozen=True)
class Page:
    """A page measured: its path, the words that show it was served, its
    target and its section of docs/performance.md."""

    name: str
    path: str
    shows: bytes
    target_p95_ms: float


DASHBOARD = Page(
    "dashboard",
    f"/clinic/{DASHBOARD_ORG_SLUG}/patients/",
    b"200 consenting patients",
    200.0,
)
REPORT = Page("report", f"/clinic/{ORG_SLUG}/report/", b"Outcome report", 100.0)
PAGES = (DASHBOARD, REPORT)


@dataclass
class Samples:
    """One page's measured requests on one database."""

    page: Page
    server_ms: list[float] = field(default_factory=list)
    client_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def server(self) -> Summary:
        return summarize(self.server_ms)

    def client(self) -> Summary:
        return summarize(self.client_ms)

    def passed(self) -> bool:
        return not self.failures and self.server().p95 <= self.page.target_p95_ms


@dataclass
class DatabaseRun:
    db: ScratchDb
    version: str
    seeding: SeedReport
    counts: dict[str, int] = field(default_factory=dict)
    pages: dict[str, Samples] = field(default_factory=dict)


def all_seed_steps(args: argparse.Namespace) -> list[list[str]]:
    """The shared clinic data set, then the roll-ups built over all its days."""
    since = first_day(args.days).isoformat()
    return [
        *seed_steps(patients=args.patients, members=args.members, days=args.days),
        ["care_rollups", "--since", since],
    ]


def _session_key(db: ScratchDb) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", session_code()],
        cwd=REPO,
        env=manage_env(db),
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"^SESSION=(\w+)$", result.stdout, re.MULTILINE)
    if found is None:
        raise RuntimeError(f"no session made: {result.stdout}\n{result.stderr}")
    return found.group(1)


def _counts(db: ScratchDb) -> dict[str, int]:
    tables = {
        "check-ins": "recovery_checkin",
        "attendances": "attendance_attendance",
        "consents": "care_consent",
        "roll-up days": "care_outcomeday",
        "roll-up months": "care_outcomemonth",
        "access log rows": "care_accesslog",
    }
    with connect(db) as client:
        return {
            label: int(client.scalar(f"SELECT COUNT(*) FROM {table}"))  # noqa: S608
            for label, table in tables.items()
        }


def _get(port: int, path: str, cookie: str) -> tuple[int, float | None, bytes, float]:
    connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT_SECONDS)
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    client_ms = (time.perf_counter() - started) * 1000
    match = SERVER_TIMING.search(response.getheader("Server-Timing") or "")
    return (
        response.status,
        float(match.group(1)) if match else None,
        body,
        client_ms,
    )


def benchmark_database(db: ScratchDb, args: argparse.Namespace) -> DatabaseRun:
    """Seed (or reuse) ``db``, serve it with gunicorn and measure each page."""
    _progress(f"{db.label}: seeding {db.url} (or reusing it)")
    seeding = seed(db, all_seed_steps(args), fresh=args.fresh, log_dir=BENCH_VAR)
    _progress(
        f"{db.label}: {'reused' if seeding.reused else 'seeded'} "
        + "; ".join(f"{name[:40]} {seconds:.0f} s" for name, seconds in seeding.steps)
    )
    with connect(db) as client:
        run = DatabaseRun(db, client.server_version(), seeding)
    env = manage_env(db)
    cookie = f"sessionid={_session_key(db)}"
    log = BENCH_VAR / f"gunicorn-clinic-{db.engine}.log"
    with running_server(env, log, workers=args.workers) as port:
        _progress(f"{db.label}: gunicorn on {HOST}:{port}")
        for page in PAGES:
            run.pages[page.name] = _measure(port, page, cookie, args)
            samples = run.pages[page.name]
            _progress(
                f"{db.label}: {len(samples.server_ms)} x {page.name}, server p95 "
                f"{samples.server().p95:.1f} ms, {len(samples.failures)} failures"
            )
    run.counts = _counts(db)
    return run


def _measure(port: int, page: Page, cookie: str, args: argparse.Namespace) -> Samples:
    samples = Samples(page)
    for number in range(args.warmup + args.requests):
        status, server_ms, body, client_ms = _get(port, page.path, cookie)
        if status != 200 or page.shows not in body:
            samples.failures.append(f"{status}: {body[:200]!r}")
            continue
        if number >= args.warmup:
            if server_ms is not None:
                samples.server_ms.append(server_ms)
            samples.client_ms.append(client_ms)
    return samples


def _ms(value: float) -> str:
    return f"{value:.1f}"


HEADINGS = {
    "dashboard": (
        "## Clinician dashboard: 200 consenting patients x 90 days over 5 M check-ins",
        "(the dashboard of an organisation whose 200 consenting patients share "
        "every category: 90 days of attendance, check-ins, clocks, warning signs "
        "and assessments each)",
        "Each request: the session and MFA checks of the clinic area, the live "
        "consents, one or two queries per category (attendance with its "
        "occurrences, check-in figures aggregated in SQL and the days of current "
        "streaks, clocks and resets, scores, warning signs), 200 access log "
        "rows written (one per patient, naming its 5 categories), and the "
        "template.",
    ),
    "report": (
        "## Outcome report: one organisation over 5 M check-ins, from roll-ups",
        "(the HTML report of the last 12 months)",
        "Each request: the session and MFA checks of the clinic area, then one "
        "query of `care_outcomemonth` grouped by patient, and the report's maths "
        "and template.",
    ),
}


def render(
    page: Page, runs: list[DatabaseRun], args: argparse.Namespace, postgres: str
) -> str:
    """The page's section of docs/performance.md."""
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    heading, what, each_request = HEADINGS[page.name]
    lines = [
        heading,
        "",
        f"Target: p95 <= {page.target_p95_ms:.0f} ms server side, `GET {page.path}` "
        f"{what} for a clinician signed in with MFA.",
        "",
        "| database | server p50 | p95 | p99 | max | client p95 | target |",
        "|---|--:|--:|--:|--:|--:|---|",
    ]
    for run in runs:
        samples = run.pages[page.name]
        server = samples.server()
        lines.append(
            f"| {run.db.label} | {_ms(server.p50)} ms | {_ms(server.p95)} ms | "
            f"{_ms(server.p99)} ms | {_ms(server.max)} ms | "
            f"{_ms(samples.client().p95)} ms | "
            f"{'PASS' if samples.passed() else 'MISS'} |"
        )
    if postgres:
        lines += ["", postgres]
    lines += [
        "",
        f"Measured {now} on code {code_version()} with `bench/clinic.py` "
        f"({args.members:,} members x {args.days} days of check-ins; "
        f"{args.patients:,} patients of the report's organisation; {args.warmup} "
        f"warm-up then {args.requests} measured requests one after another; "
        f"gunicorn {args.workers} sync workers, DEBUG off).",
        "",
        "Machine (the client runs on it too):",
        "",
        machine_description({run.db.label: run.version for run in runs}),
        "",
        "The data (after both pages' runs) and the roll-up build (`manage.py "
        "care_rollups --since`, all days at once: a backfill; the daily run "
        "builds one day):",
        "",
        "| database | check-ins | attendances | consents | roll-up days "
        "| roll-up months | access log rows | seeded | roll-ups built in |",
        "|---|--:|--:|--:|--:|--:|--:|---|--:|",
    ]
    for run in runs:
        built = next(
            (s for name, s in run.seeding.steps if name.startswith("care_rollups")),
            None,
        )
        when = "reused, seeded " if run.seeding.reused else "now, "
        counts = run.counts
        lines.append(
            f"| {run.db.label} | {counts['check-ins']:,} | "
            f"{counts['attendances']:,} | {counts['consents']:,} | "
            f"{counts['roll-up days']:,} | {counts['roll-up months']:,} | "
            f"{counts['access log rows']:,} | {when}{run.seeding.seeded_at} | "
            + (f"{built:.1f} s |" if built is not None else "(reused) |")
        )
    lines += [
        "",
        f"{each_request} Times in ms; server = `Server-Timing`, client = round "
        "trip over 127.0.0.1.",
    ]
    for run in runs:
        failures = run.pages[page.name].failures
        if failures:
            lines += [
                "",
                f"{run.db.label}: {len(failures)} failures, first: "
                f"`{failures[0][:200]}`",
            ]
    return "\n".join(lines)


def _progress(message: str) -> None:
    print(f"[bench:clinic] {message}", file=sys.stderr, flush=True)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument(
        "--fresh", action="store_true", help="drop and re-seed the scratch databases"
    )
    parser.add_argument("--members", type=int, default=DEFAULT_MEMBERS)
    parser.add_argument("--days", type=int, default=DEFAULT_DAYS)
    parser.add_argument(
        "--patients",
        type=int,
        default=DEFAULT_PATIENTS,
        help="consenting patients of the organisation (default %(default)s)",
    )
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn workers (default %(default)s)"
    )
    parser.add_argument(
        "--no-sqlite", action="store_true", help="measure PostgreSQL only"
    )
    output_options_add(
        parser,
        target=", ".join(
            f"{page.name} p95 <= {page.target_p95_ms:.0f} ms" for page in PAGES
        ),
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    stop_cleanly_on_sigterm()
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    databases = [] if args.no_sqlite else [SQLITE_DB]
    if args.no_postgres:
        postgres = "PostgreSQL not measured (--no-postgres)."
    elif postgres_answers():
        databases.append(POSTGRES_DB)
        postgres = ""
    else:
        postgres = "PostgreSQL did not answer at 127.0.0.1:5432: not measured."
    runs = [benchmark_database(db, args) for db in databases]
    for page in PAGES:
        section = render(page, runs, args, postgres)
        print(section)
        if not args.no_doc:
            write_section(page.name, section)
    if not args.no_doc:
        _progress("updated docs/performance.md")
    samples = [run.pages[page.name] for run in runs for page in PAGES]
    if any(sample.failures for sample in samples):
        _progress("FAILED: some pages were not served")
        return 1
    if args.enforce_target and not all(sample.passed() for sample in samples):
        return 2
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
