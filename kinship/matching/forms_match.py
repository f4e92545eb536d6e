"""The guided "Find my group" questions: one parser for the pages and the API.

``MatchForm`` holds every question; ``MatchForm(data, step=n)`` only the fields of
step ``n`` (see ``STEPS``), so the step-by-step pages validate one step at a time
with the same fields and messages. Parsing only: nothing here saves or logs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from kinship.core.geo import geocode_zip
from kinship.core.timezones import is_valid_timezone, zone
from kinship.directory.models import Audience, Focus, Language, Program
from kinship.directory.names import by_name

from .match import MatchQuery
from .ranking import Comfort, Needs, Slot, Travel

UTC_ZONE = ZoneInfo("UTC")
# Five digits, or ZIP+4 (its first five are used).
ZIP_CODE = re.compile(r"[0-9]{5}(-?[0-9]{4})?")

FOCUS_CHOICES = [
    (Focus.ADDICTION.value, _("Recovery from addiction")),
    (Focus.MENTAL_HEALTH.value, _("My mental health")),
    (Focus.BOTH.value, _("Both addiction and mental health")),
    (Focus.FAMILY.value, _("Someone close to me (family and friends)")),
]
SLOT_CHOICES = [
    (Slot.WEEKDAY_MORNING.value, _("Weekday mornings (before noon)")),
    (Slot.WEEKDAY_AFTERNOON.value, _("Weekday afternoons (noon to 5 PM)")),
    (Slot.WEEKDAY_EVENING.value, _("Weekday evenings (from 5 PM)")),
    (Slot.WEEKEND.value, _("Weekends")),
]
TRAVEL_CHOICES = [
    (Travel.ONLINE.value, _("Online only")),
    (Travel.NO_CAR.value, _("In person, without a car (walking, transit, lifts)")),
    (Travel.CAR.value, _("In person, by car")),
]
COMFORT_CHOICES = [
    (Comfort.LISTEN_FIRST.value, _("I'd like to listen first")),
    (Comfort.READY.value, _("I'm ready to talk")),
]
# The groups a person may feel safer in; the other audience tags are not asked.
AUDIENCE_ASKED = (
    Audience.WOMEN,
    Audience.MEN,
    Audience.LGBTQ,
    Audience.YOUNG_PEOPLE,
    Audience.VETERANS,
)
AUDIENCE_CHOICES = [(value.value, value.label) for value in AUDIENCE_ASKED]

# Answers that are lists (the rest are single strings).
LIST_ANSWERS = ("slots", "languages", "programs", "audience")
ANSWER_NAMES = ("focus", "slots", "zip", "travel", "comfort", *LIST_ANSWERS[1:])


@dataclass(frozen=True)
class MatchStep:
    """One page of the guided questions: its heading and the fields it asks."""

    key: str
    title: StrOrPromise
    fields: tuple[str, ...]


STEPS: list[MatchStep] = [
    MatchStep("focus", _("What brings you here"), ("focus",)),
    MatchStep("when", _("Your time"), ("slots",)),
    MatchStep("where", _("Where you are"), ("zip", "travel")),
    MatchStep("comfort", _("Starting out"), ("comfort",)),
    MatchStep("language", _("Language and program"), ("languages", "programs")),
    MatchStep("audience", _("Who you meet with"), ("audience",)),
]


def _choice(
    label: StrOrPromise, choices: list[tuple[str, Any]], required: StrOrPromise
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages={"required": required},
    )


def _several(
    label: StrOrPromise, choices: list[tuple[str, Any]], help_text: StrOrPromise
) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
        error_messages={
            "invalid_choice": _("%(value)s is not one of the choices."),
        },
    )


class MatchForm(forms.Form):
    """Every guided question; with ``step``, only that step's (1 to len(STEPS))."""

    focus = _choice(
        _("What would you like support with?"),
        FOCUS_CHOICES,
        _("Please choose what you would like support with."),
    )
    slots = _several(
        _("When are you free?"),
        SLOT_CHOICES,
        _("Choose all that suit you; choose none for any time."),
    )
    zip = forms.CharField(
        label=_("Your US ZIP code"),
        required=False,
        max_length=10,
        help_text=_("Used only to find groups near you and your time zone."),
    )
    travel = _choice(
        _("How would you get to a meeting?"),
        TRAVEL_CHOICES,
        _("Please choose how you would get to a meeting."),
    )
    comfort = _choice(
        _("How would you like to start?"),
        COMFORT_CHOICES,
        _("Please choose how you would like to start."),
    )
    languages = _several(
        _("Languages you would like the group to speak"),
        [],
        _("Optional: choose none for any language."),
    )
    programs = _several(
        _("Programs you prefer"),
        [],
        _("Optional: choose none for any program."),
    )
    audience = _several(
        _("Would you feel safer in a group for..."),
        AUDIENCE_CHOICES,
        _("Optional: choose none if it does not matter to you."),
    )

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        step: int | None = None,
        initial: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(data, initial=dict(initial or {}))
        self.step = step
        if step is not None:
            keep = STEPS[step - 1].fields
            for name in list(self.fields):
                if name not in keep:
                    del self.fields[name]
        # The directory's vocabularies, read only when the step asks for them.
        if "languages" in self.fields:
            cast(forms.MultipleChoiceField, self.fields["languages"]).choices = [
                (language.code, language.display_name)
                for language in by_name(Language.objects.all())
            ]
        if "programs" in self.fields:
            cast(forms.MultipleChoiceField, self.fields["programs"]).choices = [
                (program.code, program.display_name)
                for program in by_name(Program.objects.all())
            ]

    def clean_zip(self) -> str:
        raw: str = self.cleaned_data["zip"].strip()
        if not raw:
            return ""
        if not ZIP_CODE.fullmatch(raw):
            raise forms.ValidationError(
                _("Enter a five-digit US ZIP code, such as 19103."), code="invalid"
            )
        centroid = geocode_zip(raw)
        if centroid is None:
            raise forms.ValidationError(
                _("That ZIP code was not found."), code="unknown_zip"
            )
        return centroid.zip_code

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        travel = cleaned.get("travel")
        if (
            travel
            and travel != Travel.ONLINE
            and not cleaned.get("zip")
            and "zip" not in self.errors
        ):
            self.add_error(
                "zip",
                forms.ValidationError(
                    _(
                        "To meet in person, give your ZIP code so we can find "
                        "groups near you, or choose online only."
                    ),
                    code="zip_needed",
                ),
            )
        return cleaned

    def answers(self) -> dict[str, Any]:
        """The validated answers as JSON-ready values (lists sorted), for the
        session or a saved match; call only after ``is_valid()`` returned True."""
        return answers_of(self.cleaned_data)

    def query(self, *, default_tz: ZoneInfo = UTC_ZONE) -> MatchQuery:
        """The engine's query for the validated answers (see ``match_query``)."""
        return match_query(self.answers(), default_tz=default_tz)


def answers_of(cleaned: Mapping[str, Any]) -> dict[str, Any]:
    """The known answers among ``cleaned``, JSON-ready (lists sorted)."""
    return {
        name: sorted(cleaned[name]) if name in LIST_ANSWERS else str(cleaned[name])
        for name in ANSWER_NAMES
        if name in cleaned
    }


def step_with_errors(form: MatchForm) -> int:
    """The first step (1-based) with an invalid answer of a full form."""
    for number, step in enumerate(STEPS, start=1):
        if any(name in form.errors for name in step.fields):
            return number
    return len(STEPS)


def match_query(answers: Mapping[str, Any], *, default_tz: ZoneInfo) -> MatchQuery:
    """The engine's query for validated answers (``MatchForm.answers()``).

    The person's times are in their ZIP code's zone when they gave one, else in
    ``default_tz``. Online only: no place (online groups only) and no area counted.
    """
    travel = Travel(answers["travel"])
    centroid = geocode_zip(answers.get("zip", "")) if answers.get("zip") else None
    viewer_tz = default_tz
    if centroid is not None and is_valid_timezone(centroid.timezone):
        viewer_tz = zone(centroid.timezone)
    online = travel == Travel.ONLINE
    needs = Needs(
        focus=answers["focus"],
        travel=travel,
        comfort=Comfort(answers["comfort"]),
        slots=frozenset(Slot(value) for value in answers.get("slots", [])),
        programs=frozenset(answers.get("programs", [])),
        languages=frozenset(answers.get("languages", [])),
        audience=frozenset(answers.get("audience", [])),
    )
    return MatchQuery(
        needs=needs,
        near=None if online or centroid is None else centroid.point,
        zip3="" if online or centroid is None else centroid.zip_code[:3],
        viewer_tz=viewer_tz,
    )


def answers_revalidated(raw: object) -> dict[str, Any] | None:
    """Stored answers (a session's or a saved match's) checked again against the
    directory as it is now: a language or program no longer listed is dropped;
    None when a required answer is missing or invalid."""
    if not isinstance(raw, dict):
        return None
    form = MatchForm(raw)
    if form.is_valid():
        return form.answers()
    stale = [name for name in form.errors if name in LIST_ANSWERS]
    if len(stale) != len(form.errors):
        return None
    form = MatchForm({name: value for name, value in raw.items() if name not in stale})
    return form.answers() if form.is_valid() else None


class SavedMatchForm(forms.Form):
    """The optional label a member gives a match they save."""

    label = forms.CharField(
        label=_("A name for this match (optional)"),
        required=False,
        max_length=80,
        help_text=_("Only you see it."),
    )
