"""The sign-in audit: who, when, from where, for every security-relevant event."""

from __future__ import annotations

from typing import Any

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.test import Client
from django.urls import reverse

from kinship.members.models import Member
from kinship.members.tests.personas import PERSONA_PASSWORD
from kinship.security.models import EventKind, SecurityEvent

LOGIN = reverse("account_login")
BROWSER: dict[str, Any] = {
    "REMOTE_ADDR": "198.51.100.23",
    "HTTP_USER_AGENT": "Firefox on Linux",
}
NEW_PASSWORD = "a brand new passphrase 77"
UNKNOWN_EMAIL = "nobody-here@example.net"


def browser() -> Client:
    return Client(**BROWSER)


def kinds(user: Any) -> list[str]:
    """The account's events, oldest first."""
    return list(
        SecurityEvent.objects.filter(user=user)
        .order_by("at", "pk")
        .values_list("kind", flat=True)
    )


def login(client: Client, email: str, password: str) -> Any:
    return client.post(LOGIN, {"login": email, "password": password})


def all_event_text() -> str:
    return " ".join(
        " ".join(str(value) for value in row)
        for row in SecurityEvent.objects.values_list(
            "kind", "ip_address", "user_agent", "detail"
        )
    )


@pytest.mark.django_db
def test_a_sign_in_is_recorded_with_when_ip_and_browser(alex: Member) -> None:
    client = browser()
    assert login(client, "alex@example.org", PERSONA_PASSWORD).status_code == 302
    event = SecurityEvent.objects.get(user=alex.user)
    assert event.kind == EventKind.SIGNED_IN
    assert event.ip_address == "198.51.100.23"
    assert event.user_agent == "Firefox on Linux"
    assert event.at is not None


@pytest.mark.django_db
def test_a_failed_sign_in_is_recorded_on_the_account(alex: Member) -> None:
    response = login(browser(), "alex@example.org", "not my password")
    assert response.status_code == 200
    event = SecurityEvent.objects.get()
    assert (event.user, event.kind) == (alex.user, EventKind.SIGN_IN_FAILED)
    assert event.ip_address == "198.51.100.23"


@pytest.mark.django_db
def test_a_failed_sign_in_for_an_unknown_address_keeps_no_address(
    alex: Member,
) -> None:
    response = login(browser(), UNKNOWN_EMAIL, "whatever it is")
    assert response.status_code == 200
    event = SecurityEvent.objects.get()
    assert event.user is None
    assert event.kind == EventKind.SIGN_IN_FAILED
    assert event.ip_address == "198.51.100.23"
    assert "nobody-here" not in all_event_text()
    assert "example.net" not in all_event_text()


@pytest.mark.django_db
def test_a_sign_in_refused_by_the_rate_limit_is_a_lockout(alex: Member) -> None:
    client = browser()
    for _ in range(5):  # ACCOUNT_RATE_LIMITS: 5 failures in 5 minutes per address
        login(client, "alex@example.org", "not my password")
    response = login(client, "alex@example.org", PERSONA_PASSWORD)
    assert response.status_code == 200  # refused, even with the right password
    assert "_auth_user_id" not in client.session
    assert kinds(alex.user) == [EventKind.SIGN_IN_FAILED] * 5 + [EventKind.LOCKED_OUT]
    # More refused tries are one lockout, not a row each.
    for _ in range(5):
        login(client, "alex@example.org", PERSONA_PASSWORD)
    assert kinds(alex.user).count(EventKind.LOCKED_OUT) == 1


@pytest.mark.django_db
def test_a_lockout_of_an_unknown_address_belongs_to_nobody(alex: Member) -> None:
    client = browser()
    for _ in range(6):
        login(client, UNKNOWN_EMAIL, "whatever it is")
    locked = SecurityEvent.objects.get(kind=EventKind.LOCKED_OUT)
    assert locked.user is None
    assert "nobody-here" not in all_event_text()


@pytest.mark.django_db
def test_signing_out_is_recorded(alex: Member) -> None:
    client = browser()
    login(client, "alex@example.org", PERSONA_PASSWORD)
    assert client.post(reverse("account_logout")).status_code == 302
    assert kinds(alex.user) == [EventKind.SIGNED_IN, EventKind.SIGNED_OUT]


@pytest.mark.django_db
def test_a_password_change_is_recorded(alex: Member) -> None:
    client = browser()
    client.force_login(alex.user)
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PERSONA_PASSWORD,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert kinds(alex.user)[-1] == EventKind.PASSWORD_CHANGED


@pytest.mark.django_db
def test_a_password_reset_is_recorded_and_ends_every_session(alex: Member) -> None:
    signed_in_elsewhere = Client()
    signed_in_elsewhere.force_login(alex.user)
    client = browser()
    uidb36 = user_pk_to_url_str(alex.user)
    key = default_token_generator.make_token(alex.user)
    url = reverse("account_reset_password_from_key", args=[uidb36, key])
    form_url = client.get(url, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    alex.user.refresh_from_db()
    assert alex.user.check_password(NEW_PASSWORD)
    event = SecurityEvent.objects.filter(user=alex.user).first()
    assert event is not None
    assert event.kind == EventKind.PASSWORD_RESET
    assert event.ip_address == "198.51.100.23"
    assert signed_in_elsewhere.get(reverse("members:me")).status_code == 302


@pytest.mark.django_db
def test_an_added_email_address_is_recorded_without_the_address(alex: Member) -> None:
    client = browser()
    client.force_login(alex.user)
    response = client.post(
        reverse("account_email"),
        {"action_add": "", "email": "alex.second@example.org"},
    )
    assert response.status_code == 302
    event = SecurityEvent.objects.filter(user=alex.user).first()
    assert event is not None
    assert (event.kind, event.detail) == (EventKind.EMAIL_CHANGED, "added")
    assert "alex.second" not in all_event_text()


@pytest.mark.django_db
def test_an_email_confirmation_is_recorded(alex: Member) -> None:
    from allauth.account.models import EmailAddress, EmailConfirmationHMAC

    address = EmailAddress.objects.create(
        user=alex.user, email="alex.third@example.org", verified=False
    )
    key = EmailConfirmationHMAC(address).key
    response = browser().post(reverse("account_confirm_email", args=[key]))
    assert response.status_code == 302
    event = SecurityEvent.objects.filter(user=alex.user).first()
    assert event is not None
    assert (event.kind, event.detail) == (EventKind.EMAIL_CHANGED, "confirmed")


def test_every_kind_the_issue_asks_for_is_defined() -> None:
    assert {
        "signed_in",
        "sign_in_failed",
        "locked_out",
        "signed_out",
        "signed_out_everywhere",
        "password_changed",
        "password_reset",
        "email_changed",
        "mfa_changed",
        "token_created",
        "token_revoked",
    } <= set(EventKind.values)
