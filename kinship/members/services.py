"""Every write to members, memberships and the groups leaders run.

Each service takes the acting member as ``by`` and checks their rights itself, so
pages and the API cannot differ. A refusal raises ``MembershipError`` (a message
for the person) or ``Http404`` (for what they may not even know exists), and
changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kinship.directory.models import (
    Group,
    GroupStatus,
    Location,
    Meeting,
    Visibility,
)
from kinship.directory.services import listings_refresh

from .models import (
    ChangeAction,
    GroupChange,
    GroupInvitation,
    Level,
    Member,
    Membership,
)
from .selectors import is_group_leader

INVITATION_LIFETIME = dt.timedelta(days=14)


class MembershipError(Exception):
    """A request the member may make but that cannot be done, with the reason."""


@transaction.atomic
def member_create(*, user: Any, display_name: str, language: str = "") -> Member:
    """The profile of a new account, in ``language`` (the one the person signed
    up in) when Kinship is written in it, else the site's language."""
    member = Member(user=user, display_name=display_name.strip())
    if language in dict(settings.LANGUAGES):
        member.language = language
    member.save()
    return member


def invitation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_create(*, by: Member, group: Group) -> str:
    """A new invitation into a group, by one of its leaders; returns the secret code.

    Only the code's digest is stored: the code is shown to the leader once.
    """
    if not is_group_leader(by, group):
        raise Http404("No such group")
    token = secrets.token_urlsafe(18)
    GroupInvitation.objects.create(
        group=group,
        created_by=by,
        token_hash=invitation_token_hash(token),
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    return token


def invitation_valid(group: Group, token: str) -> bool:
    return GroupInvitation.objects.filter(
        group=group,
        token_hash=invitation_token_hash(token),
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).exists()


@transaction.atomic
def membership_join(*, by: Member, group: Group, invitation: str = "") -> Membership:
    """Join a group as an observer: attend and RSVP, without posting.

    A private group needs a valid invitation from one of its leaders; without one
    the group answers as if it did not exist.
    """
    if group.visibility == Visibility.PRIVATE and not invitation_valid(
        group, invitation
    ):
        raise Http404("No such group")
    if group.status != GroupStatus.ACTIVE:
        raise MembershipError(_("This group is not meeting at the moment."))
    already = _("You are already a member of this group.")
    if Membership.objects.filter(member=by, group=group).exists():
        raise MembershipError(already)
    try:
        # Two joins at the same instant: the unique constraint refuses the second.
        with transaction.atomic():
            return Membership.objects.create(
                member=by, group=group, level=Level.OBSERVER
            )
    except IntegrityError:
        raise MembershipError(already) from None


def _own_membership(by: Member, group: Group) -> Membership:
    membership = (
        Membership.objects.select_for_update().filter(member=by, group=group).first()
    )
    if membership is None:
        raise MembershipError(_("You are not a member of this group."))
    return membership


@transaction.atomic
def membership_step_up(*, by: Member, group: Group) -> Membership:
    """The member's own step from observer to participant."""
    membership = _own_membership(by, group)
    if membership.level != Level.OBSERVER:
        raise MembershipError(_("You already take part in this group."))
    membership.level = Level.PARTICIPANT
    membership.participant_since = timezone.now()
    membership.save(update_fields=["level", "participant_since"])
    return membership


@transaction.atomic
def membership_make_leader(*, by: Member, membership_id: int) -> Membership:
    """A leader makes a participant of their group a leader too."""
    membership = (
        Membership.objects.select_for_update()
        .select_related("group", "member")
        .filter(pk=membership_id)
        .first()
    )
    if membership is None or not is_group_leader(by, membership.group):
        raise Http404("No such member")
    if membership.level != Level.PARTICIPANT:
        raise MembershipError(
            _("Only a participant can become a leader; observers step up first.")
        )
    membership.level = Level.LEADER
    membership.leader_since = timezone.now()
    membership.save(update_fields=["level", "leader_since"])
    GroupChange.objects.create(
        group=membership.group,
        by=by,
        action=ChangeAction.LEADER_ADDED,
        changes={"membership": membership.pk},
    )
    return membership


@transaction.atomic
def membership_leave(*, by: Member, group: Group) -> None:
    """Leave a group; its last leader must first make someone else a leader."""
    membership = _own_membership(by, group)
    if (
        membership.level == Level.LEADER
        and not Membership.objects.filter(group=group, level=Level.LEADER)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise MembershipError(
            _("You are this group's only leader: make another member a leader first.")
        )
    membership.delete()


def _plain(value: Any) -> Any:
    """A field value as JSON for the change record."""
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, dt.time | dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _apply(instance: Model, values: dict[str, Any]) -> dict[str, list[Any]]:
    """Set the values that differ and return them as ``{field: [old, new]}``."""
    changes: dict[str, list[Any]] = {}
    for field, new in values.items():
        old = getattr(instance, field)
        if old != new:
            changes[field] = [_plain(old), _plain(new)]
            setattr(instance, field, new)
    return changes


GROUP_EDITABLE = (
    "name",
    "description",
    "guidelines",
    "confidentiality_statement",
    "inclusivity_statement",
)


@transaction.atomic
def group_update(
    *, by: Member, group: Group, values: dict[str, Any]
) -> GroupChange | None:
    """A leader edits the group's public details; the change is recorded."""
    if not is_group_leader(by, group):
        raise Http404("No such group")
    group = Group.objects.select_for_update().get(pk=group.pk)
    changes = _apply(group, {k: values[k] for k in GROUP_EDITABLE if k in values})
    if not changes:
        return None
    group.full_clean()
    group.save()
    listings_refresh(meeting_ids=list(group.meetings.values_list("pk", flat=True)))
    return GroupChange.objects.create(
        group=group, by=by, action=ChangeAction.GROUP_UPDATED, changes=changes
    )


MEETING_EDITABLE = (
    "name",
    "weekday",
    "start_time",
    "end_time",
    "timezone",
    "recurrence",
    "attendance_mode",
    "conference_url",
    "conference_url_notes",
    "conference_phone",
    "conference_phone_notes",
    "notes",
    "status",
)
LOCATION_EDITABLE = (
    "name",
    "formatted_address",
    "city",
    "region",
    "postal_code",
    "latitude",
    "longitude",
    "approximate",
)


def _place_for(
    meeting: Meeting, values: dict[str, Any] | None
) -> tuple[Location | None, dict[str, list[Any]]]:
    """The meeting's place after an edit, and what changed in it.

    A place that other meetings use, or that a feed keeps, is never edited in
    place: the meeting gets its own copy, so an edit moves only this meeting.
    """
    if values is None:
        old = meeting.location_id
        return None, ({"location": [old, None]} if old else {})
    location = meeting.location or Location(timezone=meeting.timezone)
    location.timezone = meeting.timezone
    changes = _apply(location, values)
    if location.pk is not None and not changes:
        return location, {}
    if location.pk is not None and (
        location.source_feed_id is not None
        or location.meetings.exclude(pk=meeting.pk).exists()
    ):
        location.pk = None
        location.source_feed = None
        location.source_key = ""
    location.full_clean()
    location.save()
    return location, {f"location.{field}": change for field, change in changes.items()}


@transaction.atomic
def meeting_save(
    *,
    by: Member,
    group: Group,
    meeting: Meeting | None,
    values: dict[str, Any],
    place: dict[str, Any] | None,
) -> Meeting:
    """A leader adds a meeting to their group or edits one; the change is recorded.

    ``place`` holds the location fields, or None for a meeting with no place.
    Rules of ``Meeting.clean`` apply (an in-person meeting needs a place, an
    online one a link or phone): a ``ValidationError`` changes nothing.
    """
    if not is_group_leader(by, group):
        raise Http404("No such group")
    adding = meeting is None
    if meeting is None:
        meeting = Meeting(group=group, slug=_meeting_slug(group, values["name"]))
    elif meeting.group_id != group.pk:
        raise Http404("No such meeting")
    else:
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    changes = _apply(meeting, {k: values[k] for k in MEETING_EDITABLE if k in values})
    location, place_changes = _place_for(meeting, place)
    if location is not None and location.pk != meeting.location_id:
        changes.setdefault("location", [meeting.location_id, location.pk])
    meeting.location = location
    changes.update(place_changes)
    meeting.full_clean()
    meeting.save()
    listings_refresh(meeting_ids=[meeting.pk])
    if adding or changes:
        GroupChange.objects.create(
            group=group,
            meeting=meeting,
            meeting_name=meeting.name,
            by=by,
            action=ChangeAction.MEETING_ADDED
            if adding
            else ChangeAction.MEETING_UPDATED,
            changes=changes,
        )
    return meeting


def _meeting_slug(group: Group, name: str) -> str:
    from django.utils.text import slugify

    base = slugify(f"{group.slug}-{name}")[:150] or "meeting"
    slug = base
    suffix = 2
    while Meeting.objects.filter(slug=slug).exists():
        slug = f"{base}-{suffix}"
        suffix += 1
    return slug


@transaction.atomic
def meeting_remove(*, by: Member, group: Group, meeting: Meeting) -> None:
    """A leader removes one of their group's meetings; the change is recorded."""
    if not is_group_leader(by, group) or meeting.group_id != group.pk:
        raise Http404("No such meeting")
    if meeting.occurrences.filter(attendances__isnull=False).exists():
        raise MembershipError(
            _(
                "Attendance has been recorded at this meeting, so removing it would "
                "lose members' records: mark it temporarily closed instead."
            )
        )
    GroupChange.objects.create(
        group=group,
        meeting=None,
        meeting_name=meeting.name,
        by=by,
        action=ChangeAction.MEETING_REMOVED,
        changes={"slug": [meeting.slug, None]},
    )
    meeting.delete()
