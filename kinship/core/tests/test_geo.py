"""Offline geocoding, great-circle distance and the bounding-box prefilter."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinship.core.geo import (
    EARTH_RADIUS_MILES,
    Point,
    bounding_box,
    distance_miles,
    geocode_zip,
)


def test_zip_codes_geocode_offline() -> None:
    centroid = geocode_zip("19103")
    assert centroid is not None
    assert centroid.city == "Philadelphia"
    assert centroid.timezone == "America/New_York"
    assert centroid.point.latitude == pytest.approx(39.95, abs=0.05)
    assert geocode_zip("19103-1234") == centroid
    assert geocode_zip("00000") is None
    assert geocode_zip("abcde") is None
    assert geocode_zip("123") is None


def test_philadelphia_to_new_york_is_about_80_miles() -> None:
    philadelphia = Point(39.9526, -75.1652)
    new_york = Point(40.7128, -74.0060)
    assert distance_miles(philadelphia, new_york) == pytest.approx(80.6, abs=0.5)
    assert distance_miles(philadelphia, philadelphia) == 0


latitudes = st.floats(-80, 80, allow_nan=False)
longitudes = st.floats(-170, 170, allow_nan=False)


@given(
    lat=latitudes,
    lon=longitudes,
    radius=st.floats(0.1, 100),
    bearing=st.floats(0, 2 * math.pi),
    fraction=st.floats(0, 1),
)
def test_every_point_within_the_radius_is_inside_the_box(
    lat: float, lon: float, radius: float, bearing: float, fraction: float
) -> None:
    center = Point(lat, lon)
    # Walk `fraction * radius` miles from the centre along a great circle.
    angular = fraction * radius / EARTH_RADIUS_MILES
    lat1, lon1 = math.radians(lat), math.radians(lon)
    lat2 = math.asin(
        math.sin(lat1) * math.cos(angular)
        + math.cos(lat1) * math.sin(angular) * math.cos(bearing)
    )
    lon2 = lon1 + math.atan2(
        math.sin(bearing) * math.sin(angular) * math.cos(lat1),
        math.cos(angular) - math.sin(lat1) * math.sin(lat2),
    )
    point = Point(math.degrees(lat2), math.degrees(lon2))
    assert distance_miles(center, point) <= radius * (1 + 1e-9) + 1e-9
    box = bounding_box(center, radius)
    assert box.min_latitude <= point.latitude <= box.max_latitude
    assert box.min_longitude <= point.longitude <= box.max_longitude
