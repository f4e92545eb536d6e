"""URL-walk expectations for the new-group toolkit (see
kinship/core/tests/walking.py): drafts are their member's own, team pages are
for leaders, the structure page for members, approvals for site staff only."""

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

# alex's private words: the name of a group alex is still drafting.
SECRETS: tuple[str, ...] = ("Zinnia Pier Circle",)


def world_add(world: World) -> None:
    """alex's draft, and a group alex made that waits for approval."""
    from kinship.toolkit import starter_texts
    from kinship.toolkit.models import GroupDraft
    from kinship.toolkit.services import group_create_from_draft

    alex = world.cast.alex
    program_id = world.cast.group.program_id
    basics = {
        "name": "Zinnia Pier Circle",
        "focus": "both",
        "program": program_id,
        "audience": [],
        "languages": [],
        "area": "19103",
        "description": "Private plans.",
    }
    secret = GroupDraft.objects.create(
        member=alex, name="Zinnia Pier Circle", data={"basics": basics}, step="safety"
    )
    made = GroupDraft.objects.create(
        member=alex,
        name="Toolkit Walk Group",
        step="review",
        data={
            "basics": {**basics, "name": "Toolkit Walk Group", "description": ""},
            "safety": {
                "guidelines": str(starter_texts.GUIDELINES),
                "confidentiality_statement": str(starter_texts.CONFIDENTIALITY),
                "inclusivity_statement": str(starter_texts.INCLUSIVITY),
            },
            "structure": {
                "style": "twelve_step",
                "sections": starter_texts.style_sections("twelve_step"),
            },
            "team": {"role": "facilitator"},
            "resources": {"links": starter_texts.national_resources()[:1]},
        },
    )
    group = group_create_from_draft(by=alex, draft_id=made.pk)
    world.extra["alex_draft_id"] = secret.pk
    world.extra["alex_approval_id"] = group.approval.pk


def draft(world: World) -> dict[str, Any]:
    return {"draft_id": world.extra["alex_draft_id"]}


def approval(world: World) -> dict[str, Any]:
    return {"approval_id": world.extra["alex_approval_id"]}


def private_group(world: World) -> dict[str, Any]:
    return {"slug": world.private_group_slug}


EXPECTATIONS: dict[str, Expect] = {
    # eve sees her own (empty) list of drafts; an empty first step is refused
    # and starts no draft.
    "toolkit:group-new": expect(visitor=TO_LOGIN, eve={200}, eve_post={400}),
    "toolkit:draft-step": expect(
        lambda world: {**draft(world), "step": "basics"}, **OTHERS, eve_post=NOT_FOUND
    ),
    "toolkit:draft-remove": expect(draft, **OTHERS_ACTION),
    # Site staff only: eve (a member, not staff) gets a 404.
    "toolkit:pending": expect(visitor=TO_LOGIN, eve=NOT_FOUND),
    "toolkit:approve": expect(approval, **OTHERS_ACTION),
    "toolkit:decline": expect(approval, **OTHERS_ACTION),
    # The private group eve is not in: its structure, team and roles.
    "toolkit:structure": expect(private_group, **OTHERS),
    "toolkit:structure-edit": expect(private_group, **OTHERS, eve_post=NOT_FOUND),
    "toolkit:team": expect(private_group, **OTHERS, eve_post=NOT_FOUND),
    "toolkit:team-remove": expect(
        lambda world: {**private_group(world), "role_id": 1}, **OTHERS_ACTION
    ),
}
