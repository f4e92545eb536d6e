"""Writes for group quality: members' ratings and leaders' confirmations.

A refusal raises ``ValidationError`` (a kind message for the member) or
``Http404`` (for a group they may not see or do not lead), and changes nothing.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kinship.directory.models import Group
from kinship.directory.services import listings_refresh
from kinship.members.models import ChangeAction, GroupChange, Member
from kinship.members.selectors import access_group, is_group_leader

from .models import GroupRating
from .selectors import MIN_ATTENDANCES_TO_RATE, group_attendance_count


@transaction.atomic
def group_rating_save(
    *,
    by: Member,
    group_slug: str,
    safety: int,
    structure: int,
    welcome: int,
) -> GroupRating:
    """The member rates a group they attended at least twice; again updates it."""
    group = access_group(by, group_slug)
    scores = {"safety": safety, "structure": structure, "welcome": welcome}
    if any(not 1 <= score <= 5 for score in scores.values()):
        raise ValidationError(_("Please choose a score from 1 to 5 for each question."))
    if group_attendance_count(by, group) < MIN_ATTENDANCES_TO_RATE:
        raise ValidationError(
            _(
                "You can rate a group once you have attended its meetings at least "
                "twice. Thank you for wanting to help."
            )
        )
    rating, _created = GroupRating.objects.update_or_create(
        member=by, group=group, defaults={**scores, "updated_at": timezone.now()}
    )
    return rating


@transaction.atomic
def group_verify(*, by: Member, group: Group) -> GroupChange:
    """A leader confirms the group's details are current; recorded as a change.

    Recorded as a group update of ``verified_at`` (no new change kind, so no
    migration), shown in the group's change history like other leader edits.
    """
    if not is_group_leader(by, group):
        raise Http404("No such group")
    group = Group.objects.select_for_update().get(pk=group.pk)
    old = group.verified_at
    group.verified_at = timezone.now()
    group.save(update_fields=["verified_at", "updated_at"])
    # Verified details are a quality signal the finder rows carry for matching.
    listings_refresh(meeting_ids=list(group.meetings.values_list("pk", flat=True)))
    return GroupChange.objects.create(
        group=group,
        by=by,
        action=ChangeAction.GROUP_UPDATED,
        changes={
            "verified_at": [
                old.isoformat() if old else None,
                group.verified_at.isoformat(),
            ]
        },
    )
