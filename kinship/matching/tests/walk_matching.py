"""URL-walk expectations for this part (see kinship/core/tests/walking.py)."""

from __future__ import annotations

from typing import Any

from kinship.core.tests.walking import OTHERS, OTHERS_ACTION, Expect, World, expect
from kinship.directory.models import Group
from kinship.matching.models import GroupRating

# alex's private words here: no visitor's or eve's response may contain them.
# (A rating holds only numbers; who rated is never shown to anyone.)
SECRETS: tuple[str, ...] = ()


def world_add(world: World) -> None:
    """alex's rating of the private group, which eve's POSTs must not change."""
    GroupRating.objects.create(
        member=world.cast.alex,
        group=Group.objects.get(slug=world.private_group_slug),
        safety=4,
        structure=4,
        welcome=4,
    )


def _private_group(world: World) -> dict[str, Any]:
    return {"slug": world.private_group_slug}


EXPECTATIONS: dict[str, Expect] = {
    # A member's feedback page on a private group eve is not in.
    "matching:group-feedback": expect(_private_group, **OTHERS, eve_post={404}),
    # The leaders' "These details are current" action.
    "matching:group-verify": expect(_private_group, **OTHERS_ACTION),
}
