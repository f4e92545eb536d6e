"""A newcomer's first meeting, end to end in the browser.

Sign up -> verify the email from the test outbox -> find a group -> join as an
observer -> RSVP -> check in with the meeting code -> see it in my attendance ->
issue a record -> the public check page shows exactly what was included.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from kinship.core.timezones import sunday_based_weekday, zone
from kinship.directory.models import Meeting
from kinship.directory.tests.factories import GroupFactory, MeetingFactory
from kinship.members.tests.personas import membership_create, persona_create
from tests.e2e.conftest import axe_check, current_code, save_screenshot

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "river@example.org"
PASSWORD = "a long and private passphrase 7"
GROUP = "Harbor Lights Dual Recovery"
NAME_ON_RECORD = "R. Newcomer"
CONFIRM_LINK = re.compile(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/")


def meeting_in_progress() -> Meeting:
    """A weekly in-person meeting that started ten minutes ago in New York."""
    tz = zone("America/New_York")
    start = (timezone.now() - dt.timedelta(minutes=10)).astimezone(tz)
    group = GroupFactory.create(name=GROUP, slug="harbor-lights")
    meeting = MeetingFactory.create(
        group=group,
        name="Harbor Lights Evening",
        slug="harbor-lights-evening",
        weekday=sunday_based_weekday(start.date()),
        start_time=start.time().replace(second=0, microsecond=0),
        end_time=(start + dt.timedelta(hours=1))
        .time()
        .replace(second=0, microsecond=0),
    )
    leader = persona_create("fran", "Fran D.")
    membership_create(leader, group, "leader")
    return meeting


def test_sign_up_join_attend_and_prove_it(
    page: Page, browser: Browser, live_server: LiveServer, tasks_run_at_once: None
) -> None:
    meeting = meeting_in_progress()
    base = live_server.url

    # Sign up: the verification email is sent by the task, after commit.
    page.goto(base + "/accounts/signup/")
    axe_check(page)
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Display name").fill("River")
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign up", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        re.compile("email", re.I)
    )
    assert len(mail.outbox) == 1
    link = CONFIRM_LINK.search(str(mail.outbox[0].body))
    assert link is not None, mail.outbox[0].body
    page.goto(link.group(0))
    page.get_by_role("button", name=re.compile("Confirm", re.I)).click()
    expect(page).to_have_url(re.compile(r"/me/$"))

    # Find the group and join it as an observer.
    page.goto(base + "/meetings/?q=harbor+lights")
    page.get_by_role("link", name="Harbor Lights Evening").first.click()
    page.get_by_role("link", name=GROUP).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(GROUP)
    page.get_by_role("button", name="Join as an observer").click()
    expect(page.get_by_text("You joined")).to_be_visible()
    axe_check(page)

    # RSVP to next week's meeting, then check in to this one with its code.
    page.goto(base + f"/meetings/{meeting.slug}/dates/")
    dates = page.locator(".occurrence-list > li")
    dates.last.get_by_role("button", name="Going", exact=True).click()
    expect(
        page.locator(".occurrence-list > li").last.get_by_role(
            "button", name="Going", exact=True
        )
    ).to_have_attribute("aria-pressed", "true")
    page.get_by_label("Meeting code").fill(current_code(meeting).lower())
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text(
        re.compile("checked in", re.I)
    )
    axe_check(page)

    # My attendance lists it, verified by the code.
    page.goto(base + "/me/attendance/")
    expect(page.get_by_role("main")).to_contain_text("Harbor Lights Evening")
    axe_check(page)

    # Issue a record under another name, for this group only.
    page.goto(base + "/me/records/")
    today = timezone.now().astimezone(zone("America/New_York")).date()
    page.get_by_label("From").fill((today - dt.timedelta(days=7)).isoformat())
    page.get_by_label("To").fill(today.isoformat())
    page.get_by_label(GROUP).check()
    page.get_by_label("Name shown on the record").fill(NAME_ON_RECORD)
    page.get_by_role("button", name="Make the record").click()
    check_link = page.get_by_role("link", name="Public check page")
    verify_url = base + str(check_link.get_attribute("href"))
    save_screenshot(page, "attendance-records")

    # A third party, not signed in, checks the record.
    other = browser.new_context(bypass_csp=True)
    public = other.new_page()
    public.goto(verify_url)
    body = public.get_by_role("main")
    expect(body).to_contain_text(NAME_ON_RECORD)
    expect(body).to_contain_text("Harbor Lights Evening")
    expect(body).to_contain_text(GROUP)
    expect(body).not_to_contain_text("River")
    expect(body).not_to_contain_text(EMAIL)
    axe_check(public)
    save_screenshot(public, "attendance-record-verified")
    other.close()
