"""Input for a module's knowledge check (parsing only; never saves)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import TrainingModule


def _field_name(number: int) -> str:
    return f"q{number}"


class KnowledgeCheckForm(forms.Form):
    """One set of radio buttons per question of the module, all required.

    Prompts and choices are shown in the language in force; the values are the
    choices' indexes, the same in every language, and grading reads the
    module's own ``questions``.
    """

    def __init__(self, module: TrainingModule, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.module = module
        for number, question in enumerate(module.text.questions, start=1):
            self.fields[_field_name(number)] = forms.TypedChoiceField(
                label=question["prompt"],
                choices=list(enumerate(question["choices"])),
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose an answer.")},
            )

    def answers(self) -> list[int]:
        """The chosen answers in question order (after ``is_valid``)."""
        return [
            int(self.cleaned_data[_field_name(number)])
            for number in range(1, len(self.module.questions) + 1)
        ]

    def questions(self) -> list[tuple[int, forms.BoundField]]:
        """(number, field) of each question, for the template."""
        return [
            (number, self[_field_name(number)])
            for number in range(1, len(self.module.questions) + 1)
        ]
