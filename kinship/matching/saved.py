"""Members' saved matches: the writes (services) and the reads (selectors).

A saved match is private to its member: another member's is a 404, never its
existence. It holds the answers only; the groups are ranked afresh each time.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from kinship.members.models import Member

from .models import SavedMatch


@transaction.atomic
def saved_match_create(
    *, by: Member, answers: dict[str, Any], label: str = ""
) -> SavedMatch:
    """Save validated answers (``MatchForm.answers()``) for the member."""
    return SavedMatch.objects.create(member=by, answers=answers, label=label.strip())


@transaction.atomic
def saved_match_delete(*, by: Member, saved_match_id: int) -> None:
    """Delete one of the member's saved matches; another's is a 404."""
    access_saved_match(by, saved_match_id).delete()


def access_saved_match(member: Member, saved_match_id: int) -> SavedMatch:
    """The member's own saved match, or a 404 (also for another member's)."""
    return get_object_or_404(SavedMatch, pk=saved_match_id, member=member)


def saved_matches_of(member: Member) -> QuerySet[SavedMatch]:
    """The member's saved matches, newest first."""
    return SavedMatch.objects.filter(member=member).order_by("-created_at", "-pk")
