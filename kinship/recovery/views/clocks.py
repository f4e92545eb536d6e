"""Pages of the recovery tools: sobriety clocks, milestones and a group's feed of
shared milestones with encouragement."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.core.confirm import Confirmation, confirm_page, confirmed
from kinship.core.http import first_error, safe_next
from kinship.core.timezones import local_datetime, zone
from kinship.members.access import MemberHtmxRequest, MemberRequest, member_required
from kinship.members.models import Level
from kinship.members.selectors import access_member_group, groups_of

from ..forms.clocks import (
    ClockCreateForm,
    ClockEditForm,
    ClockResetForm,
    EncouragementForm,
    MilestoneShareForm,
    RemoveForm,
)
from ..milestones import milestones_refresh
from ..models import EncouragementPreset
from ..selectors import clocks as read
from ..services import clocks as services


def _done(
    request: HttpRequest, error: str | None, success: str, to: str
) -> HttpResponse:
    if error:
        messages.error(request, error)
    else:
        messages.success(request, success)
    return redirect(to)


# -- the member's clocks ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@never_cache
@member_required
def clock_list(request: MemberRequest) -> HttpResponse:
    member = request.member
    form = ClockCreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            clock = services.clock_create(by=member, **form.cleaned_data)
        except ValidationError as invalid:
            form.add_error(
                "label" if invalid.code == "label" else "start_date", invalid
            )
        else:
            milestones_refresh(member)
            messages.success(request, _("Your clock is started."))
            return redirect("recovery:clock-detail", clock.pk)
    milestones_refresh(member)
    context = {
        "clocks": read.clocks_for_member(member),
        "form": form,
        "tz_name": member.timezone,
    }
    status = 400 if form.is_bound else 200
    return render(request, "recovery/clock_list.html", context, status=status)


@require_GET
@never_cache
@member_required
def clock_detail(request: MemberRequest, clock_id: int) -> HttpResponse:
    member = request.member
    read.access_clock(member, clock_id)  # 404 before any write
    milestones_refresh(member)
    detail = read.clock_detail(member, clock_id)
    clock = detail.summary.clock
    context = {
        "detail": detail,
        "clock": clock,
        "edit_form": ClockEditForm(
            initial={"label": clock.label, "hidden": clock.hidden}
        ),
        "tz_name": member.timezone,
    }
    return render(request, "recovery/clock_detail.html", context)


@require_POST
@member_required
def clock_edit(request: MemberRequest, clock_id: int) -> HttpResponse:
    read.access_clock(request.member, clock_id)
    form = ClockEditForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.clock_update(
                by=request.member, clock_id=clock_id, **form.cleaned_data
            )
        except ValidationError as invalid:
            error = first_error(invalid)
    else:
        error = first_error(form)
    to = reverse("recovery:clock-detail", args=[clock_id])
    return _done(request, error, _("Your clock is saved."), to)


def _reset_at(form: ClockResetForm, tz_name: str) -> dt.datetime | None:
    day = form.cleaned_data["reset_date"]
    if day is None:
        return None
    wall = form.cleaned_data["reset_time"] or dt.time(0, 0)
    return local_datetime(day, wall, zone(tz_name))


def _reset_confirmation(
    request: MemberRequest, clock_id: int, form: ClockResetForm
) -> Confirmation:
    summary = read.clock_contents(request.member, clock_id).summary
    since = date_format(
        localtime(summary.clock.started_at, zone(request.member.timezone)),
        "j M Y, H:i",
    )
    return Confirmation(
        title=_("Reset %(label)s?") % {"label": summary.label},
        consequences=[
            ngettext(
                "Your current streak of %(days)d day (since %(since)s) ends at "
                "the date and time you give below, or now.",
                "Your current streak of %(days)d days (since %(since)s) ends at "
                "the date and time you give below, or now.",
                summary.days,
            )
            % {"days": summary.days, "since": since},
            _("A new streak starts there, at 0 days."),
            _(
                "The ended streak stays in this clock's history with your note; "
                "your longest streak and your total days still count it."
            ),
            _(
                "If you date the reset in the past, this streak's milestones "
                "reached after it are taken away, also from the groups you "
                "shared them with."
            ),
        ],
        action=reverse("recovery:clock-reset", args=[clock_id]),
        button=_("Yes, reset the clock"),
        cancel=reverse("recovery:clock-detail", args=[clock_id]),
        form=form,
        danger=False,
        lede=_("Dates and times are in your time zone (%(zone)s).")
        % {"zone": request.member.timezone},
    )


@require_GET
@never_cache
@member_required
def clock_reset_confirm(request: MemberRequest, clock_id: int) -> HttpResponse:
    confirmation = _reset_confirmation(request, clock_id, ClockResetForm())
    return confirm_page(request, confirmation)


@require_POST
@member_required
def clock_reset(request: MemberRequest, clock_id: int) -> HttpResponse:
    member = request.member
    read.access_clock(member, clock_id)
    form = ClockResetForm(request.POST)
    if confirmed(request) and form.is_valid():
        try:
            services.clock_reset(
                by=member,
                clock_id=clock_id,
                at=_reset_at(form, member.timezone),
                note=form.cleaned_data["note"],
            )
        except ValidationError as invalid:
            form.add_error(None, invalid)
        else:
            messages.success(
                request, _("A new streak starts. Every day you had still counts.")
            )
            return redirect("recovery:clock-detail", clock_id)
    confirmation = _reset_confirmation(request, clock_id, form)
    return confirm_page(request, confirmation, status=400)


def _delete_confirmation(request: MemberRequest, clock_id: int) -> Confirmation:
    contents = read.clock_contents(request.member, clock_id)
    label = contents.summary.label
    return Confirmation(
        title=_("Delete %(label)s and its history?") % {"label": label},
        consequences=[
            ngettext(
                "The clock %(label)s is deleted, with its current streak of "
                "%(days)d day.",
                "The clock %(label)s is deleted, with its current streak of "
                "%(days)d days.",
                contents.summary.days,
            )
            % {"label": label, "days": contents.summary.days},
            ngettext(
                "%(count)d earlier streak and its note are deleted.",
                "%(count)d earlier streaks and their notes are deleted.",
                contents.resets,
            )
            % {"count": contents.resets},
            ngettext(
                "%(count)d milestone is deleted.",
                "%(count)d milestones are deleted.",
                contents.milestones,
            )
            % {"count": contents.milestones},
            ngettext(
                "%(count)d milestone shared in a group is taken off, with the "
                "encouragement it received.",
                "%(count)d milestones shared in groups are taken off, with the "
                "encouragement they received.",
                contents.shares,
            )
            % {"count": contents.shares},
            _("This cannot be undone."),
        ],
        action=reverse("recovery:clock-delete", args=[clock_id]),
        button=_("Yes, delete the clock and its history"),
        cancel=reverse("recovery:clock-detail", args=[clock_id]),
    )


@require_GET
@never_cache
@member_required
def clock_delete_confirm(request: MemberRequest, clock_id: int) -> HttpResponse:
    return confirm_page(request, _delete_confirmation(request, clock_id))


@require_POST
@member_required
def clock_delete(request: MemberRequest, clock_id: int) -> HttpResponse:
    read.access_clock(request.member, clock_id)
    if not confirmed(request):
        confirmation = _delete_confirmation(request, clock_id)
        return confirm_page(request, confirmation, status=400)
    services.clock_delete(by=request.member, clock_id=clock_id)
    messages.success(request, _("The clock and its history are deleted."))
    return redirect("recovery:clock-list")


@require_POST
@member_required
def milestone_share(request: MemberRequest, milestone_id: int) -> HttpResponse:
    member = request.member
    milestone = read.access_milestone(member, milestone_id)
    groups = groups_of(member)
    form = MilestoneShareForm(request.POST, groups=[(g.pk, g.name) for g in groups])
    error = None
    if form.is_valid():
        try:
            services.milestone_share(
                by=member,
                milestone_id=milestone_id,
                group_ids=form.cleaned_data["groups"],
            )
        except ValidationError as invalid:
            error = first_error(invalid)
    else:
        error = first_error(form)
    to = reverse("recovery:clock-detail", args=[milestone.clock_id])
    return _done(request, error, _("Shared with your groups."), to)


# -- a group's milestones ---------------------------------------------------------


@require_GET
@never_cache
@member_required
def milestone_feed(request: MemberRequest, slug: str) -> HttpResponse:
    feed = read.milestone_feed(member=request.member, group_slug=slug)
    context = {
        "feed": feed,
        "member": request.member,
        "presets": EncouragementPreset.choices,
        "tz_name": request.member.timezone,
    }
    return render(request, "recovery/milestone_feed.html", context)


@require_POST
@member_required
def encouragement_send(
    request: MemberHtmxRequest, slug: str, share_id: int
) -> HttpResponse:
    member = request.member
    membership = access_member_group(member, slug)  # or 404
    group = membership.group
    form = EncouragementForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.encouragement_send(
                by=member, share_id=share_id, **form.cleaned_data
            )
        except ValidationError as invalid:
            error = first_error(invalid)
    else:
        error = first_error(form)
    if request.htmx:
        context = {
            "item": read.feed_item(member=member, group_slug=slug, share_id=share_id),
            "group": group,
            "is_leader": membership.level == Level.LEADER,
            "member": member,
            "presets": EncouragementPreset.choices,
            "error": error,
            "sent": error is None,
            "tz_name": member.timezone,
        }
        return render(request, "recovery/milestone_item.html", context)
    to = reverse("recovery:milestone-feed", args=[slug])
    return _done(request, error, _("Your kind words are sent."), to)


@require_POST
@member_required
def share_remove(request: MemberRequest, slug: str, share_id: int) -> HttpResponse:
    form = RemoveForm(request.POST)
    error = None
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.share_remove(by=request.member, share_id=share_id, reason=reason)
    except ValidationError as invalid:
        error = first_error(invalid)
    to = safe_next(request, reverse("recovery:milestone-feed", args=[slug]))
    return _done(request, error, _("The milestone is taken off the group."), to)


@require_POST
@member_required
def encouragement_remove(
    request: MemberRequest, slug: str, encouragement_id: int
) -> HttpResponse:
    form = RemoveForm(request.POST)
    error = None
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.encouragement_remove(
            by=request.member, encouragement_id=encouragement_id, reason=reason
        )
    except ValidationError as invalid:
        error = first_error(invalid)
    to = reverse("recovery:milestone-feed", args=[slug])
    return _done(request, error, _("The message is removed."), to)


urlpatterns: list[URLPattern] = [
    path("me/clocks/", clock_list, name="clock-list"),
    path("me/clocks/<int:clock_id>/", clock_detail, name="clock-detail"),
    path("me/clocks/<int:clock_id>/edit/", clock_edit, name="clock-edit"),
    path("me/clocks/<int:clock_id>/reset/", clock_reset, name="clock-reset"),
    path(
        "me/clocks/<int:clock_id>/reset/confirm/",
        clock_reset_confirm,
        name="clock-reset-confirm",
    ),
    path("me/clocks/<int:clock_id>/delete/", clock_delete, name="clock-delete"),
    path(
        "me/clocks/<int:clock_id>/delete/confirm/",
        clock_delete_confirm,
        name="clock-delete-confirm",
    ),
    path(
        "me/milestones/<int:milestone_id>/share/",
        milestone_share,
        name="milestone-share",
    ),
    path("groups/<slug:slug>/milestones/", milestone_feed, name="milestone-feed"),
    path(
        "groups/<slug:slug>/milestones/<int:share_id>/encourage/",
        encouragement_send,
        name="encouragement-send",
    ),
    path(
        "groups/<slug:slug>/milestones/<int:share_id>/remove/",
        share_remove,
        name="share-remove",
    ),
    path(
        "groups/<slug:slug>/milestones/encouragements/<int:encouragement_id>/remove/",
        encouragement_remove,
        name="encouragement-remove",
    ),
]
