"""The periodic clean-up deletes what has expired and nothing else."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from kinship.members.tests.personas import Cast
from kinship.security.models import UserSession
from kinship.tokens.models import IdempotencyRecord


def idempotency_record(cast: Cast, key: str, age: dt.timedelta) -> IdempotencyRecord:
    return IdempotencyRecord.objects.create(
        member=cast.alex,
        key=key,
        method="POST",
        path="/api/v1/meetings/x/rsvps",
        request_digest="d" * 64,
        response_status=200,
        response_body="{}",
        created_at=timezone.now() - age,
    )


@pytest.mark.django_db
def test_prune_expired_deletes_only_what_has_expired(cast: Cast) -> None:
    now = timezone.now()
    UserSession.objects.create(
        user=cast.alex.user,
        session_key="old",
        created_at=now - dt.timedelta(days=2),
        last_seen_at=now - dt.timedelta(days=2),
    )
    UserSession.objects.create(user=cast.alex.user, session_key="live")
    idempotency_record(cast, "old", dt.timedelta(hours=25))
    idempotency_record(cast, "recent", dt.timedelta(hours=1))
    out = io.StringIO()
    call_command("prune_expired", stdout=out)
    assert "session rows=1 idempotency records=1" in out.getvalue()
    assert list(UserSession.objects.values_list("session_key", flat=True)) == ["live"]
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["recent"]
