"""Input and output schemas of the check-in API.

Ranges and vocabularies are checked by ``checkin_record`` (the same service as
the page), so the API refuses exactly what the form refuses, with the same
field-level messages; the schema types only say what shape each field has.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import TextChoices
from ninja import Field, Schema

from .models import Coping, Sharing, Trigger, UsedToday, WarningSign


def _values(choices: type[TextChoices]) -> str:
    return ", ".join(f"`{value}`" for value in choices.values)


class CheckinIn(Schema):
    mood: int = Field(description="1 very low ... 5 very good.")
    craving: int = Field(description="0 none ... 10 strongest.")
    stress: int = Field(description="0 none ... 10 overwhelming.")
    sleep_hours: Decimal | None = Field(
        None, description="Hours slept, 0 to 24 (one decimal); null: not said."
    )
    used_today: str = Field(
        UsedToday.UNSAID, description=f"One of {_values(UsedToday)}."
    )
    triggers: list[str] = Field(
        default_factory=list, description=f"Any of {_values(Trigger)}."
    )
    coping: list[str] = Field(
        default_factory=list, description=f"Any of {_values(Coping)}."
    )
    warning_signs: list[str] = Field(
        default_factory=list, description=f"Any of {_values(WarningSign)}."
    )
    strategies_used: list[int] = Field(
        default_factory=list,
        description="Ids of strategies the member can see (at most 20).",
    )
    gratitude: str = Field("", description="At most 500 characters.")
    note: str = Field(
        "",
        description="Private: never in anything shown to anyone else. At most "
        "5000 characters.",
    )
    sharing: str = Field(
        Sharing.PRIVATE,
        description="Who sees a summary (never the note): `private` only me, "
        "`mentor` my mentor, `groups` my groups and my mentor.",
    )
    today: dt.date | None = Field(
        None,
        description="Optional: the member's day the client means. If it is no "
        "longer that day in the member's time zone, 422 and nothing is saved.",
    )


class CheckinOut(Schema):
    date: dt.date = Field(description="The member's local day of the check-in.")
    mood: int
    craving: int
    stress: int
    sleep_hours: float | None = Field(description="Hours slept; null: not said.")
    used_today: UsedToday
    triggers: list[Trigger]
    coping: list[Coping]
    warning_signs: list[WarningSign]
    strategies_used: list[int]
    gratitude: str
    note: str
    sharing: Sharing
    created_at: dt.datetime
    updated_at: dt.datetime
