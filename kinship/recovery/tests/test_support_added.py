"""A support contact is told they were added (issue 21), so that their first
word from Kinship is not a call for help: a fellow member in the app, a person
outside Kinship by a short, kind email in the adding member's language that
names the member's display name only; eve is never told of alex's contacts."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from kinship.members.models import Member
from kinship.members.tests.personas import Cast, signed_in
from kinship.notifications.models import Notification, NotificationKind
from kinship.notifications.services import email_choices_set
from kinship.recovery.models import SupportContact
from kinship.recovery.services.support import support_contact_add

pytestmark = pytest.mark.django_db

SUPPORT = reverse("recovery:support")
LIST = reverse("notifications:list")


def added(member: Member) -> list[Notification]:
    return list(
        Notification.objects.filter(member=member, kind=NotificationKind.SUPPORT_ADDED)
    )


def emails() -> list[dict[str, Any]]:
    return [
        row.args_kwargs["kwargs"]["payload"]
        for row in DBTaskResult.objects.filter(queue_name="email").order_by("pk")
    ]


def speaks(member: Member, language: str) -> Member:
    member.language = language
    member.save(update_fields=["language"])
    return member


def add_outside(client: Any, name: str, email: str) -> Any:
    return client.post(
        SUPPORT, {"add": "outside", "outside-name": name, "outside-email": email}
    )


def test_a_fellow_member_is_told_in_the_app(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(cast.alex).post(
            SUPPORT, {"add": "fellow", "fellow-contact_member": cast.morgan.pk}
        )
    assert response.status_code == 302
    (notice,) = added(cast.morgan)
    assert notice.text == "recovery.support_added"
    assert notice.params == {"name": "Alex K."}
    assert notice.title == "Alex K. added you as a support contact"
    assert notice.body == (
        "You may be told in Kinship when they ask for support. If you would "
        "rather not be, tell them: they can remove you at any time."
    )
    assert added(cast.alex) == added(cast.fran) == []
    # In the app only, unless morgan chooses email for this kind.
    assert emails() == []
    page = signed_in(cast.morgan).get(LIST).content.decode()
    assert "Alex K. added you as a support contact" in page


def test_a_fellow_member_who_wants_email_gets_a_copy(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    email_choices_set(by=cast.morgan, choices={NotificationKind.SUPPORT_ADDED: True})
    with django_capture_on_commit_callbacks(execute=True):
        support_contact_add(by=cast.alex, contact_member=cast.morgan)
    (email,) = emails()
    assert email["to"] == ["morgan@example.org"]
    assert email["subject"] == "Kinship: Alex K. added you as a support contact"
    assert "alex@example.org" not in email["body"]


def test_a_person_outside_kinship_gets_a_short_kind_email(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = add_outside(
            signed_in(cast.alex), "Sam (my sister)", "sam@example.net"
        )
    assert response.status_code == 302
    assert SupportContact.objects.get(member=cast.alex).email == "sam@example.net"
    (email,) = emails()
    assert email["to"] == ["sam@example.net"]
    assert email["subject"] == "Kinship: Alex K. added you as a support contact"
    body = email["body"]
    assert body.startswith("Hello Sam (my sister),")
    # Who, what it means, and how to ask not to be.
    assert "Alex K. added you as a support contact in Kinship" in body
    assert "when they ask for support" in body
    assert "a word to Alex K. is enough: they can remove you at any time" in body
    # The display name only: not alex's address or account name.
    assert "alex@example.org" not in body
    assert "alex" not in email["from_email"]
    assert not Notification.objects.exists()


def test_the_page_says_that_contacts_are_told(cast: Cast) -> None:
    page = signed_in(cast.alex).get(SUPPORT).content.decode()
    assert "They are told in Kinship that you added them." in page
    assert "a short email now saying that you added them" in page


def test_the_outside_email_is_in_the_adding_member_s_language(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    speaks(cast.alex, "es")
    with django_capture_on_commit_callbacks(execute=True):
        add_outside(signed_in(cast.alex), "Sam", "sam@example.net")
    (email,) = emails()
    assert email["subject"] == "Kinship: Alex K. te agregó como persona de apoyo"
    assert email["body"].startswith("Hola, Sam:")
    assert "una aplicación de apoyo entre pares" in email["body"]
    assert "basta con decírselo a Alex K." in email["body"]
    assert "added you" not in email["body"]


def test_a_spanish_fellow_member_reads_it_in_spanish(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    speaks(cast.alex, "en")
    speaks(cast.fran, "es")
    email_choices_set(by=cast.fran, choices={NotificationKind.SUPPORT_ADDED: True})
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(cast.alex).post(
            SUPPORT, {"add": "fellow", "fellow-contact_member": cast.fran.pk}
        )
    page = signed_in(cast.fran).get(LIST).content.decode()
    assert '<html lang="es">' in page
    assert "Alex K. te agregó como persona de apoyo" in page
    assert "Kinship puede avisarte cuando pida apoyo." in page
    assert "added you" not in page
    (email,) = emails()
    assert email["subject"] == "Kinship: Alex K. te agregó como persona de apoyo"


def test_eve_is_never_told_of_alex_s_contacts(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(cast.alex).post(
            SUPPORT, {"add": "fellow", "fellow-contact_member": cast.eve.pk}
        )
        assert response.status_code == 200  # refused: she shares no group
        with pytest.raises(ValidationError):
            support_contact_add(by=cast.alex, contact_member=cast.eve)
        support_contact_add(by=cast.alex, contact_member=cast.fran)
        support_contact_add(by=cast.alex, name="Sam", email="sam@example.net")
    assert not SupportContact.objects.filter(contact_member=cast.eve).exists()
    assert not Notification.objects.filter(member=cast.eve).exists()
    assert "eve@example.org" not in [a for e in emails() for a in e["to"]]
    assert len(added(cast.fran)) == 1
    assert "added you" not in signed_in(cast.eve).get(LIST).content.decode()
