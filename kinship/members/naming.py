"""Gentle advice on display names: they should not give away who someone is.

Advice only, never a refusal: a member may keep any name they choose.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

EMAIL_LIKE = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
NAME_PUNCTUATION = "-'\u2019"  # hyphen, apostrophe, typographic apostrophe


def _looks_like_name_word(word: str) -> bool:
    """A capitalised word of two or more letters: "Smith", "O'Neil", "Jean-Luc"."""
    letters = [char for char in word if char not in NAME_PUNCTUATION]
    return (
        len(letters) >= 2
        and all(char.isalpha() for char in letters)
        and word[0].isupper()
    )


def looks_like_full_name(name: str) -> bool:
    """Two or three capitalised words, none of them an initial ("John Smith")."""
    words = name.split()
    return 2 <= len(words) <= 3 and all(_looks_like_name_word(w) for w in words)


def display_name_warnings(name: str) -> list[str]:
    """Reasons a display name might identify its owner; empty when it looks fine."""
    warnings = []
    if EMAIL_LIKE.search(name):
        warnings.append(
            _(
                "Your display name looks like an email address, and other members "
                "would see it. A first name and an initial, such as “Sam T.”, "
                "keeps your anonymity."
            )
        )
    elif looks_like_full_name(name):
        warnings.append(
            _(
                "Your display name looks like a full name, and other members would "
                "see it. A first name and an initial, such as “Sam T.”, keeps your "
                "anonymity. You can change it on your profile at any time."
            )
        )
    return warnings
