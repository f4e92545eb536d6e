"""Every write of API access: tokens (create, revoke, note their use) and the
records that make POSTs idempotent."""

from __future__ import annotations

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from kinship.members.models import Member
from kinship.security.audit import security_event_record
from kinship.security.models import EventKind

from .models import AccessToken, IdempotencyRecord, TokenScope
from .selectors import token_secret_hash

TOKEN_PREFIX = "kin_"  # noqa: S105 (marks Kinship tokens, e.g. for secret scanners)
# Characters of the secret shown to identify a token ("kin_" and 8 more).
PREFIX_LENGTH = len(TOKEN_PREFIX) + 8
TOKEN_LIFETIMES_DAYS = (30, 90, 365)
NAME_MAX_LENGTH = 100
# A token's last use is written at most this often (not on every request).
LAST_USED_PRECISION = dt.timedelta(minutes=1)
IDEMPOTENCY_RETENTION = dt.timedelta(hours=24)


@transaction.atomic
def token_create(
    *, by: Member, name: str, scope: str, days: int, request: HttpRequest | None
) -> tuple[AccessToken, str]:
    """A new personal access token; returns it and its secret.

    The secret is shown to the member once: only its SHA-256 is stored. A token
    lives 30, 90 or 365 days; the creation is recorded in the security log.
    """
    name = name.strip()
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Give the token a name, such as the app that will use it.")
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = _("A token's name has at most 100 characters.")
    if scope not in TokenScope.values:
        errors["scope"] = _("Choose read, or read and write.")
    if days not in TOKEN_LIFETIMES_DAYS:
        errors["days"] = _("Choose 30, 90 or 365 days.")
    if errors:
        raise ValidationError(errors)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = AccessToken.objects.create(
        member=by,
        name=name,
        scope=scope,
        prefix=secret[:PREFIX_LENGTH],
        token_hash=token_secret_hash(secret),
        created_at=now,
        expires_at=now + dt.timedelta(days=days),
    )
    security_event_record(
        user=by.user,
        kind=EventKind.TOKEN_CREATED,
        request=request,
        detail=f"{token.prefix} ({scope})",
    )
    return token, secret


@transaction.atomic
def token_revoke(*, by: Member, token_id: int, request: HttpRequest | None) -> None:
    """The owner revokes a token: it stops working on the very next request.

    Someone else's token is a 404; revoking a revoked token changes nothing.
    """
    token = (
        AccessToken.objects.select_for_update().filter(member=by, pk=token_id).first()
    )
    if token is None:
        raise Http404("No such token")
    if token.revoked_at is not None:
        return
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    security_event_record(
        user=by.user,
        kind=EventKind.TOKEN_REVOKED,
        request=request,
        detail=f"{token.prefix} ({token.scope})",
    )


def token_mark_used(*, token: AccessToken, now: dt.datetime | None = None) -> None:
    """Note that a token was used: one conditional UPDATE, at most once a minute.

    Bookkeeping only: when the database stays busy past its lock timeout
    (SQLite under many concurrent writers), the mark is skipped rather than the
    request refused; the next request marks it."""
    now = now or timezone.now()
    if token.last_used_at is not None and token.last_used_at > now - (
        LAST_USED_PRECISION
    ):
        return
    try:
        with transaction.atomic():
            AccessToken.objects.filter(
                pk=token.pk, last_used_at=token.last_used_at
            ).update(last_used_at=now)
    except OperationalError:
        return
    token.last_used_at = now


def idempotency_record_claim(
    *, member: Member, key: str, method: str, path: str, request_digest: str
) -> IdempotencyRecord | None:
    """Claim an Idempotency-Key for a request about to run; None if it is taken.

    Called inside the transaction that runs the request: the unique constraint
    makes a concurrent claim of the same key wait for that transaction and then
    fail (PostgreSQL), or wait for the write lock (SQLite). A record older than
    the retention period no longer holds its key.
    """
    IdempotencyRecord.objects.filter(
        member=member,
        key=key,
        created_at__lt=timezone.now() - IDEMPOTENCY_RETENTION,
    ).delete()
    try:
        with transaction.atomic():
            return IdempotencyRecord.objects.create(
                member=member,
                key=key,
                method=method,
                path=path,
                request_digest=request_digest,
            )
    except IntegrityError:
        return None


def idempotency_record_complete(
    *, record: IdempotencyRecord, status: int, body: str
) -> None:
    """Keep the answer given to a claimed key, to repeat it."""
    record.response_status = status
    record.response_body = body
    record.save(update_fields=["response_status", "response_body"])


@transaction.atomic
def idempotency_records_prune(*, now: dt.datetime | None = None) -> int:
    """Delete the records older than 24 hours; returns how many went."""
    cutoff = (now or timezone.now()) - IDEMPOTENCY_RETENTION
    deleted, _by_model = IdempotencyRecord.objects.filter(
        created_at__lt=cutoff
    ).delete()
    return deleted
