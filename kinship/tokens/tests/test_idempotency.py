"""Idempotent POSTs: a repeat with the same Idempotency-Key gets the first answer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from kinship.directory.tests.factories import GroupFactory
from kinship.members.models import Membership
from kinship.members.tests.personas import Cast
from kinship.tokens.idempotency import REPLAYED_HEADER
from kinship.tokens.models import IdempotencyRecord
from kinship.tokens.services import idempotency_records_prune

from .concurrency import in_a_thread, in_threads, threads_database
from .helpers import api_client, bearer, token_for

JOIN_URL = "/api/v1/groups/{slug}/membership"


def join(client: Client, slug: str, key: str | None) -> Any:
    headers: dict[str, Any] = {}
    if key is not None:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post(JOIN_URL.format(slug=slug), **headers)


@pytest.mark.django_db
def test_a_repeat_returns_the_first_response_and_creates_nothing(cast: Cast) -> None:
    group = GroupFactory.create(slug="open-door")
    client = api_client(cast.eve)

    first = join(client, group.slug, "join-open-door-1")
    second = join(client, group.slug, "join-open-door-1")

    assert first.status_code == 201
    assert (second.status_code, second.content) == (201, first.content)
    assert second[REPLAYED_HEADER] == "true"
    assert Membership.objects.filter(member=cast.eve, group=group).count() == 1
    assert IdempotencyRecord.objects.filter(member=cast.eve).count() == 1
    # Without the key, the same request is a new one, refused by the service.
    third = join(client, group.slug, None)
    assert third.status_code == 409
    assert "already a member" in third.json()["detail"]


@pytest.mark.django_db
def test_a_refusal_is_repeated_too(cast: Cast) -> None:
    client = api_client(cast.alex)  # alex is already in the cast's group
    first = join(client, cast.group.slug, "again")
    second = join(client, cast.group.slug, "again")
    assert first.status_code == second.status_code == 409
    assert first.content == second.content


@pytest.mark.django_db
def test_the_same_key_for_another_request_is_refused(cast: Cast) -> None:
    GroupFactory.create(slug="open-door")
    GroupFactory.create(slug="other-door")
    client = api_client(cast.eve)
    assert join(client, "open-door", "my-key").status_code == 201

    response = join(client, "other-door", "my-key")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["header", "Idempotency-Key"]
    assert "different request" in response.json()["detail"][0]["msg"]
    assert not Membership.objects.filter(member=cast.eve, group__slug="other-door")


@pytest.mark.django_db
def test_the_same_key_with_another_body_is_refused(cast: Cast) -> None:
    from kinship.attendance.models import Rsvp

    client = api_client(cast.alex)
    url = f"/api/v1/meetings/{cast.meeting.slug}/rsvps"
    starts_at = next_start(cast)
    headers: dict[str, Any] = {"HTTP_IDEMPOTENCY_KEY": "rsvp-1"}
    body = {"starts_at": starts_at, "answer": "going"}
    first = client.post(url, body, content_type="application/json", **headers)
    # The same content, spaced differently, is the same request.
    spaced = '{ "answer" : "going", "starts_at": "' + starts_at + '" }'
    again = client.post(url, spaced, content_type="application/json", **headers)
    other = client.post(
        url,
        {**body, "answer": "not_going"},
        content_type="application/json",
        **headers,
    )

    assert first.status_code == 200
    assert (again.status_code, again.content) == (200, first.content)
    assert other.status_code == 422
    assert Rsvp.objects.get(member=cast.alex).answer == "going"


def next_start(cast: Cast) -> str:
    from kinship.attendance.selectors import meeting_occurrences

    now = timezone.now()
    found = meeting_occurrences(cast.meeting, now, now + dt.timedelta(days=8))
    return found[0].starts_at.isoformat()


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["", "a" * 256, "with space", "clé"])
def test_a_malformed_key_is_refused(cast: Cast, key: str) -> None:
    GroupFactory.create(slug="open-door")
    response = join(api_client(cast.eve), "open-door", key)
    assert response.status_code == 422
    assert "Idempotency-Key" in response.json()["detail"][0]["loc"]
    assert not Membership.objects.filter(member=cast.eve).exists()


@pytest.mark.django_db
def test_keys_belong_to_one_member(cast: Cast) -> None:
    """eve using alex's key gets her own answer, never alex's."""
    group = GroupFactory.create(slug="open-door")
    alex_answer = join(api_client(cast.alex), group.slug, "shared-key")
    eve_answer = join(api_client(cast.eve), group.slug, "shared-key")
    assert alex_answer.status_code == eve_answer.status_code == 201
    assert REPLAYED_HEADER not in eve_answer
    assert Membership.objects.filter(group=group).count() == 2


@pytest.mark.django_db
def test_a_visitor_with_a_key_is_refused(cast: Cast) -> None:
    group = GroupFactory.create(slug="open-door")
    assert join(Client(), group.slug, "k").status_code == 401
    assert not IdempotencyRecord.objects.exists()


@pytest.mark.django_db
def test_records_older_than_a_day_are_pruned(cast: Cast) -> None:
    group = GroupFactory.create(slug="open-door")
    client = api_client(cast.eve)
    join(client, group.slug, "old")
    IdempotencyRecord.objects.update(
        created_at=timezone.now() - dt.timedelta(hours=24, seconds=1)
    )
    join(client, group.slug, "new")

    assert idempotency_records_prune() == 1
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["new"]


@pytest.mark.django_db
def test_an_expired_record_no_longer_holds_its_key(cast: Cast) -> None:
    group = GroupFactory.create(slug="open-door")
    client = api_client(cast.eve)
    join(client, group.slug, "k")
    IdempotencyRecord.objects.update(created_at=timezone.now() - dt.timedelta(hours=25))
    response = join(client, group.slug, "k")
    assert response.status_code == 409  # run again: she is already a member
    assert REPLAYED_HEADER not in response


THREADS = 10


@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_identical_posts_create_one_row(
    cast: Cast, tmp_path: Path
) -> None:
    """Ten threads, each with its own database connection, POST the same join with
    the same key at once: one membership, one record, ten identical answers."""
    group = GroupFactory.create(slug="open-door")
    secret = token_for(cast.eve)

    def post() -> tuple[int, bytes]:
        response = join(Client(**bearer(secret)), group.slug, "same-key-for-all")
        return response.status_code, response.content

    def rows() -> tuple[int, int]:
        return (
            Membership.objects.filter(member=cast.eve, group=group).count(),
            IdempotencyRecord.objects.filter(member=cast.eve).count(),
        )

    with threads_database(tmp_path):
        answers = in_threads(THREADS, post)
        memberships, records = in_a_thread(rows)

    errors = [a for a in answers if isinstance(a, BaseException)]
    assert not errors, errors
    assert len(answers) == THREADS
    assert {answer[0] for answer in answers} == {201}  # type: ignore[index]
    assert len({answer[1] for answer in answers}) == 1  # type: ignore[index]
    assert (memberships, records) == (1, 1)
