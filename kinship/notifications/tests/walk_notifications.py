"""URL-walk expectations for this part (see kinship/core/tests/walking.py): the
notifications centre, and reaching out (support contacts, "I need support")."""

from __future__ import annotations

from kinship.core.tests.walking import (
    NOT_ALLOWED,
    OK,
    OTHERS,
    OTHERS_ACTION,
    OWN_PAGE,
    TO_LOGIN,
    Expect,
    World,
    expect,
)

# alex's private words here: no visitor's or eve's response may contain them.
SECRETS: tuple[str, ...] = (
    "Zephyr lighthouse news",
    "Quillon Marsh",
    "quillon@example.net",
)


def world_add(world: World) -> None:
    """alex's objects for the walk (the walk fills URLs with them)."""
    from kinship.notifications.models import NotificationKind
    from kinship.notifications.services import notification_send
    from kinship.notifications.texts import AS_WRITTEN
    from kinship.recovery.services.support import support_contact_add

    notification = notification_send(
        member=world.cast.alex,
        kind=NotificationKind.ENCOURAGEMENT,
        text=AS_WRITTEN,
        params={"title": "Zephyr lighthouse news", "body": ""},
        url="/me/",
    )
    contact = support_contact_add(
        by=world.cast.alex, name="Quillon Marsh", email="quillon@example.net"
    )
    world.extra["alex_notification_id"] = notification.pk
    world.extra["alex_support_contact_id"] = contact.pk


EXPECTATIONS: dict[str, Expect] = {
    # eve sees her own (empty) centre; marking all read touches only hers.
    "notifications:list": OWN_PAGE,
    "notifications:read-all": expect(
        visitor=NOT_ALLOWED, eve=NOT_ALLOWED, eve_post={302}
    ),
    # Saving would store eve's own choices: not posted here (test_notifications).
    "notifications:settings": OWN_PAGE,
    "notifications:open": expect(
        lambda world: {"notification_id": world.extra["alex_notification_id"]},
        **OTHERS,
    ),
    # The crisis resources answer everyone, visitors included.
    "recovery:help": expect(),
    # A call for support would record eve's own: not posted here (test_support).
    "recovery:help-request": expect(visitor=OK, eve=OK),
    # An empty form adds no contact.
    "recovery:support": expect(visitor=TO_LOGIN, eve=OK, eve_post=OK),
    "recovery:support-remove": expect(
        lambda world: {"contact_id": world.extra["alex_support_contact_id"]},
        **OTHERS_ACTION,
    ),
}
