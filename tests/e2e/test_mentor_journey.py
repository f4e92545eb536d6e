"""Growing into a mentor, and finding one, end to end in the browser.

morgan, whose clock shows 400 days, completes the mentor training (every module's
knowledge check) -> fran, leader of their group, endorses morgan from the roster ->
morgan becomes a mentor -> alex asks for a mentor and sees morgan with the reasons ->
morgan accepts, alex starts the mentorship -> they exchange messages -> alex shares
a check-in with "my mentor" and morgan sees its summary on the page for alex.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from kinship.core.timezones import zone
from kinship.members.models import Membership
from kinship.members.tests.personas import cast_create
from kinship.mentorship.models import MentorMessage, Mentorship, MentorshipState
from kinship.recovery.models import SobrietyClock
from kinship.training.models import Course, TrainingModule
from kinship.training.selectors import course_completed_on
from kinship.training.services import training_content_load
from tests.e2e.conftest import axe_check, persona_sign_in, save_screenshot

pytestmark = pytest.mark.django_db(transaction=True)

PRIVATE_NOTE = "Argued with my brother, did not drink"


def new_page(browser: Browser) -> Page:
    context = browser.new_context(bypass_csp=True, timezone_id="America/New_York")
    context.set_default_timeout(10_000)
    return context.new_page()


def pass_the_mentor_course(page: Page, base: str) -> None:
    """Each module of the mentor course: read it, answer its check right."""
    modules = TrainingModule.objects.filter(course=Course.MENTOR, retired=False)
    assert modules.count() >= 4, "the starter mentor course is loaded by migration"
    for number, module in enumerate(modules.order_by("position")):
        page.goto(f"{base}/training/{Course.MENTOR}/{module.slug}/")
        expect(page.get_by_role("heading", level=1)).to_contain_text(module.title)
        check = page.locator("#knowledge-check")
        if number == 0:
            # A wrong answer first: told which question to review, nothing passed.
            first = module.questions[0]
            wrong = next(
                i for i in range(len(first["choices"])) if i != first["answer"]
            )
            check.get_by_role("group").first.get_by_label(
                first["choices"][wrong], exact=True
            ).check()
            for index, question in enumerate(module.questions[1:], start=1):
                check.get_by_role("group").nth(index).get_by_label(
                    question["choices"][question["answer"]], exact=True
                ).check()
            check.get_by_role("button", name="Check my answers").click()
            expect(page.locator("#knowledge-check")).to_contain_text("Not quite yet")
            axe_check(page)
            check = page.locator("#knowledge-check")
        for index, question in enumerate(module.questions):
            check.get_by_role("group").nth(index).get_by_label(
                question["choices"][question["answer"]], exact=True
            ).check()
        check.get_by_role("button", name="Check my answers").click()
        expect(page.get_by_role("main")).to_contain_text(re.compile("passed", re.I))


def test_member_becomes_a_mentor_and_mentors_a_newcomer(
    page: Page, browser: Browser, live_server: LiveServer, tasks_run_at_once: None
) -> None:
    cast = cast_create()
    # The migration loaded the courses, but an earlier journey's flush of the
    # live-server database emptied every table: load them as the command does.
    training_content_load()
    base = live_server.url
    local_today = timezone.now().astimezone(zone(cast.morgan.timezone)).date()

    # morgan starts a clock back-dated 400 days.
    persona_sign_in(page, base, "morgan@example.org")
    page.goto(base + "/me/clocks/")
    page.get_by_label("What I am tracking").fill("alcohol")
    page.get_by_label("Since").fill((local_today - dt.timedelta(days=400)).isoformat())
    page.get_by_role("button", name="Start the clock").click()
    expect(page.get_by_role("main")).to_contain_text("alcohol")

    # Not yet a mentor: the page says what is missing.
    page.goto(base + "/me/mentor/")
    expect(page.locator("#eligibility-recovery .badge-live")).to_be_visible()
    expect(page.locator("#eligibility-training")).to_contain_text("not yet")
    expect(page.locator("#eligibility-endorsement")).to_contain_text("not yet")

    # The training, module by module.
    page.goto(base + "/training/")
    axe_check(page)
    pass_the_mentor_course(page, base)
    assert course_completed_on(cast.morgan, Course.MENTOR) is not None
    page.goto(base + "/training/")
    expect(page.get_by_role("main")).to_contain_text(re.compile("completed on", re.I))
    save_screenshot(page, "mentor-training")

    # fran endorses morgan from the group's roster.
    fran = new_page(browser)
    persona_sign_in(fran, base, "fran@example.org")
    fran.goto(f"{base}/groups/{cast.group.slug}/roster/")
    membership = Membership.objects.get(member=cast.morgan, group=cast.group)
    fran.locator(f"#endorse-{membership.pk}").click()
    fran.get_by_label("Why you endorse them (optional)").fill(
        "Steady, kind, and always early to set up chairs."
    )
    fran.locator("#endorse-submit").click()
    expect(fran.locator("#endorsement-standing")).to_be_visible()
    axe_check(fran)
    fran.context.close()

    # morgan becomes a mentor.
    page.goto(base + "/me/mentor/")
    expect(page.locator("#eligibility-training .badge-live")).to_be_visible()
    expect(page.locator("#eligibility-endorsement .badge-live")).to_be_visible()
    form = page.locator("#mentor-profile-form")
    clock = SobrietyClock.objects.get(member=cast.morgan, label="alcohol")
    form.get_by_label("The clock that shows your stable recovery").select_option(
        str(clock.pk)
    )
    form.get_by_label("Your recovery focus").select_option("both")
    form.get_by_label("Tuesday evenings").check()
    form.get_by_label("Thursday evenings").check()
    form.get_by_label("How many mentees you take at once").fill("2")
    form.get_by_label("A few words about you for someone looking for a mentor").fill(
        "Sober a while now; I listen more than I talk."
    )
    axe_check(page)
    page.locator("#mentor-profile-submit").click()
    expect(page.locator("#mentor-status")).to_contain_text("0 of 2 places taken")
    save_screenshot(page, "mentor-profile")

    # alex asks for a mentor and sees morgan, with the reasons.
    alex = new_page(browser)
    persona_sign_in(alex, base, "alex@example.org")
    alex.goto(base + "/mentors/find/")
    alex.get_by_label("Focus").select_option("both")
    alex.get_by_label("Tuesday evenings").check()
    alex.locator("#find-mentor-submit").click()
    candidate = alex.locator("#mentor-candidates li.meeting-card").filter(
        has_text="Morgan S."
    )
    expect(candidate).to_have_count(1)
    reasons = candidate.locator("ul.reasons")
    expect(reasons).to_contain_text("Tuesday evenings")
    expect(reasons).to_contain_text(cast.group.name)
    axe_check(alex)
    save_screenshot(alex, "mentor-find")
    candidate.get_by_role("link", name="Ask Morgan S.").click()
    alex.get_by_label("A message to the mentor (optional)").fill(
        "Hi Morgan, I'm new and would like someone to talk to on Tuesdays."
    )
    alex.locator("#mentor-request-submit").click()
    mentorship = Mentorship.objects.get(mentor=cast.morgan, mentee=cast.alex)
    assert mentorship.state == MentorshipState.REQUESTED

    # morgan accepts; alex starts it.
    page.goto(base + "/me/mentorship/")
    page.locator(f"#mentorship-{mentorship.pk}-accept").click()
    expect(page.locator(f"#mentorship-{mentorship.pk}")).to_contain_text(
        re.compile("accepted", re.I)
    )
    alex.goto(base + "/me/mentorship/")
    alex.locator(f"#mentorship-{mentorship.pk}-confirm").click()
    mentorship.refresh_from_db()
    assert mentorship.state == MentorshipState.ACTIVE

    # They exchange messages.
    alex.goto(f"{base}/mentorships/{mentorship.pk}/")
    alex.get_by_label("Your message").fill("Thank you! Is Tuesday after group OK?")
    alex.locator("#message-send").click()
    expect(alex.locator("#thread-messages")).to_contain_text("Is Tuesday after group")
    page.goto(f"{base}/mentorships/{mentorship.pk}/")
    expect(page.locator("#thread-messages")).to_contain_text("Is Tuesday after group")
    page.get_by_label("Your message").fill("Tuesday works. Coffee after the meeting.")
    page.locator("#message-send").click()
    axe_check(page)
    # alex's open thread shows the reply by polling, without a reload.
    expect(alex.locator("#thread-messages")).to_contain_text(
        "Coffee after the meeting", timeout=15_000
    )
    axe_check(alex)
    save_screenshot(alex, "mentor-thread")
    assert MentorMessage.objects.filter(mentorship=mentorship).count() == 3

    # alex shares a check-in with "my mentor"; morgan sees its summary only.
    alex.goto(base + "/me/checkin/")
    alex.get_by_label("4: good").check()
    # Craving and stress are scales of radio buttons (issue 19), not number boxes.
    alex.get_by_role("group", name="Craving").get_by_label("2", exact=True).check()
    alex.get_by_role("group", name="Stress").get_by_label("5", exact=True).check()
    alex.get_by_role("textbox", name="Private note").fill(PRIVATE_NOTE)
    alex.get_by_role("radio", name=re.compile("^My mentor:")).check()
    alex.get_by_role("button", name="Save my check-in").click()
    expect(alex.locator(".messages")).to_contain_text(re.compile("saved", re.I))
    alex.context.close()

    page.goto(base + "/me/mentorship/")
    page.locator(f"#mentorship-{mentorship.pk}-mentee").click()
    row = page.locator("#mentee-checkins tbody tr")
    expect(row).to_have_count(1)
    # Day, mood, craving, stress: the summary alex shared.
    expect(row.locator("td").nth(0)).to_have_text("4")
    expect(row.locator("td").nth(1)).to_have_text("2")
    expect(row.locator("td").nth(2)).to_have_text("5")
    expect(page.get_by_role("main")).not_to_contain_text(PRIVATE_NOTE)
    axe_check(page)
    save_screenshot(page, "mentor-mentee-page")
