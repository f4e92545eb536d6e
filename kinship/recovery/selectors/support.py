"""Reads of support contacts: a member sees only their own, and may choose as a
contact only fellow members who take part in one of their groups."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from kinship.members.models import Level, Member, Membership

from ..models import SupportContact

# Observers only listen in: they are neither offered as contacts nor offered
# contacts (a participant's or leader's display name is known to their group).
TAKING_PART = (Level.PARTICIPANT, Level.LEADER)


def support_contacts_for(member: Member) -> QuerySet[SupportContact]:
    """The member's own support contacts, by name."""
    return (
        SupportContact.objects.filter(member=member)
        .select_related("contact_member")
        .order_by("name", "pk")
    )


def access_support_contact(member: Member, contact_id: int) -> SupportContact:
    """One of the member's own support contacts; anyone else's is a 404."""
    contact = SupportContact.objects.filter(member=member, pk=contact_id).first()
    if contact is None:
        raise Http404("No such support contact")
    return contact


def fellow_members_for(member: Member) -> QuerySet[Member]:
    """Members the member may choose as contacts: those taking part in a group the
    member takes part in, themselves and those already chosen left out."""
    groups = Membership.objects.filter(member=member, level__in=TAKING_PART).values(
        "group_id"
    )
    chosen = SupportContact.objects.filter(
        member=member, contact_member__isnull=False
    ).values("contact_member_id")
    return (
        Member.objects.filter(
            memberships__group_id__in=groups, memberships__level__in=TAKING_PART
        )
        .exclude(pk=member.pk)
        .exclude(pk__in=chosen)
        .distinct()
        .order_by("display_name", "pk")
    )
