"""Pages of the recovery tools: early warning signs (the member's, and the ones a
mentee shares with their mentor)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kinship.members.access import MemberRequest, member_required

from ..selectors import warnings as read
from ..services.warnings import warning_sharing_set, warning_signal_dismiss

# The values of the sharing form's radio buttons.
SHARE_CHOICES = {"yes": True, "no": False}


@require_GET
@never_cache
@member_required
def warnings_me(request: MemberRequest) -> HttpResponse:
    member = request.member
    context = {
        "signals": read.warning_signals_current(member),
        "sharing": read.warning_sharing_of(member),
        "mentor": read.warning_mentor_of(member),
    }
    return render(request, "recovery/warning_list.html", context)


@require_POST
@never_cache
@member_required
def warning_dismiss(request: MemberRequest, signal_id: int) -> HttpResponse:
    warning_signal_dismiss(by=request.member, signal_id=signal_id)
    messages.success(
        request,
        _("Dismissed. We will not show it again unless it stops and comes back."),
    )
    return redirect("recovery:warnings")


@require_POST
@never_cache
@member_required
def warning_sharing(request: MemberRequest) -> HttpResponse:
    choice = request.POST.get("share", "")
    if choice not in SHARE_CHOICES:
        messages.error(
            request, _("Choose whether to share your warning signs, then save.")
        )
        return redirect("recovery:warnings")
    warning_sharing_set(by=request.member, share_with_mentor=SHARE_CHOICES[choice])
    if SHARE_CHOICES[choice]:
        messages.success(
            request, _("Your mentor will be told the names of your warning signs.")
        )
    else:
        messages.success(request, _("Your warning signs are yours alone."))
    return redirect("recovery:warnings")


@require_GET
@never_cache
@member_required
def mentee_warnings(request: MemberRequest, member_id: int) -> HttpResponse:
    mentee, signals = read.warning_signals_for_mentor(
        mentor=request.member, mentee_id=member_id
    )
    context = {"mentee": mentee, "signals": signals}
    return render(request, "recovery/warning_mentee.html", context)


urlpatterns: list[URLPattern] = [
    path("me/warnings/", warnings_me, name="warnings"),
    path(
        "me/warnings/<int:signal_id>/dismiss/",
        warning_dismiss,
        name="warning-dismiss",
    ),
    path("me/warnings/sharing/", warning_sharing, name="warning-sharing"),
    path("mentees/<int:member_id>/warnings/", mentee_warnings, name="mentee-warnings"),
]
