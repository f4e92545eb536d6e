"""URL-walk expectations for the group board and moderation (see
kinship/core/tests/walking.py): the board is for the group's members, the
moderation queue for its leaders, the record of actions for site staff, and the
grounding guide for everyone."""

from __future__ import annotations

from typing import Any

from kinship.core.tests.walking import (
    NOT_FOUND,
    OTHERS,
    OTHERS_ACTION,
    TO_LOGIN,
    Expect,
    World,
    expect,
)

# alex's words on the private group's board, and in alex's report.
SECRETS: tuple[str, ...] = ("Lighthouse Tern", "Cormorant Quay")


def world_add(world: World) -> None:
    """alex's post and report in the private group, and fran's action on them."""
    from kinship.directory.models import Group
    from kinship.facilitation.services import (
        member_warn,
        post_create,
        post_hide,
        report_create,
    )

    cast = world.cast
    group = Group.objects.get(slug=world.private_group_slug)
    post = post_create(
        by=cast.alex,
        group=group,
        body="Lighthouse Tern: a hard week.",
        content_warning="mentions relapse",
    )
    fran_post = post_create(by=cast.fran, group=group, body="Welcome, everyone.")
    report = report_create(
        by=cast.alex,
        group=group,
        reason="other",
        details="Cormorant Quay",
        post_id=fran_post.pk,
    )
    hidden = post_create(by=cast.alex, group=group, body="Off topic.")
    action = post_hide(by=cast.fran, group=group, post_id=hidden.pk, reason="Spam")
    member_warn(by=cast.fran, group=group, member_id=cast.alex.pk, reason="Care")
    world.extra["alex_post_id"] = post.pk
    world.extra["alex_report_id"] = report.pk
    world.extra["moderation_action_id"] = action.pk


def private_group(world: World) -> dict[str, Any]:
    return {"slug": world.private_group_slug}


def alex_post(world: World) -> dict[str, Any]:
    return {**private_group(world), "post_id": world.extra["alex_post_id"]}


def alex_member(world: World) -> dict[str, Any]:
    return {**private_group(world), "member_id": world.cast.alex.pk}


EXPECTATIONS: dict[str, Expect] = {
    # The private group eve is not in: its board, reports and moderation.
    "facilitation:board": expect(private_group, **OTHERS),
    "facilitation:post-new": expect(private_group, **OTHERS_ACTION),
    "facilitation:announce": expect(private_group, **OTHERS_ACTION),
    "facilitation:report-post": expect(alex_post, **OTHERS, eve_post=NOT_FOUND),
    "facilitation:report-member": expect(alex_member, **OTHERS, eve_post=NOT_FOUND),
    "facilitation:moderation": expect(private_group, **OTHERS),
    "facilitation:report-act": expect(
        lambda world: {
            **private_group(world),
            "report_id": world.extra["alex_report_id"],
        },
        **OTHERS_ACTION,
    ),
    "facilitation:post-hide": expect(alex_post, **OTHERS_ACTION),
    "facilitation:member-act": expect(alex_member, **OTHERS_ACTION),
    # Site staff only: eve (a member, not staff) gets a 404.
    "facilitation:staff-actions": expect(visitor=TO_LOGIN, eve=NOT_FOUND),
    "facilitation:action-reverse": expect(
        lambda world: {"action_id": world.extra["moderation_action_id"]},
        **OTHERS_ACTION,
    ),
    # Public: the grounding techniques guide.
    "facilitation:grounding": expect(),
}
