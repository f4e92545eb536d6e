"""Milestones of sobriety clocks: recorded as they are reached, announced once.

``milestones_refresh(member)`` runs when the member opens their clocks page and,
for everyone, from the daily job (``recovery_daily``). Recording is idempotent
(one row per clock, streak and milestone, by a unique constraint); the member is
told once, with one notification per clock naming the highest new milestone (a
clock back-dated two years gets one "2 years", not nine). A hidden clock's
milestones are recorded but never announced.
"""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from kinship.core.timezones import zone
from kinship.members.models import Member
from kinship.notifications.models import NotificationKind
from kinship.notifications.services import notification_send

from . import clock_math
from .models import Milestone, SobrietyClock
from .notification_texts import MILESTONE_REACHED


def _record(clock: SobrietyClock, reached: clock_math.Reached) -> bool:
    """Store one milestone; False if it was already there (a concurrent run)."""
    try:
        with transaction.atomic():
            Milestone.objects.create(
                member_id=clock.member_id,
                clock=clock,
                streak_started_at=clock.started_at,
                key=reached.key,
                reached_at=reached.at,
            )
    except IntegrityError:
        return False
    return True


def _announce(clock: SobrietyClock, now: dt.datetime) -> None:
    untold = list(
        Milestone.objects.filter(
            clock=clock, streak_started_at=clock.started_at, told_at__isnull=True
        )
    )
    if not untold:
        return
    highest = max(untold, key=lambda m: clock_math.milestone_order(m.key))
    # The clock's label stays out: what the member tracks may be sensitive, and
    # a notification may be copied by email.
    notification_send(
        member=clock.member,
        kind=NotificationKind.MILESTONE_REACHED,
        text=MILESTONE_REACHED,
        params={"milestone": highest.key},
        url=reverse("recovery:clock-detail", args=[clock.pk]),
    )
    Milestone.objects.filter(pk__in=[m.pk for m in untold]).update(told_at=now)


@transaction.atomic
def milestones_refresh(member: Member, now: dt.datetime | None = None) -> int:
    """Record the milestones the member's current streaks have reached, and tell
    them about new ones (not for hidden clocks). Returns how many were new.

    Two queries when nothing is new.
    """
    now = now or timezone.now()
    tz = zone(member.timezone)
    clocks = list(SobrietyClock.objects.filter(member=member))
    if not clocks:
        return 0
    known = set(
        Milestone.objects.filter(clock__member=member).values_list(
            "clock_id", "streak_started_at", "key"
        )
    )
    new = 0
    for clock in clocks:
        clock.member = member
        recorded = [
            reached
            for reached in clock_math.milestones_reached(clock.started_at, now, tz)
            if (clock.pk, clock.started_at, reached.key) not in known
            and _record(clock, reached)
        ]
        new += len(recorded)
        if recorded and not clock.hidden:
            _announce(clock, now)
    return new


def milestones_refresh_all(now: dt.datetime | None = None) -> int:
    """Record and announce every milestone reached since the last run; returns how
    many were new."""
    now = now or timezone.now()
    members = Member.objects.filter(clocks__isnull=False).distinct().order_by("pk")
    return sum(milestones_refresh(member, now) for member in members.iterator())
