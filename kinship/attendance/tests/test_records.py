"""Verifiable attendance records: issue, verify, print, revoke; what they disclose."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.test import Client, override_settings

from kinship.attendance.codes import CODE_ALPHABET, record_code
from kinship.attendance.models import Attendance, AttendanceRecord
from kinship.attendance.services import (
    attendance_roll_call,
    occurrence_materialize,
    record_issue,
)
from kinship.directory.tests.factories import GroupFactory, MeetingFactory
from kinship.members.models import Level
from kinship.members.tests.personas import Cast, membership_create, signed_in

from .conftest import LAST_MONDAY

pytestmark = pytest.mark.django_db

RECORDS = "/me/records/"


@pytest.fixture
def attended(cast: Cast) -> Cast:
    """Alex attended two Mondays of the shared group and one of another group."""
    for weeks in (0, 1):
        occurrence = occurrence_materialize(
            meeting=cast.meeting, starts_at=LAST_MONDAY - dt.timedelta(weeks=weeks)
        )
        attendance_roll_call(
            by=cast.fran, occurrence=occurrence, present={cast.alex.pk}
        )
    other = GroupFactory.create(name="Harbour Light Group")
    membership_create(cast.alex, other, Level.PARTICIPANT)
    meeting = MeetingFactory.create(group=other, name="Harbour Light Sunday", weekday=0)
    occurrence = occurrence_materialize(
        meeting=meeting, starts_at=dt.datetime(2026, 7, 5, 23, 0, tzinfo=dt.UTC)
    )
    Attendance.objects.create(
        member=cast.alex, occurrence=occurrence, method="online_join", verified=False
    )
    return cast


def issue(cast: Cast, **overrides: object) -> AttendanceRecord:
    values: dict[str, object] = {
        "by": cast.alex,
        "starts_on": dt.date(2026, 6, 1),
        "ends_on": dt.date(2026, 7, 7),
        "group_ids": [cast.group.pk],
        "name_shown": "Alexandra Kowalski",
    }
    values.update(overrides)
    return record_issue(**values)  # type: ignore[arg-type]


def test_record_snapshots_the_chosen_groups_and_dates(attended: Cast) -> None:
    record = issue(attended)
    assert record.entries == [
        {
            "date": "2026-06-29",
            "meeting": "Tuesday Evening",
            "group": "Tuesday Dual Recovery",
            "verified": True,
        },
        {
            "date": "2026-07-06",
            "meeting": "Tuesday Evening",
            "group": "Tuesday Dual Recovery",
            "verified": True,
        },
    ]
    narrow = issue(attended, starts_on=dt.date(2026, 7, 1))
    assert [entry["date"] for entry in narrow.entries] == ["2026-07-06"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_on": dt.date(2026, 5, 1)}, "before the start date"),
        ({"group_ids": []}, "at least one group"),
        ({"group_ids": [999999]}, "only groups whose meetings you attended"),
        ({"name_shown": "   "}, "Give the name"),
    ],
)
def test_record_issue_refuses_bad_choices(
    attended: Cast, overrides: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        issue(attended, **overrides)
    assert not AttendanceRecord.objects.exists()


def test_records_page_issues_a_record(attended: Cast) -> None:
    client = signed_in(attended.alex)
    page = client.get(RECORDS)
    assert page.status_code == 200
    assert 'value="Alex K."' in page.content.decode()  # the display name by default
    response = client.post(
        RECORDS,
        {
            "starts_on": "2026-06-01",
            "ends_on": "2026-07-07",
            "groups": [str(attended.group.pk)],
            "name_shown": "Alex K.",
        },
    )
    assert response.status_code == 302
    record = AttendanceRecord.objects.get(member=attended.alex)
    assert len(record.entries) == 2
    assert record_code(record.public_id) in client.get(RECORDS).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"starts_on": "2026-07-07", "ends_on": "2026-06-01", "name_shown": "A"},
            "before the start date",
        ),
        ({"starts_on": "2026-06-01", "ends_on": "2026-07-07", "name_shown": "A"}, None),
        ({"starts_on": "yesterday", "ends_on": "2026-13-45", "groups": ["x"]}, None),
        ({}, None),
    ],
)
def test_records_page_bad_input_is_a_form_error(
    attended: Cast, data: dict[str, object], message: str | None
) -> None:
    if message is not None:
        data = {**data, "groups": [str(attended.group.pk)]}
    response = signed_in(attended.alex).post(RECORDS, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="field-error"' in html
    if message:
        assert message in html
    assert not AttendanceRecord.objects.exists()


def test_only_attended_groups_are_offered(attended: Cast) -> None:
    GroupFactory.create(name="Never Visited Group")
    html = signed_in(attended.alex).get(RECORDS).content.decode()
    assert "Harbour Light Group" in html
    assert "Never Visited Group" not in html


def test_verify_page_shows_only_what_was_chosen(attended: Cast) -> None:
    record = issue(attended)
    response = Client().get(f"/verify/{record_code(record.public_id)}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Alexandra Kowalski" in html
    assert "Tuesday Evening" in html
    assert "Jul 6, 2026" in html
    assert "Alex K." not in html  # the display name, when another name was chosen
    assert "alex@example.org" not in html
    assert "Harbour Light" not in html  # attendance at a group not chosen


def test_altering_any_one_character_of_the_code_fails(attended: Cast) -> None:
    code = record_code(issue(attended).public_id)
    client = Client()
    for position in range(len(code)):
        replacement = "0" if code[position] != "0" else "1"
        altered = code[:position] + replacement + code[position + 1 :]
        response = client.get(f"/verify/{altered}/")
        assert response.status_code == 404, position
        assert "does not match a record" in response.content.decode()


def test_codes_signed_with_another_key_or_salt_fail(attended: Cast) -> None:
    record = issue(attended)
    other_key = signing.Signer(
        key="not this site's key, but long enough 0123456789",
        salt=settings.KINSHIP_RECORD_SIGNING_SALT,
    ).sign(record.public_id.hex)
    other_salt = signing.Signer(salt="something.else").sign(record.public_id.hex)
    unsigned = record.public_id.hex
    for code in (other_key, other_salt, unsigned, "garbage", "x" * 300):
        assert Client().get(f"/verify/{code}/").status_code == 404
    with override_settings(SECRET_KEY="another site's secret key, long enough 0123"):
        elsewhere = record_code(record.public_id)
    assert elsewhere != record_code(record.public_id)
    assert Client().get(f"/verify/{elsewhere}/").status_code == 404
    assert Client().get(f"/verify/{record_code(record.public_id)}/").status_code == 200


def test_a_genuine_code_for_no_record_fails(cast: Cast) -> None:
    assert Client().get(f"/verify/{record_code(uuid.uuid4())}/").status_code == 404


def test_revoked_record_shows_as_revoked_without_entries(attended: Cast) -> None:
    record = issue(attended)
    client = signed_in(attended.alex)
    assert client.post(f"{RECORDS}{record.pk}/revoke/").status_code == 302
    record.refresh_from_db()
    assert record.revoked_at is not None
    response = Client().get(f"/verify/{record_code(record.public_id)}/")
    html = response.content.decode()
    assert "revoked" in html
    assert "Tuesday Evening" not in html
    assert "Alexandra Kowalski" not in html


def test_print_view_has_the_code_and_no_navigation(attended: Cast) -> None:
    record = issue(attended)
    response = signed_in(attended.alex).get(f"{RECORDS}{record.pk}/print/")
    assert response.status_code == 200
    html = response.content.decode()
    assert record_code(record.public_id) in html
    assert f"http://testserver/verify/{record_code(record.public_id)}/" in html
    assert "Find a meeting" not in html
    assert "Alexandra Kowalski" in html


def test_eve_cannot_see_print_or_revoke_alexs_record(attended: Cast) -> None:
    record = issue(attended)
    eve = signed_in(attended.eve)
    assert eve.get(f"{RECORDS}{record.pk}/print/").status_code == 404
    assert eve.post(f"{RECORDS}{record.pk}/revoke/").status_code == 404
    assert "Alexandra Kowalski" not in eve.get(RECORDS).content.decode()
    record.refresh_from_db()
    assert record.revoked_at is None
    assert Client().get(f"{RECORDS}{record.pk}/print/").status_code == 302
    assert Client().get(RECORDS)["Location"].startswith("/accounts/login/")


def test_verification_codes_are_reasonably_short(attended: Cast) -> None:
    code = record_code(issue(attended).public_id)
    assert len(code) < 80
    assert set(CODE_ALPHABET)  # the meeting code alphabet is separate
