"""The web app manifest: what a phone needs to put Kinship on its home screen."""

from __future__ import annotations

from typing import Any

from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _

# The header's colour (--brand-dark) and the page's (--paper) in static/css/site.css.
THEME_COLOUR = "#164766"
BACKGROUND_COLOUR = "#ffffff"

# (file under static/, size in px, purpose)
ICONS: tuple[tuple[str, int, str], ...] = (
    ("icons/icon-192.png", 192, "any"),
    ("icons/icon-512.png", 512, "any"),
    ("icons/icon-maskable-512.png", 512, "maskable"),
)


def web_manifest() -> dict[str, Any]:
    """The manifest in the request's language (W3C Web Application Manifest)."""
    home = reverse("directory:home")
    icons = [
        {"src": static(name), "sizes": f"{size}x{size}", "type": "image/png"}
        | ({"purpose": purpose} if purpose != "any" else {})
        for name, size, purpose in ICONS
    ]
    shortcut_icon = [icons[0]]
    return {
        "id": home,
        "name": _("Kinship: peer support for recovery"),
        "short_name": _("Kinship"),
        "description": _(
            "Find peer support meetings, keep track of your recovery and get help "
            "at any hour."
        ),
        "lang": get_language(),
        "dir": "rtl" if get_language_bidi() else "ltr",
        "start_url": home,
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "categories": ["health", "medical", "social"],
        "icons": icons,
        "shortcuts": [
            {
                "name": _("Get help now"),
                "url": reverse("recovery:help"),
                "icons": shortcut_icon,
            },
            {
                "name": _("My schedule"),
                "url": reverse("attendance:schedule"),
                "icons": shortcut_icon,
            },
        ],
    }
