"""The test personas (CONVENTIONS.md), the same names in every app's tests.

- ``alex``: a member, participant in the Tuesday Dual Recovery group.
- ``fran``: a facilitator, leader of that group.
- ``morgan``: a member of long standing (the mentor of later issues), participant.
- ``dr_lee``: a clinician's account; in no group.
- ``eve``: an outsider in no group, who must be refused everything private.

Each persona is a verified account (email ``<name>@example.org``, password
``PERSONA_PASSWORD``) with a ``Member`` profile.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from kinship.directory.models import Group, Meeting
from kinship.directory.tests.factories import GroupFactory, MeetingFactory
from kinship.members.models import Level, Member, Membership

PERSONA_PASSWORD = "correct horse battery staple 42"


def persona_create(name: str, display_name: str) -> Member:
    user = get_user_model().objects.create_user(
        username=name, email=f"{name}@example.org", password=PERSONA_PASSWORD
    )
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    return Member.objects.create(user=user, display_name=display_name)


def signed_in(member: Member) -> Client:
    """A test client signed in as the member."""
    client = Client()
    client.force_login(member.user)
    return client


def membership_create(member: Member, group: Group, level: str) -> Membership:
    now = timezone.now()
    return Membership.objects.create(
        member=member,
        group=group,
        level=level,
        joined_at=now - dt.timedelta(days=90),
        participant_since=now - dt.timedelta(days=60)
        if level in (Level.PARTICIPANT, Level.LEADER)
        else None,
        leader_since=now - dt.timedelta(days=30) if level == Level.LEADER else None,
    )


@dataclass(frozen=True)
class Cast:
    """Everyone in a test, and the group most of them share."""

    alex: Member
    fran: Member
    morgan: Member
    dr_lee: Member
    eve: Member
    group: Group
    meeting: Meeting


def cast_create() -> Cast:
    group = GroupFactory.create(
        name="Tuesday Dual Recovery", slug="tuesday-dual-recovery"
    )
    meeting = MeetingFactory.create(
        group=group, name="Tuesday Evening", slug="tuesday-evening"
    )
    alex = persona_create("alex", "Alex K.")
    fran = persona_create("fran", "Fran D.")
    morgan = persona_create("morgan", "Morgan S.")
    dr_lee = persona_create("dr_lee", "Dr Lee")
    eve = persona_create("eve", "Eve")
    membership_create(alex, group, Level.PARTICIPANT)
    membership_create(fran, group, Level.LEADER)
    membership_create(morgan, group, Level.PARTICIPANT)
    return Cast(alex, fran, morgan, dr_lee, eve, group, meeting)
