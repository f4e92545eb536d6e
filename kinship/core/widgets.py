"""Site-wide form widgets (the design system's form components)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.functional import Promise


class ScaleRadioSelect(forms.RadioSelect):
    """A 0-10 or 1-5 scale as a row of real radio buttons.

    Each number is an ``<input type="radio">`` with its own label, so the
    scale works without JavaScript, with a keyboard (arrow keys move along the
    group) and with a screen reader; CSS draws them as a segmented row. The
    field is rendered inside a ``<fieldset>`` whose ``<legend>`` is the field's
    label (``use_fieldset``, as ``RadioSelect``), and the words for the two ends
    (``low_label``, ``high_label``) are shown under the row.
    """

    template_name = "widgets/scale.html"
    option_template_name = "widgets/scale_option.html"

    def __init__(
        self,
        attrs: dict[str, Any] | None = None,
        choices: Any = (),
        *,
        low_label: str | Promise = "",
        high_label: str | Promise = "",
    ) -> None:
        super().__init__(attrs, choices)
        self.low_label = low_label
        self.high_label = high_label

    def get_context(
        self, name: str, value: Any, attrs: dict[str, Any] | None
    ) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["low_label"] = self.low_label
        context["widget"]["high_label"] = self.high_label
        context["widget"]["size"] = len(list(self.choices))
        return context


def scale_choices(low: int, high: int) -> list[tuple[int, str]]:
    """The numbers of a scale as choices: ``(n, "n")`` from ``low`` to ``high``."""
    return [(number, str(number)) for number in range(low, high + 1)]
