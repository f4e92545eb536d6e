"""Member forms: they parse and validate; services save."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kinship.core.timezones import known_timezones
from kinship.directory.models import Focus, Language

from .models import RosterName, language_choices
from .naming import display_name_warnings

DISPLAY_NAME_HELP = _(
    "How other members will see you. A first name and an initial, such as "
    '"Sam T.", keeps your anonymity.'
)


def warn_about_display_name(request: HttpRequest, name: str) -> None:
    """Gentle advice (never a refusal) when a display name may identify someone."""
    for warning in display_name_warnings(name):
        messages.warning(request, warning)


class SignupForm(AllauthSignupForm):  # type: ignore[misc]
    """Allauth's sign-up with the display name the member will be known by."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        help_text=DISPLAY_NAME_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    field_order = ["display_name", "email", "password1", "password2"]

    def try_save(self, request: HttpRequest) -> tuple[Any, Any]:
        # The advice is given first, whether or not the email already has an
        # account, so the page after sign-up does not tell the two apart.
        warn_about_display_name(request, self.cleaned_data["display_name"])
        return super().try_save(request)  # type: ignore[no-any-return]

    def save(self, request: HttpRequest) -> Any:
        from .services import member_create

        with transaction.atomic():
            user = super().save(request)
            member_create(
                user=user,
                display_name=self.cleaned_data["display_name"],
                language=get_language(),
            )
        return user


def timezone_choices() -> list[tuple[str, str]]:
    """IANA zones, "Region/City" names first, then the rest (UTC, legacy names)."""
    zones = sorted(known_timezones(), key=lambda name: ("/" not in name, name))
    return [(name, name.replace("_", " ")) for name in zones]


class ProfileForm(forms.Form):
    """The member's own profile: how they are known and shown times."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        help_text=DISPLAY_NAME_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    focus = forms.ChoiceField(
        label=_("Recovery focus"),
        choices=[("", _("I'd rather not say")), *Focus.choices],
        required=False,
        help_text=_("Only you see this. It helps us suggest groups."),
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages I speak"),
        queryset=Language.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=lambda: [*language_choices(), ("", _("The one my browser asks for"))],
        widget=forms.RadioSelect,
        required=False,
        help_text=_(
            "Pages, notifications and email from Kinship come in this language."
        ),
    )
    timezone = forms.ChoiceField(
        label=_("Time zone"),
        choices=timezone_choices,
        help_text=_("Meeting times are shown to you in this zone."),
    )
    roster_name = forms.ChoiceField(
        label=_("Name shown to the leaders of my groups"),
        choices=RosterName.choices,
        widget=forms.RadioSelect,
    )

    def clean_language(self) -> str | None:
        # Not sent at all: the language stays as it is ("" is a choice).
        return self.cleaned_data["language"] if "language" in self.data else None

    def clean_display_name(self) -> str:
        name: str = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError(_("Please enter a display name."))
        return name


class AccountDeleteForm(forms.Form):
    """Re-authentication and an explicit yes before an account is deleted."""

    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and my data will be deleted for good."),
        error_messages={
            "required": _("Please tick this box to confirm you want to delete it.")
        },
    )
