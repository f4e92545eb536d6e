"""Template helpers of the directory: names in the reader's language, directions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django_stubs_ext import StrOrPromise

from kinship.directory import names
from kinship.directory.directions import DirectionsLink, directions_links
from kinship.directory.type_choices import type_name as readable_type_name

register = template.Library()


@register.filter
def type_name(meeting_type: Any) -> StrOrPromise:
    """A meeting type's name for people (a ``MeetingType`` or a summary's)."""
    return readable_type_name(meeting_type.code, meeting_type.label)


@register.filter
def by_type_name(meeting_types: Iterable[Any]) -> list[Any]:
    """Meeting types in the order of their names in the reader's language."""
    return sorted(
        meeting_types,
        key=lambda t: names.name_order(readable_type_name(t.code, t.label)),
    )


@register.filter
def type_description(description: str) -> StrOrPromise:
    """What a type means, in the reader's language when it is the vocabulary's."""
    return names.type_description(description)


@register.filter
def by_name(items: Iterable[Any]) -> list[Any]:
    """Languages or programs in the order of their names in the reader's language
    (the database orders by the stored English)."""
    return names.by_name(items)


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
