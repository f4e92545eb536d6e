"""What the service worker may keep on the device, and its script.

The Cache API ignores ``Cache-Control``, so ``PrivateResponseMiddleware``'s
``no-store`` cannot keep a private page out of it: the worker itself stores only
the URLs listed here. For everyone: the shell (styles, scripts, icons), the
offline page and the help page with the crisis lines, each fetched without
cookies so the stored copy is what a visitor sees. For a signed-in browser only:
the member's own schedule. Never a POST, the API, or any other page.

The script is ``static/js/sw.js`` with ``KINSHIP_OFFLINE`` (these lists and a
version) put above it. The version is a hash of everything the worker stores, so
a deploy that changes any of it makes a new worker, whose caches replace the old.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

from kinship.recovery.crisis import offline_crisis_text

WORKER_SOURCE = "js/sw.js"

# Static files of the shell: the look of every page, and the icons.
SHELL_FILES: tuple[str, ...] = (
    "css/site.css",
    "js/site.js",
    "vendor/htmx/htmx.min.js",
    "favicon.svg",
    "icons/icon-192.png",
    "icons/icon-512.png",
    "icons/icon-maskable-512.png",
    "icons/apple-touch-icon.png",
)

# Public pages, stored as a visitor sees them (fetched without cookies).
PUBLIC_PAGES: tuple[str, ...] = ("offline:page", "recovery:help")

# The signed-in member's own pages (fetched with their session): only these.
MEMBER_PAGES: tuple[str, ...] = ("attendance:schedule",)

# The templates of the stored pages: a change to one is a new version too.
STORED_TEMPLATES: tuple[str, ...] = (
    "base.html",
    "offline/offline_page.html",
    "recovery/help_page.html",
    "recovery/help_resources.html",
)


def _static_bytes(name: str) -> bytes:
    found = finders.find(name)
    if isinstance(found, str):
        return Path(found).read_bytes()
    with staticfiles_storage.open(name) as handle:  # collected files only
        content: bytes = handle.read()
        return content


def _template_bytes(name: str) -> bytes:
    origin = get_template(name).origin  # type: ignore[attr-defined]
    return Path(str(origin.name)).read_bytes()


def _version_compute() -> str:
    digest = hashlib.sha256()
    for name in (WORKER_SOURCE, *SHELL_FILES):
        digest.update(name.encode() + b"\0" + _static_bytes(name) + b"\0")
    for name in STORED_TEMPLATES:
        digest.update(name.encode() + b"\0" + _template_bytes(name) + b"\0")
    # Hashed static URLs (production) change with their files.
    digest.update(json.dumps([static(name) for name in SHELL_FILES]).encode())
    return digest.hexdigest()[:16]


_version_cached = cache(_version_compute)


def offline_version() -> str:
    """A hash of the worker and all it stores (recomputed each time under DEBUG,
    where files change without a restart)."""
    return _version_compute() if settings.DEBUG else _version_cached()


def worker_config(*, signed_in: bool) -> dict[str, Any]:
    """The allow-list the worker follows. ``member_pages`` is empty for a
    signed-out browser: its worker never learns a private URL."""
    return {
        "version": offline_version(),
        "shell": [static(name) for name in SHELL_FILES],
        "public_pages": [reverse(name) for name in PUBLIC_PAGES],
        "member_pages": [reverse(name) for name in MEMBER_PAGES] if signed_in else [],
        "offline_page": reverse("offline:page"),
        # The public pages are stored in this language: a reader who changes it
        # gets a new script, hence a new worker that stores them again.
        "language": translation.get_language() or settings.LANGUAGE_CODE,
        # In the reader's language, with the Spanish lines in Spanish.
        "offline_text": offline_crisis_text(),
    }


def worker_script(*, signed_in: bool) -> str:
    """The service worker's JavaScript for this browser."""
    config = json.dumps(worker_config(signed_in=signed_in), ensure_ascii=True)
    source = _static_bytes(WORKER_SOURCE).decode()
    return f"const KINSHIP_OFFLINE = {config};\n{source}"
