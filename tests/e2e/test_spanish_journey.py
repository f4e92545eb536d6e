"""Kinship in Spanish, in the browser (issue 20).

A visitor whose browser asks for Spanish (es-ES) finds a meeting on a phone and
reads the crisis lines; a visitor whose browser asks for English switches to
Spanish with the footer's switcher; alex (member) checks in; fran (leader)
opens her group's board and roll call; dr_lee (clinician, second sign-in step)
opens the clinic. Every page is ``lang="es"``, in Spanish, and passes axe-core
with no serious or critical finding.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from kinship.care.tests.helpers import clinic_create, totp_code, totp_step_held
from kinship.members.tests.personas import PERSONA_PASSWORD, cast_create
from kinship.recovery.models import CheckIn
from tests.e2e.conftest import axe_check, save_screenshot, watched_page

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
SPANISH = {"locale": "es-ES", "viewport": PHONE}


def in_spanish(page: Page, name: str) -> None:
    """The page is Spanish through and through, and accessible."""
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("body")).not_to_contain_text("I need support")
    expect(page.locator("body")).not_to_contain_text("Get help now")
    axe_check(page)
    save_screenshot(page, f"spanish-{name}")


def sign_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.get_by_label("Correo electrónico").fill(email)
    page.get_by_label("Contraseña").fill(PERSONA_PASSWORD)
    page.get_by_role("button", name=re.compile("Iniciar sesión", re.I)).click()


def test_a_visitor_finds_a_meeting_and_help_in_spanish_on_a_phone(
    browser: Browser, live_server: LiveServer, demo_directory: None
) -> None:
    base = live_server.url
    with watched_page(browser, live_server, **SPANISH) as page:
        page.goto(base + "/")
        in_spanish(page, "home")
        expect(page.get_by_role("link", name="Pide ayuda ahora")).to_be_visible()

        page.goto(base + "/meetings/")
        page.get_by_text("Filtros", exact=True).first.click()
        page.get_by_label("Cerca de", exact=True).fill("19103")
        page.get_by_role("button", name="Buscar", exact=True).first.click()
        expect(page.locator("#results")).to_contain_text(re.compile(r"millas|mi\b"))
        in_spanish(page, "finder")
        page.locator("#results a.meeting-link, #results h3 a").first.click()
        in_spanish(page, "meeting")

        page.goto(base + "/help/")
        main = page.get_by_role("main")
        expect(main.locator('a[href="tel:988"]').first).to_be_visible()
        expect(main.locator('a[href="sms:988?body=AYUDA"]').first).to_be_visible()
        in_spanish(page, "help")


def test_the_switcher_turns_an_english_page_spanish_without_script(
    browser: Browser, live_server: LiveServer, demo_directory: None
) -> None:
    base = live_server.url
    with watched_page(
        browser, live_server, locale="en-US", java_script_enabled=False
    ) as page:
        page.goto(base + "/meetings/")
        expect(page.locator("html")).to_have_attribute("lang", "en")
        page.get_by_role("button", name="Español").click()
        expect(page).to_have_url(re.compile(r"/meetings/$"))
        expect(page.locator("html")).to_have_attribute("lang", "es")
        expect(page.get_by_role("heading", level=1)).to_have_text("Buscar una reunión")
        expect(page.get_by_role("button", name="Español")).to_have_attribute(
            "aria-pressed", "true"
        )
        page.get_by_role("button", name="English").click()
        expect(page.locator("html")).to_have_attribute("lang", "en")


def test_member_leader_and_clinician_paths_in_spanish(
    browser: Browser, live_server: LiveServer
) -> None:
    cast = cast_create()
    clinic_create(cast.dr_lee)
    base = live_server.url

    with watched_page(browser, live_server, **SPANISH) as page:
        sign_in(page, base, "alex@example.org")
        expect(page).to_have_url(re.compile(r"/me/$"))
        in_spanish(page, "member-home")
        page.goto(base + "/me/checkin/")
        in_spanish(page, "member-checkin")
        page.get_by_label("4: bien").check()
        page.get_by_role("group", name="Ganas de consumir").get_by_label(
            "3", exact=True
        ).check()
        page.get_by_role("group", name="Estrés").get_by_label("6", exact=True).check()
        page.get_by_role("button", name="Guardar mi registro").click()
        expect(page.locator(".messages")).to_contain_text("Tu registro se guardó")
        assert CheckIn.objects.get(member=cast.alex).mood == 4
        in_spanish(page, "member-checked-in")

    with watched_page(browser, live_server, **SPANISH) as page:
        sign_in(page, base, "fran@example.org")
        expect(page).to_have_url(re.compile(r"/me/$"))
        page.goto(base + f"/groups/{cast.group.slug}/board/")
        expect(page.get_by_role("heading", level=1)).to_contain_text(
            re.compile("Tablón")
        )
        in_spanish(page, "leader-board")
        page.goto(base + f"/groups/{cast.group.slug}/")
        in_spanish(page, "leader-group")

    with watched_page(browser, live_server, **SPANISH) as page:
        sign_in(page, base, "dr_lee@example.org")
        expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
        with totp_step_held():
            page.get_by_label(re.compile(r"^Código:?$")).fill(totp_code())
            page.get_by_role("button", name=re.compile("Iniciar sesión", re.I)).click()
            expect(page).to_have_url(re.compile(r"/me/$"))
        page.goto(base + "/clinic/")
        page.get_by_role("link", name="Harbor Light Treatment").click()
        expect(page.get_by_role("link", name="Derivar a un paciente")).to_be_visible()
        in_spanish(page, "clinician-home")
