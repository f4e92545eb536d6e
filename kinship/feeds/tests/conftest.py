from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from kinship.directory.models import Feed, Program
from kinship.directory.services import programs_sync
from kinship.feeds.services import ImportOutcome, feed_import


def _real_feeds_dir() -> Path:
    """The real feeds (test data never copied into the repository): where
    KINSHIP_FEEDS_DIR says, else ``shared/data/feeds`` beside the checkout or
    beside one of its parents."""
    if os.environ.get("KINSHIP_FEEDS_DIR"):
        return Path(os.environ["KINSHIP_FEEDS_DIR"])
    repo = Path(__file__).resolve().parents[3]
    for parent in repo.parents:
        candidate = parent / "shared" / "data" / "feeds"
        if candidate.is_dir():
            return candidate
    return repo.parent / "shared" / "data" / "feeds"


FEEDS_DIR = _real_feeds_dir()


@pytest.fixture
def feeds_dir() -> Path:
    if not (FEEDS_DIR / "aa-sepia.json").is_file():
        pytest.skip("real feeds not found: set KINSHIP_FEEDS_DIR")
    return FEEDS_DIR


@pytest.fixture
def programs(db: None) -> dict[str, Program]:
    programs_sync()
    return {program.code: program for program in Program.objects.all()}


@pytest.fixture
def aa_feed(programs: dict[str, Program]) -> Feed:
    return Feed.objects.create(name="AA test feed", program=programs["aa"])


@pytest.fixture
def alanon_feed(programs: dict[str, Program]) -> Feed:
    return Feed.objects.create(name="Al-Anon test feed", program=programs["al-anon"])


def run_import(feed: Feed, records: list[Any], **options: Any) -> ImportOutcome:
    # Through JSON, as a feed arrives: no Python-only values slip in.
    return feed_import(
        by=None,
        feed=feed,
        records=json.loads(json.dumps(records)),
        source="test",
        **options,
    )


def record(**fields: Any) -> dict[str, Any]:
    """A plain, valid in-person record; tests override what they exercise."""
    base: dict[str, Any] = {
        "name": "Tuesday Night Group",
        "slug": "tuesday-night-group",
        "day": 2,
        "time": "19:00",
        "end_time": "20:00",
        "timezone": "America/New_York",
        "types": ["O", "D"],
        "location": "St. Mark's Hall",
        "formatted_address": "1625 Locust St, Philadelphia, PA 19103, USA",
        "latitude": 39.9487,
        "longitude": -75.1686,
    }
    base.update(fields)
    return {key: value for key, value in base.items() if value is not None}
