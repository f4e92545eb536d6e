"""The finder's derived rows follow every write to meetings, groups and places."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client

from kinship.directory.models import (
    AttendanceMode,
    ListedMeeting,
    Location,
    Meeting,
    Reach,
    Visibility,
)
from kinship.directory.services import LISTING_COLUMNS, listings_refresh

from .factories import (
    GroupFactory,
    LanguageFactory,
    LocationFactory,
    MeetingFactory,
    MeetingTypeFactory,
    ProgramFactory,
    online_meeting,
)

pytestmark = pytest.mark.django_db


def listing_rows() -> list[tuple[object, ...]]:
    return list(
        ListedMeeting.objects.order_by("meeting_id").values_list(*LISTING_COLUMNS)
    )


def test_row_copies_what_the_finder_filters_on() -> None:
    aa = ProgramFactory.create(code="aa", name="AA")
    open_type = MeetingTypeFactory.create(program=aa, code="O", label="Open")
    spanish = LanguageFactory.create(code="es", name="Spanish")
    meeting = MeetingFactory.create(
        name="Noon Hope",
        group=GroupFactory.create(program=aa, name="Harbor Group"),
        location=LocationFactory.create(name="St Mark's Hall"),
        weekday=2,
        start_time=dt.time(12, 5),
        types=[open_type],
        languages=[spanish],
    )
    row = ListedMeeting.objects.get(meeting=meeting)
    assert row.sort_key == 2 * 1440 + 12 * 60 + 5
    assert row.reach == Reach.LOCAL
    assert row.type_ids == f"|{open_type.pk}|"
    assert row.language_ids == f"|{spanish.pk}|"
    assert row.search_text == "noon hope\nharbor group\nst mark's hall"
    assert row.program_id == aa.pk


def test_reach_of_each_kind_of_meeting() -> None:
    online = online_meeting()
    nowhere = LocationFactory.create(latitude=None, longitude=None)
    hybrid_nowhere = MeetingFactory.create(
        location=nowhere,
        attendance_mode=AttendanceMode.HYBRID,
        conference_url="https://zoom.us/j/1",
    )
    in_person_nowhere = MeetingFactory.create(location=nowhere)
    appointment = MeetingFactory.create(weekday=None, start_time=None, end_time=None)
    reach = dict(ListedMeeting.objects.values_list("meeting_id", "reach"))
    assert reach[online.pk] == Reach.ONLINE
    assert reach[hybrid_nowhere.pk] == Reach.ONLINE
    assert reach[in_person_nowhere.pk] == Reach.UNPLACED
    assert ListedMeeting.objects.get(meeting=appointment).sort_key == 7 * 1440


def test_only_listed_meetings_have_rows_and_refresh_follows_changes() -> None:
    meeting = MeetingFactory.create()
    assert ListedMeeting.objects.filter(meeting=meeting).exists()
    meeting.group.visibility = Visibility.UNLISTED
    meeting.group.save()
    listings_refresh(meeting_ids=[meeting.pk])
    assert not ListedMeeting.objects.filter(meeting=meeting).exists()
    meeting.group.visibility = Visibility.LISTED
    meeting.group.save()
    meeting.status = "temporarily_closed"
    meeting.save()
    listings_refresh(meeting_ids=[meeting.pk])
    assert not ListedMeeting.objects.exists()


def test_partial_refresh_equals_a_full_rebuild() -> None:
    meetings = [MeetingFactory.create(start_time=dt.time(7, n)) for n in range(5)]
    online_meeting()
    Meeting.objects.filter(pk=meetings[0].pk).update(name="Renamed")
    listings_refresh(meeting_ids=[meetings[0].pk])
    partial = listing_rows()
    assert listings_refresh() == len(partial) == 6
    assert listing_rows() == partial


def test_deleting_a_meeting_removes_its_row() -> None:
    meeting = MeetingFactory.create()
    meeting.delete()
    assert not ListedMeeting.objects.exists()


@pytest.fixture
def site_admin(client: Client) -> Client:
    client.force_login(User.objects.create_superuser("root", "root@example.org", "x"))
    return client


def test_admin_edits_of_group_location_and_meeting_refresh_rows(
    site_admin: Client,
) -> None:
    group = GroupFactory.create(slug="g", name="Old Name")
    meeting = MeetingFactory.create(group=group, name="Tuesday Meeting")
    location = meeting.location
    assert isinstance(location, Location)

    response = site_admin.post(
        f"/admin/directory/group/{group.pk}/change/",
        {
            "name": "New Name",
            "slug": "g",
            "program": group.program_id,
            "focus": group.focus,
            "audience": "[]",
            "resource_links": "[]",
            "status": "active",
            "visibility": "listed",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "new name" in ListedMeeting.objects.get().search_text

    response = site_admin.post(
        f"/admin/directory/location/{location.pk}/change/",
        {
            "name": location.name,
            "country": "US",
            "latitude": "40.0",
            "longitude": "-75.0",
            "timezone": "America/New_York",
            "accessibility": "[]",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ListedMeeting.objects.get().latitude == 40.0

    response = site_admin.post(
        f"/admin/directory/meeting/{meeting.pk}/change/",
        {
            "group": group.pk,
            "name": "Tuesday Meeting",
            "slug": meeting.slug,
            "weekday": "3",
            "start_time": "18:30",
            "timezone": "America/New_York",
            "recurrence": "weekly",
            "attendance_mode": "in_person",
            "location": location.pk,
            "status": "active",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert ListedMeeting.objects.get().sort_key == 3 * 1440 + 18 * 60 + 30
