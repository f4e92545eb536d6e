"""US cities by name, offline: "Philadelphia, PA" or "Philadelphia".

Built from the ZIP code table the ``zipcodes`` package ships (``core.geo``): a
city is the mean of its ZIP code centroids. Nothing a person types leaves the
server.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from kinship.core.geo import Point, zip_centroids

# A name without a state means the place holding this share of the ZIP codes of
# that name (Philadelphia, PA has 87 of 91; Portland, OR only 65 of 85, so
# "Portland" asks for the state).
DOMINANT_SHARE = 0.8
SUGGESTIONS_SHOWN = 4

STATES: dict[str, str] = {
    "alabama": "AL",
    "alaska": "AK",
    "arizona": "AZ",
    "arkansas": "AR",
    "california": "CA",
    "colorado": "CO",
    "connecticut": "CT",
    "delaware": "DE",
    "district of columbia": "DC",
    "florida": "FL",
    "georgia": "GA",
    "hawaii": "HI",
    "idaho": "ID",
    "illinois": "IL",
    "indiana": "IN",
    "iowa": "IA",
    "kansas": "KS",
    "kentucky": "KY",
    "louisiana": "LA",
    "maine": "ME",
    "maryland": "MD",
    "massachusetts": "MA",
    "michigan": "MI",
    "minnesota": "MN",
    "mississippi": "MS",
    "missouri": "MO",
    "montana": "MT",
    "nebraska": "NE",
    "nevada": "NV",
    "new hampshire": "NH",
    "new jersey": "NJ",
    "new mexico": "NM",
    "new york": "NY",
    "north carolina": "NC",
    "north dakota": "ND",
    "ohio": "OH",
    "oklahoma": "OK",
    "oregon": "OR",
    "pennsylvania": "PA",
    "puerto rico": "PR",
    "rhode island": "RI",
    "south carolina": "SC",
    "south dakota": "SD",
    "tennessee": "TN",
    "texas": "TX",
    "utah": "UT",
    "vermont": "VT",
    "virginia": "VA",
    "washington": "WA",
    "west virginia": "WV",
    "wisconsin": "WI",
    "wyoming": "WY",
}
_ABBREVIATIONS = {
    r"^st\.?\s": "saint ",
    r"^ste\.?\s": "sainte ",
    r"^ft\.?\s": "fort ",
    r"^mt\.?\s": "mount ",
}


@dataclass(frozen=True, slots=True)
class City:
    name: str
    state: str
    point: Point
    zip_count: int

    @property
    def label(self) -> str:
        return f"{self.name}, {self.state}"


@dataclass(frozen=True, slots=True)
class CityLookup:
    """A city found, or why not: ``candidates`` when the name is ambiguous."""

    city: City | None
    candidates: tuple[City, ...] = ()


def normalise(name: str) -> str:
    text = " ".join(name.casefold().replace(".", ". ").split())
    for pattern, replacement in _ABBREVIATIONS.items():
        text = re.sub(pattern, replacement, text)
    return " ".join(text.replace(".", "").split())


@cache
def cities() -> dict[str, list[City]]:
    """Cities by normalised name, largest (most ZIP codes) first."""
    points: dict[tuple[str, str], list[Point]] = defaultdict(list)
    names: dict[tuple[str, str], str] = {}
    for centroid in zip_centroids().values():
        if not centroid.city or not centroid.state:
            continue
        key = (normalise(centroid.city), centroid.state)
        points[key].append(centroid.point)
        names.setdefault(key, centroid.city)
    table: dict[str, list[City]] = defaultdict(list)
    for (name, state), found in points.items():
        point = Point(
            sum(p.latitude for p in found) / len(found),
            sum(p.longitude for p in found) / len(found),
        )
        table[name].append(City(names[name, state], state, point, len(found)))
    for same_name in table.values():
        same_name.sort(key=lambda city: (-city.zip_count, city.state))
    return dict(table)


def _split_state(text: str) -> tuple[str, str | None]:
    """("philadelphia", "PA") from "philadelphia, pa" or "philadelphia pa"."""
    if "," in text:
        name, _, state = text.rpartition(",")
        return name.strip(), _state_code(state.strip()) or state.strip().upper()
    words = text.split()
    for size in (3, 2, 1):  # "new york", "district of columbia", "pa"
        if len(words) > size:
            code = _state_code(" ".join(words[-size:]))
            if code and " ".join(words[:-size]) in cities():
                return " ".join(words[:-size]), code
    return text, None


def _state_code(text: str) -> str | None:
    text = text.casefold().strip()
    if len(text) == 2 and text.upper() in STATES.values():
        return text.upper()
    return STATES.get(text)


def city_lookup(text: str) -> CityLookup:
    """The US city a name means, if one does; else the candidates, if any."""
    name, state = _split_state(normalise(text))
    same_name = cities().get(name, [])
    if state is not None:
        in_state = [city for city in same_name if city.state == state]
        return CityLookup(in_state[0] if in_state else None)
    if not same_name:
        return CityLookup(None)
    total = sum(city.zip_count for city in same_name)
    if same_name[0].zip_count >= DOMINANT_SHARE * total:
        return CityLookup(same_name[0])
    return CityLookup(None, tuple(same_name[:SUGGESTIONS_SHOWN]))
