"""Irreversible actions ask first, and the pattern needs no JavaScript.

With scripts off, alex opens a clock -> "Delete this clock and its history…" leads
to a page saying what goes -> Cancel comes back with the clock intact -> a reset
is confirmed on its own page with a note -> the clock is deleted after confirming.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from kinship.members.tests.personas import cast_create
from kinship.recovery.models import ClockReset, SobrietyClock
from kinship.recovery.services.clocks import clock_create
from tests.e2e.conftest import TIMEOUT_MS, axe_check, persona_sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def page_without_js(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    context = browser.new_context(
        bypass_csp=True,
        java_script_enabled=False,
        locale="en-US",
        timezone_id="America/New_York",
        viewport={"width": 360, "height": 800},
    )
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


def test_clock_reset_and_delete_are_confirmed_on_their_own_pages(
    page_without_js: Page, page: Page, live_server: LiveServer
) -> None:
    cast = cast_create()
    clock = clock_create(
        by=cast.alex,
        label="alcohol",
        started_at=timezone.now() - dt.timedelta(days=40),
    )
    base = live_server.url
    browser_page = page_without_js
    persona_sign_in(browser_page, base, "alex@example.org")
    detail = f"{base}/me/clocks/{clock.pk}/"

    browser_page.goto(detail)
    browser_page.get_by_role("link", name="Delete this clock and its history…").click()
    expect(browser_page).to_have_url(f"{detail}delete/confirm/")
    main = browser_page.get_by_role("main")
    expect(main).to_contain_text("This cannot be undone.")
    browser_page.get_by_role("link", name=re.compile("Cancel")).click()
    expect(browser_page).to_have_url(detail)
    assert SobrietyClock.objects.filter(pk=clock.pk).exists()

    browser_page.get_by_role("link", name="Reset the clock…").click()
    expect(main).to_contain_text("Your current streak of 40 days")
    browser_page.get_by_label("A private note (optional)").fill("A hard week.")
    browser_page.get_by_role("button", name="Yes, reset the clock").click()
    expect(browser_page).to_have_url(detail)
    expect(browser_page.locator(".messages")).to_contain_text("A new streak starts")
    assert ClockReset.objects.get(clock=clock).note == "A hard week."

    browser_page.goto(f"{detail}delete/confirm/")
    browser_page.get_by_role(
        "button", name="Yes, delete the clock and its history"
    ).click()
    expect(browser_page).to_have_url(f"{base}/me/clocks/")
    assert not SobrietyClock.objects.exists()

    # The confirm page with scripts on: accessible, and its content fits 360 px.
    other = clock_create(
        by=cast.alex, label="gambling", started_at=timezone.now() - dt.timedelta(1)
    )
    page.set_viewport_size({"width": 360, "height": 800})
    persona_sign_in(page, base, "alex@example.org")
    page.goto(f"{base}/me/clocks/{other.pk}/delete/confirm/")
    axe_check(page)
    # The site's navigation bar is another part's (it is wider than 360 px with
    # a notifications badge); this page's own content must fit.
    too_wide = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter((e) => e.getBoundingClientRect().right > window.innerWidth)
            .map((e) => e.tagName)"""
    )
    assert too_wide == []
