"""Membership pages: join, step up, leave, invitations, the roster, leaders' edits."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.directory.models import Group, Meeting

from .access import MemberRequest, member_required
from .leader_forms import GroupEditForm, MeetingEditForm
from .models import GroupChange
from .roster import RATE_DAYS, roster_rows
from .selectors import access_group, access_led_group, group_usual_timezone
from .services import (
    MembershipError,
    group_update,
    invitation_create,
    invitation_valid,
    meeting_remove,
    meeting_save,
    membership_join,
    membership_leave,
    membership_make_leader,
    membership_step_up,
)


def _back_to(group: Group) -> HttpResponse:
    return redirect("directory:group-detail", group.slug)


@require_POST
@member_required
def group_join(request: MemberRequest, slug: str) -> HttpResponse:
    group = access_group(request.member, slug)
    try:
        membership_join(by=request.member, group=group)
    except MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("You joined %(group)s as an observer: you can attend and RSVP.")
            % {"group": group.name},
        )
    return _back_to(group)


@require_http_methods(["GET", "POST"])
@member_required
def invitation_accept(request: MemberRequest, slug: str, token: str) -> HttpResponse:
    group = Group.objects.filter(slug=slug).first()
    if group is None or not invitation_valid(group, token):
        return render(request, "members/invitation_invalid.html", status=404)
    if request.method == "POST":
        try:
            membership_join(by=request.member, group=group, invitation=token)
        except MembershipError as error:
            messages.error(request, str(error))
        return _back_to(group)
    return render(request, "members/invitation_accept.html", {"group": group})


@require_POST
@member_required
def membership_step_up_view(request: MemberRequest, slug: str) -> HttpResponse:
    group = access_group(request.member, slug)
    try:
        membership_step_up(by=request.member, group=group)
    except MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("You are now a participant in this group."))
    return _back_to(group)


@require_POST
@member_required
def membership_leave_view(request: MemberRequest, slug: str) -> HttpResponse:
    group = access_group(request.member, slug)
    try:
        membership_leave(by=request.member, group=group)
    except MembershipError as error:
        messages.error(request, str(error))
        return _back_to(group)
    messages.success(request, _("You left %(group)s.") % {"group": group.name})
    return redirect("members:me")


@require_GET
@member_required
def roster(request: MemberRequest, slug: str) -> HttpResponse:
    group = access_led_group(request.member, slug)
    rows = roster_rows(by=request.member, group=group)
    context = {"group": group, "rows": rows, "rate_days": RATE_DAYS}
    return render(request, "members/group_roster.html", context)


@require_POST
@member_required
def roster_make_leader(
    request: MemberRequest, slug: str, membership_id: int
) -> HttpResponse:
    group = access_led_group(request.member, slug)
    try:
        membership_make_leader(by=request.member, membership_id=membership_id)
    except MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("They are now a leader of this group."))
    return redirect("membership:roster", group.slug)


@require_POST
@member_required
def invitation_new(request: MemberRequest, slug: str) -> HttpResponse:
    group = access_led_group(request.member, slug)
    token = invitation_create(by=request.member, group=group)
    link = request.build_absolute_uri(
        reverse("membership:invitation-accept", args=[group.slug, token])
    )
    return render(
        request, "members/invitation_new.html", {"group": group, "link": link}
    )


@require_http_methods(["GET", "POST"])
@member_required
def group_edit(request: MemberRequest, slug: str) -> HttpResponse:
    group = access_led_group(request.member, slug)
    form = GroupEditForm(request.POST or None, instance=Group.objects.get(pk=group.pk))
    if request.method == "POST" and form.is_valid():
        try:
            group_update(by=request.member, group=group, values=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The group's details are saved."))
            return _back_to(group)
    return render(request, "members/group_edit.html", {"group": group, "form": form})


def _meeting_of(group: Group, meeting_slug: str) -> Meeting:
    meeting = (
        group.meetings.select_related("location").filter(slug=meeting_slug).first()
    )
    if meeting is None:
        raise Http404("No such meeting")
    return meeting


@require_http_methods(["GET", "POST"])
@member_required
def meeting_edit(
    request: MemberRequest, slug: str, meeting_slug: str | None = None
) -> HttpResponse:
    group = access_led_group(request.member, slug)
    meeting = _meeting_of(group, meeting_slug) if meeting_slug else None
    usual = group_usual_timezone(group, fallback=request.member.timezone)
    form = MeetingEditForm(request.POST or None, instance=meeting, usual_timezone=usual)
    if request.method == "POST" and form.is_valid():
        try:
            meeting_save(
                by=request.member,
                group=group,
                meeting=meeting,
                values=form.meeting_values(),
                place=form.place_values(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting is saved."))
            return _back_to(group)
    context = {"group": group, "meeting": meeting, "form": form}
    return render(request, "members/meeting_edit.html", context)


@require_POST
@member_required
def meeting_remove_view(
    request: MemberRequest, slug: str, meeting_slug: str
) -> HttpResponse:
    group = access_led_group(request.member, slug)
    try:
        meeting_remove(
            by=request.member, group=group, meeting=_meeting_of(group, meeting_slug)
        )
    except MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The meeting is removed."))
    return _back_to(group)


@require_GET
@member_required
def group_changes(request: MemberRequest, slug: str) -> HttpResponse:
    group = access_led_group(request.member, slug)
    changes = GroupChange.objects.filter(group=group).select_related("by")[:200]
    return render(
        request, "members/group_changes.html", {"group": group, "changes": changes}
    )
