"""Small text helpers for user-facing sentences."""

from __future__ import annotations

from django.utils.functional import Promise

# What already ends a sentence: a name like "Morgan L." must not get a second ".".
SENTENCE_ENDS = (".", "!", "?", "…")


def sentence(text: str | Promise) -> str:
    """``text`` ending with a full stop, unless it already ends a sentence.

    Sentences that may end with a display name ("Your request is sent to
    Morgan L.") are written without their final full stop and passed through
    here, since the custom of an initial gives many names their own.
    """
    stripped = str(text).rstrip()
    if not stripped or stripped.endswith(SENTENCE_ENDS):
        return stripped
    return f"{stripped}."
