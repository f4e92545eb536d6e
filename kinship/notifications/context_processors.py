"""The unread-notifications count in the site header."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import cached_property

from .selectors import notifications_unread_count


class UnreadNotifications:
    """The signed-in account's unread count, asked of the database only when a
    template shows it, and at most once per request."""

    def __init__(self, user_id: int) -> None:
        self.user_id = user_id

    @cached_property
    def count(self) -> int:
        return notifications_unread_count(user_id=self.user_id)


def notifications(request: HttpRequest) -> dict[str, UnreadNotifications]:
    """``notifications_unread.count`` for templates, for signed-in accounts."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    unread: UnreadNotifications | None = getattr(
        request, "_kinship_unread_notifications", None
    )
    if unread is None or unread.user_id != user.pk:
        unread = UnreadNotifications(user.pk)
        request._kinship_unread_notifications = unread  # type: ignore[attr-defined]
    return {"notifications_unread": unread}
