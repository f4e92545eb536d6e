"""Check-in API: record today's check-in, read my own (the same service as the
page). Mounted at /api/v1/ by kinship/api.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.decorators import decorate_view
from ninja.params import Query
from ninja.responses import Status

from kinship.members.api import REFUSED
from kinship.members.models import Member
from kinship.members.selectors import member_today
from kinship.tokens.auth import API_AUTH
from kinship.tokens.errors import validation_error_out
from kinship.tokens.idempotency import idempotent
from kinship.tokens.schemas import ErrorOut, IdempotencyKeyHeader, ValidationErrorOut

from .models import CheckIn
from .schemas_checkins import CheckinIn, CheckinOut
from .selectors.checkins import checkins_between
from .services.checkins import checkin_record

router = Router(tags=["me"], auth=API_AUTH)

# Without dates, the last 30 days; a longer span than a year is asked in parts.
DEFAULT_DAYS = 30
MAX_DAYS = 366


def checkin_out(
    checkin: CheckIn, strategy_ids: list[int] | None = None
) -> dict[str, Any]:
    """The member's own check-in, note included (only ever sent to them)."""
    if strategy_ids is None:
        strategy_ids = [strategy.pk for strategy in checkin.strategies_used.all()]
    return {
        "date": checkin.local_date,
        "mood": checkin.mood,
        "craving": checkin.craving,
        "stress": checkin.stress,
        "sleep_hours": checkin.sleep_hours,
        "used_today": checkin.used_today,
        "triggers": checkin.triggers,
        "coping": checkin.coping,
        "warning_signs": checkin.warning_signs,
        "strategies_used": strategy_ids,
        "gratitude": checkin.gratitude,
        "note": checkin.note,
        "sharing": checkin.sharing,
        "created_at": checkin.created_at,
        "updated_at": checkin.updated_at,
    }


@router.post(
    "/me/checkins",
    response={
        200: CheckinOut,
        201: CheckinOut,
        400: ErrorOut,
        422: ValidationErrorOut,
        **REFUSED,
    },
    summary="Record today's check-in",
)
@decorate_view(idempotent)
def checkin_create(
    request: HttpRequest,
    checkin: CheckinIn,
    idempotency_key: IdempotencyKeyHeader = None,
) -> Status[dict[str, Any]]:
    """Record the member's check-in for their day (in their time zone): 201 when
    it is the first today, 200 when it changes today's. Another day cannot be
    written. Invalid values answer 422 with field errors and change nothing."""
    member: Member = request.auth  # type: ignore[attr-defined]
    data = checkin.model_dump()
    try:
        saved, created = checkin_record(by=member, **data)
    except ValidationError as error:
        return Status(422, validation_error_out(error, location="body"))
    strategy_ids = sorted(set(data["strategies_used"]))
    return Status(201 if created else 200, checkin_out(saved, strategy_ids))


@router.get(
    "/me/checkins",
    response={200: list[CheckinOut], 422: ValidationErrorOut, **REFUSED},
    summary="My check-ins",
)
def my_checkins(
    request: HttpRequest,
    since: Query[dt.date | None] = None,
    until: Query[dt.date | None] = None,
) -> Status[Any]:
    """The member's own check-ins, newest first, from ``since`` to ``until``
    (their local days, both included). ``until`` defaults to today and ``since``
    to 29 days before ``until``; at most 366 days at once."""
    member: Member = request.auth  # type: ignore[attr-defined]
    until = until or member_today(member)
    try:
        since = since or until - dt.timedelta(days=DEFAULT_DAYS - 1)
    except OverflowError:  # ``until`` in the first days of year 1
        since = dt.date.min
    if since > until or (until - since).days >= MAX_DAYS:
        error = ValidationError(
            {"since": _("Give a start on or before the end, at most 366 days before.")}
        )
        return Status(422, validation_error_out(error, location="query"))
    found = checkins_between(member, since=since, until=until)
    return Status(200, [checkin_out(checkin) for checkin in found])
