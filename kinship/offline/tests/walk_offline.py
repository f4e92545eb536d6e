"""URL-walk expectations for this part (see kinship/core/tests/walking.py): the
web app manifest, the service worker and the offline page, public to everyone."""

from __future__ import annotations

from kinship.core.tests.walking import Expect, World, expect

# Nothing of alex's is kept here.
SECRETS: tuple[str, ...] = ()


def world_add(world: World) -> None:
    """No objects of alex's: these URLs take no arguments."""


EXPECTATIONS: dict[str, Expect] = {
    "offline:manifest": expect(),
    "offline:service-worker": expect(),
    "offline:page": expect(),
}
