"""Display-name advice: warns about emails and full names, never refuses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinship.members.naming import display_name_warnings


@pytest.mark.parametrize(
    "name",
    ["alex@example.org", "Contact me: sam.t@mail.example.com", "x@y.io"],
)
def test_an_email_address_gets_a_warning(name: str) -> None:
    warnings = display_name_warnings(name)
    assert len(warnings) == 1
    assert "email address" in warnings[0]


@pytest.mark.parametrize(
    "name", ["John Smith", "Mary-Jane Watson", "José García", "Anne Marie O'Neil"]
)
def test_a_full_name_gets_a_warning(name: str) -> None:
    warnings = display_name_warnings(name)
    assert len(warnings) == 1
    assert "full name" in warnings[0]


@pytest.mark.parametrize(
    "name",
    ["Alex K.", "Alex", "Sam T", "alex k", "Grateful 2024", "", "   "],
)
def test_first_name_and_initial_style_gets_none(name: str) -> None:
    assert display_name_warnings(name) == []


@given(st.text())
def test_never_raises_on_arbitrary_text(name: str) -> None:
    warnings = display_name_warnings(name)
    assert isinstance(warnings, list)
    assert all(isinstance(warning, str) and warning for warning in warnings)
    assert len(warnings) <= 1
