"""Distances in the one unit the site shows, in the reader's number format."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils import translation

from kinship.core.units import (
    distance_label,
    distance_words,
    radius_field_label,
    shown_to_miles,
)
from kinship.directory.forms import FinderForm


def test_miles_in_english_and_spanish_number_formats() -> None:
    assert distance_label(0.24) == "0.2 mi"
    assert distance_label(2.0) == "2 mi"
    assert distance_words(10) == "10 miles"
    assert distance_words(1) == "1 mile"
    with translation.override("es"):
        assert distance_label(0.24) == "0,2 mi"
        assert distance_words(10) == "10 millas"
        assert distance_words(1.5) == "1,5 millas"


@override_settings(KINSHIP_DISTANCE_UNIT="km")
def test_one_setting_turns_every_distance_into_kilometres() -> None:
    assert distance_label(1) == "1.6 km"
    assert distance_words(10) == "16.1 kilometres"
    assert radius_field_label() == "Within (km)"
    assert shown_to_miles(16.09344) == pytest.approx(10)
    with translation.override("es"):
        assert distance_label(1) == "1,6 km"
        assert radius_field_label() == "Distancia máxima (km)"


@pytest.mark.django_db
@override_settings(KINSHIP_DISTANCE_UNIT="km")
def test_a_radius_typed_in_kilometres_searches_that_far_in_miles() -> None:
    form = FinderForm({"radius": "16.09344"})
    assert form.fields["radius"].label == "Within (km)"
    assert form.is_valid(), form.errors
    assert form.cleaned_data["radius"] == pytest.approx(10)
