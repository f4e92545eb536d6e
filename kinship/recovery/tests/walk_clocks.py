"""URL-walk expectations for this part (see kinship/core/tests/walking.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from kinship.core.tests.walking import (
    OTHERS,
    OTHERS_ACTION,
    OWN_API,
    TO_LOGIN,
    Expect,
    World,
    expect,
)
from kinship.directory.models import Group

# alex's private words here: no visitor's or eve's response may contain them.
SECRETS: tuple[str, ...] = ("Lantern Street bottles", "cousin's wedding slip")


def world_add(world: World) -> None:
    """alex's objects for the walk (the walk fills URLs with them)."""
    from kinship.recovery.milestones import milestones_refresh
    from kinship.recovery.models import Milestone
    from kinship.recovery.services.clocks import (
        clock_create,
        clock_reset,
        encouragement_send,
        milestone_share,
    )

    alex = world.cast.alex
    now = timezone.now()
    clock = clock_create(
        by=alex,
        label="Lantern Street bottles",
        started_at=now - dt.timedelta(days=100),
    )
    milestones_refresh(alex, now)
    milestone = Milestone.objects.get(clock=clock, key="30d")
    clock_reset(
        by=alex,
        clock_id=clock.pk,
        at=now - dt.timedelta(days=5),
        note="cousin's wedding slip",
    )
    private = Group.objects.get(slug=world.private_group_slug)
    (share,) = milestone_share(
        by=alex, milestone_id=milestone.pk, group_ids=[private.pk]
    )
    words = encouragement_send(by=world.cast.fran, share_id=share.pk, preset="proud")
    world.extra["clock_id"] = clock.pk
    world.extra["milestone_id"] = milestone.pk
    world.extra["share_id"] = share.pk
    world.extra["encouragement_id"] = words.pk


def _clock(world: World) -> dict[str, Any]:
    return {"clock_id": world.extra["clock_id"]}


def _share(world: World) -> dict[str, Any]:
    return {"slug": world.private_group_slug, "share_id": world.extra["share_id"]}


EXPECTATIONS: dict[str, Expect] = {
    # The API lists eve's own clocks (none).
    "api:my_clocks": OWN_API,
    # eve's own clocks page; her empty form is refused and creates nothing.
    "recovery:clock-list": expect(visitor=TO_LOGIN, eve={200}, eve_post={400}),
    "recovery:clock-detail": expect(_clock, **OTHERS),
    "recovery:clock-edit": expect(_clock, **OTHERS_ACTION),
    "recovery:clock-reset": expect(_clock, **OTHERS_ACTION),
    "recovery:clock-delete": expect(_clock, **OTHERS_ACTION),
    # The confirm pages of the two irreversible actions: alex's clock is a 404.
    "recovery:clock-reset-confirm": expect(_clock, **OTHERS),
    "recovery:clock-delete-confirm": expect(_clock, **OTHERS),
    "recovery:milestone-share": expect(
        lambda world: {"milestone_id": world.extra["milestone_id"]}, **OTHERS_ACTION
    ),
    "recovery:milestone-feed": expect(
        lambda world: {"slug": world.private_group_slug}, **OTHERS
    ),
    "recovery:encouragement-send": expect(_share, **OTHERS_ACTION),
    "recovery:share-remove": expect(_share, **OTHERS_ACTION),
    "recovery:encouragement-remove": expect(
        lambda world: {
            "slug": world.private_group_slug,
            "encouragement_id": world.extra["encouragement_id"],
        },
        **OTHERS_ACTION,
    ),
}
