"""The notifications centre and the member's email choices."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.core.http import is_local_path
from kinship.members.access import MemberRequest, member_required

from .forms import EmailChoicesForm
from .selectors import (
    NOTIFICATIONS_PER_PAGE,
    access_notification,
    email_choices_for,
    notifications_for,
)
from .services import email_choices_set, notifications_mark_read


@require_GET
@never_cache
@member_required
def notification_list(request: MemberRequest) -> HttpResponse:
    paginator = Paginator(notifications_for(request.member), NOTIFICATIONS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "notifications/notification_list.html", {"page": page})


@require_POST
@never_cache
@member_required
def notifications_read_all(request: MemberRequest) -> HttpResponse:
    changed = notifications_mark_read(by=request.member)
    if changed:
        messages.success(request, _("All your notifications are marked read."))
    return redirect("notifications:list")


@require_GET
@never_cache
@member_required
def notification_open(request: MemberRequest, notification_id: int) -> HttpResponse:
    notification = access_notification(request.member, notification_id)
    notifications_mark_read(by=request.member, ids=[notification.pk])
    if notification.url and is_local_path(notification.url):
        return HttpResponseRedirect(notification.url)
    return redirect("notifications:list")


@require_http_methods(["GET", "POST"])
@never_cache
@member_required
def email_settings(request: MemberRequest) -> HttpResponse:
    rows = email_choices_for(request.member)
    data = request.POST if request.method == "POST" else None
    form = EmailChoicesForm(data, rows=rows)
    if request.method == "POST" and form.is_valid():
        email_choices_set(by=request.member, choices=form.choices())
        messages.success(request, _("Your email choices are saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/notification_settings.html", {"form": form})
