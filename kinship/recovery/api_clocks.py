"""API of the recovery tools: clocks (mounted at /api/v1/ by kinship/api.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from kinship.members.api import REFUSED
from kinship.members.models import Member
from kinship.tokens.auth import API_AUTH

from .schemas_clocks import ClockOut
from .selectors.clocks import ClockSummary, clocks_for_member

router = Router(tags=["recovery"])


def clock_out(summary: ClockSummary) -> dict[str, Any]:
    upcoming = summary.next
    return {
        "id": summary.pk,
        "label": summary.label,
        "hidden": summary.hidden,
        "started_at": summary.clock.started_at,
        "days": summary.days,
        "longest_days": summary.longest,
        "total_days": summary.total,
        "next_milestone": None
        if upcoming is None
        else {"key": upcoming.key, "label": upcoming.label, "at": upcoming.at},
    }


@router.get(
    "/me/clocks",
    response={200: list[ClockOut], **REFUSED},
    auth=API_AUTH,
    summary="My sobriety clocks",
)
def my_clocks(request: HttpRequest) -> list[dict[str, Any]]:
    """The member's clocks with the days of the current streak, the longest streak,
    the total days and the next milestone (the /me/clocks/ page's numbers)."""
    member: Member = request.auth  # type: ignore[attr-defined]
    return [clock_out(summary) for summary in clocks_for_member(member)]
