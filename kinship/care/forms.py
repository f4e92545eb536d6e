"""Input for an assessment (parsing only; never saves): one group of radio
buttons per item, all required, and AUDIT-C's threshold question; and the
clinic's forms (staff invitation, referral, a patient's referral code)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kinship.directory.models import Group

from .instruments import INSTRUMENTS, Instrument
from .models import (
    CATEGORY_DETAILS,
    AuditSex,
    ConsentCategory,
    ConsentPurpose,
    StaffRole,
)
from .services import REFERRAL_DAYS_DEFAULT, REFERRAL_DAYS_MAX

SEX_FIELD = "sex"


def field_name(item_key: str) -> str:
    return f"q{item_key}"


class AssessmentForm(forms.Form):
    def __init__(self, instrument: Instrument, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        for item in instrument.items:
            self.fields[field_name(item.key)] = forms.TypedChoiceField(
                label=item.text,
                choices=[(option.value, option.label) for option in item.options],
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Please choose an answer."),
                    "invalid_choice": _("Please choose one of the answers shown."),
                },
            )
        if instrument.asks_sex:
            self.fields[SEX_FIELD] = forms.ChoiceField(
                label=_(
                    "Are you a man or a woman? We ask only to choose the threshold."
                ),
                help_text=_(
                    "The screen is positive from 4 for men and from 3 for women. "
                    "If you would rather not say, the lower threshold (3) is used."
                ),
                choices=AuditSex.choices,
                initial=AuditSex.NOT_STATED,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose an answer.")},
            )

    def answers(self) -> dict[str, int]:
        """Item key -> chosen value (after ``is_valid``)."""
        return {
            item.key: int(self.cleaned_data[field_name(item.key)])
            for item in self.instrument.items
        }

    def threshold_sex(self) -> str | None:
        value = self.cleaned_data.get(SEX_FIELD)
        return str(value) if value else None

    def item_fields(self) -> list[tuple[int, forms.BoundField]]:
        """(number, field) of each item, for the template."""
        return [
            (item.number, self[field_name(item.key)]) for item in self.instrument.items
        ]

    def add_scoring_errors(self, errors: dict[str, str]) -> None:
        """Put a ScoringError's messages on the fields they are about."""
        for key, message in errors.items():
            if key == "__all__":
                self.add_error(None, message)
            elif key == SEX_FIELD and SEX_FIELD in self.fields:
                self.add_error(SEX_FIELD, message)
            elif field_name(key) in self.fields:
                self.add_error(field_name(key), message)
            else:
                self.add_error(None, message)


# -- Clinic forms -----------------------------------------------------------------


class StaffInviteForm(forms.Form):
    email = forms.EmailField(label=_("Email address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=StaffRole.choices, initial=StaffRole.CLINICIAN
    )


class ReferralForm(forms.Form):
    """A referral: the clinic's reference, a note, groups among ``groups``."""

    patient_reference = forms.CharField(
        label=_("Patient reference"),
        max_length=80,
        help_text=_(
            "Your clinic's own short label (for example a chart number). Only "
            "your organisation sees it; the patient never does."
        ),
    )
    note_to_patient = forms.CharField(
        label=_("Note to the patient"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown to the patient when they open the code."),
    )
    groups = forms.ModelMultipleChoiceField(
        label=_("Suggested groups"),
        required=False,
        queryset=Group.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    expires_in_days = forms.IntegerField(
        label=_("Days the code works"),
        min_value=1,
        max_value=REFERRAL_DAYS_MAX,
        initial=REFERRAL_DAYS_DEFAULT,
    )

    def __init__(self, groups: QuerySet[Group], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["groups"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = groups


class ReferralCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Referral code"),
        max_length=40,
        help_text=_("Ten letters and numbers, for example ABCDE-FGH23."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters"}
        ),
    )


# How long sharing lasts: the choices of the consent screen.
CONSENT_DAY_CHOICES = [
    (30, _("30 days")),
    (90, _("90 days")),
    (180, _("180 days")),
    (365, _("One year")),
]


class ConsentForm(forms.Form):
    """What to share with an organisation, what for, and for how long."""

    categories = forms.MultipleChoiceField(
        label=_("What they may see"),
        choices=[
            (key, format_lazy("{}: {}", label, CATEGORY_DETAILS[key]))
            for key, label in ConsentCategory.choices
        ],
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of data to share.")},
    )
    purpose = forms.ChoiceField(
        label=_("What for"),
        choices=ConsentPurpose.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what the sharing is for.")},
    )
    days = forms.TypedChoiceField(
        label=_("For how long"),
        choices=CONSENT_DAY_CHOICES,
        coerce=int,
        initial=90,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how long the sharing lasts.")},
    )


class AssignForm(forms.Form):
    instrument = forms.ChoiceField(
        label=_("Assessment"),
        choices=[(key, item.short_name) for key, item in INSTRUMENTS.items()],
    )
