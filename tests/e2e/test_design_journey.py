"""Phone widths (issue 19): every signed-in page fits 390 and 320 px with no
sideways scroll, "I need support" is in view in the header bar, the menu opens
with and without JavaScript, and axe-core finds nothing serious or critical."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from kinship.care.tests.helpers import clinic_create
from kinship.members.tests.personas import cast_create
from tests.e2e.conftest import axe_check, persona_sign_in, save_screenshot
from tests.e2e.test_clinic_journey import clinician_sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PHONES = [
    pytest.param({"width": 390, "height": 844}, id="390x844"),
    pytest.param({"width": 320, "height": 640}, id="320x640"),
]


# The innermost elements that reach past the right edge, to name in a failure.
WIDER_THAN_THE_SCREEN = """() => Array.from(document.querySelectorAll("body *"))
    .filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5)
    .filter((e) => !Array.from(e.children).some(
        (c) => c.getBoundingClientRect().right > innerWidth + 0.5))
    .slice(0, 5)
    .map((e) => `${e.tagName.toLowerCase()}.${e.className}#${e.id} `
        + `in ${e.parentElement.className} ${e.parentElement.parentElement.className} `
        + `${Math.round(e.getBoundingClientRect().right)}px`)"""


def assert_fits_the_phone(page: Page, *, support_button: bool) -> None:
    """No sideways scroll; the header's "I need support" (for members) is
    inside the viewport; nothing serious or critical for axe-core."""
    page.evaluate("() => window.scrollTo(0, 0)")
    scroll_width, inner_width, inner_height = page.evaluate(
        "() => [document.documentElement.scrollWidth, innerWidth, innerHeight]"
    )
    if scroll_width > inner_width:
        too_wide = page.evaluate(WIDER_THAN_THE_SCREEN)
        pytest.fail(f"{page.url}: {scroll_width}px wide, because of {too_wide}")
    header = page.locator("header.site-header")
    crisis = header.get_by_role("link", name="Get help now")
    expect(crisis).to_be_visible()
    if support_button:
        button = header.get_by_role("button", name="I need support")
        expect(button).to_be_visible()
        box = button.bounding_box()
        assert box is not None
        assert box["x"] >= 0
        assert box["y"] >= 0
        assert box["x"] + box["width"] <= inner_width, f"{page.url}: {box}"
        assert box["y"] + box["height"] <= inner_height, f"{page.url}: {box}"
        # A comfortable tap target.
        assert box["height"] >= 44
    axe_check(page)


@pytest.mark.parametrize("viewport", PHONES)
def test_member_and_leader_pages_fit_a_phone(
    page: Page, browser: Browser, live_server: LiveServer, viewport: ViewportSize
) -> None:
    cast = cast_create()
    base = live_server.url
    page.set_viewport_size(viewport)
    persona_sign_in(page, base, "alex@example.org")
    slug = cast.group.slug
    for url in (
        reverse("members:me"),
        reverse("directory:home"),
        reverse("recovery:checkin"),
        reverse("recovery:help"),
        reverse("notifications:list"),
        reverse("matching:match"),
        reverse("directory:group-detail", args=[slug]),
        reverse("attendance:schedule"),
    ):
        page.goto(base + url)
        assert_fits_the_phone(page, support_button=True)
    save_screenshot(page, f"design-alex-{viewport['width']}")

    fran = browser.new_context(bypass_csp=True, viewport=viewport).new_page()
    persona_sign_in(fran, base, "fran@example.org")
    for url in (
        reverse("membership:roster", args=[slug]),
        reverse("membership:meeting-new", args=[slug]),
        reverse("facilitation:moderation", args=[slug]),
        reverse("facilitation:board", args=[slug]),
    ):
        fran.goto(base + url)
        assert_fits_the_phone(fran, support_button=True)
    save_screenshot(fran, f"design-roster-{viewport['width']}")
    fran.context.close()


@pytest.mark.parametrize("viewport", PHONES)
def test_clinic_pages_fit_a_phone_with_the_clinic_navigation(
    page: Page, live_server: LiveServer, viewport: ViewportSize
) -> None:
    cast = cast_create()
    staff = clinic_create(cast.dr_lee)
    base = live_server.url
    page.set_viewport_size(viewport)
    clinician_sign_in(page, base, "dr_lee@example.org")
    slug = staff.organisation.slug
    for url in (
        reverse("care:clinic-home", args=[slug]),
        reverse("care:clinic-referral-new", args=[slug]),
        reverse("care:clinic-report", args=[slug]),
    ):
        page.goto(base + url)
        assert_fits_the_phone(page, support_button=False)
    page.get_by_role("button", name="Menu").click()
    menu = page.locator("#site-menu")
    expect(menu.get_by_role("link", name="Clinic home")).to_be_visible()
    expect(menu.get_by_role("link", name="Reports")).to_be_visible()
    expect(menu.get_by_role("link", name="My recovery")).to_have_count(0)


def test_the_menu_button_opens_and_closes_the_menu(
    page: Page, live_server: LiveServer
) -> None:
    cast_create()
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    persona_sign_in(page, base, "alex@example.org")
    menu_link = page.locator("#site-menu").get_by_role("link", name="Find my group")
    expect(menu_link).to_be_hidden()
    toggle = page.get_by_role("button", name="Menu")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu_link).to_be_visible()
    assert_fits_the_phone(page, support_button=True)
    page.keyboard.press("Escape")
    expect(menu_link).to_be_hidden()
    expect(toggle).to_be_focused()
    # Wide screens show the links and no Menu button.
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(menu_link).to_be_visible()
    expect(toggle).to_be_hidden()


def test_the_menu_opens_without_javascript(
    browser: Browser, live_server: LiveServer
) -> None:
    cast_create()
    base = live_server.url
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 320, "height": 640}
    )
    page = context.new_page()
    persona_sign_in(page, base, "alex@example.org")
    menu_link = page.locator("#site-menu").get_by_role("link", name="Find my group")
    expect(menu_link).to_be_hidden()
    support = page.locator("header").get_by_role("button", name="I need support")
    expect(support).to_be_in_viewport()
    page.get_by_role("link", name=re.compile("^Menu")).click()
    expect(menu_link).to_be_visible()
    page.get_by_role("link", name="Close the menu").click()
    expect(menu_link).to_be_hidden()
    context.close()


@pytest.mark.parametrize("viewport", PHONES)
def test_the_style_page_fits_a_phone(
    page: Page, live_server: LiveServer, viewport: ViewportSize
) -> None:
    cast = cast_create()
    cast.eve.user.is_staff = True
    cast.eve.user.save()
    page.set_viewport_size(viewport)
    persona_sign_in(page, live_server.url, "eve@example.org")
    page.goto(live_server.url + reverse("styleguide"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Style guide")
    assert_fits_the_phone(page, support_button=True)
    # The scale is a keyboard-operable radio group.
    craving = page.get_by_role("group", name="A 0-10 scale")
    craving.get_by_label("3", exact=True).focus()
    page.keyboard.press("ArrowRight")
    expect(craving.get_by_label("4", exact=True)).to_be_checked()
    save_screenshot(page, f"design-styleguide-{viewport['width']}")
