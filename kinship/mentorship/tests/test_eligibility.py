"""Mentor eligibility, explicit and dated: stable recovery on a chosen clock of at
least KINSHIP_MENTOR_MIN_DAYS days, the mentor training completed, and a
standing endorsement by a leader of one of the member's groups; checked again
by the service at the moment of activation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.http import Http404
from django.utils import timezone

from kinship.members.models import Level, Membership
from kinship.members.selectors import member_today
from kinship.members.tests.personas import Cast
from kinship.mentorship.models import MentorEndorsement, MentorProfile
from kinship.mentorship.selectors import mentor_eligibility
from kinship.mentorship.services import (
    MentorDetails,
    MentorshipError,
    mentor_endorse,
    mentor_endorsement_revoke,
    mentor_profile_activate,
    mentor_profile_pause,
    mentor_profile_update,
)

from .helpers import clock_of_days, endorsement_by, mentor_make, training_pass


def ready(cast: Cast, days: int) -> MentorDetails:
    """morgan, with the training passed and fran's endorsement, and a clock."""
    training_pass(cast.morgan)
    endorsement_by(cast.fran, cast.morgan, cast.group)
    return MentorDetails(clock=clock_of_days(cast.morgan, days), capacity=2)


@pytest.mark.django_db
def test_a_300_day_member_cannot_become_a_mentor(cast: Cast) -> None:
    details = ready(cast, 300)
    with pytest.raises(MentorshipError, match="300 days; 65 more to go"):
        mentor_profile_activate(by=cast.morgan, details=details)
    assert not MentorProfile.objects.exists()  # nothing saved


@pytest.mark.django_db
def test_a_400_day_member_with_training_and_endorsement_becomes_a_mentor(
    cast: Cast,
) -> None:
    details = ready(cast, 400)
    profile = mentor_profile_activate(by=cast.morgan, details=details)
    profile.refresh_from_db()
    assert profile.active
    assert profile.clock == details.clock
    assert profile.became_mentor_on == member_today(cast.morgan)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("threshold", "days", "eligible", "detail"),
    [
        (250, 300, True, "shows 300 days"),
        (365, 364, False, "364 days; 1 more to go"),
        (365, 365, True, "shows 365 days"),
        (500, 400, False, "400 days; 100 more to go"),
    ],
)
def test_the_threshold_is_the_setting(
    cast: Cast, settings: Any, threshold: int, days: int, eligible: bool, detail: str
) -> None:
    settings.KINSHIP_MENTOR_MIN_DAYS = threshold
    details = ready(cast, days)
    recovery = mentor_eligibility(cast.morgan, clock=details.clock).recovery
    assert recovery.met is eligible
    assert detail in recovery.detail
    if eligible:
        assert mentor_profile_activate(by=cast.morgan, details=details).active
    else:
        with pytest.raises(MentorshipError, match=detail):
            mentor_profile_activate(by=cast.morgan, details=details)


@pytest.mark.django_db
def test_each_condition_says_its_date_or_what_is_missing(cast: Cast) -> None:
    nothing = mentor_eligibility(cast.morgan)
    assert not nothing.eligible
    assert nothing.missing == [
        "Choose the clock that shows your stable recovery.",
        "Complete the mentor training.",
        "Ask a leader of one of your groups to endorse you.",
    ]
    clock = clock_of_days(cast.morgan, 400)
    passed = timezone.now() - dt.timedelta(days=20)
    training_pass(cast.morgan, when=passed)
    endorsement = endorsement_by(cast.fran, cast.morgan, cast.group)
    every = mentor_eligibility(cast.morgan, clock=clock)
    assert every.eligible
    assert every.missing == []
    tz = dt.timezone(dt.timedelta(hours=-5))  # near enough for New York dates
    assert every.recovery.since is not None
    assert (
        abs((every.recovery.since - clock.started_at.astimezone(tz).date()).days) <= 1
    )
    assert every.training.since is not None
    assert abs((every.training.since - passed.astimezone(tz).date()).days) <= 1
    assert every.endorsement.since is not None
    assert (
        abs(
            (
                every.endorsement.since - endorsement.endorsed_at.astimezone(tz).date()
            ).days
        )
        <= 1
    )
    assert "Fran D." in every.endorsement.detail
    assert "Tuesday Dual Recovery" in every.endorsement.detail


@pytest.mark.django_db
def test_an_endorsement_counts_only_while_it_stands(cast: Cast) -> None:
    clock = clock_of_days(cast.morgan, 400)
    training_pass(cast.morgan)
    endorsement = endorsement_by(cast.fran, cast.morgan, cast.group)
    assert mentor_eligibility(cast.morgan, clock=clock).endorsement.met
    # fran steps down as a leader: her endorsement no longer counts.
    Membership.objects.filter(member=cast.fran).update(level=Level.PARTICIPANT)
    assert not mentor_eligibility(cast.morgan, clock=clock).endorsement.met
    Membership.objects.filter(member=cast.fran).update(level=Level.LEADER)
    endorsement.revoked_at = timezone.now()
    endorsement.save()
    assert not mentor_eligibility(cast.morgan, clock=clock).endorsement.met


@pytest.mark.django_db
def test_the_service_checks_again_when_resuming_and_when_changing_the_clock(
    cast: Cast,
) -> None:
    profile = mentor_make(cast.morgan, leader=cast.fran, group=cast.group)
    mentor_profile_pause(by=cast.morgan)
    MentorEndorsement.objects.update(revoked_at=timezone.now())
    with pytest.raises(MentorshipError, match="endorse you"):
        mentor_profile_activate(by=cast.morgan)
    profile.refresh_from_db()
    assert not profile.active
    endorsement_by(cast.fran, cast.morgan, cast.group)
    assert mentor_profile_activate(by=cast.morgan).active
    short = clock_of_days(cast.morgan, 30, label="gambling")
    with pytest.raises(MentorshipError, match="30 days; 335 more"):
        mentor_profile_update(
            by=cast.morgan, details=MentorDetails(clock=short, capacity=2)
        )
    profile.refresh_from_db()
    assert profile.clock != short


@pytest.mark.django_db
def test_a_clock_of_someone_else_is_a_404(cast: Cast) -> None:
    ready(cast, 400)
    alex_clock = clock_of_days(cast.alex, 900)
    with pytest.raises(Http404):
        mentor_profile_activate(
            by=cast.morgan, details=MentorDetails(clock=alex_clock, capacity=2)
        )
    assert not MentorProfile.objects.exists()


@pytest.mark.django_db
def test_leaders_endorse_members_of_their_group_not_themselves(cast: Cast) -> None:
    membership = Membership.objects.get(member=cast.morgan, group=cast.group)
    first = mentor_endorse(
        by=cast.fran, group=cast.group, membership_id=membership.pk, note="Steady."
    )
    again = mentor_endorse(by=cast.fran, group=cast.group, membership_id=membership.pk)
    assert first.pk == again.pk
    assert (first.member, first.by, first.note) == (cast.morgan, cast.fran, "Steady.")
    own = Membership.objects.get(member=cast.fran, group=cast.group)
    with pytest.raises(MentorshipError, match="yourself"):
        mentor_endorse(by=cast.fran, group=cast.group, membership_id=own.pk)
    # A participant (alex) or an outsider (eve) is no leader of the group.
    for outsider in (cast.alex, cast.eve):
        with pytest.raises(Http404):
            mentor_endorse(by=outsider, group=cast.group, membership_id=membership.pk)
    assert MentorEndorsement.objects.count() == 1
    assert (
        mentor_endorsement_revoke(
            by=cast.fran, group=cast.group, membership_id=membership.pk
        )
        == 1
    )
    assert MentorEndorsement.objects.get().revoked_at is not None
