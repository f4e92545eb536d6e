"""Installable and usable offline, end to end in the browser.

alex signs in on a phone-sized screen: the browser reads the manifest (icons of at
least 192 px, a start URL) and finds nothing against installing; the service
worker controls the page after a reload. With the network gone, the help page and
alex's schedule still open from the worker's cache and any other page shows the
offline page with the crisis lines. Signing out empties the caches and removes the
worker.

The journey runs under the site's real Content-Security-Policy (its context does
not bypass it), so the policy is shown to allow the worker and the manifest.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Route,
    expect,
)
from pytest_django.live_server_helper import LiveServer

from kinship.members.tests.personas import cast_create
from kinship.offline.worker import worker_config
from tests.e2e.conftest import (
    TIMEOUT_MS,
    axe_check,
    persona_sign_in,
    save_screenshot,
)

pytestmark = pytest.mark.django_db(transaction=True)

WORKER_SCRIPT = re.compile(r"/sw\.js(\?|$)")

# Every cached request, by cache: {cache name: [path, ...]}.
CACHED = """async () => {
    const found = {};
    for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        found[name] = (await cache.keys()).map((r) => new URL(r.url).pathname);
    }
    return found;
}"""


@pytest.fixture
def phone(browser: Browser, live_server: LiveServer) -> Iterator[BrowserContext]:
    """A phone-sized context under the real policy; fails on script errors."""
    context = browser.new_context(
        locale="en-US",
        timezone_id="America/New_York",
        viewport={"width": 390, "height": 844},
        service_workers="allow",
    )
    context.set_default_timeout(TIMEOUT_MS)
    problems: list[str] = []
    context.on("weberror", lambda error: problems.append(f"error: {error.error}"))
    context.on("console", lambda message: _record_console_error(message, problems))
    yield context
    context.close()
    if problems:
        pytest.fail("The browser reported problems:\n" + "\n".join(problems))


# Chromium's own words when it cannot fetch the worker's script: offline (its
# update check after a navigation), and while the journey refuses the script.
WORKER_FETCH_FAILED = "when fetching the script"


def _record_console_error(message: ConsoleMessage, problems: list[str]) -> None:
    if message.type == "error" and WORKER_FETCH_FAILED not in message.text:
        problems.append(f"console: {message.text} ({message.location['url']})")


def cached(page: Page) -> dict[str, list[str]]:
    found: dict[str, list[str]] = page.evaluate(CACHED)
    return found


def wait_until(page: Page, check: str, arg: Any = None) -> None:
    """Until an async check in the page answers true. (``wait_for_function``
    would take the unresolved promise for a true answer.)"""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not page.evaluate(check, arg):
        if time.monotonic() > deadline:
            pytest.fail(f"still false after {TIMEOUT_MS} ms: {check}")
        page.wait_for_timeout(100)


def wait_for_worker(page: Page, script: str) -> None:
    """Until the active worker is the one of that script address."""
    wait_until(
        page,
        """async (script) => {
            const registration = await navigator.serviceWorker.getRegistration();
            return Boolean(registration && registration.active &&
                registration.active.scriptURL.endsWith(script));
        }""",
        script,
    )


def wait_until_cached(page: Page, path: str) -> None:
    wait_until(
        page,
        """async (path) => {
            for (const name of await caches.keys()) {
                const cache = await caches.open(name);
                if (await cache.match(path)) return true;
            }
            return false;
        }""",
        path,
    )


def allowed(*, signed_in: bool) -> list[str]:
    """Every address the worker may store, from its allow-list."""
    config = worker_config(signed_in=signed_in)
    return [*config["shell"], *config["public_pages"], *config["member_pages"]]


def assert_installable(page: Page) -> None:
    """What Chromium itself checks before it offers to install the site."""
    cdp = page.context.new_cdp_session(page)
    answer: dict[str, Any] = cdp.send("Page.getAppManifest")
    assert answer["url"].endswith("/manifest.webmanifest"), answer
    assert not answer.get("errors"), answer["errors"]
    manifest = json.loads(answer["data"])
    sizes = [
        int(icon["sizes"].split("x")[0])
        for icon in manifest["icons"]
        if icon.get("type") == "image/png"
    ]
    assert max(sizes) >= 512, sizes
    assert min(sizes) >= 192, sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    assert manifest["start_url"] == "/"
    assert manifest["display"] == "standalone"
    # The browser loads the icons too: each is a real PNG of its size.
    for icon in manifest["icons"]:
        response = page.request.get(urljoin(answer["url"], icon["src"]))
        assert response.ok
        assert response.headers["content-type"] == "image/png"
    errors: dict[str, Any] = cdp.send("Page.getInstallabilityErrors")
    blocking = [
        error["errorId"]
        for error in errors["installabilityErrors"]
        # A test context is an incognito-like profile, where Chromium never
        # installs; that says nothing about the site.
        if error["errorId"] != "in-incognito"
    ]
    assert blocking == [], errors
    cdp.detach()


def test_installable_then_help_and_schedule_open_offline_and_sign_out_clears(
    phone: BrowserContext, live_server: LiveServer
) -> None:
    cast_create()  # alex takes part in the Tuesday Dual Recovery group
    base = live_server.url
    page = phone.new_page()

    # Signed in, the worker installs with alex's schedule; after a reload it
    # controls the page.
    persona_sign_in(page, base, "alex@example.org")
    wait_for_worker(page, "/sw.js?for=member")
    page.reload()
    assert page.evaluate("() => navigator.serviceWorker.controller !== null")
    assert_installable(page)
    wait_until_cached(page, "/me/schedule/")
    wait_until_cached(page, "/help/")
    # Other pages, a form sent and the API, online: none of them is stored.
    page.goto(base + "/me/security/")
    page.goto(base + "/meetings/")
    page.goto(base + "/me/support/")
    with page.expect_navigation():  # an empty form: refused, nothing added
        page.get_by_role("button", name="Add this person").click()
    expect(page.locator(".has-error").first).to_be_visible()
    assert page.evaluate("async () => (await fetch('/api/v1/me')).status") in {200, 401}
    paths = [path for paths in cached(page).values() for path in paths]
    assert sorted(paths) == sorted(allowed(signed_in=True)), paths

    # Offline: help and the schedule from the cache, any other page the offline page.
    phone.set_offline(True)
    page.goto(base + "/help/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Get help now")
    expect(page.get_by_role("link", name="1-800-662-4357").first).to_be_visible()
    page.goto(base + "/me/schedule/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My schedule")
    expect(page.get_by_role("link", name="Tuesday Evening").first).to_be_visible()
    page.goto(base + "/meetings/?q=harbor")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    expect(page.get_by_role("link", name="988").first).to_be_visible()
    expect(page.get_by_role("link", name="Get help now").last).to_have_attribute(
        "href", "/help/"
    )
    assert page.url == base + "/meetings/?q=harbor"
    save_screenshot(page, "offline-page-390")
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 390, f"the offline page scrolls sideways ({width} px)"

    # Back online, alex signs out: the answer tells the browser to forget the
    # site's data. The worker is kept from coming back for the moment, to see
    # that nothing is left.
    phone.set_offline(False)
    page.goto(base + "/me/")
    phone.route(WORKER_SCRIPT, _refuse)
    menu = page.get_by_role("button", name="Menu")
    if menu.is_visible():  # the phone's folded menu holds "Sign out"
        menu.click()
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(base + "/")
    assert cached(page) == {}
    assert (
        page.evaluate(
            "async () => (await navigator.serviceWorker.getRegistrations()).length"
        )
        == 0
    )

    # A visitor's worker again: the public shell only, nothing of alex's.
    phone.unroute(WORKER_SCRIPT)
    page.reload()
    wait_for_worker(page, "/sw.js?for=visitor")
    wait_until_cached(page, "/help/")
    paths = [path for paths in cached(page).values() for path in paths]
    assert sorted(paths) == sorted(allowed(signed_in=False)), paths
    assert not [name for name in cached(page) if "member" in name]


def test_a_session_ended_elsewhere_leaves_no_copy_of_the_schedule(
    phone: BrowserContext, live_server: LiveServer
) -> None:
    """alex's sessions end on the server (signed out everywhere from another
    device): this browser gets no sign-out answer, but its next page is a
    visitor's, whose worker drops the copy of alex's schedule."""
    cast_create()
    base = live_server.url
    page = phone.new_page()
    persona_sign_in(page, base, "alex@example.org")
    wait_for_worker(page, "/sw.js?for=member")
    wait_until_cached(page, "/me/schedule/")
    Session.objects.all().delete()
    page.goto(base + "/help/")
    nav = page.get_by_role("navigation", name="Main")
    # Signed out: the visitor's links (in the folded phone menu), no support button.
    expect(nav.locator("a", has_text="Sign in")).to_have_count(1)
    expect(nav.get_by_role("button", name="I need support")).to_have_count(0)
    wait_for_worker(page, "/sw.js?for=visitor")
    wait_until(
        page,
        "async () => !(await caches.keys()).some((name) => name.includes('member'))",
    )
    phone.set_offline(True)
    page.goto(base + "/me/schedule/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    expect(page.get_by_text("Tuesday Evening")).to_have_count(0)


def _refuse(route: Route) -> None:
    route.fulfill(status=404, body="", headers={"Content-Type": "text/plain"})


def test_the_offline_page_is_accessible_at_320_px(
    page: Page, live_server: LiveServer
) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + "/offline/")
    expect(page.get_by_role("heading", level=1)).to_have_text("You are offline")
    axe_check(page)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 320, f"the offline page scrolls sideways ({width} px)"
