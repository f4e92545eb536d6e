"""Sending notifications: in the app always, by email when the member chose so."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinship.core.email import email_enqueue
from kinship.core.http import is_local_path
from kinship.members.locale import recipient_locale
from kinship.members.models import Member

from .models import (
    EMAIL_BY_DEFAULT,
    PUSH_BY_DEFAULT,
    EmailChoice,
    Notification,
    NotificationKind,
)
from .texts import text_known


def email_wanted(member: Member, kind: str) -> bool:
    """Whether the member gets an email copy of this kind of notification."""
    choice = EmailChoice.objects.filter(member=member, kind=kind).first()
    if choice is not None:
        return choice.email
    return kind in EMAIL_BY_DEFAULT


def push_wanted(member: Member, kind: str) -> bool:
    """Whether the member gets a push copy of this kind of notification (on the
    browsers they subscribed; none without a subscription)."""
    choice = EmailChoice.objects.filter(member=member, kind=kind).first()
    if choice is not None and choice.push is not None:
        return choice.push
    return kind in PUSH_BY_DEFAULT


@transaction.atomic
def notification_send(
    *,
    member: Member,
    kind: NotificationKind | str,
    text: str,
    params: Mapping[str, Any] | None = None,
    url: str = "",
) -> Notification:
    """Notify one member in the app, and by email (through the task queue, after
    the transaction commits) when they want this kind by email.

    ``text`` is a registered text (``kinship.notifications.texts``) and
    ``params`` the JSON values it is filled with; both are stored, and the
    words are rendered in the reader's language when shown. The email copy is
    rendered now, in the recipient's language and zone, whatever the sender's.
    ``url`` is a path on this site. Texts are for the recipient's eyes: callers
    never put another member's private note in them.
    """
    kind = NotificationKind(kind)
    if url and not is_local_path(url):
        raise ValueError("a notification links to a path on this site")
    if not text_known(text):
        raise ValueError(f"no notification text {text!r} is registered")
    notification = Notification.objects.create(
        member=member, kind=kind, text=text, params=dict(params or {}), url=url
    )
    address = member.user.email
    if address and email_wanted(member, kind):
        with recipient_locale(member):
            email_enqueue(_email(notification, address))
    return notification


def _email(notification: Notification, address: str) -> EmailMessage:
    title, body = notification.title, notification.body
    lines = [body] if body else []
    if notification.url:
        lines.append(f"{settings.KINSHIP_SITE_URL}{notification.url}")
    lines.append(
        _("You get this email because of your notification choices at %(url)s")
        % {"url": f"{settings.KINSHIP_SITE_URL}/me/notifications/"}
    )
    return EmailMessage(
        subject=f"Kinship: {title}", body="\n\n".join(lines), to=[address]
    )


@transaction.atomic
def email_choices_set(*, by: Member, choices: dict[str, bool]) -> None:
    """The member's choice of email copies, per notification kind."""
    for kind, email in choices.items():
        EmailChoice.objects.update_or_create(
            member=by, kind=NotificationKind(kind), defaults={"email": email}
        )


def notifications_mark_read(*, by: Member, ids: list[int] | None = None) -> int:
    """Mark the member's own notifications read (all of them when ``ids`` is None);
    another member's ids are ignored. Returns how many changed."""
    unread = Notification.objects.filter(member=by, read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
