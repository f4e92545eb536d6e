"""The web app manifest, its icons, and the links to it from every page."""

from __future__ import annotations

import importlib.util
import json
import re
import struct
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from kinship.members.models import Member
from kinship.members.tests.personas import signed_in

ROOT = Path(__file__).resolve().parents[3]
MANIFEST = "/manifest.webmanifest"


def manifest_of(response: Any) -> dict[str, Any]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data: dict[str, Any] = json.loads(response.content)
    return data


def static_file(url: str) -> Path:
    assert url.startswith(settings.STATIC_URL), url
    found = finders.find(url.removeprefix(settings.STATIC_URL))
    assert isinstance(found, str), f"{url} is not a static file"
    return Path(found)


def png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and RGBA rows of a PNG written by scripts/make_icons.py
    (8-bit RGBA, one IDAT, filter 0 on every row)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height, depth, kind = struct.unpack(">IIBB", data[16:26])
    assert (depth, kind) == (8, 6), f"{path}: not 8-bit RGBA"
    start = data.index(b"IDAT") + 4
    length = struct.unpack(">I", data[start - 8 : start - 4])[0]
    raw = zlib.decompress(data[start : start + length])
    stride = width * 4 + 1
    rows = [raw[i * stride + 1 : (i + 1) * stride] for i in range(height)]
    assert all(raw[i * stride] == 0 for i in range(height))
    return width, height, rows


@pytest.mark.django_db
def test_the_manifest_has_what_installing_needs(client: Client) -> None:
    manifest = manifest_of(client.get(MANIFEST))
    assert reverse("offline:manifest") == MANIFEST
    assert manifest["name"] == "Kinship: peer support for recovery"
    assert manifest["short_name"] == "Kinship"
    assert manifest["description"]
    assert manifest["start_url"] == "/"
    assert manifest["scope"] == "/"
    assert manifest["id"] == "/"
    assert manifest["display"] == "standalone"
    assert (manifest["lang"], manifest["dir"]) == ("en", "ltr")
    pngs = {
        (icon["sizes"], icon.get("purpose", "any"))
        for icon in manifest["icons"]
        if icon["type"] == "image/png"
    }
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= pngs
    shortcuts = {item["url"]: item["name"] for item in manifest["shortcuts"]}
    assert shortcuts == {"/help/": "Get help now", "/me/schedule/": "My schedule"}


@pytest.mark.django_db
def test_every_icon_is_a_png_of_its_declared_size(client: Client) -> None:
    manifest = manifest_of(client.get(MANIFEST))
    for icon in manifest["icons"]:
        width, height, _rows = png_pixels(static_file(icon["src"]))
        assert icon["sizes"] == f"{width}x{height}", icon


@pytest.mark.django_db
def test_the_maskable_icon_fills_its_square_and_the_others_keep_round_corners(
    client: Client,
) -> None:
    """A launcher crops a maskable icon to any shape: it must have no transparent
    corner. The plain icons are the favicon, rounded corners transparent."""
    manifest = manifest_of(client.get(MANIFEST))
    for icon in manifest["icons"]:
        width, height, rows = png_pixels(static_file(icon["src"]))
        corners = [rows[0][:4], rows[0][-4:], rows[-1][:4], rows[-1][-4:]]
        centre = rows[height // 2][(width // 2) * 4 : (width // 2) * 4 + 4]
        assert centre[3] == 255, icon
        if icon.get("purpose") == "maskable":
            assert all(c == bytes([0x16, 0x47, 0x66, 255]) for c in corners), icon
        else:
            assert all(c[3] == 0 for c in corners), icon


@pytest.mark.django_db
def test_the_colours_are_the_stylesheet_s(client: Client) -> None:
    """The header's colour for the browser's bar, the page's for the splash."""
    css = (ROOT / "static" / "css" / "site.css").read_text()

    def variable(name: str) -> str:
        match = re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{6}});", css)
        assert match, name
        return match.group(1).lower()

    manifest = manifest_of(client.get(MANIFEST))
    assert manifest["theme_color"] == variable("brand-dark")
    assert manifest["background_color"] == variable("paper")
    page = client.get(reverse("directory:home")).content.decode()
    assert f'<meta name="theme-color" content="{variable("brand-dark")}">' in page


@pytest.mark.django_db
def test_the_manifest_speaks_the_visitor_s_language(client: Client) -> None:
    response = client.get(MANIFEST, headers={"accept-language": "es"})
    manifest = manifest_of(response)
    assert (manifest["lang"], manifest["dir"]) == ("es", "ltr")
    assert "Accept-Language" in response["Vary"]


@pytest.mark.django_db
def test_every_page_links_the_manifest_and_the_worker(
    client: Client, eve: Member
) -> None:
    """Visitors and members alike (eve here): the same links, the signed-in
    state only as a yes or no for the script that registers the worker."""
    for who, browser, signed in (
        ("visitor", client, "false"),
        ("eve", signed_in(eve), "true"),
    ):
        page = browser.get(reverse("recovery:help")).content.decode()
        assert '<link rel="manifest" href="/manifest.webmanifest">' in page, who
        assert '<link rel="apple-touch-icon" href="/static/icons/' in page, who
        assert f'data-service-worker="/sw.js" data-signed-in="{signed}"' in page, who


def test_the_committed_icons_are_what_the_script_draws_from_the_favicon() -> None:
    """scripts/make_icons.py, run on static/favicon.svg now, gives the same
    bytes as the committed icons (the two smaller ones, to stay quick)."""
    spec = importlib.util.spec_from_file_location(
        "make_icons", ROOT / "scripts" / "make_icons.py"
    )
    assert spec is not None
    assert spec.loader is not None
    make_icons = importlib.util.module_from_spec(spec)
    sys.modules["make_icons"] = make_icons  # its dataclass looks itself up
    try:
        spec.loader.exec_module(make_icons)
    finally:
        del sys.modules["make_icons"]
    side, shapes = make_icons.favicon_shapes(make_icons.FAVICON)
    for name, size, maskable in make_icons.ICONS:
        if size > 192:
            continue
        drawn = make_icons.png(
            make_icons.render(shapes, side, size, maskable=maskable), size
        )
        assert drawn == (ROOT / "static" / "icons" / name).read_bytes(), name
