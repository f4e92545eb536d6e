"""Every write of the new-group toolkit: drafts, making the group, its team, and
a site admin's approval.

Each service takes the acting member as ``by``. A refusal the person should read
raises ``ToolkitError`` (or a ``ValidationError`` with field messages); what they
may not even know exists is an ``Http404``. A refused call changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kinship.directory.models import Group, Language, Program, Visibility
from kinship.directory.services import listings_refresh
from kinship.members.models import (
    ChangeAction,
    GroupChange,
    Level,
    Member,
    Membership,
)
from kinship.members.selectors import is_group_leader
from kinship.members.services import membership_make_leader
from kinship.notifications.models import NotificationKind
from kinship.notifications.services import notification_send

from .models import (
    STEP_ORDER,
    Decision,
    DraftStep,
    GroupApproval,
    GroupDraft,
    MeetingStructure,
    ResourceKind,
    TeamRole,
    TeamRoleName,
)
from .notification_texts import GROUP_DECLINED, GROUP_LISTED

# Paths of the toolkit that a group's slug must never take.
RESERVED_SLUGS = frozenset({"new", "pending"})


class ToolkitError(Exception):
    """A request the member may make but that cannot be done, with the reason."""


def _next_step(step: str) -> str:
    index = STEP_ORDER.index(step)
    return STEP_ORDER[min(index + 1, len(STEP_ORDER) - 1)]


@transaction.atomic
def draft_start(*, by: Member, basics: dict[str, Any]) -> GroupDraft:
    """A new draft from the answers of the first step (already validated)."""
    return GroupDraft.objects.create(
        member=by,
        name=str(basics["name"]),
        data={DraftStep.BASICS: basics},
        step=DraftStep.SAFETY,
    )


@transaction.atomic
def draft_step_save(
    *, by: Member, draft_id: int, step: str, values: dict[str, Any]
) -> GroupDraft:
    """Keep one step's answers (already validated) and open the next step."""
    draft = (
        GroupDraft.objects.select_for_update().filter(pk=draft_id, member=by).first()
    )
    if draft is None:
        raise Http404("No such draft")
    if step not in STEP_ORDER or step == DraftStep.REVIEW or not draft.reached(step):
        raise ToolkitError(_("Finish the earlier steps first."))
    draft.data = {**draft.data, step: values}
    if step == DraftStep.BASICS:
        draft.name = str(values["name"])
    if draft.step == step:
        draft.step = _next_step(step)
    draft.save()
    return draft


@transaction.atomic
def draft_remove(*, by: Member, draft_id: int) -> None:
    """Throw away one of the member's drafts."""
    deleted, _rows = GroupDraft.objects.filter(pk=draft_id, member=by).delete()
    if not deleted:
        raise Http404("No such draft")


def _group_slug(name: str) -> str:
    base = slugify(name)[:100].strip("-") or "group"
    if base in RESERVED_SLUGS:
        base = f"{base}-group"
    slug = base
    suffix = 2
    while Group.objects.filter(slug=slug).exists():
        slug = f"{base}-{suffix}"
        suffix += 1
    return slug


def _step_data(draft: GroupDraft, step: DraftStep) -> dict[str, Any]:
    values = draft.data.get(step.value)
    if not isinstance(values, dict):
        raise ToolkitError(
            _("The step “%(step)s” is not finished yet.") % {"step": step.label}
        )
    return values


def _resource_links(values: dict[str, Any]) -> list[dict[str, str]]:
    links = values.get("links")
    if not isinstance(links, list) or not links:
        raise ToolkitError(_("Add at least one resource link."))
    clean: list[dict[str, str]] = []
    for link in links:
        if not isinstance(link, dict) or not str(link.get("url", "")).startswith(
            "https://"
        ):
            raise ToolkitError(_("Every resource link needs an https:// address."))
        kind = link.get("kind")
        clean.append(
            {
                "title": str(link.get("title", "")),
                "url": str(link["url"]),
                "kind": kind if kind in ResourceKind.values else ResourceKind.OTHER,
            }
        )
    return clean


@transaction.atomic
def group_create_from_draft(*, by: Member, draft_id: int) -> Group:
    """Make the group a draft describes, all at once, and ask for approval.

    Creates the group (unlisted: not in the directory or the finder until a site
    admin approves it), the founder's membership as a leader, their team role,
    the meeting structure and the approval request; the draft is then removed.
    A ``ToolkitError`` or ``ValidationError`` changes nothing.
    """
    draft = (
        GroupDraft.objects.select_for_update().filter(pk=draft_id, member=by).first()
    )
    if draft is None:
        raise Http404("No such draft")
    basics = _step_data(draft, DraftStep.BASICS)
    safety = _step_data(draft, DraftStep.SAFETY)
    structure = _step_data(draft, DraftStep.STRUCTURE)
    team = _step_data(draft, DraftStep.TEAM)
    links = _resource_links(_step_data(draft, DraftStep.RESOURCES))
    program = Program.objects.filter(pk=int(basics.get("program") or 0)).first()
    if program is None:
        raise ToolkitError(_("Choose the group's program again in the first step."))
    if team.get("role") not in TeamRoleName.values:
        raise ToolkitError(_("Choose your role in the team."))

    group = Group(
        name=str(basics["name"]),
        slug=_group_slug(str(basics["name"])),
        program=program,
        focus=str(basics["focus"]),
        description=str(basics.get("description", "")),
        audience=list(basics.get("audience", [])),
        guidelines=str(safety.get("guidelines", "")),
        confidentiality_statement=str(safety.get("confidentiality_statement", "")),
        inclusivity_statement=str(safety.get("inclusivity_statement", "")),
        resource_links=links,
        visibility=Visibility.UNLISTED,
    )
    if not (
        group.guidelines
        and group.confidentiality_statement
        and group.inclusivity_statement
    ):
        raise ToolkitError(_("The safe-environment step needs all three statements."))
    group.full_clean()
    group.save()
    group.languages.set(Language.objects.filter(pk__in=basics.get("languages", [])))
    now = timezone.now()
    Membership.objects.create(
        member=by,
        group=group,
        level=Level.LEADER,
        joined_at=now,
        participant_since=now,
        leader_since=now,
    )
    TeamRole.objects.create(group=group, member=by, role=team["role"], assigned_at=now)
    meeting_structure = MeetingStructure(
        group=group,
        style=str(structure.get("style", "")),
        sections=structure.get("sections", []),
    )
    meeting_structure.full_clean()
    meeting_structure.save()
    GroupApproval.objects.create(
        group=group,
        requested_by=by,
        requested_at=now,
        area=str(basics.get("area", "")),
    )
    draft.delete()
    return group


@transaction.atomic
def meeting_structure_save(
    *, by: Member, group: Group, style: str, sections: list[dict[str, Any]]
) -> MeetingStructure:
    """A leader writes or changes how the group's meetings run; the change is
    recorded. Rules of ``MeetingStructure.clean`` apply (a ``ValidationError``
    changes nothing)."""
    if not is_group_leader(by, group):
        raise Http404("No such group")
    structure = MeetingStructure.objects.select_for_update().filter(
        group=group
    ).first() or MeetingStructure(group=group)
    old = {"style": structure.style, "sections": structure.sections}
    structure.style = style
    structure.sections = sections
    structure.full_clean()
    if old == {"style": style, "sections": sections}:
        return structure
    structure.save()
    GroupChange.objects.create(
        group=group,
        by=by,
        action=ChangeAction.GROUP_UPDATED,
        changes={
            f"structure.{field}": [old[field], new]
            for field, new in (("style", style), ("sections", sections))
            if old[field] != new
        },
    )
    return structure


def _membership_id(group: Group, member_id: int | None) -> int | None:
    if member_id is None:
        return None
    return (
        Membership.objects.filter(group=group, member_id=member_id)
        .values_list("pk", flat=True)
        .first()
    )


@transaction.atomic
def team_role_assign(
    *, by: Member, group: Group, membership_id: int, role: str
) -> TeamRole:
    """A leader gives a team role to a member of the group (replacing whoever held
    it). A participant becomes a leader through ``membership_make_leader``;
    observers step up first. The change is recorded in the group's history."""
    if not is_group_leader(by, group):
        raise Http404("No such group")
    if role not in TeamRoleName.values:
        raise ToolkitError(_("Choose one of the team's roles."))
    membership = Membership.objects.filter(pk=membership_id, group=group).first()
    if membership is None:
        raise ToolkitError(_("Choose a member of this group."))
    if membership.level == Level.OBSERVER:
        raise ToolkitError(
            _("Observers step up to take part before they join the team.")
        )
    if membership.level == Level.PARTICIPANT:
        membership_make_leader(by=by, membership_id=membership.pk)
    current = (
        TeamRole.objects.select_for_update().filter(group=group, role=role).first()
    )
    if current is not None and current.member_id == membership.member_id:
        return current
    old = _membership_id(group, current.member_id if current else None)
    if current is None:
        current = TeamRole(group=group, role=role)
    current.member_id = membership.member_id
    current.assigned_at = timezone.now()
    try:
        # Two leaders filling the same open role at once: the constraint refuses
        # the second.
        with transaction.atomic():
            current.save()
    except IntegrityError:
        raise ToolkitError(
            _("Someone has just given this role; look again at the team.")
        ) from None
    GroupChange.objects.create(
        group=group,
        by=by,
        action=ChangeAction.GROUP_UPDATED,
        changes={f"team.{role}": [old, membership.pk]},
    )
    return current


@transaction.atomic
def team_role_remove(*, by: Member, group: Group, role_id: int) -> None:
    """A leader leaves a team role open again; the change is recorded."""
    if not is_group_leader(by, group):
        raise Http404("No such group")
    role = TeamRole.objects.filter(pk=role_id, group=group).first()
    if role is None:
        raise Http404("No such role")
    GroupChange.objects.create(
        group=group,
        by=by,
        action=ChangeAction.GROUP_UPDATED,
        changes={f"team.{role.role}": [_membership_id(group, role.member_id), None]},
    )
    role.delete()


def _pending_for_staff(by: Member, approval_id: int) -> GroupApproval:
    if not by.user.is_staff:
        raise Http404("No such request")
    approval = (
        # Only inner joins: PostgreSQL cannot lock the nullable side of a join.
        GroupApproval.objects.select_for_update()
        .select_related("group")
        .filter(pk=approval_id)
        .first()
    )
    if approval is None:
        raise Http404("No such request")
    if approval.decision != Decision.PENDING:
        raise ToolkitError(_("This group has been decided on already."))
    return approval


def _decide(approval: GroupApproval, by: Member, decision: str, note: str) -> None:
    approval.decision = decision
    approval.decided_by = by
    approval.decided_at = timezone.now()
    approval.note = note.strip()
    approval.save()


def _group_meeting_ids(group: Group) -> list[int]:
    return list(group.meetings.values_list("pk", flat=True))


@transaction.atomic
def group_approve(*, by: Member, approval_id: int, note: str = "") -> GroupApproval:
    """A site admin lists a new group in the directory; its founder is told."""
    approval = _pending_for_staff(by, approval_id)
    group = approval.group
    group.visibility = Visibility.LISTED
    group.save(update_fields=["visibility", "updated_at"])
    _decide(approval, by, Decision.APPROVED, note)
    listings_refresh(meeting_ids=_group_meeting_ids(group))
    if approval.requested_by is not None:
        notification_send(
            member=approval.requested_by,
            kind=NotificationKind.GROUP_DECISION,
            text=GROUP_LISTED,
            params={"group": group.name, "note": approval.note},
            url=group.get_absolute_url(),
        )
    return approval


@transaction.atomic
def group_decline(*, by: Member, approval_id: int, note: str) -> GroupApproval:
    """A site admin declines to list a new group, saying why; it stays unlisted and
    its founder is told."""
    if not note.strip():
        raise ValidationError(
            {"note": _("Tell the founder why, so they can put it right.")}
        )
    approval = _pending_for_staff(by, approval_id)
    group = approval.group
    if group.visibility == Visibility.LISTED:
        group.visibility = Visibility.UNLISTED
        group.save(update_fields=["visibility", "updated_at"])
        listings_refresh(meeting_ids=_group_meeting_ids(group))
    _decide(approval, by, Decision.DECLINED, note)
    if approval.requested_by is not None:
        notification_send(
            member=approval.requested_by,
            kind=NotificationKind.GROUP_DECISION,
            text=GROUP_DECLINED,
            params={"group": group.name, "note": approval.note},
            url=group.get_absolute_url(),
        )
    return approval
