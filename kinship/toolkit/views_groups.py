"""Pages of a group made with the toolkit: its meeting structure and team (for its
members), the team page (for its leaders), and site admins' approvals."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.core.http import first_error
from kinship.members.access import MemberRequest, member_required
from kinship.members.selectors import access_led_group, access_member_group
from kinship.members.services import MembershipError

from . import starter_texts
from .forms import (
    SECTIONS_PREFIX,
    BaseSectionFormSet,
    DecisionForm,
    SectionFormSet,
    StyleForm,
    TeamAssignForm,
)
from .selectors import approval_of, approvals_pending, structure_of, team_of
from .services import (
    ToolkitError,
    group_approve,
    group_decline,
    meeting_structure_save,
    team_role_assign,
    team_role_remove,
)


@require_GET
@member_required
def group_structure(request: MemberRequest, slug: str) -> HttpResponse:
    """How the group's meetings run and who is on its team: for its members."""
    membership = access_member_group(request.member, slug)
    group = membership.group
    context = {
        "group": group,
        "membership": membership,
        "structure": structure_of(group),
        "team": team_of(group),
        "approval": approval_of(group),
    }
    return render(request, "toolkit/group_structure.html", context)


@require_http_methods(["GET", "POST"])
@member_required
def group_structure_edit(request: MemberRequest, slug: str) -> HttpResponse:
    """Leaders change the group's meeting structure."""
    group = access_led_group(request.member, slug)
    saved = structure_of(group)
    style = saved.style if saved else starter_texts.style_for_focus(group.focus)
    posted = request.POST if request.method == "POST" else None
    form = StyleForm(posted, initial={"style": style})
    rows = saved.sections if saved else starter_texts.style_sections(style)
    # Bound rows compare with no initial values: a blank extra row is unchanged.
    initial = None if posted else rows
    formset = SectionFormSet(posted, initial=initial, prefix=SECTIONS_PREFIX)
    assert isinstance(formset, BaseSectionFormSet)
    if posted is not None and form.is_valid() and formset.is_valid():
        try:
            meeting_structure_save(
                by=request.member,
                group=group,
                style=form.cleaned_data["style"],
                sections=formset.sections(),
            )
        except ValidationError as invalid:
            form.add_error(None, first_error(invalid))
        else:
            messages.success(request, _("The meeting structure is saved."))
            return redirect("toolkit:structure", group.slug)
    context = {"group": group, "form": form, "formset": formset}
    status = 400 if form.errors or formset.total_error_count() else 200
    return render(request, "toolkit/structure_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
@member_required
def group_team(request: MemberRequest, slug: str) -> HttpResponse:
    """The leadership team: leaders give roles to members of the group."""
    group = access_led_group(request.member, slug)
    form = TeamAssignForm(request.POST or None, group_id=group.pk)
    if request.method == "POST" and form.is_valid():
        try:
            team_role_assign(
                by=request.member,
                group=group,
                membership_id=form.cleaned_data["membership"].pk,
                role=form.cleaned_data["role"],
            )
        except (ToolkitError, MembershipError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The team is updated."))
            return redirect("toolkit:team", group.slug)
    context = {"group": group, "form": form, "team": team_of(group)}
    status = 400 if form.errors else 200
    return render(request, "toolkit/group_team.html", context, status=status)


@require_POST
@member_required
def group_team_remove(request: MemberRequest, slug: str, role_id: int) -> HttpResponse:
    group = access_led_group(request.member, slug)
    team_role_remove(by=request.member, group=group, role_id=role_id)
    messages.success(request, _("The role is open again."))
    return redirect("toolkit:team", group.slug)


def _staff_only(request: MemberRequest) -> None:
    if not request.user.is_staff:
        raise Http404("No such page")


@require_GET
@member_required
def approvals(request: MemberRequest) -> HttpResponse:
    """New groups waiting for a site admin's decision."""
    _staff_only(request)
    context = {"approvals": list(approvals_pending()), "form": DecisionForm()}
    return render(request, "toolkit/approval_list.html", context)


@require_POST
@member_required
def approval_approve(request: MemberRequest, approval_id: int) -> HttpResponse:
    _staff_only(request)
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        approval = group_approve(by=request.member, approval_id=approval_id, note=note)
    except ToolkitError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(group)s is listed in the directory.") % {"group": approval.group},
        )
    return redirect("toolkit:pending")


@require_POST
@member_required
def approval_decline(request: MemberRequest, approval_id: int) -> HttpResponse:
    _staff_only(request)
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        approval = group_decline(by=request.member, approval_id=approval_id, note=note)
    except ToolkitError as error:
        messages.error(request, str(error))
    except ValidationError as invalid:
        messages.error(request, first_error(invalid))
    else:
        messages.success(
            request,
            _("%(group)s stays unlisted; its founder is told why.")
            % {"group": approval.group},
        )
    return redirect("toolkit:pending")
