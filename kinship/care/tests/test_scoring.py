"""Exact scoring of each instrument at every threshold, and properties of
scoring over any valid answers (hypothesis)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinship.care.instruments import INSTRUMENTS, SEXES, Instrument, ScoringError, score

from .helpers import answers_totalling

PHQ9 = INSTRUMENTS["phq9"]
GAD7 = INSTRUMENTS["gad7"]
AUDITC = INSTRUMENTS["auditc"]
BARC10 = INSTRUMENTS["barc10"]


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately_severe"),
        (19, "moderately_severe"),
        (20, "severe"),
        (27, "severe"),
    ],
)
def test_phq9_bands_at_each_boundary(total: int, band: str) -> None:
    fixed = {} if total > 24 else {"9": 0}
    result = score(PHQ9, answers_totalling(PHQ9, total, fixed))
    assert result.total == total
    assert result.band.key == band
    assert result.safety is (total > 24)


@pytest.mark.parametrize(
    ("item9", "total"),
    [
        (item9, total)
        for item9 in (1, 2, 3)
        for total in (1, 3, 4, 5, 12, 20, 26, 27)
        if item9 <= total <= item9 + 24
    ],
)
def test_phq9_item9_above_zero_always_raises_the_safety_flag(
    item9: int, total: int
) -> None:
    result = score(PHQ9, answers_totalling(PHQ9, total, {"9": item9}))
    assert result.total == total
    assert result.safety
    assert result.flag_keys == ["safety"]


def test_phq9_item9_at_zero_raises_no_flag_even_at_the_top() -> None:
    result = score(PHQ9, answers_totalling(PHQ9, 24, {"9": 0}))
    assert (result.total, result.band.key, result.safety) == (24, "severe", False)
    assert result.flags == ()


@pytest.mark.parametrize(
    ("total", "band"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ],
)
def test_gad7_bands_at_each_boundary(total: int, band: str) -> None:
    result = score(GAD7, answers_totalling(GAD7, total))
    assert (result.total, result.band.key, result.flags) == (total, band, ())


@pytest.mark.parametrize(
    ("total", "band", "flagged"),
    [
        (10, "below_47", False),
        (46, "below_47", False),
        (47, "47_or_more", True),
        (60, "47_or_more", True),
    ],
)
def test_barc10_at_its_range_and_the_47_mark(
    total: int, band: str, flagged: bool
) -> None:
    result = score(BARC10, answers_totalling(BARC10, total))
    assert result.total == total
    assert result.band.key == band
    assert (result.flag_keys == ["remission_range"]) is flagged
    assert not result.safety


@pytest.mark.parametrize(
    ("total", "sex", "positive", "threshold"),
    [
        (0, "men", False, 4),
        (3, "men", False, 4),
        (4, "men", True, 4),
        (12, "men", True, 4),
        (2, "women", False, 3),
        (3, "women", True, 3),
        (4, "women", True, 3),
        (2, "not_stated", False, 3),
        (3, "not_stated", True, 3),
        (12, "women", True, 3),
    ],
)
def test_auditc_positive_by_sex(
    total: int, sex: str, positive: bool, threshold: int
) -> None:
    result = score(AUDITC, answers_totalling(AUDITC, total), sex=sex)
    assert result.total == total
    assert result.threshold == threshold
    assert result.sex == sex
    assert result.band.key == ("positive" if positive else "negative")
    assert (result.flag_keys == ["positive"]) is positive


def test_auditc_without_an_answer_uses_the_lower_threshold_and_says_so() -> None:
    result = score(AUDITC, answers_totalling(AUDITC, 3))
    assert (result.sex, result.threshold, result.band.key) == (
        "not_stated",
        3,
        "positive",
    )


def test_missing_answers_are_refused_by_item() -> None:
    answers = answers_totalling(PHQ9, 10)
    del answers["3"], answers["9"]
    with pytest.raises(ScoringError) as caught:
        score(PHQ9, answers)
    assert set(caught.value.errors) == {"3", "9"}


@pytest.mark.parametrize("bad", [-1, 4, 7, True, "2", 1.0, None])
def test_out_of_range_or_non_integer_answers_are_refused(bad: Any) -> None:
    answers: dict[str, Any] = answers_totalling(GAD7, 7)
    answers["4"] = bad
    with pytest.raises(ScoringError) as caught:
        score(GAD7, answers)
    assert set(caught.value.errors) == {"4"}


def test_barc10_refuses_zero_which_is_below_its_scale() -> None:
    answers = answers_totalling(BARC10, 10)
    answers["1"] = 0
    with pytest.raises(ScoringError):
        score(BARC10, answers)


def test_auditc_item_options_are_its_own_and_0_to_4() -> None:
    labels = [tuple(o.label for o in item.options) for item in AUDITC.items]
    assert len(set(labels)) == 3
    assert all(item.values == (0, 1, 2, 3, 4) for item in AUDITC.items)


def test_unknown_items_and_sex_are_refused() -> None:
    answers = answers_totalling(GAD7, 3) | {"8": 1}
    with pytest.raises(ScoringError) as caught:
        score(GAD7, answers)
    assert "__all__" in caught.value.errors
    with pytest.raises(ScoringError) as caught:
        score(GAD7, answers_totalling(GAD7, 3), sex="women")
    assert set(caught.value.errors) == {"sex"}
    with pytest.raises(ScoringError) as caught:
        score(AUDITC, answers_totalling(AUDITC, 3), sex="other")
    assert set(caught.value.errors) == {"sex"}


# -- Properties ---------------------------------------------------------------


@st.composite
def answered(draw: st.DrawFn) -> tuple[Instrument, dict[str, int], str | None]:
    instrument = draw(st.sampled_from(list(INSTRUMENTS.values())))
    answers = {
        item.key: draw(st.sampled_from(item.values)) for item in instrument.items
    }
    sex = draw(st.sampled_from(SEXES)) if instrument.asks_sex else None
    return instrument, answers, sex


@given(answered())
def test_the_total_is_the_sum_and_in_range(
    case: tuple[Instrument, dict[str, int], str | None],
) -> None:
    instrument, answers, sex = case
    result = score(instrument, answers, sex=sex)
    assert result.total == sum(answers.values())
    assert instrument.min_total <= result.total <= instrument.max_total


@given(answered())
def test_the_phq9_safety_flag_is_exactly_item9_above_zero(
    case: tuple[Instrument, dict[str, int], str | None],
) -> None:
    instrument, answers, sex = case
    result = score(instrument, answers, sex=sex)
    assert result.safety is (instrument.key == "phq9" and answers["9"] > 0)


@given(
    st.sampled_from(list(INSTRUMENTS.values())),
    st.data(),
)
def test_bands_never_go_down_as_the_total_rises(
    instrument: Instrument, data: st.DataObject
) -> None:
    sex = data.draw(st.sampled_from(SEXES)) if instrument.asks_sex else None
    low = data.draw(st.integers(instrument.min_total, instrument.max_total))
    high = data.draw(st.integers(low, instrument.max_total))
    order = [band.key for band in instrument.bands]
    first = score(instrument, answers_totalling(instrument, low), sex=sex)
    second = score(instrument, answers_totalling(instrument, high), sex=sex)
    assert order.index(first.band.key) <= order.index(second.band.key)
