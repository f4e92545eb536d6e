"""Mentors never exceed their capacity: accepted and active mentorships count,
checked under a lock of the mentor's profile inside the accepting transaction,
so accepts racing each other cannot slip past it."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from kinship.members.models import Member
from kinship.members.tests.personas import Cast, persona_create
from kinship.mentorship.models import Mentorship, MentorshipState
from kinship.mentorship.services import (
    MentorDetails,
    MentorshipError,
    mentor_profile_update,
    mentorship_accept,
    mentorship_request,
)
from kinship.tokens.tests.concurrency import in_a_thread, in_threads, threads_database

from .helpers import mentor_make


@pytest.mark.django_db
def test_a_mentor_at_capacity_cannot_accept(cast: Cast) -> None:
    mentor_make(cast.morgan, leader=cast.fran, group=cast.group, capacity=1)
    first = mentorship_request(by=cast.alex, mentor=cast.morgan)
    second = mentorship_request(by=cast.dr_lee, mentor=cast.morgan)
    mentorship_accept(by=cast.morgan, mentorship_id=first.pk)
    with pytest.raises(MentorshipError, match="All your places are taken"):
        mentorship_accept(by=cast.morgan, mentorship_id=second.pk)
    assert Mentorship.objects.get(pk=second.pk).state == MentorshipState.REQUESTED
    # Nor can anyone ask while every place is taken.
    with pytest.raises(MentorshipError, match="no free place"):
        mentorship_request(by=cast.eve, mentor=cast.morgan)
    assert not Mentorship.objects.filter(mentee=cast.eve).exists()


@pytest.mark.django_db
def test_a_mentor_keeps_at_least_as_many_places_as_mentees(cast: Cast) -> None:
    profile = mentor_make(cast.morgan, leader=cast.fran, group=cast.group, capacity=2)
    for mentee in (cast.alex, cast.dr_lee):
        asked = mentorship_request(by=mentee, mentor=cast.morgan)
        mentorship_accept(by=cast.morgan, mentorship_id=asked.pk)
    with pytest.raises(ValidationError):
        mentor_profile_update(
            by=cast.morgan, details=MentorDetails(clock=profile.clock, capacity=1)
        )
    profile.refresh_from_db()
    assert profile.capacity == 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("capacity", "requests"), [(1, 2), (2, 5)])
def test_accepts_racing_each_other_never_exceed_capacity(
    cast: Cast, tmp_path: Path, capacity: int, requests: int
) -> None:
    """Each thread (its own connection) accepts a different request at once:
    exactly ``capacity`` are accepted, the others refused and left requested.

    On PostgreSQL the profile's row lock makes them wait for each other; on
    SQLite (a file copy of the test database: see tokens.tests.concurrency)
    write transactions start with BEGIN IMMEDIATE and are serialised.
    """
    mentor_make(cast.morgan, leader=cast.fran, group=cast.group, capacity=capacity)
    mentees: list[Member] = [
        persona_create(f"mentee{n}", f"Mentee {n}.") for n in range(requests)
    ]
    asked = [mentorship_request(by=m, mentor=cast.morgan).pk for m in mentees]
    pending = list(asked)
    morgan = cast.morgan
    lock = threading.Lock()

    def accept_one() -> str:
        with lock:
            mentorship_id = pending.pop()
        try:
            mentorship_accept(by=morgan, mentorship_id=mentorship_id)
        except MentorshipError:
            return "refused"
        return "accepted"

    def states() -> list[str]:
        return list(
            Mentorship.objects.filter(pk__in=asked).values_list("state", flat=True)
        )

    with threads_database(tmp_path):
        answers = in_threads(requests, accept_one)
        final = in_a_thread(states)

    errors = [a for a in answers if isinstance(a, BaseException)]
    assert not errors, errors
    assert sorted(answers) == sorted(  # type: ignore[type-var]
        ["accepted"] * capacity + ["refused"] * (requests - capacity)
    )
    assert final.count(MentorshipState.ACCEPTED) == capacity
    assert final.count(MentorshipState.REQUESTED) == requests - capacity
