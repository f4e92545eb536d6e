"""URL-walk expectations for this part (see kinship/core/tests/walking.py)."""

from __future__ import annotations

from typing import Any

from kinship.core.tests.walking import (
    OTHERS,
    OWN_API,
    TO_LOGIN,
    UNAUTHORIZED,
    Expect,
    World,
    expect,
)

# alex's private words here: no visitor's or eve's response may contain them.
SECRETS: tuple[str, ...] = (
    "Slipped past the Fenwick Road off-licence twice",
    "Grateful for the Hidden Harbor tea urn",
)


def world_add(world: World) -> None:
    """alex's check-in today, shared with her groups (the private group among
    them), with a private note; the summary is for the group's members only."""
    from kinship.recovery.services.checkins import checkin_record

    checkin, _created = checkin_record(
        by=world.cast.alex,
        mood=2,
        craving=7,
        stress=6,
        sleep_hours=None,
        used_today="unsaid",
        triggers=["lonely"],
        coping=["called"],
        warning_signs=["secrecy"],
        strategies_used=[],
        gratitude=SECRETS[1],
        note=SECRETS[0],
        sharing="groups",
    )
    world.extra["checkin_id"] = checkin.pk


def _private_group(world: World) -> dict[str, Any]:
    return {"slug": world.private_group_slug}


def _alex(world: World) -> dict[str, Any]:
    return {"member_id": world.cast.alex.pk}


# The API's list and record share one path: GETs read eve's own (none); her
# empty POST is refused with field errors and records nothing.
_MY_CHECKINS_API = Expect(
    visitor=OWN_API.visitor,
    eve=OWN_API.eve,
    visitor_post=frozenset(UNAUTHORIZED),
    eve_post=frozenset({422}),
    json_body=lambda world: {},
)

EXPECTATIONS: dict[str, Expect] = {
    # eve's own check-in form and history; her empty form is refused (400).
    "recovery:checkin": expect(visitor=TO_LOGIN, eve={200}, eve_post={400}),
    "recovery:checkin-list": expect(visitor=TO_LOGIN, eve={200}),
    # alex's private group, and alex as a mentee: eve is no member, no mentor.
    "recovery:group-checkins": expect(_private_group, **OTHERS),
    "recovery:mentee-checkins": expect(_alex, **OTHERS),
    "api:checkin_create": _MY_CHECKINS_API,
    "api:my_checkins": _MY_CHECKINS_API,
}
