"""A member's recovery tools, end to end in the browser.

alex checks in -> the chart on My recovery shows it -> alex starts a clock -> thirty
days later (time travel) the clock has reached 30 days -> alex shares the milestone
with the group -> fran, a member of the group, sends encouragement -> alex sees it
in notifications.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from kinship.core.timezones import zone
from kinship.members.tests.personas import cast_create
from kinship.recovery.models import CheckIn, Milestone, MilestoneShare
from tests.e2e.conftest import axe_check, persona_sign_in, save_screenshot

pytestmark = pytest.mark.django_db(transaction=True)

GROUP = "Tuesday Dual Recovery"
PRIVATE_NOTE = "Rough call with my landlord, kept it together"
# A table's 7-day average cell without enough check-ins: a dash, and words
# for screen readers.
NO_AVERAGE = r"\s*\u2014\s*too few days\s*"


def test_check_in_chart_milestone_encouragement_notification(
    page: Page, browser: Browser, live_server: LiveServer, tasks_run_at_once: None
) -> None:
    cast = cast_create()
    base = live_server.url
    today = timezone.now().astimezone(zone(cast.alex.timezone)).date()

    # Check in.
    persona_sign_in(page, base, "alex@example.org")
    page.goto(base + "/me/checkin/")
    axe_check(page)
    page.get_by_label("4: good").check()
    # Craving and stress are scales of radio buttons (issue 19), not number boxes.
    page.get_by_role("group", name="Craving").get_by_label("3", exact=True).check()
    page.get_by_role("group", name="Stress").get_by_label("6", exact=True).check()
    page.get_by_role("textbox", name="Private note").fill(PRIVATE_NOTE)
    page.get_by_role("button", name="Save my check-in").click()
    expect(page.locator(".messages")).to_contain_text(re.compile("saved", re.I))
    checkin = CheckIn.objects.get(member=cast.alex)
    assert (checkin.local_date, checkin.mood, checkin.stress) == (today, 4, 6)

    # The charts show it (one for mood, one for craving and stress, each with
    # a 7-day average: none yet after one check-in), and so do the tables.
    page.goto(base + "/me/")
    expect(page.get_by_role("heading", name="The last 30 days")).to_be_visible()
    page.wait_for_function(
        "() => window.Chart && Chart.getChart('chart-30-mood') !== undefined"
        " && Chart.getChart('chart-30-craving-stress') !== undefined"
    )
    plotted = page.evaluate(
        """() => ['chart-30-mood', 'chart-30-craving-stress'].map(
            (id) => Chart.getChart(id).data.datasets.map(
                (set) => [set.label, set.data[set.data.length - 1]]))"""
    )
    assert plotted == [
        [["Mood, 7-day average", None], ["Mood, each day", 4]],
        [
            ["Craving, 7-day average", None],
            ["Craving, each day", 3],
            ["Stress, 7-day average", None],
            ["Stress, each day", 6],
        ],
    ]
    mood_rows = page.get_by_role(
        "region", name="Mood, the last 30 days, newest first"
    ).get_by_role("row")
    expect(mood_rows.last).to_contain_text(re.compile(rf"\w+ \d+\s*4{NO_AVERAGE}$"))
    rows = page.get_by_role(
        "region", name="Craving and stress, the last 30 days, newest first"
    ).get_by_role("row")
    expect(rows.last).to_contain_text(
        re.compile(rf"\w+ \d+\s*3{NO_AVERAGE}6{NO_AVERAGE}$")
    )
    expect(page.get_by_role("main")).not_to_contain_text(PRIVATE_NOTE)
    axe_check(page)
    save_screenshot(page, "recovery-progress")

    # Start a clock today.
    page.goto(base + "/me/clocks/")
    page.get_by_label("What I am tracking").fill("alcohol")
    page.get_by_label("Since").fill(today.isoformat())
    page.get_by_role("button", name="Start the clock").click()
    expect(page.get_by_role("main")).to_contain_text("alcohol")
    axe_check(page)

    # Thirty-one days later: sessions have ended, so both sign in again.
    with time_machine.travel(timezone.now() + dt.timedelta(days=31, hours=1)):
        persona_sign_in(page, base, "alex@example.org")
        later = timezone.now().astimezone(zone(cast.alex.timezone)).date()
        days = (later - today).days  # 31 or 32: local days, by the hour of the run
        expect(page.get_by_role("main")).to_contain_text(f"{days} days · alcohol")
        page.goto(base + "/me/clocks/")
        page.get_by_role("link", name="alcohol").click()
        share = page.get_by_role("group", name="Share 30 days with my groups")
        share.get_by_label(GROUP).check()
        page.locator("form", has=share).get_by_role("button", name="Share").click()
        expect(page.get_by_role("main")).to_contain_text(re.compile("shared", re.I))
        axe_check(page)
        assert MilestoneShare.objects.filter(
            milestone__key="30d", group=cast.group
        ).exists()
        assert Milestone.objects.filter(member=cast.alex, key="30d").count() == 1

        # fran, in the same group, sends kind words.
        other = browser.new_context(bypass_csp=True, timezone_id="America/New_York")
        fran = other.new_page()
        persona_sign_in(fran, base, "fran@example.org")
        fran.goto(base + f"/groups/{cast.group.slug}/milestones/")
        item = fran.get_by_role("article").filter(has_text="Alex K. reached 30 days")
        item.get_by_role("button", name="So proud of you!").click()
        expect(
            fran.get_by_role("article").filter(has_text="Alex K. reached 30 days")
        ).to_contain_text("So proud of you!")
        expect(fran.get_by_role("main")).not_to_contain_text(PRIVATE_NOTE)
        axe_check(fran)
        save_screenshot(fran, "recovery-milestone-feed")
        other.close()

        # alex sees it in notifications.
        page.goto(base + "/me/")
        # Told twice: the milestone reached, and fran's kind words.
        header = page.get_by_role("navigation", name="Main")
        expect(
            header.get_by_role("link", name=re.compile("Notifications"))
        ).to_have_text(re.compile(r"Notifications\s+2 unread"))
        page.goto(base + "/me/notifications/")
        newest = page.locator(".notification").first
        expect(newest).to_contain_text("Fran D.")
        expect(newest).to_contain_text("So proud of you!")
        axe_check(page)
        save_screenshot(page, "recovery-notifications")
