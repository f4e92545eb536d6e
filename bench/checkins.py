"""Check-in benchmark: daily check-ins written through the real server, concurrently.

What it measures: ``POST /api/v1/me/checkins`` (``checkin_record`` behind the API,
token authentication, the Idempotency-Key record) from many members at once,
against the targets of this part: p95 <= 100 ms and >= 300 writes/s sustained.

For each database (SQLite always; PostgreSQL when it answers at 127.0.0.1:5432):

1. Seeds a scratch database (``var/bench/checkins.sqlite3``, PostgreSQL database
   ``kinship_bench_checkins``) with ``manage.py migrate`` and ``manage.py shell``
   creating ``--members`` members in four time zones, each with a read-and-write
   personal access token whose secret the benchmark can derive. A database that
   already holds exactly that (same application code and size) is reused;
   ``--fresh`` forces re-seeding. Check-ins and idempotency records of earlier
   runs are deleted before each run.
2. Starts gunicorn (``--workers`` sync workers, DEBUG off) on a free port of
   127.0.0.1 and waits for ``/healthz``; stops it at the end, also on error.
3. ``--clients`` threads each POST one check-in after another: nine times in
   ten the next member in turn (members are many: a new check-in, 201), one
   time in ten a member who already wrote today (a change, 200).
   ``--warmup-seconds`` of warm-up, then ``--seconds`` measured. With
   ``--keys both`` (the default) this is done twice, on a restarted server and
   emptied tables: each request with a fresh Idempotency-Key, then without one.
4. Records per request the server-side time (the ``Server-Timing`` header), the
   client round trip and the status; checks afterwards that the database holds
   one check-in per member written.

It prints the figures and rewrites its section of docs/performance.md. Any
response other than 200/201 fails the run (exit 1). Not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import socket
import sys
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from appserver import HOST, running_server
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
    ScratchDb,
    SeedReport,
    connect,
    manage_env,
    postgres_answers,
    seed,
)

DEFAULT_MEMBERS = 20_000
SQLITE_DB = ScratchDb("sqlite", "checkins")
POSTGRES_DB = ScratchDb("postgresql", "kinship_bench_checkins")
SERVER_TIMING = re.compile(r"\bapp;dur=([0-9.]+)")
REQUEST_TIMEOUT_SECONDS = 30.0
DOC_SECTION = "checkins"
PATH = "/api/v1/me/checkins"
TARGET_P95_MS = 100.0
TARGET_WRITES_PER_SECOND = 300.0
ZONES = ("America/New_York", "America/Los_Angeles", "Europe/London", "Asia/Tokyo")
TRIGGERS = ("stress", "lonely", "tired", "boredom", "conflict", "cue")
EDIT_SHARE = 0.1  # of writes that change a check-in already made today
COPING = ("meeting", "called", "exercise", "breathing", "rest", "journal")

# Run by ``manage.py shell -c`` (formatted with the member count): members with
# unusable passwords, and tokens whose secrets are ``token_secret(i)``.
SEED_CODE = """
import datetime as dt
from django.contrib.auth import get_user_model
from django.utils import timezone
from kinship.members.models import Member
from kinship.tokens.models import AccessToken
from kinship.tokens.selectors import token_secret_hash

count = {members}
zones = {zones!r}
User = get_user_model()
now = timezone.now()
for start in range(0, count, 2000):
    chunk = range(start, min(start + 2000, count))
    users = User.objects.bulk_create(
        [User(username=f"bench{{i}}", email=f"bench{{i}}@example.org",
              password="!") for i in chunk]
    )
    members = Member.objects.bulk_create(
        [Member(user=user, display_name=f"Bench {{i}}", timezone=zones[i % 4])
         for i, user in zip(chunk, users)]
    )
    AccessToken.objects.bulk_create(
        [AccessToken(member=member, name="bench", scope="write",
                     prefix=f"kin_bench{{i:06d}}"[:12],
                     token_hash=token_secret_hash(f"kin_bench{{i:06d}}_checkins"),
                     created_at=now, expires_at=now + dt.timedelta(days=365))
         for i, member in zip(chunk, members)]
    )
print(f"{{count}} members with tokens")
"""


def token_secret(index: int) -> str:
    return f"kin_bench{index:06d}_checkins"


def checkin_body(index: int, rng: random.Random) -> bytes:
    """A plausible check-in of member ``index``."""
    return json.dumps(
        {
            "mood": rng.randint(1, 5),
            "craving": rng.randint(0, 10),
            "stress": rng.randint(0, 10),
            "sleep_hours": rng.choice([None, 5.5, 6, 7, 7.5, 8, 9]),
            "used_today": rng.choice(["no", "no", "no", "unsaid", "yes"]),
            "triggers": rng.sample(TRIGGERS, rng.randint(0, 3)),
            "coping": rng.sample(COPING, rng.randint(0, 3)),
            "gratitude": rng.choice(["", "Coffee with a friend", "A quiet evening"]),
            "note": f"Private note of bench member {index}." * rng.randint(0, 3),
            "sharing": rng.choice(["private", "private", "mentor", "groups"]),
        }
    ).encode()


@dataclass(frozen=True, slots=True)
class Sample:
    status: int
    server_ms: float | None
    client_ms: float
    finished: float  # monotonic seconds


@dataclass
class DatabaseRun:
    db: ScratchDb
    version: str
    seeding: SeedReport
    keys: bool  # whether each request sent an Idempotency-Key
    samples: list[Sample] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    measured_seconds: float = 0.0
    load_average: tuple[float, float] = (0.0, 0.0)  # 1-minute, before and after
    members_written: int = 0
    checkins_stored: int = 0

    @property
    def label(self) -> str:
        return f"{self.db.label}, {'with' if self.keys else 'no'} Idempotency-Key"

    def ok(self) -> list[Sample]:
        return [s for s in self.samples if s.status in (200, 201)]

    def writes_per_second(self) -> float:
        return len(self.ok()) / self.measured_seconds if self.measured_seconds else 0

    def server(self) -> Summary:
        return summarize([s.server_ms for s in self.ok() if s.server_ms is not None])

    def client(self) -> Summary:
        return summarize([s.client_ms for s in self.ok()])

    def passed(self) -> bool:
        return (
            not self.failures
            and self.server().p95 <= TARGET_P95_MS
            and self.client().p95 <= TARGET_P95_MS
            and self.writes_per_second() >= TARGET_WRITES_PER_SECOND
        )


class Load:
    """Client threads posting check-ins of member after member until a deadline."""

    def __init__(self, port: int, members: int, seed: int, *, keys: bool) -> None:
        self.port = port
        self.keys = keys
        self.members = members
        self.seed = seed
        self.next_index = 0
        self.lock = threading.Lock()
        self.samples: list[Sample] = []
        self.failures: list[str] = []
        self.written: set[int] = set()

    def _take(self, rng: random.Random) -> int:
        """The next member; one time in ten, one who already wrote (an edit)."""
        with self.lock:
            if self.next_index and rng.random() < EDIT_SHARE:
                return rng.randrange(min(self.next_index, self.members))
            index = self.next_index % self.members
            self.next_index += 1
            return index

    def _one(self, index: int, rng: random.Random) -> Sample:
        """One POST over a new connection, written and read with a bare socket.

        gunicorn's sync workers close each connection after the response, so the
        response ends when the server closes; a bare socket keeps the client's
        own CPU time small, as the client shares the machine with the server.
        """
        body = checkin_body(index, rng)
        key = f"Idempotency-Key: {uuid.uuid4()}\r\n" if self.keys else ""
        request = (
            f"POST {PATH} HTTP/1.1\r\nHost: {HOST}:{self.port}\r\n"
            f"Authorization: Bearer {token_secret(index)}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
            f"{key}Connection: close\r\n\r\n"
        ).encode() + body
        chunks: list[bytes] = []
        started = time.perf_counter()
        with socket.create_connection((HOST, self.port), REQUEST_TIMEOUT_SECONDS) as s:
            s.sendall(request)
            while chunk := s.recv(65536):
                chunks.append(chunk)
        finished = time.perf_counter()
        response = b"".join(chunks)
        head, _, content = response.partition(b"\r\n\r\n")
        status = int(head[9:12]) if head.startswith(b"HTTP/1.") else 0
        match = SERVER_TIMING.search(head.decode("latin-1"))
        sample = Sample(
            status,
            float(match.group(1)) if match else None,
            (finished - started) * 1000,
            time.monotonic(),
        )
        if status not in (200, 201):
            with self.lock:
                self.failures.append(f"{status}: {content[:200]!r}")
        return sample

    def _worker(self, number: int, deadline: float, record: bool) -> None:
        rng = random.Random(self.seed * 1000 + number)
        mine: list[Sample] = []
        written: set[int] = set()
        while time.monotonic() < deadline:
            index = self._take(rng)
            sample = self._one(index, rng)
            mine.append(sample)
            if sample.status in (200, 201):
                written.add(index)
        with self.lock:
            if record:
                self.samples += mine
            self.written |= written

    def run(self, clients: int, seconds: float, *, record: bool) -> float:
        """Run ``clients`` threads for ``seconds``; returns the time taken."""
        started = time.monotonic()
        deadline = started + seconds
        threads = [
            threading.Thread(target=self._worker, args=(n, deadline, record))
            for n in range(clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return time.monotonic() - started


def seed_steps(members: int) -> list[list[str]]:
    return [
        ["migrate", "--no-input"],
        ["shell", "-c", SEED_CODE.format(members=members, zones=ZONES)],
    ]


def _reset(db: ScratchDb) -> None:
    """Forget earlier runs: their check-ins and idempotency records."""
    with connect(db) as client:
        client.execute("DELETE FROM recovery_checkin_strategies_used")
        client.execute("DELETE FROM recovery_checkin")
        client.execute("DELETE FROM tokens_idempotencyrecord")
        client.execute("UPDATE tokens_accesstoken SET last_used_at = NULL")
        if db.engine == "sqlite":
            client.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            client.execute("VACUUM ANALYZE recovery_checkin")


def benchmark_database(db: ScratchDb, args: argparse.Namespace) -> list[DatabaseRun]:
    """Seed (or reuse) ``db``, serve it with gunicorn and measure each variant."""
    _progress(f"{db.label}: seeding {db.url} (or reusing it)")
    seeding = seed(db, seed_steps(args.members), fresh=args.fresh, log_dir=BENCH_VAR)
    _progress(f"{db.label}: {'reused' if seeding.reused else 'seeded'}")
    with connect(db) as connection:
        version = connection.server_version()
    runs = []
    variants = {"both": (True, False), "with": (True,), "without": (False,)}
    for keys in variants[args.keys]:
        run = DatabaseRun(db, version, seeding, keys)
        _reset(db)
        log = BENCH_VAR / f"gunicorn-checkins-{db.engine}.log"
        with running_server(manage_env(db), log, workers=args.workers) as port:
            _progress(
                f"{run.label}: gunicorn on {HOST}:{port}; {args.clients} clients, "
                f"{args.warmup_seconds:.0f} s warm-up, {args.seconds:.0f} s measured"
            )
            _measure(Load(port, args.members, args.seed, keys=keys), run, args)
        runs.append(run)
    return runs


def _measure(load: Load, run: DatabaseRun, args: argparse.Namespace) -> None:
    load.run(args.clients, args.warmup_seconds, record=False)
    before = os.getloadavg()[0]
    run.measured_seconds = load.run(args.clients, args.seconds, record=True)
    run.load_average = (before, os.getloadavg()[0])
    run.samples = load.samples
    run.failures = load.failures
    run.members_written = len(load.written)
    with connect(run.db) as connection:
        stored = connection.scalar("SELECT COUNT(*) FROM recovery_checkin")
    run.checkins_stored = int(stored)
    if run.checkins_stored != run.members_written:
        run.failures.append(
            f"{run.checkins_stored} check-ins stored for {run.members_written} members"
        )
    _progress(
        f"{run.label}: {len(run.samples)} writes in {run.measured_seconds:.1f} s, "
        f"server p95 {run.server().p95:.1f} ms, client p95 {run.client().p95:.1f} ms"
    )


def _ms(value: float) -> str:
    return f"{value:.1f}"


def render(runs: list[DatabaseRun], args: argparse.Namespace, postgres: str) -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "## Check-ins: daily check-ins written concurrently",
        "",
        f"Target: p95 <= {TARGET_P95_MS:.0f} ms (server and client) and >= "
        f"{TARGET_WRITES_PER_SECOND:.0f} writes/s sustained, "
        "`POST /api/v1/me/checkins` with a personal access token, with and "
        "without an Idempotency-Key.",
        "",
        "| database | writes/s | server p95 | client p95 | target |",
        "|---|--:|--:|--:|---|",
    ]
    for run in runs:
        verdict = "PASS" if run.passed() else "MISS"
        lines.append(
            f"| {run.label} | {run.writes_per_second():.0f} | "
            f"{_ms(run.server().p95)} ms | {_ms(run.client().p95)} ms | {verdict} |"
        )
    if postgres:
        lines += ["", postgres]
    lines += [
        "",
        f"Measured {now} on code {code_version()} with `bench/checkins.py` "
        f"({args.members:,} members, each with a token; {args.clients} client "
        f"threads, a new connection per request; {args.warmup_seconds:.0f} s "
        f"warm-up then {args.seconds:.0f} s measured; gunicorn {args.workers} "
        f"sync workers, DEBUG off; seed {args.seed}).",
        "",
        "Machine (the client threads run on it too):",
        "",
        machine_description({run.db.label: run.version for run in runs}),
        "",
        "1-minute load average before and after each measured run (the benchmark "
        "itself adds about one per worker and client thread busy): "
        + "; ".join(
            f"{run.label} {run.load_average[0]:.1f} / {run.load_average[1]:.1f}"
            for run in runs
        )
        + ".",
        "",
        "Each request: the token looked up (and its last use noted), then "
        "`checkin_record` in one transaction (validation; one check-in per member "
        "per local day, inserted or, for one write in ten, today's changed). With "
        "an Idempotency-Key the whole operation runs inside the transaction that "
        "claims the key and keeps the answer: on SQLite that transaction holds "
        "the database's one write lock through the whole request (parsing, the "
        "service, the answer), so keyed writes queue for the lock longer; the "
        "token is looked up once either way. "
        "Times in ms; server = `Server-Timing`, client = round trip over "
        "127.0.0.1.",
        "",
        "| database | writes | created | changed | server p50 | p95 | p99 | max "
        "| client p50 | p95 | p99 | max |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for run in runs:
        ok = run.ok()
        server, client = run.server(), run.client()
        created = sum(1 for s in ok if s.status == 201)
        lines.append(
            f"| {run.label} | {len(ok)} | {created} | "
            f"{len(ok) - created} | {_ms(server.p50)} | {_ms(server.p95)} | "
            f"{_ms(server.p99)} | {_ms(server.max)} | {_ms(client.p50)} | "
            f"{_ms(client.p95)} | {_ms(client.p99)} | {_ms(client.max)} |"
        )
    for run in runs:
        if run.failures:
            lines += [
                "",
                f"{run.label}: {len(run.failures)} failures, first: "
                f"`{run.failures[0][:200]}`",
            ]
    return "\n".join(lines)


def _progress(message: str) -> None:
    print(f"[bench:checkins] {message}", file=sys.stderr, flush=True)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument(
        "--fresh", action="store_true", help="drop and re-seed the scratch databases"
    )
    parser.add_argument(
        "--members",
        type=int,
        default=DEFAULT_MEMBERS,
        help="members (each with a token) to seed (default %(default)s)",
    )
    parser.add_argument(
        "--clients",
        type=int,
        default=8,
        help="concurrent client threads (default %(default)s)",
    )
    parser.add_argument(
        "--seconds",
        type=float,
        default=30.0,
        help="measured seconds per database (default %(default)s)",
    )
    parser.add_argument(
        "--warmup-seconds",
        type=float,
        default=3.0,
        help="warm-up seconds per database (default %(default)s)",
    )
    parser.add_argument(
        "--workers", type=int, default=4, help="gunicorn workers (default %(default)s)"
    )
    parser.add_argument(
        "--seed", type=int, default=2025, help="random seed (default %(default)s)"
    )
    parser.add_argument(
        "--keys",
        choices=["both", "with", "without"],
        default="both",
        help="measure requests with an Idempotency-Key, without, or both one "
        "after the other (default %(default)s)",
    )
    parser.add_argument(
        "--no-sqlite", action="store_true", help="measure PostgreSQL only"
    )
    output_options_add(parser, target="a target")
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
    runs = [run for db in databases for run in benchmark_database(db, args)]
    report = render(runs, args, postgres)
    print(report)
    if not args.no_doc:
        write_section(DOC_SECTION, report)
        _progress("updated docs/performance.md")
    if any(run.failures for run in runs):
        _progress("FAILED: some writes were refused or lost")
        return 1
    if args.enforce_target and not all(run.passed() for run in runs):
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
