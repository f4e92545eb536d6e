"""A sample form for the living style page (/styleguide/): every field kind."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .widgets import ScaleRadioSelect, scale_choices


class StyleguideForm(forms.Form):
    """Shown, never saved: the form components as pages use them."""

    name = forms.CharField(
        label=_("Display name"), help_text=_("A hint under the label.")
    )
    zone = forms.ChoiceField(
        label=_("Time zone"),
        choices=[
            ("America/New_York", "America/New York"),
            ("America/Chicago", "America/Chicago"),
        ],
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    craving = forms.IntegerField(
        label=_("A 0-10 scale"),
        min_value=0,
        max_value=10,
        help_text=_("0 none, 10 the most"),
        widget=ScaleRadioSelect(
            choices=scale_choices(0, 10),
            low_label=_("0: none"),
            high_label=_("10: most"),
        ),
    )
    mood = forms.TypedChoiceField(
        label=_("A 1-5 scale with words"),
        coerce=int,
        choices=[
            (1, _("1: very low")),
            (2, _("2: low")),
            (3, _("3: okay")),
            (4, _("4: good")),
            (5, _("5: very good")),
        ],
        widget=ScaleRadioSelect,
    )
    tags = forms.MultipleChoiceField(
        label=_("Choice chips"),
        required=False,
        choices=[
            ("sleep", _("Sleep")),
            ("stress", _("Stress")),
            ("people", _("People")),
        ],
        widget=forms.CheckboxSelectMultiple,
    )
    answer = forms.ChoiceField(
        label=_("Radio choices"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
    )
