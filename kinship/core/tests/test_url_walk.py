"""Every URL of the site, walked as a visitor and as ``eve``, the outsider.

Each URL pattern must have an expectation below: a new URL without one fails
``test_every_url_has_an_expectation``. The walk fills each pattern's arguments
with objects of *other* people (alex's records, a private group eve is not in)
and checks that the visitor and eve get the expected answer, that no response
shows anything private of alex, and that eve's POSTs change nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from importlib import import_module
from types import ModuleType
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from kinship.attendance.models import (
    Attendance,
    AttendanceMethod,
    AttendanceRecord,
    Occurrence,
    Rsvp,
    RsvpAnswer,
    ScheduleFeed,
)
from kinship.directory.models import Visibility
from kinship.directory.tests.factories import GroupFactory, MeetingFactory
from kinship.members.models import Level, Membership
from kinship.members.tests.personas import Cast, membership_create

from .walking import (
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    OTHERS,
    OTHERS_ACTION,
    OWN_API,
    OWN_PAGE,
    TO_LOGIN,
    Expect,
    World,
    expect,
    expect_api_post,
)

# Each app's expectations for its own URLs (see walking.py).
WALK_MODULES: tuple[str, ...] = (
    "kinship.recovery.tests.walk_checkins",
    "kinship.recovery.tests.walk_clocks",
    "kinship.recovery.tests.walk_strategies",
    "kinship.recovery.tests.walk_support",
    "kinship.notifications.tests.walk_notifications",
    "kinship.matching.tests.walk_matching",
    "kinship.matching.tests.walk_needs",
    "kinship.matching.tests.walk_match",
    "kinship.toolkit.tests.walk_toolkit",
    "kinship.mentorship.tests.walk_mentorship",
    "kinship.facilitation.tests.walk_facilitation",
    "kinship.training.tests.walk_training",
    "kinship.care.tests.walk_care",
    "kinship.offline.tests.walk_offline",
)


def walk_modules() -> list[ModuleType]:
    return [import_module(name) for name in WALK_MODULES]


# What alex keeps private: none of it may appear in a visitor's or eve's page.
ALEX_SECRETS = (
    "alex@example.org",
    "Alex K.",
    "Hidden Harbor",
    "hidden-harbor-evening",
    "A. Kowalski",
)


def world_create(cast: Cast) -> World:
    private = GroupFactory.create(
        name="Hidden Harbor", slug="hidden-harbor", visibility=Visibility.PRIVATE
    )
    meeting = MeetingFactory.create(
        group=private, name="Hidden Harbor Evening", slug="hidden-harbor-evening"
    )
    membership_create(cast.alex, private, Level.PARTICIPANT)
    membership_create(cast.fran, private, Level.LEADER)
    start = timezone.now() - dt.timedelta(days=7)
    occurrence = Occurrence.objects.create(
        meeting=meeting,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        local_date=start.date(),
    )
    Rsvp.objects.create(
        member=cast.alex, occurrence=occurrence, answer=RsvpAnswer.GOING
    )
    Attendance.objects.create(
        member=cast.alex,
        occurrence=occurrence,
        method=AttendanceMethod.ROLL_CALL,
        verified=True,
        recorded_by=cast.fran,
    )
    record = AttendanceRecord.objects.create(
        member=cast.alex,
        name_shown="A. Kowalski",
        starts_on=start.date(),
        ends_on=start.date(),
        entries=[{"meeting": meeting.name, "group": private.name}],
    )
    ScheduleFeed.objects.create(member=cast.alex, token_hash="0" * 64)
    world = World(
        cast=cast,
        private_group_slug=private.slug,
        private_meeting_slug=meeting.slug,
        record_public_id=str(record.public_id),
        record_id=record.pk,
        occurrence_id=occurrence.pk,
        alex_membership_id=Membership.objects.get(member=cast.alex, group=private).pk,
    )
    api_world_add(world, occurrence_start=start + dt.timedelta(days=14))
    for module in walk_modules():
        module.world_add(world)
    return world


def private_group(world: World) -> dict[str, Any]:
    return {"slug": world.private_group_slug}


def public_group(world: World) -> dict[str, Any]:
    return {"slug": world.cast.group.slug}


def private_meeting(world: World) -> dict[str, Any]:
    return {"slug": world.private_meeting_slug}


def led(world: World) -> dict[str, Any]:
    """A meeting of the private group, in the URLs of its leaders' pages."""
    return {
        "slug": world.private_group_slug,
        "meeting_slug": world.private_meeting_slug,
    }


EXPECTATIONS: dict[str, Expect] = {
    # Public directory and feeds.
    "directory:home": expect(),
    "directory:meeting-list": expect(),
    "directory:meeting-detail": expect(
        private_meeting, visitor=NOT_FOUND, eve=NOT_FOUND
    ),
    "directory:meeting-ics": expect(private_meeting, visitor=NOT_FOUND, eve=NOT_FOUND),
    "directory:group-detail": expect(private_group, visitor=NOT_FOUND, eve=NOT_FOUND),
    "directory:group-ics": expect(private_group, visitor=NOT_FOUND, eve=NOT_FOUND),
    "feeds:meetings-json": expect(),
    "healthz": expect(),
    # The living style page: staff only (anyone while DEBUG is on, never in tests).
    "styleguide": expect(visitor=NOT_FOUND, eve=NOT_FOUND),
    # The API (public directory data only, so far).
    "api:api-root": expect(visitor=NOT_FOUND, eve=NOT_FOUND),
    "api:openapi-json": expect(),
    "api:openapi-view": expect(),
    "api:meetings_list": expect(),
    "api:meeting_detail": expect(private_meeting, visitor=NOT_FOUND, eve=NOT_FOUND),
    "api:group_detail": expect(private_group, visitor=NOT_FOUND, eve=NOT_FOUND),
    # Membership, on the private group eve is not in.
    "membership:join": expect(
        private_group, visitor=NOT_ALLOWED, eve=NOT_ALLOWED, eve_post=NOT_FOUND
    ),
    "membership:invitation-accept": expect(
        lambda world: {**private_group(world), "token": "not-a-real-invitation"},
        visitor=TO_LOGIN,
        eve=NOT_FOUND,
        eve_post=NOT_FOUND,
    ),
    "membership:step-up": expect(private_group, **OTHERS_ACTION),
    "membership:leave": expect(private_group, **OTHERS_ACTION),
    "membership:roster": expect(private_group, **OTHERS),
    "membership:make-leader": expect(
        lambda world: {
            **private_group(world),
            "membership_id": world.alex_membership_id,
        },
        **OTHERS_ACTION,
    ),
    "membership:invitation-new": expect(private_group, **OTHERS_ACTION),
    "membership:group-edit": expect(private_group, **OTHERS, eve_post=NOT_FOUND),
    "membership:group-changes": expect(private_group, **OTHERS),
    "membership:meeting-new": expect(private_group, **OTHERS, eve_post=NOT_FOUND),
    "membership:meeting-edit": expect(
        lambda world: {
            **private_group(world),
            "meeting_slug": world.private_meeting_slug,
        },
        **OTHERS,
        eve_post=NOT_FOUND,
    ),
    "membership:meeting-remove": expect(
        lambda world: {
            **private_group(world),
            "meeting_slug": world.private_meeting_slug,
        },
        **OTHERS_ACTION,
    ),
    # The member's own profile. Export downloads eve's own data; deleting without
    # the password is refused and changes nothing.
    "members:me": OWN_PAGE,
    "members:profile": expect(visitor=TO_LOGIN, eve=OK, eve_post=OK),
    "members:export": expect(visitor=TO_LOGIN, eve=OK, eve_post=OK),
    "members:delete": expect(visitor=TO_LOGIN, eve=OK, eve_post=OK),
    # The language switcher: a form post that sends the reader back.
    "members:language": expect(visitor=NOT_ALLOWED, eve=NOT_ALLOWED, eve_post={302}),
    # Occurrences, RSVP and attendance, on the private group's meeting.
    "attendance:meeting-dates": expect(
        private_meeting, visitor=NOT_FOUND, eve=NOT_FOUND
    ),
    "attendance:rsvp": expect(private_meeting, **OTHERS_ACTION),
    "attendance:check-in": expect(private_meeting, **OTHERS_ACTION),
    "attendance:join": expect(private_meeting, **OTHERS_ACTION),
    "attendance:exceptions": expect(led, **OTHERS, eve_post=NOT_FOUND),
    "attendance:exception-remove": expect(
        lambda world: {**led(world), "exception_id": 1}, **OTHERS_ACTION
    ),
    "attendance:roll-call-list": expect(led, **OTHERS),
    "attendance:roll-call": expect(
        lambda world: {**led(world), "stamp": "20260101T000000Z"},
        **OTHERS,
        eve_post=NOT_FOUND,
    ),
    # The member's own schedule, attendance and records: eve sees her own.
    "attendance:schedule": OWN_PAGE,
    "attendance:my-attendance": OWN_PAGE,
    # Creating a calendar address would make one for eve: not posted here.
    "attendance:feed-create": expect(visitor=NOT_ALLOWED, eve=NOT_ALLOWED),
    "attendance:feed-revoke": expect(
        visitor=NOT_ALLOWED, eve=NOT_ALLOWED, eve_post={302}
    ),
    "attendance:feed-ics": expect(
        lambda world: {"token": "made-up-token"}, visitor=NOT_FOUND, eve=NOT_FOUND
    ),
    "attendance:records": expect(visitor=TO_LOGIN, eve=OK, eve_post=OK),
    "attendance:record-print": expect(
        lambda world: {"record_id": world.record_id}, **OTHERS
    ),
    "attendance:record-revoke": expect(
        lambda world: {"record_id": world.record_id}, **OTHERS_ACTION
    ),
    # An unsigned id is no code: refused. (A real code shows what alex chose to
    # show, by design; test_records covers it.)
    "attendance:record-verify": expect(
        lambda world: {"code": world.record_public_id},
        visitor=NOT_FOUND,
        eve=NOT_FOUND,
    ),
}


# -- API access and the member API ------------------------------------------------
# A visitor's API request is a 401; eve gets her own data, and alex's objects (a
# private group or meeting) are a 404 to her. POST-only operations answer GET
# with 405, so they are also POSTed (as JSON) by the visitor and by eve.


def api_world_add(world: World, *, occurrence_start: dt.datetime) -> None:
    """alex's personal access token ("Hidden Harbor sync", a secret of alex's)."""
    from kinship.tokens.services import token_create

    token, _secret = token_create(
        by=world.cast.alex,
        name="Hidden Harbor sync",
        scope="write",
        days=30,
        request=None,
    )
    world.extra["alex_token_id"] = token.pk
    world.extra["occurrence_start"] = occurrence_start.isoformat()


EXPECTATIONS.update(
    {
        # The member's tokens page: eve sees her own (none); an empty form is
        # refused and creates nothing. alex's token is a 404 to her.
        "tokens:list": expect(visitor=TO_LOGIN, eve=OK, eve_post=OK),
        "tokens:revoke": expect(
            lambda world: {"token_id": world.extra["alex_token_id"]},
            **OTHERS_ACTION,
        ),
        "api:me_read": OWN_API,
        "api:me_update": OWN_API,
        "api:my_memberships": OWN_API,
        "api:my_rsvps": OWN_API,
        "api:my_attendance": OWN_API,
        "api:membership_create": expect_api_post(private_group, lambda world: {}),
        "api:rsvp_create": expect_api_post(
            private_meeting,
            lambda world: {
                "starts_at": world.extra["occurrence_start"],
                "answer": "going",
            },
        ),
    }
)

# -- The member's security page (kinship.security) -------------------------------
# eve sees her own sign-ins; signing out everywhere ends only her own sessions.
EXPECTATIONS.update(
    {
        "security:me": OWN_PAGE,
        "security:sign-out-everywhere": expect(
            visitor=NOT_ALLOWED, eve=NOT_ALLOWED, eve_post={302}
        ),
    }
)

# Accounts (django-allauth): pages about signing in, or about one's own account.
# A visitor sees the form or is sent to sign in; eve is signed in, so a page for
# visitors sends her on. Keys in the URL are made up, so they are refused.
ACCOUNT_PAGE = expect(visitor={200, 302}, eve={200, 302}, eve_post={200, 302, 400, 405})
ACCOUNT_KEY_PAGE = expect(
    visitor={200, 302, 404}, eve={200, 302, 404}, eve_post={200, 302, 400, 404}
)
ACCOUNT_KEYS = {
    "account_confirm_email": {"key": "made-up-key"},
    "account_reset_password_from_key": {"uidb36": "1", "key": "made-up-key"},
}


for _module in walk_modules():
    EXPECTATIONS.update(_module.EXPECTATIONS)


def all_secrets() -> tuple[str, ...]:
    """alex's private words, of every app."""
    return ALEX_SECRETS + tuple(
        secret for module in walk_modules() for secret in module.SECRETS
    )


def url_patterns() -> Iterator[tuple[str, str, URLPattern]]:
    """(name or route, full route, pattern) of every URL pattern of the site."""

    def walk(
        patterns: list[Any], prefix: str, namespace: str | None
    ) -> Iterator[tuple[str, str, URLPattern]]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                nested = f"{namespace}:{inner}" if namespace and inner else inner
                yield from walk(
                    pattern.url_patterns,
                    prefix + str(pattern.pattern),
                    nested or namespace,
                )
            else:
                route = prefix + str(pattern.pattern)
                name = pattern.name
                key = f"{namespace}:{name}" if namespace and name else name or route
                yield key, route, pattern

    yield from walk(get_resolver().url_patterns, "", None)


def expectation_for(key: str, route: str) -> Expect | None:
    if route.startswith("admin/"):
        return None  # walked by test_admin_refuses_visitors_and_members
    if key in ACCOUNT_KEYS:
        return ACCOUNT_KEY_PAGE
    if key.startswith("account_"):
        return ACCOUNT_PAGE
    return EXPECTATIONS.get(key)


def test_every_url_has_an_expectation() -> None:
    missing = [
        f"{key} ({route})"
        for key, route, _ in url_patterns()
        if not route.startswith("admin/") and expectation_for(key, route) is None
    ]
    assert not missing, "URLs with no expectation in test_url_walk: " + ", ".join(
        missing
    )


def private_row_counts() -> dict[str, int]:
    """Rows of every model of our apps and of accounts: eve's POSTs change none."""
    counted = (
        "directory",
        "members",
        "attendance",
        "account",
        "auth",
        "feeds",
        "tokens",
        "notifications",
        "recovery",
        "mentorship",
        "matching",
        "toolkit",
        "facilitation",
        "training",
        "care",
        "mfa",
    )
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in counted
    }


def reverse_key(key: str, kwargs: dict[str, Any]) -> str:
    from django.urls import reverse

    return reverse(key, kwargs=kwargs or None)


def assert_nothing_private(response: Any, where: str) -> None:
    content = getattr(response, "content", b"")
    if not content:
        return
    body = content.decode(errors="replace")
    for secret in all_secrets():
        assert secret not in body, f"{where} shows {secret!r}"


def post_for(expectation: Expect, world: World) -> Callable[[Client, str], Any]:
    """How a URL is POSTed: an empty form, or the expectation's JSON body."""
    make_body = expectation.json_body
    if make_body is None:
        return lambda client, url: client.post(url, {})
    body = make_body(world)
    return lambda client, url: client.post(url, body, content_type="application/json")


@pytest.mark.django_db
def test_walk_every_url_as_a_visitor_and_as_eve(cast: Cast) -> None:
    world = world_create(cast)
    visitor = Client()
    eve = Client()
    eve.force_login(cast.eve.user)
    before = private_row_counts()
    walked = 0
    for key, route, _ in url_patterns():
        expectation = expectation_for(key, route)
        if expectation is None:
            continue
        # Signing out is one of the URLs: eve signs in again before each one.
        eve.force_login(cast.eve.user)
        kwargs = ACCOUNT_KEYS.get(key) or expectation.kwargs(world)
        url = reverse_key(key, kwargs)
        for who, client, allowed in (
            ("visitor", visitor, expectation.visitor),
            ("eve", eve, expectation.eve),
        ):
            response = client.get(url)
            assert response.status_code in allowed, (
                f"GET {url} as {who}: {response.status_code}, expected {allowed}"
            )
            assert_nothing_private(response, f"GET {url} as {who}")
        post = post_for(expectation, world)
        if expectation.visitor_post is not None:
            response = post(visitor, url)
            assert response.status_code in expectation.visitor_post, (
                f"POST {url} as visitor: {response.status_code}, "
                f"expected {expectation.visitor_post}"
            )
            assert_nothing_private(response, f"POST {url} as visitor")
        if expectation.eve_post is not None:
            response = post(eve, url)
            assert response.status_code in expectation.eve_post, (
                f"POST {url} as eve: {response.status_code}, "
                f"expected {expectation.eve_post}"
            )
            assert_nothing_private(response, f"POST {url} as eve")
        walked += 1
    assert walked >= len(EXPECTATIONS)
    after = private_row_counts()
    changed = {
        label: (before[label], after.get(label))
        for label in before
        if before[label] != after.get(label)
    }
    # Allauth may note eve's last sign-in and session; nothing of alex changes.
    assert not changed, f"eve's requests changed rows: {changed}"


@pytest.mark.django_db
def test_admin_refuses_visitors_and_members(cast: Cast) -> None:
    """Every admin page sends a visitor and a member (not staff) to its login."""
    world_create(cast)
    eve = Client()
    eve.force_login(cast.eve.user)
    for _key, route, _pattern in url_patterns():
        if not route.startswith("admin/") or "(?P" in route or "<" in route:
            continue
        url = "/" + route
        if route in ("admin/login/", "admin/logout/"):
            continue  # the admin's own sign-in and sign-out, open to everyone
        for client in (Client(), eve):
            response = client.get(url)
            assert response.status_code in {302, 404}, (url, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith("/admin/login/"), url
            assert_nothing_private(response, f"GET {url}")
    object_url = "/admin/attendance/attendancerecord/1/change/"
    response = eve.get(object_url)
    assert response.status_code in {302, 404}
