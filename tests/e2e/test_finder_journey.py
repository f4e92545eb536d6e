"""A newcomer finds a meeting: home, ZIP search, online filter, meeting page."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import (
    Browser,
    Geolocation,
    Locator,
    Page,
    Response,
    ViewportSize,
    expect,
)
from pytest_django.live_server_helper import LiveServer

from kinship.directory.models import AttendanceMode, Meeting
from kinship.directory.tests.factories import (
    GroupFactory,
    LocationFactory,
    MeetingFactory,
)
from tests.e2e.conftest import (
    ARTIFACTS,
    axe_check,
    save_screenshot,
    watched_page,
)

pytestmark = pytest.mark.django_db(transaction=True)

CRISIS_LINES = {
    "988": "tel:988",
    "1-800-662-4357": "tel:+18006624357",
    "741741": "sms:741741?body=HOME",
    "911": "tel:911",
}
MEETING_PATH = re.compile(r"/meetings/[-\w]+/$")
WEEKLY_TIME = re.compile(
    r"(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday), \d{1,2}:\d{2} [AP]M"
)


def mode_badges(page: Page) -> Locator:
    """The attendance-mode badge of each result: the first badge of its card."""
    return page.locator("#results .meeting-card .badges .badge:first-child")


def distances(page: Page) -> list[float]:
    texts = page.locator("#results .meeting-card .distance").all_inner_texts()
    assert all(text.endswith(" mi") for text in texts), texts
    return [float(text.removesuffix(" mi")) for text in texts]


def test_newcomer_finds_an_online_meeting_near_them(
    page: Page, live_server: LiveServer, demo_directory: None
) -> None:
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Find your people in recovery"
    )
    crisis = page.locator("footer #crisis")
    expect(crisis.get_by_role("heading")).to_have_text("If you need help right now")
    for number, href in CRISIS_LINES.items():
        expect(crisis.get_by_role("link", name=number, exact=True)).to_have_attribute(
            "href", href
        )
    axe_check(page)
    save_screenshot(page, "home")

    # Search by ZIP from the home page: a normal form submission to the finder.
    page.get_by_label("ZIP code or city").fill("19103")
    page.get_by_role("button", name="Find a meeting").click()
    expect(page).to_have_url(re.compile(r"/meetings/\?near=19103$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a meeting")
    expect(page.get_by_label("Near", exact=True)).to_have_value("19103")
    expect(page.locator("#results .result-count")).to_contain_text(
        "within 10 miles of 19103"
    )
    expect(page.locator("#results .meeting-card").first).to_be_visible()
    miles = distances(page)
    assert miles, "no result shows a distance in miles"
    assert miles == sorted(miles), f"results are not nearest first: {miles}"
    assert all(distance <= 10 for distance in miles), miles
    axe_check(page)
    save_screenshot(page, "finder")

    # Choosing "Online" updates the results in place (htmx) and pushes the URL.
    page.evaluate("() => { window.kinshipSamePage = true; }")
    with page.expect_response(is_htmx_finder_response) as htmx_response:
        page.get_by_label("Attend").select_option(label="Online")
    response = htmx_response.value
    assert response.ok
    assert "<html" not in response.text(), "htmx got a whole page, not the fragment"
    expect(page).to_have_url(re.compile(r"[?&]mode=online(&|$)"))
    expect(page.locator("#results.htmx-request")).to_have_count(0)
    badges = mode_badges(page)
    expect(badges.first).to_be_visible()
    assert set(badges.all_inner_texts()) == {"Online"}
    assert page.evaluate("() => window.kinshipSamePage === true"), (
        "choosing a filter reloaded the whole page"
    )
    expect(page.get_by_label("Attend")).to_have_value("online")
    axe_check(page)

    # The first online meeting: how to join, and when.
    first = page.locator("#results .meeting-card h3 a").first
    name = first.inner_text()
    first.click()
    expect(page).to_have_url(MEETING_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    join = page.locator("section[aria-labelledby='join-heading']")
    expect(join.get_by_role("button", name="Join the meeting")).to_be_visible()
    expect(join.get_by_role("link").first).to_have_attribute(
        "href", re.compile(r"^https://")
    )
    schedule = page.locator("section[aria-labelledby='schedule-heading']")
    expect(schedule.get_by_role("heading", name="When")).to_be_visible()
    expect(schedule).to_contain_text(WEEKLY_TIME)
    expect(schedule).to_contain_text("America/New_York")
    expect(schedule.locator("time").first).to_have_attribute(
        "datetime", re.compile(".")
    )
    expect(page.get_by_role("heading", name="Where")).to_have_count(0)
    axe_check(page)
    save_screenshot(page, "meeting-detail")


def is_htmx_finder_response(response: Response) -> bool:
    request = response.request
    return (
        "/meetings/?" in response.url
        and "mode=online" in response.url
        and request.headers.get("hx-request") == "true"
    )


def test_finder_works_without_javascript(
    browser: Browser, live_server: LiveServer, demo_directory: None
) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + "/meetings/?near=19103")
        badges = mode_badges(page)
        expect(badges.first).to_be_visible()
        assert set(badges.all_inner_texts()) - {"Online"}, "expected in-person results"
        assert distances(page)

        # Without JavaScript the filters stay folded (results first): unfold them.
        page.locator("#finder-filters > summary").click()
        page.get_by_label("Attend").select_option(label="Online")
        with page.expect_navigation():
            page.get_by_role("button", name="Search").click()
        assert "mode=online" in page.url
        assert "near=19103" in page.url
        expect(page.get_by_label("Attend")).to_have_value("online")
        expect(badges.first).to_be_visible()
        assert set(badges.all_inner_texts()) == {"Online"}
        assert not distances(page), "online meetings should show no distance"
    finally:
        context.close()


def test_keyboard_reaches_skip_link_first_with_visible_focus(
    page: Page, live_server: LiveServer
) -> None:
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_class("skip-link")
    expect(focused).to_have_text("Skip to content")
    expect(focused).to_be_in_viewport()
    assert_visible_focus(focused)

    page.keyboard.press("Enter")
    expect(page.locator(":focus")).to_have_id("main")

    # Focus is visible on ordinary links too, not only on the skip link.
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    brand = page.locator(":focus")
    expect(brand).to_have_text("Kinship")
    assert_visible_focus(brand)


def assert_visible_focus(element: Locator) -> None:
    style = element.evaluate(
        """(el) => {
            const s = getComputedStyle(el);
            return {style: s.outlineStyle, width: parseFloat(s.outlineWidth),
                    color: s.outlineColor, shadow: s.boxShadow};
        }"""
    )
    assert style["style"] != "none", style
    assert style["width"] >= 2, style
    assert style["color"] not in ("transparent", "rgba(0, 0, 0, 0)"), style


# --- a phone (issue 19) --------------------------------------------------------

PHONE: ViewportSize = {"width": 390, "height": 844}
CENTER_CITY: Geolocation = {"latitude": 39.9526, "longitude": -75.1652}


@pytest.fixture
def phone(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A 390 x 844 phone that may share its position (Center City, Philadelphia)."""
    with watched_page(
        browser,
        live_server,
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        geolocation=CENTER_CITY,
        permissions=["geolocation"],
    ) as page:
        yield page


def assert_no_sideways_scroll(page: Page, width: int) -> None:
    page.set_viewport_size({"width": width, "height": PHONE["height"]})
    wide = page.evaluate("() => document.documentElement.scrollWidth")
    assert wide <= width, f"{page.url} is {wide} px wide at {width} px"


def long_named_meeting() -> Meeting:
    """A hybrid meeting with the longest zone name, link and address we hold."""
    group = GroupFactory(
        slug="long-names",
        name="Comodoro Rivadavia Serenity and Fellowship Group",
        audience=["women", "newcomers", "lgbtq", "young_people", "veterans"],
    )
    return MeetingFactory.create(
        slug="long-names-monday",
        name="Monday Night Speaker Discussion and Literature Study Meeting",
        group=group,
        timezone="America/Argentina/ComodRivadavia",
        attendance_mode=AttendanceMode.HYBRID,
        conference_url="https://us02web.zoom.us/j/81234567890?pwd="
        "Q2hhbmdlVGhpc1Bhc3N3b3JkUGxlYXNlVGhpc0lzQUxvbmdPbmU",
        location=LocationFactory(
            name="Iglesia Evangélica Metodista Argentina Salón Parroquial",
            formatted_address="Avenida Hipólito Yrigoyen 1234567, "
            "Comodoro Rivadavia, Chubut U9000, Argentina",
        ),
    )


def test_phone_shows_results_first_and_nothing_overflows(
    phone: Page, live_server: LiveServer, demo_directory: None
) -> None:
    meeting = long_named_meeting()
    phone.goto(live_server.url + "/meetings/?near=19103")
    first = phone.locator("#results .meeting-card").first
    expect(first).to_be_visible()
    box = first.bounding_box()
    assert box is not None
    assert box["y"] + 80 <= PHONE["height"], f"first result is {box['y']} px down"
    expect(phone.locator("#finder-filters")).not_to_have_attribute("open", "")
    assert_no_sideways_scroll(phone, 390)
    assert_no_sideways_scroll(phone, 320)
    phone.set_viewport_size(PHONE)
    axe_check(phone)
    save_screenshot(phone, "finder-phone")
    # What the phone shows before any scrolling.
    phone.screenshot(path=ARTIFACTS / "finder-phone-fold.png")

    # Near me: the position fills the form's lat/lng and the results follow.
    phone.locator("#finder-filters > summary").click()
    near_me = phone.get_by_role("button", name="Near me")
    expect(near_me).to_be_visible()
    near_me.click()
    expect(phone).to_have_url(re.compile(r"[?&]lat=39\.953&lng=-75\.165(&|$)"))
    expect(phone.locator("#results .result-count")).to_contain_text(
        "within 10 miles of your location"
    )
    expect(phone.locator("#results .meeting-card .distance").first).to_be_visible()

    # Readable choices: women's meetings, starting soonest.
    phone.get_by_label("Who it is for").select_option(label="Women")
    expect(phone).to_have_url(re.compile(r"[?&]audience=women(&|$)"))
    expect(phone.locator("#results .result-count")).to_be_visible()
    assert_no_sideways_scroll(phone, 390)

    for path in ("/", meeting.get_absolute_url(), meeting.group.get_absolute_url()):
        phone.set_viewport_size(PHONE)
        phone.goto(live_server.url + path)
        expect(phone.get_by_role("heading", level=1)).to_be_visible()
        assert_no_sideways_scroll(phone, 390)
        assert_no_sideways_scroll(phone, 320)
    phone.set_viewport_size(PHONE)
    phone.goto(live_server.url + meeting.get_absolute_url())
    directions = phone.locator(".directions-list a")
    assert directions.all_inner_texts() == [
        "Apple Maps",
        "Google Maps",
        "Maps app on this phone",
        "OpenStreetMap",
    ]
    axe_check(phone)
    save_screenshot(phone, "meeting-phone")
    phone.screenshot(path=ARTIFACTS / "meeting-phone-fold.png")


def test_city_search_from_the_home_page(
    page: Page, live_server: LiveServer, demo_directory: None
) -> None:
    page.goto(live_server.url + "/")
    expect(
        page.get_by_role("main").get_by_role("link", name="Find my group")
    ).to_have_attribute("href", "/match/")
    page.get_by_label("ZIP code or city").fill("Philadelphia, PA")
    page.get_by_role("button", name="Find a meeting").click()
    expect(page.locator("#results .result-count")).to_contain_text(
        "within 10 miles of Philadelphia, PA"
    )
    expect(page.locator("#results .meeting-card").first).to_be_visible()
    # On a wide screen the filters are unfolded beside the results.
    expect(page.locator("#finder-filters")).to_have_attribute("open", "")
    page.get_by_label("Near", exact=True).fill("Springfield")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("#near-error")).to_contain_text(
        "There is more than one Springfield"
    )
