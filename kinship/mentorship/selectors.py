"""Reads about mentorships that other apps rely on."""

from __future__ import annotations

from kinship.members.models import Member

from .models import Mentorship, MentorshipState


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
