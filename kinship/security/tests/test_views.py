"""/me/security/: the member's own sign-in record and live sessions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinship.members.models import Member
from kinship.members.tests.personas import PERSONA_PASSWORD
from kinship.members.tests.test_accounts import audit
from kinship.security.models import EventKind, SecurityEvent

PAGE = reverse("security:me")


def signed_in(member: Member, **extra: Any) -> Client:
    """Signed in through the sign-in form, from the browser ``extra`` describes."""
    client = Client(**extra)
    response = client.post(
        reverse("account_login"),
        {"login": member.user.email, "password": PERSONA_PASSWORD},
    )
    assert response.status_code == 302
    return client


def events_create(member: Member, count: int) -> None:
    start = timezone.now() - dt.timedelta(days=1)
    SecurityEvent.objects.bulk_create(
        SecurityEvent(
            user=member.user,
            kind=EventKind.SIGN_IN_FAILED,
            at=start + dt.timedelta(seconds=index),
            ip_address="192.0.2.1",
            user_agent=f"Agent {index:03d}",
        )
        for index in range(count)
    )


@pytest.mark.django_db
def test_a_visitor_is_sent_to_sign_in(client: Client) -> None:
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_eve_sees_only_her_own_events_and_sessions(alex: Member, eve: Member) -> None:
    signed_in(alex, REMOTE_ADDR="203.0.113.50", HTTP_USER_AGENT="Alex's phone")
    events_create(alex, 3)
    body = signed_in(eve, HTTP_USER_AGENT="Eve's laptop").get(PAGE).content.decode()
    assert "203.0.113.50" not in body
    assert "Alex's phone" not in body
    assert "Agent 001" not in body
    assert body.count("<tr") == 1 + 1 + 2  # her one session, her one sign-in


@pytest.mark.django_db
def test_the_page_lists_sessions_and_events_newest_first(
    alex: Member,
) -> None:
    phone = signed_in(alex, REMOTE_ADDR="203.0.113.50", HTTP_USER_AGENT="Alex's phone")
    signed_in(alex, REMOTE_ADDR="203.0.113.51", HTTP_USER_AGENT="Alex's laptop")
    SecurityEvent.objects.create(
        user=alex.user, kind=EventKind.TOKEN_CREATED, detail="kin_abcd1234 (read)"
    )
    response = phone.get(PAGE)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "<h1>Security</h1>" in body
    assert "Alex&#x27;s phone <strong>(this device)</strong>" in body
    assert "Alex&#x27;s laptop</td>" in body
    assert "203.0.113.51" in body
    assert body.index("<td>Access token created</td>") < body.index(
        "<td>Signed in</td>"
    )
    assert "kin_abcd1234 (read)" in body
    assert f'action="{reverse("security:sign-out-everywhere")}"' in body
    assert "csrfmiddlewaretoken" in body
    assert body.count('scope="col"') == 4 + 5
    assert audit(response.content).unlabelled == []


@pytest.mark.django_db
def test_a_session_end_is_explained(alex: Member) -> None:
    SecurityEvent.objects.create(
        user=alex.user, kind=EventKind.SIGNED_OUT, detail="idle"
    )
    body = signed_in(alex).get(PAGE).content.decode()
    assert "after a time without activity" in body


@pytest.mark.django_db
def test_the_events_cost_the_same_queries_however_many_and_stop_at_100(
    alex: Member, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(alex)
    events_create(alex, 3)
    client.get(PAGE)  # warm (the member's profile, the session)
    with django_assert_max_num_queries(10) as captured:
        assert client.get(PAGE).status_code == 200
    few = len(captured)
    events_create(alex, 150)
    with django_assert_max_num_queries(few) as captured:
        body = client.get(PAGE).content.decode()
    # 100 rows: the sign-in (newest), then the 99 newest failures.
    assert body.count("Sign-in failed") == 99
    assert "Agent 149" in body
    assert "Agent 051" in body
    assert "Agent 050" not in body


@pytest.mark.django_db
def test_my_recovery_links_to_the_security_page(alex: Member) -> None:
    body = signed_in(alex).get(reverse("members:me")).content.decode()
    assert f'href="{PAGE}"' in body
