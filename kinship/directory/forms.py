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
from kinship.core.units import radius_field_error, radius_field_label, shown_to_miles

from .models import AttendanceMode, Focus, Language, MeetingType, Program, Weekday
from .names import by_name
from .places import city_lookup
from .type_choices import (
    AUDIENCE_CONCEPTS,
    FORMAT_CONCEPTS,
    KnownType,
    TypeVocabulary,
    concept,
    type_name,
)
from .vocabularies import MEETING_GUIDE_LANGUAGE_TYPES

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

SORT_NEAREST = "nearest"
SORT_UPCOMING = "upcoming"
SORT_WEEK = "week"
SORT_CHOICES = [
    ("", _("Nearest first, or by day")),
    (SORT_UPCOMING, _("Starting soonest")),
    (SORT_NEAREST, _("Nearest first")),
    (SORT_WEEK, _("By day of the week")),
]

# What ``near_label`` says of a position the browser gave ("Near me").
YOUR_LOCATION = _("your location")


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
    audience: str = ""
    audience_type_ids: tuple[int, ...] = ()
    language: str = ""
    language_id: int | None = None
    page: int = 1
    viewer_tz: ZoneInfo = UTC_ZONE
    # "upcoming" (next start first), "nearest" or "week" (weekly order).
    sort: str = SORT_WEEK
    # day=today: meetings whose occurrence today has ended are left out.
    drop_ended: bool = False


class LanguageField(forms.ChoiceField):
    """A language by our code (``es``). A Meeting Guide language type (``S``,
    ``ASL``), as links built from a feed's codes send, means the same language:
    it is read as ours, and the select shows that language chosen."""

    def to_python(self, value: Any) -> str:
        code: str = super().to_python(value)
        if code and not self.valid_value(code):
            return MEETING_GUIDE_LANGUAGE_TYPES.get(code.upper(), code)
        return code

    def bound_data(self, data: Any, initial: Any) -> Any:
        return self.to_python(data)


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
        help_text=_("A US ZIP code or city, e.g. 19103 or Philadelphia, PA"),
    )
    # Filled by the "Near me" button from the browser's position; used for this
    # search only, never stored or logged.
    lat = forms.FloatField(
        label=_("Latitude"), required=False, min_value=-90.0, max_value=90.0
    )
    lng = forms.FloatField(
        label=_("Longitude"), required=False, min_value=-180.0, max_value=180.0
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
    type = forms.CharField(label=_("Meeting type"), required=False, max_length=64)
    audience = forms.ChoiceField(
        label=_("Who it is for"),
        required=False,
        choices=[
            ("", _("Anyone")),
            *((c.value, c.label) for c in AUDIENCE_CONCEPTS),
        ],
    )
    language = LanguageField(label=_("Language"), required=False)
    sort = forms.ChoiceField(label=_("Order"), required=False, choices=SORT_CHOICES)
    page = forms.IntegerField(
        label=_("Page"), required=False, min_value=1, max_value=MAX_PAGE
    )
    tz = forms.CharField(label=_("Your time zone"), required=False, max_length=64)

    def __init__(
        self, data: Mapping[str, Any] | None = None, *, viewer_tz_default: str = ""
    ) -> None:
        super().__init__(data)
        self.fields["radius"].label = radius_field_label()  # in the site's unit
        self.viewer_tz_default = viewer_tz_default or settings.KINSHIP_DEFAULT_TIMEZONE
        # Read once: they are the choices and, after validation, the query's values.
        self.programs = {program.code: program for program in Program.objects.all()}
        self.languages = {lang.code: lang for lang in Language.objects.all()}
        self.vocabulary = TypeVocabulary(
            tuple(
                KnownType(pk, program_code, code, label)
                for pk, program_code, code, label in MeetingType.objects.values_list(
                    "pk", "program__code", "code", "label"
                )
            )
        )
        # In the order of the names the reader sees, in the language in force.
        cast(forms.ChoiceField, self.fields["program"]).choices = [
            ("", _("Any program")),
            *(
                (program.code, program.display_name)
                for program in by_name(self.programs.values())
            ),
        ]
        cast(forms.ChoiceField, self.fields["language"]).choices = [
            ("", _("Any language")),
            *(
                (language.code, language.display_name)
                for language in by_name(self.languages.values())
            ),
        ]

    def clean_q(self) -> str:
        value: str = self.cleaned_data["q"]
        # Control characters cannot be stored or matched (PostgreSQL refuses NUL).
        return "".join(ch for ch in value if ch.isprintable()).strip()

    def clean_near(self) -> tuple[Point, str] | None:
        raw: str = self.cleaned_data["near"].strip()
        if not raw:
            return None
        if raw[:1].isdigit() or raw[:1] in "+-.":
            return self._near_numbers(raw)
        return self._near_city(raw)

    def _near_numbers(self, raw: str) -> tuple[Point, str]:
        """A ZIP code, or a latitude,longitude pair."""
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

    def _near_city(self, raw: str) -> tuple[Point, str]:
        found = city_lookup(raw)
        if found.city is not None:
            return found.city.point, found.city.label
        if found.candidates:
            places = ", ".join(city.label for city in found.candidates)
            raise forms.ValidationError(
                _(
                    "There is more than one %(name)s. Add the state, "
                    "for example: %(places)s."
                ),
                params={"name": raw, "places": places},
                code="ambiguous_city",
            )
        raise forms.ValidationError(
            _(
                "We could not find a US city called %(name)s. Check the spelling, "
                "add the state (Philadelphia, PA), or enter a ZIP code."
            ),
            params={"name": raw},
            code="unknown_city",
        )

    def clean_radius(self) -> float:
        """The radius in miles, typed in the site's unit."""
        value: float | None = self.cleaned_data["radius"]
        if value is None:
            return DEFAULT_RADIUS_MILES
        if not math.isfinite(value):
            raise forms.ValidationError(radius_field_error(), code="invalid")
        return min(shown_to_miles(value), MAX_RADIUS_MILES)

    def clean_type(self) -> str:
        value: str = self.cleaned_data["type"].strip()
        if value and not value.replace("-", "").replace("_", "").isalnum():
            raise forms.ValidationError(_("Unknown meeting type."), code="invalid")
        return value

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
        program_code = cleaned.get("program") or ""
        value = cleaned.get("type")
        cleaned["type_ids"] = ()
        if value:
            # A readable choice ("women", "closed"), a type's name ("big-book")
            # or, as links and API clients send, a code ("W", "12x12").
            cleaned["type_ids"] = self.vocabulary.resolve(value, program_code)
            if not cleaned["type_ids"]:
                self.add_error(
                    "type",
                    forms.ValidationError(
                        _("%(code)s is not a meeting type of this program.")
                        if program_code
                        else _("%(code)s is not a known meeting type."),
                        params={"code": value},
                        code="unknown_type",
                    ),
                )
        audience = cleaned.get("audience")
        cleaned["audience_type_ids"] = ()
        if audience:
            wanted = concept(audience, AUDIENCE_CONCEPTS)
            assert wanted is not None  # a valid choice
            cleaned["audience_type_ids"] = self.vocabulary.concept_ids(
                wanted, program_code
            )
            if not cleaned["audience_type_ids"]:
                self.add_error(
                    "audience",
                    forms.ValidationError(
                        _("This program lists no meetings for %(audience)s.")
                        if program_code
                        else _("No meetings are listed for %(audience)s."),
                        params={"audience": wanted.label},
                        code="unknown_audience",
                    ),
                )
        self._clean_position(cleaned)
        if cleaned.get("sort") == SORT_NEAREST and not cleaned.get("near"):
            self.add_error(
                "sort",
                forms.ValidationError(
                    _("Enter a place (or use Near me) to sort by distance."),
                    code="needs_place",
                ),
            )
        return cleaned

    def _clean_position(self, cleaned: dict[str, Any]) -> None:
        """lat and lng (from "Near me") come together and stand for ``near``.

        A place typed in ``near`` wins: the page's script clears the position
        when someone types a place, so both arrive only from an old link.
        """
        latitude, longitude = cleaned.get("lat"), cleaned.get("lng")
        if latitude is None and longitude is None:
            return
        if latitude is None or longitude is None:
            missing = "lat" if latitude is None else "lng"
            if missing not in self.errors:
                self.add_error(
                    missing,
                    forms.ValidationError(
                        _("Send both latitude and longitude."), code="incomplete"
                    ),
                )
            return
        if not (math.isfinite(latitude) and math.isfinite(longitude)):
            self.add_error(
                "lat",
                forms.ValidationError(_("Enter a number."), code="invalid"),
            )
            return
        if not cleaned.get("near") and "near" not in self.errors:
            cleaned["near"] = (Point(latitude, longitude), str(YOUR_LOCATION))

    @property
    def type_options(self) -> list[tuple[str, Any]]:
        """The type select's options: readable choices, then the program's own."""
        program = self.data.get("program", "") if self.is_bound else ""
        program = program if program in self.programs else ""
        options: list[tuple[str, Any]] = [("", _("Any type"))]
        options += self.vocabulary.choices(FORMAT_CONCEPTS, program)
        if program:
            options += self.vocabulary.program_choices(program)
        current = (self.data.get("type", "") if self.is_bound else "").strip()
        if current and current not in {value for value, _label in options}:
            # An old link with a code: show what it means, selected.
            ids = set(self.vocabulary.resolve(current, program))
            names = {
                str(type_name(t.code, t.label))
                for t in self.vocabulary.types
                if t.id in ids
            }
            options.append((current, ", ".join(by_name(names)) or current))
        return options

    @property
    def audience_options(self) -> list[tuple[str, Any]]:
        program = self.data.get("program", "") if self.is_bound else ""
        program = program if program in self.programs else ""
        current = self.data.get("audience", "") if self.is_bound else ""
        offered = dict(self.vocabulary.choices(AUDIENCE_CONCEPTS, program))
        return [
            ("", _("Anyone")),
            *(
                (c.value, c.label)
                for c in AUDIENCE_CONCEPTS
                if c.value in offered or c.value == current
            ),
        ]

    @property
    def filters_set(self) -> int:
        """How many filters the query sets (shown on the closed "Filters" button)."""
        if not self.is_bound:
            return 0
        names = [n for n in self.fields if n not in ("page", "tz", "sort", "lng")]
        return sum(1 for name in names if str(self.data.get(name, "")).strip())

    def finder_query(self, *, now: dt.datetime) -> FinderQuery:
        """The validated query; call only after ``is_valid()`` returned True."""
        data = self.cleaned_data
        viewer_tz: ZoneInfo = data["tz"]
        day = data["day"]
        near = data["near"]
        sort = data["sort"] or (SORT_NEAREST if near else SORT_WEEK)
        weekday: int | None
        if day == "today":
            weekday = sunday_based_weekday(now.astimezone(viewer_tz).date())
        elif day:
            weekday = int(day)
        else:
            weekday = None
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
            audience=data["audience"],
            audience_type_ids=data["audience_type_ids"],
            language=data["language"],
            language_id=self.languages[data["language"]].pk
            if data["language"]
            else None,
            page=data["page"] or 1,
            viewer_tz=viewer_tz,
            sort=sort,
            drop_ended=day == "today",
        )
