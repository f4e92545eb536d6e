"""Every write of sobriety clocks and milestones: clocks, resets, shares in groups,
encouragement and its moderation.

Errors a member can cause are ``ValidationError`` with a message meant for them;
nothing is changed when one is raised. Another member's object is a 404.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinship.core.timezones import local_datetime, zone
from kinship.directory.models import Group
from kinship.members.models import Member
from kinship.members.selectors import is_group_leader
from kinship.notifications.models import NotificationKind
from kinship.notifications.services import notification_send

from .. import clock_math
from ..models import (
    ClockReset,
    Encouragement,
    EncouragementPreset,
    MilestoneShare,
    SobrietyClock,
)
from ..notification_texts import CHEERED
from ..selectors.clocks import access_clock, access_milestone

LABEL_MAX = 80
NOTE_MAX = 2000
MESSAGE_MAX = 280
REASON_MAX = 300


def _label_clean(label: str) -> str:
    label = " ".join(label.split())
    if not label:
        raise ValidationError(_("Say what this clock tracks."), code="label")
    if len(label) > LABEL_MAX:
        raise ValidationError(
            _("Keep it to %(max)d characters.") % {"max": LABEL_MAX}, code="label"
        )
    return label


def _start_resolve(
    member: Member,
    started_at: dt.datetime | None,
    start_date: dt.date | None,
    start_time: dt.time | None,
) -> dt.datetime:
    if started_at is not None:
        if started_at.tzinfo is None:
            raise ValueError("started_at must be aware")
        return started_at.astimezone(dt.UTC)
    if start_date is None:
        raise ValidationError(_("Give the date you started."), code="start")
    # A date alone means the start of that day, in the member's own zone.
    wall = start_time or dt.time(0, 0)
    return local_datetime(start_date, wall, zone(member.timezone)).astimezone(dt.UTC)


@transaction.atomic
def clock_create(
    *,
    by: Member,
    label: str,
    started_at: dt.datetime | None = None,
    start_date: dt.date | None = None,
    start_time: dt.time | None = None,
    hidden: bool = False,
    now: dt.datetime | None = None,
) -> SobrietyClock:
    """A new clock of the member's, from an instant or from a local date (and time,
    else the start of that day) in their zone. Back-dating is welcome; a start in
    the future is refused. Milestones already reached are recorded by
    ``milestones_refresh`` (called by the clocks page and the daily job)."""
    now = now or timezone.now()
    label = _label_clean(label)
    start = _start_resolve(by, started_at, start_date, start_time)
    if start > now:
        raise ValidationError(
            _("The start cannot be in the future."), code="future_start"
        )
    return SobrietyClock.objects.create(
        member=by, label=label, started_at=start, hidden=hidden, created_at=now
    )


def _shares_withdraw(
    shares: Iterable[MilestoneShare], by: Member, reason: str, now: dt.datetime
) -> None:
    for share in shares:
        share.removed_at = now
        share.removed_by = by
        share.removed_reason = reason
        share.save(update_fields=["removed_at", "removed_by", "removed_reason"])


@transaction.atomic
def clock_update(
    *,
    by: Member,
    clock_id: int,
    label: str | None = None,
    hidden: bool | None = None,
    now: dt.datetime | None = None,
) -> SobrietyClock:
    """Rename a clock or hide or show it. Hiding withdraws its milestones from the
    groups they were shared in (a hidden clock is never shared); showing it again
    does not announce the milestones reached while it was hidden."""
    now = now or timezone.now()
    clock = access_clock(by, clock_id)
    if label is not None:
        clock.label = _label_clean(label)
    if hidden is not None and hidden != clock.hidden:
        clock.hidden = hidden
        if hidden:
            shared = MilestoneShare.objects.filter(
                milestone__clock=clock, removed_at__isnull=True
            )
            _shares_withdraw(shared, by, _("The clock was hidden."), now)
        else:
            clock.milestones.filter(told_at__isnull=True).update(told_at=now)
    clock.save(update_fields=["label", "hidden"])
    return clock


@transaction.atomic
def clock_reset(
    *,
    by: Member,
    clock_id: int,
    at: dt.datetime | None = None,
    note: str = "",
    now: dt.datetime | None = None,
) -> ClockReset:
    """End the current streak at ``at`` (now by default) and start a new one there.

    The ended streak is kept, with the whole local days it lasted and the
    member's private note. ``at`` may be back-dated, but not before the streak's
    start nor in the future; milestones of the ended streak that fall after ``at``
    were never really reached and are deleted (with their shares).
    """
    now = now or timezone.now()
    at = (at or now).astimezone(dt.UTC)
    clock = access_clock(by, clock_id)
    note = note.strip()
    if len(note) > NOTE_MAX:
        raise ValidationError(
            _("Keep the note to %(max)d characters.") % {"max": NOTE_MAX}, code="note"
        )
    if at > now:
        raise ValidationError(_("A reset cannot be in the future."), code="future")
    if at < clock.started_at:
        raise ValidationError(
            _("A reset cannot be before the streak started."), code="before_start"
        )
    tz = zone(by.timezone)
    reset = ClockReset.objects.create(
        member=by,
        clock=clock,
        streak_started_at=clock.started_at,
        reset_at=at,
        days=clock_math.streak_days(clock.started_at, at, tz),
        note=note,
    )
    clock.milestones.filter(
        streak_started_at=clock.started_at, reached_at__gt=at
    ).delete()
    clock.started_at = at
    clock.save(update_fields=["started_at"])
    return reset


@transaction.atomic
def clock_delete(*, by: Member, clock_id: int) -> None:
    """Delete a clock with its history, milestones and their shares."""
    access_clock(by, clock_id).delete()


def _groups_of(member: Member, group_ids: Iterable[int]) -> list[Group]:
    wanted = set(group_ids)
    groups = list(
        Group.objects.filter(pk__in=wanted, memberships__member=member).distinct()
    )
    if not wanted or len(groups) != len(wanted):
        raise ValidationError(
            _("Choose one or more of your own groups."), code="groups"
        )
    return groups


@transaction.atomic
def milestone_share(
    *, by: Member, milestone_id: int, group_ids: Iterable[int]
) -> list[MilestoneShare]:
    """Share one of the member's milestones in some of their own groups.

    The group sees the member's display name and the milestone ("90 days"), not
    what the clock tracks. A hidden clock's milestones are never shared. Sharing
    again where it already is changes nothing; a share the member withdrew comes
    back; one a leader removed stays removed.
    """
    milestone = access_milestone(by, milestone_id)
    if milestone.clock.hidden:
        raise ValidationError(
            _("This clock is hidden; show it first to share its milestones."),
            code="hidden",
        )
    groups = _groups_of(by, group_ids)
    shares = []
    for group in groups:
        share, created = MilestoneShare.objects.get_or_create(
            milestone=milestone, group=group, defaults={"member": by}
        )
        if not created and share.removed_at is not None:
            if share.removed_by_id != by.pk:
                raise ValidationError(
                    _("A leader of %(group)s removed this milestone there.")
                    % {"group": group.name},
                    code="removed",
                )
            share.removed_at = None
            share.removed_by = None
            share.removed_reason = ""
            share.shared_at = timezone.now()
            share.save()
        shares.append(share)
    return shares


def _share_in_members_group(by: Member, share_id: int) -> MilestoneShare:
    """A share that is up, in a group ``by`` belongs to; 404 otherwise."""
    share = (
        MilestoneShare.objects.select_related("member", "milestone", "group")
        .filter(
            pk=share_id,
            removed_at__isnull=True,
            group__memberships__member=by,
        )
        .first()
    )
    if share is None:
        raise Http404("No such milestone")
    return share


@transaction.atomic
def encouragement_send(
    *, by: Member, share_id: int, preset: str = "", message: str = ""
) -> Encouragement:
    """Kind words on a milestone shared in one of the sender's groups (not on
    one's own), a preset and/or a short message. The milestone's owner is told."""
    share = _share_in_members_group(by, share_id)
    if share.member_id == by.pk:
        raise ValidationError(
            _("This is your own milestone; your group will cheer for you."),
            code="own",
        )
    message = " ".join(message.split())
    if preset and preset not in EncouragementPreset.values:
        raise ValidationError(_("Choose one of the kind words."), code="preset")
    if len(message) > MESSAGE_MAX:
        raise ValidationError(
            _("Keep the message to %(max)d characters.") % {"max": MESSAGE_MAX},
            code="message",
        )
    if not preset and not message:
        raise ValidationError(
            _("Choose kind words or write a short message."), code="empty"
        )
    encouragement = Encouragement.objects.create(
        member=by, share=share, preset=preset, message=message
    )
    notification_send(
        member=share.member,
        kind=NotificationKind.ENCOURAGEMENT,
        text=CHEERED,
        params={
            "name": by.display_name,
            "milestone": share.milestone.key,
            "preset": preset,
            "message": message,
        },
        url=reverse("recovery:milestone-feed", args=[share.group.slug]),
    )
    return encouragement


def _reason_clean(reason: str, *, required: bool) -> str:
    reason = " ".join(reason.split())
    if required and not reason:
        raise ValidationError(_("Give a short reason."), code="reason")
    if len(reason) > REASON_MAX:
        raise ValidationError(
            _("Keep the reason to %(max)d characters.") % {"max": REASON_MAX},
            code="reason",
        )
    return reason


@transaction.atomic
def share_remove(
    *, by: Member, share_id: int, reason: str = "", now: dt.datetime | None = None
) -> MilestoneShare:
    """Take a shared milestone out of a group's feed: by a leader of that group,
    with a reason, or by its owner (a reason is optional). Recorded, not deleted."""
    share = (
        MilestoneShare.objects.select_related("group")
        .filter(pk=share_id, removed_at__isnull=True)
        .first()
    )
    if share is None:
        raise Http404("No such milestone")
    owner = share.member_id == by.pk
    if not owner and not is_group_leader(by, share.group):
        raise Http404("No such milestone")
    reason = _reason_clean(reason, required=not owner)
    _shares_withdraw([share], by, reason, now or timezone.now())
    return share


@transaction.atomic
def encouragement_remove(
    *,
    by: Member,
    encouragement_id: int,
    reason: str = "",
    now: dt.datetime | None = None,
) -> Encouragement:
    """Take kind words off a shared milestone: by a leader of the group, with a
    reason, or by their sender (a reason is optional). Recorded, not deleted."""
    encouragement = (
        Encouragement.objects.select_related("share__group")
        .filter(pk=encouragement_id, removed_at__isnull=True)
        .first()
    )
    if encouragement is None:
        raise Http404("No such encouragement")
    sender = encouragement.member_id == by.pk
    if not sender and not is_group_leader(by, encouragement.share.group):
        raise Http404("No such encouragement")
    encouragement.removed_at = now or timezone.now()
    encouragement.removed_by = by
    encouragement.removed_reason = _reason_clean(reason, required=not sender)
    encouragement.save(update_fields=["removed_at", "removed_by", "removed_reason"])
    return encouragement
