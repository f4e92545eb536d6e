"""Parsing of finder filters: one parser for the page and the API."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from kinship.core.geo import Point, geocode_zip, is_valid_point
from kinship.core.timezones import is_valid_timezone, sunday_based_weekday, zone

from .models import AttendanceMode, Focus, Language, MeetingType, Program, Weekday

DEFAULT_RADIUS_MILES = 10.0
MAX_RADIUS_MILES = 100.0
MAX_PAGE = 10_000
MAX_QUERY_LENGTH = 200
UTC_ZONE = ZoneInfo("UTC")


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """Local start times from ``start`` (inclusive) to ``end`` (exclusive)."""

    start: dt.time
    end: dt.time

    @property
    def wraps_midnight(self) -> bool:
        return self.end <= self.start


TIME_WINDOWS: dict[str, TimeWindow] = {
    "morning": TimeWindow(dt.time(4), dt.time(12)),
    "afternoon": TimeWindow(dt.time(12), dt.time(17)),
    "evening": TimeWindow(dt.time(17), dt.time(21)),
    "night": TimeWindow(dt.time(21), dt.time(4)),
}

TIME_CHOICES = [
    ("", _("Any time")),
    ("morning", _("Morning (4 AM to noon)")),
    ("afternoon", _("Afternoon (noon to 5 PM)")),
    ("evening", _("Evening (5 PM to 9 PM)")),
    ("night", _("Night (9 PM to 4 AM)")),
]

DAY_CHOICES = [
    ("", _("Any day")),
    ("today", _("Today")),
    *[(str(value), label) for value, label in Weekday.choices],
]


@dataclass(frozen=True, slots=True)
class FinderQuery:
    """A validated finder search."""

    q: str = ""
    near: Point | None = None
    near_label: str = ""
    radius_miles: float = DEFAULT_RADIUS_MILES
    weekday: int | None = None
    time_window: TimeWindow | None = None
    mode: str = ""
    program: Program | None = None
    focus: str = ""
    type_code: str = ""
    type_ids: tuple[int, ...] = ()
    language: str = ""
    language_id: int | None = None
    page: int = 1
    viewer_tz: ZoneInfo = UTC_ZONE


class FinderForm(forms.Form):
    """The finder's query string. Every field is optional; errors name the field."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Meeting, group or place name"),
    )
    near = forms.CharField(
        label=_("Near"),
        required=False,
        max_length=64,
        help_text=_("A US ZIP code, or latitude,longitude"),
    )
    radius = forms.FloatField(
        label=_("Within (miles)"),
        required=False,
        min_value=0.1,
        max_value=MAX_RADIUS_MILES,
    )
    day = forms.ChoiceField(label=_("Day"), required=False, choices=DAY_CHOICES)
    time = forms.ChoiceField(
        label=_("Time of day"), required=False, choices=TIME_CHOICES
    )
    mode = forms.ChoiceField(
        label=_("Attend"),
        required=False,
        choices=[("", _("In person or online")), *AttendanceMode.choices],
    )
    program = forms.ChoiceField(label=_("Program"), required=False)
    focus = forms.ChoiceField(
        label=_("Focus"),
        required=False,
        choices=[("", _("Any focus")), *Focus.choices],
    )
    type = forms.CharField(label=_("Meeting type"), required=False, max_length=16)
    language = forms.ChoiceField(label=_("Language"), required=False)
    page = forms.IntegerField(
        label=_("Page"), required=False, min_value=1, max_value=MAX_PAGE
    )
    tz = forms.CharField(label=_("Your time zone"), required=False, max_length=64)

    def __init__(
        self, data: Mapping[str, Any] | None = None, *, viewer_tz_default: str = ""
    ) -> None:
        super().__init__(data)
        self.viewer_tz_default = viewer_tz_default or settings.KINSHIP_DEFAULT_TIMEZONE
        # Read once: they are the choices and, after validation, the query's values.
        self.programs = {program.code: program for program in Program.objects.all()}
        self.languages = {lang.code: lang for lang in Language.objects.all()}
        cast(forms.ChoiceField, self.fields["program"]).choices = [
            ("", _("Any program")),
            *((program.code, program.name) for program in self.programs.values()),
        ]
        cast(forms.ChoiceField, self.fields["language"]).choices = [
            ("", _("Any language")),
            *((language.code, language.name) for language in self.languages.values()),
        ]

    def clean_q(self) -> str:
        value: str = self.cleaned_data["q"]
        # Control characters cannot be stored or matched (PostgreSQL refuses NUL).
        return "".join(ch for ch in value if ch.isprintable()).strip()

    def clean_near(self) -> tuple[Point, str] | None:
        raw: str = self.cleaned_data["near"].strip()
        if not raw:
            return None
        if "," in raw:
            parts = raw.split(",")
            try:
                if len(parts) != 2:
                    raise ValueError
                latitude, longitude = float(parts[0]), float(parts[1])
            except ValueError:
                raise forms.ValidationError(
                    _("Enter a US ZIP code or a latitude,longitude pair."),
                    code="invalid",
                ) from None
            if not is_valid_point(latitude, longitude):
                raise forms.ValidationError(
                    _("Latitude must be -90 to 90 and longitude -180 to 180."),
                    code="out_of_range",
                )
            return Point(latitude, longitude), f"{latitude:.4f}, {longitude:.4f}"
        centroid = geocode_zip(raw)
        if centroid is None:
            if raw[:5].isdigit():
                raise forms.ValidationError(
                    _("That ZIP code was not found."), code="unknown_zip"
                )
            raise forms.ValidationError(
                _("Enter a US ZIP code or a latitude,longitude pair."), code="invalid"
            )
        label = f"{centroid.zip_code} ({centroid.city}, {centroid.state})"
        return centroid.point, label

    def clean_radius(self) -> float:
        value: float | None = self.cleaned_data["radius"]
        if value is None:
            return DEFAULT_RADIUS_MILES
        if not math.isfinite(value):
            raise forms.ValidationError(_("Enter a number of miles."), code="invalid")
        return value

    def clean_type(self) -> str:
        code: str = self.cleaned_data["type"].strip()
        if code and not code.replace("-", "").isalnum():
            raise forms.ValidationError(_("Unknown meeting type."), code="invalid")
        return code

    def clean_tz(self) -> ZoneInfo:
        name: str = self.cleaned_data["tz"].strip()
        if name and is_valid_timezone(name):
            return zone(name)
        if name:
            raise forms.ValidationError(
                _("Unknown time zone; use a name such as America/Chicago."),
                code="invalid",
            )
        return zone(self.viewer_tz_default)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        code = cleaned.get("type")
        cleaned["type_ids"] = ()
        if code:
            # Codes are matched in the chosen program's vocabulary (any program's
            # when none is chosen), ignoring case: feeds write "12x12" and "12X12".
            program_code = cleaned.get("program")
            types = MeetingType.objects.filter(code__iexact=code)
            if program_code:
                types = types.filter(program__code=program_code)
            cleaned["type_ids"] = tuple(types.values_list("pk", flat=True))
            if not cleaned["type_ids"]:
                self.add_error(
                    "type",
                    forms.ValidationError(
                        _("%(code)s is not a meeting type of this program.")
                        if program_code
                        else _("%(code)s is not a known meeting type."),
                        params={"code": code},
                        code="unknown_type",
                    ),
                )
        return cleaned

    def finder_query(self, *, now: dt.datetime) -> FinderQuery:
        """The validated query; call only after ``is_valid()`` returned True."""
        data = self.cleaned_data
        viewer_tz: ZoneInfo = data["tz"]
        day = data["day"]
        weekday: int | None
        if day == "today":
            weekday = sunday_based_weekday(now.astimezone(viewer_tz).date())
        elif day:
            weekday = int(day)
        else:
            weekday = None
        near = data["near"]
        program_code = data["program"]
        return FinderQuery(
            q=data["q"],
            near=near[0] if near else None,
            near_label=near[1] if near else "",
            radius_miles=data["radius"],
            weekday=weekday,
            time_window=TIME_WINDOWS.get(data["time"]),
            mode=data["mode"],
            program=self.programs[program_code] if program_code else None,
            focus=data["focus"],
            type_code=data["type"],
            type_ids=data["type_ids"],
            language=data["language"],
            language_id=self.languages[data["language"]].pk
            if data["language"]
            else None,
            page=data["page"] or 1,
            viewer_tz=viewer_tz,
        )
