"""What the URL walk (test_url_walk) expects of each URL, and the world it walks.

Apps add their own URLs' expectations in ``kinship/<app>/tests/walk_*.py``
modules (listed in ``test_url_walk.WALK_MODULES``), each with ``SECRETS`` (alex's
private words that no visitor's or eve's response may show), ``world_add(world)``
(alex's objects of that app) and ``EXPECTATIONS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kinship.members.tests.personas import Cast


@dataclass
class World:
    cast: Cast
    private_group_slug: str
    private_meeting_slug: str
    record_public_id: str
    record_id: int
    occurrence_id: int
    alex_membership_id: int
    extra: dict[str, Any] = field(default_factory=dict)


# Answers: a visitor signing in first is a redirect to the login page.
OK = {200}
TO_LOGIN = {302}
NOT_FOUND = {404}
NOT_ALLOWED = {405}


@dataclass(frozen=True)
class Expect:
    """What a visitor and eve get from one URL pattern (GET, then POST if given)."""

    kwargs: Callable[[World], dict[str, Any]] = lambda world: {}
    visitor: frozenset[int] = frozenset(OK)
    eve: frozenset[int] = frozenset(OK)
    eve_post: frozenset[int] | None = None
    # API operations: the visitor POSTs too, and POSTs send this JSON body.
    visitor_post: frozenset[int] | None = None
    json_body: Callable[[World], dict[str, Any]] | None = None


def expect(
    kwargs: Callable[[World], dict[str, Any]] | None = None,
    *,
    visitor: set[int] = OK,
    eve: set[int] = OK,
    eve_post: set[int] | None = None,
) -> Expect:
    return Expect(
        kwargs=kwargs or (lambda world: {}),
        visitor=frozenset(visitor),
        eve=frozenset(eve),
        eve_post=None if eve_post is None else frozenset(eve_post),
    )


# Member-only pages about oneself: eve sees her own (empty) page.
OWN_PAGE = expect(visitor=TO_LOGIN, eve=OK)
# Another person's object, or a private group eve is not in.
OTHERS = {"visitor": TO_LOGIN, "eve": NOT_FOUND}
# A POST-only action on someone else's object.
OTHERS_ACTION = {"visitor": NOT_ALLOWED, "eve": NOT_ALLOWED, "eve_post": NOT_FOUND}


# A visitor's API request is a 401.
UNAUTHORIZED = {401}


def expect_api_post(
    kwargs: Callable[[World], dict[str, Any]],
    json_body: Callable[[World], dict[str, Any]],
) -> Expect:
    """A POST-only operation on alex's object: 405 to GETs, 401 to the visitor's
    POST, 404 to eve's (sent as JSON)."""
    return Expect(
        kwargs=kwargs,
        visitor=frozenset(NOT_ALLOWED),
        eve=frozenset(NOT_ALLOWED),
        eve_post=frozenset(NOT_FOUND),
        visitor_post=frozenset(UNAUTHORIZED),
        json_body=json_body,
    )


OWN_API = expect(visitor=UNAUTHORIZED, eve=OK)
