"""Group quality pages: members' anonymous feedback and leaders' confirmation."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kinship.members.access import MemberRequest, member_required
from kinship.members.selectors import access_group, access_led_group

from .forms import GroupRatingForm
from .selectors import (
    MIN_ATTENDANCES_TO_RATE,
    MIN_RATINGS,
    group_rating_of,
    may_rate_group,
)
from .services import group_rating_save, group_verify


@require_http_methods(["GET", "POST"])
@member_required
def group_feedback(request: MemberRequest, slug: str) -> HttpResponse:
    group = access_group(request.member, slug)
    rating = group_rating_of(request.member, group)
    initial = (
        {
            "safety": rating.safety,
            "structure": rating.structure,
            "welcome": rating.welcome,
        }
        if rating
        else None
    )
    form = GroupRatingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            group_rating_save(by=request.member, group_slug=slug, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your feedback is saved."))
            return redirect(group)
    context = {
        "group": group,
        "form": form,
        "rating": rating,
        "may_rate": may_rate_group(request.member, group),
        "min_ratings": MIN_RATINGS,
        "min_attendances": MIN_ATTENDANCES_TO_RATE,
    }
    return render(request, "matching/group_feedback.html", context)


@require_POST
@member_required
def group_verify_view(request: MemberRequest, slug: str) -> HttpResponse:
    group = access_led_group(request.member, slug)
    group_verify(by=request.member, group=group)
    messages.success(request, _("Thank you: the group's details are marked current."))
    return redirect(group)
