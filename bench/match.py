"""Matching benchmark: "Find my group" over 200,000 meetings.

What it measures: ``kinship.matching.match.match_find`` (the matching behind
``/match/`` and ``GET /api/v1/match``: candidate reads, occurrences, group
signals, ranking) against the target of issue 7: p95 <= 100 ms over 200,000
meetings. It is timed in a Django process of its own (DEBUG off) calling the
function, so the figures are the matching's own, without HTTP or HTML.

For each database (SQLite always; PostgreSQL when it answers at 127.0.0.1:5432):

1. Seeds (or reuses) the same scratch database as the finder benchmark
   (``var/bench/finder.sqlite3``, PostgreSQL ``kinship_bench``): ``migrate``,
   ``seed_demo`` and ``seed_demo --meetings 200000``, then ANALYZE.
2. Starts ``bench/match.py --worker`` with DATABASE_URL aimed at it, which
   draws a seeded-random mix of answers: a US ZIP code (uniform over ZIP codes,
   like the synthetic meetings), focus, free times (none = any time), travel,
   comfort, and now and then a language, program or audience preference, at a
   moment spread over the week; runs warm-up matches, then the measured ones one
   after another, and reports per match the wall time, the groups ranked and
   whether every online meeting at the person's times was read.
3. For a sample of the matches that left groups unread, matches again ranking
   every group that could fit (``GROUPS_READ`` and ``PREFERRED_GROUPS_READ``
   lifted) and counts how often the ten groups offered differ, and how often
   their scores do (a better group missed): what reading a bounded number of
   groups costs in results.

It prints the figures and rewrites its section of docs/performance.md. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

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
    connect,
    manage_env,
    postgres_answers,
    seed,
)

DEFAULT_MEETINGS = 200_000
SQLITE_DB = ScratchDb("sqlite", "finder")
POSTGRES_DB = ScratchDb("postgresql", "kinship_bench")
TARGET_P95_MS = 100.0
DOC_SECTION = "match"
FOCUS_WEIGHTS = {"addiction": 50, "mental_health": 20, "both": 20, "family": 10}
TRAVEL_WEIGHTS = {"online": 25, "no_car": 40, "car": 35}
SLOTS = ("weekday_morning", "weekday_afternoon", "weekday_evening", "weekend")
AUDIENCES = ("women", "men", "lgbtq", "young_people", "veterans")


def seed_steps(meetings: int) -> list[list[str]]:
    """The finder benchmark's steps: both benchmarks share one scratch database."""
    return [
        ["migrate", "--no-input"],
        ["seed_demo"],
        ["seed_demo", "--meetings", str(meetings)],
    ]


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def answers_mix(count: int, seed_value: int, zips: list[str]) -> list[dict[str, Any]]:
    """``count`` seeded-random sets of answers with a moment in the week each."""
    rng = random.Random(seed_value)
    mix = []
    for _ in range(count):
        slots = [slot for slot in SLOTS if rng.random() < 0.35]
        mix.append(
            {
                "zip": rng.choice(zips),
                "focus": _weighted(rng, FOCUS_WEIGHTS),
                "travel": _weighted(rng, TRAVEL_WEIGHTS),
                "comfort": rng.choice(("listen_first", "ready")),
                "slots": slots,
                "languages": ["es"] if rng.random() < 0.1 else [],
                "programs": ["smart"] if rng.random() < 0.1 else [],
                "audience": [rng.choice(AUDIENCES)] if rng.random() < 0.15 else [],
                # Minutes after the start of the measured week.
                "minute": rng.randrange(7 * 24 * 60),
            }
        )
    return mix


# The worker: runs inside Django against one database.


def worker(args: argparse.Namespace) -> None:
    import datetime as dt
    import time
    from zoneinfo import ZoneInfo

    import django

    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinship.settings")
    django.setup()

    from kinship.core.geo import geocode_zip, zip_centroids
    from kinship.matching import match
    from kinship.matching.ranking import Comfort, Needs, Slot, Travel

    zips = sorted(
        code for code, centroid in zip_centroids().items() if centroid.timezone
    )
    week = dt.datetime(2026, 3, 2, tzinfo=dt.UTC)  # a Monday

    def query_of(answers: dict[str, Any]) -> tuple[match.MatchQuery, dt.datetime]:
        centroid = geocode_zip(answers["zip"])
        assert centroid is not None
        travel = Travel(answers["travel"])
        needs = Needs(
            focus=answers["focus"],
            travel=travel,
            comfort=Comfort(answers["comfort"]),
            slots=frozenset(Slot(slot) for slot in answers["slots"]),
            programs=frozenset(answers["programs"]),
            languages=frozenset(answers["languages"]),
            audience=frozenset(answers["audience"]),
        )
        query = match.MatchQuery(
            needs=needs,
            near=None if travel == Travel.ONLINE else centroid.point,
            zip3="" if travel == Travel.ONLINE else centroid.zip_code[:3],
            viewer_tz=ZoneInfo(centroid.timezone),
        )
        return query, week + dt.timedelta(minutes=answers["minute"])

    def run(mix: list[dict[str, Any]]) -> list[dict[str, Any]]:
        samples = []
        for answers in mix:
            query, now = query_of(answers)
            started = time.perf_counter()
            result = match.match_find(query, now=now)
            elapsed = (time.perf_counter() - started) * 1000
            samples.append(
                {
                    "ms": elapsed,
                    "considered": result.considered,
                    "offered": len(result.matches),
                    "read_all": result.read_all,
                    "groups": [m.ranked.candidate.group_id for m in result.matches],
                    "scores": [m.ranked.score for m in result.matches],
                }
            )
        return samples

    run(answers_mix(args.warmup, args.seed + 1, zips))
    measured = answers_mix(args.requests, args.seed, zips)
    samples = run(measured)
    bounded = [
        (answers, sample)
        for answers, sample in zip(measured, samples, strict=True)
        if not sample["read_all"]
    ][: args.compare]
    match.GROUPS_READ = match.PREFERRED_GROUPS_READ = 10**6
    other_groups = lower_scores = 0
    for answers, sample in bounded:
        (everything,) = run([answers])
        other_groups += everything["groups"] != sample["groups"]
        lower_scores += everything["scores"] != sample["scores"]
    print(
        json.dumps(
            {
                "samples": samples,
                "compared": len(bounded),
                "other_groups": other_groups,
                "lower_scores": lower_scores,
            }
        )
    )


# The driver: seeds, starts a worker per database, writes the figures.


@dataclass
class DatabaseRun:
    db: ScratchDb
    version: str
    seeding: str
    samples: list[dict[str, Any]]
    compared: int
    other_groups: int
    lower_scores: int

    @property
    def summary(self) -> Summary:
        return summarize([sample["ms"] for sample in self.samples])


def benchmark_database(db: ScratchDb, args: argparse.Namespace) -> DatabaseRun:
    _progress(f"{db.label}: seeding {db.url} (or reusing it)")
    seeding = seed(db, seed_steps(args.meetings), fresh=args.fresh, log_dir=BENCH_VAR)
    with connect(db) as connection:
        version = connection.server_version()
    how = "reused" if seeding.reused else f"seeded in {seeding.seed_seconds:.0f} s"
    _progress(f"{db.label}: {seeding.meetings} meetings, {how}; matching")
    command = [
        sys.executable,
        __file__,
        "--worker",
        "--requests",
        str(args.requests),
        "--warmup",
        str(args.warmup),
        "--seed",
        str(args.seed),
        "--compare",
        str(args.compare),
    ]
    output = subprocess.run(
        command, env=manage_env(db), cwd=REPO, capture_output=True, text=True
    )
    if output.returncode != 0:
        raise RuntimeError(f"the {db.label} worker failed:\n{output.stderr[-3000:]}")
    report = json.loads(output.stdout.strip().splitlines()[-1])
    return DatabaseRun(
        db=db,
        version=version,
        seeding=f"{seeding.meetings:,} meetings, {how}",
        samples=report["samples"],
        compared=report["compared"],
        other_groups=report["other_groups"],
        lower_scores=report["lower_scores"],
    )


def _progress(message: str) -> None:
    print(f"[bench:match] {message}", file=sys.stderr, flush=True)


def _quantile(values: Sequence[int], fraction: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def render(runs: list[DatabaseRun], args: argparse.Namespace) -> str:
    versions = {run.db.label: run.version for run in runs}
    lines = [
        "## Matching (`bench/match.py`)",
        "",
        f"Target: `match_find` p95 <= {TARGET_P95_MS:.0f} ms over 200,000 meetings. "
        "Timed in one Django process (DEBUG off) calling the function one match "
        f"after another: {args.requests} measured matches after {args.warmup} "
        f"warm-up ones, answers drawn with seed {args.seed} (ZIP codes uniform over "
        "US ZIP codes; focus, free times, travel, comfort; now and then a "
        "language, program or audience preference; moments spread over a week).",
        "",
        f"Code: {code_version()}. Machine:",
        "",
        machine_description(versions),
        "",
        "| Database | Data | Matches | p50 ms | p95 ms | p99 ms | max ms "
        "| groups ranked p50 / p95 | every group ranked | target |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for run in runs:
        s = run.summary
        considered = [sample["considered"] for sample in run.samples]
        read_all = sum(1 for sample in run.samples if sample["read_all"])
        verdict = "met" if s.p95 <= TARGET_P95_MS else "missed"
        lines.append(
            f"| {run.db.label} | {run.seeding} | {s.count} | {s.p50:.1f} | "
            f"{s.p95:.1f} | {s.p99:.1f} | {s.max:.1f} | "
            f"{_quantile(considered, 0.5)} / {_quantile(considered, 0.95)} | "
            f"{read_all} of {s.count} | {verdict} |"
        )
    lines += ["", "Ranking a bounded number of groups (`GROUPS_READ`):"]
    for run in runs:
        lines.append(
            f"- {run.db.label}: of {run.compared} measured matches that left groups "
            f"unread, {run.other_groups} offered other groups than ranking every "
            f"group that could fit would, and in {run.lower_scores} of them some "
            "group offered scored lower than the one ranking every group would "
            "offer in its place (the others differ only among equal scores, "
            "where the soonest next meeting decides)."
        )
    return "\n".join(lines)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--fresh", action="store_true", help="drop and re-seed the scratch databases"
    )
    parser.add_argument("--meetings", type=int, default=DEFAULT_MEETINGS)
    parser.add_argument(
        "--requests", type=int, default=1000, help="measured matches per database"
    )
    parser.add_argument("--warmup", type=int, default=50, help="warm-up matches")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the mix")
    parser.add_argument(
        "--compare",
        type=int,
        default=100,
        help="bounded matches compared with an unbounded one (default %(default)s)",
    )
    output_options_add(parser, target=f"p95 <= {TARGET_P95_MS:.0f} ms")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        worker(args)
        return 0
    stop_cleanly_on_sigterm()
    databases = [SQLITE_DB]
    if not args.no_postgres and postgres_answers():
        databases.append(POSTGRES_DB)
    runs = [benchmark_database(db, args) for db in databases]
    text = render(runs, args)
    print(text)
    if not args.no_doc:
        write_section(DOC_SECTION, text)
    missed = any(run.summary.p95 > TARGET_P95_MS for run in runs)
    return 2 if missed and args.enforce_target else 0


if __name__ == "__main__":
    sys.exit(main())
