"""The account email Kinship sends (django-allauth's, with Kinship's templates):
each names the site and its address, and none shows an account's username.

allauth sends, with Kinship's settings: the sign-up verification, a verification
sent again, the password reset link, "no account with this address" (for a reset
asked for an unknown address) and "an account already exists" (a sign-up with a
taken address). Its change notifications are off (ACCOUNT_EMAIL_NOTIFICATIONS).
"""

from __future__ import annotations

from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from kinship.core.tests.test_email import run_worker
from kinship.members.models import Member
from kinship.members.tests.personas import signed_in

NEW_PASSWORD = "a long and unusual pass phrase 7"


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> None:
    cache.clear()


def assert_kinship_email(body: str, *, username: str) -> None:
    assert "Hello from Kinship!" in body
    assert "Thank you for using Kinship." in body
    assert settings.KINSHIP_SITE_URL in body
    assert "Hello from !" not in body
    assert " on ." not in body
    assert username not in body
    assert "username" not in body.lower()


def sign_up(client: Client, email: str) -> None:
    response = client.post(
        reverse("account_signup"),
        {
            "display_name": "Jordan P.",
            "email": email,
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_the_verification_email_names_the_site_and_no_username(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, "jordan.p@example.org")
    run_worker()

    [message] = mail.outbox
    user = get_user_model().objects.get(email="jordan.p@example.org")
    assert user.username  # allauth made one up from the address: never shown
    assert_kinship_email(str(message.body), username=user.username)
    assert "to sign up for an account on Kinship (http://" in message.body
    assert "/accounts/confirm-email/" in message.body
    assert message.subject.startswith("[Kinship] ")


@pytest.mark.django_db
def test_a_verification_sent_again_shows_no_username(
    eve: Member, django_capture_on_commit_callbacks: Any
) -> None:
    """eve adds a second address; its verification names neither her account nor
    any username."""
    eve.user.username = "eve.private.name"
    eve.user.save(update_fields=["username"])
    client = signed_in(eve)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_email"),
            {"action_add": "", "email": "eve.second@example.org"},
        )
    assert response.status_code == 302
    run_worker()

    [message] = mail.outbox
    assert message.to == ["eve.second@example.org"]
    assert_kinship_email(str(message.body), username="eve.private.name")
    assert EmailAddress.objects.filter(email="eve.second@example.org").exists()


@pytest.mark.django_db
def test_the_password_reset_email_shows_no_username(
    alex: Member, django_capture_on_commit_callbacks: Any
) -> None:
    alex.user.username = "alex.k.private"
    alex.user.save(update_fields=["username"])
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(reverse("account_reset_password"), {"email": "alex@example.org"})
    run_worker()

    [message] = mail.outbox
    assert message.to == ["alex@example.org"]
    assert_kinship_email(str(message.body), username="alex.k.private")
    assert "/accounts/password/reset/key/" in message.body


@pytest.mark.django_db
def test_unknown_account_and_account_exists_emails_name_the_site(
    alex: Member, django_capture_on_commit_callbacks: Any
) -> None:
    alex.user.username = "alex.k.private"
    alex.user.save(update_fields=["username"])
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(
            reverse("account_reset_password"), {"email": "nobody@example.org"}
        )
        sign_up(Client(), "alex@example.org")
    run_worker()

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"nobody@example.org", "alex@example.org"}
    assert "do not have any record" in by_address["nobody@example.org"].body
    assert "already exists" in by_address["alex@example.org"].body
    for message in by_address.values():
        assert_kinship_email(str(message.body), username="alex.k.private")
