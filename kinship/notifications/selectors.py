"""Reads of notifications and email choices: a member sees only their own."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from kinship.members.models import Member

from .models import EMAIL_BY_DEFAULT, EmailChoice, Notification, NotificationKind

# Notifications per page of the notifications centre.
NOTIFICATIONS_PER_PAGE = 20


def notifications_for(member: Member) -> QuerySet[Notification]:
    """The member's own notifications, newest first."""
    return Notification.objects.filter(member=member).order_by("-created_at", "-pk")


def access_notification(member: Member, notification_id: int) -> Notification:
    """One of the member's own notifications; anyone else's is a 404."""
    notification = Notification.objects.filter(
        member=member, pk=notification_id
    ).first()
    if notification is None:
        raise Http404("No such notification")
    return notification


def notifications_unread_count(*, user_id: int) -> int:
    """How many of the account's notifications are unread: one query, by the
    account so a page needs not load the member profile first."""
    return Notification.objects.filter(
        member__user_id=user_id, read_at__isnull=True
    ).count()


@dataclass(frozen=True)
class EmailChoiceRow:
    """One kind of notification, whether it comes by email, and the default."""

    kind: NotificationKind
    email: bool
    by_default: bool
    chosen: bool  # False while the member keeps the default


def email_choices_for(member: Member) -> list[EmailChoiceRow]:
    """Every kind of notification with the member's email choice (or the default)."""
    chosen = dict(
        EmailChoice.objects.filter(member=member).values_list("kind", "email")
    )
    rows = []
    for kind in NotificationKind:
        by_default = kind in EMAIL_BY_DEFAULT
        rows.append(
            EmailChoiceRow(
                kind=kind,
                email=chosen.get(kind.value, by_default),
                by_default=by_default,
                chosen=kind.value in chosen,
            )
        )
    return rows
