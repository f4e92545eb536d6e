"""Support-contact and call-for-support forms: they parse; services save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kinship.members.models import Member


class FellowMemberChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Member) -> str:
        return obj.display_name


class FellowContactForm(forms.Form):
    """A fellow member, chosen among those the member's groups share."""

    prefix = "fellow"

    contact_member = FellowMemberChoice(
        label=_("Someone from my groups"),
        queryset=Member.objects.none(),
        empty_label=_("Choose…"),
        error_messages={"invalid_choice": _("Choose someone from your groups.")},
    )

    def __init__(self, *args: Any, fellows: QuerySet[Member], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["contact_member"]
        assert isinstance(field, FellowMemberChoice)
        field.queryset = fellows


class OutsideContactForm(forms.Form):
    """A person outside Kinship, told by email."""

    prefix = "outside"

    name = forms.CharField(
        label=_("Their name"),
        max_length=80,
        help_text=_("As you call them; only you see it."),
    )
    email = forms.EmailField(
        label=_("Their email address"),
        help_text=_(
            "They get a short email now saying that you added them, then one "
            "each time you ask for support, nothing else."
        ),
    )


class HelpRequestForm(forms.Form):
    message = forms.CharField(
        label=_("A few words for them (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The people told see these words."),
    )
