"""Sobriety clocks, milestones, sharing and encouragement: services and pages.

eve (the outsider) is refused alex's clocks and the private group's feed; hidden
clocks never notify and are never shared; leaders remove with a recorded reason.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.http import Http404
from django.test import Client
from django.utils import timezone

from kinship.directory.models import Visibility
from kinship.directory.tests.factories import GroupFactory
from kinship.members.models import Level, Member
from kinship.members.tests.personas import Cast, membership_create, signed_in
from kinship.notifications.models import Notification, NotificationKind
from kinship.recovery.milestones import milestones_refresh, milestones_refresh_all
from kinship.recovery.models import (
    ClockReset,
    Encouragement,
    Milestone,
    MilestoneShare,
    SobrietyClock,
)
from kinship.recovery.selectors.clocks import clocks_for_member, milestone_feed
from kinship.recovery.services.clocks import (
    clock_create,
    clock_delete,
    clock_reset,
    clock_update,
    encouragement_remove,
    encouragement_send,
    milestone_share,
    share_remove,
)

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 6, 15, 16, 0, tzinfo=dt.UTC)
CLOCKS = "/me/clocks/"


@pytest.fixture(autouse=True)
def travel() -> Any:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def clock_of(member: Member, days: int = 40, **extra: Any) -> SobrietyClock:
    return clock_create(
        by=member,
        label=extra.pop("label", "alcohol"),
        started_at=timezone.now() - dt.timedelta(days=days),
        **extra,
    )


def shared(cast: Cast, key: str = "30d") -> MilestoneShare:
    clock = clock_of(cast.alex)
    milestones_refresh(cast.alex)
    milestone = Milestone.objects.get(clock=clock, key=key)
    return milestone_share(
        by=cast.alex, milestone_id=milestone.pk, group_ids=[cast.group.pk]
    )[0]


def kinds(member: Member, kind: str) -> int:
    return Notification.objects.filter(member=member, kind=kind).count()


# -- clocks ------------------------------------------------------------------------


def test_a_back_dated_clock_counts_local_days(cast: Cast) -> None:
    cast.alex.timezone = "America/New_York"
    cast.alex.save()
    clock = clock_create(
        by=cast.alex, label="alcohol", start_date=dt.date(2026, 5, 1), start_time=None
    )
    # Midnight in New York is 04:00 UTC in May.
    assert clock.started_at == dt.datetime(2026, 5, 1, 4, 0, tzinfo=dt.UTC)
    (summary,) = clocks_for_member(cast.alex)
    assert summary.days == 45  # 15 June (local) - 1 May
    assert summary.next_label == "60 days"


def test_a_clock_cannot_start_in_the_future_nor_without_a_label(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        clock_create(
            by=cast.alex,
            label="alcohol",
            started_at=timezone.now() + dt.timedelta(minutes=1),
        )
    with pytest.raises(ValidationError):
        clock_create(by=cast.alex, label="   ", started_at=timezone.now())
    assert not SobrietyClock.objects.exists()


def test_resets_keep_history_longest_and_total(cast: Cast) -> None:
    cast.alex.timezone = "UTC"
    cast.alex.save()
    clock = clock_create(by=cast.alex, label="gambling", start_date=dt.date(2026, 1, 1))
    clock_reset(
        by=cast.alex,
        clock_id=clock.pk,
        at=dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC),
        note="Hard week.",
    )
    clock_reset(
        by=cast.alex, clock_id=clock.pk, at=dt.datetime(2026, 3, 12, tzinfo=dt.UTC)
    )
    resets = list(ClockReset.objects.filter(clock=clock))
    assert [r.days for r in resets] == [60, 10]
    assert resets[0].note == "Hard week."
    (summary,) = clocks_for_member(cast.alex)
    assert summary.days == 95  # 12 March to 15 June
    assert summary.longest == 95
    assert summary.total == 60 + 10 + 95
    with pytest.raises(ValidationError):
        clock_reset(
            by=cast.alex, clock_id=clock.pk, at=dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
        )
    with pytest.raises(ValidationError):
        clock_reset(
            by=cast.alex, clock_id=clock.pk, at=timezone.now() + dt.timedelta(hours=1)
        )
    assert ClockReset.objects.count() == 2


def test_a_back_dated_reset_deletes_milestones_never_reached(cast: Cast) -> None:
    clock = clock_of(cast.alex, days=40)
    milestones_refresh(cast.alex)
    assert set(Milestone.objects.values_list("key", flat=True)) == {"24h", "30d"}
    clock_reset(
        by=cast.alex, clock_id=clock.pk, at=timezone.now() - dt.timedelta(days=20)
    )
    assert set(Milestone.objects.values_list("key", flat=True)) == {"24h"}


def test_nobody_else_touches_a_clock(cast: Cast) -> None:
    clock = clock_of(cast.alex)
    for action in (
        lambda: clock_reset(by=cast.eve, clock_id=clock.pk),
        lambda: clock_update(by=cast.eve, clock_id=clock.pk, label="x"),
        lambda: clock_delete(by=cast.eve, clock_id=clock.pk),
    ):
        with pytest.raises(Http404):
            action()
    clock.refresh_from_db()
    assert clock.label == "alcohol"
    clock_delete(by=cast.alex, clock_id=clock.pk)
    assert not SobrietyClock.objects.exists()


# -- milestones: recorded and told once ----------------------------------------------


def test_a_clock_reaching_30_days_is_recorded_and_told_exactly_once(
    cast: Cast, travel: Any
) -> None:
    clock = clock_of(cast.alex, days=29)
    hidden = clock_of(cast.morgan, days=29, hidden=True)
    assert milestones_refresh_all() == 2  # 24 hours, for each
    assert kinds(cast.alex, NotificationKind.MILESTONE_REACHED) == 1
    travel.move_to(NOW + dt.timedelta(days=1, minutes=1))
    assert milestones_refresh_all() == 2  # 30 days, for each
    assert milestones_refresh_all() == 0
    call_command("recovery_daily", stdout=_Null())
    reached = Milestone.objects.get(clock=clock, key="30d")
    assert reached.reached_at == NOW + dt.timedelta(days=1)
    assert reached.told_at is not None
    notes = Notification.objects.filter(
        member=cast.alex, kind=NotificationKind.MILESTONE_REACHED
    )
    assert notes.count() == 2
    assert "30 days" in notes.first().title  # type: ignore[union-attr]
    assert "alcohol" not in notes.first().body  # type: ignore[union-attr]
    # The hidden clock's milestones are recorded, never announced.
    assert Milestone.objects.filter(clock=hidden).count() == 2
    assert kinds(cast.morgan, NotificationKind.MILESTONE_REACHED) == 0


def test_a_clock_back_dated_two_years_is_told_once_about_the_highest(
    cast: Cast,
) -> None:
    clock_of(cast.alex, days=800)
    assert milestones_refresh(cast.alex) == 9
    (note,) = Notification.objects.filter(member=cast.alex)
    assert "2 years" in note.title


def test_showing_a_hidden_clock_does_not_announce_its_past(cast: Cast) -> None:
    clock = clock_of(cast.alex, days=40, hidden=True)
    milestones_refresh(cast.alex)
    clock_update(by=cast.alex, clock_id=clock.pk, hidden=False)
    milestones_refresh(cast.alex)
    assert kinds(cast.alex, NotificationKind.MILESTONE_REACHED) == 0


def test_opening_the_clocks_page_records_milestones(cast: Cast) -> None:
    clock_of(cast.alex, days=31)
    response = signed_in(cast.alex).get(CLOCKS)
    assert response.status_code == 200
    assert Milestone.objects.filter(member=cast.alex).count() == 2
    assert kinds(cast.alex, NotificationKind.MILESTONE_REACHED) == 1


# -- sharing -------------------------------------------------------------------------


def test_a_hidden_clock_cannot_be_shared(cast: Cast) -> None:
    clock = clock_of(cast.alex, hidden=True)
    milestones_refresh(cast.alex)
    milestone = Milestone.objects.filter(clock=clock).first()
    assert milestone is not None
    with pytest.raises(ValidationError):
        milestone_share(
            by=cast.alex, milestone_id=milestone.pk, group_ids=[cast.group.pk]
        )
    assert not MilestoneShare.objects.exists()


def test_hiding_a_clock_withdraws_its_shares(cast: Cast) -> None:
    share = shared(cast)
    clock_update(by=cast.alex, clock_id=share.milestone.clock_id, hidden=True)
    share.refresh_from_db()
    assert share.removed_at is not None
    assert milestone_feed(member=cast.fran, group_slug=cast.group.slug).items == []


def test_share_only_to_own_groups(cast: Cast) -> None:
    other = GroupFactory.create(name="Elsewhere", slug="elsewhere")
    clock = clock_of(cast.alex)
    milestones_refresh(cast.alex)
    milestone = Milestone.objects.filter(clock=clock).first()
    assert milestone is not None
    with pytest.raises(ValidationError):
        milestone_share(
            by=cast.alex, milestone_id=milestone.pk, group_ids=[cast.group.pk, other.pk]
        )
    with pytest.raises(Http404):
        milestone_share(by=cast.eve, milestone_id=milestone.pk, group_ids=[other.pk])
    assert not MilestoneShare.objects.exists()
    milestone_share(by=cast.alex, milestone_id=milestone.pk, group_ids=[cast.group.pk])
    milestone_share(by=cast.alex, milestone_id=milestone.pk, group_ids=[cast.group.pk])
    assert MilestoneShare.objects.count() == 1


def test_the_feed_shows_the_milestone_not_what_is_tracked(cast: Cast) -> None:
    share = shared(cast)
    response = signed_in(cast.morgan).get(f"/groups/{cast.group.slug}/milestones/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Alex K." in body
    assert "30 days" in body
    assert "alcohol" not in body
    assert share.pk == response.context["feed"].items[0].pk


# -- encouragement ------------------------------------------------------------------


def test_encouragement_by_a_group_member_notifies_the_owner(cast: Cast) -> None:
    share = shared(cast)
    encouragement_send(
        by=cast.morgan, share_id=share.pk, preset="proud", message="Big day!"
    )
    note = Notification.objects.get(
        member=cast.alex, kind=NotificationKind.ENCOURAGEMENT
    )
    assert "Morgan S." in note.title
    assert "So proud of you!" in note.body
    assert "Big day!" in note.body
    assert note.url == f"/groups/{cast.group.slug}/milestones/"


def test_encouragement_is_refused_to_outsiders_own_and_empty(cast: Cast) -> None:
    share = shared(cast)
    with pytest.raises(Http404):
        encouragement_send(by=cast.eve, share_id=share.pk, preset="proud")
    with pytest.raises(ValidationError):
        encouragement_send(by=cast.alex, share_id=share.pk, preset="proud")
    with pytest.raises(ValidationError):
        encouragement_send(by=cast.morgan, share_id=share.pk)
    with pytest.raises(ValidationError):
        encouragement_send(by=cast.morgan, share_id=share.pk, message="x" * 281)
    assert not Encouragement.objects.exists()
    assert kinds(cast.alex, NotificationKind.ENCOURAGEMENT) == 0


def test_encouragement_through_the_page_with_htmx(cast: Cast) -> None:
    share = shared(cast)
    url = f"/groups/{cast.group.slug}/milestones/{share.pk}/encourage/"
    response = signed_in(cast.morgan).post(
        url, {"preset": "here", "message": ""}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "I&#x27;m here for you." in response.content.decode()
    assert Encouragement.objects.get().member == cast.morgan
    eve = signed_in(cast.eve).post(url, {"preset": "here"})
    assert eve.status_code == 404
    assert Encouragement.objects.count() == 1


# -- moderation ----------------------------------------------------------------------


def test_leaders_remove_with_a_reason_which_is_recorded(cast: Cast) -> None:
    share = shared(cast)
    words = encouragement_send(by=cast.morgan, share_id=share.pk, message="buy me one")
    with pytest.raises(ValidationError):
        encouragement_remove(by=cast.fran, encouragement_id=words.pk, reason="")
    with pytest.raises(Http404):
        encouragement_remove(by=cast.alex, encouragement_id=words.pk, reason="no")
    encouragement_remove(by=cast.fran, encouragement_id=words.pk, reason="Not kind.")
    words.refresh_from_db()
    assert (words.removed_by, words.removed_reason) == (cast.fran, "Not kind.")
    with pytest.raises(Http404):
        share_remove(by=cast.morgan, share_id=share.pk, reason="spam")
    share_remove(by=cast.fran, share_id=share.pk, reason="Off topic.")
    share.refresh_from_db()
    assert share.removed_at is not None
    assert (share.removed_by, share.removed_reason) == (cast.fran, "Off topic.")
    assert milestone_feed(member=cast.morgan, group_slug=cast.group.slug).items == []
    # What a leader removed stays removed.
    with pytest.raises(ValidationError):
        milestone_share(
            by=cast.alex, milestone_id=share.milestone_id, group_ids=[cast.group.pk]
        )


def test_the_owner_withdraws_and_shares_again(cast: Cast) -> None:
    share = shared(cast)
    response = signed_in(cast.alex).post(
        f"/groups/{cast.group.slug}/milestones/{share.pk}/remove/", {"reason": ""}
    )
    assert response.status_code == 302
    share.refresh_from_db()
    assert share.removed_by == cast.alex
    milestone_share(
        by=cast.alex, milestone_id=share.milestone_id, group_ids=[cast.group.pk]
    )
    share.refresh_from_db()
    assert share.removed_at is None


# -- pages: eve, and the number of queries ----------------------------------------


def test_eve_gets_404_on_alexs_clock_and_a_private_feed(cast: Cast) -> None:
    private = GroupFactory.create(
        name="Quiet Room", slug="quiet-room", visibility=Visibility.PRIVATE
    )
    membership_create(cast.alex, private, Level.PARTICIPANT)
    clock = clock_of(cast.alex, label="night pills")
    milestones_refresh(cast.alex)
    milestone = Milestone.objects.filter(clock=clock).first()
    assert milestone is not None
    share = milestone_share(
        by=cast.alex, milestone_id=milestone.pk, group_ids=[private.pk]
    )[0]
    eve = signed_in(cast.eve)
    for url in (
        f"/me/clocks/{clock.pk}/",
        f"/me/clocks/{clock.pk}/reset/confirm/",
        f"/me/clocks/{clock.pk}/delete/confirm/",
        f"/groups/{private.slug}/milestones/",
        f"/groups/{cast.group.slug}/milestones/",  # a group eve is not in
    ):
        assert eve.get(url).status_code == 404, url
    for url in (
        f"/me/clocks/{clock.pk}/reset/",
        f"/me/clocks/{clock.pk}/delete/",
        f"/me/clocks/{clock.pk}/edit/",
        f"/me/milestones/{milestone.pk}/share/",
        f"/groups/{private.slug}/milestones/{share.pk}/encourage/",
        f"/groups/{private.slug}/milestones/{share.pk}/remove/",
    ):
        assert eve.post(url, {"preset": "proud", "reason": "x"}).status_code == 404
        assert eve.post(url, {"confirm": "yes"}).status_code == 404
    response = eve.get(CLOCKS)
    assert response.status_code == 200
    assert "night pills" not in response.content.decode()
    assert SobrietyClock.objects.filter(pk=clock.pk).exists()
    assert not ClockReset.objects.exists()
    share.refresh_from_db()
    assert share.removed_at is None


def test_the_clock_pages_for_alex(cast: Cast) -> None:
    alex = signed_in(cast.alex)
    response = alex.post(
        CLOCKS, {"label": "alcohol", "start_date": "2026-04-01", "start_time": ""}
    )
    assert response.status_code == 302
    clock = SobrietyClock.objects.get(member=cast.alex)
    detail = alex.get(f"/me/clocks/{clock.pk}/")
    assert detail.status_code == 200
    assert "75 days" in detail.content.decode()
    refused = alex.post(CLOCKS, {"label": "x", "start_date": "2027-01-01"})
    assert refused.status_code == 400
    assert "future" in refused.content.decode()
    alex.post(
        f"/me/clocks/{clock.pk}/reset/",
        {"note": "Slipped at a wedding.", "confirm": "yes"},
    )
    assert ClockReset.objects.get(clock=clock).note == "Slipped at a wedding."
    assert (
        "Slipped at a wedding." in alex.get(f"/me/clocks/{clock.pk}/").content.decode()
    )
    clock.refresh_from_db()
    # The ended streak keeps its milestones; the new one, seconds old, has none.
    assert Milestone.objects.filter(clock=clock).count() == 3
    assert not clock.milestones.filter(streak_started_at=clock.started_at).exists()
    alex.post(f"/me/clocks/{clock.pk}/edit/", {"label": "drinking", "hidden": "on"})
    clock.refresh_from_db()
    assert (clock.label, clock.hidden) == ("drinking", True)
    alex.post(f"/me/clocks/{clock.pk}/delete/", {"confirm": "yes"})
    assert not SobrietyClock.objects.exists()


def test_reset_and_delete_ask_first_on_pages_that_say_what_happens(
    cast: Cast,
) -> None:
    clock = clock_of(cast.alex, days=40, label="alcohol")
    milestones_refresh(cast.alex)
    milestone_share(
        by=cast.alex,
        milestone_id=Milestone.objects.get(clock=clock, key="30d").pk,
        group_ids=[cast.group.pk],
    )
    alex = signed_in(cast.alex)
    detail_url = f"/me/clocks/{clock.pk}/"
    detail = alex.get(detail_url).content.decode()
    # The detail page only links to the confirm pages: no one-click POST.
    assert f'action="/me/clocks/{clock.pk}/reset/"' not in detail
    assert f'action="/me/clocks/{clock.pk}/delete/"' not in detail
    assert f'href="/me/clocks/{clock.pk}/reset/confirm/"' in detail
    assert f'href="/me/clocks/{clock.pk}/delete/confirm/"' in detail

    reset_page = alex.get(f"/me/clocks/{clock.pk}/reset/confirm/")
    assert reset_page.status_code == 200
    page = reset_page.content.decode()
    assert "Reset alcohol?" in page
    # 16:00 UTC is noon in alex's zone (America/New_York).
    assert "Your current streak of 40 days (since 6 May 2026, 12:00) ends" in page
    assert f'action="/me/clocks/{clock.pk}/reset/"' in page
    assert '<input type="hidden" name="confirm" value="yes">' in page
    assert 'name="note"' in page
    assert f'href="{detail_url}"' in page

    delete_page = alex.get(f"/me/clocks/{clock.pk}/delete/confirm/")
    assert delete_page.status_code == 200
    page = delete_page.content.decode()
    assert "Delete alcohol and its history?" in page
    assert "0 earlier streaks and their notes are deleted." in page
    assert "2 milestones are deleted." in page
    assert "1 milestone shared in a group is taken off" in page
    assert "This cannot be undone." in page
    assert f'action="/me/clocks/{clock.pk}/delete/"' in page
    assert '<input type="hidden" name="confirm" value="yes">' in page
    assert f'href="{detail_url}"' in page

    # A POST without the confirmation changes nothing and asks again.
    refused = alex.post(f"/me/clocks/{clock.pk}/reset/", {"note": "x"})
    assert refused.status_code == 400
    assert "Nothing has been changed yet" in refused.content.decode()
    assert not ClockReset.objects.exists()
    refused = alex.post(f"/me/clocks/{clock.pk}/delete/")
    assert refused.status_code == 400
    assert "This cannot be undone." in refused.content.decode()
    assert SobrietyClock.objects.filter(pk=clock.pk).exists()
    # A refused reset date comes back on the confirm page, next to the form.
    future = alex.post(
        f"/me/clocks/{clock.pk}/reset/",
        {"reset_date": "2026-07-01", "confirm": "yes"},
    )
    assert future.status_code == 400
    assert "A reset cannot be in the future." in future.content.decode()
    assert not ClockReset.objects.exists()

    confirmed = alex.post(
        f"/me/clocks/{clock.pk}/reset/", {"note": "a hard week", "confirm": "yes"}
    )
    assert confirmed.status_code == 302
    assert ClockReset.objects.get(clock=clock).note == "a hard week"
    confirmed = alex.post(f"/me/clocks/{clock.pk}/delete/", {"confirm": "yes"})
    assert confirmed["Location"] == CLOCKS
    assert not SobrietyClock.objects.exists()


def test_sharing_through_the_detail_page(cast: Cast) -> None:
    clock = clock_of(cast.alex)
    alex = signed_in(cast.alex)
    page = alex.get(f"/me/clocks/{clock.pk}/")
    milestone = Milestone.objects.get(clock=clock, key="30d")
    assert "Tuesday Dual Recovery" in page.content.decode()
    alex.post(f"/me/milestones/{milestone.pk}/share/", {"groups": [cast.group.pk]})
    assert MilestoneShare.objects.get().group == cast.group


def test_query_counts_of_the_clocks_page_and_the_feed(
    cast: Cast, django_assert_max_num_queries: Any
) -> None:
    for days in (5, 40, 400, 900):
        clock_of(cast.alex, days=days)
    share = shared(cast)
    for sender in (cast.fran, cast.morgan):
        encouragement_send(by=sender, share_id=share.pk, preset="proud")
    for _ in range(5):
        member_clock = clock_of(cast.morgan, days=31)
        milestones_refresh(cast.morgan)
        milestone = Milestone.objects.get(clock=member_clock, key="30d")
        milestone_share(
            by=cast.morgan, milestone_id=milestone.pk, group_ids=[cast.group.pk]
        )
    alex = signed_in(cast.alex)
    alex.get(CLOCKS)  # milestones recorded once
    # Session, user, member and the layout's unread count, then: clocks and known
    # milestones (the refresh), clocks and resets (the list); whatever the number.
    with django_assert_max_num_queries(11):
        assert alex.get(CLOCKS).status_code == 200
    # The membership, the shares (with members and milestones), their kind words.
    with django_assert_max_num_queries(8):
        response = alex.get(f"/groups/{cast.group.slug}/milestones/")
    assert len(response.context["feed"].items) == 6


def test_the_api_lists_my_clocks_only(cast: Cast) -> None:
    clock_of(cast.alex, days=40, label="night pills")
    response = signed_in(cast.alex).get("/api/v1/me/clocks")
    assert response.status_code == 200
    (clock,) = response.json()
    assert (clock["label"], clock["days"], clock["total_days"]) == (
        "night pills",
        40,
        40,
    )
    assert clock["next_milestone"]["key"] == "60d"
    eve = signed_in(cast.eve).get("/api/v1/me/clocks")
    assert (eve.status_code, eve.json()) == (200, [])
    assert Client().get("/api/v1/me/clocks").status_code == 401


class _Null:
    def write(self, text: str) -> None:
        pass
