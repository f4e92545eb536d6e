"""Mentorship pages through the client: the whole path from becoming a mentor to
what a mentee shares, the thread for its two members only (eve gets 404s),
messages only while active, query counts of the lists, and the export."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinship.directory.models import Language
from kinship.members.models import Member, Membership
from kinship.members.profile import member_export
from kinship.members.selectors import member_today
from kinship.members.tests.personas import Cast, persona_create, signed_in
from kinship.members.tests.test_accounts import audit
from kinship.mentorship.models import (
    MentorEndorsement,
    MentorMessage,
    MentorProfile,
    Mentorship,
    MentorshipState,
)
from kinship.notifications.models import Notification

from .helpers import clock_of_days, mentor_make, other_mentor, training_pass

HX = {"HX-Request": "true"}


def active_mentorship(cast: Cast) -> Mentorship:
    mentor_make(cast.morgan, leader=cast.fran, group=cast.group)
    return Mentorship.objects.create(
        mentor=cast.morgan, mentee=cast.alex, state=MentorshipState.ACTIVE
    )


def thread_url(mentorship: Mentorship) -> str:
    return reverse("mentorship:thread", args=[mentorship.pk])


@pytest.mark.django_db
def test_the_whole_path_by_pages(cast: Cast) -> None:
    """A 400-day member with the training, endorsed by their group's leader,
    becomes a mentor; another member finds them with reasons and asks; the
    mentor accepts, the mentee starts the mentorship, they write to each other;
    the mentee shares a check-in "with my mentor" and the mentor sees it."""
    english = Language.objects.get_or_create(code="en", defaults={"name": "English"})[0]
    morgan, alex, fran = (
        signed_in(cast.morgan),
        signed_in(cast.alex),
        signed_in(cast.fran),
    )
    clock = clock_of_days(cast.morgan, 400)
    training_pass(cast.morgan)

    # fran endorses morgan from her group's roster.
    roster = fran.get(reverse("membership:roster", args=[cast.group.slug]))
    membership = Membership.objects.get(member=cast.morgan, group=cast.group)
    endorse_url = reverse("mentorship:endorse", args=[cast.group.slug, membership.pk])
    assert endorse_url in roster.content.decode()
    response = fran.post(endorse_url, {"note": "Steady and kind."})
    assert response.status_code == 302

    # morgan sees all three conditions met, and becomes a mentor.
    profile_url = reverse("mentorship:mentor-profile")
    page = morgan.get(profile_url).content.decode()
    assert page.count("badge-live") == 3
    assert 'id="eligibility-endorsement"' in page
    assert "Endorsed by Fran D. in Tuesday Dual Recovery" in page
    response = morgan.post(
        profile_url,
        {
            "clock": clock.pk,
            "focus": "addiction",
            "languages": [english.pk],
            "availability": ["tue_evening", "sat_morning"],
            "capacity": "2",
            "introduction": "Ten years of Tuesdays.",
        },
    )
    assert response.status_code == 302
    profile = MentorProfile.objects.get(member=cast.morgan)
    assert profile.active

    # alex finds morgan, with reasons.
    found = alex.get(
        reverse("mentorship:find"),
        {"languages": [str(english.pk)], "availability": ["tue_evening"]},
    )
    body = found.content.decode()
    assert found.status_code == 200
    assert f'id="candidate-{profile.pk}"' in body
    assert "Shares your Tuesday evenings" in body
    assert "Both in Tuesday Dual Recovery" in body
    assert "2 of 2 places free" in body
    assert "morgan@example.org" not in body

    # alex asks; morgan is told, and accepts.
    request_url = reverse("mentorship:request", args=[profile.pk])
    response = alex.post(request_url, {"message": "Could you walk with me?"})
    assert response.status_code == 302
    mentorship = Mentorship.objects.get(mentor=cast.morgan, mentee=cast.alex)
    assert mentorship.state == MentorshipState.REQUESTED
    assert Notification.objects.filter(member=cast.morgan, kind="mentorship").exists()
    mine = morgan.get(reverse("mentorship:mine")).content.decode()
    assert f'id="mentorship-{mentorship.pk}-accept"' in mine
    move = "mentorship:move"
    response = morgan.post(reverse(move, args=[mentorship.pk, "accept"]))
    assert response.status_code == 302
    overview = morgan.get(reverse("mentorship:mine")).content.decode()
    assert "1 of 2 places taken; 1 free." in overview
    assert Notification.objects.filter(member=cast.alex, kind="mentorship").exists()

    # alex starts it; they write to each other.
    response = alex.post(reverse(move, args=[mentorship.pk, "confirm"]))
    assert response["Location"] == thread_url(mentorship)
    response = alex.post(thread_url(mentorship), {"body": "Hello from alex"})
    assert response.status_code == 302
    reply = morgan.post(thread_url(mentorship), {"body": "Hello back"}, headers=HX)
    assert reply.status_code == 200
    assert "Hello from alex" in reply.content.decode()
    assert "Hello back" in reply.content.decode()
    thread = alex.get(thread_url(mentorship)).content.decode()
    assert thread.index("Could you walk with me?") < thread.index("Hello back")

    # alex shares today's check-in with their mentor; morgan sees the summary.
    checkin = {
        "today": member_today(cast.alex).isoformat(),
        "mood": "4",
        "craving": "2",
        "stress": "3",
        "sleep_hours": "7",
        "used_today": "no",
        "gratitude": "Grateful for the Tuesday walk",
        "note": "Private words for me alone",
        "sharing": "mentor",
    }
    assert alex.post(reverse("recovery:checkin"), checkin).status_code == 302
    mentee_url = reverse("mentorship:mentee", args=[cast.alex.pk])
    assert mentee_url in morgan.get(thread_url(mentorship)).content.decode()
    shared = morgan.get(mentee_url)
    body = shared.content.decode()
    assert shared.status_code == 200
    assert "Grateful for the Tuesday walk" in body
    assert "Private words for me alone" not in body


@pytest.mark.django_db
def test_asking_a_mentor_whose_name_ends_with_an_initial_says_it_once(
    cast: Cast,
) -> None:
    """ "Your request is sent to Morgan L." with one full stop, not two."""
    cast.morgan.display_name = "Morgan L."
    cast.morgan.save(update_fields=["display_name"])
    profile = mentor_make(cast.morgan, leader=cast.fran, group=cast.group)
    alex = signed_in(cast.alex)
    response = alex.post(
        reverse("mentorship:request", args=[profile.pk]),
        {"message": "Could you walk with me?"},
        follow=True,
    )
    body = response.content.decode()
    assert "Your request is sent to Morgan L." in body
    assert "Morgan L.." not in body


@pytest.mark.django_db
def test_eve_gets_404_for_a_mentorship_and_its_thread(cast: Cast) -> None:
    mentorship = active_mentorship(cast)
    MentorMessage.objects.create(
        mentorship=mentorship, sender=cast.alex, body="Only for morgan"
    )
    eve = signed_in(cast.eve)
    urls = [
        thread_url(mentorship),
        reverse("mentorship:messages", args=[mentorship.pk]),
        reverse("mentorship:mentee", args=[cast.alex.pk]),
    ]
    for url in urls:
        response = eve.get(url)
        assert response.status_code == 404, url
        assert b"Only for morgan" not in response.content
    assert eve.post(thread_url(mentorship), {"body": "Let me in"}).status_code == 404
    move = reverse("mentorship:move", args=[mentorship.pk, "end"])
    assert eve.post(move).status_code == 404
    assert MentorMessage.objects.count() == 1
    assert Mentorship.objects.get(pk=mentorship.pk).state == "active"
    # Not even fran, alex's group leader, nor the mentee page for anyone else.
    assert signed_in(cast.fran).get(thread_url(mentorship)).status_code == 404
    dr_lee = reverse("mentorship:mentee", args=[cast.dr_lee.pk])
    assert signed_in(cast.morgan).get(dr_lee).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "state", [MentorshipState.REQUESTED, MentorshipState.ACCEPTED, "ended", "declined"]
)
def test_messages_are_sent_only_while_active(cast: Cast, state: str) -> None:
    mentor_make(cast.morgan, leader=cast.fran, group=cast.group)
    mentorship = Mentorship.objects.create(
        mentor=cast.morgan, mentee=cast.alex, state=state
    )
    alex = signed_in(cast.alex)
    page = alex.get(thread_url(mentorship))
    assert page.status_code == 200
    assert b'id="message-form"' not in page.content
    assert b'id="thread-closed"' in page.content
    response = alex.post(thread_url(mentorship), {"body": "Too soon"})
    assert response.status_code == 400
    assert b"only while the mentorship is active" in response.content
    assert not MentorMessage.objects.exists()


@pytest.mark.django_db
def test_the_thread_polls_and_marks_read(cast: Cast) -> None:
    mentorship = active_mentorship(cast)
    MentorMessage.objects.create(
        mentorship=mentorship, sender=cast.morgan, body="How was today?"
    )
    alex = signed_in(cast.alex)
    mine = alex.get(reverse("mentorship:mine")).content.decode()
    assert "1 new" in mine
    page = alex.get(thread_url(mentorship)).content.decode()
    poll_url = reverse("mentorship:messages", args=[mentorship.pk])
    assert f'hx-get="{poll_url}"' in page
    assert 'hx-trigger="every 5s"' in page
    assert audit(page.encode()).unlabelled == []
    assert MentorMessage.objects.get().read_at is not None
    MentorMessage.objects.create(
        mentorship=mentorship, sender=cast.morgan, body="Still there?"
    )
    fragment = alex.get(poll_url)
    assert fragment.status_code == 200
    body = fragment.content.decode()
    assert "Still there?" in body
    assert "<html" not in body
    assert not MentorMessage.objects.filter(read_at__isnull=True).exists()
    # morgan's own messages stay unread until alex reads them, not when he does.
    MentorMessage.objects.create(mentorship=mentorship, sender=cast.alex, body="Yes")
    signed_in(cast.alex).get(poll_url)
    assert MentorMessage.objects.get(body="Yes").read_at is None


@pytest.mark.django_db
def test_an_empty_message_is_refused(cast: Cast) -> None:
    mentorship = active_mentorship(cast)
    response = signed_in(cast.alex).post(thread_url(mentorship), {"body": "  "})
    assert response.status_code == 400
    assert not MentorMessage.objects.exists()


@pytest.mark.django_db
def test_an_ineligible_member_sees_what_is_missing_and_is_refused(cast: Cast) -> None:
    clock = clock_of_days(cast.morgan, 300)
    morgan = signed_in(cast.morgan)
    url = reverse("mentorship:mentor-profile")
    page = morgan.get(url)
    assert page.status_code == 200
    assert audit(page.content).unlabelled == []
    response = morgan.post(url, {"clock": clock.pk, "capacity": "2"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "300 days; 65 more to go" in body
    assert "Complete the mentor training." in body
    assert not MentorProfile.objects.exists()


@pytest.mark.django_db
def test_a_mentor_pauses_and_resumes(cast: Cast) -> None:
    mentor_make(cast.morgan, leader=cast.fran, group=cast.group)
    morgan = signed_in(cast.morgan)
    assert morgan.post(reverse("mentorship:mentor-pause")).status_code == 302
    assert not MentorProfile.objects.get().active
    # Editing while paused keeps the pause.
    clock = MentorProfile.objects.get().clock
    assert clock is not None
    edit = {"clock": clock.pk, "capacity": "4", "introduction": "Back soon."}
    assert morgan.post(reverse("mentorship:mentor-profile"), edit).status_code == 302
    edited = MentorProfile.objects.get()
    assert (edited.active, edited.capacity, edited.introduction) == (
        False,
        4,
        "Back soon.",
    )
    find = signed_in(cast.alex).get(reverse("mentorship:find")).content.decode()
    assert "Morgan S." not in find
    assert morgan.post(reverse("mentorship:mentor-resume")).status_code == 302
    assert MentorProfile.objects.get().active


@pytest.mark.django_db
def test_the_endorse_page_is_for_the_group_leaders(cast: Cast) -> None:
    membership = Membership.objects.get(member=cast.morgan, group=cast.group)
    url = reverse("mentorship:endorse", args=[cast.group.slug, membership.pk])
    for outsider in (cast.alex, cast.eve):  # a participant, an outsider
        client = signed_in(outsider)
        assert client.get(url).status_code == 404
        assert client.post(url, {"note": "Me too"}).status_code == 404
    assert not MentorEndorsement.objects.exists()
    fran = signed_in(cast.fran)
    page = fran.get(url)
    assert page.status_code == 200
    assert audit(page.content).unlabelled == []
    assert fran.post(url, {"note": "Steady."}).status_code == 302
    assert b'id="endorse-revoke"' in fran.get(url).content
    revoke = reverse("mentorship:endorse-revoke", args=[cast.group.slug, membership.pk])
    assert fran.post(revoke).status_code == 302
    assert MentorEndorsement.objects.get().revoked_at is not None
    own = Membership.objects.get(member=cast.fran, group=cast.group)
    own_url = reverse("mentorship:endorse", args=[cast.group.slug, own.pk])
    assert fran.post(own_url, {"note": "Me"}).status_code == 400
    assert MentorEndorsement.objects.count() == 1


def queries(client: Client, url: str, data: dict[str, Any] | None = None) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, data or {}).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_list_pages_read_a_fixed_number_of_queries(cast: Cast) -> None:
    mentorship = active_mentorship(cast)
    morgan = signed_in(cast.morgan)
    mine = reverse("mentorship:mine")
    thread = thread_url(mentorship)
    MentorMessage.objects.create(mentorship=mentorship, sender=cast.alex, body="1")
    few = (queries(morgan, mine), queries(morgan, thread))
    mentees: list[Member] = [persona_create(f"m{n}", f"M {n}.") for n in range(3)]
    for mentee in mentees:
        Mentorship.objects.create(mentor=cast.morgan, mentee=mentee)
    for n in range(5):
        MentorMessage.objects.create(
            mentorship=mentorship, sender=cast.alex, body=f"More {n}"
        )
    many = (queries(morgan, mine), queries(morgan, thread))
    assert many == few


@pytest.mark.django_db
def test_the_find_page_reads_a_fixed_number_of_queries(cast: Cast) -> None:
    mentor_make(cast.morgan, leader=cast.fran, group=cast.group)
    alex = signed_in(cast.alex)
    find = reverse("mentorship:find")
    wishes = {"availability": ["tue_evening"]}
    one = queries(alex, find, wishes)
    for n in range(3):
        other_mentor(
            cast.fran, f"extra{n}", f"Extra {n}.", availability=("tue_evening",)
        )
    response = alex.get(find, wishes)
    assert response.content.decode().count('class="meeting-card" id="candidate-') == 4
    assert queries(alex, find, wishes) == one


@pytest.mark.django_db
def test_messages_are_exported_to_the_two_members_only(cast: Cast) -> None:
    mentorship = active_mentorship(cast)
    sent = MentorMessage.objects.create(
        mentorship=mentorship, sender=cast.alex, body="Exported to both"
    )
    replied = MentorMessage.objects.create(
        mentorship=mentorship, sender=cast.morgan, body="And the reply"
    )

    def exported(member: Member) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = member_export(member)["actions"].get(
            "mentorship.mentormessage", []
        )
        return rows

    for member in (cast.alex, cast.morgan):
        rows = exported(member)
        assert [row["id"] for row in rows] == [sent.pk, replied.pk]
        assert [row["body"] for row in rows] == ["Exported to both", "And the reply"]
        assert {row["sender"] for row in rows} == {cast.alex.pk, cast.morgan.pk}
        # The other person by id only: the mentorship's name would name them.
        assert "mentorship_label" not in rows[0]
    for member in (cast.fran, cast.eve, cast.dr_lee):
        assert exported(member) == []
