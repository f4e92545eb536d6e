"""Reads of a group's board, reports and moderation record, access-checked.

The board is for the group's members (any level); reports and actions for its
leaders; the record of every group's actions for site staff. Everyone else gets
a 404, never a sign that the group or the object exists.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from kinship.directory.models import Group
from kinship.members.models import Level, Member, Membership
from kinship.members.selectors import access_led_group, access_member_group

from .models import GroupPost, ModerationAction, Report, ReportState

BOARD_PAGE_SIZE = 50
STAFF_PAGE_SIZE = 100


def access_board(member: Member, slug: str) -> Membership:
    """The member's membership (with its group) of a group whose board they may
    read: any member of the group; 404 for everyone else."""
    return access_member_group(member, slug)


def board_posts(group: Group) -> list[GroupPost]:
    """The group's visible posts, newest first (one query)."""
    return list(
        GroupPost.objects.filter(group=group, hidden_at__isnull=True)
        .select_related("author")
        .order_by("-created_at", "-pk")[:BOARD_PAGE_SIZE]
    )


def access_board_post(member: Member, slug: str, post_id: int) -> GroupPost:
    """A visible post of a group the member is in; 404 otherwise."""
    membership = access_board(member, slug)
    post = (
        GroupPost.objects.select_related("author", "group")
        .filter(pk=post_id, group=membership.group, hidden_at__isnull=True)
        .first()
    )
    if post is None:
        raise Http404("No such post")
    return post


def access_board_member(member: Member, slug: str, member_id: int) -> Membership:
    """Another member's membership of a group the member is in; 404 otherwise."""
    mine = access_board(member, slug)
    theirs = (
        Membership.objects.select_related("member", "group")
        .filter(group=mine.group, member_id=member_id)
        .first()
    )
    if theirs is None:
        raise Http404("No such member")
    return theirs


def open_reports(*, by: Member, group: Group) -> list[Report]:
    """The group's open reports, oldest first, for its leaders (404 for others).

    Who reported is not loaded: leaders see what and why, not who. A report
    about a leader is not shown to that leader (the other leaders and site
    staff see it).
    """
    access_led_group(by, group.slug)
    return list(
        Report.objects.filter(group=group, state=ReportState.OPEN)
        .exclude(target_member=by)
        .select_related("post", "post__author", "target_member")
        .order_by("created_at", "pk")
    )


def access_open_report(by: Member, group: Group, report_id: int) -> Report:
    """An open report of a group the member leads, not about themselves; 404
    otherwise."""
    access_led_group(by, group.slug)
    report = (
        Report.objects.select_related("post", "post__author", "target_member")
        .filter(pk=report_id, group=group, state=ReportState.OPEN)
        .exclude(target_member=by)
        .first()
    )
    if report is None:
        raise Http404("No such report")
    return report


def leader_ids(group: Group) -> set[int]:
    """The members who lead the group (one query)."""
    return set(
        Membership.objects.filter(group=group, level=Level.LEADER).values_list(
            "member_id", flat=True
        )
    )


def group_actions(*, by: Member, group: Group) -> QuerySet[ModerationAction]:
    """The group's moderation record, newest first, for its leaders."""
    access_led_group(by, group.slug)
    return ModerationAction.objects.filter(group=group).select_related(
        "leader", "target_member", "post"
    )


def staff_actions(by: Member) -> list[ModerationAction]:
    """Every group's recent moderation actions, for site staff only."""
    if not by.user.is_staff:
        raise Http404("No such page")
    return list(
        ModerationAction.objects.select_related(
            "group", "leader", "target_member", "post", "report", "reversed_by"
        ).order_by("-created_at", "-pk")[:STAFF_PAGE_SIZE]
    )
