"""A report tells the group's leaders (issue 21): a link to the moderation
queue, the reason, never who reported (nor whom, nor the reporter's words);
"Someone may be at risk" in the title and by email whatever the leader chose;
in each leader's language; eve is never told of alex's group."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from kinship.directory.tests.factories import GroupFactory
from kinship.facilitation.models import Report
from kinship.facilitation.services import post_create, report_create
from kinship.members.models import Level, Member, Membership
from kinship.members.tests.personas import (
    Cast,
    membership_create,
    persona_create,
    signed_in,
)
from kinship.notifications.models import Notification, NotificationKind
from kinship.notifications.services import email_choices_set

pytestmark = pytest.mark.django_db

DETAILS = "Morgan said he wants to disappear, I am worried"


def reports_told(member: Member) -> list[Notification]:
    return list(
        Notification.objects.filter(member=member, kind=NotificationKind.GROUP_REPORT)
    )


def emails_to(address: str) -> list[dict[str, Any]]:
    return [
        row.args_kwargs["kwargs"]["payload"]
        for row in DBTaskResult.objects.filter(queue_name="email").order_by("pk")
        if address in row.args_kwargs["kwargs"]["payload"]["to"]
    ]


def queue_link(report: Report) -> str:
    return (
        reverse("facilitation:moderation", args=[report.group.slug])
        + f"#report-{report.pk}"
    )


def assert_names_no_one(notice: Notification) -> None:
    words = notice.title + notice.body + str(notice.params)
    for name in ("Alex", "alex", "Morgan", "morgan"):
        assert name not in words
    assert "disappear" not in words


def test_a_reported_post_tells_the_leaders_with_the_reason_and_a_link(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    post = post_create(by=cast.morgan, group=cast.group, body="Buy my course!")
    with django_capture_on_commit_callbacks(execute=True):
        report = report_create(
            by=cast.alex,
            group=cast.group,
            reason="spam",
            details="Selling again.",
            post_id=post.pk,
        )
    (notice,) = reports_told(cast.fran)
    assert notice.text == "facilitation.reported"
    assert notice.title == "A new report in Tuesday Dual Recovery"
    assert notice.body == (
        "A member reported a post on the board. Reason: Spam or selling. "
        "It is waiting for the leaders in the moderation queue."
    )
    assert notice.url == queue_link(report)
    assert_names_no_one(notice)
    assert "Selling again" not in notice.body
    # Only the leaders: not alex, not morgan; in the app only by default.
    assert Notification.objects.filter(kind=NotificationKind.GROUP_REPORT).count() == 1
    assert emails_to("fran@example.org") == []


def test_a_reported_member_through_the_page_tells_the_leaders(cast: Cast) -> None:
    url = reverse("facilitation:report-member", args=[cast.group.slug, cast.morgan.pk])
    response = signed_in(cast.alex).post(
        url, {"reason": "harassment", "details": "Unkind."}
    )
    assert response.status_code == 302
    report = Report.objects.get()
    (notice,) = reports_told(cast.fran)
    assert notice.body.startswith(
        "A member reported someone in the group. Reason: Harassment or personal "
        "attacks."
    )
    assert_names_no_one(notice)
    fran = signed_in(cast.fran)
    page = fran.get(reverse("notifications:list")).content.decode()
    assert "A new report in Tuesday Dual Recovery" in page
    opened = fran.get(reverse("notifications:open", args=[notice.pk]))
    assert opened["Location"] == queue_link(report)
    queue = fran.get(opened["Location"].split("#")[0]).content.decode()
    assert f'id="report-{report.pk}"' in queue


def test_someone_at_risk_says_so_and_is_emailed_whatever_the_default(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = report_create(
            by=cast.alex,
            group=cast.group,
            reason="unsafe",
            details=DETAILS,
            member_id=cast.morgan.pk,
        )
    (notice,) = reports_told(cast.fran)
    assert notice.text == "facilitation.reported_at_risk"
    assert notice.title == "Someone may be at risk in Tuesday Dual Recovery"
    assert "as soon as you can" in notice.body
    assert "call 911" in notice.body
    assert "988" in notice.body
    assert notice.url == queue_link(report)
    assert_names_no_one(notice)
    (email,) = emails_to("fran@example.org")
    assert (
        email["subject"] == "Kinship: Someone may be at risk in Tuesday Dual Recovery"
    )
    assert queue_link(report) in email["body"]
    assert "whatever their email choices" in email["body"]
    assert "disappear" not in email["body"]
    assert "Alex" not in email["body"]
    assert "Morgan" not in email["body"]


def test_at_risk_is_emailed_even_to_a_leader_who_chose_reports_in_the_app_only(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    email_choices_set(by=cast.fran, choices={NotificationKind.GROUP_REPORT: False})
    with django_capture_on_commit_callbacks(execute=True):
        report_create(
            by=cast.alex, group=cast.group, reason="spam", member_id=cast.morgan.pk
        )
    assert emails_to("fran@example.org") == []  # an ordinary report: her choice
    with django_capture_on_commit_callbacks(execute=True):
        report_create(
            by=cast.morgan, group=cast.group, reason="unsafe", member_id=cast.alex.pk
        )
    (email,) = emails_to("fran@example.org")
    assert "may be at risk" in email["subject"]


def test_a_leader_who_wants_report_emails_gets_one_copy_of_at_risk(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    email_choices_set(by=cast.fran, choices={NotificationKind.GROUP_REPORT: True})
    with django_capture_on_commit_callbacks(execute=True):
        report_create(
            by=cast.alex, group=cast.group, reason="unsafe", member_id=cast.morgan.pk
        )
    (email,) = emails_to("fran@example.org")
    # The ordinary copy of her choice, not a second one of ours.
    assert "because of your notification choices" in email["body"]
    assert "whatever their email choices" not in email["body"]


def test_the_reporter_and_the_reported_leader_are_not_told(cast: Cast) -> None:
    # morgan leads too; fran and morgan both lead; a third leader, Kai.
    kai = persona_create("kai", "Kai R.")
    membership_create(kai, cast.group, Level.LEADER)
    morgan = Membership.objects.get(member=cast.morgan, group=cast.group)
    morgan.level, morgan.leader_since = Level.LEADER, morgan.participant_since
    morgan.save()
    report_create(
        by=cast.morgan, group=cast.group, reason="harassment", member_id=cast.fran.pk
    )
    # Fran is who it is about; morgan reported: only Kai is told.
    assert reports_told(cast.fran) == []
    assert reports_told(cast.morgan) == []
    assert len(reports_told(kai)) == 1


def test_a_spanish_leader_is_told_in_spanish(
    cast: Cast, django_capture_on_commit_callbacks: Any
) -> None:
    cast.fran.language = "es"
    cast.fran.save(update_fields=["language"])
    alex = signed_in(cast.alex)  # alex reports in English
    url = reverse("facilitation:report-member", args=[cast.group.slug, cast.morgan.pk])
    with django_capture_on_commit_callbacks(execute=True):
        alex.post(url, {"reason": "unsafe", "details": DETAILS})
    page = signed_in(cast.fran).get(reverse("notifications:list")).content.decode()
    assert '<html lang="es">' in page
    assert "Alguien puede estar en riesgo en Tuesday Dual Recovery" in page
    assert "lo antes posible" in page
    assert "may be at risk" not in page
    (email,) = emails_to("fran@example.org")
    assert email["subject"] == (
        "Kinship: Alguien puede estar en riesgo en Tuesday Dual Recovery"
    )
    assert "Revisa el reporte en la cola de moderación" in email["body"]
    assert "sean cuales sean sus opciones de correo" in email["body"]
    # The crisis line in Spanish, as the support contacts' email gives it.
    assert "AYUDA" in email["body"]
    assert "whatever" not in email["body"]


def test_eve_is_never_told_of_a_report_in_alex_s_group(cast: Cast) -> None:
    # eve leads a group of her own, and is a plain member of alex's.
    other = GroupFactory.create(name="Eve's group", slug="eves-group")
    membership_create(cast.eve, other, Level.LEADER)
    report_create(
        by=cast.alex, group=cast.group, reason="unsafe", member_id=cast.morgan.pk
    )
    assert Notification.objects.filter(member=cast.eve).count() == 0
    membership_create(cast.eve, cast.group, Level.PARTICIPANT)
    report_create(
        by=cast.morgan, group=cast.group, reason="spam", member_id=cast.alex.pk
    )
    assert Notification.objects.filter(member=cast.eve).count() == 0
    assert len(reports_told(cast.fran)) == 2


def test_eve_outside_the_group_cannot_report_and_no_one_is_told(cast: Cast) -> None:
    url = reverse("facilitation:report-member", args=[cast.group.slug, cast.morgan.pk])
    response = signed_in(cast.eve).post(url, {"reason": "unsafe"})
    assert response.status_code == 404
    assert not Report.objects.exists()
    assert not Notification.objects.filter(kind=NotificationKind.GROUP_REPORT).exists()
