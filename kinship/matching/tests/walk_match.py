"""URL-walk expectations for Find my group (see kinship/core/tests/walking.py).

The questions and the result are open to everyone; the result without answers in
the session sends back to the questions. Saved matches are their member's only:
alex's is a 404 to eve, and its label never shows on anyone else's page.
"""

from __future__ import annotations

from typing import Any

from kinship.core.tests.walking import (
    NOT_ALLOWED,
    OTHERS,
    OTHERS_ACTION,
    OWN_PAGE,
    Expect,
    World,
    expect,
)
from kinship.matching.models import SavedMatch

# Plain words, so that an HTML-escaped copy would be caught too.
ALEX_LABEL = "Thursday lifeline near Fishtown"

# alex's private words here: no visitor's or eve's response may contain them.
SECRETS: tuple[str, ...] = (ALEX_LABEL,)

# The answers alex saved: family support, online only.
ALEX_ANSWERS: dict[str, Any] = {
    "focus": "family",
    "slots": ["weekday_evening"],
    "zip": "",
    "travel": "online",
    "comfort": "listen_first",
    "languages": [],
    "programs": [],
    "audience": [],
}

# Sent back to the questions (no answers in the session).
TO_QUESTIONS = {302}
# An empty form is refused with its errors, and nothing is kept.
REFUSED_FORM = {400}
# POSTed by eve with no answers in her session: back to the questions, nothing saved.
SEE_OTHER = {303}


def world_add(world: World) -> None:
    """alex's saved match, which eve may neither see nor delete."""
    saved = SavedMatch.objects.create(
        member=world.cast.alex, label=ALEX_LABEL, answers=ALEX_ANSWERS
    )
    world.extra["alex_saved_match_id"] = saved.pk


def _alex_saved(world: World) -> dict[str, Any]:
    return {"saved_id": world.extra["alex_saved_match_id"]}


EXPECTATIONS: dict[str, Expect] = {
    "matching:match": expect(eve_post=REFUSED_FORM),
    "matching:match-step": expect(lambda world: {"number": 1}, eve_post=REFUSED_FORM),
    "matching:match-result": expect(visitor=TO_QUESTIONS, eve=TO_QUESTIONS),
    "matching:match-save": expect(
        visitor=NOT_ALLOWED, eve=NOT_ALLOWED, eve_post=SEE_OTHER
    ),
    "matching:saved-matches": OWN_PAGE,
    "matching:saved-match": expect(_alex_saved, **OTHERS),
    "matching:saved-match-delete": expect(_alex_saved, **OTHERS_ACTION),
    "matching:saved-match-delete-confirm": expect(_alex_saved, **OTHERS),
    # The API with no answers: 400 with the missing fields; nothing is stored.
    "api:match_groups": expect(visitor={400}, eve={400}),
}
