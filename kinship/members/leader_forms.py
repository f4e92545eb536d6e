"""Forms leaders use to edit their group and its meetings: they parse, services save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinship.core.geo import geocode_zip
from kinship.core.timezones import known_timezones
from kinship.directory.models import (
    JOINABLE_ONLINE_MODES,
    AttendanceMode,
    Group,
    Meeting,
)

from .services import GROUP_EDITABLE, MEETING_EDITABLE


class GroupEditForm(forms.ModelForm[Group]):
    class Meta:
        model = Group
        fields = list(GROUP_EDITABLE)
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "guidelines": forms.Textarea(attrs={"rows": 6}),
            "confidentiality_statement": forms.Textarea(attrs={"rows": 3}),
            "inclusivity_statement": forms.Textarea(attrs={"rows": 3}),
        }


def timezone_choices_with(usual: str) -> list[tuple[str, str]]:
    """Every IANA zone for a select: ``usual`` first, then "Region/City" names
    in order, then the rest (UTC, legacy names)."""
    zones = sorted(known_timezones(), key=lambda name: ("/" not in name, name))
    if usual in known_timezones():
        zones.remove(usual)
        zones.insert(0, usual)
    return [(name, name.replace("_", " ")) for name in zones]


class MeetingEditForm(forms.ModelForm[Meeting]):
    """A meeting's schedule, mode, conference details and place.

    The place is edited as address fields; a US ZIP code gives the coordinates
    (its centroid) so the meeting can be found near a place. The time zone is
    chosen from a list of zones, the group's usual one first (and chosen for a
    new meeting).
    """

    conference_url = forms.URLField(
        label=_("Conference URL"), max_length=500, required=False, assume_scheme="https"
    )
    place_name = forms.CharField(label=_("Place name"), max_length=200, required=False)
    address = forms.CharField(label=_("Street address"), max_length=300, required=False)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    region = forms.CharField(label=_("State or region"), max_length=120, required=False)
    postal_code = forms.CharField(label=_("ZIP code"), max_length=20, required=False)

    class Meta:
        model = Meeting
        fields = list(MEETING_EDITABLE)
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "conference_url_notes": forms.Textarea(attrs={"rows": 2}),
            "conference_phone_notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, usual_timezone: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zone_field = self.fields["timezone"]
        self.fields["timezone"] = forms.ChoiceField(
            label=zone_field.label,
            help_text=zone_field.help_text,
            choices=timezone_choices_with(usual_timezone),
        )
        if not self.instance.pk and usual_timezone:
            self.initial.setdefault("timezone", usual_timezone)
        location = self.instance.location if self.instance.pk else None
        if location is not None:
            self.initial.update(
                place_name=location.name,
                address=location.formatted_address,
                city=location.city,
                region=location.region,
                postal_code=location.postal_code,
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        mode = cleaned.get("attendance_mode")
        needs_place = mode in (AttendanceMode.IN_PERSON, AttendanceMode.HYBRID)
        if needs_place and not (cleaned.get("address") or cleaned.get("place_name")):
            self.add_error(
                "address", _("An in-person or hybrid meeting needs a place.")
            )
        postal_code = (cleaned.get("postal_code") or "").strip()
        if needs_place and postal_code and geocode_zip(postal_code) is None:
            self.add_error("postal_code", _("That ZIP code was not found."))
        online = mode in JOINABLE_ONLINE_MODES
        if (
            online
            and not cleaned.get("conference_url")
            and not cleaned.get("conference_phone")
        ):
            self.add_error(
                "conference_url",
                _(
                    "An online or hybrid meeting needs a conference link "
                    "or phone number."
                ),
            )
        if (cleaned.get("weekday") is None) != (cleaned.get("start_time") is None):
            self.add_error(
                "start_time",
                _("Give both a weekday and a start time, or neither (by appointment)."),
            )
        return cleaned

    def _post_clean(self) -> None:
        # The service validates the meeting with its place; the form's own model
        # validation would run before the place exists.
        pass

    def meeting_values(self) -> dict[str, Any]:
        return {field: self.cleaned_data[field] for field in MEETING_EDITABLE}

    def place_values(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        if data["attendance_mode"] == AttendanceMode.ONLINE:
            return None
        centroid = geocode_zip(data.get("postal_code") or "")
        values: dict[str, Any] = {
            "name": data.get("place_name", ""),
            "formatted_address": data.get("address", ""),
            "city": data.get("city", ""),
            "region": data.get("region", ""),
            "postal_code": data.get("postal_code", ""),
            "latitude": centroid.point.latitude if centroid else None,
            "longitude": centroid.point.longitude if centroid else None,
            # A ZIP centroid places the meeting in its area, not at its door.
            "approximate": centroid is not None,
        }
        return values
