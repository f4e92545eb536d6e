"""Reads that encode who may see what of members and groups.

Another person's private object, or a private group one is not in, is a 404.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kinship.core.timezones import zone
from kinship.directory.models import Group, Meeting, Visibility
from kinship.directory.selectors import meeting_display_queryset

from .models import Level, Member, Membership


def member_today(member: Member, now: dt.datetime | None = None) -> dt.date:
    """The member's date now, in their own time zone."""
    return (now or timezone.now()).astimezone(zone(member.timezone)).date()


def membership_of(member: Member | None, group: Group) -> Membership | None:
    """The member's membership of a group, if any."""
    if member is None:
        return None
    return Membership.objects.filter(member=member, group=group).first()


def is_group_leader(member: Member | None, group: Group) -> bool:
    return (
        member is not None
        and Membership.objects.filter(
            member=member, group=group, level=Level.LEADER
        ).exists()
    )


def access_group(member: Member | None, slug: str) -> Group:
    """A group its viewer may see: listed or unlisted, or private and theirs."""
    visible = ~Q(visibility=Visibility.PRIVATE)
    if member is not None:
        visible |= Q(memberships__member=member)
    group = (
        Group.objects.select_related("program")
        .filter(visible, slug=slug)
        .distinct()
        .first()
    )
    if group is None:
        raise Http404("No such group")
    return group


def access_led_group(member: Member, slug: str) -> Group:
    """A group the member leads; 404 for everyone else (the group's existence too)."""
    group = (
        Group.objects.select_related("program")
        .filter(slug=slug, memberships__member=member, memberships__level=Level.LEADER)
        .first()
    )
    if group is None:
        raise Http404("No such group")
    return group


def access_meeting(member: Member | None, slug: str) -> Meeting:
    """A meeting its viewer may see: of a non-private group, or of one of theirs."""
    visible = ~Q(group__visibility=Visibility.PRIVATE)
    if member is not None:
        visible |= Q(group__memberships__member=member)
    meeting = meeting_display_queryset().filter(visible, slug=slug).distinct().first()
    if meeting is None:
        raise Http404("No such meeting")
    return meeting


def group_usual_timezone(group: Group, *, fallback: str) -> str:
    """The time zone most of the group's meetings keep (``fallback``, e.g. the
    leader's own zone, when it has none yet): first in the meeting form's list."""
    usual = (
        group.meetings.values("timezone")
        .annotate(count=Count("pk"))
        .order_by("-count", "timezone")
        .values_list("timezone", flat=True)
        .first()
    )
    return usual or fallback


def group_member_counts(group: Group) -> dict[str, int]:
    """How many members a group has at each level: all a public page may show."""
    rows = (
        Membership.objects.filter(group=group)
        .values("level")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = dict.fromkeys(Level.values, 0)
    counts.update({row["level"]: row["n"] for row in rows})
    return counts


def group_roster(*, by: Member, group: Group) -> QuerySet[Membership]:
    """The group's members, for its leaders only (others get a 404)."""
    if not is_group_leader(by, group):
        raise Http404("No such group")
    return (
        Membership.objects.filter(group=group)
        .select_related("member")
        .order_by("member__display_name", "id")
    )


def groups_of(member: Member) -> list[Group]:
    """The groups the member belongs to, at any level, by name."""
    return list(Group.objects.filter(memberships__member=member).order_by("name", "pk"))


def access_member_group(member: Member, slug: str) -> Membership:
    """The member's membership (with its group) of a group they belong to at any
    level; 404 otherwise, whatever the group's visibility."""
    membership = (
        Membership.objects.select_related("group")
        .filter(member=member, group__slug=slug)
        .first()
    )
    if membership is None:
        raise Http404("No such group")
    return membership


def memberships_of(member: Member) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(member=member)
        .select_related("group", "group__program")
        .order_by("group__name")
    )


def groups_led_alone(member: Member) -> list[Group]:
    """The groups this member is the only leader of (they lose their leader if the
    member leaves or deletes their account)."""
    led = Group.objects.filter(
        memberships__member=member, memberships__level=Level.LEADER
    )
    return list(
        led.annotate(
            leaders=Count("memberships", filter=Q(memberships__level=Level.LEADER))
        )
        .filter(leaders=1)
        .order_by("name")
    )


def member_with_email(email: str) -> Member | None:
    """The member whose account has this email address (any case), if any. For
    writing to an address in its owner's language; never shown to anyone."""
    return (
        Member.objects.filter(user__email__iexact=email.strip())
        .select_related("user")
        .first()
    )
