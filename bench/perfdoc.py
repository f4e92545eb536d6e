"""Shared by benchmarks: percentiles, the machine description, docs/performance.md.

Each benchmark owns one section of ``docs/performance.md`` between its own markers
(``<!-- bench:<name>:start -->`` and ``<!-- bench:<name>:end -->``) and rewrites
only that section, so benchmarks never overwrite each other's figures.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import signal
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from scratchdb import REPO

PERFORMANCE_DOC = REPO / "docs" / "performance.md"

DOC_INTRO = """\
# Performance

Figures measured by the benchmarks in `bench/` against the targets in DESIGN.md
section 6. A benchmark seeds its own scratch databases (SQLite under `var/bench/`,
and PostgreSQL when one answers at 127.0.0.1:5432), runs the real server
(gunicorn, DEBUG off), and measures over HTTP from 127.0.0.1. Server-side times are
read from the `Server-Timing` header that every response carries; client times are
the round trips the benchmark sees.

Run them with:

```
make bench
```

`.venv/bin/python bench/finder.py --help` lists the finder benchmark's options
(`--fresh` re-seeds, `--requests`, `--seed`, ...). Each benchmark rewrites only its
own section below, between its `bench:<name>` markers; text outside the markers is
kept. Figures depend on the machine; each section names the one it was measured on.
"""


@dataclass(frozen=True, slots=True)
class Summary:
    """Latency percentiles of one set of samples, in milliseconds."""

    count: int
    p50: float
    p95: float
    p99: float
    max: float


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    """Linear-interpolated percentile of already sorted values."""
    if not sorted_values:
        return math.nan
    position = (len(sorted_values) - 1) * fraction
    low = math.floor(position)
    high = math.ceil(position)
    weight = position - low
    return sorted_values[low] * (1 - weight) + sorted_values[high] * weight


def summarize(values: Sequence[float]) -> Summary:
    ordered = sorted(values)
    return Summary(
        count=len(ordered),
        p50=percentile(ordered, 0.50),
        p95=percentile(ordered, 0.95),
        p99=percentile(ordered, 0.99),
        max=ordered[-1] if ordered else math.nan,
    )


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _ram_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return math.nan


def machine_description(database_versions: dict[str, str]) -> str:
    """CPU, cores, RAM, Python and database versions, as one Markdown list."""
    usable = len(os.sched_getaffinity(0))
    lines = [
        f"- CPU: {_cpu_model()}, {os.cpu_count()} cores ({usable} usable)",
        f"- RAM: {_ram_gib():.1f} GiB",
        f"- OS: {platform.system()} {platform.release()}",
        f"- Python {platform.python_version()}",
        *(f"- {name} {version}" for name, version in database_versions.items()),
    ]
    return "\n".join(lines)


def code_version() -> str:
    """The commit measured, marked when the working tree has uncommitted changes."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "(not a git checkout)"
    return f"`{commit}`" + (" with uncommitted changes" if dirty else "")


def _markers(name: str) -> tuple[str, str]:
    return f"<!-- bench:{name}:start -->", f"<!-- bench:{name}:end -->"


def write_section(name: str, body: str, doc: Path = PERFORMANCE_DOC) -> None:
    """Replace this benchmark's section of the doc, creating the doc if missing."""
    start, end = _markers(name)
    section = f"{start}\n{body.strip()}\n{end}"
    text = doc.read_text() if doc.exists() else DOC_INTRO
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _: section, text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    doc.parent.mkdir(parents=True, exist_ok=True)
    temporary = doc.with_suffix(".md.tmp")
    temporary.write_text(text)
    temporary.replace(doc)


def output_options_add(parser: argparse.ArgumentParser, *, target: str) -> None:
    """The options every server benchmark shares: engines, the doc, the target."""
    parser.add_argument(
        "--no-postgres", action="store_true", help="measure SQLite only"
    )
    parser.add_argument(
        "--no-doc",
        action="store_true",
        help="print the figures without updating docs/performance.md",
    )
    parser.add_argument(
        "--enforce-target",
        action="store_true",
        help=f"exit 2 when a database misses {target}",
    )


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)  # unwinds, so the server is stopped


def stop_cleanly_on_sigterm() -> None:
    """A SIGTERM ends the benchmark through its ``finally`` blocks (server stopped)."""
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
