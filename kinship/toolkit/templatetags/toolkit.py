"""The toolkit's part of a group's page: approval status, structure and team."""

from __future__ import annotations

from typing import Any

from django import template

from kinship.directory.models import Group
from kinship.members.models import Level, Membership

from ..models import Decision
from ..selectors import approval_of, structure_of

register = template.Library()


@register.inclusion_tag("toolkit/_group_panel.html")
def toolkit_group_panel(group: Group, membership: Membership | None) -> dict[str, Any]:
    """For the group's members only: whether it waits for approval, and links to
    its meeting structure and team (who is in a group is not public)."""
    if membership is None:
        return {"show": False}
    approval = approval_of(group)
    return {
        "show": True,
        "group": group,
        "pending": approval is not None and approval.decision == Decision.PENDING,
        "declined": approval is not None and approval.decision == Decision.DECLINED,
        "approval": approval,
        "has_structure": structure_of(group) is not None,
        "leader": membership.level == Level.LEADER,
    }
