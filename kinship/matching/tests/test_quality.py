"""Group quality signals: what a group publishes, members' anonymous feedback,
and leaders confirming the details are current."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.utils import timezone

from kinship.attendance.models import Attendance, AttendanceMethod, Occurrence
from kinship.directory.models import Group, Meeting, Visibility
from kinship.directory.tests.factories import GroupFactory, MeetingFactory
from kinship.matching.models import GroupRating
from kinship.matching.selectors import group_quality
from kinship.matching.services import group_rating_save, group_verify
from kinship.members.models import ChangeAction, GroupChange, Level, Member
from kinship.members.tests.personas import (
    Cast,
    membership_create,
    persona_create,
    signed_in,
)

FEEDBACK_URL = "/groups/tuesday-dual-recovery/feedback/"
VERIFY_URL = "/groups/tuesday-dual-recovery/verify/"
GROUP_URL = "/groups/tuesday-dual-recovery/"


def attend(member: Member, meeting: Meeting, times: int) -> None:
    """The member attended ``times`` past occurrences of the meeting."""
    for week in range(1, times + 1):
        start = timezone.now() - dt.timedelta(weeks=week)
        occurrence, _ = Occurrence.objects.get_or_create(
            meeting=meeting,
            starts_at=start.replace(microsecond=0, second=0),
            defaults={
                "ends_at": start + dt.timedelta(hours=1),
                "local_date": start.date(),
            },
        )
        Attendance.objects.create(
            member=member, occurrence=occurrence, method=AttendanceMethod.ROLL_CALL
        )


def ratings_create(group: Group, scores: list[tuple[int, int, int]]) -> None:
    for number, (safety, structure, welcome) in enumerate(scores):
        member = persona_create(f"rater{number}", f"Rater Number{number}")
        GroupRating.objects.create(
            member=member,
            group=group,
            safety=safety,
            structure=structure,
            welcome=welcome,
        )


# Signals on the group page.


def test_group_page_shows_quality_signals(cast: Cast) -> None:
    Group.objects.filter(pk=cast.group.pk).update(
        guidelines="Be kind.",
        confidentiality_statement="",
        inclusivity_statement="All welcome.",
        verified_at=dt.datetime(2026, 3, 14, 12, tzinfo=dt.UTC),
    )
    page = signed_in(cast.eve).get(GROUP_URL).content.decode()
    assert "Quality signals" in page
    assert "Confidentiality statement</dt><dd>Not published" in page
    assert "Group guidelines</dt><dd>Published" in page
    assert "Inclusivity statement</dt><dd>Published" in page
    # fran leads the group and has not completed the facilitator course.
    assert "Facilitator training</dt><dd>Not completed by the group's leaders" in page
    assert "Mar 14, 2026" in page
    assert "Fewer than 5 ratings so far." in page


def test_quality_never_claims_training_and_has_no_verified_date(cast: Cast) -> None:
    quality = group_quality(cast.group)
    assert quality.facilitator_trained is False  # fran has no training recorded
    assert quality.verified_at is None
    page = signed_in(cast.alex).get(GROUP_URL).content.decode()
    assert "Details confirmed by the group</dt><dd>Not yet" in page


def test_feedback_hidden_under_five_ratings(cast: Cast) -> None:
    ratings_create(cast.group, [(5, 5, 5)] * 4)
    quality = group_quality(cast.group)
    assert quality.feedback is None
    page = signed_in(cast.eve).get(GROUP_URL).content.decode()
    assert "Fewer than 5 ratings so far." in page
    assert "Felt safe" not in page
    assert "anonymous ratings, out of 5" not in page


def test_feedback_shown_with_averages_at_five_ratings(cast: Cast) -> None:
    ratings_create(cast.group, [(5, 4, 3), (4, 4, 3), (3, 4, 5), (5, 2, 4), (4, 5, 5)])
    quality = group_quality(cast.group)
    assert quality.feedback is not None
    assert quality.feedback.count == 5
    assert quality.feedback.safety == 4.2
    assert quality.feedback.structure == 3.8
    assert quality.feedback.welcome == 4.0
    page = signed_in(cast.eve).get(GROUP_URL).content.decode()
    assert "From 5 members' anonymous ratings, out of 5" in page
    assert "Felt safe: 4.2" in page
    assert "Well run: 3.8" in page
    assert "Felt welcome: 4.0" in page
    assert "Fewer than 5" not in page
    # Nobody's name shows with the averages.
    assert "Rater Number" not in page


def test_group_quality_is_two_queries(
    cast: Cast, django_assert_num_queries: Any
) -> None:
    """The ratings' aggregate and the leaders' training, however many leaders."""
    ratings_create(cast.group, [(3, 3, 3)] * 5)
    membership_create(persona_create("coleader", "Cole L."), cast.group, Level.LEADER)
    with django_assert_num_queries(2):
        group_quality(cast.group)


# Members' ratings.


def test_cannot_rate_before_attending_twice(cast: Cast) -> None:
    attend(cast.alex, cast.meeting, 1)
    with pytest.raises(ValidationError, match="at least twice"):
        group_rating_save(
            by=cast.alex,
            group_slug=cast.group.slug,
            safety=5,
            structure=5,
            welcome=5,
        )
    response = signed_in(cast.alex).post(
        FEEDBACK_URL, {"safety": 5, "structure": 5, "welcome": 5}
    )
    assert response.status_code == 200
    assert "at least twice" in response.content.decode()
    assert not GroupRating.objects.exists()


def test_attending_another_groups_meetings_does_not_count(cast: Cast) -> None:
    attend(cast.alex, MeetingFactory.create(), 3)
    attend(cast.alex, cast.meeting, 1)
    with pytest.raises(ValidationError):
        group_rating_save(
            by=cast.alex,
            group_slug=cast.group.slug,
            safety=5,
            structure=5,
            welcome=5,
        )
    assert not GroupRating.objects.exists()


def test_rating_twice_updates_the_one_rating(cast: Cast) -> None:
    attend(cast.alex, cast.meeting, 2)
    client = signed_in(cast.alex)
    assert "Rate this group" in client.get(GROUP_URL).content.decode()
    response = client.post(FEEDBACK_URL, {"safety": 2, "structure": 3, "welcome": 4})
    assert response.status_code == 302
    assert response["Location"] == GROUP_URL
    response = client.post(FEEDBACK_URL, {"safety": 5, "structure": 4, "welcome": 1})
    assert response.status_code == 302
    rating = GroupRating.objects.get()
    assert (rating.member, rating.group) == (cast.alex, cast.group)
    assert (rating.safety, rating.structure, rating.welcome) == (5, 4, 1)
    page = client.get(FEEDBACK_URL).content.decode()
    assert "Your current answers" in page
    assert "I felt safe</dt><dd>5 / 5" in page
    assert "I felt welcome</dt><dd>1 / 5" in page


def test_bad_scores_change_nothing(cast: Cast) -> None:
    attend(cast.alex, cast.meeting, 2)
    response = signed_in(cast.alex).post(
        FEEDBACK_URL, {"safety": 9, "structure": 3, "welcome": ""}
    )
    assert response.status_code == 200
    assert "Please choose a score from 1 to 5." in response.content.decode()
    assert not GroupRating.objects.exists()
    with pytest.raises(ValidationError):
        group_rating_save(
            by=cast.alex,
            group_slug=cast.group.slug,
            safety=0,
            structure=3,
            welcome=3,
        )


def test_rate_link_only_for_members_who_may_rate(cast: Cast) -> None:
    attend(cast.alex, cast.meeting, 1)
    assert "Rate this group" not in signed_in(cast.alex).get(GROUP_URL).content.decode()
    assert "Rate this group" not in signed_in(cast.eve).get(GROUP_URL).content.decode()


def test_rating_page_is_anonymous_and_never_shows_who_rated(cast: Cast) -> None:
    ratings_create(cast.group, [(4, 4, 4)] * 5)
    attend(cast.morgan, cast.meeting, 2)
    GroupRating.objects.create(
        member=cast.morgan, group=cast.group, safety=1, structure=1, welcome=1
    )
    page = signed_in(cast.alex).get(FEEDBACK_URL).content.decode()
    assert "anonymous" in page
    assert "at least 5 members have rated" in page
    for name in ("Rater Number", "Morgan S.", "morgan@example.org"):
        assert name not in page
    # alex has not rated: no other member's answers are shown as "yours".
    assert "Your current answers" not in page


def test_visitor_is_sent_to_sign_in(client: Client, cast: Cast) -> None:
    response = client.get(FEEDBACK_URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_eve_gets_404_on_a_private_groups_feedback_and_verify(cast: Cast) -> None:
    private = GroupFactory.create(slug="hidden", visibility=Visibility.PRIVATE)
    membership_create(cast.fran, private, Level.LEADER)
    client = signed_in(cast.eve)
    assert client.get("/groups/hidden/feedback/").status_code == 404
    response = client.post(
        "/groups/hidden/feedback/", {"safety": 5, "structure": 5, "welcome": 5}
    )
    assert response.status_code == 404
    assert client.post("/groups/hidden/verify/").status_code == 404
    with pytest.raises(Http404):
        group_rating_save(
            by=cast.eve, group_slug="hidden", safety=5, structure=5, welcome=5
        )
    private.refresh_from_db()
    assert private.verified_at is None
    assert not GroupRating.objects.exists()
    assert not GroupChange.objects.exists()


# Leaders confirming the details are current.


def test_leader_confirms_details_are_current(cast: Cast) -> None:
    client = signed_in(cast.fran)
    assert "These details are current" in client.get(GROUP_URL).content.decode()
    before = timezone.now()
    response = client.post(VERIFY_URL)
    assert response.status_code == 302
    assert response["Location"] == GROUP_URL
    cast.group.refresh_from_db()
    assert cast.group.verified_at is not None
    assert cast.group.verified_at >= before
    change = GroupChange.objects.get(group=cast.group)
    assert change.by == cast.fran
    assert change.action == ChangeAction.GROUP_UPDATED
    assert change.changes["verified_at"][0] is None
    assert change.changes["verified_at"][1] == cast.group.verified_at.isoformat()


def test_verify_is_post_only(cast: Cast) -> None:
    assert signed_in(cast.fran).get(VERIFY_URL).status_code == 405


def test_non_leader_cannot_verify(cast: Cast) -> None:
    client = signed_in(cast.alex)
    assert "These details are current" not in client.get(GROUP_URL).content.decode()
    assert client.post(VERIFY_URL).status_code == 404
    assert signed_in(cast.eve).post(VERIFY_URL).status_code == 404
    with pytest.raises(Http404):
        group_verify(by=cast.alex, group=cast.group)
    cast.group.refresh_from_db()
    assert cast.group.verified_at is None
    assert not GroupChange.objects.exists()
