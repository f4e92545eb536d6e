"""Reads of access tokens and idempotency records; only the owner's, or by secret."""

from __future__ import annotations

import hashlib

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from kinship.members.models import Member

from .models import AccessToken, IdempotencyRecord


def token_secret_hash(secret: str) -> str:
    """The SHA-256 (hex) under which a token's secret is stored."""
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def tokens_of(member: Member) -> QuerySet[AccessToken]:
    """The member's tokens, newest first, revoked and expired ones included."""
    return AccessToken.objects.filter(member=member).order_by("-created_at", "-id")


def access_token_of(member: Member, token_id: int) -> AccessToken:
    """One of the member's own tokens; anyone else's is a 404."""
    token = AccessToken.objects.filter(member=member, pk=token_id).first()
    if token is None:
        raise Http404("No such token")
    return token


def token_for_secret(secret: str) -> AccessToken | None:
    """The working token with this secret: not revoked, not expired, of an active
    account. Checked on every request, so a revocation counts at once."""
    if not secret:
        return None
    return (
        AccessToken.objects.select_related("member", "member__user")
        .filter(
            token_hash=token_secret_hash(secret),
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
            member__user__is_active=True,
        )
        .first()
    )


def idempotency_record_of(member: Member, key: str) -> IdempotencyRecord | None:
    """The member's record of an Idempotency-Key, if any."""
    return IdempotencyRecord.objects.filter(member=member, key=key).first()
