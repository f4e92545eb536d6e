"""The group board, reports, the leaders' moderation queue, site staff's record of
actions, and the grounding techniques guide.

Every form works as a plain POST and redirect; on the moderation queue, htmx
swaps a handled report for a one-line note instead of reloading the page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.core.http import first_error
from kinship.directory.models import Group
from kinship.members.access import MemberHtmxRequest, MemberRequest, member_required
from kinship.members.selectors import access_led_group

from .forms import MemberActionForm, PostForm, ReasonForm, ReportActionForm, ReportForm
from .models import ActionKind, ModerationAction
from .selectors import (
    access_board,
    access_board_member,
    access_board_post,
    access_open_report,
    board_posts,
    group_actions,
    leader_ids,
    open_reports,
    staff_actions,
)
from .services import (
    ModerationError,
    action_reverse,
    announcement_send,
    member_remove,
    member_warn,
    post_create,
    post_hide,
    report_create,
    report_dismiss,
)


@require_GET
@member_required
def board(request: MemberRequest, slug: str) -> HttpResponse:
    membership = access_board(request.member, slug)
    context = {
        "group": membership.group,
        "membership": membership,
        "posts": board_posts(membership.group),
        "leaders": leader_ids(membership.group),
        "form": PostForm(),
    }
    return render(request, "facilitation/board.html", context)


def _post(request: MemberRequest, slug: str, *, announce: bool) -> HttpResponse:
    group = access_board(request.member, slug).group
    form = PostForm(request.POST)
    if not form.is_valid():
        messages.error(request, first_error(form))
        return redirect("facilitation:board", group.slug)
    send = announcement_send if announce else post_create
    try:
        send(by=request.member, group=group, **form.cleaned_data)
    except ModerationError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Your announcement is posted and every member is notified.")
            if announce
            else _("Your message is posted."),
        )
    return redirect("facilitation:board", group.slug)


@require_POST
@member_required
def post_new(request: MemberRequest, slug: str) -> HttpResponse:
    return _post(request, slug, announce=False)


@require_POST
@member_required
def announce(request: MemberRequest, slug: str) -> HttpResponse:
    return _post(request, slug, announce=True)


def _report(
    request: MemberRequest,
    group: Group,
    about: dict[str, Any],
    *,
    post_id: int | None = None,
    member_id: int | None = None,
) -> HttpResponse:
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_create(
                by=request.member,
                group=group,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
                post_id=post_id,
                member_id=member_id,
            )
        except ModerationError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "Thank you. The group's leaders will look at it; they are not "
                    "told who reported."
                ),
            )
            return redirect("facilitation:board", group.slug)
    context = {"group": group, "form": form, **about}
    status = 400 if form.errors else 200
    return render(request, "facilitation/report_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
@member_required
def report_post(request: MemberRequest, slug: str, post_id: int) -> HttpResponse:
    post = access_board_post(request.member, slug, post_id)
    return _report(request, post.group, {"post": post}, post_id=post.pk)


@require_http_methods(["GET", "POST"])
@member_required
def report_member(request: MemberRequest, slug: str, member_id: int) -> HttpResponse:
    theirs = access_board_member(request.member, slug, member_id)
    return _report(
        request, theirs.group, {"target": theirs.member}, member_id=member_id
    )


@require_GET
@member_required
def moderation(request: MemberRequest, slug: str) -> HttpResponse:
    group = access_led_group(request.member, slug)
    context = {
        "group": group,
        "reports": open_reports(by=request.member, group=group),
        "leaders": leader_ids(group),
        "actions": list(group_actions(by=request.member, group=group)[:50]),
        "form": ReportActionForm(),
    }
    return render(request, "facilitation/moderation.html", context)


def _act(
    request: MemberRequest,
    group: Group,
    action: str,
    *,
    report_id: int | None = None,
    post_id: int | None = None,
    member_id: int | None = None,
) -> ModerationAction:
    """Run one leader's action; raises ``ModerationError``."""
    reason = request.POST.get("reason", "")
    by = request.member
    if action == ActionKind.HIDE_POST:
        if post_id is None:
            raise ModerationError(_("This report is not about a post."))
        return post_hide(
            by=by, group=group, post_id=post_id, reason=reason, report_id=report_id
        )
    if action == ActionKind.DISMISS_REPORT and report_id is not None:
        return report_dismiss(by=by, group=group, report_id=report_id, reason=reason)
    if member_id is None:
        raise ModerationError(_("That member's account no longer exists."))
    act = member_warn if action == ActionKind.WARN_MEMBER else member_remove
    return act(
        by=by, group=group, member_id=member_id, reason=reason, report_id=report_id
    )


@require_POST
@member_required
def report_act(request: MemberHtmxRequest, slug: str, report_id: int) -> HttpResponse:
    group = access_led_group(request.member, slug)
    report = access_open_report(request.member, group, report_id)
    form = ReportActionForm(request.POST)
    try:
        if not form.is_valid():
            raise ModerationError(first_error(form))
        done = _act(
            request,
            group,
            form.cleaned_data["action"],
            report_id=report.pk,
            post_id=report.post_id,
            member_id=report.target_member_id,
        )
    except ModerationError as error:
        if request.htmx:  # htmx swaps only 2xx answers: the refusal comes as 200
            context = {"group": group, "report": report, "error": str(error)}
            context["leaders"] = leader_ids(group)
            return render(request, "facilitation/_report.html", context)
        messages.error(request, str(error))
    else:
        if request.htmx:
            return render(request, "facilitation/_report_done.html", {"action": done})
        messages.success(request, done.get_action_display())
    return redirect("facilitation:moderation", group.slug)


@require_POST
@member_required
def post_hide_view(request: MemberRequest, slug: str, post_id: int) -> HttpResponse:
    group = access_led_group(request.member, slug)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise ModerationError(first_error(form))
        post_hide(
            by=request.member,
            group=group,
            post_id=post_id,
            reason=form.cleaned_data["reason"],
        )
    except ModerationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The post is hidden."))
    return redirect("facilitation:board", group.slug)


@require_POST
@member_required
def member_act(request: MemberRequest, slug: str, member_id: int) -> HttpResponse:
    group = access_led_group(request.member, slug)
    form = MemberActionForm(request.POST)
    try:
        if not form.is_valid():
            raise ModerationError(first_error(form))
        done = _act(request, group, form.cleaned_data["action"], member_id=member_id)
    except ModerationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done.get_action_display())
    return redirect("membership:roster", group.slug)


def _staff_only(request: MemberRequest) -> None:
    if not request.user.is_staff:
        raise Http404("No such page")


@require_GET
@member_required
def staff_action_list(request: MemberRequest) -> HttpResponse:
    _staff_only(request)
    context = {"actions": staff_actions(request.member), "form": ReasonForm()}
    return render(request, "facilitation/staff_actions.html", context)


@require_POST
@member_required
def staff_action_reverse(request: MemberRequest, action_id: int) -> HttpResponse:
    _staff_only(request)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise ModerationError(first_error(form))
        action_reverse(
            by=request.member, action_id=action_id, reason=form.cleaned_data["reason"]
        )
    except ModerationError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The action is reversed."))
    return redirect("facilitation:staff-actions")


@require_GET
def grounding(request: HttpRequest) -> HttpResponse:
    return render(request, "facilitation/grounding.html")
