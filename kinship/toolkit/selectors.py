"""Reads of the toolkit: a member's own drafts, groups waiting for approval, and
a group's structure and team for its members."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from kinship.directory.models import Group
from kinship.members.models import Member

from .models import Decision, GroupApproval, GroupDraft, MeetingStructure, TeamRole


def access_draft(member: Member, draft_id: int) -> GroupDraft:
    """One of the member's own drafts; anyone else's is a 404."""
    draft = GroupDraft.objects.filter(pk=draft_id, member=member).first()
    if draft is None:
        raise Http404("No such draft")
    return draft


def drafts_of(member: Member) -> QuerySet[GroupDraft]:
    """The member's drafts, most recently worked on first."""
    return GroupDraft.objects.filter(member=member)


def approvals_pending() -> QuerySet[GroupApproval]:
    """Groups waiting for a site admin's decision, oldest request first."""
    return GroupApproval.objects.filter(decision=Decision.PENDING).select_related(
        "group", "group__program", "requested_by"
    )


def approval_of(group: Group) -> GroupApproval | None:
    return GroupApproval.objects.filter(group=group).first()


def structure_of(group: Group) -> MeetingStructure | None:
    return MeetingStructure.objects.filter(group=group).first()


def team_of(group: Group) -> list[TeamRole]:
    """The group's team roles, in the order of the roles' list."""
    from .models import TeamRoleName

    order = {role: index for index, role in enumerate(TeamRoleName.values)}
    roles = TeamRole.objects.filter(group=group).select_related("member")
    return sorted(roles, key=lambda role: order.get(role.role, len(order)))
