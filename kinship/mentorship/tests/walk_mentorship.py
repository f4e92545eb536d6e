"""URL-walk expectations for mentorship (see kinship/core/tests/walking.py): a
mentorship, its thread and the mentor's page for a mentee are for its two
members only; endorsing is for the group's leaders; a member's own pages show
eve her own."""

from __future__ import annotations

from typing import Any

from kinship.core.tests.walking import (
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    OTHERS,
    OTHERS_ACTION,
    TO_LOGIN,
    Expect,
    World,
    expect,
)

# alex's private words: messages with their mentor, their (paused) mentor
# introduction and the note of fran's endorsement of alex in the private group.
SECRETS: tuple[str, ...] = (
    "Lantern kettle at dawn",
    "Morgan answers: the orchard gate",
    "Quillwort introduction",
    "Endorsed for the harbor lighthouse",
)


def world_add(world: World) -> None:
    """morgan, an active mentor, mentors alex; they have written to each other.
    alex has a mentor profile of their own, not active."""
    from kinship.members.models import Membership
    from kinship.mentorship.models import (
        MentorEndorsement,
        MentorMessage,
        MentorProfile,
        Mentorship,
        MentorshipState,
    )
    from kinship.mentorship.tests.helpers import mentor_make

    cast = world.cast
    mentor_make(cast.morgan, leader=cast.fran, group=cast.group)
    mentorship = Mentorship.objects.create(
        mentor=cast.morgan, mentee=cast.alex, state=MentorshipState.ACTIVE
    )
    MentorMessage.objects.create(
        mentorship=mentorship, sender=cast.alex, body="Lantern kettle at dawn"
    )
    MentorMessage.objects.create(
        mentorship=mentorship,
        sender=cast.morgan,
        body="Morgan answers: the orchard gate",
    )
    profile = MentorProfile.objects.create(
        member=cast.alex, introduction="Quillwort introduction"
    )
    private = Membership.objects.get(pk=world.alex_membership_id).group
    MentorEndorsement.objects.create(
        member=cast.alex,
        by=cast.fran,
        group=private,
        note="Endorsed for the harbor lighthouse",
    )
    world.extra["mentorship_id"] = mentorship.pk
    world.extra["alex_mentor_profile_id"] = profile.pk


def mentorship(world: World) -> dict[str, Any]:
    return {"mentorship_id": world.extra["mentorship_id"]}


def private_membership(world: World) -> dict[str, Any]:
    return {
        "slug": world.private_group_slug,
        "membership_id": world.alex_membership_id,
    }


EXPECTATIONS: dict[str, Expect] = {
    # eve's own pages: her (empty) mentorships, the mentors she may ask, her
    # eligibility; an empty profile form is refused and saves nothing.
    "mentorship:mine": expect(visitor=TO_LOGIN, eve=OK),
    "mentorship:find": expect(visitor=TO_LOGIN, eve=OK),
    "mentorship:mentor-profile": expect(visitor=TO_LOGIN, eve=OK, eve_post={400}),
    # eve has no mentor profile to pause or resume.
    "mentorship:mentor-pause": expect(
        visitor=NOT_ALLOWED, eve=NOT_ALLOWED, eve_post=NOT_FOUND
    ),
    "mentorship:mentor-resume": expect(
        visitor=NOT_ALLOWED, eve=NOT_ALLOWED, eve_post=NOT_FOUND
    ),
    # alex's profile takes no mentees: no one can ask alex.
    "mentorship:request": expect(
        lambda world: {"profile_id": world.extra["alex_mentor_profile_id"]},
        **OTHERS,
        eve_post=NOT_FOUND,
    ),
    # alex and morgan's mentorship: theirs alone.
    "mentorship:thread": expect(mentorship, **OTHERS, eve_post=NOT_FOUND),
    "mentorship:messages": expect(mentorship, **OTHERS),
    "mentorship:move": expect(
        lambda world: {**mentorship(world), "action": "end"}, **OTHERS_ACTION
    ),
    "mentorship:mentee": expect(
        lambda world: {"member_id": world.cast.alex.pk}, **OTHERS
    ),
    # Endorsing in the private group eve is not in.
    "mentorship:endorse": expect(private_membership, **OTHERS, eve_post=NOT_FOUND),
    "mentorship:endorse-revoke": expect(private_membership, **OTHERS_ACTION),
}
