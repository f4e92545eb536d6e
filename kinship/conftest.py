"""Fixtures shared by every app's tests: the personas of CONVENTIONS.md."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import translation

from kinship.members.models import Member
from kinship.members.tests.personas import Cast, cast_create


@pytest.fixture(autouse=True)
def _site_language() -> Iterator[None]:
    """Each test starts in the site's language: a request in Spanish leaves
    Spanish active in its thread (as each request activates its own)."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Rate-limit counts live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


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


@pytest.fixture
def tasks_run_at_once(settings: Any) -> None:
    """Queued tasks (email) run as soon as their transaction commits.

    In production the worker runs them; in a test (and a browser journey's live
    server, which shares the test's process) the email lands in the outbox.
    """
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
            "QUEUES": ["default", "email"],
        }
    }
