"""The feed admin: site admins register feeds and run imports; runs are read-only."""

from __future__ import annotations

import io
import json
import urllib.error
import urllib.request
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from kinship.directory.models import Feed, Meeting, Program
from kinship.feeds.models import ImportRun

from .conftest import record

URL = "https://intergroup.example/meetings.json"


@pytest.fixture
def site_admin(client: Client, db: None) -> Client:
    admin = User.objects.create_superuser("site-admin", "admin@example.org", "pw-1!")
    client.force_login(admin)
    return client


def serve(monkeypatch: pytest.MonkeyPatch, body: bytes) -> None:
    def fake_urlopen(request: Any, timeout: float) -> io.BytesIO:
        assert request.full_url == URL
        return io.BytesIO(body)

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)


def import_now(client: Client, feed: Feed) -> str:
    response = client.post(
        "/admin/directory/feed/",
        {"action": "import_now", "_selected_action": [feed.pk]},
        follow=True,
    )
    assert response.status_code == 200
    return " ".join(str(m) for m in response.context["messages"])


def test_admin_registers_a_feed_and_imports_it(
    site_admin: Client, programs: dict[str, Program], monkeypatch: pytest.MonkeyPatch
) -> None:
    response = site_admin.post(
        "/admin/directory/feed/add/",
        {
            "name": "Example intergroup",
            "program": programs["aa"].pk,
            "source_url": URL,
            "default_timezone": "America/New_York",
            "runs-TOTAL_FORMS": "0",
            "runs-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    feed = Feed.objects.get()
    serve(monkeypatch, json.dumps([record(), record(slug="b", timezone=None)]).encode())

    message = import_now(site_admin, feed)

    assert "added=2 updated=0 removed=0 unchanged=0 rejected=0" in message
    assert Meeting.objects.filter(source_feed=feed).count() == 2
    run = ImportRun.objects.get()
    assert run.source == URL
    page = site_admin.get(f"/admin/feeds/importrun/{run.pk}/change/")
    assert page.status_code == 200
    assert b"Example intergroup" in page.content


def test_admin_import_of_a_broken_feed_says_why_and_changes_nothing(
    site_admin: Client, programs: dict[str, Program], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = Feed.objects.create(name="Broken", program=programs["aa"], source_url=URL)
    serve(monkeypatch, b'{"meetings": []}')

    message = import_now(site_admin, feed)

    assert "A Meeting Guide feed is a JSON array of meetings" in message
    assert "Nothing was imported." in message
    assert not ImportRun.objects.exists()
    assert not Meeting.objects.exists()


def test_admin_import_of_an_unreachable_feed_says_why(
    site_admin: Client, programs: dict[str, Program], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = Feed.objects.create(name="Gone", program=programs["aa"], source_url=URL)

    def refuse(request: Any, timeout: float) -> io.BytesIO:
        raise urllib.error.HTTPError(URL, 404, "Not Found", {}, None)  # type: ignore[arg-type]

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    assert "answered HTTP 404" in import_now(site_admin, feed)


def test_admin_refuses_plain_http_feed_addresses(
    site_admin: Client, programs: dict[str, Program]
) -> None:
    response = site_admin.post(
        "/admin/directory/feed/add/",
        {
            "name": "Insecure",
            "program": programs["aa"].pk,
            "source_url": "http://intergroup.example/feed.json",
            "runs-TOTAL_FORMS": "0",
            "runs-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "Feeds are read over https:// only." in response.content.decode()
    assert not Feed.objects.exists()


def test_import_runs_cannot_be_added_or_edited_in_the_admin(site_admin: Client) -> None:
    assert site_admin.get("/admin/feeds/importrun/").status_code == 200
    assert site_admin.get("/admin/feeds/importrun/add/").status_code == 403


def test_eve_without_staff_rights_cannot_reach_the_feed_admin(
    client: Client, db: None
) -> None:
    eve = User.objects.create_user("eve", "eve@example.org", "pw-1!")
    client.force_login(eve)
    response = client.get("/admin/directory/feed/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
