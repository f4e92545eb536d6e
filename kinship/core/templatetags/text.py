"""``{{ words|sentence }}``: one full stop at the end (see kinship.core.text)."""

from __future__ import annotations

from django import template
from django.utils.functional import Promise

from kinship.core import text

register = template.Library()


# is_safe: a full stop added to safe text (a blocktranslate asvar) keeps it safe.
@register.filter(name="sentence", is_safe=True)
def sentence(value: str | Promise) -> str:
    return text.sentence(value)
