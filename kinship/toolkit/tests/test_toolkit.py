"""The new-group toolkit: the guided flow (plain forms and htmx), drafts that
belong to their member, the team, and a site admin's approval before listing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from kinship.directory.models import Group, ListedMeeting, Program, Visibility
from kinship.matching.needs import MIN_CELL, need_record
from kinship.members.models import ChangeAction, GroupChange, Level, Member, Membership
from kinship.members.services import meeting_save, membership_join
from kinship.members.tests.personas import Cast, signed_in
from kinship.notifications.models import Notification, NotificationKind
from kinship.toolkit.models import (
    Decision,
    GroupApproval,
    GroupDraft,
    MeetingStructure,
    TeamRole,
    sections_problems,
)
from kinship.toolkit.services import (
    ToolkitError,
    group_approve,
    group_decline,
    team_role_assign,
)

from .flow import (
    HTMX,
    LOCAL_LINK,
    basics_post,
    flow_complete,
    program_create,
    resources_post,
    safety_post,
    sections,
    staff_create,
    step_url,
    structure_post,
)

NEW = reverse("toolkit:group-new")
PENDING = reverse("toolkit:pending")


@pytest.fixture
def program(db: None) -> Program:
    return program_create()


@pytest.fixture
def sam(db: None) -> Member:
    return staff_create()


def draft_after_basics(client: Client, program: Program) -> GroupDraft:
    response = client.post(NEW, basics_post(program))
    assert response.status_code == 302
    return GroupDraft.objects.latest("pk")


def draft_at_review(client: Client, program: Program) -> GroupDraft:
    draft = draft_after_basics(client, program)
    for step, data in (
        ("safety", safety_post()),
        ("structure", structure_post()),
        ("team", {"role": "facilitator"}),
        ("resources", resources_post()),
    ):
        assert client.post(step_url(draft, step), data).status_code == 302
    return GroupDraft.objects.get(pk=draft.pk)


def online_meeting_add(by: Member, group: Group) -> None:
    meeting_save(
        by=by,
        group=group,
        meeting=None,
        values={
            "name": "Riverside Thursday",
            "weekday": 4,
            "start_time": dt.time(19, 0),
            "end_time": dt.time(20, 0),
            "timezone": "America/New_York",
            "recurrence": "weekly",
            "attendance_mode": "online",
            "conference_url": "https://meet.example.org/riverside",
            "conference_url_notes": "",
            "conference_phone": "",
            "conference_phone_notes": "",
            "notes": "",
            "status": "active",
        },
        place=None,
    )


# The whole flow -------------------------------------------------------------------


@pytest.mark.django_db
def test_plain_flow_makes_an_unlisted_group_with_rules_structure_team_resources(
    alex: Member, program: Program
) -> None:
    client = signed_in(alex)
    group = flow_complete(client, program)

    assert group.visibility == Visibility.UNLISTED
    assert group.focus == "both"
    assert group.program == program
    assert group.audience == ["newcomers"]
    assert list(group.languages.values_list("code", flat=True)) == ["en"]
    assert "No cross-talk" in group.guidelines
    assert "who you see here" in group.confidentiality_statement.lower()
    assert "medication-assisted" in group.inclusivity_statement
    assert [link["kind"] for link in group.resource_links] == [
        "crisis_line",
        "recovery_organisation",
        "treatment_centre",
        "recovery_organisation",
    ]
    assert group.resource_links[0]["url"] == "https://988lifeline.org/"
    assert group.resource_links[3] == LOCAL_LINK
    structure = MeetingStructure.objects.get(group=group)
    assert structure.style == "dual_recovery"
    assert [s["part"] for s in structure.sections] == [
        "opening",
        "check_in",
        "topic",
        "sharing",
        "closing",
    ]
    assert structure.total_minutes == 60
    membership = Membership.objects.get(group=group, member=alex)
    assert membership.level == Level.LEADER
    assert membership.leader_since
    assert list(TeamRole.objects.filter(group=group).values_list("role", "member")) == [
        ("facilitator", alex.pk)
    ]
    approval = GroupApproval.objects.get(group=group)
    assert approval.decision == Decision.PENDING
    assert approval.requested_by == alex
    assert approval.area == "19103"
    assert not GroupDraft.objects.filter(member=alex).exists()

    page = client.get(group.get_absolute_url())
    assert page.status_code == 200
    body = page.content.decode()
    assert "Waiting for approval." in body
    assert reverse("toolkit:structure", args=[group.slug]) in body
    assert reverse("toolkit:team", args=[group.slug]) in body


@pytest.mark.django_db
def test_a_new_group_is_in_the_finder_only_after_approval(
    alex: Member, program: Program, sam: Member
) -> None:
    client = signed_in(alex)
    group = flow_complete(client, program)
    online_meeting_add(alex, group)
    assert not ListedMeeting.objects.filter(group=group).exists()
    finder = Client().get(reverse("directory:meeting-list"), {"mode": "online"})
    assert finder.status_code == 200
    assert "Riverside Thursday" not in finder.content.decode()

    approval = GroupApproval.objects.get(group=group)
    response = signed_in(sam).post(
        reverse("toolkit:approve", args=[approval.pk]), {"note": "Welcome!"}
    )

    assert response.status_code == 302
    group.refresh_from_db()
    approval.refresh_from_db()
    assert group.visibility == Visibility.LISTED
    assert approval.decision == Decision.APPROVED
    assert approval.decided_by == sam
    assert approval.decided_at is not None
    assert ListedMeeting.objects.filter(group=group).count() == 1
    finder = Client().get(reverse("directory:meeting-list"), {"mode": "online"})
    assert "Riverside Thursday" in finder.content.decode()
    told = Notification.objects.get(member=alex)
    assert told.kind == NotificationKind.GROUP_DECISION
    assert told.url == group.get_absolute_url()
    assert (
        "Waiting for approval"
        not in client.get(group.get_absolute_url()).content.decode()
    )


@pytest.mark.django_db
def test_htmx_flow_swaps_each_step_and_makes_the_same_group(
    alex: Member, program: Program
) -> None:
    client = signed_in(alex)
    response = client.post(NEW, basics_post(program), headers=HTMX)
    draft = GroupDraft.objects.get(member=alex)
    assert response.status_code == 200
    assert response["HX-Push-Url"] == step_url(draft, "safety")
    body = response.content.decode()
    assert "<html" not in body
    assert 'data-step="safety"' in body
    assert "Who you see here, what you hear here" in body

    response = client.post(step_url(draft, "safety"), safety_post(), headers=HTMX)
    assert 'data-step="structure"' in response.content.decode()
    # A refused step comes back to htmx as a 200 fragment with the message.
    bad = structure_post([s for s in sections() if s["part"] != "closing"])
    response = client.post(step_url(draft, "structure"), bad, headers=HTMX)
    assert response.status_code == 200
    assert "Every meeting needs these parts: Closing." in response.content.decode()
    for step, data in (
        ("structure", structure_post()),
        ("team", {"role": "co_facilitator"}),
        ("resources", resources_post()),
    ):
        response = client.post(step_url(draft, step), data, headers=HTMX)
        assert response.status_code == 200
    assert 'data-step="review"' in response.content.decode()

    response = client.post(step_url(draft, "review"), {}, headers=HTMX)

    group = Group.objects.get(name="Riverside Dual Recovery")
    assert response["HX-Redirect"] == group.get_absolute_url()
    assert group.visibility == Visibility.UNLISTED
    assert TeamRole.objects.get(group=group).role == "co_facilitator"
    assert MeetingStructure.objects.filter(group=group).exists()
    assert len(group.resource_links) == 4


@pytest.mark.django_db
def test_the_review_step_reached_by_htmx_shows_the_answers(
    alex: Member, program: Program
) -> None:
    """The fragment that follows the last step is the filled review, not blanks."""
    client = signed_in(alex)
    draft = draft_after_basics(client, program)
    for step, data in (
        ("safety", safety_post()),
        ("structure", structure_post()),
        ("team", {"role": "co_facilitator"}),
    ):
        assert client.post(step_url(draft, step), data).status_code == 302
    response = client.post(step_url(draft, "resources"), resources_post(), headers=HTMX)

    assert response.status_code == 200
    assert response["HX-Push-Url"] == step_url(draft, "review")
    body = response.content.decode()
    assert "<html" not in body
    assert 'data-step="review"' in body
    for shown in (
        "<dd>Riverside Dual Recovery</dd>",
        "<dd>Dual Recovery Anonymous</dd>",
        "<dd>English</dd>",
        "<dd>19103</dd>",
        "<dd>A small, friendly group for dual recovery.</dd>",
        "<dd>Co-facilitator</dd>",
        "Who you see here, what you hear here",
        LOCAL_LINK["title"],
    ):
        assert shown in body, shown
    # The same as the page opened directly.
    direct = client.get(step_url(draft, "review")).content.decode()
    facts = body[body.index('<dl class="facts">') : body.index("</dl>")]
    assert facts in direct


@pytest.mark.django_db
def test_htmx_step_links_answer_with_the_fragment_only(
    alex: Member, program: Program
) -> None:
    client = signed_in(alex)
    draft = draft_after_basics(client, program)
    response = client.get(step_url(draft, "basics"), headers=HTMX)
    assert response.status_code == 200
    body = response.content.decode()
    assert "<html" not in body
    assert "Riverside Dual Recovery" in body
    full = client.get(step_url(draft, "basics")).content.decode()
    assert "<html" in full
    assert response["Vary"].count("HX-Request") == 1


# Drafts ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_draft_keeps_each_step_and_the_member_can_come_back(
    alex: Member, program: Program
) -> None:
    client = signed_in(alex)
    draft = draft_after_basics(client, program)
    edited = safety_post(guidelines="Our own words on respect.")
    assert client.post(step_url(draft, "safety"), edited).status_code == 302

    page = client.get(NEW).content.decode()
    assert "Riverside Dual Recovery" in page
    assert step_url(draft, "structure") in page
    again = client.get(step_url(draft, "safety")).content.decode()
    assert "Our own words on respect." in again
    draft.refresh_from_db()
    assert draft.step == "structure"
    assert draft.data["basics"]["area"] == "19103"


@pytest.mark.django_db
def test_steps_cannot_be_skipped(alex: Member, program: Program) -> None:
    client = signed_in(alex)
    draft = draft_after_basics(client, program)
    response = client.get(step_url(draft, "review"))
    assert response.status_code == 302
    assert response["Location"] == step_url(draft, "safety")
    response = client.post(step_url(draft, "team"), {"role": "facilitator"})
    assert response["Location"] == step_url(draft, "safety")
    draft.refresh_from_db()
    assert "team" not in draft.data
    assert client.get(step_url(draft, "nonsense")).status_code == 404


@pytest.mark.django_db
def test_drafts_belong_to_their_member(
    alex: Member, eve: Member, program: Program
) -> None:
    draft = draft_after_basics(signed_in(alex), program)
    eve_client = signed_in(eve)
    for step in ("basics", "safety"):
        assert eve_client.get(step_url(draft, step)).status_code == 404
        assert eve_client.post(step_url(draft, step), safety_post()).status_code == 404
    remove = reverse("toolkit:draft-remove", args=[draft.pk])
    assert eve_client.post(remove).status_code == 404
    assert "Riverside Dual Recovery" not in eve_client.get(NEW).content.decode()
    draft.refresh_from_db()
    assert draft.step == "safety"
    assert "safety" not in draft.data

    assert signed_in(alex).post(remove).status_code == 302
    assert not GroupDraft.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db
def test_visitors_are_sent_to_sign_in(client: Client) -> None:
    for url in (NEW, PENDING):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert client.post(NEW, {"name": "x"}).status_code == 302
    assert not GroupDraft.objects.exists()


# Validation -----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"area": "00000"}, "That ZIP code was not found."),
        ({"area": "abc"}, "That ZIP code was not found."),
        ({"name": ""}, "This field is required."),
        ({"languages": []}, "This field is required."),
        ({"focus": "cooking"}, "Select a valid choice."),
    ],
)
def test_bad_basics_are_refused_next_to_the_field_and_save_nothing(
    alex: Member, program: Program, changes: dict[str, Any], message: str
) -> None:
    response = signed_in(alex).post(NEW, basics_post(program, **changes))
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "Nothing was saved." in body
    assert not GroupDraft.objects.exists()


def minutes(rows: list[dict[str, Any]], *values: int) -> list[dict[str, Any]]:
    return [{**row, "minutes": value} for row, value in zip(rows, values, strict=True)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("make_rows", "message"),
    [
        (lambda rows: minutes(rows, 60, 40, 40, 40, 5), "most 180 minutes"),
        (lambda rows: minutes(rows, 0, 10, 10, 30, 5), "greater than or equal to 1"),
        (lambda rows: minutes(rows, 121, 10, 10, 30, 5), "less than or equal to 120"),
        (
            lambda rows: [{**rows[0], "title": ""}, *rows[1:]],
            "This field is required.",
        ),
        (
            lambda rows: [r for r in rows if r["part"] != "sharing"],
            "Every meeting needs these parts: Sharing.",
        ),
    ],
)
def test_a_bad_meeting_structure_is_refused_and_changes_nothing(
    alex: Member, program: Program, make_rows: Any, message: str
) -> None:
    client = signed_in(alex)
    draft = draft_after_basics(client, program)
    client.post(step_url(draft, "safety"), safety_post())
    draft.refresh_from_db()
    before = dict(draft.data)

    response = client.post(
        step_url(draft, "structure"), structure_post(make_rows(sections()))
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    draft.refresh_from_db()
    assert draft.data == before
    assert draft.step == "structure"


@pytest.mark.django_db
def test_safety_statements_are_all_required(alex: Member, program: Program) -> None:
    client = signed_in(alex)
    draft = draft_after_basics(client, program)
    response = client.post(
        step_url(draft, "safety"), safety_post(confidentiality_statement="  ")
    )
    assert response.status_code == 400
    assert 'id="id_confidentiality_statement_error"' in response.content.decode()
    draft.refresh_from_db()
    assert "safety" not in draft.data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("links", "message"),
    [
        (
            [{"title": "Local", "url": "http://local.example.org/", "kind": "other"}],
            "starts with https://",
        ),
        (
            [{"title": "Local", "url": "not a web address", "kind": "other"}],
            "Enter a valid URL.",
        ),
        ([], "Add at least one resource link."),
    ],
)
def test_resource_links_must_be_https(
    alex: Member, program: Program, links: list[dict[str, str]], message: str
) -> None:
    client = signed_in(alex)
    draft = draft_after_basics(client, program)
    client.post(step_url(draft, "safety"), safety_post())
    client.post(step_url(draft, "structure"), structure_post())
    client.post(step_url(draft, "team"), {"role": "facilitator"})
    response = client.post(step_url(draft, "resources"), resources_post(links))
    assert response.status_code == 400
    assert message in response.content.decode()
    draft.refresh_from_db()
    assert "resources" not in draft.data


@pytest.mark.django_db
def test_a_draft_made_invalid_meanwhile_is_refused_at_review_and_makes_nothing(
    alex: Member, program: Program
) -> None:
    client = signed_in(alex)
    draft = draft_at_review(client, program)
    draft.data["structure"]["sections"][0]["minutes"] = 500
    draft.save()
    groups_before = Group.objects.count()

    response = client.post(step_url(draft, "review"), {})

    assert response.status_code == 400
    assert "between 1 and 120 minutes" in response.content.decode()
    assert Group.objects.count() == groups_before
    assert (
        not Membership.objects.filter(member=alex, level=Level.LEADER)
        .exclude(group__slug="tuesday-dual-recovery")
        .exists()
    )
    assert GroupDraft.objects.filter(pk=draft.pk).exists()


def test_sections_problems_checks_minutes_total_titles_and_parts() -> None:
    good = sections("twelve_step")
    assert sections_problems(good) == []
    assert sections_problems([]) != []
    assert sections_problems("nope") != []
    assert any("120" in p for p in sections_problems(minutes(good, 1, 1, 1, 121)))
    assert any("180" in p for p in sections_problems(minutes(good, 60, 60, 60, 1)))
    assert sections_problems(minutes(good, 60, 60, 59, 1)) == []
    untitled = [{**good[0], "title": " "}, *good[1:]]
    assert sections_problems(untitled) == ["Section 1 needs a title."]
    with pytest.raises(ValidationError):
        MeetingStructure(style="smart", sections=untitled).clean()


# Prefill from the needs insights ------------------------------------------------


@pytest.mark.django_db
def test_the_needs_link_prefills_focus_and_says_who_looked(alex: Member) -> None:
    response = signed_in(alex).get(
        NEW, {"focus": "mental_health", "mode": "in_person", "area": "191"}
    )
    body = response.content.decode()
    assert "People near 191xx looked for this" in body
    assert '<option value="mental_health" selected>' in body
    plain = signed_in(alex).get(NEW, {"area": "<b>"}).content.decode()
    assert "looked for this" not in plain
    assert "<b>" not in plain


@pytest.mark.django_db
def test_the_needs_page_links_to_starting_a_group_there(fran: Member) -> None:
    for _ in range(MIN_CELL):
        need_record(focus="both", mode="in_person", zip3="191")
    response = signed_in(fran).get(reverse("matching:needs"))
    assert response.status_code == 200
    body = response.content.decode()
    link = f"{NEW}?focus=both&amp;mode=in_person&amp;area=191"
    assert f'<a href="{link}">Start a group here</a>' in body


# The structure and team pages -----------------------------------------------------


@pytest.fixture
def made(cast: Cast, program: Program) -> Group:
    """A group alex made with the toolkit; fran joined it and takes part."""
    group = flow_complete(signed_in(cast.alex), program)
    membership_join(by=cast.fran, group=group)
    Membership.objects.filter(member=cast.fran, group=group).update(
        level=Level.PARTICIPANT,
        participant_since=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    membership_join(by=cast.morgan, group=group)
    return group


def test_members_see_the_structure_and_team_others_do_not(
    cast: Cast, made: Group
) -> None:
    url = reverse("toolkit:structure", args=[made.slug])
    body = signed_in(cast.morgan).get(url).content.decode()
    assert "Welcome and opening" in body
    assert "Facilitator" in body
    assert "Alex K." in body
    assert "Waiting for approval." in body
    assert signed_in(cast.eve).get(url).status_code == 404
    assert Client().get(url).status_code == 302
    # The public page does not say who is on the team.
    public = Client().get(made.get_absolute_url()).content.decode()
    assert url not in public
    assert "Alex K." not in public


def test_a_leader_gives_a_role_to_a_participant_who_becomes_a_leader(
    cast: Cast, made: Group
) -> None:
    fran = Membership.objects.get(member=cast.fran, group=made)
    url = reverse("toolkit:team", args=[made.slug])
    response = signed_in(cast.alex).post(
        url, {"role": "co_facilitator", "membership": fran.pk}
    )
    assert response.status_code == 302
    fran.refresh_from_db()
    assert fran.level == Level.LEADER
    assert TeamRole.objects.get(group=made, role="co_facilitator").member == cast.fran
    actions = list(
        GroupChange.objects.filter(group=made).values_list("action", "changes")
    )
    assert (ChangeAction.LEADER_ADDED, {"membership": fran.pk}) in actions
    assert (
        ChangeAction.GROUP_UPDATED,
        {"team.co_facilitator": [None, fran.pk]},
    ) in actions
    assert "Fran D." in signed_in(cast.alex).get(url).content.decode()


def test_an_observer_or_an_outsider_cannot_take_a_role(cast: Cast, made: Group) -> None:
    morgan = Membership.objects.get(member=cast.morgan, group=made)
    alex = signed_in(cast.alex)
    url = reverse("toolkit:team", args=[made.slug])
    response = alex.post(url, {"role": "secretary", "membership": morgan.pk})
    assert response.status_code == 400
    assert "Observers step up" in response.content.decode()
    other_group = Membership.objects.get(member=cast.fran, group=cast.group)
    response = alex.post(url, {"role": "secretary", "membership": other_group.pk})
    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert not TeamRole.objects.filter(group=made, role="secretary").exists()
    morgan.refresh_from_db()
    assert morgan.level == Level.OBSERVER


def test_one_holder_per_role_and_roles_can_be_left_open(
    cast: Cast, made: Group
) -> None:
    fran = Membership.objects.get(member=cast.fran, group=made)
    team_role_assign(by=cast.alex, group=made, membership_id=fran.pk, role="timekeeper")
    alex = Membership.objects.get(member=cast.alex, group=made)
    team_role_assign(by=cast.alex, group=made, membership_id=alex.pk, role="timekeeper")
    assert list(
        TeamRole.objects.filter(group=made, role="timekeeper").values_list("member")
    ) == [(cast.alex.pk,)]
    role = TeamRole.objects.get(group=made, role="timekeeper")
    url = reverse("toolkit:team-remove", args=[made.slug, role.pk])
    assert signed_in(cast.eve).post(url).status_code == 404
    assert signed_in(cast.alex).post(url).status_code == 302
    assert not TeamRole.objects.filter(pk=role.pk).exists()


def test_only_leaders_reach_the_team_page(cast: Cast, made: Group) -> None:
    url = reverse("toolkit:team", args=[made.slug])
    assert signed_in(cast.alex).get(url).status_code == 200
    for member in (cast.fran, cast.morgan, cast.eve):
        assert signed_in(member).get(url).status_code == 404
    morgan = Membership.objects.get(member=cast.morgan, group=made)
    with pytest.raises(Http404):
        team_role_assign(
            by=cast.fran, group=made, membership_id=morgan.pk, role="secretary"
        )


# Approval -------------------------------------------------------------------------


def test_declining_keeps_the_group_unlisted_and_tells_the_founder(
    cast: Cast, made: Group, sam: Member
) -> None:
    online_meeting_add(cast.alex, made)
    approval = GroupApproval.objects.get(group=made)
    staff = signed_in(sam)
    url = reverse("toolkit:decline", args=[approval.pk])

    response = staff.post(url, {"note": ""}, follow=True)
    assert "Tell the founder why" in response.content.decode()
    approval.refresh_from_db()
    assert approval.decision == Decision.PENDING
    assert not Notification.objects.filter(member=cast.alex).exists()

    staff.post(url, {"note": "Please add a local treatment centre."})
    approval.refresh_from_db()
    made.refresh_from_db()
    assert approval.decision == Decision.DECLINED
    assert approval.decided_by == sam
    assert made.visibility == Visibility.UNLISTED
    assert not ListedMeeting.objects.filter(group=made).exists()
    told = Notification.objects.get(member=cast.alex)
    assert told.body == "Please add a local treatment centre."
    page = signed_in(cast.alex).get(made.get_absolute_url()).content.decode()
    assert "Not approved for the directory." in page
    assert "Please add a local treatment centre." in page
    # Decided once: approving now is refused and changes nothing.
    response = staff.post(reverse("toolkit:approve", args=[approval.pk]), follow=True)
    assert "decided on already" in response.content.decode()
    made.refresh_from_db()
    assert made.visibility == Visibility.UNLISTED


def test_only_staff_see_and_decide_pending_groups(
    cast: Cast, made: Group, sam: Member, django_assert_max_num_queries: Any
) -> None:
    approval = GroupApproval.objects.get(group=made)
    for member in (cast.eve, cast.alex):
        client = signed_in(member)
        assert client.get(PENDING).status_code == 404
        assert (
            client.post(reverse("toolkit:approve", args=[approval.pk])).status_code
            == 404
        )
    with pytest.raises(Http404):
        group_approve(by=cast.alex, approval_id=approval.pk)
    with pytest.raises(Http404):
        group_decline(by=cast.alex, approval_id=approval.pk, note="No")
    approval.refresh_from_db()
    assert approval.decision == Decision.PENDING

    flow_complete(signed_in(cast.morgan), program_create(), name="Second group")
    flow_complete(signed_in(cast.fran), program_create(), name="Third group")
    staff = signed_in(sam)
    staff.get(PENDING)  # the session's first request does its own bookkeeping
    with django_assert_max_num_queries(8):
        response = staff.get(PENDING)
    body = response.content.decode()
    assert response.status_code == 200
    for name in ("Riverside Dual Recovery", "Second group", "Third group"):
        assert name in body


def test_approval_through_the_django_admin(
    cast: Cast, made: Group, sam: Member
) -> None:
    sam.user.is_superuser = True
    sam.user.save(update_fields=["is_superuser"])
    approval = GroupApproval.objects.get(group=made)
    response = signed_in(sam).post(
        reverse("admin:toolkit_groupapproval_changelist"),
        {"action": "approve", "_selected_action": [approval.pk]},
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.visibility == Visibility.LISTED
    approval.refresh_from_db()
    assert approval.decision == Decision.APPROVED
    assert approval.decided_by == sam


def test_declining_in_the_admin_needs_a_note(
    cast: Cast, made: Group, sam: Member
) -> None:
    sam.user.is_superuser = True
    sam.user.save(update_fields=["is_superuser"])
    approval = GroupApproval.objects.get(group=made)
    admin = signed_in(sam)
    changelist = reverse("admin:toolkit_groupapproval_changelist")
    admin.post(changelist, {"action": "decline", "_selected_action": [approval.pk]})
    approval.refresh_from_db()
    assert approval.decision == Decision.PENDING
    GroupApproval.objects.filter(pk=approval.pk).update(note="Needs a description.")
    admin.post(changelist, {"action": "decline", "_selected_action": [approval.pk]})
    approval.refresh_from_db()
    assert approval.decision == Decision.DECLINED


def test_a_toolkit_error_is_raised_for_an_unfinished_draft(
    alex: Member, program: Program
) -> None:
    from kinship.toolkit.services import group_create_from_draft

    draft = draft_after_basics(signed_in(alex), program)
    with pytest.raises(ToolkitError):
        group_create_from_draft(by=alex, draft_id=draft.pk)
    assert not GroupApproval.objects.exists()


def test_leaders_change_the_structure_and_the_change_is_recorded(
    cast: Cast, made: Group
) -> None:
    url = reverse("toolkit:structure-edit", args=[made.slug])
    alex = signed_in(cast.alex)
    assert alex.get(url).status_code == 200
    rows = sections("smart")
    response = alex.post(url, structure_post(rows, style="smart"))
    assert response.status_code == 302
    structure = MeetingStructure.objects.get(group=made)
    assert structure.style == "smart"
    assert [s["title"] for s in structure.sections] == [r["title"] for r in rows]
    change = GroupChange.objects.filter(group=made).latest("pk")
    assert set(change.changes) == {"structure.style", "structure.sections"}

    too_long = structure_post(minutes(rows, 100, 100, 10, 10, 10), style="smart")
    response = alex.post(url, too_long)
    assert response.status_code == 400
    assert "most 180 minutes" in response.content.decode()
    structure.refresh_from_db()
    assert structure.total_minutes == sum(r["minutes"] for r in rows)
    for member in (cast.fran, cast.morgan, cast.eve):
        assert signed_in(member).get(url).status_code == 404
        assert signed_in(member).post(url, too_long).status_code == 404


@pytest.mark.django_db
def test_the_drafts_list_is_a_fixed_number_of_queries(
    alex: Member, program: Program, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(alex)
    for _ in range(3):
        draft_after_basics(client, program)
    client.get(NEW)
    with django_assert_max_num_queries(12):
        response = client.get(NEW)
    assert response.content.decode().count("Riverside Dual Recovery") == 3 * 2
