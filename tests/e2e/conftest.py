"""Browser journeys: Playwright drives Debian's Chromium against a live server.

No browser is ever downloaded (`playwright install` is never run): the journeys use
/usr/bin/chromium, installed by `make e2e-deps`. Accessibility is checked with
axe-core from node_modules, injected into each page under test.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypedDict

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    expect,
    sync_playwright,
)
from pytest_django.live_server_helper import LiveServer

from kinship.attendance.codes import meeting_code
from kinship.attendance.occurrences import meeting_occurrences_between
from kinship.conftest import tasks_run_at_once  # noqa: F401 (a fixture shared with app tests)
from kinship.directory.models import Meeting
from kinship.members.tests.personas import PERSONA_PASSWORD

# Playwright's sync API runs an event loop in the test's thread, and Django's ORM
# refuses to run beside one. The calls really are synchronous (one thread, the live
# server answers in its own), so the guard is lifted for the journeys only.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "e2e"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# WCAG 2.x A and AA, plus axe's best practices; serious and critical ones fail a test.
AXE_TAGS = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
]
AXE_FAILING_IMPACTS = frozenset({"serious", "critical"})
AXE_TARGETS_SHOWN = 3

TIMEOUT_MS = 10_000


class AxeNode(TypedDict):
    target: list[Any]


class AxeViolation(TypedDict):
    id: str
    impact: str | None
    help: str
    helpUrl: str
    nodes: list[AxeNode]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make e2e-deps` (Debian's chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        # The service worker's precaching sends requests of its own beside a
        # journey's: journeys run without it unless they ask for it
        # (test_offline_journey.py passes service_workers="allow").
        new_context = browser.new_context

        def new_context_without_worker(**options: Any) -> BrowserContext:
            options.setdefault("service_workers", "block")
            return new_context(**options)

        setattr(browser, "new_context", new_context_without_worker)  # noqa: B010
        yield browser
        browser.close()


@contextmanager
def watched_page(
    browser: Browser, live_server: LiveServer, **options: Any
) -> Iterator[Page]:
    """A fresh page in a context of its own (``options`` as for ``new_context``,
    over en-US in New York with ``bypass_csp``); fails if scripts error or call
    other sites."""
    context = browser.new_context(
        **{
            "bypass_csp": True,
            "locale": "en-US",
            "timezone_id": "America/New_York",
            **options,
        }
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("console", lambda message: _record_console_error(message, problems))
    page.on(
        "request", lambda request: _record_third_party(request, live_server, problems)
    )
    yield page
    context.close()
    if problems:
        pytest.fail("The browser reported problems:\n" + "\n".join(problems))


@pytest.fixture
def page(browser: Browser, live_server: LiveServer) -> Iterator[Page]:
    """A fresh page in its own context; fails if scripts error or call other sites.

    ``bypass_csp`` lets axe-core be injected even under a strict Content Security
    Policy; the site's own scripts are unaffected by it.
    """
    with watched_page(
        browser, live_server, viewport={"width": 1280, "height": 900}
    ) as page:
        yield page


def _record_console_error(message: ConsoleMessage, problems: list[str]) -> None:
    if message.type == "error":
        problems.append(f"console error: {message.text} ({message.location['url']})")


def _record_third_party(
    request: Request, live_server: LiveServer, problems: list[str]
) -> None:
    # The site promises no trackers: every request must stay on our own origin.
    if not request.url.startswith((live_server.url, "data:", "about:")):
        problems.append(f"request to another site: {request.url}")


def axe_check(page: Page) -> None:
    """Run axe-core on the page as it is now; fail on serious or critical issues.

    Moderate and minor findings are reported as warnings, not failures.
    """
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `make e2e-deps` (npm ci).")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=AXE_SCRIPT)
    violations: list[AxeViolation] = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return results.violations;
        }""",
        AXE_TAGS,
    )
    failing = [v for v in violations if v["impact"] in AXE_FAILING_IMPACTS]
    others = [v for v in violations if v["impact"] not in AXE_FAILING_IMPACTS]
    for violation in others:
        warnings.warn(
            f"axe ({page.url}): {_describe(violation)}", UserWarning, stacklevel=2
        )
    if failing:
        pytest.fail(
            f"axe-core found {len(failing)} serious or critical violation(s) on "
            f"{page.url}:\n" + "\n".join(_describe(v) for v in failing)
        )


def _describe(violation: AxeViolation) -> str:
    targets = [
        " ".join(str(part) for part in node["target"])
        for node in violation["nodes"][:AXE_TARGETS_SHOWN]
    ]
    more = len(violation["nodes"]) - len(targets)
    shown = ", ".join(targets) + (f" and {more} more" if more > 0 else "")
    return (
        f"- {violation['id']} ({violation['impact']}): {violation['help']} "
        f"[{shown}] {violation['helpUrl']}"
    )


def persona_sign_in(page: Page, base: str, email: str) -> None:
    """Sign a persona in (their password is ``PERSONA_PASSWORD``); lands on /me/."""
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PERSONA_PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    expect(page).to_have_url(re.compile(r"/me/$"))


def save_screenshot(page: Page, name: str) -> Path:
    """Save a full-page screenshot as a test artefact under test-artifacts/e2e/."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path


@pytest.fixture
def demo_directory(transactional_db: None) -> None:
    """The demo directory from ``manage.py seed_demo`` (Philadelphia and others).

    The live server needs committed rows, hence the transactional database; the
    tables are flushed after each test, so each test seeds its own copy.
    """
    call_command("seed_demo", stdout=io.StringIO())


def current_code(meeting: Meeting) -> str:
    """What the leader's roll-call page shows during the meeting."""
    now = timezone.now()
    occurrence = meeting_occurrences_between(
        meeting, now - dt.timedelta(hours=2), now + dt.timedelta(minutes=1)
    )[-1]
    return meeting_code(meeting.uuid, occurrence.starts_at)
