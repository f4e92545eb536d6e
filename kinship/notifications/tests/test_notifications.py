"""The notifications centre: own notifications only, unread count, email copies
per the member's choices, and links that stay on this site."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from kinship.members.models import Member
from kinship.members.tests.personas import signed_in
from kinship.members.tests.test_accounts import audit
from kinship.notifications.context_processors import notifications
from kinship.notifications.models import (
    EMAIL_BY_DEFAULT,
    EmailChoice,
    Notification,
    NotificationKind,
)
from kinship.notifications.selectors import (
    NOTIFICATIONS_PER_PAGE,
    email_choices_for,
)
from kinship.notifications.services import (
    email_choices_set,
    notification_send,
    notifications_mark_read,
)
from kinship.notifications.texts import AS_WRITTEN

LIST = reverse("notifications:list")
READ_ALL = reverse("notifications:read-all")
SETTINGS = reverse("notifications:settings")


def note(
    member: Member, title: str = "A milestone", body: str = "", **kwargs: Any
) -> Notification:
    kwargs.setdefault("kind", NotificationKind.MILESTONE_REACHED)
    return notification_send(
        member=member,
        text=AS_WRITTEN,
        params={"title": title, "body": body},
        **kwargs,
    )


def emails_queued() -> list[dict[str, Any]]:
    return [
        row.args_kwargs["kwargs"]["payload"]
        for row in DBTaskResult.objects.filter(queue_name="email").order_by("pk")
    ]


# The unread count and the list ------------------------------------------------


@pytest.mark.django_db
def test_the_header_shows_the_unread_count(alex: Member) -> None:
    client = signed_in(alex)
    assert "unread" not in client.get(LIST).content.decode()
    for title in ("One", "Two", "Three"):
        note(alex, title)
    notifications_mark_read(
        by=alex, ids=[Notification.objects.get(params__title="One").pk]
    )

    body = client.get(reverse("members:me")).content.decode()
    assert '<span class="nav-count">2 unread</span>' in body


@pytest.mark.django_db
def test_the_unread_count_is_one_query_once_per_request(
    alex: Member, rf: Any, django_assert_num_queries: Any
) -> None:
    note(alex)
    request = rf.get("/")
    request.user = alex.user
    with django_assert_num_queries(1):
        first = notifications(request)["notifications_unread"]
        assert first.count == 1
        again = notifications(request)["notifications_unread"]
        assert again.count == 1
    assert again is first


@pytest.mark.django_db
def test_a_visitor_has_no_count_and_is_sent_to_sign_in(client: Client) -> None:
    response = client.get(LIST)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_the_list_is_newest_first_unread_marked_in_text_and_paginated(
    alex: Member, eve: Member
) -> None:
    note(alex, "Older news")
    note(alex, "Newer news")
    notifications_mark_read(
        by=alex, ids=[Notification.objects.get(params__title="Older news").pk]
    )
    note(eve, "Eve's own news")
    response = signed_in(alex).get(LIST)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.index("Newer news") < body.index("Older news")
    assert body.count('class="badge badge-unread">Unread<') == 1
    assert "notification-unread" in body
    assert "Eve's own news" not in body
    assert audit(response.content).h1_count == 1

    for number in range(NOTIFICATIONS_PER_PAGE + 5):
        note(alex, f"Bulk {number:02d}")
    first = signed_in(alex).get(LIST).content.decode()
    assert f"Bulk {NOTIFICATIONS_PER_PAGE + 4:02d}" in first
    assert "Older news" not in first
    assert 'rel="next"' in first
    second = signed_in(alex).get(LIST, {"page": 2}).content.decode()
    assert "Older news" in second


@pytest.mark.django_db
def test_the_list_costs_the_same_queries_however_many(
    alex: Member, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(alex)
    for number in range(3):
        note(alex, f"Note {number}")
    client.get(LIST)  # warm: the session, the member
    with django_assert_max_num_queries(10) as captured:
        assert client.get(LIST).status_code == 200
    few = len(captured)
    for number in range(40):
        note(alex, f"More {number}")
    with django_assert_max_num_queries(few):
        assert client.get(LIST).status_code == 200


# Reading ----------------------------------------------------------------------


@pytest.mark.django_db
def test_mark_all_read_marks_only_ones_own(alex: Member, eve: Member) -> None:
    note(alex, "Alex's")
    note(eve, "Eve's")
    response = signed_in(alex).post(READ_ALL)
    assert response.status_code == 302
    assert not Notification.objects.filter(member=alex, read_at__isnull=True).exists()
    assert Notification.objects.get(member=eve).read_at is None


@pytest.mark.django_db
def test_the_service_ignores_another_members_ids(alex: Member, eve: Member) -> None:
    theirs = note(alex)
    assert notifications_mark_read(by=eve, ids=[theirs.pk]) == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


@pytest.mark.django_db
def test_opening_marks_read_and_follows_the_local_link(alex: Member) -> None:
    notification = note(alex, url="/me/")
    response = signed_in(alex).get(
        reverse("notifications:open", args=[notification.pk])
    )
    assert response.status_code == 302
    assert response["Location"] == "/me/"
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.django_db
def test_a_notification_without_a_link_opens_the_list(alex: Member) -> None:
    notification = note(alex)
    response = signed_in(alex).get(
        reverse("notifications:open", args=[notification.pk])
    )
    assert response["Location"] == LIST


@pytest.mark.django_db
def test_eve_gets_404_on_alexs_notification_and_it_stays_unread(
    alex: Member, eve: Member
) -> None:
    notification = note(alex, "Alex's private news", url="/me/")
    response = signed_in(eve).get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 404
    assert "Alex's private news" not in response.content.decode()
    notification.refresh_from_db()
    assert notification.read_at is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "//evil.example/",
        "/\\evil.example/",
        "///evil.example/",
        "/\\/evil.example",
    ],
)
def test_opening_never_leaves_the_site(alex: Member, url: str) -> None:
    # The model's constraint keeps a link starting with "/"; these still would
    # reach another host in a browser.
    notification = Notification.objects.create(
        member=alex,
        kind=NotificationKind.ENCOURAGEMENT,
        text=AS_WRITTEN,
        params={"title": "Hi", "body": ""},
        url=url,
    )
    response = signed_in(alex).get(
        reverse("notifications:open", args=[notification.pk])
    )
    assert response.status_code == 302
    assert response["Location"] == LIST


@pytest.mark.django_db
def test_sending_refuses_a_link_to_another_site(alex: Member) -> None:
    with pytest.raises(ValueError, match="path on this site"):
        note(alex, url="https://evil.example/")
    assert not Notification.objects.exists()


# Email copies -----------------------------------------------------------------


@pytest.mark.django_db
def test_help_requests_come_by_email_by_default_others_do_not(
    alex: Member, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        note(alex, "Quiet news", kind=NotificationKind.ENCOURAGEMENT)
        note(alex, "Morgan S. asked for support", kind=NotificationKind.HELP_REQUEST)
    queued = emails_queued()
    assert len(queued) == 1
    assert queued[0]["to"] == ["alex@example.org"]
    assert queued[0]["subject"] == "Kinship: Morgan S. asked for support"
    assert "/me/notifications/" in queued[0]["body"]


@pytest.mark.django_db
def test_email_copies_follow_the_members_choices(
    alex: Member, django_capture_on_commit_callbacks: Any
) -> None:
    email_choices_set(
        by=alex,
        choices={
            NotificationKind.HELP_REQUEST: False,
            NotificationKind.ENCOURAGEMENT: True,
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        note(alex, "Switched off", kind=NotificationKind.HELP_REQUEST)
    assert emails_queued() == []
    assert Notification.objects.filter(
        params__title="Switched off"
    ).exists()  # in the app

    with django_capture_on_commit_callbacks(execute=True):
        note(alex, "Switched on", kind=NotificationKind.ENCOURAGEMENT)
    assert [payload["subject"] for payload in emails_queued()] == [
        "Kinship: Switched on"
    ]


@pytest.mark.django_db
def test_no_email_is_queued_before_the_transaction_commits(
    alex: Member, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        note(alex, kind=NotificationKind.HELP_REQUEST)
    assert DBTaskResult.objects.count() == 0
    assert len(callbacks) == 1


# Email choices page -----------------------------------------------------------


@pytest.mark.django_db
def test_the_settings_page_shows_every_kind_with_its_default(alex: Member) -> None:
    response = signed_in(alex).get(SETTINGS)
    body = response.content.decode()
    assert response.status_code == 200
    for kind in NotificationKind:
        assert str(kind.label) in body
    by_email = len(EMAIL_BY_DEFAULT)
    assert by_email == 2
    assert body.count("Default: also by email.") == by_email
    assert body.count("Default: in the app only.") == len(NotificationKind) - by_email
    # Only the boxes of the urgent kinds (a call for support, a patient's
    # safety answer) start ticked.
    assert body.count("checked") == by_email
    page = audit(response.content)
    assert page.unlabelled == []
    assert page.h1_count == 1


@pytest.mark.django_db
def test_saving_the_settings_goes_through_the_service(alex: Member) -> None:
    response = signed_in(alex).post(
        SETTINGS,
        {"encouragement": "on", "milestone_reached": "on"},
    )
    assert response.status_code == 302
    rows = {row.kind: row.email for row in email_choices_for(alex)}
    assert rows[NotificationKind.ENCOURAGEMENT] is True
    assert rows[NotificationKind.MILESTONE_REACHED] is True
    assert rows[NotificationKind.HELP_REQUEST] is False
    assert EmailChoice.objects.filter(member=alex).count() == len(NotificationKind)
    body = signed_in(alex).get(SETTINGS).content.decode()
    assert body.count("checked") == 2


@pytest.mark.django_db
def test_eves_choices_leave_alexs_alone(alex: Member, eve: Member) -> None:
    email_choices_set(by=alex, choices={NotificationKind.ENCOURAGEMENT: True})
    signed_in(eve).post(SETTINGS, {})
    assert EmailChoice.objects.get(member=alex).email is True
    assert not EmailChoice.objects.filter(member=alex, email=False).exists()
