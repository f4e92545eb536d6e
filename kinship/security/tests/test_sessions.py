"""Sessions: rotated at sign-in, ended by their limits, by a password change, by
deactivation and by "sign out everywhere"."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from kinship.members.models import Member
from kinship.members.tests.personas import PERSONA_PASSWORD, signed_in
from kinship.security.models import EventKind, SecurityEvent, UserSession
from kinship.security.sessions import user_sessions_prune

ME = reverse("members:me")
LOGIN = reverse("account_login")
EVERYWHERE = reverse("security:sign-out-everywhere")
API_ME = "/api/v1/me"
NEW_PASSWORD = "a brand new passphrase 77"


def sign_in(member: Member, client: Client | None = None) -> Client:
    """Sign in through the sign-in form, as a browser does."""
    client = client or Client()
    response = client.post(
        LOGIN, {"login": member.user.email, "password": PERSONA_PASSWORD}
    )
    assert response.status_code == 302, response.content
    return client


def is_signed_in(client: Client) -> bool:
    response = client.get(ME)
    assert response.status_code in {200, 302}
    return response.status_code == 200


def session_key(client: Client) -> str:
    return client.cookies["sessionid"].value


def session_exists(key: str) -> bool:
    return Session.objects.filter(session_key=key).exists()


# Sign-in ------------------------------------------------------------------------


@pytest.mark.django_db
def test_signing_in_rotates_the_session_id_and_lists_the_session(alex: Member) -> None:
    client = Client(REMOTE_ADDR="203.0.113.9", HTTP_USER_AGENT="Firefox on Linux")
    session = client.session
    session["visited"] = True
    session.save()
    before = session_key(client)
    assert session_exists(before)

    sign_in(alex, client)

    after = session_key(client)
    assert after != before
    assert not session_exists(before)
    assert session_exists(after)
    row = UserSession.objects.get(user=alex.user)
    assert row.session_key == after
    assert row.ip_address == "203.0.113.9"
    assert row.user_agent == "Firefox on Linux"
    assert is_signed_in(client)


# Idle timeout and absolute lifetime --------------------------------------------


@pytest.mark.django_db
def test_a_session_idle_longer_than_the_limit_ends(alex: Member) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client = signed_in(alex)
        key = session_key(client)
        traveller.shift(dt.timedelta(minutes=29))
        assert is_signed_in(client)
        traveller.shift(dt.timedelta(minutes=30, seconds=1))
        response = client.get(ME)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert not session_exists(key)
    assert not UserSession.objects.filter(user=alex.user).exists()
    event = SecurityEvent.objects.filter(user=alex.user).first()
    assert event is not None
    assert (event.kind, event.detail) == (EventKind.SIGNED_OUT, "idle")
    page = client.get(response["Location"]).content.decode()
    assert "You were signed out after 30 minutes without activity" in page


@pytest.mark.django_db
@override_settings(KINSHIP_SESSION_IDLE_MINUTES=5)
def test_the_idle_limit_is_a_setting(alex: Member) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = signed_in(alex)
        traveller.shift(dt.timedelta(minutes=4))
        assert is_signed_in(client)
        traveller.shift(dt.timedelta(minutes=5, seconds=1))
        assert not is_signed_in(client)


@pytest.mark.django_db
def test_an_active_session_ends_at_its_absolute_lifetime(alex: Member) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        client = signed_in(alex)
        # Active every 25 minutes: never idle, but 12 hours is the most.
        for _ in range(28):  # 11 h 40 min
            traveller.shift(dt.timedelta(minutes=25))
            assert is_signed_in(client)
        traveller.shift(dt.timedelta(minutes=21))  # 12 h 1 min
        assert not is_signed_in(client)
    event = SecurityEvent.objects.filter(user=alex.user).first()
    assert event is not None
    assert (event.kind, event.detail) == (EventKind.SIGNED_OUT, "lifetime")


@pytest.mark.django_db
def test_last_seen_is_written_at_most_once_a_minute(alex: Member) -> None:
    start = timezone.now()
    with time_machine.travel(start, tick=False) as traveller:
        client = signed_in(alex)
        traveller.shift(dt.timedelta(seconds=30))
        assert is_signed_in(client)
        row = UserSession.objects.get(user=alex.user)
        assert row.last_seen_at == start
        traveller.shift(dt.timedelta(seconds=31))
        assert is_signed_in(client)
    row.refresh_from_db()
    assert row.last_seen_at == start + dt.timedelta(seconds=61)


@pytest.mark.django_db
def test_ended_sessions_rows_are_pruned(alex: Member) -> None:
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        signed_in(alex)
        signed_in(alex)
        assert user_sessions_prune() == 0
        traveller.shift(dt.timedelta(minutes=31))
        assert user_sessions_prune() == 2
    assert not UserSession.objects.exists()


# Password change and deactivation ---------------------------------------------


@pytest.mark.django_db
def test_a_password_change_signs_out_the_other_devices_only(
    alex: Member, fran: Member
) -> None:
    here = sign_in(alex)
    other_device = sign_in(alex)
    other_key = session_key(other_device)
    frans = signed_in(fran)

    response = here.post(
        reverse("account_change_password"),
        {
            "oldpassword": PERSONA_PASSWORD,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )

    assert response.status_code == 302
    assert is_signed_in(here)
    assert not is_signed_in(other_device)
    assert not session_exists(other_key)
    assert is_signed_in(frans)
    [row] = UserSession.objects.filter(user=alex.user)
    assert row.session_key == session_key(here)
    assert SecurityEvent.objects.filter(
        user=alex.user, kind=EventKind.PASSWORD_CHANGED
    ).exists()


@pytest.mark.django_db
def test_another_device_is_signed_out_even_when_its_session_is_not_listed(
    alex: Member,
) -> None:
    """Django's session hash check ends sessions the list does not know."""
    here = sign_in(alex)
    other_device = sign_in(alex)
    UserSession.objects.filter(session_key=session_key(other_device)).delete()
    here.post(
        reverse("account_change_password"),
        {
            "oldpassword": PERSONA_PASSWORD,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert not is_signed_in(other_device)
    assert is_signed_in(here)


@pytest.mark.django_db
def test_a_deactivated_account_s_very_next_request_is_anonymous(
    alex: Member, fran: Member
) -> None:
    client = signed_in(alex)
    api = signed_in(alex)
    frans = signed_in(fran)
    user = alex.user
    user.is_active = False
    user.save()
    assert not is_signed_in(client)
    assert api.get(API_ME).status_code == 401
    assert not UserSession.objects.filter(user=user).exists()
    assert is_signed_in(frans)


@pytest.mark.django_db
def test_deactivation_without_save_signals_still_refuses_the_session(
    alex: Member,
) -> None:
    client = signed_in(alex)
    get_user_model().objects.filter(pk=alex.user_id).update(is_active=False)
    assert not is_signed_in(client)


# Sign out everywhere -----------------------------------------------------------


@pytest.mark.django_db
def test_sign_out_everywhere_ends_every_session_of_the_member(
    alex: Member, fran: Member
) -> None:
    here = signed_in(alex)
    other_device = sign_in(alex)
    api = signed_in(alex)
    keys = [session_key(c) for c in (here, other_device, api)]
    frans = signed_in(fran)

    response = here.post(EVERYWHERE)

    assert response.status_code == 302
    assert response["Location"] == LOGIN
    assert not is_signed_in(other_device)
    assert api.get(API_ME).status_code == 401
    assert not is_signed_in(here)
    assert not any(session_exists(key) for key in keys)
    assert not UserSession.objects.filter(user=alex.user).exists()
    assert SecurityEvent.objects.filter(
        user=alex.user, kind=EventKind.SIGNED_OUT_EVERYWHERE
    ).exists()
    assert is_signed_in(frans)
    assert "You are signed out on every device" in (here.get(LOGIN).content.decode())


@pytest.mark.django_db
def test_eve_signing_out_everywhere_ends_only_her_sessions(
    alex: Member, eve: Member
) -> None:
    alexs = signed_in(alex)
    eves = signed_in(eve)
    assert eves.post(EVERYWHERE).status_code == 302
    assert not is_signed_in(eves)
    assert is_signed_in(alexs)
    assert not SecurityEvent.objects.filter(
        user=alex.user, kind=EventKind.SIGNED_OUT_EVERYWHERE
    ).exists()


@pytest.mark.django_db
def test_sign_out_everywhere_is_a_post_for_members(client: Client, eve: Member) -> None:
    assert client.post(EVERYWHERE).status_code == 302  # a visitor: sign in first
    assert client.post(EVERYWHERE)["Location"].startswith(LOGIN)
    assert signed_in(eve).get(EVERYWHERE).status_code == 405
