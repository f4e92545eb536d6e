"""Reads of sobriety clocks and milestones that encode who may see what.

A clock, its resets and its milestones are the member's own: anyone else gets a
404. A shared milestone is seen only by the members of the group it was shared
in, with the owner's display name and the milestone ("90 days"), never the
clock's label (what the member tracks may be sensitive, and there is no way yet
to choose to show it) nor the reset notes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from kinship.core.timezones import zone
from kinship.directory.models import Group
from kinship.members.models import Level, Member
from kinship.members.selectors import access_member_group, groups_of

from .. import clock_math
from ..models import (
    ClockReset,
    Encouragement,
    Milestone,
    MilestoneShare,
    SobrietyClock,
)

# The feed shows the latest shares only: a celebration, not an archive.
FEED_LIMIT = 50


@dataclass
class ClockSummary:
    """A clock with its numbers, as of ``now``."""

    clock: SobrietyClock
    days: int
    longest: int
    total: int
    next: clock_math.Reached | None

    @property
    def pk(self) -> int:
        return self.clock.pk

    @property
    def label(self) -> str:
        return self.clock.label

    @property
    def hidden(self) -> bool:
        return self.clock.hidden

    @property
    def next_label(self) -> str:
        return self.next.label if self.next else ""

    @property
    def next_at(self) -> dt.datetime | None:
        return self.next.at if self.next else None


def clock_summary(
    clock: SobrietyClock, resets: list[ClockReset], now: dt.datetime
) -> ClockSummary:
    tz = zone(clock.member.timezone)
    days = clock_math.streak_days(clock.started_at, now, tz)
    past = [reset.days for reset in resets]
    return ClockSummary(
        clock=clock,
        days=days,
        longest=clock_math.longest_streak(past, days),
        total=clock_math.total_days(past, days),
        next=clock_math.next_milestone(clock.started_at, now, tz),
    )


def clocks_for_member(
    member: Member, now: dt.datetime | None = None
) -> list[ClockSummary]:
    """The member's own clocks with days, longest streak, total days and the next
    milestone (two queries)."""
    now = now or timezone.now()
    clocks = (
        SobrietyClock.objects.filter(member=member)
        .select_related("member")
        .prefetch_related(
            Prefetch("resets", queryset=ClockReset.objects.only("clock_id", "days"))
        )
    )
    return [clock_summary(clock, list(clock.resets.all()), now) for clock in clocks]


def access_clock(member: Member, clock_id: int) -> SobrietyClock:
    """One of the member's own clocks; 404 for anyone else's."""
    clock = (
        SobrietyClock.objects.select_related("member")
        .filter(member=member, pk=clock_id)
        .first()
    )
    if clock is None:
        raise Http404("No such clock")
    return clock


@dataclass(frozen=True)
class ClockContents:
    """What deleting a clock would take with it (for its confirm page)."""

    summary: ClockSummary
    resets: int
    milestones: int
    shares: int


def clock_contents(
    member: Member, clock_id: int, now: dt.datetime | None = None
) -> ClockContents:
    """One of the member's clocks with the counts of its history, milestones and
    their live shares in groups; 404 for anyone else's clock."""
    clock = access_clock(member, clock_id)
    resets = list(clock.resets.all())
    return ClockContents(
        summary=clock_summary(clock, resets, now or timezone.now()),
        resets=len(resets),
        milestones=clock.milestones.count(),
        shares=MilestoneShare.objects.filter(
            milestone__clock=clock, removed_at__isnull=True
        ).count(),
    )


def access_milestone(member: Member, milestone_id: int) -> Milestone:
    """One of the member's own milestones; 404 for anyone else's."""
    milestone = (
        Milestone.objects.select_related("clock", "member")
        .filter(member=member, pk=milestone_id)
        .first()
    )
    if milestone is None:
        raise Http404("No such milestone")
    return milestone


@dataclass
class MilestoneRow:
    milestone: Milestone
    shares: list[MilestoneShare] = field(default_factory=list)
    # The member's groups it may still be shared in (not shared there, and not
    # removed there by a leader).
    shareable: list[Group] = field(default_factory=list)

    @property
    def label(self) -> str:
        return clock_math.milestone_label(self.milestone.key)


@dataclass
class ClockDetail:
    summary: ClockSummary
    resets: list[ClockReset]
    milestones: list[MilestoneRow]
    groups: list[Group]


def clock_detail(
    member: Member, clock_id: int, now: dt.datetime | None = None
) -> ClockDetail:
    """One of the member's clocks with its resets (and notes), its milestones on
    the current streak with where each is shared, and the member's groups; 404
    for anyone else's clock."""
    now = now or timezone.now()
    clock = access_clock(member, clock_id)
    resets = list(clock.resets.order_by("-reset_at", "-pk"))
    milestones = (
        clock.milestones.filter(streak_started_at=clock.started_at)
        .order_by("-reached_at", "-pk")
        .prefetch_related(
            Prefetch(
                "shares",
                queryset=MilestoneShare.objects.select_related("group").order_by(
                    "group__name"
                ),
            )
        )
    )
    groups = groups_of(member)
    return ClockDetail(
        summary=clock_summary(clock, resets, now),
        resets=resets,
        milestones=[_milestone_row(m, member, groups) for m in milestones],
        groups=groups,
    )


def _milestone_row(
    milestone: Milestone, member: Member, groups: list[Group]
) -> MilestoneRow:
    shares = list(milestone.shares.all())
    taken = {
        share.group_id
        for share in shares
        if share.removed_at is None or share.removed_by_id != member.pk
    }
    return MilestoneRow(
        milestone, shares, [group for group in groups if group.pk not in taken]
    )


@dataclass
class FeedItem:
    share: MilestoneShare
    encouragements: list[Encouragement]

    @property
    def pk(self) -> int:
        return self.share.pk

    @property
    def display_name(self) -> str:
        return self.share.member.display_name

    @property
    def label(self) -> str:
        return clock_math.milestone_label(self.share.milestone.key)

    @property
    def reached_at(self) -> dt.datetime:
        return self.share.milestone.reached_at


@dataclass
class MilestoneFeed:
    group: Group
    is_leader: bool
    items: list[FeedItem]


def milestone_feed(*, member: Member, group_slug: str) -> MilestoneFeed:
    """The milestones shared in a group, newest first, with their encouragements;
    for the group's members only (404 for everyone else). Removed shares and
    removed encouragements are left out. Four queries, whatever the size."""
    membership = access_member_group(member, group_slug)
    group = membership.group
    shares = (
        MilestoneShare.objects.filter(group=group, removed_at__isnull=True)
        .select_related("member", "milestone")
        .prefetch_related(
            Prefetch(
                "encouragements",
                queryset=Encouragement.objects.filter(
                    removed_at__isnull=True
                ).select_related("member"),
            )
        )
        .order_by("-shared_at", "-pk")[:FEED_LIMIT]
    )
    return MilestoneFeed(
        group=group,
        is_leader=membership.level == Level.LEADER,
        items=[FeedItem(share, list(share.encouragements.all())) for share in shares],
    )


def feed_item(*, member: Member, group_slug: str, share_id: int) -> FeedItem:
    """One item of a group's feed (for an htmx fragment); 404 as for the feed."""
    group = access_member_group(member, group_slug).group
    share = (
        MilestoneShare.objects.filter(group=group, removed_at__isnull=True, pk=share_id)
        .select_related("member", "milestone")
        .first()
    )
    if share is None:
        raise Http404("No such milestone")
    encouragements = list(
        share.encouragements.filter(removed_at__isnull=True).select_related("member")
    )
    return FeedItem(share, encouragements)
