"""The email-choices form: it parses; ``email_choices_set`` saves."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import EmailChoiceRow


class EmailChoicesForm(forms.Form):
    """One "also by email" checkbox per kind of notification."""

    def __init__(self, *args: Any, rows: list[EmailChoiceRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for row in rows:
            self.fields[row.kind.value] = forms.BooleanField(
                label=row.kind.label,
                required=False,
                initial=row.email,
                help_text=(
                    _("Default: also by email.")
                    if row.by_default
                    else _("Default: in the app only.")
                ),
            )

    def choices(self) -> dict[str, bool]:
        return {kind: bool(value) for kind, value in self.cleaned_data.items()}
