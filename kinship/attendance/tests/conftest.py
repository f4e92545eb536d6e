"""Attendance tests run at a fixed instant, with the personas and a clean cache."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from django.core.cache import cache

from kinship.members.tests.personas import Cast, cast_create

# Tuesday 7 July 2026, 12:00 in New York (EDT, UTC-4). The cast's meeting meets on
# Mondays (weekday 1) at 19:00-20:00 New York time: next on 13 July, 23:00 UTC.
NOW = dt.datetime(2026, 7, 7, 16, 0, tzinfo=dt.UTC)
NEXT_MONDAY = dt.datetime(2026, 7, 13, 23, 0, tzinfo=dt.UTC)
LAST_MONDAY = dt.datetime(2026, 7, 6, 23, 0, tzinfo=dt.UTC)


@pytest.fixture
def frozen() -> Iterator[dt.datetime]:
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture(autouse=True)
def _clean_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def cast(db: None, frozen: dt.datetime) -> Cast:
    """The personas, created at ``NOW`` (so is the shared meeting)."""
    return cast_create()
