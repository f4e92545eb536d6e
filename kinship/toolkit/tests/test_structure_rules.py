"""Property tests of the meeting-structure rules (``sections_problems``)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kinship.toolkit.models import (
    MEETING_MINUTES_MAX,
    MeetingStyle,
    SectionPart,
    sections_problems,
)
from kinship.toolkit.starter_texts import style_for_focus, style_sections

section = st.fixed_dictionaries(
    {
        "part": st.sampled_from(SectionPart.values),
        "title": st.text(min_size=1, max_size=20).filter(str.strip),
        "minutes": st.integers(min_value=1, max_value=120),
        "script": st.text(max_size=50),
    }
)
anything = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


def valid(sections: list[dict[str, Any]]) -> bool:
    parts = {s["part"] for s in sections}
    return (
        sum(s["minutes"] for s in sections) <= MEETING_MINUTES_MAX
        and {"opening", "sharing", "closing"} <= parts
    )


@given(st.lists(section, min_size=1, max_size=8))
def test_well_formed_sections_are_refused_exactly_when_a_rule_is_broken(
    sections: list[dict[str, Any]],
) -> None:
    assert (sections_problems(sections) == []) == valid(sections)


@given(anything)
def test_any_json_gets_messages_never_an_exception(value: Any) -> None:
    problems = sections_problems(value)
    assert isinstance(problems, list)
    assert all(isinstance(problem, str) for problem in problems)
    assert problems  # nothing random is a valid meeting


def test_every_style_template_is_valid_and_each_focus_has_a_style() -> None:
    for style in MeetingStyle.values:
        assert sections_problems(style_sections(style)) == [], style
    for focus in ("addiction", "mental_health", "both", "family", ""):
        assert style_for_focus(focus) in MeetingStyle.values
