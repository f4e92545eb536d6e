"""The clinical care bridge, end to end in the browser (issue 9).

dr_lee, a clinician who signs in with a TOTP code, refers alex from Harbor Light
Treatment -> alex opens the code, accepts, and shares "Meetings I attend" and
"My assessment scores" -> alex checks in at the Tuesday meeting and takes the
PHQ-9 -> dr_lee's dashboard and alex's patient page show exactly those two
categories, under the redisclosure notice -> alex stops sharing -> dr_lee's next
request shows nothing -> alex's "Who looked at my data" lists each of dr_lee's
reads, row for row as the access log holds them.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from kinship.care.models import (
    AccessLog,
    AccessView,
    Consent,
    ConsentCategory,
    Referral,
)
from kinship.care.tests.helpers import clinic_create, totp_code, totp_step_held
from kinship.core.timezones import sunday_based_weekday, zone
from kinship.directory.models import Meeting
from kinship.members.tests.personas import PERSONA_PASSWORD, cast_create
from kinship.notifications.models import Notification, NotificationKind
from tests.e2e.conftest import axe_check, current_code, persona_sign_in, save_screenshot

pytestmark = pytest.mark.django_db(transaction=True)

ORGANISATION = "Harbor Light Treatment"
PATIENT_REFERENCE = "Chart 4471"
NOTE = "Welcome, Alex. The Tuesday group is a kind one; try it this week."
REDISCLOSURE = "42 CFR part 2 prohibits unauthorized disclosure of these records."
DASH = "—"
# PHQ-9: "Several days" (1) on every item, item 9 included: a total of 9
# ("Mild"), and an answer above 0 on item 9, which shows crisis resources.
PHQ9_ANSWER = "Several days"
PHQ9_TOTAL = 9


def new_page(browser: Browser, problems: list[str]) -> Page:
    """A second person's browser, recording script errors as ``page`` does."""
    context = browser.new_context(
        bypass_csp=True, locale="en-US", timezone_id="America/New_York"
    )
    context.set_default_timeout(10_000)
    other = context.new_page()
    other.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    return other


def meeting_in_progress(meeting: Meeting) -> Meeting:
    """Move the Tuesday meeting so that an occurrence started ten minutes ago
    (in its own time zone): check-in is open now."""
    start = (timezone.now() - dt.timedelta(minutes=10)).astimezone(
        zone(meeting.timezone)
    )
    meeting.weekday = sunday_based_weekday(start.date())
    meeting.start_time = start.time().replace(second=0, microsecond=0)
    meeting.end_time = (
        (start + dt.timedelta(hours=1)).time().replace(second=0, microsecond=0)
    )
    meeting.save(update_fields=["weekday", "start_time", "end_time"])
    return meeting


def clinician_sign_in(page: Page, base: str, email: str) -> None:
    """Email and password, then allauth's second step: the authenticator code."""
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PERSONA_PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    # The live server checks the code at the instant it was computed.
    with totp_step_held():
        page.get_by_label(re.compile(r"^Code:?$")).fill(totp_code())
        page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
        expect(page).to_have_url(re.compile(r"/me/$"))


def test_clinician_refers_patient_who_shares_then_revokes(
    page: Page, browser: Browser, live_server: LiveServer, tasks_run_at_once: None
) -> None:
    cast = cast_create()
    clinic_create(cast.dr_lee)
    meeting = meeting_in_progress(cast.meeting)
    base = live_server.url
    alex_problems: list[str] = []

    # dr_lee signs in with the TOTP code and refers a patient.
    clinician_sign_in(page, base, "dr_lee@example.org")
    page.goto(base + "/clinic/")
    page.get_by_role("link", name=ORGANISATION).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ORGANISATION)
    page.get_by_role("link", name="Refer a patient").click()
    page.get_by_label("Patient reference").fill(PATIENT_REFERENCE)
    page.get_by_label("Note to the patient").fill(NOTE)
    page.get_by_label(cast.group.name, exact=True).check()
    # Searching the groups keeps what was typed and chosen.
    page.get_by_label("Find groups by name").fill("tuesday")
    page.get_by_role("button", name="Search groups").click()
    expect(page.get_by_label("Find groups by name")).to_have_value("tuesday")
    expect(page.get_by_label("Patient reference")).to_have_value(PATIENT_REFERENCE)
    expect(page.get_by_label("Note to the patient")).to_have_value(NOTE)
    expect(page.get_by_label(cast.group.name, exact=True)).to_be_checked()
    page.get_by_role("button", name="Create the referral").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Referral created")
    code = page.locator("strong.code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{5}-[A-Z2-9]{5}", code), code
    referral = Referral.objects.get(organisation__slug="harbor-light")
    assert referral.patient_reference == PATIENT_REFERENCE
    assert list(referral.suggested_groups.all()) == [cast.group]

    # alex opens the code, sees the note and the group, and accepts.
    alex = new_page(browser, alex_problems)
    persona_sign_in(alex, base, "alex@example.org")
    alex.goto(base + "/referral/")
    alex.get_by_label("Referral code").fill(code.lower().replace("-", " "))
    alex.get_by_role("button", name="Open").click()
    expect(alex.get_by_role("heading", level=1)).to_have_text(
        f"A referral from {ORGANISATION}"
    )
    main = alex.get_by_role("main")
    expect(main).to_contain_text(NOTE)
    expect(alex.locator("section[aria-labelledby=groups-heading]")).to_contain_text(
        cast.group.name
    )
    expect(main).not_to_contain_text(PATIENT_REFERENCE)
    alex.get_by_role("button", name="Accept the referral").click()
    expect(alex).to_have_url(re.compile(r"/me/referrals/$"))
    expect(alex.get_by_role("main")).to_contain_text(NOTE)
    referral.refresh_from_db()
    assert referral.accepted_by == cast.alex

    # alex chooses what to share: the consent screen says who, what, how long,
    # how to stop; alex ticks exactly attendance and assessments.
    alex.get_by_role("link", name="Choose what to share with them").click()
    expect(alex).to_have_url(re.compile(r"/me/sharing/$"))
    alex.get_by_role("link", name=f"Choose what to share with {ORGANISATION}").click()
    expect(alex.get_by_role("heading", level=1)).to_have_text(
        f"Share with {ORGANISATION}"
    )
    plain = alex.locator("section[aria-labelledby=plain-heading]")
    expect(plain).to_contain_text(f"Who will see it: the clinicians of {ORGANISATION}")
    expect(plain).to_contain_text("What they will see:")
    expect(plain).to_contain_text("For how long:")
    expect(plain).to_contain_text("How to stop:")
    expect(plain).to_contain_text("Stop sharing")
    chosen = [ConsentCategory.ATTENDANCE, ConsentCategory.ASSESSMENTS]
    for category in chosen:
        alex.get_by_label(re.compile(f"^{re.escape(str(category.label))}:")).check()
    for category in ConsentCategory:
        box = alex.get_by_label(re.compile(f"^{re.escape(str(category.label))}:"))
        if category in chosen:
            expect(box).to_be_checked()
        else:
            expect(box).not_to_be_checked()
    alex.get_by_label("Coordinating my peer support with my treatment").check()
    alex.get_by_label("180 days", exact=True).check()
    axe_check(alex)
    save_screenshot(alex, "clinic-consent")
    alex.get_by_role("button", name="Share this").click()
    expect(alex).to_have_url(re.compile(r"/me/sharing/$"))
    expect(alex.locator(".messages")).to_contain_text(
        f"You now share with {ORGANISATION}."
    )
    card = alex.locator(".card").filter(has_text=ORGANISATION)
    expect(card).to_contain_text("You share until")
    expect(card.locator("li")).to_have_text(
        [str(category.label) for category in chosen]
    )
    consent = Consent.objects.get(member=cast.alex, revoked_at__isnull=True)
    assert consent.categories == ["attendance", "assessments"]
    assert consent.purpose == "care_coordination"
    assert (consent.expires_at - consent.granted_at).days == 180

    # alex attends: checks in at the Tuesday meeting with the leader's code.
    alex.goto(f"{base}/meetings/{meeting.slug}/dates/")
    alex.get_by_label("Meeting code").fill(current_code(meeting).lower())
    alex.get_by_role("button", name="Check in").click()
    expect(alex.locator(".messages")).to_contain_text(re.compile("checked in", re.I))

    # ... and takes the PHQ-9; item 9 above 0 shows crisis resources first.
    alex.goto(base + "/me/assessments/phq9/")
    items = alex.locator("form fieldset")
    expect(items).to_have_count(9)
    for index in range(9):
        items.nth(index).get_by_label(PHQ9_ANSWER, exact=True).check()
    alex.get_by_role("button", name="See my result").click()
    expect(alex).to_have_url(re.compile(r"/me/assessments/result/\d+/$"))
    crisis = alex.locator("#crisis-now")
    expect(crisis).to_be_visible()
    expect(crisis).to_have_attribute("role", "alert")
    assert alex.evaluate(
        "() => Boolean(document.querySelector('#crisis-now').compareDocumentPosition("
        "document.querySelector('h1')) & Node.DOCUMENT_POSITION_FOLLOWING)"
    ), "the crisis resources come before the result"
    expect(alex.locator(".result-total")).to_contain_text(
        f"{PHQ9_TOTAL} (scores run from 0 to 27)"
    )

    # The clinicians of the consented organisation are flagged, with a
    # link into the clinic area.
    flags = Notification.objects.filter(
        member=cast.dr_lee, kind=NotificationKind.CLINIC_SAFETY
    )
    assert flags.count() == 1
    assert flags.get().url == f"/clinic/harbor-light/patients/{cast.alex.pk}/"

    # dr_lee's dashboard: alex with attendance and assessments, dashes elsewhere.
    page.goto(base + "/clinic/harbor-light/patients/")
    expect(page.get_by_role("main")).to_contain_text(REDISCLOSURE)
    row = page.locator("table.patients tbody tr").filter(has_text="Alex K.")
    expect(row).to_have_count(1)
    expect(row.locator("th")).to_contain_text(PATIENT_REFERENCE)
    cells = row.locator("td")
    per_week = cells.nth(0).inner_text().strip()
    assert re.fullmatch(r"\d+(\.\d+)?", per_week), per_week
    assert float(per_week) > 0, per_week
    expect(cells.nth(1)).to_have_text(DASH)  # check-in streak
    expect(cells.nth(2)).to_have_text(DASH)  # clock days
    expect(cells.nth(3)).to_have_text(DASH)  # warning signs
    expect(cells.nth(4)).to_contain_text(f"PHQ-9 {PHQ9_TOTAL} (")
    expect(cells.nth(4)).to_contain_text("PHQ-9 item 9 above 0")
    axe_check(page)
    save_screenshot(page, "clinic-dashboard")

    # alex's patient page: only the two consented sections.
    row.get_by_role("link", name="Alex K.").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Alex K.")
    patient_url = page.url
    expect(page.get_by_role("main")).to_contain_text(REDISCLOSURE)
    for heading in ("Assessments", "Meetings attended"):
        expect(page.get_by_role("heading", level=2, name=heading)).to_have_count(1)
    for heading in (
        "Daily check-ins",
        "Sobriety clocks and milestones",
        "Early warning signs",
    ):
        expect(page.get_by_role("heading", name=heading)).to_have_count(0)
    assessments = page.locator("section[aria-labelledby=assessments-heading]")
    phq9_rows = assessments.locator("table tbody tr")
    expect(phq9_rows).to_have_count(1)
    expect(phq9_rows.locator("td").nth(1)).to_have_text(str(PHQ9_TOTAL))
    expect(assessments.get_by_role("alert")).to_contain_text("PHQ-9 item 9")
    attendance = page.locator("section[aria-labelledby=attendance-heading]")
    expect(attendance.get_by_role("img")).to_have_attribute(
        "aria-label", re.compile("meetings attended", re.I)
    )
    # Chart.js drew the chart (the vendored file loaded and ran).
    page.wait_for_function(
        "() => window.Chart && Chart.getChart(document.querySelector("
        "'canvas[data-chart=chart-attendance]')) !== undefined"
    )
    axe_check(page)
    save_screenshot(page, "clinic-patient")

    # The organisation's outcome report: aggregates only (one patient is
    # fewer than 5: every cell is suppressed), no name.
    page.goto(base + "/clinic/harbor-light/")
    page.get_by_role("link", name="Outcome report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Outcome report")
    expect(page.get_by_role("main")).not_to_contain_text("Alex K.")
    axe_check(page)
    save_screenshot(page, "clinic-report")

    # alex stops sharing.
    alex.goto(base + "/me/sharing/")
    axe_check(alex)
    alex.get_by_role("button", name=f"Stop sharing with {ORGANISATION}").click()
    expect(alex.locator(".messages")).to_contain_text(
        f"Sharing with {ORGANISATION} has ended."
    )
    expect(alex.locator(".card").filter(has_text=ORGANISATION)).to_contain_text(
        "You share nothing with them."
    )

    # dr_lee's very next request shows nothing: the patient page is a 404 and
    # the dashboard no longer lists alex. The 404 is loaded in a second tab of
    # dr_lee's browser (same session): the ``page`` fixture counts the console
    # line Chromium writes for any 404 as a failure.
    tab = page.context.new_page()
    response = tab.goto(patient_url)
    assert response is not None
    assert response.status == 404, response.status
    expect(tab.locator("body")).not_to_contain_text("Alex K.")
    expect(tab.locator("body")).not_to_contain_text(PATIENT_REFERENCE)
    tab.close()
    page.goto(base + "/clinic/harbor-light/patients/")
    expect(page.get_by_role("main")).to_contain_text(
        "No patient shares data with your organisation now."
    )
    expect(page.get_by_role("main")).not_to_contain_text("Alex K.")

    # alex sees each of dr_lee's reads, exactly as the access log holds them:
    # one row per page shown (dashboard, patient page), naming what it showed.
    logged = list(
        AccessLog.objects.filter(member=cast.alex)
        .order_by("-at", "-pk")
        .values_list("actor_name", "categories", "view")
    )
    assert sorted((view, tuple(categories)) for _, categories, view in logged) == [
        ("dashboard", ("attendance", "assessments")),
        ("patient page", ("attendance", "assessments")),
    ]
    alex.goto(base + "/me/sharing/")
    table = alex.locator("section[aria-labelledby=accesses-heading] table")
    shown = [
        [cell.strip() for cell in row_text]
        for row_text in table.locator("tbody tr").evaluate_all(
            "rows => rows.map(row => [...row.cells].map(cell => cell.innerText))"
        )
    ]
    assert [row_cells[1:] for row_cells in shown] == [
        [
            name,
            ORGANISATION,
            ", ".join(str(ConsentCategory(key).label) for key in categories),
            str(AccessView(view).label),
        ]
        for name, categories, view in logged
    ]
    assert {row_cells[1] for row_cells in shown} == {"Dr Lee"}
    history = alex.locator("section[aria-labelledby=history-heading] tbody tr")
    expect(history).to_have_count(1)
    expect(history.locator("td").last).to_have_text("Ended")
    axe_check(alex)
    save_screenshot(alex, "clinic-sharing")
    alex.context.close()
    assert not alex_problems, alex_problems
