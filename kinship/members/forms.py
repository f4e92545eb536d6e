"""Member forms: they parse and validate; services save."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class SignupForm(AllauthSignupForm):  # type: ignore[misc]
    """Allauth's sign-up with the display name the member will be known by."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        help_text=_(
            'How other members will see you. A first name and an initial, such as '
            '"Alex K.", keeps your anonymity.'
        ),
    )

    def save(self, request: HttpRequest) -> Any:
        from .services import member_create

        user = super().save(request)
        member_create(user=user, display_name=self.cleaned_data["display_name"])
        return user
