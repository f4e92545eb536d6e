"""Directions to a meeting's place in the maps app people already use.

Links only: nothing is sent anywhere until the person follows one, and the page
asks its browser not to send a referrer. Apple Maps and Google Maps take the
destination as "latitude,longitude" (or an address); ``geo:`` (RFC 5870) opens
whatever maps app an Android phone has.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise


@dataclass(frozen=True, slots=True)
class DirectionsLink:
    label: StrOrPromise
    url: str


def directions_links(
    *,
    latitude: float | None,
    longitude: float | None,
    address: str = "",
    name: str = "",
) -> list[DirectionsLink]:
    """Apple Maps, Google Maps, the phone's maps app (geo:) and OpenStreetMap."""
    if latitude is not None and longitude is not None:
        where = f"{latitude:f},{longitude:f}"
        label = f"{where}({name})" if name else where
        return [
            DirectionsLink(
                _("Apple Maps"),
                "https://maps.apple.com/?"
                + urlencode({"daddr": where, **({"q": name} if name else {})}),
            ),
            DirectionsLink(
                _("Google Maps"),
                "https://www.google.com/maps/dir/?"
                + urlencode({"api": "1", "destination": where}),
            ),
            DirectionsLink(
                _("Maps app on this phone"),
                f"geo:{where}?q={quote(label, safe=',()')}",
            ),
            DirectionsLink(
                _("OpenStreetMap"),
                "https://www.openstreetmap.org/directions?" + urlencode({"to": where}),
            ),
        ]
    if not address.strip():
        return []
    return [
        DirectionsLink(
            _("Apple Maps"), "https://maps.apple.com/?" + urlencode({"daddr": address})
        ),
        DirectionsLink(
            _("Google Maps"),
            "https://www.google.com/maps/dir/?"
            + urlencode({"api": "1", "destination": address}),
        ),
        DirectionsLink(_("Maps app on this phone"), f"geo:0,0?q={quote(address)}"),
    ]
