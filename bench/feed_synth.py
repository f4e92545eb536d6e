"""A synthetic Meeting Guide feed shaped like the real ones, for the import benchmark.

Like the feeds in ``shared/data/feeds``: no ``timezone`` (zones come from the
coordinates), coordinates as strings in some records, empty strings for absent
values, a few 12-hour times and day arrays, several meetings per place and per
group, a third of meetings online or hybrid, and some codes the program does not
know. Deterministic for a given seed.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

# (city, state, ZIP, latitude, longitude): places across the US time zones.
CITIES = (
    ("Philadelphia", "PA", "19103", 39.9526, -75.1652),
    ("Boston", "MA", "02108", 42.3601, -71.0589),
    ("Atlanta", "GA", "30303", 33.7490, -84.3880),
    ("Chicago", "IL", "60602", 41.8781, -87.6298),
    ("Houston", "TX", "77002", 29.7604, -95.3698),
    ("Denver", "CO", "80202", 39.7392, -104.9903),
    ("Phoenix", "AZ", "85004", 33.4484, -112.0740),
    ("Los Angeles", "CA", "90012", 34.0522, -118.2437),
    ("Seattle", "WA", "98104", 47.6062, -122.3321),
    ("Anchorage", "AK", "99501", 61.2181, -149.9003),
    ("Honolulu", "HI", "96813", 21.3069, -157.8583),
    ("Indianapolis", "IN", "46204", 39.7684, -86.1581),
)
CODES = ("O", "C", "D", "B", "ST", "SP", "BE", "W", "M", "LIT", "12x12", "MED", "S")
WORDS = (
    "Serenity",
    "Hope",
    "Big Book",
    "Step",
    "Sunrise",
    "Keep It Simple",
    "Freedom",
    "Came to Believe",
    "Lunch Bunch",
    "Early Bird",
    "Night Owls",
    "Promises",
)


def synthetic_feed(meetings: int, seed: int = 7) -> list[dict[str, Any]]:
    """``meetings`` records (a few hold day arrays, so slightly more meetings)."""
    rng = random.Random(seed)
    places = [_place(rng, n) for n in range(max(1, meetings // 5))]
    groups = [f"{rng.choice(WORDS)} Group {n}" for n in range(max(1, meetings // 8))]
    records: list[dict[str, Any]] = []
    made = 0
    n = 0
    while made < meetings:
        n += 1
        place = rng.choice(places)
        online = rng.random() < 0.33
        days: Any = rng.randrange(7)
        if rng.random() < 0.02 and made + 2 <= meetings:
            days = sorted(rng.sample(range(7), 2))
        made += len(days) if isinstance(days, list) else 1
        hour, minute = rng.randrange(6, 22), rng.choice((0, 15, 30, 45))
        time = (
            f"{(hour - 1) % 12 + 1}:{minute:02d} {'PM' if hour >= 12 else 'AM'}"
            if rng.random() < 0.05
            else f"{hour:02d}:{minute:02d}"
        )
        types = rng.sample(CODES, rng.randrange(1, 4))
        if rng.random() < 0.01:
            types.append("ASBI")
        record: dict[str, Any] = {
            "name": f"{rng.choice(WORDS)} {rng.choice(('Meeting', 'Discussion'))}",
            "slug": f"meeting-{n}",
            "day": days,
            "time": time,
            "end_time": f"{hour + 1:02d}:{minute:02d}",
            "types": types,
            "notes": rng.choice(
                ("", "Use the side door.", "Parking behind &amp; free")
            ),
            "conference_url": f"https://zoom.us/j/{rng.randrange(10**9, 10**10)}"
            if online
            else "",
            "conference_phone": "",
            "group": rng.choice(groups) if rng.random() < 0.6 else "",
            "updated": "2024-05-01 12:00:00",
            **place,
        }
        if online and rng.random() < 0.5:
            record["approximate"] = "yes"
        records.append(record)
    return records


def _place(rng: random.Random, n: int) -> dict[str, Any]:
    city, state, zip_code, latitude, longitude = rng.choice(CITIES)
    latitude += rng.uniform(-0.2, 0.2)
    longitude += rng.uniform(-0.2, 0.2)
    as_text = rng.random() < 0.5
    return {
        "location": f"Hall {n}",
        "formatted_address": f"{n} Main St, {city}, {state} {zip_code}, USA",
        "latitude": f"{latitude:.6f}" if as_text else round(latitude, 6),
        "longitude": f"{longitude:.6f}" if as_text else round(longitude, 6),
        "location_notes": "",
    }


def write_synthetic_feed(path: Path, meetings: int, seed: int = 7) -> int:
    records = synthetic_feed(meetings, seed)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(records), "utf-8")
    return len(records)
