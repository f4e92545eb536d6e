"""The Django admin for the directory: site admins only, program-aware types."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from kinship.directory.models import Meeting

from .factories import GroupFactory, LocationFactory, MeetingTypeFactory, ProgramFactory

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "/admin/directory/program/",
    "/admin/directory/meetingtype/",
    "/admin/directory/language/",
    "/admin/directory/feed/",
    "/admin/directory/location/",
    "/admin/directory/group/",
    "/admin/directory/meeting/",
    "/admin/directory/meeting/add/",
    "/admin/directory/group/add/",
]


@pytest.fixture
def site_admin(client: Client) -> Client:
    admin = User.objects.create_superuser(
        "site-admin", "admin@example.org", "pw-123456!"
    )
    client.force_login(admin)
    return client


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_site_admin_sees_every_directory_page(site_admin: Client, url: str) -> None:
    assert site_admin.get(url).status_code == 200


@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_eve_without_staff_rights_is_sent_to_login(client: Client, url: str) -> None:
    eve = User.objects.create_user("eve", "eve@example.org", "pw-123456!")
    client.force_login(eve)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def meeting_form(**overrides: object) -> dict[str, object]:
    group = GroupFactory.create(program=ProgramFactory.create(code="aa", name="AA"))
    data: dict[str, object] = {
        "group": group.pk,
        "name": "Noon Step Study",
        "slug": "noon-step-study",
        "weekday": "1",
        "start_time": "12:00",
        "end_time": "13:00",
        "timezone": "America/New_York",
        "recurrence": "weekly",
        "attendance_mode": "in_person",
        "location": LocationFactory.create().pk,
        "status": "active",
    }
    data.update(overrides)
    return data


def test_admin_adds_a_meeting(site_admin: Client) -> None:
    response = site_admin.post("/admin/directory/meeting/add/", meeting_form())
    assert response.status_code == 302
    assert Meeting.objects.get().slug == "noon-step-study"


def test_admin_refuses_types_of_another_program(site_admin: Client) -> None:
    alanon = ProgramFactory.create(code="al-anon", name="Al-Anon")
    parents = MeetingTypeFactory.create(
        program=alanon, code="POA", label="Parents of Alcoholics"
    )
    response = site_admin.post(
        "/admin/directory/meeting/add/", meeting_form(types=[parents.pk])
    )
    assert response.status_code == 200
    assert "These types belong to another program: POA" in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"timezone": "Mars/Base"}, "is not an IANA time zone name"),
        ({"location": ""}, "An in-person meeting needs a location."),
        (
            {"attendance_mode": "online", "location": ""},
            "needs a conference link or phone",
        ),
        ({"weekday": ""}, "Give both a weekday and a start time"),
    ],
)
def test_admin_refuses_invalid_meetings(
    site_admin: Client, overrides: dict[str, object], message: str
) -> None:
    response = site_admin.post(
        "/admin/directory/meeting/add/", meeting_form(**overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Meeting.objects.exists()
