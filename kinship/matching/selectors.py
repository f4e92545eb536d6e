"""Reads for group quality: what a group publishes and what its members think.

Members' ratings are shown only as averages, and only once ``MIN_RATINGS``
members have rated, so that no single member's answer can be read off the page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Avg, Count

from kinship.attendance.models import Attendance
from kinship.directory.models import Group, published
from kinship.members.models import Member
from kinship.training.selectors import group_facilitator_trained

from .models import GroupRating

# Fewer ratings than this and the averages could identify who rated.
MIN_RATINGS = 5
# A member rates a group only after attending its meetings this many times.
MIN_ATTENDANCES_TO_RATE = 2


@dataclass(frozen=True)
class Feedback:
    """Members' average scores (1-5), from ``count`` ratings."""

    safety: float
    structure: float
    welcome: float
    count: int


@dataclass(frozen=True)
class GroupQuality:
    """The quality signals shown on a group's page.

    ``facilitator_trained`` is True when a current leader of the group has
    completed the facilitator course, False when it has leaders and none has,
    and None when it has no leaders on Kinship (the page says "not recorded").
    ``feedback`` is None until ``MIN_RATINGS`` members have rated.
    """

    guidelines: bool
    confidentiality: bool
    inclusivity: bool
    facilitator_trained: bool | None
    verified_at: dt.datetime | None
    feedback: Feedback | None
    min_ratings: int = MIN_RATINGS


def group_quality(group: Group) -> GroupQuality:
    """The group's quality signals, in two queries (the ratings' aggregate and
    the leaders' facilitator training)."""
    scores = GroupRating.objects.filter(group=group).aggregate(
        safety=Avg("safety"),
        structure=Avg("structure"),
        welcome=Avg("welcome"),
        count=Count("pk"),
    )
    feedback = None
    if scores["count"] >= MIN_RATINGS:
        feedback = Feedback(
            safety=round(float(scores["safety"]), 1),
            structure=round(float(scores["structure"]), 1),
            welcome=round(float(scores["welcome"]), 1),
            count=scores["count"],
        )
    return GroupQuality(
        guidelines=published(group.guidelines),
        confidentiality=published(group.confidentiality_statement),
        inclusivity=published(group.inclusivity_statement),
        facilitator_trained=group_facilitator_trained(group),
        verified_at=group.verified_at,
        feedback=feedback,
    )


def group_attendance_count(member: Member, group: Group) -> int:
    """How many of the group's meetings the member attended (any method)."""
    return Attendance.objects.filter(
        member=member, occurrence__meeting__group=group
    ).count()


def may_rate_group(member: Member | None, group: Group) -> bool:
    """Whether the member attended the group often enough to rate it."""
    if member is None:
        return False
    return group_attendance_count(member, group) >= MIN_ATTENDANCES_TO_RATE


def group_rating_of(member: Member, group: Group) -> GroupRating | None:
    """The member's own rating of the group, if they gave one."""
    return GroupRating.objects.filter(member=member, group=group).first()
