"""Finder benchmark: meeting search over 200,000 meetings, through the real server.

What it measures: the latency of the meeting finder (``/api/v1/meetings`` and the
``/meetings/`` page, which both call ``selectors.meetings_find``) under a realistic,
seeded-random mix of searches (see ``finder_mix``), against DESIGN.md section 6:
p95 <= 50 ms server side over 200,000 meetings.

For each database (SQLite always; PostgreSQL when it answers at 127.0.0.1:5432):

1. Seeds a scratch database (``var/bench/finder.sqlite3``, PostgreSQL database
   ``kinship_bench``) with ``manage.py migrate``, ``seed_demo`` and
   ``seed_demo --meetings 200000``, then ANALYZE. A database that already holds
   exactly that data (same application code and size) is reused; ``--fresh``
   forces re-seeding.
2. Starts gunicorn (2 workers, DEBUG off) on a free port of 127.0.0.1 and waits for
   ``/healthz``; stops it at the end, also on error.
3. Checks which type codes the finder accepts (a refused one is reported and
   left out), sends warm-up searches, then the measured searches one after
   another from one HTTP/1.1 client, bounded in number and in time.
4. Records per request the server-side time (the ``Server-Timing`` header of
   ``kinship.core.middleware``) and the client round trip.

It prints p50/p95/p99/max per database and per kind of search, and rewrites its
section of docs/performance.md. Any non-200 response fails the run (exit 1).
Run with ``make bench``. Not a test.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import sys
import time
from collections.abc import Sequence
from urllib.parse import urlencode

from appserver import HOST, running_server
from finder_mix import (
    FinderRequest,
    Vocabulary,
    build_mix,
    load_vocabulary,
    mix_digest,
    type_probes,
    without_types,
)
from finder_report import ApiCounts, DatabaseRun, Sample, render, seeding_text
from perfdoc import output_options_add, stop_cleanly_on_sigterm, write_section
from scratchdb import (
    BENCH_VAR,
    ScratchDb,
    connect,
    manage_env,
    postgres_answers,
    seed,
    seed_command_ready,
)

DEFAULT_MEETINGS = 200_000
SQLITE_DB = ScratchDb("sqlite", "finder")
POSTGRES_DB = ScratchDb("postgresql", "kinship_bench")
SERVER_TIMING = re.compile(r"\bapp;dur=([0-9.]+)")
REQUEST_TIMEOUT_SECONDS = 30.0
DOC_SECTION = "finder"


class KeepAliveClient:
    """One HTTP/1.1 connection to the local server, reopened only if it closes.

    gunicorn's sync workers answer ``Connection: close``, so with ``--threads 1``
    every request opens a new connection; ``connections`` counts them.
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.connections = 0
        self.connection = http.client.HTTPConnection(
            HOST, port, timeout=REQUEST_TIMEOUT_SECONDS
        )

    def get(self, request: FinderRequest) -> tuple[int, str | None, bytes, float]:
        """(status, Server-Timing, body, client ms); retries once on a dropped link."""
        for attempt in (1, 2):
            started = time.perf_counter()
            if self.connection.sock is None:
                self.connections += 1
            try:
                self.connection.request("GET", request.path, headers=request.headers)
                response = self.connection.getresponse()
                body = response.read()
            except (http.client.RemoteDisconnected, ConnectionError):
                self.connection.close()
                if attempt == 2:
                    raise
                continue
            elapsed = (time.perf_counter() - started) * 1000
            return response.status, response.getheader("Server-Timing"), body, elapsed
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.connection.close()


def _api_counts(body: bytes) -> ApiCounts:
    data = json.loads(body)
    results = data["results"]
    return ApiCounts(
        count=int(data["count"]),
        exact=bool(data.get("count_is_exact", True)),
        located=sum(1 for result in results if result["distance_miles"] is not None),
        returned=len(results),
    )


def measure_one(client: KeepAliveClient, request: FinderRequest) -> tuple[Sample, str]:
    """The sample, and a failure description ('' when the response is good)."""
    status, timing, body, client_ms = client.get(request)
    match = SERVER_TIMING.search(timing or "")
    server_ms = float(match.group(1)) if match else None
    sample = Sample(request, status, server_ms, client_ms)
    if status != 200:
        return sample, f"{status} {request.path}: {body[:200]!r}"
    if server_ms is None:
        return sample, f"no Server-Timing header: {request.path}"
    if request.endpoint == "api":
        sample = Sample(request, status, server_ms, client_ms, _api_counts(body))
    return sample, ""


def refused_type_probes(
    client: KeepAliveClient, vocabulary: Vocabulary
) -> tuple[list[FinderRequest], list[str]]:
    """(probes the finder refused with 422, failures of any other kind)."""
    refused: list[FinderRequest] = []
    failures: list[str] = []
    for probe in type_probes(vocabulary):
        sample, failure = measure_one(client, probe)
        if sample.status == 422:
            refused.append(probe)
        elif failure:
            failures.append(f"type probe: {failure}")
    return refused, failures


def run_requests(
    client: KeepAliveClient,
    warmup: list[FinderRequest],
    measured: list[FinderRequest],
    run: DatabaseRun,
    max_seconds: float,
) -> None:
    for request in warmup:
        _, failure = measure_one(client, request)
        if failure:
            run.failures.append(f"warm-up: {failure}")
    started = time.monotonic()
    connections_before = client.connections
    for request in measured:
        if time.monotonic() - started > max_seconds:
            run.truncated = True
            break
        sample, failure = measure_one(client, request)
        run.samples.append(sample)
        if failure:
            run.failures.append(failure)
    run.measured_seconds = time.monotonic() - started
    run.connections = client.connections - connections_before


def seed_steps(meetings: int) -> list[list[str]]:
    return [
        ["migrate", "--no-input"],
        ["seed_demo"],
        ["seed_demo", "--meetings", str(meetings)],
    ]


def benchmark_database(db: ScratchDb, args: argparse.Namespace) -> DatabaseRun:
    """Seed (or reuse) ``db``, serve it with gunicorn and measure the mix."""
    _progress(f"{db.label}: seeding {db.url} (or reusing it)")
    seeding = seed(db, seed_steps(args.meetings), fresh=args.fresh, log_dir=BENCH_VAR)
    _progress(f"{db.label}: {seeding_text(seeding)}")
    with connect(db) as connection:
        version = connection.server_version()
        vocabulary = load_vocabulary(connection)
    log = BENCH_VAR / f"gunicorn-{db.engine}.log"
    with running_server(
        manage_env(db), log, workers=args.workers, threads=args.threads
    ) as port:
        client = KeepAliveClient(port)
        try:
            refused, failures = refused_type_probes(client, vocabulary)
            vocabulary = without_types(vocabulary, refused)
            warmup = build_mix(vocabulary, args.warmup, args.seed + 1)
            measured = build_mix(vocabulary, args.requests, args.seed)
            run = DatabaseRun(db, version, seeding, mix_digest(measured))
            run.refused_types = [urlencode(probe.params[3:]) for probe in refused]
            run.failures += failures
            _progress(
                f"{db.label}: gunicorn on {HOST}:{port}; {len(warmup)} warm-up, "
                f"{len(measured)} measured searches"
            )
            run_requests(client, warmup, measured, run, args.max_seconds)
        finally:
            client.close()
    return run


def _progress(message: str) -> None:
    print(f"[bench:finder] {message}", file=sys.stderr, flush=True)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] if __doc__ else None,
        epilog=(
            "Scratch data: var/bench/finder.sqlite3 and the PostgreSQL database "
            "kinship_bench are reused when they already hold exactly the data this "
            "run would seed: same application code (every non-test .py file under "
            "kinship/, which covers migrations and seed_demo), same --meetings, and "
            "the meeting count recorded at seeding. Otherwise, or with --fresh, "
            "they are deleted (dropped) and seeded again. Logs of seeding and of "
            "gunicorn go to var/bench/."
        ),
    )
    parser.add_argument(
        "--fresh", action="store_true", help="drop and re-seed the scratch databases"
    )
    parser.add_argument(
        "--meetings",
        type=int,
        default=DEFAULT_MEETINGS,
        help="meetings to seed (default %(default)s)",
    )
    parser.add_argument(
        "--requests",
        type=int,
        default=1000,
        help="measured searches per database (default %(default)s)",
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=50,
        help="warm-up searches per database (default %(default)s)",
    )
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=300.0,
        help="time bound of the measured searches per database (default %(default)s)",
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=2025,
        help="random seed of the query mix (default %(default)s)",
    )
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn workers (default %(default)s)"
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="gunicorn threads per worker (default %(default)s)",
    )
    output_options_add(parser, target="the p95 target")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    stop_cleanly_on_sigterm()
    if not seed_command_ready("--meetings"):
        _progress("manage.py seed_demo with --meetings is required and not there yet")
        return 1
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    databases = [SQLITE_DB]
    if args.no_postgres:
        postgres = "PostgreSQL not measured (--no-postgres)."
    elif postgres_answers():
        databases.append(POSTGRES_DB)
        postgres = ""
    else:
        postgres = "PostgreSQL did not answer at 127.0.0.1:5432: not measured."
    runs = [benchmark_database(db, args) for db in databases]
    report = render(runs, args, postgres)
    print(report)
    if not args.no_doc:
        write_section(DOC_SECTION, report)
        _progress("updated docs/performance.md")
    failures = sum(len(run.failures) for run in runs)
    if failures:
        _progress(f"FAILED: {failures} responses were not 200 with Server-Timing")
        return 1
    if args.enforce_target and not all(run.passed() for run in runs):
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
