"""The Django admin of attendance: site admins read records, cannot add or edit."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

from kinship.attendance.services import occurrence_materialize, rsvp_set
from kinship.members.tests.personas import Cast, signed_in

from .conftest import NEXT_MONDAY

pytestmark = pytest.mark.django_db

MODELS = ["occurrence", "rsvp", "attendance", "attendancerecord", "schedulefeed"]


@pytest.fixture
def site_admin(cast: Cast) -> Client:
    rsvp_set(by=cast.alex, meeting=cast.meeting, starts_at=NEXT_MONDAY, answer="going")
    admin = User.objects.create_superuser("site-admin", "admin@example.org", "pw-1!x")
    client = Client()
    client.force_login(admin)
    return client


@pytest.mark.parametrize("model", [*MODELS, "meetingexception"])
def test_site_admin_lists_every_model(site_admin: Client, model: str) -> None:
    assert site_admin.get(f"/admin/attendance/{model}/").status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_records_cannot_be_added_in_the_admin(site_admin: Client, model: str) -> None:
    assert site_admin.get(f"/admin/attendance/{model}/add/").status_code == 403


def test_an_occurrence_opens_read_only(site_admin: Client, cast: Cast) -> None:
    occurrence = occurrence_materialize(meeting=cast.meeting, starts_at=NEXT_MONDAY)
    response = site_admin.get(f"/admin/attendance/occurrence/{occurrence.pk}/change/")
    assert response.status_code == 200
    assert b'name="starts_at' not in response.content


def test_eve_is_sent_to_the_admin_login(cast: Cast) -> None:
    response = signed_in(cast.eve).get("/admin/attendance/attendance/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
