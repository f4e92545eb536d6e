"""Helpers of the mentorship tests: clocks of a given length, the mentor training
passed, endorsements, and a ready mentor."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kinship.directory.models import Group
from kinship.members.models import Member
from kinship.mentorship.models import MentorEndorsement, MentorProfile
from kinship.mentorship.services import MentorDetails, mentor_profile_activate
from kinship.recovery.models import SobrietyClock
from kinship.training.models import Course, TrainingModule, TrainingProgress


def clock_of_days(member: Member, days: int, label: str = "alcohol") -> SobrietyClock:
    """A clock whose current streak started ``days`` days ago (at this time of
    day, so it shows exactly ``days`` days away from a change of clocks)."""
    return SobrietyClock.objects.create(
        member=member,
        label=label,
        started_at=timezone.now() - dt.timedelta(days=days),
    )


def mentor_modules() -> list[TrainingModule]:
    """The current modules of the mentor course (one is made if there are none)."""
    modules = list(TrainingModule.objects.filter(course=Course.MENTOR, retired=False))
    if not modules:
        modules = [
            TrainingModule.objects.create(
                course=Course.MENTOR,
                slug="mentor-basics",
                position=1,
                title="Mentor basics",
                content="What a mentor does.",
            )
        ]
    return modules


def training_pass(member: Member, when: dt.datetime | None = None) -> None:
    """The member passes every current module of the mentor training."""
    passed_at = when or timezone.now() - dt.timedelta(days=10)
    for module in mentor_modules():
        TrainingProgress.objects.update_or_create(
            member=member, module=module, defaults={"passed_at": passed_at}
        )


def endorsement_by(leader: Member, member: Member, group: Group) -> MentorEndorsement:
    return MentorEndorsement.objects.create(
        member=member,
        by=leader,
        group=group,
        endorsed_at=timezone.now() - dt.timedelta(days=5),
    )


def mentor_make(
    member: Member,
    *,
    leader: Member,
    group: Group,
    days: int = 400,
    capacity: int = 2,
    **details: object,
) -> MentorProfile:
    """A member made a mentor through the service: a clock of ``days`` days, the
    training passed, endorsed by ``leader`` in ``group``."""
    clock = clock_of_days(member, days)
    training_pass(member)
    endorsement_by(leader, member, group)
    return mentor_profile_activate(
        by=member,
        details=MentorDetails(clock=clock, capacity=capacity, **details),  # type: ignore[arg-type]
    )


def other_mentor(leader: Member, username: str, name: str, **details: object) -> Member:
    """A new member made a mentor in a group of their own, which ``leader``
    leads."""
    from kinship.directory.tests.factories import GroupFactory
    from kinship.members.models import Level
    from kinship.members.tests.personas import membership_create, persona_create

    member = persona_create(username, name)
    group = GroupFactory.create(name=f"{name} Circle", slug=f"{username}-circle")
    membership_create(member, group, Level.PARTICIPANT)
    membership_create(leader, group, Level.LEADER)
    mentor_make(member, leader=leader, group=group, **details)  # type: ignore[arg-type]
    return member
