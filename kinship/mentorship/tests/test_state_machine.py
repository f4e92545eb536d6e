"""The state machine of a mentorship, over its whole table: every state, every
action, from each side. What the table allows happens (and the other side is
told); everything else is refused and changes nothing; an outsider gets a 404."""

from __future__ import annotations

import itertools

import pytest
from django.http import Http404

from kinship.members.tests.personas import Cast
from kinship.mentorship.models import Mentorship, MentorshipState
from kinship.mentorship.services import MentorshipError, mentorship_move
from kinship.mentorship.transitions import TRANSITIONS, Action, Side, moves_for
from kinship.notifications.models import Notification

from .helpers import mentor_make

ALLOWED = {
    (MentorshipState.REQUESTED, Action.ACCEPT, Side.MENTOR): MentorshipState.ACCEPTED,
    (MentorshipState.REQUESTED, Action.DECLINE, Side.MENTOR): MentorshipState.DECLINED,
    (MentorshipState.REQUESTED, Action.WITHDRAW, Side.MENTEE): MentorshipState.ENDED,
    (MentorshipState.ACCEPTED, Action.CONFIRM, Side.MENTEE): MentorshipState.ACTIVE,
    (MentorshipState.ACCEPTED, Action.END, Side.MENTOR): MentorshipState.ENDED,
    (MentorshipState.ACCEPTED, Action.END, Side.MENTEE): MentorshipState.ENDED,
    (MentorshipState.ACTIVE, Action.END, Side.MENTOR): MentorshipState.ENDED,
    (MentorshipState.ACTIVE, Action.END, Side.MENTEE): MentorshipState.ENDED,
}
EVERY_MOVE = list(
    itertools.product(MentorshipState, Action, (Side.MENTOR, Side.MENTEE))
)


def test_the_table_is_what_this_test_expects() -> None:
    """The expectations above are the transitions table, spelled out."""
    from_table = {
        (state, action, side): transition.target
        for (state, action), transition in TRANSITIONS.items()
        for side in (Side.MENTOR, Side.MENTEE)
        if transition.side in (side, Side.EITHER)
    }
    assert from_table == ALLOWED
    assert [a for a, _t in moves_for("requested", Side.MENTOR)] == ["accept", "decline"]
    assert [a for a, _t in moves_for("accepted", Side.MENTEE)] == ["confirm", "end"]
    assert moves_for("ended", Side.MENTEE) == []


@pytest.mark.django_db
@pytest.mark.parametrize(("state", "action", "side"), EVERY_MOVE)
def test_every_move_of_the_table(
    cast: Cast, state: MentorshipState, action: Action, side: Side
) -> None:
    mentor_make(cast.morgan, leader=cast.fran, group=cast.group, capacity=3)
    mentorship = Mentorship.objects.create(
        mentor=cast.morgan, mentee=cast.alex, state=state
    )
    by, other = (
        (cast.morgan, cast.alex) if side == Side.MENTOR else (cast.alex, cast.morgan)
    )
    target = ALLOWED.get((state, action, side))
    if target is None:
        with pytest.raises(MentorshipError):
            mentorship_move(by=by, mentorship_id=mentorship.pk, action=action)
        fresh = Mentorship.objects.get(pk=mentorship.pk)
        assert (fresh.state, fresh.started_at, fresh.ended_at) == (state, None, None)
        assert not Notification.objects.exists()
        return
    moved = mentorship_move(by=by, mentorship_id=mentorship.pk, action=action)
    fresh = Mentorship.objects.get(pk=mentorship.pk)
    assert moved.state == fresh.state == target
    assert (fresh.started_at is not None) == (target == MentorshipState.ACTIVE)
    assert (fresh.ended_at is not None) == (
        target in (MentorshipState.ENDED, MentorshipState.DECLINED)
    )
    (told,) = Notification.objects.all()
    assert told.member == other
    assert by.display_name in told.title


@pytest.mark.django_db
def test_an_outsider_cannot_move_anything(cast: Cast) -> None:
    mentor_make(cast.morgan, leader=cast.fran, group=cast.group)
    for state, action in itertools.product(MentorshipState, Action):
        mentorship = Mentorship.objects.create(
            mentor=cast.morgan, mentee=cast.alex, state=state
        )
        with pytest.raises(Http404):
            mentorship_move(by=cast.eve, mentorship_id=mentorship.pk, action=action)
        assert Mentorship.objects.get(pk=mentorship.pk).state == state
        mentorship.delete()
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_an_unknown_action_is_refused(cast: Cast) -> None:
    mentorship = Mentorship.objects.create(mentor=cast.morgan, mentee=cast.alex)
    with pytest.raises(MentorshipError):
        mentorship_move(by=cast.morgan, mentorship_id=mentorship.pk, action="promote")
    assert Mentorship.objects.get(pk=mentorship.pk).state == "requested"


@pytest.mark.django_db
def test_a_mentee_with_an_active_mentor_cannot_start_a_second(cast: Cast) -> None:
    mentor_make(cast.morgan, leader=cast.fran, group=cast.group)
    Mentorship.objects.create(
        mentor=cast.fran, mentee=cast.alex, state=MentorshipState.ACTIVE
    )
    second = Mentorship.objects.create(
        mentor=cast.morgan, mentee=cast.alex, state=MentorshipState.ACCEPTED
    )
    with pytest.raises(MentorshipError, match="active mentor"):
        mentorship_move(by=cast.alex, mentorship_id=second.pk, action="confirm")
    assert Mentorship.objects.get(pk=second.pk).state == "accepted"
