"""Forms of the toolkit's steps: they parse and validate; services save.

Each step's form gives ``values()``: plain JSON the draft keeps, so a member can
leave and come back to exactly what they wrote.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinship.core.geo import geocode_zip
from kinship.directory.models import Audience, Focus, Language, Program
from kinship.directory.names import (
    ByNameModelChoiceField,
    ByNameModelMultipleChoiceField,
)
from kinship.members.models import Membership

from .models import (
    SCRIPT_MAX,
    SECTION_MINUTES_MAX,
    SECTION_MINUTES_MIN,
    TITLE_MAX,
    MeetingStyle,
    ResourceKind,
    SectionPart,
    TeamRoleName,
    sections_problems,
)

AREA_PREFIX = re.compile(r"\d{3}")


class BasicsForm(forms.Form):
    name = forms.CharField(label=_("Group name"), max_length=200)
    focus = forms.ChoiceField(label=_("Focus"), choices=Focus.choices)
    program = ByNameModelChoiceField(
        label=_("Program or method"),
        queryset=Program.objects.order_by("name"),
        empty_label=_("Choose a program"),
    )
    audience = forms.MultipleChoiceField(
        label=_("Who it is especially for (optional)"),
        choices=Audience.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked for a group open to everyone."),
    )
    languages = ByNameModelMultipleChoiceField(
        label=_("Languages"),
        queryset=Language.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
    )
    area = forms.CharField(
        label=_("ZIP code of the area the group serves"),
        max_length=10,
        help_text=_("A US ZIP code, such as 19103."),
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few sentences for someone deciding whether to come."),
    )

    def clean_name(self) -> str:
        return str(self.cleaned_data["name"]).strip()

    def clean_area(self) -> str:
        area = str(self.cleaned_data["area"]).strip()
        centroid = geocode_zip(area)
        if centroid is None:
            raise forms.ValidationError(_("That ZIP code was not found."))
        return centroid.zip_code

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "focus": data["focus"],
            "program": data["program"].pk,
            "audience": list(data["audience"]),
            "languages": sorted(language.pk for language in data["languages"]),
            "area": data["area"],
            "description": data["description"].strip(),
        }


def basics_initial(values: dict[str, Any]) -> dict[str, Any]:
    """A draft's first step back as form initial values."""
    return dict(values)


class SafetyForm(forms.Form):
    guidelines = forms.CharField(
        label=_("Group guidelines"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("How we share and listen. Adapt the starting text to your group."),
    )
    confidentiality_statement = forms.CharField(
        label=_("Confidentiality statement"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Include its limits: when someone's safety is at risk."),
    )
    inclusivity_statement = forms.CharField(
        label=_("Inclusivity statement"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def values(self) -> dict[str, Any]:
        return {name: str(value).strip() for name, value in self.cleaned_data.items()}


class StyleForm(forms.Form):
    style = forms.ChoiceField(label=_("Meeting style"), choices=MeetingStyle.choices)


def _with_blank(choices: list[tuple[str, Any]], label: Any) -> list[tuple[str, Any]]:
    return [("", label), *choices]


class SectionForm(forms.Form):
    part = forms.ChoiceField(
        label=_("Part"), choices=_with_blank(SectionPart.choices, _("Choose a part"))
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    minutes = forms.IntegerField(
        label=_("Minutes"), min_value=SECTION_MINUTES_MIN, max_value=SECTION_MINUTES_MAX
    )
    script = forms.CharField(
        label=_("What the facilitator says"),
        max_length=SCRIPT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BaseSectionFormSet(forms.BaseFormSet[SectionForm]):
    def sections(self) -> list[dict[str, Any]]:
        """The filled-in, kept sections, in order."""
        kept = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            kept.append(
                {
                    "part": data["part"],
                    "title": data["title"].strip(),
                    "minutes": data["minutes"],
                    "script": data.get("script", "").strip(),
                }
            )
        return kept

    def clean(self) -> None:
        if any(self.errors):
            return
        problems = sections_problems(self.sections())
        if problems:
            raise forms.ValidationError(problems)


SectionFormSet = forms.formset_factory(
    SectionForm,
    formset=BaseSectionFormSet,
    extra=2,
    can_delete=True,
    max_num=12,
    validate_max=True,
)
SECTIONS_PREFIX = "sections"


class TeamForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Your role"),
        choices=TeamRoleName.choices,
        initial=TeamRoleName.FACILITATOR,
        widget=forms.RadioSelect,
        help_text=_(
            "A founder usually facilitates. The other roles can be given later to "
            "members of the group, from the group's team page."
        ),
    )

    def values(self) -> dict[str, Any]:
        return {"role": self.cleaned_data["role"]}


class LinkForm(forms.Form):
    title = forms.CharField(label=_("Name"), max_length=200)
    url = forms.URLField(label=_("Web address"), max_length=500, assume_scheme="https")
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=_with_blank(ResourceKind.choices, _("Choose a kind")),
    )

    def clean_url(self) -> str:
        url = str(self.cleaned_data["url"])
        if not url.startswith("https://"):
            raise forms.ValidationError(
                _("Use a secure address that starts with https://.")
            )
        return url


class BaseLinkFormSet(forms.BaseFormSet[LinkForm]):
    def links(self) -> list[dict[str, str]]:
        kept = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE"):
                continue
            kept.append(
                {
                    "title": data["title"].strip(),
                    "url": data["url"],
                    "kind": data["kind"],
                }
            )
        return kept

    def clean(self) -> None:
        if any(self.errors):
            return
        if not self.links():
            raise forms.ValidationError(_("Add at least one resource link."))


LinkFormSet = forms.formset_factory(
    LinkForm,
    formset=BaseLinkFormSet,
    extra=3,
    can_delete=True,
    max_num=30,
    validate_max=True,
)
LINKS_PREFIX = "links"


def _membership_label(membership: Membership) -> str:
    return f"{membership.member.roster_label} ({membership.get_level_display()})"


class TeamAssignForm(forms.Form):
    """A leader gives a role to one of the group's members."""

    role = forms.ChoiceField(label=_("Role"), choices=TeamRoleName.choices)
    membership = forms.ModelChoiceField(
        label=_("Member"),
        queryset=Membership.objects.none(),
        empty_label=_("Choose a member"),
    )

    def __init__(self, *args: Any, group_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            Membership.objects.filter(group_id=group_id)
            .select_related("member")
            .order_by("member__display_name", "pk")
        )
        field.label_from_instance = _membership_label  # type: ignore[method-assign,assignment]


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the founder"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when declining: say what would make the group listable."),
    )
