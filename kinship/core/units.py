"""Distances as people read them: in the one unit the site shows
(``settings.KINSHIP_DISTANCE_UNIT``, "mi" or "km") and in the active
language's number format ("0.2 mi", "0,2 mi").

Inside, every distance stays in miles (the finder's radius, the matcher's
reach); only what a person reads or types is in the shown unit.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext, ngettext, pgettext

KM_PER_MILE = 1.609344


def shown_unit() -> str:
    return str(settings.KINSHIP_DISTANCE_UNIT)


def miles_to_shown(miles: float) -> float:
    return miles * KM_PER_MILE if shown_unit() == "km" else miles


def shown_to_miles(value: float) -> float:
    """A distance a person typed, in the shown unit, as miles."""
    return value / KM_PER_MILE if shown_unit() == "km" else value


def distance_label(miles: float, *, decimals: int = 1) -> str:
    """``0.2 mi`` / ``0,3 km``: a distance in the shown unit and the language's
    number format, trailing zero decimals dropped (``10 mi``)."""
    value = round(miles_to_shown(miles), decimals)
    places = 0 if value == int(value) else decimals
    number = formats.number_format(value, places, use_l10n=True)
    if shown_unit() == "km":
        return pgettext("distance", "%(number)s km") % {"number": number}
    return pgettext("distance", "%(number)s mi") % {"number": number}


def distance_words(miles: float, *, decimals: int = 1) -> str:
    """``10 miles`` / ``2.5 kilometres``: the same in words, for sentences."""
    value = round(miles_to_shown(miles), decimals)
    places = 0 if value == int(value) else decimals
    number = formats.number_format(value, places, use_l10n=True)
    # A fraction reads as plural in both languages ("1.5 miles", "1,5 millas").
    count = int(value) if not places else 2
    if shown_unit() == "km":
        text = ngettext("%(number)s kilometre", "%(number)s kilometres", count)
    else:
        text = ngettext("%(number)s mile", "%(number)s miles", count)
    return text % {"number": number}


def radius_field_label() -> str:
    """The label of a field where a person types a distance."""
    if shown_unit() == "km":
        return gettext("Within (km)")
    return gettext("Within (miles)")


def radius_field_error() -> str:
    if shown_unit() == "km":
        return gettext("Enter a number of kilometres.")
    return gettext("Enter a number of miles.")
