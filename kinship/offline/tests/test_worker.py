"""The service worker's script, its allow-list, the policy and the offline page."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import resolve, reverse

from kinship.members.models import Member
from kinship.members.tests.personas import signed_in
from kinship.offline import worker
from kinship.security.tests.test_headers import csp_directives

SW = "/sw.js"
PREFIX = "const KINSHIP_OFFLINE = "
PUBLIC_URL_NAMES = {"offline:page", "recovery:help"}


def config_of(response: Any) -> dict[str, Any]:
    """The allow-list the server put above the worker's code."""
    assert response.status_code == 200
    first_line = response.content.decode().split("\n", 1)[0]
    assert first_line.startswith(PREFIX)
    assert first_line.endswith(";")
    config: dict[str, Any] = json.loads(first_line[len(PREFIX) : -1])
    return config


def listed_urls(config: dict[str, Any]) -> list[str]:
    return [
        *config["shell"],
        *config["public_pages"],
        *config["member_pages"],
        config["offline_page"],
    ]


@pytest.mark.django_db
def test_the_worker_is_javascript_from_the_site_root(client: Client) -> None:
    """At /sw.js its scope is the whole site without Service-Worker-Allowed;
    always checked again, never kept by a cache between two sessions."""
    assert reverse("offline:service-worker") == SW
    response = client.get(SW)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert "Service-Worker-Allowed" not in response
    assert "no-cache" in response["Cache-Control"]
    assert "max-age=0" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    body = response.content.decode()
    assert 'self.addEventListener("fetch"' in body
    assert "// Kinship's service worker." in body  # static/js/sw.js follows


@pytest.mark.django_db
def test_a_signed_out_browser_s_worker_lists_no_private_url(client: Client) -> None:
    """Only the shell and the public pages; asking for a member's worker in the
    address changes nothing, the session decides."""
    for url in (SW, SW + "?for=visitor", SW + "?for=member"):
        config = config_of(client.get(url))
        assert config["member_pages"] == [], url
        pages = {resolve(path).view_name for path in config["public_pages"]}
        assert pages == PUBLIC_URL_NAMES
        for path in listed_urls(config):
            assert not path.startswith(("/me/", "/api/", "/accounts/", "/admin/"))
            assert path.startswith("/static/") or path in config["public_pages"]
        assert "/me/" not in client.get(url).content.decode()
        # Without even the offline page, the worker's last words are these.
        assert "988" in config["offline_text"]


@pytest.mark.django_db
def test_alex_s_worker_may_also_keep_his_schedule_and_nothing_else(
    alex: Member,
) -> None:
    response = signed_in(alex).get(SW)
    config = config_of(response)
    assert config["member_pages"] == [reverse("attendance:schedule")]
    assert config["member_pages"] == ["/me/schedule/"]
    # A signed-in answer is itself never stored (PrivateResponseMiddleware).
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_worker_holds_nothing_personal(alex: Member, eve: Member) -> None:
    """eve's worker is alex's, byte for byte: the allow-list names pages, never
    a person or an object of theirs."""
    alex_script = signed_in(alex).get(SW).content
    eve_script = signed_in(eve).get(SW).content
    assert alex_script == eve_script
    allow_list = alex_script.decode().split("\n", 1)[0]
    for member in (alex, eve):
        for word in (member.display_name, member.user.email, member.user.username):
            assert word not in allow_list, word


@pytest.mark.django_db
def test_every_listed_file_is_served(client: Client) -> None:
    """The worker's install fails if one of them is missing, so none may be."""
    config = config_of(client.get(SW))
    for path in config["shell"]:
        assert worker._static_bytes(path.removeprefix("/static/")), path
    for path in config["public_pages"]:
        assert client.get(path).status_code == 200, path


@pytest.mark.django_db
def test_a_change_to_a_stored_file_is_a_new_version(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The caches are named after the version: a deploy replaces them."""
    before = config_of(client.get(SW))["version"]
    assert before == worker.offline_version()
    assert len(before) == 16
    original = worker._static_bytes

    def changed(name: str) -> bytes:
        content = original(name)
        return content + b"\n/* changed */" if name == "css/site.css" else content

    monkeypatch.setattr(worker, "_static_bytes", changed)
    assert worker._version_compute() != before
    worker._version_cached.cache_clear()
    try:
        assert config_of(client.get(SW))["version"] != before
    finally:
        worker._version_cached.cache_clear()


@pytest.mark.django_db
def test_the_policy_allows_our_own_worker_and_manifest(client: Client) -> None:
    for url in ("/", SW, "/manifest.webmanifest", "/offline/"):
        directives = csp_directives(client.get(url))
        assert directives["worker-src"] == ["'self'"], url
        assert directives["manifest-src"] == ["'self'"], url
        assert directives["default-src"] == ["'self'"], url
        assert directives["connect-src"] == ["'self'"], url


@pytest.mark.django_db
def test_the_offline_page_has_the_crisis_lines_and_the_way_to_help(
    client: Client,
) -> None:
    response = client.get(reverse("offline:page"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>You are offline</h1>" in body
    for line in ('href="tel:988"', 'href="tel:+18006624357"', "741741", "tel:911"):
        assert line in body, line
    assert '<a href="/help/">Get help now</a>' in body
    assert '<a href="/me/schedule/">My schedule</a>' in body
    # "Try again" reloads the address the worker showed this page at.
    assert '<a class="button-primary" href="">Try again</a>' in body


@pytest.mark.django_db
def test_the_worker_stores_the_public_pages_in_the_reader_s_language(
    client: Client, alex: Member
) -> None:
    assert config_of(client.get(SW, HTTP_ACCEPT_LANGUAGE="en"))["language"] == "en"
    visitor = Client(HTTP_ACCEPT_LANGUAGE="en")
    visitor.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"  # chosen with the switcher
    spanish = visitor.get(SW)
    assert config_of(spanish)["language"] == "es"
    assert "Accept-Language" in spanish["Vary"]
    # A member's own choice, whatever the browser asks for.
    alex.language = "es"
    alex.save(update_fields=["language"])
    member = signed_in(alex)
    assert config_of(member.get(SW, HTTP_ACCEPT_LANGUAGE="en"))["language"] == "es"
