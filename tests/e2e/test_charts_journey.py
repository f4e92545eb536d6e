"""The check-in charts on a phone (issue 19): at 390 x 844 each chart of the
member's progress page and of the clinician's patient page is drawn by
Chart.js with its expected datasets (one measure per chart, the 7-day average
and each day's points), with a few level short-date ticks, and neither page
scrolls sideways (at 320 px wide either). The ``page`` fixture fails the test
on any console error."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, ViewportSize, expect
from pytest_django.live_server_helper import LiveServer

from kinship.care.consents import consent_grant
from kinship.care.services import referral_accept, referral_create
from kinship.care.tests.helpers import clinic_create
from kinship.core.timezones import zone
from kinship.members.tests.personas import cast_create
from kinship.recovery.models import CheckIn
from tests.e2e.conftest import axe_check, persona_sign_in, save_screenshot
from tests.e2e.test_clinic_journey import clinician_sign_in

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = ViewportSize(width=390, height=844)
SMALL_PHONE = ViewportSize(width=320, height=640)
MOOD = ["Mood, 7-day average", "Mood, each day"]
CRAVING_STRESS = [
    "Craving, 7-day average",
    "Craving, each day",
    "Stress, 7-day average",
    "Stress, each day",
]
SHORT_DATE = re.compile(r"^[A-Z][a-z]{2} \d{1,2}$")  # "Mar 5", in en-US

DRAWN = """(ids) => ids.map((id) => {
    const chart = Chart.getChart(id);
    if (!chart) { return null; }
    const box = chart.canvas.getBoundingClientRect();
    return {
        labels: chart.data.datasets.map((set) => set.label),
        lengths: chart.data.datasets.map((set) => set.data.length),
        ticks: chart.scales.x.ticks.map((tick) => tick.label),
        rotation: chart.scales.x.labelRotation,
        left: box.left, right: box.right, width: box.width, height: box.height,
    };
})"""


def wait_for_charts(page: Page, ids: list[str]) -> list[dict[str, Any]]:
    page.wait_for_function(
        "(ids) => window.Chart && ids.every((id) => Chart.getChart(id))", arg=ids
    )
    drawn: list[dict[str, Any]] = page.evaluate(DRAWN, ids)
    return drawn


def assert_fits(page: Page) -> None:
    """Nothing in the page's main part is wider than the window: the page
    does not scroll sideways because of it. (The site header's own layout
    at phone widths is another part of issue 19.)"""
    sizes = page.evaluate(
        """() => {
            const main = document.querySelector('main');
            const boxes = Array.from(main.querySelectorAll(
                'canvas, .chart-box, .chart-table, .trend-summary'));
            return {
                scroll: main.scrollWidth, client: main.clientWidth,
                window: window.innerWidth,
                right: Math.max(...boxes.map((b) => b.getBoundingClientRect().right)),
                tables: Array.from(main.querySelectorAll('.chart-table')).map(
                    (t) => [t.scrollWidth, t.clientWidth]),
            };
        }"""
    )
    assert sizes["scroll"] <= sizes["client"], sizes
    assert sizes["right"] <= sizes["window"], sizes
    # The tables fit too: no scrolling sideways inside them either.
    for scroll, client in sizes["tables"]:
        assert scroll <= client, sizes["tables"]


def assert_readable(chart: dict[str, Any], days: int, viewport: int) -> None:
    assert all(length == days for length in chart["lengths"]), chart
    assert chart["rotation"] == 0, chart
    assert 2 <= len(chart["ticks"]) <= 5, chart["ticks"]
    assert all(SHORT_DATE.match(str(tick)) for tick in chart["ticks"]), chart
    assert chart["left"] >= 0, chart
    assert chart["right"] <= viewport, chart
    assert chart["width"] > 200, chart
    assert chart["height"] > 150, chart


def test_the_charts_of_member_and_clinician_fit_a_phone(
    page: Page, live_server: LiveServer
) -> None:
    cast = cast_create()
    staff = clinic_create(cast.dr_lee)
    today = timezone.now().astimezone(zone(cast.alex.timezone)).date()
    for back in range(40):
        if back % 5 == 3:
            continue  # a gap: no check-in that day
        CheckIn.objects.create(
            member=cast.alex,
            local_date=today - dt.timedelta(days=back),
            mood=2 + back % 3,
            craving=back % 8,
            stress=3 + back % 5,
        )
    # alex shares check-ins with dr_lee's clinic (the consent screens have
    # their own journey).
    _referral, code = referral_create(by=staff, patient_reference="Chart 8")
    referral_accept(by=cast.alex, code=code, ip_address="192.0.2.9")
    consent_grant(
        by=cast.alex,
        organisation=staff.organisation,
        categories=["checkins"],
        purpose="treatment",
        days=90,
    )
    base = live_server.url

    page.set_viewport_size(PHONE)
    persona_sign_in(page, base, "alex@example.org")
    ids = [
        f"chart-{days}-{chart}"
        for days in (30, 90)
        for chart in ("mood", "craving-stress")
    ]
    drawn = dict(zip(ids, wait_for_charts(page, ids), strict=True))
    for days in (30, 90):
        assert drawn[f"chart-{days}-mood"]["labels"] == MOOD
        assert drawn[f"chart-{days}-craving-stress"]["labels"] == CRAVING_STRESS
        for chart in ("mood", "craving-stress"):
            assert_readable(drawn[f"chart-{days}-{chart}"], days, PHONE["width"])
    mood = page.locator("#chart-30-mood")
    expect(mood).to_have_attribute("aria-label", "Chart: Mood over the last 30 days")
    expect(mood).to_have_accessible_description(
        re.compile(r"^Mood over the last 30 days: 7-day average \d\.\d")
    )
    save_screenshot(page, "charts-member-390")
    assert_fits(page)
    axe_check(page)
    page.set_viewport_size(SMALL_PHONE)
    page.wait_for_timeout(300)  # Chart.js redraws on resize
    assert_fits(page)
    resized = wait_for_charts(page, ["chart-30-craving-stress"])[0]
    assert resized["right"] <= SMALL_PHONE["width"], resized

    page.set_viewport_size(PHONE)
    page.context.clear_cookies()  # alex signs out, as it were; dr_lee signs in
    clinician_sign_in(page, base, "dr_lee@example.org")
    page.goto(base + f"/clinic/harbor-light/patients/{cast.alex.pk}/")
    ids = ["checkins-mood", "checkins-craving-stress"]
    mood_chart, craving_stress = wait_for_charts(page, ids)
    assert mood_chart["labels"] == MOOD
    assert craving_stress["labels"] == CRAVING_STRESS
    window = len(
        page.evaluate(
            "() => JSON.parse(document.getElementById("
            "'trend-checkins').textContent).labels"
        )
    )
    assert window in (91, 92)  # the 90-day window (and tomorrow, east of UTC)
    for drawn_chart in (mood_chart, craving_stress):
        assert_readable(drawn_chart, window, PHONE["width"])
    expect(page.get_by_role("main")).to_contain_text("Craving over the last 90 days")
    assert_fits(page)
    axe_check(page)
    save_screenshot(page, "charts-clinician-390")
    page.set_viewport_size(SMALL_PHONE)
    page.wait_for_timeout(300)
    assert_fits(page)
