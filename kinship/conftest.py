"""Fixtures shared by every app's tests: the personas of CONVENTIONS.md."""

from __future__ import annotations

import pytest

from kinship.members.models import Member
from kinship.members.tests.personas import Cast, cast_create


@pytest.fixture
def cast(db: None) -> Cast:
    return cast_create()


@pytest.fixture
def alex(cast: Cast) -> Member:
    return cast.alex


@pytest.fixture
def fran(cast: Cast) -> Member:
    return cast.fran


@pytest.fixture
def morgan(cast: Cast) -> Member:
    return cast.morgan


@pytest.fixture
def dr_lee(cast: Cast) -> Member:
    return cast.dr_lee


@pytest.fixture
def eve(cast: Cast) -> Member:
    return cast.eve
