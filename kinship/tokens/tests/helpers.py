"""Tokens and API clients for the member API tests."""

from __future__ import annotations

from typing import Any

from django.test import Client

from kinship.members.models import Member
from kinship.tokens.models import TokenScope
from kinship.tokens.services import token_create


def token_for(member: Member, scope: str = TokenScope.WRITE, days: int = 90) -> str:
    """A new token of the member's; returns its secret."""
    _token, secret = token_create(
        by=member,
        name=f"{member.display_name} script",
        scope=scope,
        days=days,
        request=None,
    )
    return secret


def bearer(secret: str) -> dict[str, Any]:
    """Client keyword arguments that send a token."""
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def api_client(member: Member, scope: str = TokenScope.WRITE) -> Client:
    """A client that sends a token of the member's with every request."""
    return Client(**bearer(token_for(member, scope)))


def session_client(member: Member, *, csrf: bool = True) -> Client:
    """A signed-in client; with ``csrf`` it enforces CSRF checks like a browser."""
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(member.user)
    return client
