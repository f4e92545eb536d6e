"""Writes of early warning signs: dismissing one, and sharing them with a mentor."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kinship.members.models import Member

from ..models import RecoveryPreferences, WarningSignal
from ..selectors.warnings import access_warning_signal


@transaction.atomic
def warning_signal_dismiss(*, by: Member, signal_id: int) -> WarningSignal:
    """The member dismisses one of their own signals: it leaves their page (and
    their mentor's), and stays away while the same rule keeps firing day after
    day. Someone else's signal is a 404; dismissing twice changes nothing."""
    signal = access_warning_signal(by, signal_id)
    if signal.dismissed_at is None:
        signal.dismissed_at = timezone.now()
        signal.save(update_fields=["dismissed_at"])
    return signal


@transaction.atomic
def warning_sharing_set(*, by: Member, share_with_mentor: bool) -> RecoveryPreferences:
    """The member's choice to share their warning signs with their active mentor
    (the name of each sign only, never figures or notes). Off by default."""
    preferences, _created = RecoveryPreferences.objects.update_or_create(
        member=by, defaults={"share_warnings_with_mentor": share_with_mentor}
    )
    return preferences
