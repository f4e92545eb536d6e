from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine

# Tuesday 7 July 2026, 12:00 in New York (EDT, UTC-4).
SUMMER_NOON_NEW_YORK = dt.datetime(2026, 7, 7, 16, 0, tzinfo=dt.UTC)


@pytest.fixture
def frozen_now() -> Iterator[dt.datetime]:
    with time_machine.travel(SUMMER_NOON_NEW_YORK, tick=False):
        yield SUMMER_NOON_NEW_YORK
