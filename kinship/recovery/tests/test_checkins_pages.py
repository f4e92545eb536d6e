"""The check-in pages: today's form, my history, a group's and a mentor's view of
shared summaries (never the note), and eve refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kinship.members.models import Level, Member
from kinship.members.selectors import member_today
from kinship.members.tests.personas import Cast, membership_create, signed_in
from kinship.mentorship.models import Mentorship, MentorshipState
from kinship.recovery.models import CheckIn, Sharing

from .test_checkins import SECRET_NOTE, record

pytestmark = pytest.mark.django_db

FORM = "/me/checkin/"
HISTORY = "/me/checkins/"


def group_url(slug: str) -> str:
    return f"/groups/{slug}/checkins/"


def mentee_url(member: Member) -> str:
    return f"/mentees/{member.pk}/checkins/"


def posted(member: Member, **changes: Any) -> dict[str, Any]:
    return {
        "today": member_today(member).isoformat(),
        "mood": "4",
        "craving": "3",
        "stress": "5",
        "sleep_hours": "6.5",
        "used_today": "no",
        "triggers": ["stress", "boredom"],
        "coping": ["meeting"],
        "gratitude": "Coffee with Sam",
        "note": SECRET_NOTE,
        "sharing": "groups",
        **changes,
    }


def test_a_visitor_is_sent_to_sign_in(cast: Cast) -> None:
    for url in (FORM, HISTORY, group_url(cast.group.slug), mentee_url(cast.alex)):
        response = Client().get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_the_form_is_labelled_and_private_by_default(alex: Member) -> None:
    response = signed_in(alex).get(FORM)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<legend>How is your mood today?</legend>" in html
    # Issue 19: craving is a scale of radio buttons, labelled by its legend.
    assert "<legend>Craving</legend>" in html
    assert 'name="sharing" value="private"' in html
    assert "never my private note" in html
    sharing = response.context["form"]["sharing"]
    assert sharing.value() == Sharing.PRIVATE


def test_check_in_then_change_it_the_same_day(alex: Member) -> None:
    client = signed_in(alex)
    response = client.post(FORM, posted(alex))
    assert response.status_code == 302
    assert response["Location"] == HISTORY
    checkin = CheckIn.objects.get(member=alex)
    assert (checkin.mood, checkin.triggers, checkin.sharing) == (
        4,
        ["stress", "boredom"],
        "groups",
    )
    history = client.get(HISTORY)
    assert "Your check-in is saved." in history.content.decode()
    assert SECRET_NOTE in history.content.decode()  # her own page shows her note

    form = client.get(FORM)
    assert form.context["form"]["mood"].value() == 4
    assert SECRET_NOTE in form.content.decode()
    response = client.post(FORM, posted(alex, mood="2", triggers=[]), follow=True)
    assert "Your check-in is updated." in response.content.decode()
    checkin.refresh_from_db()
    assert (checkin.mood, checkin.triggers) == (2, [])
    assert CheckIn.objects.filter(member=alex).count() == 1


def test_bad_answers_show_field_errors_and_change_nothing(alex: Member) -> None:
    response = signed_in(alex).post(
        FORM, posted(alex, mood="9", craving="12", triggers=["weather"])
    )
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert set(errors) == {"mood", "craving", "triggers"}
    assert "Your check-in is not saved yet" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_a_form_from_yesterday_is_refused(alex: Member) -> None:
    yesterday = member_today(alex) - dt.timedelta(days=1)
    response = signed_in(alex).post(FORM, posted(alex, today=yesterday.isoformat()))
    assert response.status_code == 400
    html = response.content.decode()
    assert "can only be saved for today" in html
    # The form now carries today's date: saving again works.
    assert f'value="{member_today(alex).isoformat()}"' in html
    assert not CheckIn.objects.exists()


def test_my_history_is_paginated_and_mine(
    alex: Member, eve: Member, django_assert_max_num_queries: Any
) -> None:
    now = timezone.now()
    for days_ago in range(35):
        CheckIn.objects.create(
            member=alex,
            local_date=now.date() - dt.timedelta(days=days_ago),
            mood=3,
            craving=1,
            stress=1,
            note=f"note {days_ago}",
        )
    client = signed_in(alex)
    with django_assert_max_num_queries(8):
        first = client.get(HISTORY)
    assert first.status_code == 200
    assert len(first.context["rows"]) == 30
    second = client.get(HISTORY + "?page=2")
    assert len(second.context["rows"]) == 5
    assert "note 34" in second.content.decode()
    # eve's history is her own, empty one.
    response = signed_in(eve).get(HISTORY)
    assert response.status_code == 200
    assert "note 0" not in response.content.decode()


def test_group_page_shows_shared_summaries_never_the_note(
    cast: Cast, django_assert_max_num_queries: Any
) -> None:
    record(cast.alex, sharing=Sharing.GROUPS, warning_signs=["secrecy"])
    record(cast.morgan, sharing=Sharing.MENTOR, gratitude="Only for my mentor")
    for name in ("a", "b", "c"):
        other = Member.objects.create(
            user=cast.eve.user.__class__.objects.create_user(username=name),
            display_name=f"Member {name}",
        )
        membership_create(other, cast.group, Level.PARTICIPANT)
        record(other, sharing=Sharing.GROUPS)
    client = signed_in(cast.fran)
    with django_assert_max_num_queries(7):
        response = client.get(group_url(cast.group.slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alex K." in html
    assert "My sister&#x27;s call" in html
    assert "Loneliness" in html
    assert SECRET_NOTE not in html
    assert "Keeping secrets" not in html  # warning signs are not shared
    assert "Only for my mentor" not in html
    assert len(response.context["summaries"]) == 4


def test_eve_is_refused_the_group_and_mentee_pages(cast: Cast) -> None:
    record(cast.alex, sharing=Sharing.GROUPS)
    Mentorship.objects.create(
        mentor=cast.morgan,
        mentee=cast.alex,
        state=MentorshipState.ACTIVE,
        started_at=timezone.now(),
    )
    eve = signed_in(cast.eve)
    for url in (
        group_url(cast.group.slug),
        group_url("no-such-group"),
        mentee_url(cast.alex),
        "/mentees/99999999999999999999999/checkins/",
    ):
        response = eve.get(url)
        assert response.status_code == 404
        assert SECRET_NOTE not in response.content.decode()
        assert "Alex K." not in response.content.decode()


def test_mentor_page_shows_shared_summaries_never_the_note(
    cast: Cast, django_assert_max_num_queries: Any
) -> None:
    record(cast.alex, sharing=Sharing.MENTOR)
    Mentorship.objects.create(
        mentor=cast.morgan,
        mentee=cast.alex,
        state=MentorshipState.ACTIVE,
        started_at=timezone.now(),
    )
    client = signed_in(cast.morgan)
    with django_assert_max_num_queries(6):
        response = client.get(mentee_url(cast.alex))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alex K.'s check-ins" in html
    assert "Called someone" in html
    assert SECRET_NOTE not in html
    # fran leads alex's group but is not her mentor.
    assert signed_in(cast.fran).get(mentee_url(cast.alex)).status_code == 404


def test_a_private_checkin_reaches_nobody(cast: Cast) -> None:
    record(cast.alex, sharing=Sharing.PRIVATE, gratitude="Quiet morning")
    Mentorship.objects.create(
        mentor=cast.morgan,
        mentee=cast.alex,
        state=MentorshipState.ACTIVE,
        started_at=timezone.now(),
    )
    mentor = signed_in(cast.morgan).get(mentee_url(cast.alex))
    group = signed_in(cast.morgan).get(group_url(cast.group.slug))
    for response in (mentor, group):
        assert response.status_code == 200
        assert "Quiet morning" not in response.content.decode()
        assert SECRET_NOTE not in response.content.decode()
