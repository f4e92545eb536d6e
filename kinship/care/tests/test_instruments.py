"""The instrument files: what they say, and that a broken file is refused."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kinship.care.instruments import (
    DATA_DIR,
    INSTRUMENTS,
    InstrumentError,
    instrument_parse,
    instruments_read,
)


def raw(key: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA_DIR / f"{key}.json").read_text())
    return data


def test_four_instruments_with_their_shapes() -> None:
    shapes = {
        key: (len(i.items), i.min_total, i.max_total) for key, i in INSTRUMENTS.items()
    }
    assert shapes == {
        "phq9": (9, 0, 27),
        "gad7": (7, 0, 21),
        "auditc": (3, 0, 12),
        "barc10": (10, 10, 60),
    }
    assert INSTRUMENTS["barc10"].items[0].values == (1, 2, 3, 4, 5, 6)
    assert INSTRUMENTS["phq9"].items[8].values == (0, 1, 2, 3)


def test_loinc_codes_as_in_issue_9_and_none_for_barc10() -> None:
    codes = {
        key: (i.panel.code, i.total_code.code) if i.panel and i.total_code else None
        for key, i in INSTRUMENTS.items()
    }
    assert codes == {
        "phq9": ("44249-1", "44261-6"),
        "gad7": ("69737-5", "70274-6"),
        "auditc": ("72109-2", "75626-2"),
        "barc10": None,
    }
    assert "no LOINC" in INSTRUMENTS["barc10"].loinc_note


def test_each_file_cites_its_public_source() -> None:
    assert "Kroenke" in INSTRUMENTS["phq9"].citation
    assert "No permission required" in INSTRUMENTS["phq9"].rights
    assert "Spitzer" in INSTRUMENTS["gad7"].citation
    assert "Pfizer" in INSTRUMENTS["gad7"].rights
    assert "Bush" in INSTRUMENTS["auditc"].citation
    assert "1998" in INSTRUMENTS["auditc"].citation
    assert "World Health Organization" in INSTRUMENTS["auditc"].citation
    assert "Vilsaint" in INSTRUMENTS["barc10"].citation
    assert "Drug and Alcohol Dependence 2017" in INSTRUMENTS["barc10"].citation
    # Its wording is marked as not checked against the printed paper.
    assert "not checked" in INSTRUMENTS["barc10"].wording


def test_thresholds_and_flags_as_data() -> None:
    assert [b.min for b in INSTRUMENTS["phq9"].bands] == [0, 5, 10, 15, 20]
    assert [b.min for b in INSTRUMENTS["gad7"].bands] == [0, 5, 10, 15]
    assert [b.min for b in INSTRUMENTS["barc10"].bands] == [10, 47]
    assert INSTRUMENTS["auditc"].positive_at == {"men": 4, "women": 3, "not_stated": 3}
    safety = INSTRUMENTS["phq9"].flag("safety")
    assert safety is not None
    assert (safety.item, safety.above, safety.safety) == ("9", 0, True)


def test_the_shipped_files_read_back_the_same() -> None:
    assert instruments_read() == INSTRUMENTS


Change = Callable[[dict[str, Any]], None]


def _set(path: tuple[Any, ...], value: Any) -> Change:
    def change(data: dict[str, Any]) -> None:
        target: Any = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("key", "change", "reason"),
    [
        ("phq9", _set(("total", "max"), 28), "does not match the items"),
        ("phq9", _set(("bands", 0, "min"), 1), "first band must start at 0"),
        ("phq9", _set(("bands", 2, "min"), 5), "must rise"),
        ("gad7", _set(("bands", 3, "min"), 22), "must rise"),
        ("phq9", _set(("options", 1, "value"), 0), "each used once"),
        ("phq9", _set(("flags", 0, "when", "item"), "10"), "no item"),
        ("phq9", _set(("flags", 0, "when", "above"), 5), "compares to no answer"),
        ("barc10", _set(("flags", 0, "when", "total_at_least"), 61), "out of range"),
        ("auditc", _set(("positive_at", "not_stated"), 4), "lower threshold"),
        ("auditc", _set(("positive_at", "men"), 13), "out of range"),
        ("auditc", _set(("items", 0, "options", 2, "value"), "2"), "whole number"),
        ("gad7", _set(("loinc", "total", "code"), "70274"), "not a LOINC code"),
        ("gad7", _set(("source",), None), "must be cited"),
        ("gad7", _set(("items", 1, "key"), "1"), "used twice"),
        ("barc10", _set(("flags", 0, "when"), {"total_above": 46}), "unknown"),
    ],
)
def test_a_broken_file_is_refused_with_the_reason(
    key: str, change: Change, reason: str
) -> None:
    data = copy.deepcopy(raw(key))
    change(data)
    with pytest.raises(InstrumentError, match=reason):
        instrument_parse(data)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InstrumentError, match=r"phq9\.json"):
        instruments_read(tmp_path)
