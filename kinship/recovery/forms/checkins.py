"""The daily check-in form: parsed here, validated and saved by ``checkin_record``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinship.core.widgets import ScaleRadioSelect, scale_choices

from ..models import CheckIn, Coping, Sharing, Strategy, Trigger, UsedToday, WarningSign
from ..services.checkins import GRATITUDE_MAX_LENGTH, NOTE_MAX_LENGTH

MOOD_CHOICES = [
    (1, _("1: very low")),
    (2, _("2: low")),
    (3, _("3: okay")),
    (4, _("4: good")),
    (5, _("5: very good")),
]

# Each choice says in plain words who sees what.
SHARING_CHOICES = [
    (Sharing.PRIVATE, _("Only me: nobody else sees this check-in.")),
    (
        Sharing.MENTOR,
        _("My mentor: my mentor sees a summary, never my private note."),
    ),
    (
        Sharing.GROUPS,
        _(
            "My groups: my mentor and the members of my groups see a summary, "
            "never my private note."
        ),
    ),
]


def _scale(
    label: Any, help_text: Any, *, low_label: Any, high_label: Any
) -> forms.IntegerField:
    # Still an IntegerField (0-10, the API's rules): only the widget is a row of
    # radio buttons, so a number outside the scale is refused as before.
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=10,
        help_text=help_text,
        widget=ScaleRadioSelect(
            choices=scale_choices(0, 10), low_label=low_label, high_label=high_label
        ),
    )


def _tags(label: Any, choices: Any) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class CheckInForm(forms.Form):
    # The day the form was shown for: saving after midnight is refused, not
    # written to the new day.
    today = forms.DateField(widget=forms.HiddenInput)
    mood = forms.TypedChoiceField(
        label=_("How is your mood today?"),
        choices=MOOD_CHOICES,
        coerce=int,
        widget=ScaleRadioSelect,
    )
    craving = _scale(
        _("Craving"),
        _("0 none, 10 the strongest you know"),
        low_label=_("0: none"),
        high_label=_("10: the strongest"),
    )
    stress = _scale(
        _("Stress"),
        _("0 none, 10 overwhelming"),
        low_label=_("0: none"),
        high_label=_("10: overwhelming"),
    )
    sleep_hours = forms.DecimalField(
        label=_("Hours of sleep last night"),
        required=False,
        min_value=0,
        max_value=24,
        decimal_places=1,
        help_text=_("Leave it empty if you would rather not say."),
        widget=forms.NumberInput(attrs={"min": 0, "max": 24, "step": 0.5}),
    )
    used_today = forms.ChoiceField(
        label=_("Did you use today?"),
        choices=UsedToday.choices,
        initial=UsedToday.UNSAID,
        widget=forms.RadioSelect,
        help_text=_("There is no wrong answer: this is for you."),
    )
    triggers = _tags(_("Triggers I met today"), Trigger.choices)
    coping = _tags(_("What I did to cope"), Coping.choices)
    strategies_used = forms.TypedMultipleChoiceField(
        label=_("Saved strategies I used"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    warning_signs = _tags(_("Warning signs I noticed"), WarningSign.choices)
    gratitude = forms.CharField(
        label=_("Something I am grateful for"),
        required=False,
        max_length=GRATITUDE_MAX_LENGTH,
    )
    note = forms.CharField(
        label=_("Private note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        help_text=_("Only you ever see this note."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    sharing = forms.ChoiceField(
        label=_("Who sees a summary of this check-in?"),
        choices=SHARING_CHOICES,
        initial=Sharing.PRIVATE,
        widget=forms.RadioSelect,
        help_text=_(
            "A summary is your mood, craving, stress, sleep, whether you used, "
            "your triggers, how you coped and what you are grateful for. Nobody "
            "but you ever sees your private note, your warning signs or your "
            "strategies."
        ),
    )

    def __init__(
        self, *args: Any, strategies: Iterable[Strategy] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["strategies_used"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [
            (strategy.pk, strategy.display_title) for strategy in strategies
        ]


def checkin_initial(checkin: CheckIn | None) -> dict[str, Any]:
    """The form's values from a saved check-in (today's, to be changed)."""
    if checkin is None:
        return {}
    return {
        "mood": checkin.mood,
        "craving": checkin.craving,
        "stress": checkin.stress,
        "sleep_hours": checkin.sleep_hours,
        "used_today": checkin.used_today,
        "triggers": checkin.triggers,
        "coping": checkin.coping,
        "strategies_used": [s.pk for s in checkin.strategies_used.all()],
        "warning_signs": checkin.warning_signs,
        "gratitude": checkin.gratitude,
        "note": checkin.note,
        "sharing": checkin.sharing,
    }
