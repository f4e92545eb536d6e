"""Mentor matching: only mentors who take mentees now, ranked by what they share
with the seeker, each with its reasons; a stated gender wish is honoured."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kinship.directory.models import Language, Program
from kinship.directory.tests.factories import ProgramFactory
from kinship.members.models import Member
from kinship.members.tests.personas import Cast
from kinship.mentorship.models import MentorProfile, Mentorship, MentorshipState
from kinship.mentorship.ranking import WEIGHTS, Wishes, mentor_candidates
from kinship.mentorship.services import mentor_profile_pause

from .helpers import mentor_make, other_mentor


def language(code: str, name: str) -> Language:
    return Language.objects.get_or_create(code=code, defaults={"name": name})[0]


@pytest.fixture
def mentors(cast: Cast) -> dict[str, Member]:
    english, spanish = language("en", "English"), language("es", "Spanish")
    aa: Program = cast.group.program
    smart = ProgramFactory.create(code="smart", name="SMART Recovery")
    mentor_make(
        cast.morgan,
        leader=cast.fran,
        group=cast.group,
        capacity=3,
        focus="addiction",
        programs=(aa,),
        languages=(english, spanish),
        availability=("tue_evening", "thu_evening", "sat_morning"),
        gender="man",
    )
    sam = other_mentor(
        cast.fran,
        "sam",
        "Sam R.",
        capacity=1,
        focus="mental_health",
        programs=(smart,),
        languages=(spanish,),
        availability=("mon_morning",),
        gender="woman",
    )
    return {"morgan": cast.morgan, "sam": sam}


@pytest.mark.django_db
def test_candidates_are_ranked_with_their_reasons(
    cast: Cast, mentors: dict[str, Member]
) -> None:
    wishes = Wishes(
        focus="addiction",
        programs=(cast.group.program,),
        languages=(language("en", "English"),),
        availability=("tue_evening", "thu_evening", "wed_morning"),
    )
    first, second = mentor_candidates(seeker=cast.alex, wishes=wishes)
    assert (first.name, second.name) == ("Morgan S.", "Sam R.")
    assert first.reasons == [
        "Speaks English",
        "Same focus: Addiction",
        "Knows Alcoholics Anonymous",
        "Shares your Tuesday evenings, Thursday evenings",
        "Both in Tuesday Dual Recovery",
        "3 of 3 places free",
    ]
    assert first.score == (
        WEIGHTS["language"]
        + WEIGHTS["focus"]
        + WEIGHTS["program"]
        + 2 * WEIGHTS["availability"]
        + WEIGHTS["group"]
        + WEIGHTS["free_places"]
    )
    assert second.reasons == ["1 of 1 place free"]
    # Display names only: nothing of the accounts behind them.
    assert "sam@example.org" not in str(first.reasons + second.reasons)


@pytest.mark.django_db
def test_what_the_seeker_asks_for_changes_the_order(
    cast: Cast, mentors: dict[str, Member]
) -> None:
    wishes = Wishes(
        focus="mental_health",
        languages=(language("es", "Spanish"),),
        availability=("mon_morning",),
    )
    ranked = mentor_candidates(seeker=cast.alex, wishes=wishes)
    assert [c.name for c in ranked] == ["Sam R.", "Morgan S."]
    assert "Shares your Monday mornings" in ranked[0].reasons


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("gender", "names"), [("woman", ["Sam R."]), ("man", ["Morgan S."]), ("", None)]
)
def test_a_stated_gender_wish_is_honoured(
    cast: Cast, mentors: dict[str, Member], gender: str, names: list[str] | None
) -> None:
    ranked = mentor_candidates(seeker=cast.alex, wishes=Wishes(gender=gender))
    found = sorted(c.name for c in ranked)
    assert found == (names if names is not None else ["Morgan S.", "Sam R."])


@pytest.mark.django_db
def test_a_nonbinary_wish_shows_only_mentors_who_said_so(
    cast: Cast, mentors: dict[str, Member]
) -> None:
    assert mentor_candidates(seeker=cast.alex, wishes=Wishes(gender="nonbinary")) == []


@pytest.mark.django_db
def test_only_mentors_who_take_mentees_now_are_candidates(
    cast: Cast, mentors: dict[str, Member]
) -> None:
    def names(seeker: Member) -> list[str]:
        return sorted(c.name for c in mentor_candidates(seeker=seeker, wishes=Wishes()))

    assert names(cast.alex) == ["Morgan S.", "Sam R."]
    # Never oneself.
    assert names(cast.morgan) == ["Sam R."]
    # Not someone with an open mentorship with the seeker.
    open_one = Mentorship.objects.create(mentor=mentors["sam"], mentee=cast.alex)
    assert names(cast.alex) == ["Morgan S."]
    open_one.state = MentorshipState.DECLINED
    open_one.save()
    assert names(cast.alex) == ["Morgan S.", "Sam R."]
    # Not a mentor whose places are all taken (Sam has one).
    Mentorship.objects.create(
        mentor=mentors["sam"], mentee=cast.dr_lee, state=MentorshipState.ACTIVE
    )
    assert names(cast.alex) == ["Morgan S."]
    # Not a paused mentor, nor one whose clock was reset.
    mentor_profile_pause(by=cast.morgan)
    assert names(cast.alex) == []
    MentorProfile.objects.filter(member=cast.morgan).update(active=True)
    assert names(cast.alex) == ["Morgan S."]
    clock = MentorProfile.objects.get(member=cast.morgan).clock
    assert clock is not None
    clock.started_at = timezone.now()
    clock.save()
    assert names(cast.alex) == []


@pytest.mark.django_db
def test_ranking_reads_a_fixed_number_of_queries(
    cast: Cast, mentors: dict[str, Member]
) -> None:
    wishes = Wishes(
        languages=(language("en", "English"),), availability=("tue_evening",)
    )
    with CaptureQueriesContext(connection) as few:
        assert len(mentor_candidates(seeker=cast.alex, wishes=wishes)) == 2
    for n in range(3):
        other_mentor(
            cast.fran, f"extra{n}", f"Extra {n}.", availability=("tue_evening",)
        )
    with CaptureQueriesContext(connection) as many:
        assert len(mentor_candidates(seeker=cast.alex, wishes=wishes)) == 5
    assert len(many) == len(few)
