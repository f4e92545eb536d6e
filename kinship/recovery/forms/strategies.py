"""Input of the strategy pages: parsed here, validated and saved by the services
in ``services.strategies``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kinship.directory.models import Group

from ..models import Strategy, StrategyScope, StrategyTag
from ..selectors.strategies import SEARCH_TEXT_MAX_LENGTH
from ..services.strategies import BODY_MAX_LENGTH, NOTE_MAX_LENGTH, TITLE_MAX_LENGTH

SCOPE_CHOICES = [
    (StrategyScope.PUBLIC, _("Everyone: anyone can read it, even without an account.")),
    (
        StrategyScope.GROUP,
        _("One of my groups: only the members of the group I choose."),
    ),
]


def _tag_choices(tags: list[StrategyTag]) -> list[tuple[str, str]]:
    return [(tag.slug, tag.display_label) for tag in tags]


class StrategySearchForm(forms.Form):
    """The search of the strategy list (a GET form: unknown values are ignored)."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=SEARCH_TEXT_MAX_LENGTH,
        help_text=_("Words in the title or the text, e.g. “breathing”."),
    )
    tag = forms.MultipleChoiceField(
        label=_("Helps with"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Strategies with all the tags you choose."),
    )

    def __init__(self, *args: Any, tags: list[StrategyTag], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tag"].choices = _tag_choices(tags)  # type: ignore[attr-defined]


class StrategyForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    body = forms.CharField(
        label=_("How it works"),
        max_length=BODY_MAX_LENGTH,
        help_text=_(
            "Practical steps in your own words. Please share what works for you, "
            "not medical advice."
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    tags = forms.MultipleChoiceField(
        label=_("Helps with"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    scope = forms.ChoiceField(
        label=_("Who can see it?"),
        choices=SCOPE_CHOICES,
        initial=StrategyScope.PUBLIC,
        widget=forms.RadioSelect,
        help_text=_("Your display name is shown as its author."),
    )
    group = forms.TypedChoiceField(
        label=_("Group"),
        coerce=int,
        required=False,
        empty_value=None,
        help_text=_("Only for a strategy shared with one of your groups."),
    )

    def __init__(
        self,
        *args: Any,
        tags: list[StrategyTag],
        groups: list[Group],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tags"].choices = _tag_choices(tags)  # type: ignore[attr-defined]
        group_field = self.fields["group"]
        group_field.choices = [  # type: ignore[attr-defined]
            ("", _("Choose a group")),
            *[(group.pk, group.name) for group in groups],
        ]

    def service_arguments(self) -> dict[str, Any]:
        """The cleaned data as the services' keyword arguments."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "body": data["body"],
            "tag_slugs": data["tags"],
            "scope": data["scope"],
            "group_id": data["group"],
        }


def strategy_initial(strategy: Strategy) -> dict[str, Any]:
    return {
        "title": strategy.title,
        "body": strategy.body,
        "tags": [tag.slug for tag in strategy.tags.all()],
        "scope": strategy.scope,
        "group": strategy.group_id,
    }


class NotebookNoteForm(forms.Form):
    note = forms.CharField(
        label=_("My private note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        help_text=_("Only you ever see this note."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
