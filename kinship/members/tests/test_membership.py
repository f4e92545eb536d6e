"""Membership: joining, levels and their dates, private groups, the roster, leaving."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.http import Http404
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinship.directory.models import Visibility
from kinship.directory.tests.factories import GroupFactory
from kinship.members.models import GroupChange, Level, Member, Membership
from kinship.members.services import (
    MembershipError,
    invitation_create,
    membership_join,
    membership_leave,
    membership_make_leader,
    membership_step_up,
)
from kinship.members.tests.personas import Cast, signed_in


@pytest.mark.django_db
def test_join_as_observer_then_step_up_keeps_the_dates(cast: Cast) -> None:
    group = GroupFactory.create()
    membership = membership_join(by=cast.eve, group=group)
    assert membership.level == Level.OBSERVER
    assert membership.participant_since is None
    stepped = membership_step_up(by=cast.eve, group=group)
    assert stepped.level == Level.PARTICIPANT
    assert stepped.participant_since is not None
    assert stepped.joined_at <= stepped.participant_since


@pytest.mark.django_db
def test_joining_twice_is_refused_and_changes_nothing(cast: Cast) -> None:
    with pytest.raises(MembershipError, match="already a member"):
        membership_join(by=cast.alex, group=cast.group)
    assert Membership.objects.filter(member=cast.alex).count() == 1


@pytest.mark.django_db
def test_a_private_group_needs_an_invitation(cast: Cast) -> None:
    private = GroupFactory.create(visibility=Visibility.PRIVATE)
    Membership.objects.create(
        member=cast.fran,
        group=private,
        level=Level.LEADER,
        participant_since=cast.group.created_at,
        leader_since=cast.group.created_at,
    )
    with pytest.raises(Http404):
        membership_join(by=cast.eve, group=private)
    with pytest.raises(Http404):
        membership_join(by=cast.eve, group=private, invitation="guessed")
    assert not Membership.objects.filter(member=cast.eve).exists()
    token = invitation_create(by=cast.fran, group=private)
    assert membership_join(by=cast.eve, group=private, invitation=token).level == (
        Level.OBSERVER
    )


@pytest.mark.django_db
def test_only_a_leader_can_invite(cast: Cast) -> None:
    with pytest.raises(Http404):
        invitation_create(by=cast.alex, group=cast.group)


@pytest.mark.django_db
def test_a_leader_makes_a_participant_a_leader(cast: Cast) -> None:
    alex_membership = Membership.objects.get(member=cast.alex, group=cast.group)
    promoted = membership_make_leader(by=cast.fran, membership_id=alex_membership.pk)
    assert promoted.level == Level.LEADER
    assert promoted.leader_since is not None
    change = GroupChange.objects.get(group=cast.group)
    assert change.by == cast.fran
    assert change.action == "leader_added"


@pytest.mark.django_db
def test_observers_and_outsiders_cannot_be_made_leaders(cast: Cast) -> None:
    eve_membership = membership_join(by=cast.eve, group=cast.group)
    with pytest.raises(MembershipError, match="Only a participant"):
        membership_make_leader(by=cast.fran, membership_id=eve_membership.pk)
    morgan_membership = Membership.objects.get(member=cast.morgan)
    with pytest.raises(Http404):
        membership_make_leader(by=cast.alex, membership_id=morgan_membership.pk)
    morgan_membership.refresh_from_db()
    assert morgan_membership.level == Level.PARTICIPANT


@pytest.mark.django_db
def test_the_only_leader_cannot_leave(cast: Cast) -> None:
    with pytest.raises(MembershipError, match="only leader"):
        membership_leave(by=cast.fran, group=cast.group)
    membership_leave(by=cast.alex, group=cast.group)
    assert not Membership.objects.filter(member=cast.alex).exists()


@pytest.mark.django_db
def test_group_page_shows_counts_only(cast: Cast) -> None:
    response = Client().get(reverse("directory:group-detail", args=[cast.group.slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "3 members" in body
    for member in (cast.alex, cast.fran, cast.morgan):
        assert member.display_name not in body


@pytest.mark.django_db
def test_join_through_the_page(cast: Cast) -> None:
    client = signed_in(cast.eve)
    response = client.post(reverse("membership:join", args=[cast.group.slug]))
    assert response.status_code == 302
    assert Membership.objects.get(member=cast.eve).level == Level.OBSERVER
    page = client.get(reverse("directory:group-detail", args=[cast.group.slug]))
    assert "Step up" in page.content.decode()


@pytest.mark.django_db
def test_anonymous_join_goes_to_sign_in(cast: Cast) -> None:
    response = Client().post(reverse("membership:join", args=[cast.group.slug]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_roster_is_for_leaders_only(cast: Cast) -> None:
    url = reverse("membership:roster", args=[cast.group.slug])
    assert signed_in(cast.eve).get(url).status_code == 404
    assert signed_in(cast.alex).get(url).status_code == 404
    response = signed_in(cast.fran).get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Alex K." in body
    assert "Morgan S." in body


@pytest.mark.django_db
def test_roster_query_count_does_not_grow_with_members(cast: Cast) -> None:
    client = signed_in(cast.fran)
    url = reverse("membership:roster", args=[cast.group.slug])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(10):
        extra = Member.objects.create(user=_user(f"extra{n}"), display_name=f"X{n}")
        Membership.objects.create(member=extra, group=cast.group)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def _user(name: str) -> Any:
    return get_user_model().objects.create_user(username=name, password=None)


@pytest.mark.django_db
def test_private_group_is_404_to_eve_and_visible_to_its_members(cast: Cast) -> None:
    cast.group.visibility = Visibility.PRIVATE
    cast.group.save()
    url = reverse("directory:group-detail", args=[cast.group.slug])
    assert Client().get(url).status_code == 404
    assert signed_in(cast.eve).get(url).status_code == 404
    assert signed_in(cast.alex).get(url).status_code == 200
    meeting_url = reverse("directory:meeting-detail", args=[cast.meeting.slug])
    assert signed_in(cast.eve).get(meeting_url).status_code == 404
    assert signed_in(cast.alex).get(meeting_url).status_code == 200
    join = reverse("membership:join", args=[cast.group.slug])
    assert signed_in(cast.eve).post(join).status_code == 404
    assert not Membership.objects.filter(member=cast.eve).exists()


@pytest.mark.django_db
def test_invitation_link_lets_eve_join_a_private_group(cast: Cast) -> None:
    cast.group.visibility = Visibility.PRIVATE
    cast.group.save()
    page = signed_in(cast.fran).post(
        reverse("membership:invitation-new", args=[cast.group.slug])
    )
    assert page.status_code == 200
    link = page.context["link"]
    path = link.split("testserver", 1)[1]
    eve = signed_in(cast.eve)
    bad = eve.get(path[:-3] + "xyz/")
    assert bad.status_code == 404
    assert eve.get(path).status_code == 200
    assert eve.post(path).status_code == 302
    assert Membership.objects.get(member=cast.eve).level == Level.OBSERVER
