"""A new private message tells the other member of the mentorship (issue 21):
who wrote, never what; at most one unread notification per thread; in the
reader's language; eve is never told of alex's thread."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from kinship.members.models import Member
from kinship.members.tests.personas import Cast, signed_in
from kinship.mentorship.models import MentorMessage, Mentorship, MentorshipState
from kinship.mentorship.services import mentor_message_send
from kinship.notifications.models import Notification, NotificationKind
from kinship.notifications.services import email_choices_set

from .helpers import mentor_make

pytestmark = pytest.mark.django_db

SECRET = "I drank last night and I am scared"


@pytest.fixture
def mentorship(cast: Cast) -> Mentorship:
    """morgan mentors alex, active."""
    mentor_make(cast.morgan, leader=cast.fran, group=cast.group)
    return Mentorship.objects.create(
        mentor=cast.morgan, mentee=cast.alex, state=MentorshipState.ACTIVE
    )


def thread_url(mentorship: Mentorship) -> str:
    return reverse("mentorship:thread", args=[mentorship.pk])


def told(member: Member) -> list[Notification]:
    return list(
        Notification.objects.filter(member=member, kind=NotificationKind.MENTOR_MESSAGE)
    )


def emails_to(address: str) -> list[dict[str, Any]]:
    return [
        row.args_kwargs["kwargs"]["payload"]
        for row in DBTaskResult.objects.filter(queue_name="email").order_by("pk")
        if address in row.args_kwargs["kwargs"]["payload"]["to"]
    ]


def test_a_message_tells_the_other_member_who_wrote_but_not_what(
    cast: Cast, mentorship: Mentorship
) -> None:
    mentor_message_send(by=cast.alex, mentorship_id=mentorship.pk, body=SECRET)
    (notice,) = told(cast.morgan)
    assert notice.text == "mentorship.message"
    assert notice.params == {"name": "Alex K."}
    assert notice.title == "Alex K. sent you a message"
    assert notice.body == "Open your conversation in Kinship to read it."
    assert notice.url == thread_url(mentorship)
    assert notice.read_at is None
    assert SECRET not in notice.title + notice.body + str(notice.params)
    # The sender is not told of their own message.
    assert told(cast.alex) == []


def test_the_email_copy_names_the_sender_never_the_words(
    cast: Cast, mentorship: Mentorship, django_capture_on_commit_callbacks: Any
) -> None:
    email_choices_set(by=cast.morgan, choices={NotificationKind.MENTOR_MESSAGE: True})
    with django_capture_on_commit_callbacks(execute=True):
        mentor_message_send(by=cast.alex, mentorship_id=mentorship.pk, body=SECRET)
    (email,) = emails_to("morgan@example.org")
    assert email["subject"] == "Kinship: Alex K. sent you a message"
    assert f"/mentorships/{mentorship.pk}/" in email["body"]
    assert SECRET not in email["subject"] + email["body"]
    assert "drank" not in email["body"]


def test_by_default_a_message_is_told_in_the_app_only(
    cast: Cast, mentorship: Mentorship, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        mentor_message_send(by=cast.alex, mentorship_id=mentorship.pk, body="Hi")
    assert len(told(cast.morgan)) == 1
    assert emails_to("morgan@example.org") == []


def test_several_messages_leave_one_unread_notification_until_the_thread_is_read(
    cast: Cast, mentorship: Mentorship, django_capture_on_commit_callbacks: Any
) -> None:
    email_choices_set(by=cast.morgan, choices={NotificationKind.MENTOR_MESSAGE: True})
    with django_capture_on_commit_callbacks(execute=True):
        for body in ("Hi", "Are you there?", "Call me when you can"):
            mentor_message_send(by=cast.alex, mentorship_id=mentorship.pk, body=body)
    assert MentorMessage.objects.filter(sender=cast.alex).count() == 3
    (first,) = told(cast.morgan)
    assert len(emails_to("morgan@example.org")) == 1

    # morgan opens the thread: the messages and their notification are read.
    assert signed_in(cast.morgan).get(thread_url(mentorship)).status_code == 200
    first.refresh_from_db()
    assert first.read_at is not None
    assert not MentorMessage.objects.filter(read_at__isnull=True).exists()

    # The next message after that is told again.
    mentor_message_send(by=cast.alex, mentorship_id=mentorship.pk, body="Thanks")
    notices = told(cast.morgan)
    assert len(notices) == 2
    assert [n.read_at is None for n in notices] == [True, False]


def test_each_side_has_its_own_notification_per_thread(
    cast: Cast, mentorship: Mentorship
) -> None:
    mentor_message_send(by=cast.alex, mentorship_id=mentorship.pk, body="Hi")
    mentor_message_send(by=cast.morgan, mentorship_id=mentorship.pk, body="Hello")
    mentor_message_send(by=cast.alex, mentorship_id=mentorship.pk, body="How are you")
    assert [n.title for n in told(cast.morgan)] == ["Alex K. sent you a message"]
    assert [n.title for n in told(cast.alex)] == ["Morgan S. sent you a message"]


def test_a_message_posted_on_the_page_tells_the_other_member(
    cast: Cast, mentorship: Mentorship
) -> None:
    response = signed_in(cast.morgan).post(thread_url(mentorship), {"body": SECRET})
    assert response.status_code == 302
    (notice,) = told(cast.alex)
    assert notice.url == thread_url(mentorship)
    alex = signed_in(cast.alex)
    page = alex.get(reverse("notifications:list")).content.decode()
    assert "Morgan S. sent you a message" in page
    assert SECRET not in page
    # Opening the notification leads to the thread and marks it read.
    opened = alex.get(reverse("notifications:open", args=[notice.pk]))
    assert opened.status_code == 302
    assert opened["Location"] == thread_url(mentorship)
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_a_spanish_reader_is_told_in_spanish(
    cast: Cast, mentorship: Mentorship, django_capture_on_commit_callbacks: Any
) -> None:
    cast.alex.language = "es"
    cast.alex.save(update_fields=["language"])
    email_choices_set(by=cast.alex, choices={NotificationKind.MENTOR_MESSAGE: True})
    sender = signed_in(cast.morgan)  # morgan writes in English
    with django_capture_on_commit_callbacks(execute=True):
        sender.post(thread_url(mentorship), {"body": "How was today?"})
    page = signed_in(cast.alex).get(reverse("notifications:list")).content.decode()
    assert '<html lang="es">' in page
    assert "Morgan S. te envió un mensaje" in page
    assert "Abre tu conversación en Kinship para leerlo." in page
    assert "sent you a message" not in page
    (email,) = emails_to("alex@example.org")
    assert email["subject"] == "Kinship: Morgan S. te envió un mensaje"
    assert "Abre tu conversación" in email["body"]
    assert "How was today?" not in email["body"]


def test_eve_is_never_told_of_alex_s_thread_and_cannot_write_in_it(
    cast: Cast, mentorship: Mentorship
) -> None:
    mentor_message_send(by=cast.morgan, mentorship_id=mentorship.pk, body="Hi")
    eve = signed_in(cast.eve)
    response = eve.post(thread_url(mentorship), {"body": "Let me in"})
    assert response.status_code == 404
    assert not MentorMessage.objects.filter(sender=cast.eve).exists()
    assert not Notification.objects.filter(member=cast.eve).exists()
    # Her attempt told no one either: alex has morgan's notification only.
    assert [n.params["name"] for n in told(cast.alex)] == ["Morgan S."]
    assert told(cast.morgan) == []
    assert (
        "sent you a message"
        not in eve.get(reverse("notifications:list")).content.decode()
    )
