"""Pages of the daily check-in: today's form, my history, and the summaries a
member's groups and mentor see."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kinship.members.access import MemberRequest, member_required
from kinship.members.selectors import member_today

from ..forms.checkins import CheckInForm, checkin_initial
from ..selectors import checkins as read
from ..services.checkins import checkin_record

HISTORY_PAGE_SIZE = 30


def _posted(request: MemberRequest) -> QueryDict | None:
    """The form data of a POST, even an empty one (``request.POST or None`` is not)."""
    return request.POST if request.method == "POST" else None


@require_http_methods(["GET", "POST"])
@member_required
def checkin_edit(request: MemberRequest) -> HttpResponse:
    member = request.member
    current = read.checkin_today(member)
    today = member_today(member)
    form = CheckInForm(
        _posted(request),
        strategies=read.checkin_strategy_choices(member, current),
        initial={"today": today, **checkin_initial(current)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            _checkin, created = checkin_record(by=member, **form.cleaned_data)
        except ValidationError as invalid:
            form.add_error(None, invalid)
        else:
            saved = (
                _("Your check-in is saved.")
                if created
                else _("Your check-in is updated.")
            )
            messages.success(request, saved)
            return redirect("recovery:checkin-list")
    context = {"form": form, "checkin": current, "today": today}
    status = 400 if form.errors else 200
    return render(request, "recovery/checkin_form.html", context, status=status)


@require_GET
@member_required
def checkin_list(request: MemberRequest) -> HttpResponse:
    paginator = Paginator(read.checkins_of(request.member), HISTORY_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": [read.checkin_own_view(checkin) for checkin in page],
        "checked_in_today": read.checked_in_today(request.member),
    }
    return render(request, "recovery/checkin_list.html", context)


@require_GET
@member_required
def group_checkins(request: MemberRequest, slug: str) -> HttpResponse:
    shared = read.checkin_summaries_for_group(member=request.member, group_slug=slug)
    context = {
        "group": shared.group,
        "summaries": shared.summaries,
        "days": read.GROUP_DAYS,
    }
    return render(request, "recovery/checkin_group.html", context)


@require_GET
@member_required
def mentee_checkins(request: MemberRequest, member_id: int) -> HttpResponse:
    shared = read.checkin_summaries_for_mentor(
        mentor=request.member, mentee_id=member_id
    )
    context = {
        "mentee": shared.mentee,
        "summaries": shared.summaries,
        "days": read.MENTOR_DAYS,
    }
    return render(request, "recovery/checkin_mentee.html", context)


urlpatterns: list[URLPattern] = [
    path("me/checkin/", checkin_edit, name="checkin"),
    path("me/checkins/", checkin_list, name="checkin-list"),
    path("groups/<slug:slug>/checkins/", group_checkins, name="group-checkins"),
    path("mentees/<int:member_id>/checkins/", mentee_checkins, name="mentee-checkins"),
]
