"""Input of the attendance pages: parsed and validated here, saved by services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kinship.core.timezones import local_datetime, zone
from kinship.core.when import long_date_label
from kinship.directory.models import Group

from .models import ExceptionKind, RsvpAnswer
from .occurrences import start_parse


class StartField(forms.Field):
    """An occurrence's start as a UTC stamp (``20260707T230000Z``) or ISO 8601."""

    default_error_messages = {"invalid": _("That is not a date and time we know.")}

    def to_python(self, value: Any) -> dt.datetime | None:
        text = str(value or "").strip()
        if not text:
            return None
        moment = start_parse(text) if len(text) <= 40 else None
        if moment is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return moment


class RsvpForm(forms.Form):
    starts_at = StartField(label=_("Date and time"))
    answer = forms.ChoiceField(label=_("Your answer"), choices=RsvpAnswer.choices)


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Meeting code"),
        max_length=20,
        help_text=_("Six letters and digits that a leader shows during the meeting."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters"}
        ),
    )


class RollCallForm(forms.Form):
    present = forms.TypedMultipleChoiceField(
        label=_("Present"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, members: Iterable[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["present"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(str(pk), label) for pk, label in members]


class MeetingExceptionForm(forms.Form):
    local_date = forms.TypedChoiceField(
        label=_("Meeting date"),
        coerce=dt.date.fromisoformat,
        help_text=_("The date the meeting usually meets, in its own time zone."),
    )
    kind = forms.ChoiceField(label=_("What changes"), choices=ExceptionKind.choices)
    moved_date = forms.DateField(
        label=_("New date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Only when the meeting is moved."),
    )
    moved_time = forms.TimeField(
        label=_("New start time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("In the meeting's own time zone."),
    )
    note = forms.CharField(label=_("Note for members"), max_length=200, required=False)

    def __init__(
        self, *args: Any, dates: Iterable[dt.date], timezone: str, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.timezone = timezone
        field = self.fields["local_date"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(day.isoformat(), long_date_label(day)) for day in dates]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == ExceptionKind.MOVED:
            if not data.get("moved_date"):
                self.add_error("moved_date", _("Give the new date."))
            if not data.get("moved_time"):
                self.add_error("moved_time", _("Give the new start time."))
        return data

    def moved_starts_at(self) -> dt.datetime | None:
        data = self.cleaned_data
        if data.get("kind") != ExceptionKind.MOVED:
            return None
        return local_datetime(
            data["moved_date"], data["moved_time"], zone(self.timezone)
        )


class RecordForm(forms.Form):
    starts_on = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("To"), widget=forms.DateInput(attrs={"type": "date"})
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Groups to include"),
        queryset=Group.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one group.")},
    )
    name_shown = forms.CharField(
        label=_("Name shown on the record"),
        max_length=100,
        help_text=_("Your display name unless you choose another, e.g. for a court."),
    )

    def __init__(self, *args: Any, groups: QuerySet[Group], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["groups"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = groups

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date is before the start date."))
        return data
