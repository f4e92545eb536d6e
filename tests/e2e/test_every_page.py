"""Every page, on a phone and on a desktop, as each persona (issue 19).

For the visitor, alex (member), fran (leader), morgan (mentor) and dr_lee
(clinician), at 390x844 and at 1280x800, the journey opens each page of
``every_page.VISITS`` and checks that

- it answers 200 and scripts report no error (console or page errors), and no
  request leaves the site;
- nothing scrolls sideways: ``scrollWidth <= innerWidth``;
- for a signed-in member, the "I need support" button (for clinic staff, whose
  navigation is the clinic's, the crisis link "Get help now") lies wholly inside the
  viewport as the page opens (on every page with the site header: a page
  standalone by design, such as a record to print, says why in its visit);
- axe-core finds no serious or critical violation;

and saves a full-page screenshot under test-artifacts/e2e/every-page/. The
problems of every page are gathered and reported together at the end of each
test (one a persona and viewport), with a JSON copy beside the screenshots.

One browser context a test, its session made before the first page (the
persona signed in the real way; see ``every_page.persona_session``).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Request,
    StorageStateCookie,
)
from pytest_django.live_server_helper import LiveServer

from kinship.core.tests.walking import World
from kinship.members.tests.personas import cast_create
from tests.e2e.conftest import (
    ARTIFACTS,
    AXE_FAILING_IMPACTS,
    AXE_SCRIPT,
    AXE_TAGS,
    TIMEOUT_MS,
    AxeViolation,
    _describe,
)
from tests.e2e.every_page import (
    DR_LEE,
    PERSONAS,
    SIGNED_IN,
    VISITS,
    exclusion_reason,
    half_signed_in_session,
    journey_world_create,
    migration_data_restore,
    persona_session,
    url_keys,
    visits_of,
)

SUPPORT_BUTTON = "I need support"
# Clinic staff get the clinic navigation (no peer "I need support", which asks
# their own supporters): its crisis link "Get help now" must be in view instead.
CLINIC_HELP_LINK = "Get help now"
SHOTS = ARTIFACTS / "every-page"


@dataclass(frozen=True)
class Viewport:
    name: str
    width: int
    height: int
    mobile: bool


PHONE = Viewport("phone", 390, 844, mobile=True)
DESKTOP = Viewport("desktop", 1280, 800, mobile=False)
VIEWPORTS = (PHONE, DESKTOP)


# -- The list is complete (no browser) ---------------------------------------------


def test_every_url_is_visited_or_excluded() -> None:
    """A URL pattern that no visit opens and no rule excludes fails here: a new
    page must join ``every_page.VISITS`` (or be excluded, with its reason)."""
    visited = {visit.key for visit in VISITS}
    missing = [
        f"{key} ({route})"
        for key, route in url_keys().items()
        if key not in visited and exclusion_reason(key, route) is None
    ]
    assert not missing, (
        "URLs neither in tests/e2e/every_page.py VISITS nor excluded there: "
        + ", ".join(missing)
    )


def test_visits_name_real_urls_and_personas() -> None:
    keys = url_keys()
    unknown = sorted({visit.key for visit in VISITS} - set(keys))
    assert not unknown, f"visits of URLs the site does not have: {unknown}"
    excluded_and_visited = sorted(
        visit.key for visit in VISITS if exclusion_reason(visit.key, keys[visit.key])
    )
    assert not excluded_and_visited, (
        f"both visited and excluded: {excluded_and_visited}"
    )
    nobody = [visit.label for visit in VISITS if not set(visit.who) <= set(PERSONAS)]
    assert not nobody, f"visits by no known persona: {nobody}"
    labels = [visit.label for visit in VISITS]
    assert len(labels) == len(set(labels)), "two visits share a screenshot name"
    assert all(visit.who for visit in VISITS)


# -- The journey ---------------------------------------------------------------------

# One round trip: once htmx has swapped in what a page loads (Find my group's
# first step), the page's widths and, where the layout is wider than the
# viewport asked for, the outermost elements that stick out (not those inside a
# box that scrolls or clips them); the box of the "I need support" button (by
# its text, as its accessible name is).
CHECKS_JS = """async ([width, buttonName, buttonSelector]) => {
    const busy = () => document.querySelector(
        ".htmx-request, .htmx-swapping, .htmx-settling"
    );
    // Polls (at most 5 s) for htmx's request and swap to end: no fixed sleep.
    for (let tries = 0; busy() && tries < 250; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const root = document.documentElement;
    const limit = Math.min(window.innerWidth, width);
    const sticksOut = (element) => element.getBoundingClientRect().right > limit + 0.5;
    const clipped = (element) => {
        for (let up = element.parentElement; up && up !== root; up = up.parentElement) {
            if (getComputedStyle(up).overflowX !== "visible") return true;
        }
        return false;
    };
    const named = (element) => {
        let name = element.tagName.toLowerCase();
        if (element.id) name += "#" + element.id;
        for (const cls of element.classList) name += "." + cls;
        return name;
    };
    const wide = new Map();
    const tooWide = root.scrollWidth > limit;
    for (const element of tooWide ? document.body.querySelectorAll("*") : []) {
        const box = element.getBoundingClientRect();
        const parent = element.parentElement;
        if (box.width === 0 || !sticksOut(element)) continue;
        // The outermost element that sticks out, not each of its children too.
        if (parent !== document.body && sticksOut(parent)) continue;
        if (clipped(element)) continue;
        const path = [named(element)];
        for (let up = parent; up !== document.body && path.length < 3; ) {
            path.unshift(named(up));
            up = up.parentElement;
        }
        const key = path.join(" > ") + " (right edge " + Math.round(box.right) + ")";
        wide.set(key, (wide.get(key) || 0) + 1);
    }
    const button = [...document.querySelectorAll(buttonSelector)].find(
        (candidate) => candidate.textContent.trim() === buttonName
    );
    const box = button ? button.getBoundingClientRect() : null;
    return {
        scrollWidth: root.scrollWidth,
        innerWidth: window.innerWidth,
        wide: [...wide].slice(0, 5).map(([key, n]) => (n > 1 ? n + " x " : "") + key),
        support: box && {
            left: box.left, top: box.top, right: box.right, bottom: box.bottom
        },
    };
}"""

# axe-core comes with every page (an init script); null if it did not load.
AXE_JS = """async (tags) => {
    if (typeof window.axe !== "object") return null;
    const results = await axe.run(document, {
        runOnly: {type: "tag", values: tags},
        resultTypes: ["violations"],
    });
    return results.violations;
}"""


@dataclass
class PageReport:
    label: str
    url: str
    problems: list[str]


class Journey:
    """One persona's browser at one viewport, and what it found."""

    def __init__(
        self,
        context: BrowserContext,
        base: str,
        viewport: Viewport,
        reports: list[PageReport],
    ) -> None:
        self.context = context
        self.base = base
        self.viewport = viewport
        self.page = context.new_page()
        self.current: list[str] = []
        self.page.on(
            "pageerror", lambda error: self.current.append(f"page error: {error}")
        )
        self.page.on("console", self._console)
        self.page.on("request", self._request)
        self.reports = reports
        # Whether the persona is clinic staff (the clinic navigation).
        self.clinic = False

    @property
    def help_name(self) -> str:
        return CLINIC_HELP_LINK if self.clinic else SUPPORT_BUTTON

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "")
            self.current.append(f"console error: {message.text} ({where})")

    def _request(self, request: Request) -> None:
        if not request.url.startswith((self.base, "data:", "about:", "blob:")):
            self.current.append(f"request to another site: {request.url}")

    def check(self, label: str, path: str, *, signed_in: bool, folder: Path) -> None:
        """Open ``path``, check the page, save its screenshot as ``label``."""
        self.current = []
        page = self.page
        response = page.goto(self.base + path)
        status = response.status if response is not None else None
        if status != 200:
            self.current.append(f"HTTP {status} (expected 200) at {page.url}")
        width, height = self.viewport.width, self.viewport.height
        found: dict[str, Any] = page.evaluate(
            CHECKS_JS, [width, self.help_name, "a" if self.clinic else "button"]
        )
        scroll, inner = found["scrollWidth"], found["innerWidth"]
        # On a phone a layout wider than the screen makes the browser zoom out,
        # and innerWidth grows with it: it is checked against the phone's width.
        if inner > width:
            self.current.append(
                f"wider than the {width} px screen: scrollWidth {scroll}, innerWidth "
                f"{inner} (the browser zooms out to fit); sticking out: "
                + (", ".join(found["wide"]) or "-")
            )
        elif scroll > inner:
            self.current.append(
                f"scrolls sideways: scrollWidth {scroll} > innerWidth {inner}; "
                "sticking out: " + (", ".join(found["wide"]) or "-")
            )
        if signed_in:
            self._support_inside(found["support"], width, height)
        self._axe()
        page.screenshot(path=folder / f"{label}.png", full_page=True)
        self.reports.append(PageReport(label, page.url, self.current))

    def _support_inside(
        self, box: dict[str, float] | None, width: int, height: int
    ) -> None:
        if box is None:
            self.current.append(f'no "{self.help_name}" control')
        elif not (
            box["left"] >= 0
            and box["top"] >= 0
            and box["right"] <= width
            and box["bottom"] <= height
        ):
            self.current.append(
                f'"{self.help_name}" not wholly inside the {width}x{height} '
                f"viewport: x {box['left']:.0f}..{box['right']:.0f}, "
                f"y {box['top']:.0f}..{box['bottom']:.0f}"
            )

    def _axe(self) -> None:
        violations: list[AxeViolation] | None = self.page.evaluate(AXE_JS, AXE_TAGS)
        if violations is None:
            self.page.add_script_tag(path=AXE_SCRIPT)
            violations = self.page.evaluate(AXE_JS, AXE_TAGS)
        for violation in violations or []:
            if violation["impact"] in AXE_FAILING_IMPACTS:
                self.current.append("axe " + _describe(violation).removeprefix("- "))


def session_cookie(base: str, key: str) -> StorageStateCookie:
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": key,
        "domain": urlsplit(base).hostname or "localhost",
        "path": "/",
        "expires": -1,
        "httpOnly": True,
        "secure": False,
        "sameSite": "Lax",
    }


@pytest.fixture
def journey_world(transactional_db: None) -> World:
    # Rate limits and used TOTP codes live in the cache: each test starts afresh.
    cache.clear()
    migration_data_restore()
    return journey_world_create(cast_create())


OpenJourney = Callable[[Viewport, str, list[PageReport]], Journey]


@pytest.fixture
def open_journey(browser: Browser, live_server: LiveServer) -> Iterator[OpenJourney]:
    """A browser context at the viewport, holding the session ``key``."""
    made: list[BrowserContext] = []

    def make(viewport: Viewport, key: str, reports: list[PageReport]) -> Journey:
        context = browser.new_context(
            bypass_csp=True,
            locale="en-US",
            timezone_id="America/New_York",
            viewport={"width": viewport.width, "height": viewport.height},
            is_mobile=viewport.mobile,
            has_touch=viewport.mobile,
            storage_state={"cookies": [session_cookie(live_server.url, key)]},
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.add_init_script(path=AXE_SCRIPT)
        made.append(context)
        return Journey(context, live_server.url, viewport, reports)

    yield make
    for context in made:
        context.close()


def summary(reports: list[PageReport], persona: str, viewport: Viewport) -> str:
    failing = [report for report in reports if report.problems]
    lines = [
        f"{persona} at {viewport.width}x{viewport.height}: {len(failing)} of "
        f"{len(reports)} pages with problems"
    ]
    for report in failing:
        lines.append(f"* {report.label} ({report.url})")
        lines.extend(f"    - {problem}" for problem in report.problems)
    return "\n".join(lines)


# The live server needs committed rows (a transactional database).
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("viewport", VIEWPORTS, ids=[v.name for v in VIEWPORTS])
@pytest.mark.parametrize("persona", PERSONAS)
def test_every_page(
    persona: str, viewport: Viewport, journey_world: World, open_journey: OpenJourney
) -> None:
    world = journey_world
    folder = SHOTS / f"{persona}-{viewport.name}"
    shutil.rmtree(folder, ignore_errors=True)  # no screenshot of a page gone
    folder.mkdir(parents=True)
    visits = visits_of(persona)
    reports: list[PageReport] = []
    signing_in = [visit for visit in visits if visit.during_sign_in]
    if signing_in:
        # dr_lee between the password and the code: a browser of its own (the
        # visitor's header, so no "I need support" yet).
        assert persona == DR_LEE, "only dr_lee has a second sign-in step"
        halfway = open_journey(
            viewport, half_signed_in_session(world.cast.dr_lee), reports
        )
        for visit in signing_in:
            halfway.check(visit.label, visit.url(world), signed_in=False, folder=folder)
        halfway.context.close()
    journey = open_journey(viewport, persona_session(persona, world.cast), reports)
    journey.clinic = persona == DR_LEE
    for visit in visits:
        if not visit.during_sign_in:
            journey.check(
                visit.label,
                visit.url(world),
                signed_in=persona in SIGNED_IN and not visit.standalone,
                folder=folder,
            )
    (SHOTS / f"{persona}-{viewport.name}.json").write_text(
        json.dumps([report.__dict__ for report in reports], indent=2)
    )
    assert len(reports) == len(visits)
    if any(report.problems for report in reports):
        pytest.fail(summary(reports, persona, viewport), pytrace=False)
