"""URL-walk expectations for this part (see kinship/core/tests/walking.py)."""

from __future__ import annotations

from kinship.core.tests.walking import Expect, World

# alex's private words here: no visitor's or eve's response may contain them.
SECRETS: tuple[str, ...] = ()


def world_add(world: World) -> None:
    """alex's objects for the walk (the walk fills URLs with them)."""


EXPECTATIONS: dict[str, Expect] = {}
