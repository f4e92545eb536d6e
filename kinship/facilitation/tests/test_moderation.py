"""Reports and moderation: who may report, leaders' actions each recorded with a
reason, nothing deleted, and a site admin's reversal from the staff page and the
Django admin."""

from __future__ import annotations

import json

import pytest
from django.http import Http404
from django.urls import reverse

from kinship.directory.models import Group
from kinship.facilitation.models import (
    ActionKind,
    GroupPost,
    ModerationAction,
    Report,
    ReportState,
)
from kinship.facilitation.services import (
    ModerationError,
    action_reverse,
    member_remove,
    member_warn,
    post_create,
    post_hide,
    report_create,
    report_dismiss,
)
from kinship.members.models import Level, Member, Membership
from kinship.members.tests.personas import Cast, membership_create, signed_in
from kinship.notifications.models import Notification, NotificationKind
from kinship.toolkit.tests.flow import HTMX, staff_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def sam(cast: Cast) -> Member:
    """A site admin."""
    return staff_create()


def moderation_url(group: Group) -> str:
    return reverse("facilitation:moderation", args=[group.slug])


def act_url(report: Report) -> str:
    return reverse("facilitation:report-act", args=[report.group.slug, report.pk])


def reported_post(cast: Cast, text: str = "Buy my course!") -> tuple[GroupPost, Report]:
    post = post_create(by=cast.morgan, group=cast.group, body=text)
    report = report_create(
        by=cast.alex,
        group=cast.group,
        reason="spam",
        details="Selling in every meeting.",
        post_id=post.pk,
    )
    return post, report


# Reports ---------------------------------------------------------------------


def test_a_member_reports_a_post_through_the_page(cast: Cast) -> None:
    post = post_create(by=cast.morgan, group=cast.group, body="Rude words")
    url = reverse("facilitation:report-post", args=[cast.group.slug, post.pk])
    client = signed_in(cast.alex)
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "harassment", "details": "Unkind."})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.reporter, report.post, report.target_member) == (
        cast.alex,
        post,
        cast.morgan,
    )
    assert (report.reason, report.details, report.state) == (
        "harassment",
        "Unkind.",
        ReportState.OPEN,
    )


def test_a_member_reports_a_member(cast: Cast) -> None:
    url = reverse("facilitation:report-member", args=[cast.group.slug, cast.morgan.pk])
    response = signed_in(cast.alex).post(url, {"reason": "confidentiality"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.post is None
    assert report.target_member == cast.morgan


def test_a_report_needs_a_reason(cast: Cast) -> None:
    post = post_create(by=cast.morgan, group=cast.group, body="Hm")
    url = reverse("facilitation:report-post", args=[cast.group.slug, post.pk])
    response = signed_in(cast.alex).post(url, {"details": "no reason given"})
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_reporting_yourself_or_your_own_post_is_refused(cast: Cast) -> None:
    own = post_create(by=cast.alex, group=cast.group, body="Mine")
    with pytest.raises(ModerationError):
        report_create(by=cast.alex, group=cast.group, reason="spam", post_id=own.pk)
    with pytest.raises(ModerationError):
        report_create(
            by=cast.alex, group=cast.group, reason="spam", member_id=cast.alex.pk
        )
    url = reverse("facilitation:report-member", args=[cast.group.slug, cast.alex.pk])
    response = signed_in(cast.alex).post(url, {"reason": "spam"})
    assert response.status_code == 400
    assert "cannot report yourself" in response.content.decode()
    assert not Report.objects.exists()


def test_no_reports_in_groups_one_is_not_in(cast: Cast) -> None:
    post = post_create(by=cast.morgan, group=cast.group, body="Hello")
    with pytest.raises(Http404):
        report_create(by=cast.eve, group=cast.group, reason="spam", post_id=post.pk)
    with pytest.raises(Http404):
        report_create(
            by=cast.eve, group=cast.group, reason="spam", member_id=cast.alex.pk
        )
    # eve reports in her own group, but not a member of another group.
    from kinship.directory.tests.factories import GroupFactory

    hers = GroupFactory.create()
    membership_create(cast.eve, hers, Level.PARTICIPANT)
    with pytest.raises(Http404):
        report_create(by=cast.eve, group=hers, reason="spam", member_id=cast.alex.pk)
    with pytest.raises(Http404):
        report_create(by=cast.eve, group=hers, reason="spam", post_id=post.pk)
    assert not Report.objects.exists()


def test_the_same_open_report_twice_is_refused(cast: Cast) -> None:
    post, _report = reported_post(cast)
    with pytest.raises(ModerationError):
        report_create(by=cast.alex, group=cast.group, reason="spam", post_id=post.pk)
    assert Report.objects.count() == 1


# The queue ---------------------------------------------------------------------


def test_leaders_see_what_was_reported_but_not_who_reported(cast: Cast) -> None:
    reported_post(cast)
    page = signed_in(cast.fran).get(moderation_url(cast.group)).content.decode()
    assert "A member reported a post" in page
    assert "Buy my course!" in page
    assert "Selling in every meeting." in page
    assert "Alex K." not in page  # the reporter


def test_non_leaders_are_refused_the_queue_and_its_actions(cast: Cast) -> None:
    _post, report = reported_post(cast)
    for member in (cast.alex, cast.morgan, cast.eve):
        client = signed_in(member)
        assert client.get(moderation_url(cast.group)).status_code == 404
        response = client.post(
            act_url(report), {"action": "dismiss_report", "reason": "Fine"}
        )
        assert response.status_code == 404
    with pytest.raises(Http404):
        report_dismiss(
            by=cast.alex, group=cast.group, report_id=report.pk, reason="Mine now"
        )
    with pytest.raises(Http404):
        member_warn(
            by=cast.morgan, group=cast.group, member_id=cast.alex.pk, reason="x"
        )
    assert not ModerationAction.objects.exists()
    report.refresh_from_db()
    assert report.state == ReportState.OPEN


def test_a_reason_is_required_for_every_action(cast: Cast) -> None:
    post, report = reported_post(cast)
    client = signed_in(cast.fran)
    for action in ("hide_post", "warn_member", "remove_member", "dismiss_report"):
        response = client.post(act_url(report), {"action": action, "reason": "  "})
        assert response.status_code == 302
    with pytest.raises(ModerationError):
        post_hide(by=cast.fran, group=cast.group, post_id=post.pk, reason=" ")
    assert not ModerationAction.objects.exists()
    post.refresh_from_db()
    report.refresh_from_db()
    assert post.hidden_at is None
    assert report.state == ReportState.OPEN
    assert Membership.objects.filter(member=cast.morgan, group=cast.group).exists()


def test_hiding_a_post_records_the_action_and_resolves_the_report(cast: Cast) -> None:
    post, report = reported_post(cast)
    response = signed_in(cast.fran).post(
        act_url(report), {"action": "hide_post", "reason": "Selling is not allowed."}
    )
    assert response.status_code == 302
    action = ModerationAction.objects.get()
    assert (action.action, action.leader, action.post, action.report) == (
        ActionKind.HIDE_POST,
        cast.fran,
        post,
        report,
    )
    assert action.reason == "Selling is not allowed."
    assert action.target_member == cast.morgan
    post.refresh_from_db()
    report.refresh_from_db()
    assert post.hidden_at is not None
    assert post.hidden_by == cast.fran
    assert post.hidden_reason == "Selling is not allowed."
    assert report.state == ReportState.RESOLVED
    assert report.closed_at is not None
    board = signed_in(cast.alex).get(
        reverse("facilitation:board", args=[cast.group.slug])
    )
    assert "Buy my course!" not in board.content.decode()
    assert GroupPost.objects.filter(pk=post.pk).exists()  # hidden, not deleted


def test_an_htmx_action_swaps_the_report_for_a_note(cast: Cast) -> None:
    _post, report = reported_post(cast)
    response = signed_in(cast.fran).post(
        act_url(report),
        {"action": "dismiss_report", "reason": "Not spam."},
        headers=HTMX,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "Report dismissed" in body
    assert "Not spam." in body
    assert "<html" not in body
    report.refresh_from_db()
    assert report.state == ReportState.DISMISSED


def test_warning_notifies_the_member_with_the_reason(cast: Cast) -> None:
    url = reverse("facilitation:member-act", args=[cast.group.slug, cast.morgan.pk])
    response = signed_in(cast.fran).post(
        url, {"action": "warn_member", "reason": "Please keep shares anonymous."}
    )
    assert response.status_code == 302
    action = ModerationAction.objects.get()
    assert action.action == ActionKind.WARN_MEMBER
    assert action.target_member == cast.morgan
    note = Notification.objects.get(kind=NotificationKind.MODERATION)
    assert note.member == cast.morgan
    assert note.body == "Please keep shares anonymous."
    assert "Fran" not in note.title + note.body


def test_removing_a_member_ends_the_membership_and_keeps_its_level(
    cast: Cast,
) -> None:
    before = Membership.objects.get(member=cast.morgan, group=cast.group)
    _post, report = reported_post(cast)
    response = signed_in(cast.fran).post(
        act_url(report), {"action": "remove_member", "reason": "Repeated selling."}
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(member=cast.morgan, group=cast.group).exists()
    action = ModerationAction.objects.get()
    assert action.action == ActionKind.REMOVE_MEMBER
    assert action.reason == "Repeated selling."
    assert action.former_level == Level.PARTICIPANT
    assert action.former_joined_at == before.joined_at
    assert action.former_participant_since == before.participant_since
    assert Notification.objects.filter(
        member=cast.morgan, kind=NotificationKind.MODERATION
    ).exists()
    # They no longer read the board.
    board = reverse("facilitation:board", args=[cast.group.slug])
    assert signed_in(cast.morgan).get(board).status_code == 404


def test_a_leader_cannot_act_against_another_leader_or_themselves(
    cast: Cast,
) -> None:
    alex = Membership.objects.get(member=cast.alex, group=cast.group)
    alex.level, alex.leader_since = Level.LEADER, alex.participant_since
    alex.save()
    for act in (member_warn, member_remove):
        with pytest.raises(ModerationError, match="another leader"):
            act(by=cast.fran, group=cast.group, member_id=cast.alex.pk, reason="x")
        with pytest.raises(ModerationError, match="yourself"):
            act(by=cast.fran, group=cast.group, member_id=cast.fran.pk, reason="x")
    post = post_create(by=cast.alex, group=cast.group, body="A leader's post")
    with pytest.raises(ModerationError, match="another leader"):
        post_hide(by=cast.fran, group=cast.group, post_id=post.pk, reason="x")
    assert not ModerationAction.objects.exists()
    assert Membership.objects.filter(member=cast.alex, level=Level.LEADER).exists()


# Reversal by a site admin --------------------------------------------------------


def test_only_site_staff_reverse(cast: Cast) -> None:
    post, _report = reported_post(cast)
    action = post_hide(by=cast.fran, group=cast.group, post_id=post.pk, reason="x")
    for member in (cast.fran, cast.alex, cast.eve):
        with pytest.raises(Http404):
            action_reverse(by=member, action_id=action.pk, reason="Undo")
        url = reverse("facilitation:action-reverse", args=[action.pk])
        assert signed_in(member).post(url, {"reason": "Undo"}).status_code == 404
        staff_page = reverse("facilitation:staff-actions")
        assert signed_in(member).get(staff_page).status_code == 404
    action.refresh_from_db()
    assert action.reversed_at is None


def test_staff_page_reverses_a_hidden_post_and_records_who(
    cast: Cast, sam: Member
) -> None:
    post, _report = reported_post(cast)
    action = post_hide(by=cast.fran, group=cast.group, post_id=post.pk, reason="x")
    client = signed_in(sam)
    page = client.get(reverse("facilitation:staff-actions")).content.decode()
    assert "Post hidden" in page
    assert cast.group.name in page
    url = reverse("facilitation:action-reverse", args=[action.pk])
    assert client.post(url, {"reason": ""}).status_code == 302  # refused: no reason
    action.refresh_from_db()
    assert action.reversed_at is None
    response = client.post(url, {"reason": "Not selling: a free workbook."})
    assert response.status_code == 302
    action.refresh_from_db()
    post.refresh_from_db()
    assert action.reversed_by == sam
    assert action.reversed_at is not None
    assert action.reversed_reason == "Not selling: a free workbook."
    assert post.hidden_at is None
    assert post.hidden_reason == ""
    # Reversing twice is refused; the first reversal stays as it was.
    with pytest.raises(ModerationError):
        action_reverse(by=sam, action_id=action.pk, reason="Again")


def test_reversing_a_removal_reinstates_the_former_level_and_dates(
    cast: Cast, sam: Member
) -> None:
    before = Membership.objects.get(member=cast.morgan, group=cast.group)
    action = member_remove(
        by=cast.fran, group=cast.group, member_id=cast.morgan.pk, reason="Heated"
    )
    action_reverse(by=sam, action_id=action.pk, reason="Misunderstanding")
    after = Membership.objects.get(member=cast.morgan, group=cast.group)
    assert after.level == Level.PARTICIPANT
    assert after.joined_at == before.joined_at
    assert after.participant_since == before.participant_since
    action.refresh_from_db()
    assert (action.reversed_by, action.reversed_reason) == (sam, "Misunderstanding")
    assert any(
        "a member of" in row.title
        for row in Notification.objects.filter(member=cast.morgan)
    )


def test_reversing_a_warning_and_a_dismissal(cast: Cast, sam: Member) -> None:
    warning = member_warn(
        by=cast.fran, group=cast.group, member_id=cast.morgan.pk, reason="Tone"
    )
    _post, report = reported_post(cast)
    dismissal = report_dismiss(
        by=cast.fran, group=cast.group, report_id=report.pk, reason="Fine"
    )
    action_reverse(by=sam, action_id=warning.pk, reason="Too harsh")
    action_reverse(by=sam, action_id=dismissal.pk, reason="Look again")
    warning.refresh_from_db()
    report.refresh_from_db()
    assert warning.reversed_at is not None
    assert warning.reversed_by == sam
    assert report.state == ReportState.OPEN
    assert report.closed_at is None
    assert any(
        "withdrawn" in row.title
        for row in Notification.objects.filter(member=cast.morgan)
    )


def test_the_django_admin_action_reverses_with_the_written_reason(
    cast: Cast, sam: Member
) -> None:
    sam.user.is_superuser = True
    sam.user.save(update_fields=["is_superuser"])
    action = member_remove(
        by=cast.fran, group=cast.group, member_id=cast.morgan.pk, reason="Heated"
    )
    client = signed_in(sam)
    change_url = reverse("admin:facilitation_moderationaction_change", args=[action.pk])
    assert client.get(change_url).status_code == 200
    changelist = reverse("admin:facilitation_moderationaction_changelist")
    data = {"action": "reverse", "_selected_action": [action.pk]}
    # Without a written reason the action is refused.
    client.post(changelist, data)
    action.refresh_from_db()
    assert action.reversed_at is None
    ModerationAction.objects.filter(pk=action.pk).update(
        reversed_reason="Leader acted in anger."
    )
    client.post(changelist, data)
    action.refresh_from_db()
    assert action.reversed_at is not None
    assert action.reversed_by == sam
    assert Membership.objects.filter(
        member=cast.morgan, group=cast.group, level=Level.PARTICIPANT
    ).exists()
    # Nothing is deleted from the admin.
    delete_url = reverse("admin:facilitation_moderationaction_delete", args=[action.pk])
    assert client.get(delete_url).status_code == 403


# The member's export -------------------------------------------------------------


def test_exports_hold_own_posts_and_reports_but_never_who_reported_or_acted(
    cast: Cast,
) -> None:
    own = post_create(by=cast.morgan, group=cast.group, body="My share")
    _post, report = reported_post(cast)
    warning = member_warn(
        by=cast.fran,
        group=cast.group,
        member_id=cast.morgan.pk,
        reason="Selling",
        report_id=report.pk,
    )
    export = reverse("members:export")
    morgan = json.loads(signed_in(cast.morgan).post(export).content)["actions"]
    assert {row["id"] for row in morgan["facilitation.grouppost"]} >= {own.pk}
    [row] = morgan["facilitation.moderationaction"]
    assert row["id"] == warning.pk
    assert row["reason"] == "Selling"
    assert "leader" not in row
    assert "reversed_by" not in row
    # Reports about morgan, and who made them, are not in morgan's export.
    assert morgan["facilitation.report"] == []
    text = json.dumps(morgan)
    assert "Selling in every meeting." not in text
    alex = json.loads(signed_in(cast.alex).post(export).content)["actions"]
    [mine] = alex["facilitation.report"]
    assert mine["id"] == report.pk
    assert mine["details"] == "Selling in every meeting."
    fran = json.loads(signed_in(cast.fran).post(export).content)["actions"]
    assert fran["facilitation.moderationaction"] == []


def test_a_refused_htmx_action_comes_back_in_place_with_the_reason(
    cast: Cast,
) -> None:
    _post, report = reported_post(cast)
    response = signed_in(cast.fran).post(
        act_url(report), {"action": "hide_post", "reason": ""}, headers=HTMX
    )
    assert response.status_code == 200  # htmx swaps only 2xx answers
    body = response.content.decode()
    assert f'id="report-{report.pk}"' in body
    assert "Give a reason" in body
    assert not ModerationAction.objects.exists()


def test_a_report_about_a_leader_goes_to_the_other_leaders_only(cast: Cast) -> None:
    morgan = Membership.objects.get(member=cast.morgan, group=cast.group)
    morgan.level, morgan.leader_since = Level.LEADER, morgan.participant_since
    morgan.save()
    post = post_create(by=cast.fran, group=cast.group, body="Fran's rules")
    report = report_create(
        by=cast.alex, group=cast.group, reason="harassment", post_id=post.pk
    )
    fran_page = signed_in(cast.fran).get(moderation_url(cast.group)).content.decode()
    assert "Fran&#x27;s rules" not in fran_page
    assert "Fran's rules" not in fran_page
    with pytest.raises(Http404):
        report_dismiss(by=cast.fran, group=cast.group, report_id=report.pk, reason="x")
    morgan_page = signed_in(cast.morgan).get(moderation_url(cast.group))
    assert "Fran&#x27;s rules" in morgan_page.content.decode()
    # morgan may dismiss it, but not act against fran, another leader.
    with pytest.raises(ModerationError, match="another leader"):
        post_hide(
            by=cast.morgan,
            group=cast.group,
            post_id=post.pk,
            reason="x",
            report_id=report.pk,
        )
    report_dismiss(by=cast.morgan, group=cast.group, report_id=report.pk, reason="ok")
    report.refresh_from_db()
    assert report.state == ReportState.DISMISSED
