"""URL-walk expectations for the needs insights (see kinship/core/tests/walking.py):
leaders and staff only, so eve (in no group) gets a 404 and a visitor the login."""

from __future__ import annotations

from kinship.core.tests.walking import NOT_FOUND, TO_LOGIN, Expect, World, expect

# The page holds counts only; nothing of alex's to leak.
SECRETS: tuple[str, ...] = ()


def world_add(world: World) -> None:
    """No objects of alex's: the needs table is counts only."""


EXPECTATIONS: dict[str, Expect] = {
    "matching:needs": expect(visitor=TO_LOGIN, eve=NOT_FOUND),
}
