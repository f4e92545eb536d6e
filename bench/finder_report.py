"""The finder benchmark's results and their report (Markdown, also printed)."""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field

from finder_mix import KIND_WEIGHTS, NEAR_KINDS, FinderRequest
from perfdoc import Summary, code_version, machine_description, summarize
from scratchdb import ScratchDb, SeedReport

TARGET_P95_MS = 50.0
SLOWEST_SHOWN = 5


@dataclass(frozen=True, slots=True)
class ApiCounts:
    """What an API answer says about its matches."""

    count: int  # all matches, or a lower bound when not exact
    exact: bool
    located: int  # results on this page within the radius
    returned: int  # results on this page


@dataclass(frozen=True, slots=True)
class Sample:
    """One measured response."""

    request: FinderRequest
    status: int
    server_ms: float | None
    client_ms: float
    counts: ApiCounts | None = None


@dataclass(slots=True)
class DatabaseRun:
    """Everything measured on one database."""

    db: ScratchDb
    version: str
    seeding: SeedReport
    digest: str
    refused_types: list[str] = field(default_factory=list)
    samples: list[Sample] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    truncated: bool = False
    measured_seconds: float = 0.0
    connections: int = 0

    @property
    def server(self) -> list[float]:
        return [s.server_ms for s in self.samples if s.server_ms is not None]

    def passed(self) -> bool:
        values = self.server
        return bool(values) and summarize(values).p95 <= TARGET_P95_MS


def seeding_text(seeding: SeedReport) -> str:
    if seeding.reused:
        return (
            f"reused the data seeded at {seeding.seeded_at} "
            f"({seeding.meetings:,} meetings, seeded in {seeding.seed_seconds:.0f} s)"
        )
    steps = ", ".join(f"`{name}` {seconds:.1f} s" for name, seconds in seeding.steps)
    return (
        f"seeded {seeding.meetings:,} meetings in {seeding.seed_seconds:.1f} s "
        f"({steps})"
    )


def _ms(value: float) -> str:
    return f"{value:.1f}"


def _latency_row(name: str, server: Summary, client: Summary) -> str:
    cells = [name, str(server.count)]
    cells += [_ms(v) for v in (server.p50, server.p95, server.p99, server.max)]
    cells += [_ms(v) for v in (client.p50, client.p95, client.p99, client.max)]
    return "| " + " | ".join(cells) + " |"


def _latency_table(run: DatabaseRun) -> str:
    groups: list[tuple[str, list[Sample]]] = [("**all**", run.samples)]
    groups += [
        (kind, [s for s in run.samples if s.request.kind == kind])
        for kind in KIND_WEIGHTS
    ]
    endpoints = sorted({s.request.endpoint for s in run.samples})
    groups += [
        (f"endpoint {name}", [s for s in run.samples if s.request.endpoint == name])
        for name in endpoints
    ]
    lines = [
        "| searches | n | server p50 | p95 | p99 | max "
        "| client p50 | p95 | p99 | max |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, samples in groups:
        server = [s.server_ms for s in samples if s.server_ms is not None]
        if server:
            client = [s.client_ms for s in samples]
            lines.append(_latency_row(name, summarize(server), summarize(client)))
    return "\n".join(lines)


def _result_counts(run: DatabaseRun) -> str:
    """How much the near searches found, to show they are not trivially empty."""
    near = [
        s.counts
        for s in run.samples
        if s.request.kind in NEAR_KINDS and s.counts is not None
    ]
    in_radius = [
        s.counts
        for s in run.samples
        if s.request.kind in NEAR_KINDS
        and dict(s.request.params).get("mode") != "online"
        and s.counts is not None
    ]
    if not near or not in_radius:
        return "No near searches were answered by the API."
    located = [c.located for c in in_radius]
    totals = [c.count for c in in_radius]
    return (
        f"Near searches answered by the API: {len(near)}. Of the "
        f"{len(in_radius)} not limited to `mode=online`, the page returned held a "
        f"mean of {statistics.fmean(located):.1f} meetings within the radius "
        f"(median {statistics.median(located):.0f}, at most 20) and "
        f"{sum(1 for v in located if v == 0)} held none; matches in all "
        f"(within the radius, then online): mean {statistics.fmean(totals):,.0f}, "
        f"median {statistics.median(totals):,.0f}, "
        f"{sum(1 for c in in_radius if not c.exact)} of them lower bounds "
        f"(`count_is_exact` false). "
        f"{sum(1 for c in near if not c.returned)} of {len(near)} near searches "
        "returned an empty page."
    )


def _slowest(run: DatabaseRun) -> str:
    timed = [s for s in run.samples if s.server_ms is not None]
    timed.sort(key=lambda s: s.server_ms or 0.0, reverse=True)
    lines = [
        f"- {s.server_ms:.1f} ms `{s.request.endpoint}` `{s.request.path}`"
        for s in timed[:SLOWEST_SHOWN]
    ]
    return "\n".join(lines)


def _database_section(run: DatabaseRun) -> str:
    server = summarize(run.server) if run.server else None
    verdict = "PASS" if run.passed() else "FAIL"
    headline = (
        f"server p95 {server.p95:.1f} ms -> **{verdict}**" if server else "no samples"
    )
    notes = []
    if run.truncated:
        notes.append(f"Stopped by the time bound after {len(run.samples)} searches.")
    if run.failures:
        notes.append(
            f"**{len(run.failures)} failed responses**, first: `{run.failures[0]}`"
        )
    if run.refused_types:
        codes = ", ".join(f"`{c}`" for c in run.refused_types)
        notes.append(
            "**Type filters the finder refused (422)** although seeded meetings "
            f"carry them; left out of the mix: {codes}."
        )
    return "\n\n".join(
        [
            f"### {run.db.label} {run.version}: {headline}",
            f"Data: {seeding_text(run.seeding)}. Mix digest `{run.digest}`; "
            f"{len(run.samples)} searches in {run.measured_seconds:.1f} s over "
            f"{run.connections} TCP connections.",
            _latency_table(run),
            _result_counts(run),
            "Slowest searches (server side):\n\n" + _slowest(run),
            *notes,
        ]
    )


def render(runs: Sequence[DatabaseRun], args: argparse.Namespace, postgres: str) -> str:
    """The docs/performance.md section, also printed to the console."""
    versions = {f"{run.db.label}": run.version for run in runs}
    summary = [
        f"| {run.db.label} | {_ms(summarize(run.server).p95)} ms | "
        f"{'PASS' if run.passed() else 'FAIL'} |"
        for run in runs
        if run.server
    ]
    return "\n\n".join(
        [
            "## Finder: meeting search near a point",
            f"Target (DESIGN.md section 6): p95 <= {TARGET_P95_MS:.0f} ms server side "
            f"over {args.meetings:,} meetings, filters + distance sort.",
            "| database | server p95 | target |\n|---|--:|---|\n" + "\n".join(summary),
            f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on code "
            f"{code_version()} with `make bench` ({args.warmup} warm-up then "
            f"{args.requests} searches per database, one after another from one "
            f"HTTP/1.1 client; gunicorn {args.workers} workers"
            f"{f' x {args.threads} threads' if args.threads > 1 else ''}, DEBUG off; "
            f"seed {args.seed}). {postgres}".strip(),
            "Machine:\n\n" + machine_description(versions),
            "Server = the `Server-Timing` header (Django middleware to response, "
            "inside a worker); client = the round trip seen by the benchmark over "
            "127.0.0.1. All times in ms. Kinds: `near` 60 % (ZIP, 5-25 miles, "
            "0-2 other filters), `near_online` 15 %, `no_place` 15 % "
            "(day/time/program), `near_page` 10 % (page 2-3); endpoints: API 50 %, "
            "page 25 %, htmx fragment 25 %. The target is judged on all searches.",
            *(_database_section(run) for run in runs),
        ]
    )
