"""Template helpers of the directory: readable type names, directions."""

from __future__ import annotations

from typing import Any

from django import template
from django_stubs_ext import StrOrPromise

from kinship.directory.directions import DirectionsLink, directions_links
from kinship.directory.type_choices import type_name as readable_type_name

register = template.Library()


@register.filter
def type_name(meeting_type: Any) -> StrOrPromise:
    """A meeting type's name for people (a ``MeetingType`` or a summary's)."""
    return readable_type_name(meeting_type.code, meeting_type.label)


@register.simple_tag
def directions(location: Any, name: str = "") -> list[DirectionsLink]:
    address = location.formatted_address or " ".join(
        part
        for part in (
            location.street if hasattr(location, "street") else "",
            location.city,
            location.region,
            location.postal_code,
        )
        if part
    )
    return directions_links(
        latitude=location.latitude,
        longitude=location.longitude,
        address=address,
        name=name or location.name,
    )
