"""Leaders edit their group and its meetings; every change is recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from kinship.directory.models import ListedMeeting, Location, Meeting
from kinship.directory.tests.factories import MeetingFactory
from kinship.members.models import GroupChange
from kinship.members.services import group_update, meeting_save
from kinship.members.tests.personas import Cast, signed_in


def meeting_post(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Thursday Step Study",
        "weekday": "4",
        "start_time": "18:30",
        "end_time": "19:30",
        "timezone": "America/New_York",
        "recurrence": "weekly",
        "attendance_mode": "in_person",
        "status": "active",
        "place_name": "St Mark's Hall",
        "address": "1625 Locust St",
        "city": "Philadelphia",
        "region": "PA",
        "postal_code": "19103",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_group_edit_records_who_and_what(cast: Cast) -> None:
    change = group_update(
        by=cast.fran,
        group=cast.group,
        values={"name": "Tuesday Dual Recovery Circle", "guidelines": "Be kind."},
    )
    assert change is not None
    assert change.by == cast.fran
    assert change.changes["name"] == [
        "Tuesday Dual Recovery",
        "Tuesday Dual Recovery Circle",
    ]
    assert change.changes["guidelines"][1] == "Be kind."
    listing = ListedMeeting.objects.get(meeting=cast.meeting)
    assert "tuesday dual recovery circle" in listing.search_text


@pytest.mark.django_db
def test_saving_without_changes_records_nothing(cast: Cast) -> None:
    assert group_update(by=cast.fran, group=cast.group, values={}) is None
    assert not GroupChange.objects.exists()


@pytest.mark.django_db
def test_members_who_do_not_lead_cannot_edit(cast: Cast) -> None:
    for outsider in (cast.alex, cast.eve):
        with pytest.raises(Http404):
            group_update(by=outsider, group=cast.group, values={"name": "Mine now"})
    cast.group.refresh_from_db()
    assert cast.group.name == "Tuesday Dual Recovery"


@pytest.mark.django_db
def test_edit_pages_are_404_to_everyone_but_leaders(cast: Cast) -> None:
    urls = [
        reverse("membership:group-edit", args=[cast.group.slug]),
        reverse("membership:meeting-new", args=[cast.group.slug]),
        reverse("membership:meeting-edit", args=[cast.group.slug, cast.meeting.slug]),
        reverse("membership:group-changes", args=[cast.group.slug]),
    ]
    for url in urls:
        assert signed_in(cast.eve).get(url).status_code == 404
        assert signed_in(cast.alex).get(url).status_code == 404
        assert signed_in(cast.fran).get(url).status_code == 200
        assert Client().get(url).status_code == 302  # to sign-in
    response = signed_in(cast.eve).post(urls[0], {"name": "Taken"})
    assert response.status_code == 404
    cast.group.refresh_from_db()
    assert cast.group.name == "Tuesday Dual Recovery"


@pytest.mark.django_db
def test_a_leader_adds_a_meeting_through_the_page(cast: Cast) -> None:
    url = reverse("membership:meeting-new", args=[cast.group.slug])
    response = signed_in(cast.fran).post(url, meeting_post())
    assert response.status_code == 302, response.content.decode()
    meeting = Meeting.objects.get(name="Thursday Step Study")
    assert meeting.group == cast.group
    assert meeting.start_time == dt.time(18, 30)
    assert meeting.location is not None
    assert meeting.location.postal_code == "19103"
    assert meeting.location.latitude is not None
    assert ListedMeeting.objects.filter(meeting=meeting).exists()
    change = GroupChange.objects.get(meeting=meeting)
    assert change.action == "meeting_added"
    assert change.by == cast.fran


@pytest.mark.django_db
def test_bad_meeting_input_gets_field_errors_and_changes_nothing(cast: Cast) -> None:
    url = reverse("membership:meeting-edit", args=[cast.group.slug, cast.meeting.slug])
    before = Meeting.objects.get(pk=cast.meeting.pk)
    cases = [
        meeting_post(attendance_mode="online", conference_url=""),
        meeting_post(postal_code="00000"),
        meeting_post(weekday="", start_time="18:00"),
        meeting_post(timezone="Mars/Olympus"),
        meeting_post(start_time="25:99"),
        meeting_post(attendance_mode="in_person", address="", place_name=""),
    ]
    for data in cases:
        response = signed_in(cast.fran).post(url, data)
        assert response.status_code == 200
        assert response.context["form"].errors
    after = Meeting.objects.get(pk=cast.meeting.pk)
    assert (after.name, after.start_time, after.location_id) == (
        before.name,
        before.start_time,
        before.location_id,
    )
    assert not GroupChange.objects.exists()


@pytest.mark.django_db
def test_a_place_shared_with_another_group_is_copied_not_moved(cast: Cast) -> None:
    assert cast.meeting.location is not None
    other = MeetingFactory.create(location=cast.meeting.location)
    values = {
        "name": cast.meeting.name,
        "weekday": 2,
        "start_time": dt.time(19, 0),
        "timezone": "America/New_York",
        "attendance_mode": "in_person",
    }
    place = {"name": "New Hall", "formatted_address": "2 Oak St", "postal_code": ""}
    meeting = meeting_save(
        by=cast.fran, group=cast.group, meeting=cast.meeting, values=values, place=place
    )
    assert meeting.location_id != other.location_id
    assert other.location is not None
    other.location.refresh_from_db()
    assert other.location.name != "New Hall"
    assert Location.objects.filter(name="New Hall").count() == 1
    change = GroupChange.objects.get(meeting=meeting)
    assert change.changes["weekday"] == [1, 2]
    assert change.changes["location.name"][1] == "New Hall"


@pytest.mark.django_db
def test_service_validation_changes_nothing(cast: Cast) -> None:
    with pytest.raises(ValidationError):
        meeting_save(
            by=cast.fran,
            group=cast.group,
            meeting=cast.meeting,
            values={"attendance_mode": "online", "conference_url": ""},
            place=None,
        )
    cast.meeting.refresh_from_db()
    assert cast.meeting.attendance_mode == "in_person"
    assert not GroupChange.objects.exists()


@pytest.mark.django_db
def test_remove_meeting_is_recorded(cast: Cast) -> None:
    url = reverse(
        "membership:meeting-remove", args=[cast.group.slug, cast.meeting.slug]
    )
    assert signed_in(cast.alex).post(url).status_code == 404
    assert Meeting.objects.filter(pk=cast.meeting.pk).exists()
    assert signed_in(cast.fran).post(url).status_code == 302
    assert not Meeting.objects.filter(pk=cast.meeting.pk).exists()
    change = GroupChange.objects.get(group=cast.group)
    assert change.action == "meeting_removed"
    assert change.meeting_name == "Tuesday Evening"
    page = signed_in(cast.fran).get(
        reverse("membership:group-changes", args=[cast.group.slug])
    )
    assert "Tuesday Evening" in page.content.decode()
