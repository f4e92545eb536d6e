"""Personal access tokens: created once, stored hashed, scoped, expiring, revocable."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import OperationalError
from django.db.models import QuerySet
from django.http import Http404
from django.test import Client, RequestFactory
from django.utils import timezone

from kinship.members.profile import member_export
from kinship.members.tests.personas import Cast
from kinship.security.models import EventKind, SecurityEvent
from kinship.tokens.models import AccessToken, TokenScope
from kinship.tokens.selectors import token_secret_hash
from kinship.tokens.services import token_create, token_revoke

from .helpers import bearer, session_client, token_for

pytestmark = pytest.mark.django_db

PAGE = "/me/tokens/"
ME = "/api/v1/me"


def test_token_create_keeps_only_the_hash_and_records_the_event(cast: Cast) -> None:
    token, secret = token_create(
        by=cast.alex, name=" My phone ", scope="read", days=30, request=None
    )
    assert secret.startswith("kin_")
    assert len(secret) > 40
    assert token.name == "My phone"
    assert token.token_hash == token_secret_hash(secret)
    assert token.prefix == secret[:12]
    stored = AccessToken.objects.values()[0]
    assert secret not in {str(value) for value in stored.values()}
    assert token.expires_at - token.created_at == dt.timedelta(days=30)
    event = SecurityEvent.objects.get(user=cast.alex.user)
    assert event.kind == EventKind.TOKEN_CREATED
    assert secret not in event.detail


@pytest.mark.parametrize(
    ("name", "scope", "days", "field"),
    [
        ("", "read", 30, "name"),
        ("x", "admin", 30, "scope"),
        ("x", "read", 366, "days"),
        ("x", "read", 0, "days"),
    ],
)
def test_token_create_refuses_bad_values(
    cast: Cast, name: str, scope: str, days: int, field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        token_create(by=cast.alex, name=name, scope=scope, days=days, request=None)
    assert field in refused.value.message_dict
    assert not AccessToken.objects.exists()


def test_the_page_shows_the_secret_once(cast: Cast) -> None:
    client = session_client(cast.alex, csrf=False)
    response = client.post(
        PAGE, {"name": "Sync script", "scope": "write", "days": "90"}
    )
    assert response.status_code == 200
    token = AccessToken.objects.get(member=cast.alex)
    secret = response.context["secret"]
    assert token.token_hash == token_secret_hash(secret)
    assert secret in response.content.decode()
    assert "shown only this once" in response.content.decode()
    assert "no-store" in response["Cache-Control"]

    again = client.get(PAGE)
    body = again.content.decode()
    assert secret not in body
    for shown in ("Sync script", token.prefix, "Active"):
        assert shown in body


def test_the_page_refuses_bad_input_and_creates_nothing(cast: Cast) -> None:
    client = session_client(cast.alex, csrf=False)
    response = client.post(PAGE, {"name": "", "scope": "write", "days": "7"})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"name", "days"}
    assert not AccessToken.objects.exists()


def test_a_visitor_is_sent_to_sign_in(cast: Cast) -> None:
    response = Client().get(PAGE)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_eve_does_not_see_or_revoke_alex_tokens(cast: Cast) -> None:
    secret = token_for(cast.alex)
    token = AccessToken.objects.get(member=cast.alex)
    eve = session_client(cast.eve, csrf=False)
    assert token.name not in eve.get(PAGE).content.decode()
    response = eve.post(f"/me/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    with pytest.raises(Http404):
        token_revoke(by=cast.eve, token_id=token.pk, request=None)
    token.refresh_from_db()
    assert token.revoked_at is None
    assert Client(**bearer(secret)).get(ME).status_code == 200


def test_revoking_stops_the_very_next_request(cast: Cast) -> None:
    secret = token_for(cast.alex)
    api = Client(**bearer(secret))
    assert api.get(ME).status_code == 200
    token = AccessToken.objects.get(member=cast.alex)

    page = session_client(cast.alex, csrf=False)
    response = page.post(f"/me/tokens/{token.pk}/revoke/")
    assert response.status_code == 302

    refused = api.get(ME)
    assert refused.status_code == 401
    assert "revoked" in refused.json()["detail"]
    assert SecurityEvent.objects.filter(kind=EventKind.TOKEN_REVOKED).count() == 1
    assert "Revoked" in page.get(PAGE).content.decode()


def test_an_expired_token_stops_at_once(cast: Cast) -> None:
    secret = token_for(cast.alex, days=30)
    expires_at = AccessToken.objects.get().expires_at
    api = Client(**bearer(secret))
    with time_machine.travel(expires_at - dt.timedelta(seconds=1), tick=False):
        assert api.get(ME).status_code == 200
    with time_machine.travel(expires_at, tick=False):
        assert api.get(ME).status_code == 401
        assert "Expired" in session_client(cast.alex).get(PAGE).content.decode()


def test_a_deactivated_account_token_stops(cast: Cast) -> None:
    secret = token_for(cast.alex)
    cast.alex.user.is_active = False
    cast.alex.user.save()
    assert Client(**bearer(secret)).get(ME).status_code == 401


def test_a_read_token_cannot_write(cast: Cast) -> None:
    api = Client(**bearer(token_for(cast.alex, scope=TokenScope.READ)))
    assert api.get(ME).status_code == 200
    response = api.patch(ME, {"display_name": "A."}, content_type="application/json")
    assert response.status_code == 403
    assert "can only read" in response.json()["detail"]
    cast.alex.refresh_from_db()
    assert cast.alex.display_name == "Alex K."


def test_a_write_token_can_write(cast: Cast) -> None:
    api = Client(**bearer(token_for(cast.alex, scope=TokenScope.WRITE)))
    response = api.patch(ME, {"display_name": "A."}, content_type="application/json")
    assert response.status_code == 200
    cast.alex.refresh_from_db()
    assert cast.alex.display_name == "A."


@pytest.mark.parametrize(
    "header", ["Bearer kin_not-a-real-token", "Bearer ", "Bearer kin_\u00e9"]
)
def test_an_unknown_token_is_refused_even_with_a_session(
    cast: Cast, header: str
) -> None:
    client = session_client(cast.alex)
    response = client.get(ME, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_last_use_is_written_at_most_once_a_minute(cast: Cast) -> None:
    api = Client(**bearer(token_for(cast.alex)))
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        api.get(ME)
    with time_machine.travel(start + dt.timedelta(seconds=59), tick=False):
        api.get(ME)
    assert AccessToken.objects.get().last_used_at == start
    later = start + dt.timedelta(seconds=61)
    with time_machine.travel(later, tick=False):
        api.get(ME)
    assert AccessToken.objects.get().last_used_at == later


def test_a_busy_database_skips_the_last_use_mark_not_the_request(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite under many writers can stay locked past its timeout: the
    bookkeeping is skipped, the request is answered."""
    api = Client(**bearer(token_for(cast.alex)))

    def locked(*args: object, **kwargs: object) -> int:
        raise OperationalError("database is locked")

    monkeypatch.setattr(QuerySet, "update", locked)
    assert api.get(ME).status_code == 200
    monkeypatch.undo()
    assert AccessToken.objects.get().last_used_at is None


def test_a_database_error_while_authenticating_is_not_a_refusal(
    cast: Cast, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``api_member`` answers None only for a refusal: taking a database error
    for "no member" would let an idempotent POST run without claiming its key."""
    from kinship.tokens import auth

    secret = token_for(cast.alex)

    def broken(secret: str) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(auth, "token_for_secret", broken)
    request = RequestFactory().post("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    with pytest.raises(OperationalError):
        auth.api_member(request)
    monkeypatch.undo()
    refused = RequestFactory().post("/api/v1/me", HTTP_AUTHORIZATION="Bearer kin_x")
    assert auth.api_member(refused) is None
    request = RequestFactory().post("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert auth.api_member(request) == cast.alex


def test_the_export_lists_tokens_without_their_hash(cast: Cast) -> None:
    token_for(cast.alex)
    rows = member_export(cast.alex)["records"]["tokens.accesstoken"]
    assert len(rows) == 1
    assert "token_hash" not in rows[0]
    assert rows[0]["prefix"].startswith("kin_")
