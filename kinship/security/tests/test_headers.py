"""Security headers on every response: every URL pattern, pages and API.

The walk reuses the URL walk of kinship/core/tests/test_url_walk.py (its world,
its expectations and how each URL is posted), so a new URL or API operation is
covered as soon as it has an expectation there.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from kinship.core.tests import test_url_walk as walk
from kinship.members.tests.personas import Cast

ROOT = Path(__file__).resolve().parents[3]
REFERRER_POLICIES = {"same-origin", "no-referrer", "strict-origin"}


def csp_directives(response: Any) -> dict[str, list[str]]:
    policy = response.get("Content-Security-Policy", "")
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def assert_security_headers(response: Any, where: str, *, authenticated: bool) -> None:
    directives = csp_directives(response)
    script_src = directives.get("script-src", [])
    assert "'self'" in script_src, f"{where}: script-src {script_src}"
    assert any(re.fullmatch(r"'nonce-[A-Za-z0-9+/=]{20,}'", s) for s in script_src), (
        f"{where}: no nonce in script-src {script_src}"
    )
    assert "'unsafe-inline'" not in response.get("Content-Security-Policy", "")
    assert directives.get("frame-ancestors") == ["'none'"], where
    assert directives.get("default-src") == ["'self'"], where
    assert response.get("X-Content-Type-Options") == "nosniff", where
    assert response.get("Referrer-Policy") in REFERRER_POLICIES, where
    assert "X-Powered-By" not in response, where
    if authenticated:
        assert "no-store" in response.get("Cache-Control", ""), (
            f"{where}: Cache-Control {response.get('Cache-Control')!r}"
        )


def alex_token(cast: Cast) -> str:
    from kinship.tokens.services import token_create

    _token, secret = token_create(
        by=cast.alex, name="Header walk", scope="read", days=30, request=None
    )
    return secret


@pytest.mark.django_db
def test_every_url_answers_with_the_security_headers(cast: Cast) -> None:
    """Every URL pattern, GET as a visitor, as alex signed in and (API) with
    alex's token; POSTed as the URL walk does. Admin pages included."""
    world = walk.world_create(cast)
    visitor = Client()
    alex = Client()
    alex.force_login(cast.alex.user)
    token = Client(HTTP_AUTHORIZATION=f"Bearer {alex_token(cast)}")
    eve = Client()
    api_operations = 0
    requests = 0
    for key, route, _pattern in walk.url_patterns():
        expectation = walk.expectation_for(key, route)
        if expectation is None:
            if "(?P" in route or "<" in route:
                continue  # admin pages with an object in the URL: one below
            url = "/" + route
        else:
            kwargs = walk.ACCOUNT_KEYS.get(key) or expectation.kwargs(world)
            url = walk.reverse_key(key, kwargs)
        clients: list[tuple[str, Client, bool]] = [
            ("visitor", visitor, False),
            ("alex", alex, True),
        ]
        if route.startswith("api/"):
            clients.append(("alex's token", token, True))
            api_operations += 1
        for who, client, authenticated in clients:
            response = client.get(url)
            assert response.status_code < 500, f"GET {url} as {who}"
            assert_security_headers(
                response, f"GET {url} as {who}", authenticated=authenticated
            )
            requests += 1
        if expectation is None:
            continue
        post = walk.post_for(expectation, world)
        if expectation.visitor_post is not None:
            response = post(visitor, url)
            assert_security_headers(
                response, f"POST {url} as visitor", authenticated=False
            )
            requests += 1
        if expectation.eve_post is not None:
            eve.force_login(cast.eve.user)  # sign-out URLs are among them
            response = post(eve, url)
            assert_security_headers(response, f"POST {url} as eve", authenticated=True)
            requests += 1
    # Not found, and an admin object page.
    for url in ("/no-such-page/", "/api/v1/no-such-operation", "/admin/auth/user/1/"):
        for who, client, authenticated in (
            ("visitor", visitor, False),
            ("alex", alex, True),
        ):
            response = client.get(url)
            assert_security_headers(
                response, f"GET {url} as {who}", authenticated=authenticated
            )
    assert api_operations >= 5
    assert requests > 100


@pytest.mark.django_db
def test_each_response_has_its_own_nonce(client: Client) -> None:
    url = reverse("directory:home")
    first = csp_directives(client.get(url))["script-src"]
    second = csp_directives(client.get(url))["script-src"]
    assert first != second


@pytest.mark.django_db
def test_signing_in_and_out_answers_are_not_stored(cast: Cast) -> None:
    """The answers that set or end a session are private too."""
    client = Client()
    response = client.post(
        reverse("account_login"),
        {"login": "alex@example.org", "password": "correct horse battery staple 42"},
    )
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]
    # A visitor's page may be cached.
    assert "no-store" not in client.get(reverse("directory:home")).get(
        "Cache-Control", ""
    )


@pytest.mark.django_db
def test_the_api_docs_load_nothing_from_another_site(client: Client) -> None:
    """/api/v1/docs is served from our static files (``ninja`` is installed):
    its scripts, styles and icons are same-origin, as the policy requires."""
    response = client.get(reverse("api:openapi-view"))
    assert response.status_code == 200
    body = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]*)"', body)
    assert urls
    assert all(url.startswith(settings.STATIC_URL) for url in urls), urls
    assert "cdn." not in body
    # Its settings are a JSON data block (not run as a script), read by a file.
    assert '<script type="application/json" id="swagger-settings">' in body


INLINE = [
    (
        re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>"),
        "inline script",
    ),
    (re.compile(r"<style\b"), "style element"),
    (re.compile(r"\sstyle=\""), "style attribute"),
    (re.compile(r"\son[a-z]+=\""), "event handler attribute"),
    (re.compile(r"javascript:"), "javascript: URL"),
    (re.compile(r"\shx-on"), "htmx inline handler"),
]


def template_files() -> list[Path]:
    files = list((ROOT / "templates").rglob("*.html"))
    files += list((ROOT / "kinship").glob("*/templates/**/*.html"))
    return files


def test_templates_have_no_inline_script_style_or_handler() -> None:
    """What the policy would block: an inline script needs the response's nonce
    (``nonce="{{ request.csp_nonce }}"``); styles and handlers go in files."""
    files = template_files()
    assert len(files) > 20
    found = []
    for path in files:
        text = path.read_text()
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                if what == "inline script" and "request.csp_nonce" in match.group():
                    continue
                found.append(f"{path.relative_to(ROOT)}: {what}: {match.group()}")
    assert not found, "\n".join(found)


def test_htmx_is_configured_for_the_policy() -> None:
    """htmx adds no inline style of its own and evaluates no strings."""
    base = (ROOT / "templates" / "base.html").read_text()
    assert '"includeIndicatorStyles": false' in base
    assert '"allowEval": false' in base


@pytest.mark.django_db
def test_a_visitor_s_json_answer_does_not_vary_on_cookies(client: Client) -> None:
    """The checks for a signed-in session do not make public answers uncacheable."""
    response = client.get(reverse("feeds:meetings-json"))
    assert response.status_code == 200
    assert "Cookie" not in response.get("Vary", "")
    assert "no-store" not in response.get("Cache-Control", "")
