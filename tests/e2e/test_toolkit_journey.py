"""Starting a new group with the toolkit, JavaScript on (each step an htmx swap).

alex fills in the basics -> walks the steps -> the review step shows what alex
entered -> creates the group -> lands on the group's own page, which still answers
(not a 404) when reloaded.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from kinship.directory.models import Group
from kinship.directory.tests.factories import LanguageFactory, ProgramFactory
from kinship.members.tests.personas import cast_create
from tests.e2e.conftest import axe_check, persona_sign_in, save_screenshot

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "Riverside Dual Recovery"
DESCRIPTION = "A small, friendly group for people living with two recoveries."


def test_the_htmx_flow_reviews_the_entered_values_and_ends_on_the_group(
    page: Page, live_server: LiveServer
) -> None:
    cast_create()
    ProgramFactory.create(
        code="dual-recovery", name="Dual Recovery Anonymous", focus="both"
    )
    LanguageFactory.create(code="en", name="English")
    base = live_server.url
    persona_sign_in(page, base, "alex@example.org")

    page.goto(base + "/groups/new/")
    page.wait_for_function("() => window.htmx !== undefined")
    page.get_by_label("Group name").fill(NAME)
    page.get_by_label("Focus").select_option("both")
    page.get_by_label("Program or method").select_option(
        label="Dual Recovery Anonymous"
    )
    page.get_by_label("English").check()
    page.get_by_label("ZIP code of the area the group serves").fill("19103")
    page.get_by_label("Description").fill(DESCRIPTION)
    step = page.locator("form.toolkit-step-form")
    for expected in ("safety", "structure", "team", "resources"):
        page.get_by_role("button", name="Save and continue").first.click()
        expect(step).to_have_attribute("data-step", expected)
        expect(page).to_have_url(re.compile(rf"/groups/new/\d+/{expected}/$"))
        if expected == "team":
            page.get_by_label("Facilitator", exact=True).check()
    page.get_by_role("button", name="Save and continue").click()

    # The review step came in by htmx (no page load) and shows the answers.
    expect(step).to_have_attribute("data-step", "review")
    expect(page).to_have_url(re.compile(r"/groups/new/\d+/review/$"))
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text(NAME)
    expect(facts).to_contain_text(DESCRIPTION)
    expect(facts).to_contain_text("Dual Recovery Anonymous")
    expect(facts).to_contain_text("English")
    expect(facts).to_contain_text("19103")
    expect(facts).to_contain_text("Facilitator")
    expect(page.get_by_role("main")).to_contain_text("Who you see here")
    axe_check(page)
    save_screenshot(page, "toolkit-review")

    page.get_by_role("button", name="Create the group").click()
    expect(page).not_to_have_url(re.compile(r"/groups/new/"))
    group_url = base + Group.objects.get(name=NAME).get_absolute_url()
    expect(page).to_have_url(group_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text(NAME)

    response = page.reload()
    assert response is not None
    assert response.status == 200, response.url
    expect(page.get_by_role("heading", level=1)).to_contain_text(NAME)
