"""Reads of daily check-ins: the member's own, and the summaries others may see.

Sharing levels are nested: ``private`` < ``mentor`` < ``groups``. A check-in
shared with "my mentor" is seen (as a summary) by the member's active mentor; one
shared with "my groups" by the members of each of their groups *and* by their
mentor. A summary never holds the private ``note`` (nor warning signs, strategies
or the sharing choice): ``checkin_summary`` is the one place that decides what
leaves the member's own pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from kinship.directory.models import Group
from kinship.members.models import Member
from kinship.members.selectors import access_member_group, member_today
from kinship.mentorship.models import Mentorship, MentorshipState

from ..models import (
    CheckIn,
    Coping,
    NotebookEntry,
    Sharing,
    Strategy,
    Trigger,
    UsedToday,
    WarningSign,
)
from .strategies import shown_title_order, strategies_visible_to

# A group sees the last week; a mentor the last month.
GROUP_DAYS = 7
MENTOR_DAYS = 30
SHARED_WITH_MENTOR = (Sharing.MENTOR, Sharing.GROUPS)
SHARED_WITH_GROUPS = (Sharing.GROUPS,)
ID_MAX = 2**63 - 1


def checkins_of(member: Member) -> QuerySet[CheckIn]:
    """The member's own check-ins, newest first, with their strategies."""
    return (
        CheckIn.objects.filter(member=member)
        .prefetch_related("strategies_used")
        .order_by("-local_date")
    )


def checkin_today(member: Member) -> CheckIn | None:
    """The member's check-in for their day (in their zone), if saved yet."""
    return checkins_of(member).filter(local_date=member_today(member)).first()


def checked_in_today(member: Member) -> bool:
    """Whether the member has checked in on their day (in their zone)."""
    today = member_today(member)
    return CheckIn.objects.filter(member=member, local_date=today).exists()


def checkins_recent(member: Member, *, days: int = MENTOR_DAYS) -> QuerySet[CheckIn]:
    """The member's own check-ins of their last ``days`` days, today included."""
    today = member_today(member)
    return checkins_between(
        member, since=today - dt.timedelta(days=days - 1), until=today
    )


def checkins_between(
    member: Member, *, since: dt.date | None, until: dt.date | None
) -> QuerySet[CheckIn]:
    """The member's own check-ins from ``since`` to ``until`` (both included)."""
    found = checkins_of(member)
    if since is not None:
        found = found.filter(local_date__gte=since)
    if until is not None:
        found = found.filter(local_date__lte=until)
    return found


def checkin_strategy_choices(
    member: Member, checkin: CheckIn | None = None
) -> list[Strategy]:
    """Strategies the member may mark as used: those saved in their notebook that
    they can still see, and any already linked to ``checkin``."""
    saved = Q(pk__in=NotebookEntry.objects.filter(member=member).values("strategy_id"))
    if checkin is not None:
        saved |= Q(pk__in=[strategy.pk for strategy in checkin.strategies_used.all()])
    return list(
        strategies_visible_to(member).filter(saved).order_by(shown_title_order(), "pk")
    )


def _labels(
    values: list[str], choices: type[Trigger] | type[Coping] | type[WarningSign]
) -> list[str]:
    labels = dict(choices.choices)
    return [str(labels.get(value, value)) for value in values]


def _shared_fields(checkin: CheckIn) -> dict[str, Any]:
    return {
        "date": checkin.local_date,
        "mood": checkin.mood,
        "craving": checkin.craving,
        "stress": checkin.stress,
        "sleep_hours": checkin.sleep_hours,
        "used_today": checkin.used_today,
        "used_today_label": str(dict(UsedToday.choices)[checkin.used_today]),
        "triggers": list(checkin.triggers),
        "trigger_labels": _labels(checkin.triggers, Trigger),
        "coping": list(checkin.coping),
        "coping_labels": _labels(checkin.coping, Coping),
        "gratitude": checkin.gratitude,
    }


def checkin_summary(checkin: CheckIn) -> dict[str, Any]:
    """What a mentor or a group sees of a check-in, never the private note.

    Date, the member's display name, mood, craving, stress, sleep, used today,
    triggers, coping and gratitude; tags as codes and as words.
    """
    return {"member": checkin.member.display_name, **_shared_fields(checkin)}


def checkin_own_view(checkin: CheckIn) -> dict[str, Any]:
    """Everything of a check-in, for its member's own pages only (note included)."""
    return {
        **_shared_fields(checkin),
        "warning_sign_labels": _labels(checkin.warning_signs, WarningSign),
        "strategies": [s.display_title for s in checkin.strategies_used.all()],
        "note": checkin.note,
        "sharing": checkin.sharing,
        "sharing_label": str(dict(Sharing.choices)[checkin.sharing]),
        "updated_at": checkin.updated_at,
    }


def _shared(sharing: tuple[str, ...]) -> QuerySet[CheckIn]:
    return (
        CheckIn.objects.filter(sharing__in=sharing)
        .select_related("member")
        .only(
            "local_date",
            "mood",
            "craving",
            "stress",
            "sleep_hours",
            "used_today",
            "triggers",
            "coping",
            "gratitude",
            "member__display_name",
        )
        .order_by("-local_date", "member__display_name", "pk")
    )


@dataclass(frozen=True)
class MenteeCheckins:
    mentee: Member
    summaries: list[dict[str, Any]]


def checkin_summaries_for_mentor(*, mentor: Member, mentee_id: int) -> MenteeCheckins:
    """A mentee's check-in summaries of the last 30 days, for their mentor.

    404 unless ``mentor`` mentors the member ``mentee_id`` in an active
    mentorship. Only check-ins shared with "my mentor" or with "my groups"
    (levels are nested: groups include the mentor).
    """
    if not 0 < mentee_id <= ID_MAX:  # no member has it; too large for a query
        raise Http404("No such mentee")
    mentorship = (
        Mentorship.objects.filter(
            mentor=mentor, mentee_id=mentee_id, state=MentorshipState.ACTIVE
        )
        .select_related("mentee")
        .first()
    )
    if mentorship is None:
        raise Http404("No such mentee")
    mentee = mentorship.mentee
    since = member_today(mentee) - dt.timedelta(days=MENTOR_DAYS - 1)
    found = _shared(SHARED_WITH_MENTOR).filter(member=mentee, local_date__gte=since)
    return MenteeCheckins(mentee, [checkin_summary(c) for c in found])


@dataclass(frozen=True)
class GroupCheckins:
    group: Group
    summaries: list[dict[str, Any]]


def checkin_summaries_for_group(*, member: Member, group_slug: str) -> GroupCheckins:
    """Check-in summaries of the last 7 days (the viewer's today and the six days
    before) that the group's members shared with "my groups", for a member of
    that group (any level); 404 for everyone else, the group's existence
    included. Newest first."""
    group = access_member_group(member, group_slug).group
    since = member_today(member) - dt.timedelta(days=GROUP_DAYS - 1)
    found = _shared(SHARED_WITH_GROUPS).filter(
        member__memberships__group=group, local_date__gte=since
    )
    return GroupCheckins(group, [checkin_summary(c) for c in found])
