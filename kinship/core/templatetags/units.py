"""``{{ miles|distance }}``: a distance in the site's unit and the language's
number format (kinship.core.units)."""

from __future__ import annotations

from django import template

from kinship.core.units import distance_label

register = template.Library()


@register.filter
def distance(miles: float | None) -> str:
    return "" if miles is None else distance_label(float(miles))
