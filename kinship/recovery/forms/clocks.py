"""Forms of the clocks pages: parsed here, validated and saved by the clock services."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import EncouragementPreset
from ..services.clocks import LABEL_MAX, MESSAGE_MAX, NOTE_MAX, REASON_MAX


class ClockCreateForm(forms.Form):
    label = forms.CharField(
        label=_("What I am tracking"),
        max_length=LABEL_MAX,
        help_text=_(
            'In your own words, e.g. "alcohol", "gambling", "no self-harm". '
            "Only you see it."
        ),
    )
    start_date = forms.DateField(
        label=_("Since"),
        help_text=_("The day you started; it can be long ago."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    start_time = forms.TimeField(
        label=_("At (optional)"),
        required=False,
        help_text=_("Leave empty to count from the start of that day."),
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    hidden = forms.BooleanField(
        label=_("Hidden: never notify me and never share it"),
        required=False,
    )


class ClockEditForm(forms.Form):
    label = forms.CharField(label=_("What I am tracking"), max_length=LABEL_MAX)
    hidden = forms.BooleanField(
        label=_("Hidden: never notify me and never share it"),
        required=False,
        help_text=_("Hiding it takes its milestones out of your groups."),
    )


class ClockResetForm(forms.Form):
    reset_date = forms.DateField(
        label=_("Date of the reset (optional)"),
        required=False,
        help_text=_("Leave empty for now."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    reset_time = forms.TimeField(
        label=_("At (optional)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    note = forms.CharField(
        label=_("A private note (optional)"),
        required=False,
        max_length=NOTE_MAX,
        help_text=_("What happened, what you learned. Only you see it."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MilestoneShareForm(forms.Form):
    groups = forms.TypedMultipleChoiceField(
        label=_("Share with my groups"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose one or more of your groups.")},
    )

    def __init__(
        self, *args: Any, groups: Iterable[tuple[int, str]] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["groups"].choices = list(groups)  # type: ignore[attr-defined]


class EncouragementForm(forms.Form):
    preset = forms.ChoiceField(
        label=_("Kind words"),
        choices=[("", ""), *EncouragementPreset.choices],
        required=False,
    )
    message = forms.CharField(
        label=_("A short message (optional)"),
        max_length=MESSAGE_MAX,
        required=False,
    )


class RemoveForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REASON_MAX,
        required=False,
    )
