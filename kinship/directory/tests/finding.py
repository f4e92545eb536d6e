"""What the finder tests share: a search as the finder page makes it, and places
measured from ZIP 19103's centroid (Center City, Philadelphia)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kinship.core.geo import MILES_PER_DEGREE_LATITUDE, geocode_zip
from kinship.directory.forms import FinderForm
from kinship.directory.selectors import FinderPage, meetings_find

from .factories import LocationFactory

CENTER_CITY = geocode_zip("19103")
assert CENTER_CITY is not None


def form_for(**params: Any) -> FinderForm:
    return FinderForm({k: str(v) for k, v in params.items()})


def find(now: dt.datetime, **params: Any) -> FinderPage:
    form = form_for(**params)
    assert form.is_valid(), form.errors
    return meetings_find(form.finder_query(now=now), now=now)


def slugs(page: FinderPage) -> list[str]:
    return [result.meeting.slug for result in page.results]


def place(miles_north: float, **kwargs: Any) -> Any:
    """A location the given number of miles due north of ZIP 19103's centroid."""
    assert CENTER_CITY is not None
    return LocationFactory(
        latitude=CENTER_CITY.point.latitude + miles_north / MILES_PER_DEGREE_LATITUDE,
        longitude=CENTER_CITY.point.longitude,
        **kwargs,
    )
