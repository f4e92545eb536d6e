"""Every way a signed-in session ends tells the browser to forget the site's data:
the service worker and its offline copy of the member's schedule go with it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinship.members.models import Member
from kinship.members.tests.personas import PERSONA_PASSWORD, signed_in
from kinship.offline.middleware import CLEAR_SITE_DATA

CLEARS = '"cache", "storage"'


def test_the_header_names_the_cache_and_the_storage() -> None:
    """Storage holds the worker and the Cache API; cookies are left alone."""
    assert CLEAR_SITE_DATA == CLEARS


@pytest.mark.django_db
def test_signing_out_clears_the_site_s_data(alex: Member) -> None:
    client = signed_in(alex)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == CLEARS
    # The next pages are a visitor's: nothing more to clear.
    assert "Clear-Site-Data" not in client.get(response["Location"])


@pytest.mark.django_db
def test_signing_out_everywhere_clears_this_device(alex: Member) -> None:
    response = signed_in(alex).post(reverse("security:sign-out-everywhere"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == CLEARS


@pytest.mark.django_db
def test_a_session_ended_for_being_idle_clears_the_device(alex: Member) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = signed_in(alex)
        traveller.shift(dt.timedelta(minutes=31))
        response = client.get(reverse("attendance:schedule"))
    assert response.status_code == 302  # to sign in
    assert response["Clear-Site-Data"] == CLEARS


@pytest.mark.django_db
def test_deleting_the_account_clears_the_device(alex: Member) -> None:
    response = signed_in(alex).post(
        reverse("members:delete"), {"password": PERSONA_PASSWORD, "confirm": "on"}
    )
    assert response.status_code == 302
    assert not Member.objects.filter(pk=alex.pk).exists()
    assert response["Clear-Site-Data"] == CLEARS


@pytest.mark.django_db
def test_signing_in_and_signed_in_pages_clear_nothing(alex: Member) -> None:
    """Only an ending clears: the member's copies stay while they are signed in."""
    client = Client()
    response = client.post(
        reverse("account_login"),
        {"login": "alex@example.org", "password": PERSONA_PASSWORD},
    )
    assert response.status_code == 302
    assert "Clear-Site-Data" not in response
    for url in (reverse("members:me"), reverse("attendance:schedule"), "/sw.js"):
        assert "Clear-Site-Data" not in client.get(url), url


@pytest.mark.django_db
def test_a_visitor_s_pages_clear_nothing(client: Client) -> None:
    for url in (reverse("directory:home"), reverse("recovery:help"), "/sw.js"):
        assert "Clear-Site-Data" not in client.get(url), url
    # Signing out without a session ends nothing.
    assert "Clear-Site-Data" not in client.post(reverse("account_logout"))


@pytest.mark.django_db
def test_eve_signing_out_clears_only_her_own_browser(alex: Member, eve: Member) -> None:
    """The header goes to the browser that signed out; alex's session and the
    pages his browser gets are untouched."""
    alex_browser = signed_in(alex)
    response = signed_in(eve).post(reverse("account_logout"))
    assert response["Clear-Site-Data"] == CLEARS
    schedule = alex_browser.get(reverse("attendance:schedule"))
    assert schedule.status_code == 200
    assert "Clear-Site-Data" not in schedule
