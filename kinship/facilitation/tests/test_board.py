"""The group board: members only, content warnings folded, announcements that
notify every member once, and the grounding guide."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse

from kinship.directory.models import Group
from kinship.facilitation.models import GroupPost
from kinship.facilitation.services import (
    ModerationError,
    announcement_send,
    post_create,
)
from kinship.members.models import Level
from kinship.members.tests.personas import Cast, membership_create, signed_in
from kinship.notifications.models import Notification, NotificationKind

pytestmark = pytest.mark.django_db


def board_url(group: Group) -> str:
    return reverse("facilitation:board", args=[group.slug])


def test_members_read_the_board_and_eve_gets_a_404(cast: Cast) -> None:
    post_create(by=cast.alex, group=cast.group, body="Thirty days today.")
    for member in (cast.alex, cast.fran, cast.morgan):
        response = signed_in(member).get(board_url(cast.group))
        assert response.status_code == 200
        assert "Thirty days today." in response.content.decode()
    response = signed_in(cast.eve).get(board_url(cast.group))
    assert response.status_code == 404
    assert "Thirty days today." not in response.content.decode()
    # A visitor is sent to sign in.
    assert Client().get(board_url(cast.group)).status_code == 302


def test_eve_cannot_post_report_or_read_a_post(cast: Cast) -> None:
    post = post_create(by=cast.alex, group=cast.group, body="Hard week.")
    eve = signed_in(cast.eve)
    response = eve.post(
        reverse("facilitation:post-new", args=[cast.group.slug]), {"body": "Hi"}
    )
    assert response.status_code == 404
    report = reverse("facilitation:report-post", args=[cast.group.slug, post.pk])
    assert eve.get(report).status_code == 404
    assert eve.post(report, {"reason": "spam"}).status_code == 404
    assert GroupPost.objects.count() == 1
    with pytest.raises(Http404):
        post_create(by=cast.eve, group=cast.group, body="Let me in")


def test_a_member_posts_through_the_page(cast: Cast) -> None:
    response = signed_in(cast.alex).post(
        reverse("facilitation:post-new", args=[cast.group.slug]),
        {"body": "  Made it to a meeting.  ", "content_warning": ""},
    )
    assert response.status_code == 302
    post = GroupPost.objects.get()
    assert (post.author, post.group, post.body) == (
        cast.alex,
        cast.group,
        "Made it to a meeting.",
    )
    assert not post.is_announcement
    assert post.content_warning == ""


def test_observers_read_but_do_not_post(cast: Cast) -> None:
    from kinship.members.tests.personas import persona_create

    olu = persona_create("olu", "Olu B.")
    membership_create(olu, cast.group, Level.OBSERVER)
    with pytest.raises(ModerationError):
        post_create(by=olu, group=cast.group, body="Hello")
    page = signed_in(olu).get(board_url(cast.group)).content.decode()
    assert "Observers read the board" in page
    assert 'name="body"' not in page


def test_an_empty_post_is_refused_and_changes_nothing(cast: Cast) -> None:
    response = signed_in(cast.alex).post(
        reverse("facilitation:post-new", args=[cast.group.slug]), {"body": "   "}
    )
    assert response.status_code == 302
    assert not GroupPost.objects.exists()


def test_a_content_warning_folds_the_post_until_opened(cast: Cast) -> None:
    post_create(
        by=cast.alex,
        group=cast.group,
        body="I drank on Friday and told my sponsor.",
        content_warning="mentions relapse",
    )
    post_create(by=cast.morgan, group=cast.group, body="Coffee after, anyone?")
    page = signed_in(cast.fran).get(board_url(cast.group)).content.decode()
    folded = page.index('<details class="content-warning">')
    summary = page.index("<summary>Content warning: mentions relapse", folded)
    body = page.index("I drank on Friday", summary)
    closing = page.index("</details>", body)
    # The body sits inside the closed <details> (no "open"): works without JS.
    assert folded < summary < body < closing
    assert '<details class="content-warning" open' not in page
    # A post without a warning is shown as it is.
    coffee = page.index("Coffee after, anyone?")
    assert page.rfind("<details", 0, coffee) < page.rfind("<article", 0, coffee)


def test_an_announcement_notifies_every_member_once(
    cast: Cast, tasks_run_at_once: None
) -> None:
    response = signed_in(cast.fran).post(
        reverse("facilitation:announce", args=[cast.group.slug]),
        {"body": "No meeting next Tuesday.", "content_warning": ""},
    )
    assert response.status_code == 302
    post = GroupPost.objects.get()
    assert post.is_announcement
    assert post.author == cast.fran
    sent = Notification.objects.filter(kind=NotificationKind.GROUP_ANNOUNCEMENT)
    recipients = sorted(sent.values_list("member__display_name", flat=True))
    # Each other member once; not the author, not eve.
    assert recipients == ["Alex K.", "Morgan S."]
    assert set(sent.values_list("url", flat=True)) == {board_url(cast.group)}
    # The text itself stays on the board, for members only.
    assert not any(
        "No meeting" in row.body or "No meeting" in str(row.params) for row in sent
    )
    page = signed_in(cast.alex).get(board_url(cast.group)).content.decode()
    assert "Announcement" in page
    assert "No meeting next Tuesday." in page


def test_only_leaders_announce(cast: Cast) -> None:
    response = signed_in(cast.alex).post(
        reverse("facilitation:announce", args=[cast.group.slug]), {"body": "Hi all"}
    )
    assert response.status_code == 404
    with pytest.raises(Http404):
        announcement_send(by=cast.morgan, group=cast.group, body="Hi all")
    assert not GroupPost.objects.exists()
    assert not Notification.objects.exists()


def test_an_announcement_s_notification_carries_its_warning(cast: Cast) -> None:
    announcement_send(
        by=cast.fran,
        group=cast.group,
        body="We will talk about overdose loss.",
        content_warning="grief, overdose",
    )
    bodies = {row.body for row in Notification.objects.all()}
    assert bodies == {"Content warning: grief, overdose"}


def test_board_queries_do_not_grow_with_posts(
    cast: Cast, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(cast.alex)
    post_create(by=cast.morgan, group=cast.group, body="One")
    client.get(board_url(cast.group))  # warm up the session
    with django_assert_max_num_queries(12) as few:
        client.get(board_url(cast.group))
    for n in range(10):
        post_create(by=cast.morgan, group=cast.group, body=f"Post {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(board_url(cast.group))


def test_the_grounding_guide_is_public_and_folded_in_the_leaders_meeting_view(
    cast: Cast,
) -> None:
    page = Client().get(reverse("facilitation:grounding")).content.decode()
    for words in ("5-4-3-2-1", "Paced breathing", "Feet on the floor", "Cold water"):
        assert words in page
    assert "When to pause the meeting" in page
    assert "1-800-662-4357" in page
    assert "741741" in page
    meeting_url = reverse("directory:meeting-detail", args=[cast.meeting.slug])
    leader_page = signed_in(cast.fran).get(meeting_url).content.decode()
    assert '<details class="grounding-guide">' in leader_page  # closed
    assert "Paced breathing" in leader_page
    member_page = signed_in(cast.alex).get(meeting_url).content.decode()
    assert "grounding-guide" not in member_page
