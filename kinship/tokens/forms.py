"""The form to create a personal access token: it validates; the service saves."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import TokenScope
from .services import NAME_MAX_LENGTH

LIFETIME_CHOICES = [
    ("30", _("30 days")),
    ("90", _("90 days")),
    ("365", _("1 year")),
]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("What the token is for, such as the app that will use it."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    scope = forms.ChoiceField(
        label=_("What it may do"),
        choices=TokenScope.choices,
        initial=TokenScope.READ,
        widget=forms.RadioSelect,
    )
    days = forms.TypedChoiceField(
        label=_("Expires after"),
        choices=LIFETIME_CHOICES,
        coerce=int,
        initial="90",
    )
