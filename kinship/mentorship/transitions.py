"""The state machine of a mentorship: every allowed move, and who may make it.

    requested --accept (mentor)--> accepted --confirm (mentee)--> active
    requested --decline (mentor)--> declined
    requested --withdraw (mentee)--> ended
    accepted  --end (either)--> ended
    active    --end (either)--> ended

Accepting holds one of the mentor's places (accepted and active mentorships
count against their capacity). The mentorship becomes active only when the
mentee confirms: from then on what the mentee shares "with my mentor" reaches
this mentor, so it is the mentee's own step that opens it. Anything not in
``TRANSITIONS`` is refused and changes nothing (``services.mentorship_move``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrPromise

from .models import MentorshipState


class Side(StrEnum):
    """Who may make a move: the mentor, the mentee, or either of them."""

    MENTOR = "mentor"
    MENTEE = "mentee"
    EITHER = "either"


class Action(StrEnum):
    ACCEPT = "accept"
    DECLINE = "decline"
    WITHDRAW = "withdraw"
    CONFIRM = "confirm"
    END = "end"


@dataclass(frozen=True)
class Transition:
    target: MentorshipState
    side: Side
    # What the button says.
    label: StrPromise


TRANSITIONS: dict[tuple[MentorshipState, Action], Transition] = {
    (MentorshipState.REQUESTED, Action.ACCEPT): Transition(
        MentorshipState.ACCEPTED, Side.MENTOR, _("Accept")
    ),
    (MentorshipState.REQUESTED, Action.DECLINE): Transition(
        MentorshipState.DECLINED, Side.MENTOR, _("Decline")
    ),
    (MentorshipState.REQUESTED, Action.WITHDRAW): Transition(
        MentorshipState.ENDED, Side.MENTEE, _("Withdraw my request")
    ),
    (MentorshipState.ACCEPTED, Action.CONFIRM): Transition(
        MentorshipState.ACTIVE, Side.MENTEE, _("Start the mentorship")
    ),
    (MentorshipState.ACCEPTED, Action.END): Transition(
        MentorshipState.ENDED, Side.EITHER, _("Call it off")
    ),
    (MentorshipState.ACTIVE, Action.END): Transition(
        MentorshipState.ENDED, Side.EITHER, _("End the mentorship")
    ),
}


def may_move(side: Side, transition: Transition) -> bool:
    return transition.side in (side, Side.EITHER)


def moves_for(state: str, side: Side) -> list[tuple[Action, Transition]]:
    """The moves one side may make from a state, in the table's order."""
    return [
        (action, transition)
        for (source, action), transition in TRANSITIONS.items()
        if source == state and may_move(side, transition)
    ]
