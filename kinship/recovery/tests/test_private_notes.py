"""A member's private notes never leave them.

alex writes private notes (a check-in's note shared as a summary with her groups
and her mentor, a clock reset's note, a notebook note) and every flow that tells
others something runs: a milestone shared and encouraged, a call for support to
her mentor and contacts, a warning sign shared with her mentor. Then every URL of
the site is read as fran (leader of alex's group), morgan (alex's mentor), eve
and a visitor, every other member's export is taken, and every notification and
email to anyone else is read: none holds a note. alex's own pages do (the test's
own control that the notes are really there to find).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kinship.core.tests.test_url_walk import (
    expectation_for,
    reverse_key,
    url_patterns,
    world_create,
)
from kinship.members.tests.personas import Cast, signed_in
from kinship.mentorship.models import Mentorship, MentorshipState
from kinship.notifications.models import Notification
from kinship.recovery.milestones import milestones_refresh_all
from kinship.recovery.models import (
    Milestone,
    NotebookEntry,
    RecoveryPreferences,
    SobrietyClock,
    Strategy,
    SupportContact,
)
from kinship.recovery.services.checkins import checkin_record
from kinship.recovery.services.clocks import (
    clock_reset,
    encouragement_send,
    milestone_share,
)
from kinship.recovery.services.support import help_request_create
from kinship.recovery.warnings import warning_signals_compute_all

CHECKIN_NOTE = "Told nobody about the bottle in the garage"
RESET_NOTE = "Relapsed after the funeral on Friday"
NOTEBOOK_NOTE = "Works best when I think of my daughter"
NOTES = (CHECKIN_NOTE, RESET_NOTE, NOTEBOOK_NOTE)


def notes_in(text: str) -> list[str]:
    return [note for note in NOTES if note in text]


def alex_writes_and_shares(cast: Cast) -> None:
    """alex's notes, and every flow that tells someone else about alex."""
    alex = cast.alex
    now = timezone.now()
    # morgan mentors alex (the walk's world may have made it already).
    Mentorship.objects.update_or_create(
        mentor=cast.morgan,
        mentee=alex,
        state=MentorshipState.ACTIVE,
        defaults={"started_at": now},
    )
    RecoveryPreferences.objects.update_or_create(
        member=alex, defaults={"share_warnings_with_mentor": True}
    )
    SupportContact.objects.create(member=alex, name="Fran", contact_member=cast.fran)
    SupportContact.objects.create(member=alex, name="Sis", email="sis@example.net")
    # The walk's world made today's check-in: alex saves it again with a note,
    # a warning sign noticed, shared with her groups (and so her mentor).
    checkin_record(
        by=alex,
        mood=2,
        craving=8,
        stress=9,
        sleep_hours=None,
        used_today="no",
        triggers=["lonely"],
        coping=["called"],
        warning_signs=["secrecy"],
        strategies_used=[],
        gratitude="my sister",
        note=CHECKIN_NOTE,
        sharing="groups",
    )
    clock = SobrietyClock.objects.create(
        member=alex, label="drinking", started_at=now - dt.timedelta(days=80)
    )
    clock_reset(
        by=alex, clock_id=clock.pk, at=now - dt.timedelta(days=31), note=RESET_NOTE
    )
    NotebookEntry.objects.create(
        member=alex,
        strategy=Strategy.objects.filter(starter=True)[0],
        note=NOTEBOOK_NOTE,
    )
    milestones_refresh_all()
    milestone = Milestone.objects.get(clock=clock, key="30d")
    [share] = milestone_share(
        by=alex, milestone_id=milestone.pk, group_ids=[cast.group.pk]
    )
    encouragement_send(by=cast.fran, share_id=share.pk, preset="proud", message="")
    help_request_create(by=alex, message="Having a hard night")
    warning_signals_compute_all()


@pytest.mark.django_db
def test_private_notes_reach_no_one_but_their_author(
    cast: Cast, tasks_run_at_once: None, django_capture_on_commit_callbacks: Any
) -> None:
    world = world_create(cast)
    with django_capture_on_commit_callbacks(execute=True):
        alex_writes_and_shares(cast)

    # The flows really told others (so there was something to leak through).
    told = Notification.objects.exclude(member=cast.alex)
    assert {n.kind for n in told} >= {"help_request", "mentee_warning"}
    assert Notification.objects.filter(member=cast.alex, kind="encouragement").exists()
    assert any("sis@example.net" in message.to for message in mail.outbox)

    # Every page and API response, as everyone but alex.
    others: dict[str, Client] = {
        "fran": signed_in(cast.fran),
        "morgan": signed_in(cast.morgan),
        "eve": signed_in(cast.eve),
        "visitor": Client(),
    }
    read = 0
    for key, route, _pattern in url_patterns():
        expectation = expectation_for(key, route)
        if expectation is None or route.startswith("accounts/"):
            continue
        url = reverse_key(key, expectation.kwargs(world))
        for who, client in others.items():
            response = client.get(url)
            body = getattr(response, "content", b"").decode(errors="replace")
            assert not notes_in(body), f"GET {url} as {who} shows {notes_in(body)}"
            read += 1
    assert read > 200
    # The mentor's and the group's pages do show alex's summary (not the note).
    mentee_page = others["morgan"].get(
        reverse("recovery:mentee-checkins", args=[cast.alex.pk])
    )
    assert mentee_page.status_code == 200
    assert "my sister" in mentee_page.content.decode()

    # Everyone else's export.
    for member in (cast.fran, cast.morgan, cast.eve, cast.dr_lee):
        export = signed_in(member).post(reverse("members:export")).content.decode()
        assert not notes_in(export), member.display_name

    # Every notification and email to anyone but alex.
    for notification in told:
        assert not notes_in(f"{notification.title} {notification.body}")
    alex_address = cast.alex.user.email
    for message in mail.outbox:
        if alex_address not in message.to:
            assert not notes_in(f"{message.subject} {message.body}"), message.to

    # The control: alex's own pages and export hold her notes.
    alex = signed_in(cast.alex)
    assert CHECKIN_NOTE in alex.get(reverse("recovery:checkin-list")).content.decode()
    assert NOTEBOOK_NOTE in alex.get(reverse("recovery:notebook")).content.decode()
    export = json.loads(alex.post(reverse("members:export")).content)
    assert set(notes_in(json.dumps(export))) == set(NOTES)
