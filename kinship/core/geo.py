"""Geography without PostGIS: offline ZIP centroids, bounding boxes, great circles."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from typing import Any

EARTH_RADIUS_MILES = 3958.7613
MILES_PER_DEGREE_LATITUDE = math.pi * EARTH_RADIUS_MILES / 180
# The prefilter box is widened a little so float rounding never drops an edge point.
BOX_MARGIN = 1.001


@dataclass(frozen=True, slots=True)
class Point:
    latitude: float
    longitude: float


@dataclass(frozen=True, slots=True)
class ZipCentroid:
    zip_code: str
    point: Point
    city: str
    state: str
    timezone: str


@dataclass(frozen=True, slots=True)
class BoundingBox:
    min_latitude: float
    max_latitude: float
    min_longitude: float
    max_longitude: float


@cache
def zip_centroids() -> dict[str, ZipCentroid]:
    """All US ZIP code centroids, read once from the offline ``zipcodes`` package."""
    import zipcodes

    table: dict[str, ZipCentroid] = {}
    rows: list[dict[str, Any]] = zipcodes.list_all()  # type: ignore[no-untyped-call]
    for row in rows:
        try:
            point = Point(float(row["lat"]), float(row["long"]))
        except (TypeError, ValueError):
            continue
        if point.latitude == 0 and point.longitude == 0:
            continue
        table[row["zip_code"]] = ZipCentroid(
            zip_code=row["zip_code"],
            point=point,
            city=row.get("city") or "",
            state=row.get("state") or "",
            timezone=row.get("timezone") or "",
        )
    return table


def geocode_zip(zip_code: str) -> ZipCentroid | None:
    """The centroid of a five-digit US ZIP code (a ZIP+4 uses its first five)."""
    digits = zip_code.strip()[:5]
    if len(digits) != 5 or not digits.isdigit():
        return None
    return zip_centroids().get(digits)


def is_valid_point(latitude: float, longitude: float) -> bool:
    return (
        math.isfinite(latitude)
        and math.isfinite(longitude)
        and -90.0 <= latitude <= 90.0
        and -180.0 <= longitude <= 180.0
    )


def distance_miles(a: Point, b: Point) -> float:
    """Great-circle (haversine) distance between two points, in statute miles."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(b.longitude - a.longitude)
    h = (
        math.sin(dlat / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    )
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(center: Point, radius_miles: float) -> BoundingBox:
    """A latitude/longitude box that contains every point within the radius.

    Used as an indexed prefilter; the exact distance is computed afterwards. Near the
    poles the box widens to all longitudes. Boxes crossing the antimeridian are
    clamped, which can only lose points in the Pacific beyond longitude 180.
    """
    dlat = BOX_MARGIN * radius_miles / MILES_PER_DEGREE_LATITUDE
    cos_lat = math.cos(math.radians(center.latitude))
    if cos_lat < 1e-6:
        dlon = 180.0
    else:
        dlon = min(
            180.0, BOX_MARGIN * radius_miles / (MILES_PER_DEGREE_LATITUDE * cos_lat)
        )
    return BoundingBox(
        min_latitude=max(-90.0, center.latitude - dlat),
        max_latitude=min(90.0, center.latitude + dlat),
        min_longitude=max(-180.0, center.longitude - dlon),
        max_longitude=min(180.0, center.longitude + dlon),
    )
