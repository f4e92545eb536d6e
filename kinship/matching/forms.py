"""Input for members' anonymous feedback on a group (parsing only; never saves)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

SCORES = [
    (1, _("1 — not at all")),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, _("5 — very much")),
]


def _score_field(label: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=SCORES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a score from 1 to 5.")},
    )


class GroupRatingForm(forms.Form):
    safety = _score_field(_("I felt safe"))
    structure = _score_field(_("The meeting was well run"))
    welcome = _score_field(_("I felt welcome"))
