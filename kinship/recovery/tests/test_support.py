"""Reaching out: support contacts among people who share a group, and the
one-tap call for support that tells the mentor and contacts and always shows
the crisis resources."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kinship.directory.tests.factories import GroupFactory
from kinship.members.models import Level, Member
from kinship.members.tests.personas import Cast, membership_create, signed_in
from kinship.members.tests.test_accounts import audit
from kinship.mentorship.models import Mentorship, MentorshipState
from kinship.notifications.models import Notification, NotificationKind
from kinship.notifications.services import email_choices_set
from kinship.recovery.models import HelpRequest, SupportContact
from kinship.recovery.selectors.support import fellow_members_for
from kinship.recovery.services.support import (
    HELP_REPEAT_SECONDS,
    help_request_create,
    support_contact_add,
)

SUPPORT = reverse("recovery:support")
HELP = reverse("recovery:help-request")
PUBLIC_HELP = reverse("recovery:help")
# The four crisis resources, as their links.
RESOURCES = (
    'href="tel:988"',
    'href="sms:988"',
    'href="tel:+18006624357"',
    'href="sms:741741?body=HOME"',
    'href="tel:911"',
)


def assert_resources_in_main(body: str) -> None:
    """The resources in the page itself, not only in the footer."""
    main = body[body.index('<main id="main"') : body.index("</main>")]
    for link in RESOURCES:
        assert link in main, link
    assert "1-800-662-4357" in main
    assert "text HOME to" in main


def mentor_for(mentee: Member, mentor: Member) -> Mentorship:
    return Mentorship.objects.create(
        mentor=mentor,
        mentee=mentee,
        state=MentorshipState.ACTIVE,
        started_at=timezone.now(),
    )


def emails_queued() -> list[dict[str, Any]]:
    return [
        row.args_kwargs["kwargs"]["payload"]
        for row in DBTaskResult.objects.filter(queue_name="email").order_by("pk")
    ]


def calls_told(**where: Any) -> QuerySet[Notification]:
    """Notifications of a call for support (not of being added as a contact)."""
    return Notification.objects.filter(kind=NotificationKind.HELP_REQUEST, **where)


@pytest.fixture
def alex_reaches_out(cast: Cast) -> Cast:
    """alex: morgan as mentor, fran as a fellow-member contact, Sam outside."""
    mentor_for(cast.alex, cast.morgan)
    support_contact_add(by=cast.alex, contact_member=cast.fran)
    support_contact_add(by=cast.alex, name="Sam (my sister)", email="sam@example.net")
    return cast


# Support contacts ---------------------------------------------------------------


@pytest.mark.django_db
def test_fellow_members_are_only_those_taking_part_in_a_shared_group(
    cast: Cast,
) -> None:
    listener = GroupFactory.create(name="Listening", slug="listening")
    observer = Member.objects.create(
        user=type(cast.eve.user).objects.create_user(username="obs"),
        display_name="Quiet Q.",
    )
    membership_create(observer, cast.group, Level.OBSERVER)
    membership_create(cast.eve, listener, Level.PARTICIPANT)

    assert list(fellow_members_for(cast.alex)) == [cast.fran, cast.morgan]
    assert list(fellow_members_for(cast.eve)) == []
    assert list(fellow_members_for(observer)) == []
    support_contact_add(by=cast.alex, contact_member=cast.fran)
    assert list(fellow_members_for(cast.alex)) == [cast.morgan]


@pytest.mark.django_db
def test_the_page_offers_only_fellow_members_display_names(cast: Cast) -> None:
    response = signed_in(cast.alex).get(SUPPORT)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Fran D." in body
    assert "Morgan S." in body
    assert "Eve" not in body
    assert "Dr Lee" not in body
    assert "fran@example.org" not in body
    page = audit(response.content)
    assert page.unlabelled == []
    assert page.h1_count == 1


@pytest.mark.django_db
def test_adding_a_fellow_member(cast: Cast) -> None:
    response = signed_in(cast.alex).post(
        SUPPORT, {"add": "fellow", "fellow-contact_member": cast.morgan.pk}
    )
    assert response.status_code == 302
    contact = SupportContact.objects.get(member=cast.alex)
    assert contact.contact_member == cast.morgan
    assert contact.name == "Morgan S."
    assert contact.email == ""


@pytest.mark.django_db
def test_someone_outside_ones_groups_cannot_be_added(cast: Cast) -> None:
    response = signed_in(cast.alex).post(
        SUPPORT, {"add": "fellow", "fellow-contact_member": cast.eve.pk}
    )
    assert response.status_code == 200
    assert "Choose someone from your groups." in response.content.decode()
    with pytest.raises(ValidationError):
        support_contact_add(by=cast.alex, contact_member=cast.dr_lee)
    assert not SupportContact.objects.exists()


@pytest.mark.django_db
def test_adding_someone_outside_kinship(cast: Cast) -> None:
    client = signed_in(cast.alex)
    response = client.post(
        SUPPORT,
        {"add": "outside", "outside-name": "Sam", "outside-email": "sam@example.net"},
    )
    assert response.status_code == 302
    assert SupportContact.objects.get(member=cast.alex).email == "sam@example.net"

    again = client.post(
        SUPPORT,
        {"add": "outside", "outside-name": "Sam", "outside-email": "SAM@example.net"},
    )
    assert "already one of your contacts" in again.content.decode()
    missing = client.post(SUPPORT, {"add": "outside", "outside-name": "Jo"})
    assert missing.status_code == 200
    assert 'class="field has-error"' in missing.content.decode()
    assert SupportContact.objects.count() == 1


@pytest.mark.django_db
def test_removing_ones_own_contact(alex_reaches_out: Cast) -> None:
    contact = SupportContact.objects.get(name="Sam (my sister)")
    response = signed_in(alex_reaches_out.alex).post(
        reverse("recovery:support-remove", args=[contact.pk])
    )
    assert response.status_code == 302
    assert not SupportContact.objects.filter(pk=contact.pk).exists()


@pytest.mark.django_db
def test_eve_gets_404_removing_alexs_contact(alex_reaches_out: Cast) -> None:
    contact = SupportContact.objects.get(name="Sam (my sister)")
    client = signed_in(alex_reaches_out.eve)
    url = reverse("recovery:support-remove", args=[contact.pk])
    assert client.post(url).status_code == 404
    assert client.get(url).status_code == 405
    assert SupportContact.objects.filter(pk=contact.pk).exists()
    page = client.get(SUPPORT).content.decode()
    assert "Sam (my sister)" not in page
    assert "sam@example.net" not in page


@pytest.mark.django_db
def test_a_visitor_is_sent_to_sign_in_for_the_contacts(client: Client) -> None:
    response = client.get(SUPPORT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# "I need support" ---------------------------------------------------------------


@pytest.mark.django_db
def test_help_tells_the_mentor_and_contacts_in_the_app_and_by_email(
    alex_reaches_out: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    cast = alex_reaches_out
    with django_capture_on_commit_callbacks(execute=True):
        response = signed_in(cast.alex).post(HELP, {"message": "Rough night."})

    assert response.status_code == 200
    body = response.content.decode()
    assert_resources_in_main(body)
    for name in ("Morgan S.", "Fran D.", "Sam (my sister)"):
        assert name in body
    assert "your mentor" in body

    help_request = HelpRequest.objects.get(member=cast.alex)
    assert help_request.message == "Rough night."
    assert help_request.notified == 3
    told = Notification.objects.filter(kind=NotificationKind.HELP_REQUEST)
    assert {n.member for n in told} == {cast.morgan, cast.fran}
    assert all(n.title == "Alex K. asked for support" for n in told)
    assert all("Rough night." in n.body for n in told)

    queued = emails_queued()
    assert sorted(address for p in queued for address in p["to"]) == [
        "fran@example.org",
        "morgan@example.org",
        "sam@example.net",
    ]
    outside = next(p for p in queued if p["to"] == ["sam@example.net"])
    assert "Alex K." in outside["body"]
    assert "up to the two of you" in outside["body"]
    assert "alex@example.org" not in outside["body"]
    assert "alex" not in outside["from_email"]


@pytest.mark.django_db
def test_a_member_who_switched_email_off_is_told_in_the_app_only(
    alex_reaches_out: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    cast = alex_reaches_out
    email_choices_set(by=cast.fran, choices={NotificationKind.HELP_REQUEST: False})
    with django_capture_on_commit_callbacks(execute=True):
        help_request_create(by=cast.alex)
    assert calls_told(member=cast.fran).count() == 1
    addresses = {address for p in emails_queued() for address in p["to"]}
    assert addresses == {"morgan@example.org", "sam@example.net"}


@pytest.mark.django_db
def test_a_mentor_who_is_also_a_contact_is_told_once(
    alex_reaches_out: Cast,
) -> None:
    cast = alex_reaches_out
    support_contact_add(by=cast.alex, contact_member=cast.morgan)
    outcome = help_request_create(by=cast.alex)
    assert [person.name for person in outcome.told].count("Morgan S.") == 1
    assert calls_told(member=cast.morgan).count() == 1


@pytest.mark.django_db
def test_repeat_taps_never_hide_the_resources_but_do_not_flood(
    alex_reaches_out: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    cast = alex_reaches_out
    client = signed_in(cast.alex)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(HELP)
        second = client.post(HELP)
    for response in (first, second):
        assert response.status_code == 200
        assert_resources_in_main(response.content.decode())
    assert "already told a few minutes ago" in second.content.decode()
    assert HelpRequest.objects.filter(member=cast.alex).count() == 2
    assert list(
        HelpRequest.objects.order_by("created_at", "pk").values_list(
            "notified", flat=True
        )
    ) == [3, 0]
    assert calls_told().count() == 2
    assert len(emails_queued()) == 3


@pytest.mark.django_db
def test_after_the_window_they_are_told_again(alex_reaches_out: Cast) -> None:
    cast = alex_reaches_out
    assert help_request_create(by=cast.alex).told_now == 3
    later = timezone.now() + dt.timedelta(seconds=HELP_REPEAT_SECONDS - 30)
    with time_machine.travel(later, tick=False):
        assert help_request_create(by=cast.alex).told_now == 0
    later = timezone.now() + dt.timedelta(seconds=HELP_REPEAT_SECONDS + 1)
    with time_machine.travel(later, tick=False):
        assert help_request_create(by=cast.alex).told_now == 3
    assert calls_told().count() == 4


@pytest.mark.django_db
def test_with_no_one_to_tell_the_page_says_so_and_shows_resources(
    cast: Cast,
) -> None:
    response = signed_in(cast.eve).post(HELP)
    body = response.content.decode()
    assert response.status_code == 200
    assert_resources_in_main(body)
    assert "No one was told" in body
    assert HelpRequest.objects.get(member=cast.eve).notified == 0


@pytest.mark.django_db
def test_a_failure_still_shows_the_resources(
    alex: Member, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(**kwargs: Any) -> None:
        raise RuntimeError("database away")

    monkeypatch.setattr("kinship.recovery.views.support.help_request_create", broken)
    response = signed_in(alex).post(HELP)
    body = response.content.decode()
    assert response.status_code == 200
    assert_resources_in_main(body)
    assert "no one could be told" in body


@pytest.mark.django_db
def test_the_button_is_on_member_pages(alex: Member) -> None:
    client = signed_in(alex)
    for url in (reverse("members:me"), reverse("directory:home"), SUPPORT):
        body = client.get(url).content.decode()
        header = body[: body.index("</header>")]
        assert f'action="{HELP}"' in header, url
        assert "I need support" in header, url
        assert 'id="crisis"' in body


@pytest.mark.django_db
def test_get_shows_the_resources_and_the_button(alex: Member) -> None:
    response = signed_in(alex).get(HELP)
    body = response.content.decode()
    assert response.status_code == 200
    assert_resources_in_main(body)
    main = body[body.index('<main id="main"') :]
    assert f'action="{HELP}"' in main
    assert audit(response.content).unlabelled == []
    assert not HelpRequest.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("url", [PUBLIC_HELP, HELP])
def test_a_visitor_sees_the_resources_not_a_sign_in_wall(
    client: Client, url: str
) -> None:
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert_resources_in_main(body)
    assert "I need support" not in body
    assert reverse("account_login") in body


@pytest.mark.django_db
def test_a_visitors_post_shows_the_resources_and_records_nothing(
    client: Client,
) -> None:
    response = client.post(HELP)
    assert response.status_code == 200
    assert_resources_in_main(response.content.decode())
    assert not HelpRequest.objects.exists()
