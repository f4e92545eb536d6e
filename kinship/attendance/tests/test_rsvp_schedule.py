"""RSVPs and /me/schedule/: services, pages (with and without htmx), privacy."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kinship.attendance.models import ExceptionKind, Occurrence, Rsvp, RsvpAnswer
from kinship.attendance.occurrences import start_stamp
from kinship.attendance.services import meeting_exception_add, rsvp_set
from kinship.directory.models import Visibility
from kinship.directory.tests.factories import GroupFactory, MeetingFactory
from kinship.members.models import Level
from kinship.members.tests.personas import Cast, membership_create, signed_in

from .conftest import LAST_MONDAY, NEXT_MONDAY

pytestmark = pytest.mark.django_db

RSVP_URL = "/meetings/tuesday-evening/rsvp/"
SCHEDULE_URL = "/me/schedule/"


def test_rsvp_set_stores_and_changes_one_answer(cast: Cast) -> None:
    rsvp_set(by=cast.alex, meeting=cast.meeting, starts_at=NEXT_MONDAY, answer="going")
    rsvp_set(by=cast.alex, meeting=cast.meeting, starts_at=NEXT_MONDAY, answer="maybe")
    rsvp = Rsvp.objects.get(member=cast.alex)
    assert rsvp.answer == RsvpAnswer.MAYBE
    assert rsvp.occurrence.starts_at == NEXT_MONDAY
    assert rsvp.occurrence.local_date == dt.date(2026, 7, 13)


@pytest.mark.parametrize(
    ("starts_at", "answer", "message"),
    [
        (LAST_MONDAY, "going", "already started"),
        (NEXT_MONDAY + dt.timedelta(hours=1), "going", "does not meet"),
        (NEXT_MONDAY, "perhaps", "going, maybe or not going"),
    ],
    ids=["past", "not-an-occurrence", "bad-answer"],
)
def test_rsvp_set_refuses_and_changes_nothing(
    cast: Cast, starts_at: dt.datetime, answer: str, message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        rsvp_set(by=cast.alex, meeting=cast.meeting, starts_at=starts_at, answer=answer)
    assert not Rsvp.objects.exists()
    assert not Occurrence.objects.exists()


def test_rsvp_to_a_private_meeting_of_another_group_is_not_found(cast: Cast) -> None:
    private = MeetingFactory.create(
        group=GroupFactory.create(visibility=Visibility.PRIVATE)
    )
    with pytest.raises(Http404):
        rsvp_set(by=cast.eve, meeting=private, starts_at=NEXT_MONDAY, answer="going")


def test_rsvp_page_without_javascript_redirects_back(cast: Cast) -> None:
    response = signed_in(cast.alex).post(
        RSVP_URL,
        {
            "starts_at": start_stamp(NEXT_MONDAY),
            "answer": "going",
            "next": SCHEDULE_URL,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == SCHEDULE_URL
    assert Rsvp.objects.get(member=cast.alex).answer == "going"


def test_rsvp_page_for_htmx_returns_the_buttons_fragment(cast: Cast) -> None:
    response = signed_in(cast.alex).post(
        RSVP_URL,
        {"starts_at": start_stamp(NEXT_MONDAY), "answer": "maybe"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html
    assert 'value="maybe" aria-pressed="true"' in html
    assert 'value="going" aria-pressed="false"' in html


def test_rsvp_page_off_site_next_is_ignored(cast: Cast) -> None:
    response = signed_in(cast.alex).post(
        RSVP_URL,
        {
            "starts_at": start_stamp(NEXT_MONDAY),
            "answer": "going",
            "next": "https://evil.example/",
        },
    )
    assert response["Location"] == "/meetings/tuesday-evening/dates/"


@pytest.mark.parametrize(
    "data",
    [
        {"starts_at": start_stamp(LAST_MONDAY), "answer": "going"},
        {"starts_at": "2026-07-14T19:00:00-04:00", "answer": "going"},
        {"starts_at": "garbage", "answer": "going"},
        {"starts_at": start_stamp(NEXT_MONDAY), "answer": "<script>"},
        {"starts_at": "9" * 500},
        {},
    ],
)
def test_rsvp_page_bad_input_gives_a_message_never_a_500(
    cast: Cast, data: dict[str, str]
) -> None:
    client = signed_in(cast.alex)
    htmx = client.post(RSVP_URL, data, headers={"HX-Request": "true"})
    assert htmx.status_code == 200
    assert 'class="field-error"' in htmx.content.decode()
    plain = client.post(RSVP_URL, data, follow=True)
    assert plain.status_code == 200
    assert not Rsvp.objects.exists()


def test_eve_cannot_rsvp_to_a_private_groups_meeting(cast: Cast) -> None:
    cast.group.visibility = Visibility.PRIVATE
    cast.group.save()
    response = signed_in(cast.eve).post(
        RSVP_URL, {"starts_at": start_stamp(NEXT_MONDAY), "answer": "going"}
    )
    assert response.status_code == 404
    assert not Rsvp.objects.exists()


def test_visitors_are_sent_to_sign_in(cast: Cast) -> None:
    client = Client()
    for response in (
        client.get(SCHEDULE_URL),
        client.post(
            RSVP_URL, {"starts_at": start_stamp(NEXT_MONDAY), "answer": "going"}
        ),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert not Rsvp.objects.exists()


def test_schedule_lists_four_weeks_of_my_groups_meetings_with_my_answers(
    cast: Cast,
) -> None:
    rsvp_set(by=cast.alex, meeting=cast.meeting, starts_at=NEXT_MONDAY, answer="going")
    response = signed_in(cast.alex).get(SCHEDULE_URL)
    assert response.status_code == 200
    items = response.context["items"]
    assert [item.occurrence.starts_at.date() for item in items] == [
        dt.date(2026, 7, 13),
        dt.date(2026, 7, 20),
        dt.date(2026, 7, 27),
        dt.date(2026, 8, 3),
    ]
    assert [item.answer for item in items] == ["going", None, None, None]
    html = response.content.decode()
    assert "Mon, Jul 13, 7:00 PM EDT" in html
    assert "where the meeting is" not in html  # alex is in New York too


def test_schedule_shows_my_zone_and_the_meetings_zone(cast: Cast) -> None:
    cast.alex.timezone = "Europe/London"
    cast.alex.save()
    html = signed_in(cast.alex).get(SCHEDULE_URL).content.decode()
    assert "Tue, Jul 14, 12:00 AM BST" in html
    assert "Mon, Jul 13, 7:00 PM EDT where the meeting is" in html


def test_schedule_adds_other_meetings_i_answered_going_and_drops_cancelled(
    cast: Cast,
) -> None:
    other = MeetingFactory.create(name="Thursday Open Share", weekday=4)
    thursday = dt.datetime(2026, 7, 16, 23, 0, tzinfo=dt.UTC)
    rsvp_set(by=cast.alex, meeting=other, starts_at=thursday, answer="going")
    meeting_exception_add(
        by=cast.fran,
        meeting=cast.meeting,
        local_date=dt.date(2026, 7, 20),
        kind=ExceptionKind.CANCELLED,
    )
    items = signed_in(cast.alex).get(SCHEDULE_URL).context["items"]
    assert [
        (item.meeting.name, item.occurrence.starts_at.date()) for item in items
    ] == [
        ("Tuesday Evening", dt.date(2026, 7, 13)),
        ("Thursday Open Share", dt.date(2026, 7, 16)),
        ("Tuesday Evening", dt.date(2026, 7, 27)),
        ("Tuesday Evening", dt.date(2026, 8, 3)),
    ]


def test_eve_never_sees_alexs_schedule(cast: Cast) -> None:
    rsvp_set(by=cast.alex, meeting=cast.meeting, starts_at=NEXT_MONDAY, answer="going")
    response = signed_in(cast.eve).get(SCHEDULE_URL)
    assert response.status_code == 200
    assert response.context["items"] == []
    assert "Tuesday Evening" not in response.content.decode()


def test_schedule_query_count_does_not_grow_with_meetings(cast: Cast) -> None:
    client = signed_in(cast.alex)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(SCHEDULE_URL).status_code == 200
        return len(captured)

    def more_meetings(count: int) -> None:
        for _ in range(count):
            group = GroupFactory.create()
            membership_create(cast.alex, group, Level.PARTICIPANT)
            meeting = MeetingFactory.create(group=group)
            rsvp_set(
                by=cast.alex, meeting=meeting, starts_at=NEXT_MONDAY, answer="going"
            )
            other = MeetingFactory.create(weekday=3)
            rsvp_set(
                by=cast.alex,
                meeting=other,
                starts_at=dt.datetime(2026, 7, 15, 23, tzinfo=dt.UTC),
                answer="maybe",
            )

    more_meetings(1)
    few = queries()
    more_meetings(6)
    many = queries()
    assert len(signed_in(cast.alex).get(SCHEDULE_URL).context["items"]) > 30
    assert many == few
    assert few <= 10


def test_meeting_dates_page_lists_dates_with_rsvp_for_members_only(cast: Cast) -> None:
    url = "/meetings/tuesday-evening/dates/"
    visitor = Client().get(url)
    assert visitor.status_code == 200
    assert "Mon, Jul 13" in visitor.content.decode()
    assert 'name="answer"' not in visitor.content.decode()
    member = signed_in(cast.alex).get(url)
    assert 'name="answer"' in member.content.decode()
    assert 'name="code"' in member.content.decode()
