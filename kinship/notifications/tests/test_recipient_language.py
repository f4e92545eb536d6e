"""Words made for one person in another person's request reach them in their own
language: a notification is rendered when read, in the reader's language; its
email copy, and allauth's email, in the recipient's language, whoever sent it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from kinship.members.models import Member
from kinship.members.tests.personas import Cast, signed_in
from kinship.notifications.models import Notification, NotificationKind
from kinship.notifications.services import notification_send
from kinship.notifications.texts import UnknownText, text_render
from kinship.recovery.services.support import support_contact_add

HELP = reverse("recovery:help-request")
LIST = reverse("notifications:list")


def speaks(member: Member, language: str) -> Member:
    member.language = language
    member.save(update_fields=["language"])
    return member


def emails_to(address: str) -> list[dict[str, Any]]:
    return [
        row.args_kwargs["kwargs"]["payload"]
        for row in DBTaskResult.objects.order_by("enqueued_at")
        if address in row.args_kwargs["kwargs"]["payload"]["to"]
    ]


@pytest.mark.django_db
def test_an_english_member_s_call_reaches_a_spanish_one_in_spanish(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    alex, fran = speaks(cast.alex, "en"), speaks(cast.fran, "es")
    support_contact_add(by=alex, contact_member=fran)
    sender = signed_in(alex)
    with django_capture_on_commit_callbacks(execute=True):
        response = sender.post(HELP, {"message": "Rough night."})
    assert response.status_code == 200
    assert "I need support" in response.content.decode()  # alex reads English

    told = Notification.objects.get(member=fran, kind=NotificationKind.HELP_REQUEST)
    # Stored as a text and values, not as sentences in either language.
    assert told.text == "recovery.help_request"
    assert told.params == {"name": "Alex K.", "message": "Rough night."}

    page = signed_in(fran).get(LIST).content.decode()
    assert '<html lang="es">' in page
    assert "Alex K. pidió apoyo" in page
    assert "Sus palabras: “Rough night.”" in page  # alex's own words, as written
    assert "asked for support" not in page

    (email,) = emails_to("fran@example.org")
    assert email["subject"] == "Kinship: Alex K. pidió apoyo"
    assert "tocó “Necesito apoyo” en Kinship" in email["body"]
    assert "Recibes este correo" in email["body"]
    assert "asked for support" not in email["body"] + email["subject"]


@pytest.mark.django_db
def test_a_spanish_member_s_call_reaches_an_english_one_in_english(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    fran, alex = speaks(cast.fran, "es"), speaks(cast.alex, "en")
    support_contact_add(by=fran, contact_member=alex)
    sender = signed_in(fran)
    with django_capture_on_commit_callbacks(execute=True):
        response = sender.post(HELP, {"message": "Noche difícil."})
    assert "Necesito apoyo" in response.content.decode()  # fran reads Spanish

    page = signed_in(alex).get(LIST).content.decode()
    assert '<html lang="en">' in page
    assert "Fran D. asked for support" in page
    assert "Their words: “Noche difícil.”" in page
    assert "pidió apoyo" not in page

    (email,) = emails_to("alex@example.org")
    assert email["subject"] == "Kinship: Fran D. asked for support"
    assert "tapped “I need support” in Kinship" in email["body"]
    assert "pidió apoyo" not in email["body"] + email["subject"]


@pytest.mark.django_db
def test_a_notification_follows_its_reader_when_they_change_language(
    cast: Cast,
) -> None:
    alex = speaks(cast.alex, "en")
    notification_send(
        member=alex,
        kind=NotificationKind.MILESTONE_REACHED,
        text="recovery.milestone_reached",
        params={"milestone": "90d"},
    )
    client = signed_in(alex)
    assert "You reached 90 days!" in client.get(LIST).content.decode()
    client.post(reverse("members:language"), {"language": "es"})
    alex.refresh_from_db()
    assert alex.language == "es"
    assert "¡Llegaste a 90 días!" in client.get(LIST).content.decode()


@pytest.mark.django_db
def test_allauth_email_is_in_the_account_s_language(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    speaks(cast.alex, "es")
    # Asked for from an English browser, for a Spanish reader's account.
    visitor = Client(HTTP_ACCEPT_LANGUAGE="en")
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(
            reverse("account_reset_password"), {"email": "alex@example.org"}
        )
    assert response.status_code == 302
    (email,) = emails_to("alex@example.org")
    assert "contraseña" in (email["subject"] + email["body"]).lower()
    assert "password reset" not in email["body"].lower()
    assert mail.outbox == []  # queued for the worker, not sent in the request


@pytest.mark.django_db
def test_eve_cannot_read_or_change_another_member_s_language(cast: Cast) -> None:
    speaks(cast.alex, "en")
    eve = signed_in(cast.eve)
    eve.post(reverse("members:language"), {"language": "es"})
    cast.alex.refresh_from_db()
    cast.eve.refresh_from_db()
    assert (cast.alex.language, cast.eve.language) == ("en", "es")


@pytest.mark.django_db
def test_an_unknown_text_is_refused_when_sent_and_plain_when_shown(
    cast: Cast,
) -> None:
    with pytest.raises(UnknownText):
        text_render("nobody.registered_this", {})
    with pytest.raises(ValueError, match="no notification text"):
        notification_send(
            member=cast.alex,
            kind=NotificationKind.MENTORSHIP,
            text="nobody.registered_this",
        )
    assert not Notification.objects.exists()
    # A row whose text was since removed still lists, with a plain title.
    Notification.objects.create(
        member=cast.alex, kind=NotificationKind.MENTORSHIP, text="gone.text"
    )
    page = signed_in(speaks(cast.alex, "en")).get(LIST)
    assert page.status_code == 200
    assert "A notification from Kinship" in page.content.decode()
