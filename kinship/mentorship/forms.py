"""Forms of mentorship: they parse and validate; services save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinship.directory.models import Focus, Language, Program
from kinship.directory.names import ByNameModelMultipleChoiceField
from kinship.members.models import Member
from kinship.recovery.models import SobrietyClock

from .models import AVAILABILITY_CHOICES, CAPACITY_MAX, Gender
from .ranking import Wishes
from .services import MESSAGE_MAX, MentorDetails


class MentorProfileForm(forms.Form):
    clock = forms.ModelChoiceField(
        label=_("The clock that shows your stable recovery"),
        queryset=SobrietyClock.objects.none(),
        empty_label=_("Choose one of your clocks"),
        help_text=_("Only the number of days counts; no one else sees the clock."),
    )
    focus = forms.ChoiceField(
        label=_("Your recovery focus"),
        choices=[("", _("Not stated")), *Focus.choices],
        required=False,
    )
    programs = ByNameModelMultipleChoiceField(
        label=_("Programs you know"),
        queryset=Program.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = ByNameModelMultipleChoiceField(
        label=_("Languages you speak"),
        queryset=Language.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.MultipleChoiceField(
        label=_("When you are free to talk"),
        choices=AVAILABILITY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    capacity = forms.IntegerField(
        label=_("How many mentees you take at once"),
        min_value=1,
        max_value=CAPACITY_MAX,
        initial=2,
    )
    introduction = forms.CharField(
        label=_("A few words about you for someone looking for a mentor"),
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Your display name is shown with it; never your real name."),
    )
    gender = forms.ChoiceField(
        label=_("Your gender (optional)"),
        choices=[("", _("I prefer not to say")), *Gender.choices],
        required=False,
        help_text=_("Someone who asks for a mentor of a gender sees only those."),
    )

    def __init__(self, *args: Any, member: Member, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        clock_field = self.fields["clock"]
        assert isinstance(clock_field, forms.ModelChoiceField)
        clock_field.queryset = SobrietyClock.objects.filter(member=member).order_by(
            "started_at", "pk"
        )

    def details(self) -> MentorDetails:
        data = self.cleaned_data
        return MentorDetails(
            clock=data["clock"],
            focus=data["focus"],
            programs=tuple(data["programs"]),
            languages=tuple(data["languages"]),
            availability=tuple(data["availability"]),
            capacity=int(data["capacity"]),
            introduction=str(data["introduction"]),
            gender=data["gender"],
        )


class FindMentorForm(forms.Form):
    """What a member looks for in a mentor (sent by GET; everything optional)."""

    focus = forms.ChoiceField(
        label=_("Focus"),
        choices=[("", _("Any")), *Focus.choices],
        required=False,
    )
    programs = ByNameModelMultipleChoiceField(
        label=_("Programs"),
        queryset=Program.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = ByNameModelMultipleChoiceField(
        label=_("Languages"),
        queryset=Language.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.MultipleChoiceField(
        label=_("When you are free"),
        choices=AVAILABILITY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    gender = forms.ChoiceField(
        label=_("A mentor of this gender (optional)"),
        choices=[("", _("No preference")), *Gender.choices],
        required=False,
    )

    def wishes(self) -> Wishes:
        data = self.cleaned_data
        return Wishes(
            focus=data["focus"],
            programs=tuple(data["programs"]),
            languages=tuple(data["languages"]),
            availability=tuple(data["availability"]),
            gender=data["gender"],
        )


class RequestForm(forms.Form):
    message = forms.CharField(
        label=_("A message to the mentor (optional)"),
        max_length=MESSAGE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the mentor sees it."),
    )


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EndorseForm(forms.Form):
    note = forms.CharField(
        label=_("Why you endorse them (optional)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The member sees your note."),
    )
