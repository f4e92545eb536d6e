"""URL-walk expectations for this part (see kinship/core/tests/walking.py)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kinship.core.tests.walking import (
    NOT_ALLOWED,
    OTHERS,
    OTHERS_ACTION,
    OWN_PAGE,
    Expect,
    World,
    expect,
)
from kinship.recovery.models import RecoveryPreferences, WarningRule, WarningSignal

# alex's private words here: no visitor's or eve's response may contain them.
# (The figures of alex's warning sign, as alex's own page words them.)
SECRETS: tuple[str, ...] = ("We noticed your mood was about 1.7",)


def world_add(world: World) -> None:
    """alex's objects for the walk (the walk fills URLs with them)."""
    alex = world.cast.alex
    signal = WarningSignal.objects.create(
        member=alex,
        rule=WarningRule.MOOD_FALLING,
        computed_on=timezone.localdate() - dt.timedelta(days=1),
        detail={"from": 4.3, "to": 1.7, "recent": 3, "earlier": 4},
    )
    # alex shares warning signs (with no mentor): eve is still no mentor of alex.
    RecoveryPreferences.objects.update_or_create(
        member=alex, defaults={"share_warnings_with_mentor": True}
    )
    world.extra["alex_warning_signal_id"] = signal.pk


EXPECTATIONS: dict[str, Expect] = {
    # eve sees her own (empty) page of warning signs.
    "recovery:warnings": OWN_PAGE,
    # alex's signal is a 404 to eve; her POST dismisses nothing.
    "recovery:warning-dismiss": expect(
        lambda world: {"signal_id": world.extra["alex_warning_signal_id"]},
        **OTHERS_ACTION,
    ),
    # An empty form is refused kindly (sent back to the page) and changes nothing.
    "recovery:warning-sharing": expect(
        visitor=NOT_ALLOWED, eve=NOT_ALLOWED, eve_post={302}
    ),
    # eve is not alex's mentor.
    "recovery:mentee-warnings": expect(
        lambda world: {"member_id": world.cast.alex.pk}, **OTHERS
    ),
}
