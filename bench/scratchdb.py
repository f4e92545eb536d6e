"""Scratch databases for benchmarks: create, seed through manage.py, reuse, inspect.

A seeded database is reused when it carries a marker row whose fingerprint matches
the code that shapes its data (migrations, the seed command, the vocabularies) and
the requested size, and when its meeting count still equals the count recorded at
seeding. Anything else, or ``fresh=True``, drops and seeds it again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import psycopg
from psycopg import sql

REPO = Path(__file__).resolve().parent.parent
BENCH_VAR = REPO / "var" / "bench"
PG_HOST = "127.0.0.1"
PG_PORT = 5432
PG_USER = "postgres"
PG_ADMIN_DB = "postgres"
MARKER_TABLE = "bench_seed_marker"
# The seeded data depends on the schema, the seed command and whatever code it
# calls (vocabularies, services, derived tables). Hashing all of the application's
# non-test Python is broader than needed, but re-seeding takes well under a minute
# and a stale reuse would measure the wrong data.
FINGERPRINT_GLOB = "kinship/**/*.py"
SEED_COMMAND = REPO / "kinship/directory/management/commands/seed_demo.py"

Engine = Literal["sqlite", "postgresql"]


@dataclass(frozen=True, slots=True)
class ScratchDb:
    """One scratch database and how to reach it."""

    engine: Engine
    name: str

    @property
    def sqlite_path(self) -> Path:
        return BENCH_VAR / f"{self.name}.sqlite3"

    @property
    def url(self) -> str:
        if self.engine == "sqlite":
            return f"sqlite:///{self.sqlite_path}"
        return f"postgres://{PG_USER}@{PG_HOST}:{PG_PORT}/{self.name}"

    @property
    def label(self) -> str:
        return "SQLite" if self.engine == "sqlite" else "PostgreSQL"


@dataclass(frozen=True, slots=True)
class SeedReport:
    """How the data came to be: seeded now (with step times) or reused."""

    reused: bool
    meetings: int
    seed_seconds: float
    steps: tuple[tuple[str, float], ...]
    seeded_at: str


def postgres_answers(timeout: float = 2.0) -> bool:
    try:
        with socket.create_connection((PG_HOST, PG_PORT), timeout):
            return True
    except OSError:
        return False


def connect(db: ScratchDb) -> DbClient:
    return DbClient(db)


class DbClient:
    """A small synchronous client over sqlite3 or psycopg with one placeholder style.

    SQL is written with ``?`` placeholders and converted for psycopg.
    """

    def __init__(self, db: ScratchDb) -> None:
        self.db = db
        self._sqlite: sqlite3.Connection | None = None
        self._pg: psycopg.Connection[Any] | None = None
        if db.engine == "sqlite":
            self._sqlite = sqlite3.connect(db.sqlite_path, isolation_level=None)
        else:
            self._pg = psycopg.connect(
                host=PG_HOST,
                port=PG_PORT,
                user=PG_USER,
                dbname=db.name,
                autocommit=True,
            )

    def rows(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        if self._sqlite is not None:
            return list(self._sqlite.execute(query, tuple(params)).fetchall())
        assert self._pg is not None
        with self._pg.cursor() as cursor:
            cursor.execute(query.replace("?", "%s"), tuple(params))
            return list(cursor.fetchall()) if cursor.description else []

    def scalar(self, query: str, params: Sequence[Any] = ()) -> Any:
        found = self.rows(query, params)
        return found[0][0] if found else None

    def execute(self, query: str, params: Sequence[Any] = ()) -> None:
        self.rows(query, params)

    def table_exists(self, table: str) -> bool:
        if self.db.engine == "sqlite":
            check = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
        else:
            check = (
                "SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = ?"
            )
        return self.scalar(check, [table]) is not None

    def server_version(self) -> str:
        if self.db.engine == "sqlite":
            return str(self.scalar("SELECT sqlite_version()"))
        return str(self.scalar("SHOW server_version"))

    def close(self) -> None:
        if self._sqlite is not None:
            self._sqlite.close()
        if self._pg is not None:
            self._pg.close()

    def __enter__(self) -> DbClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def seed_fingerprint(steps: Sequence[Sequence[str]]) -> str:
    digest = hashlib.sha256()
    for path in sorted(REPO.glob(FINGERPRINT_GLOB)):
        if "tests" in path.relative_to(REPO).parts:
            continue
        digest.update(str(path.relative_to(REPO)).encode())
        digest.update(path.read_bytes())
    for step in steps:
        digest.update(" ".join(step).encode())
    return digest.hexdigest()


def seed_command_ready(required_option: str) -> bool:
    """True once the seed command exists and accepts ``required_option``."""
    return SEED_COMMAND.exists() and required_option in SEED_COMMAND.read_text()


def _drop_and_create(db: ScratchDb) -> None:
    if db.engine == "sqlite":
        BENCH_VAR.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{db.sqlite_path}{suffix}").unlink(missing_ok=True)
        return
    with psycopg.connect(
        host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=PG_ADMIN_DB, autocommit=True
    ) as admin:
        name = sql.Identifier(db.name)
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(name))


def _database_exists(db: ScratchDb) -> bool:
    if db.engine == "sqlite":
        return db.sqlite_path.exists()
    with psycopg.connect(
        host=PG_HOST, port=PG_PORT, user=PG_USER, dbname=PG_ADMIN_DB, autocommit=True
    ) as admin:
        found = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (db.name,)
        ).fetchone()
        return found is not None


def reusable_seed(db: ScratchDb, fingerprint: str) -> SeedReport | None:
    """The recorded seeding if the database still holds exactly that data."""
    if not _database_exists(db):
        return None
    with connect(db) as client:
        if not client.table_exists(MARKER_TABLE):
            return None
        marker = client.rows(
            f"SELECT fingerprint, meetings, seed_seconds, seeded_at FROM {MARKER_TABLE}"  # noqa: S608
        )
        if len(marker) != 1 or marker[0][0] != fingerprint:
            return None
        _, meetings, seed_seconds, seeded_at = marker[0]
        if client.scalar("SELECT COUNT(*) FROM directory_meeting") != meetings:
            return None
    return SeedReport(
        reused=True,
        meetings=int(meetings),
        seed_seconds=float(seed_seconds),
        steps=(),
        seeded_at=str(seeded_at),
    )


def manage_env(db: ScratchDb) -> dict[str, str]:
    """The environment of every manage.py or server process aimed at ``db``."""
    env = dict(os.environ)
    env["DATABASE_URL"] = db.url
    env["DEBUG"] = "0"
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def _run_step(db: ScratchDb, args: Sequence[str], log_path: Path) -> float:
    started = time.perf_counter()
    with log_path.open("a") as log:
        log.write(f"\n$ manage.py {' '.join(args)}\n")
        log.flush()
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=REPO,
            env=manage_env(db),
            stdout=log,
            stderr=subprocess.STDOUT,
            check=False,
        )
    if result.returncode != 0:
        tail = "".join(log_path.read_text().splitlines(keepends=True)[-20:])
        raise RuntimeError(
            f"manage.py {' '.join(args)} failed on {db.label} "
            f"(exit {result.returncode}); last lines of {log_path}:\n{tail}"
        )
    return time.perf_counter() - started


def _analyze_and_settle(db: ScratchDb) -> None:
    """Refresh planner statistics, then flush the seeding's writes to disk.

    Otherwise the kernel's writeback and PostgreSQL's checkpointer would write the
    freshly seeded pages while the first searches are being measured.
    """
    with connect(db) as client:
        if db.engine == "sqlite":
            client.execute("ANALYZE")
        else:
            # VACUUM also sets the visibility map, as autovacuum would have done on
            # a long-running database; without it index-only scans are not used.
            client.execute("VACUUM ANALYZE")
            client.execute("CHECKPOINT")
    os.sync()


def _write_marker(db: ScratchDb, fingerprint: str, report: SeedReport) -> None:
    with connect(db) as client:
        client.execute(f"DROP TABLE IF EXISTS {MARKER_TABLE}")
        client.execute(
            f"CREATE TABLE {MARKER_TABLE} (fingerprint TEXT, meetings INTEGER, "
            "seed_seconds REAL, seeded_at TEXT)"
        )
        client.execute(
            f"INSERT INTO {MARKER_TABLE} VALUES (?, ?, ?, ?)",  # noqa: S608
            [fingerprint, report.meetings, report.seed_seconds, report.seeded_at],
        )


def seed(
    db: ScratchDb, steps: Sequence[Sequence[str]], *, fresh: bool, log_dir: Path
) -> SeedReport:
    """Reuse ``db`` if it holds exactly the data ``steps`` produce, else seed it."""
    fingerprint = seed_fingerprint(steps)
    if not fresh:
        reused = reusable_seed(db, fingerprint)
        if reused is not None:
            return reused
    _drop_and_create(db)
    log_path = log_dir / f"seed-{db.engine}.log"
    log_path.write_text("")
    timings: list[tuple[str, float]] = []
    started = time.perf_counter()
    for step in steps:
        timings.append((" ".join(step), _run_step(db, step, log_path)))
    analyze_started = time.perf_counter()
    _analyze_and_settle(db)
    timings.append(("ANALYZE", time.perf_counter() - analyze_started))
    with connect(db) as client:
        meetings = int(client.scalar("SELECT COUNT(*) FROM directory_meeting"))
    report = SeedReport(
        reused=False,
        meetings=meetings,
        seed_seconds=time.perf_counter() - started,
        steps=tuple(timings),
        seeded_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    _write_marker(db, fingerprint, report)
    return report
