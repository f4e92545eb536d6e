"""A newcomer finds a group with the guided questions: step by step with JavaScript,
all at once without it, and the same groups in the same order either way."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from tests.e2e.conftest import TIMEOUT_MS, axe_check, save_screenshot

pytestmark = pytest.mark.django_db(transaction=True)

# Addiction, weekday evenings, near Philadelphia without a car, listening first:
# several demo groups fit (in person nearby and online).
FOCUS = "Recovery from addiction"
SLOT = "Weekday evenings (from 5 PM)"
ZIP = "19103"
TRAVEL = "In person, without a car (walking, transit, lifts)"
COMFORT = "I'd like to listen first"
RESULT_PATH = re.compile(r"/match/result/$")


def group_names(page: Page) -> list[str]:
    expect(page.get_by_role("heading", level=1)).to_have_text("Groups for you")
    return page.locator(".match-card .match-name a").all_inner_texts()


def assert_one_step_shown(page: Page) -> None:
    """Exactly one step of the questions is on screen, not the whole form."""
    expect(page.locator(".match-step-form:visible")).to_have_count(1)
    expect(page.locator("fieldset.match-step")).to_have_count(0)


def next_step(page: Page, number: int) -> None:
    """Go on from the current step; with htmx the next one replaces it in place."""
    page.get_by_role("button", name="Next").click()
    expect(page.locator(f".match-step-form[data-step='{number}']")).to_be_visible()
    assert_one_step_shown(page)


def test_guided_steps_and_the_plain_form_offer_the_same_groups(
    page: Page, browser: Browser, live_server: LiveServer, demo_directory: None
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_server.url + "/match/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find my group")
    # htmx swaps the whole form for its first step.
    step = page.locator(".match-step-form")
    expect(step).to_have_attribute("data-step", "1")
    assert_one_step_shown(page)
    axe_check(page)

    # A step checks only its own answers.
    page.get_by_role("button", name="Next").click()
    expect(page.locator("#id_focus_error")).to_have_text(
        "Please choose what you would like support with."
    )
    expect(step).to_have_attribute("data-step", "1")
    page.evaluate("() => { window.kinshipSamePage = true; }")

    page.get_by_label(FOCUS).check()
    next_step(page, 2)
    expect(page.locator(":focus")).to_have_id("match-step-heading")
    page.get_by_label(SLOT).check()
    next_step(page, 3)
    page.get_by_label(TRAVEL).check()
    page.get_by_role("button", name="Next").click()
    expect(page.locator("#id_zip_error")).to_contain_text("give your ZIP code")
    page.get_by_label("Your US ZIP code").fill(ZIP)
    next_step(page, 4)
    # Back to the place question: the answer given is still there.
    page.get_by_role("link", name="Back").click()
    expect(page.locator(".match-step-form[data-step='3']")).to_be_visible()
    expect(page.get_by_label("Your US ZIP code")).to_have_value(ZIP)
    next_step(page, 4)
    page.get_by_label(COMFORT).check()
    next_step(page, 5)
    axe_check(page)
    next_step(page, 6)
    assert page.evaluate("() => window.kinshipSamePage === true"), (
        "a step reloaded the whole page"
    )
    page.get_by_role("button", name="Show my groups").click()

    expect(page).to_have_url(RESULT_PATH)
    guided = group_names(page)
    assert len(guided) >= 3, guided
    # No answer ever travels in a URL (so none reaches an access log).
    for url in requested:
        assert ZIP not in url, url
        assert not re.search(r"[?&](focus|slots|zip|travel|comfort)=", url), url
    first = page.locator(".match-card").first
    expect(first.get_by_role("heading", name="Why this group")).to_be_visible()
    expect(
        first.get_by_role("link", name=re.compile("^Dates and RSVP for"))
    ).to_have_count(len(first.locator(".match-next li").all()))
    first.get_by_text("How the fit adds up").click()
    expect(first.locator("table.match-parts tbody tr")).to_have_count(9)
    axe_check(page)
    save_screenshot(page, "match-result")

    context = browser.new_context(java_script_enabled=False, locale="en-US")
    context.set_default_timeout(TIMEOUT_MS)
    try:
        plain = context.new_page()
        plain.goto(live_server.url + "/match/")
        expect(plain.locator("fieldset.match-step")).to_have_count(6)
        expect(plain.locator("form.match-form")).to_have_count(1)
        plain.get_by_label(FOCUS).check()
        plain.get_by_label(SLOT).check()
        plain.get_by_label("Your US ZIP code").fill(ZIP)
        plain.get_by_label(TRAVEL).check()
        plain.get_by_label(COMFORT).check()
        with plain.expect_navigation():
            plain.get_by_role("button", name="Show my groups").click()
        expect(plain).to_have_url(RESULT_PATH)
        at_once = group_names(plain)
        save_screenshot(plain, "match-result-no-js")
    finally:
        context.close()

    assert at_once == guided


def test_the_whole_form_is_accessible(
    browser: Browser, live_server: LiveServer, demo_directory: None
) -> None:
    """The one form that works without JavaScript, checked by axe (injected, so
    scripts run; htmx is left out, as for a visitor without JavaScript)."""
    context = browser.new_context(bypass_csp=True, locale="en-US")
    context.set_default_timeout(TIMEOUT_MS)
    context.route(
        re.compile(r"/htmx\.min\.js$"),
        lambda route: route.fulfill(content_type="text/javascript", body=""),
    )
    try:
        page = context.new_page()
        page.goto(live_server.url + "/match/")
        expect(page.locator("fieldset.match-step")).to_have_count(6)
        axe_check(page)
        save_screenshot(page, "match-form")
        # Sent with errors, it shows them beside each answer, still accessible.
        with page.expect_navigation():
            page.get_by_role("button", name="Show my groups").click()
        expect(page.locator("#id_focus_error")).to_be_visible()
        expect(page.locator("#id_comfort_error")).to_be_visible()
        axe_check(page)
    finally:
        context.close()
