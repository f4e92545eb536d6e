"""Member API: my profile and memberships, by token or session, and never eve's way
into alex's data."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kinship.directory.models import GroupStatus, Visibility
from kinship.directory.tests.factories import GroupFactory
from kinship.members.models import Level, Membership
from kinship.members.tests.personas import Cast, membership_create
from kinship.tokens.tests.helpers import api_client, session_client

pytestmark = pytest.mark.django_db

ME = "/api/v1/me"
MEMBERSHIPS = "/api/v1/me/memberships"


def join_url(slug: str) -> str:
    return f"/api/v1/groups/{slug}/membership"


def patch(client: Client, body: Any, **extra: Any) -> Any:
    return client.patch(ME, body, content_type="application/json", **extra)


def with_csrf(client: Client) -> dict[str, Any]:
    """The CSRF header a page's JavaScript would send."""
    client.get("/me/tokens/")
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


@pytest.mark.parametrize("url", [ME, MEMBERSHIPS])
def test_a_visitor_gets_401(cast: Cast, url: str) -> None:
    response = Client().get(url)
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]


def test_my_profile_by_token_and_by_session(cast: Cast) -> None:
    for client in (api_client(cast.alex), session_client(cast.alex)):
        data = client.get(ME).json()
        assert data["display_name"] == "Alex K."
        assert data["roster_name"] == "display_name"
        assert "email" not in data
        assert "alex@example.org" not in str(data)


def test_eve_sees_only_her_own_profile(cast: Cast) -> None:
    data = api_client(cast.eve).get(ME).json()
    assert data["display_name"] == "Eve"
    assert "Alex" not in str(data)


def test_patch_changes_only_the_fields_given(cast: Cast) -> None:
    response = patch(
        api_client(cast.alex), {"timezone": "Europe/Madrid", "focus": "addiction"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["timezone"] == "Europe/Madrid"
    assert response.json()["warnings"] == []
    cast.alex.refresh_from_db()
    assert (cast.alex.display_name, cast.alex.timezone, cast.alex.focus) == (
        "Alex K.",
        "Europe/Madrid",
        "addiction",
    )


def test_patch_warns_about_a_name_that_identifies(cast: Cast) -> None:
    response = patch(api_client(cast.alex), {"display_name": "alex@example.org"})
    assert response.status_code == 200
    assert response.json()["warnings"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"display_name": "   "}, "display_name"),
        ({"display_name": ""}, "display_name"),
        ({"display_name": "A\x00"}, "display_name"),
        ({"display_name": "x" * 61}, "display_name"),
        ({"roster_name": "full_name"}, "roster_name"),
        ({"focus": "gambling"}, "focus"),
    ],
)
def test_patch_refuses_bad_values_naming_the_field(
    cast: Cast, body: dict[str, str], field: str
) -> None:
    response = patch(api_client(cast.alex), body)
    assert response.status_code == 422
    assert field in response.json()["detail"][0]["loc"]
    cast.alex.refresh_from_db()
    assert (cast.alex.display_name, cast.alex.timezone) == (
        "Alex K.",
        "America/New_York",
    )


def test_a_body_that_is_not_json_is_refused(cast: Cast) -> None:
    response = patch(api_client(cast.alex), "{not json")
    assert response.status_code == 400


def test_a_session_write_needs_the_csrf_token(cast: Cast) -> None:
    client = session_client(cast.alex, csrf=True)
    refused = patch(client, {"display_name": "Changed"})
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"]
    cast.alex.refresh_from_db()
    assert cast.alex.display_name == "Alex K."

    accepted = patch(client, {"display_name": "Changed"}, **with_csrf(client))
    assert accepted.status_code == 200
    cast.alex.refresh_from_db()
    assert cast.alex.display_name == "Changed"


def test_my_memberships(cast: Cast, django_assert_max_num_queries: Any) -> None:
    for n in range(3):
        membership_create(cast.alex, GroupFactory.create(name=f"G{n}"), Level.OBSERVER)
    client = api_client(cast.alex)
    client.get(ME)  # the token's last use is written once a minute: not counted
    with django_assert_max_num_queries(3):
        data = client.get(MEMBERSHIPS).json()
    assert [m["group"]["slug"] for m in data][-1] == "tuesday-dual-recovery"
    assert {m["level"] for m in data} == {"observer", "participant"}


def test_eve_memberships_do_not_show_alex_groups(cast: Cast) -> None:
    private = GroupFactory.create(name="Hidden Harbor", visibility=Visibility.PRIVATE)
    membership_create(cast.alex, private, Level.PARTICIPANT)
    assert api_client(cast.eve).get(MEMBERSHIPS).json() == []


def test_join_a_group_as_an_observer(cast: Cast) -> None:
    group = GroupFactory.create(slug="open-door")
    response = api_client(cast.eve).post(join_url(group.slug))
    assert response.status_code == 201
    assert response.json()["level"] == "observer"
    assert response.json()["group"]["slug"] == "open-door"
    assert Membership.objects.get(member=cast.eve, group=group).level == "observer"


def test_joining_twice_or_a_closed_group_is_409(cast: Cast) -> None:
    closed = GroupFactory.create(slug="closed", status=GroupStatus.INACTIVE)
    client = api_client(cast.alex)
    again = client.post(join_url(cast.group.slug))
    assert again.status_code == 409
    assert "already a member" in again.json()["detail"]
    assert client.post(join_url(closed.slug)).status_code == 409
    assert not Membership.objects.filter(group=closed).exists()


def test_eve_cannot_join_a_private_group(cast: Cast) -> None:
    private = GroupFactory.create(slug="hidden-harbor", visibility=Visibility.PRIVATE)
    response = api_client(cast.eve).post(join_url(private.slug))
    assert response.status_code == 404
    assert "Hidden" not in response.content.decode()
    assert api_client(cast.eve).post(join_url("no-such-group")).status_code == 404
    assert not Membership.objects.filter(member=cast.eve).exists()


def test_join_by_session_needs_the_csrf_token(cast: Cast) -> None:
    group = GroupFactory.create(slug="open-door")
    client = session_client(cast.eve, csrf=True)
    assert client.post(join_url(group.slug)).status_code == 403
    assert not Membership.objects.filter(member=cast.eve).exists()
    assert client.post(join_url(group.slug), **with_csrf(client)).status_code == 201


def test_a_visitor_cannot_join(cast: Cast) -> None:
    group = GroupFactory.create(slug="open-door")
    assert Client().post(join_url(group.slug)).status_code == 401
    assert not Membership.objects.filter(group=group).exists()
