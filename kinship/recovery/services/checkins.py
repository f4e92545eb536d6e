"""The daily check-in: recorded (or changed) by its member, for today only.

Errors a member can cause are ``ValidationError`` keyed by field, with a message
meant for them; nothing is changed when one is raised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinship.core.when import long_date_label
from kinship.members.models import Member
from kinship.members.selectors import member_today

from ..models import (
    CheckIn,
    Coping,
    Sharing,
    Strategy,
    Trigger,
    UsedToday,
    WarningSign,
)
from ..selectors.checkins import ID_MAX
from ..selectors.strategies import strategies_visible_to

MOOD_RANGE = (1, 5)
SCALE_RANGE = (0, 10)  # craving and stress
SLEEP_MAX = Decimal(24)
GRATITUDE_MAX_LENGTH = 500
NOTE_MAX_LENGTH = 5000
STRATEGIES_MAX = 20


def _whole(
    value: object, low: int, high: int, errors: dict[str, str], field: str
) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not low <= value <= high
    ):
        errors[field] = _("Choose a whole number from %(low)d to %(high)d.") % {
            "low": low,
            "high": high,
        }
        return low
    return value


def _sleep(value: object, errors: dict[str, str]) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        hours = Decimal(str(value)) if not isinstance(value, bool) else None
    except InvalidOperation:
        hours = None
    if hours is None or not hours.is_finite() or not 0 <= hours <= SLEEP_MAX:
        errors["sleep_hours"] = _("Give the hours you slept, from 0 to 24.")
        return None
    return hours.quantize(Decimal("0.1"))


def _tags(
    values: object,
    vocabulary: Sequence[str],
    errors: dict[str, str],
    field: str,
) -> list[str]:
    """The chosen tags in the vocabulary's order, each once."""
    chosen = (
        list(values) if isinstance(values, list | tuple | set | frozenset) else None
    )
    if chosen is None or not all(isinstance(tag, str) for tag in chosen):
        errors[field] = _("Choose from the list.")
        return []
    unknown = set(chosen) - set(vocabulary)
    if unknown:
        errors[field] = _("Choose from the list: %(unknown)s is not one of them.") % {
            "unknown": ", ".join(sorted(unknown))[:100]
        }
        return []
    return [tag for tag in vocabulary if tag in chosen]


def _text(value: object, limit: int, errors: dict[str, str], field: str) -> str:
    if not isinstance(value, str):
        errors[field] = _("Write it as text.")
        return ""
    text = value.strip()
    if "\x00" in text:
        errors[field] = _("Remove the control characters from this text.")
    elif len(text) > limit:
        errors[field] = _("Keep it to %(limit)d characters (it has %(length)d).") % {
            "limit": limit,
            "length": len(text),
        }
    return text


def _strategy_ids(by: Member, values: object, errors: dict[str, str]) -> list[int]:
    if not isinstance(values, Iterable) or isinstance(values, str | bytes):
        errors["strategies_used"] = _("Choose from your saved strategies.")
        return []
    ids: list[int] = []
    for value in values:
        pk = value.pk if isinstance(value, Strategy) else value
        if isinstance(pk, bool) or not isinstance(pk, int) or not 0 < pk <= ID_MAX:
            errors["strategies_used"] = _("Choose from your saved strategies.")
            return []
        if pk not in ids:
            ids.append(pk)
    if len(ids) > STRATEGIES_MAX:
        errors["strategies_used"] = _("Choose at most %(count)d strategies.") % {
            "count": STRATEGIES_MAX
        }
        return []
    if ids:
        found = set(
            strategies_visible_to(by).filter(pk__in=ids).values_list("pk", flat=True)
        )
        if found != set(ids):
            errors["strategies_used"] = _(
                "One of these strategies is not there any more, or not yours to use."
            )
            return []
    return sorted(ids)


def _choice(value: object, choices: Sequence[str]) -> str | None:
    return value if isinstance(value, str) and value in choices else None


@transaction.atomic
def checkin_record(
    *,
    by: Member,
    mood: int,
    craving: int,
    stress: int,
    sleep_hours: Decimal | float | str | None,
    used_today: str,
    triggers: Iterable[str],
    coping: Iterable[str],
    warning_signs: Iterable[str],
    strategies_used: Iterable[int | Strategy],
    gratitude: str,
    note: str,
    sharing: str,
    today: dt.date | None = None,
) -> tuple[CheckIn, bool]:
    """Record the member's check-in for their day (in ``Member.timezone``).

    One check-in per member per local day: saving again the same day changes it
    (``updated_at``), keeping ``created_at``. ``today`` is the day the member
    means (the day their form showed); if it is given and is no longer their day,
    nothing is saved, so a form left open past midnight cannot write the wrong
    day. No other day can be written. Strategies must be ones the member can see.
    Returns the check-in and whether it was created.
    """
    now = timezone.now()
    day = member_today(by, now)
    errors: dict[str, str] = {}
    if today is not None and today != day:
        errors["today"] = _(
            "It is now %(day)s where you are: a check-in can only be saved for "
            "today. Look it over and save it again."
        ) % {"day": long_date_label(day)}
    values: dict[str, Any] = {
        "mood": _whole(mood, *MOOD_RANGE, errors, "mood"),
        "craving": _whole(craving, *SCALE_RANGE, errors, "craving"),
        "stress": _whole(stress, *SCALE_RANGE, errors, "stress"),
        "sleep_hours": _sleep(sleep_hours, errors),
        "triggers": _tags(triggers, Trigger.values, errors, "triggers"),
        "coping": _tags(coping, Coping.values, errors, "coping"),
        "warning_signs": _tags(
            warning_signs, WarningSign.values, errors, "warning_signs"
        ),
        "gratitude": _text(gratitude, GRATITUDE_MAX_LENGTH, errors, "gratitude"),
        "note": _text(note, NOTE_MAX_LENGTH, errors, "note"),
    }
    if (used := _choice(used_today, UsedToday.values)) is None:
        errors["used_today"] = _("Choose yes, no or prefer not to say.")
    if (shared := _choice(sharing, Sharing.values)) is None:
        errors["sharing"] = _("Choose who sees a summary.")
    strategy_ids = _strategy_ids(by, strategies_used, errors)
    if errors:
        raise ValidationError(errors)
    values.update(used_today=used, sharing=shared, updated_at=now)
    checkin, created = _upsert(by, day, values, now)
    _link_strategies(checkin, strategy_ids, created)
    return checkin, created


def _upsert(
    by: Member, day: dt.date, values: dict[str, Any], now: dt.datetime
) -> tuple[CheckIn, bool]:
    existing = (
        CheckIn.objects.select_for_update()
        .filter(member=by, local_date=day)
        .order_by()  # at most one row: no ORDER BY to build
    )
    checkin = next(iter(existing[:1]), None)
    if checkin is None:
        try:
            with transaction.atomic():
                created = CheckIn.objects.create(
                    member=by, local_date=day, created_at=now, **values
                )
            return created, True
        except IntegrityError:  # the same member's other request won the race
            checkin = existing.get()
    for field, value in values.items():
        setattr(checkin, field, value)
    checkin.save(update_fields=list(values))
    return checkin, False


def _link_strategies(checkin: CheckIn, ids: list[int], created: bool) -> None:
    if created and not ids:
        return
    links = CheckIn.strategies_used.through.objects
    if not created:
        current = set(
            links.filter(checkin_id=checkin.pk).values_list("strategy_id", flat=True)
        )
        if current == set(ids):
            return
        links.filter(checkin_id=checkin.pk).exclude(strategy_id__in=ids).delete()
        ids = [pk for pk in ids if pk not in current]
    links.bulk_create(
        [links.model(checkin_id=checkin.pk, strategy_id=pk) for pk in ids]
    )
