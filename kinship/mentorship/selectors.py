"""Reads about mentors and mentorships: who the active mentor is (the recovery
tools rely on it), mentor eligibility, mentors who take mentees, and the
access-checked reads of a mentorship and its messages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kinship.core.timezones import zone
from kinship.directory.models import Group
from kinship.members.models import Level, Member, Membership
from kinship.recovery.clock_math import streak_days
from kinship.recovery.models import SobrietyClock
from kinship.training.models import Course, TrainingModule, TrainingProgress
from kinship.training.selectors import course_completed_on

from .models import (
    MentorEndorsement,
    MentorMessage,
    MentorProfile,
    Mentorship,
    MentorshipState,
)

# The largest id a query may look for (a big integer).
ID_MAX = 2**63 - 1


def mentor_of(member: Member) -> Member | None:
    """The member's mentor in an active mentorship, if they have one."""
    mentorship = (
        Mentorship.objects.filter(mentee=member, state=MentorshipState.ACTIVE)
        .select_related("mentor")
        .order_by("-started_at", "-pk")
        .first()
    )
    return mentorship.mentor if mentorship else None


def is_mentor_of(mentor: Member, mentee: Member) -> bool:
    """Whether ``mentor`` is the mentee's mentor in an active mentorship."""
    return Mentorship.objects.filter(
        mentor=mentor, mentee=mentee, state=MentorshipState.ACTIVE
    ).exists()


# -- Eligibility -------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """One condition of mentor eligibility: whether it holds, since when, and a
    sentence saying what it shows or what is still missing."""

    met: bool
    since: dt.date | None
    detail: str


@dataclass(frozen=True)
class Eligibility:
    recovery: Condition
    training: Condition
    endorsement: Condition

    @property
    def conditions(self) -> list[tuple[str, str, Condition]]:
        """(key, name, condition) of each condition, in order."""
        return [
            ("recovery", _("Stable recovery"), self.recovery),
            ("training", _("Mentor training"), self.training),
            ("endorsement", _("Endorsement by a group leader"), self.endorsement),
        ]

    @property
    def eligible(self) -> bool:
        return self.recovery.met and self.training.met and self.endorsement.met

    @property
    def missing(self) -> list[str]:
        return [
            condition.detail
            for _key, _name, condition in self.conditions
            if not condition.met
        ]


def mentor_min_days() -> int:
    return int(settings.KINSHIP_MENTOR_MIN_DAYS)


def clock_days(member: Member, clock: SobrietyClock, now: dt.datetime) -> int:
    """Whole days on the clock's current streak, by the member's own calendar."""
    return streak_days(clock.started_at, now, zone(member.timezone))


def _recovery_condition(
    member: Member, clock: SobrietyClock | None, now: dt.datetime
) -> Condition:
    if clock is None:
        return Condition(
            False, None, _("Choose the clock that shows your stable recovery.")
        )
    days = clock_days(member, clock, now)
    needed = mentor_min_days()
    since = clock.started_at.astimezone(zone(member.timezone)).date()
    if days >= needed:
        return Condition(
            True,
            since,
            _("Your clock “%(clock)s” shows %(days)d days.")
            % {"clock": clock.label, "days": days},
        )
    return Condition(
        False,
        None,
        _("Your clock shows %(days)d days; %(more)d more to go.")
        % {"days": days, "more": needed - days},
    )


def _training_condition(member: Member) -> Condition:
    completed = course_completed_on(member, Course.MENTOR)
    if completed is None:
        return Condition(False, None, _("Complete the mentor training."))
    day = completed.astimezone(zone(member.timezone)).date()
    return Condition(True, day, _("You completed the mentor training."))


def endorsements_standing() -> QuerySet[MentorEndorsement]:
    """Endorsements that count: not revoked, the endorser still leads the group
    and the member is still in it."""
    return MentorEndorsement.objects.filter(
        Exists(
            Membership.objects.filter(
                group=OuterRef("group"), member=OuterRef("by"), level=Level.LEADER
            )
        ),
        Exists(
            Membership.objects.filter(
                group=OuterRef("group"), member=OuterRef("member")
            )
        ),
        revoked_at__isnull=True,
    )


def _endorsement_condition(member: Member) -> Condition:
    endorsement = (
        endorsements_standing()
        .filter(member=member)
        .select_related("by", "group")
        .order_by("endorsed_at", "pk")
        .first()
    )
    if endorsement is None:
        return Condition(
            False, None, _("Ask a leader of one of your groups to endorse you.")
        )
    return Condition(
        True,
        endorsement.endorsed_at.astimezone(zone(member.timezone)).date(),
        _("Endorsed by %(leader)s in %(group)s.")
        % {"leader": endorsement.by.display_name, "group": endorsement.group.name},
    )


def mentor_eligibility(
    member: Member,
    *,
    clock: SobrietyClock | Literal["profile"] | None = "profile",
    now: dt.datetime | None = None,
) -> Eligibility:
    """Each of the three conditions of becoming a mentor, with its date or what
    is missing: stable recovery on ``clock`` (by default the clock of the
    member's mentor profile; ``None``: no clock chosen) of at least
    ``KINSHIP_MENTOR_MIN_DAYS`` days, the mentor training completed, and a
    standing endorsement by a leader of one of the member's groups."""
    now = now or timezone.now()
    if clock == "profile":
        found = MentorProfile.objects.filter(member=member).select_related("clock")
        profile = found.first()
        clock = profile.clock if profile else None
    return Eligibility(
        recovery=_recovery_condition(member, clock, now),
        training=_training_condition(member),
        endorsement=_endorsement_condition(member),
    )


def access_group_membership(group: Group, membership_id: int) -> Membership:
    """A membership of ``group`` (whose leader the caller has checked); 404
    otherwise."""
    membership = (
        Membership.objects.filter(pk=membership_id, group=group)
        .select_related("member")
        .first()
    )
    if membership is None:
        raise Http404("No such member")
    return membership


def endorsement_standing_by(
    leader: Member, membership: Membership
) -> MentorEndorsement | None:
    """The leader's unrevoked endorsement of the member of ``membership`` in its
    group, if any."""
    return MentorEndorsement.objects.filter(
        member_id=membership.member_id,
        by=leader,
        group_id=membership.group_id,
        revoked_at__isnull=True,
    ).first()


def clocks_of(member: Member) -> QuerySet[SobrietyClock]:
    return SobrietyClock.objects.filter(member=member).order_by("started_at", "pk")


def mentor_profile_of(member: Member) -> MentorProfile | None:
    return (
        MentorProfile.objects.filter(member=member)
        .select_related("clock")
        .prefetch_related("programs", "languages")
        .first()
    )


# -- Mentors who take mentees ------------------------------------------------------

OPEN_STATES = (
    MentorshipState.REQUESTED,
    MentorshipState.ACCEPTED,
    MentorshipState.ACTIVE,
)
# States that hold one of the mentor's places.
PLACE_STATES = (MentorshipState.ACCEPTED, MentorshipState.ACTIVE)


def places_taken(mentor: Member) -> int:
    return Mentorship.objects.filter(mentor=mentor, state__in=PLACE_STATES).count()


def _taken_subquery() -> Any:
    return Coalesce(
        Subquery(
            Mentorship.objects.filter(mentor=OuterRef("member"), state__in=PLACE_STATES)
            .order_by()
            .values("mentor")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def mentors_available(
    *, seeker: Member, now: dt.datetime | None = None
) -> list[MentorProfile]:
    """Active mentors who are eligible now, have a free place, are not the seeker
    and have no open mentorship with them (either way round); each with
    ``taken`` (places taken) annotated.

    The conditions are read for all mentors at once; the days on each clock are
    then counted exactly, by each mentor's own calendar.
    """
    now = now or timezone.now()
    modules = TrainingModule.objects.filter(course=Course.MENTOR, retired=False)
    total = modules.count()
    if total == 0:
        return []
    passed = (
        TrainingProgress.objects.filter(
            member=OuterRef("member"), module__in=modules, passed_at__isnull=False
        )
        .order_by()
        .values("member")
        .annotate(n=Count("pk"))
        .values("n")
    )
    open_with_seeker = Mentorship.objects.filter(state__in=OPEN_STATES).filter(
        Q(mentor=OuterRef("member"), mentee=seeker)
        | Q(mentor=seeker, mentee=OuterRef("member"))
    )
    # A day of slack: the exact count below is by each mentor's calendar.
    started_by = now - dt.timedelta(days=mentor_min_days() - 1)
    profiles = (
        MentorProfile.objects.filter(active=True, clock__started_at__lte=started_by)
        .exclude(member=seeker)
        .annotate(taken=_taken_subquery(), passed=Coalesce(Subquery(passed), 0))
        .filter(
            taken__lt=F("capacity"),
            passed__gte=total,
        )
        .filter(
            Exists(endorsements_standing().filter(member=OuterRef("member"))),
            ~Exists(open_with_seeker),
        )
        .select_related("member", "clock")
        .prefetch_related("programs", "languages")
        .order_by("pk")
    )
    return [
        profile
        for profile in profiles
        if profile.clock is not None
        and clock_days(profile.member, profile.clock, now) >= mentor_min_days()
    ]


def access_available_mentor(seeker: Member, profile_id: int) -> MentorProfile:
    """A mentor the seeker may ask (see ``mentors_available``); 404 otherwise."""
    for profile in mentors_available(seeker=seeker):
        if profile.pk == profile_id:
            return profile
    raise Http404("No such mentor")


# -- Mentorships -------------------------------------------------------------------


def access_mentorship(member: Member, mentorship_id: int) -> Mentorship:
    """A mentorship the member is the mentor or the mentee of; 404 for anyone
    else."""
    if not 0 < mentorship_id <= ID_MAX:
        raise Http404("No such mentorship")
    mentorship = (
        Mentorship.objects.filter(Q(mentor=member) | Q(mentee=member), pk=mentorship_id)
        .select_related("mentor", "mentee")
        .first()
    )
    if mentorship is None:
        raise Http404("No such mentorship")
    return mentorship


def access_mentee(mentor: Member, member_id: int) -> Mentorship:
    """The active mentorship in which ``mentor`` mentors the member ``member_id``;
    404 otherwise."""
    if not 0 < member_id <= ID_MAX:
        raise Http404("No such mentee")
    mentorship = (
        Mentorship.objects.filter(
            mentor=mentor, mentee_id=member_id, state=MentorshipState.ACTIVE
        )
        .select_related("mentor", "mentee")
        .first()
    )
    if mentorship is None:
        raise Http404("No such mentee")
    return mentorship


def _with_unread(
    queryset: QuerySet[Mentorship], member: Member
) -> QuerySet[Mentorship]:
    return queryset.annotate(
        unread=Count(
            "messages",
            filter=Q(messages__read_at__isnull=True) & ~Q(messages__sender=member),
        )
    ).select_related("mentor", "mentee")


def mentorships_as_mentee(member: Member) -> list[Mentorship]:
    """The member's mentorships as a mentee, open ones first, newest first; each
    with ``unread`` (messages to them not yet read)."""
    return list(
        _with_unread(Mentorship.objects.filter(mentee=member), member).order_by(
            "ended_at", "-requested_at", "-pk"
        )
    )


def mentorships_as_mentor(member: Member) -> list[Mentorship]:
    """The member's mentorships as a mentor, like ``mentorships_as_mentee``."""
    return list(
        _with_unread(Mentorship.objects.filter(mentor=member), member).order_by(
            "ended_at", "-requested_at", "-pk"
        )
    )


def thread_messages(mentorship: Mentorship) -> list[MentorMessage]:
    """The messages of a mentorship, oldest first (the caller has checked that the
    reader is one of its two members)."""
    return list(
        MentorMessage.objects.filter(mentorship=mentorship).order_by("sent_at", "pk")
    )
