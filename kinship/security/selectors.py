"""Reads of an account's security record, for its owner only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from .models import SecurityEvent

EVENTS_SHOWN = 100

# SecurityEvent.detail codes, as the member reads them.
DETAIL_LABELS = {
    "idle": _("after a time without activity"),
    "lifetime": _("the session reached its longest duration"),
    "added": _("an address was added"),
    "confirmed": _("an address was confirmed"),
    "primary": _("the main address was changed"),
    "removed": _("an address was removed"),
}


@dataclass(frozen=True)
class EventRow:
    event: SecurityEvent
    detail: str


def security_events_for(*, user: Any, limit: int = EVENTS_SHOWN) -> list[EventRow]:
    """The account's newest security events (at most ``limit``), newest first;
    one query."""
    events = SecurityEvent.objects.filter(user=user).order_by("-at", "-pk")[:limit]
    return [
        EventRow(event=event, detail=str(DETAIL_LABELS.get(event.detail, event.detail)))
        for event in events
    ]
