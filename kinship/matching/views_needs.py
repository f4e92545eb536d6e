"""Where new groups are needed: the needs table for group leaders and site staff."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET

from kinship.members.access import MemberRequest, member_required

from .needs import MIN_CELL, PERIOD_DAYS, needs_for_viewer


@require_GET
@member_required
def needs(request: MemberRequest) -> HttpResponse:
    rows = needs_for_viewer(request.member, staff=request.user.is_staff)
    return render(
        request,
        "matching/needs_table.html",
        {"rows": rows, "min_cell": MIN_CELL, "days": PERIOD_DAYS},
    )


urlpatterns: list[URLPattern] = [
    path("insights/needs/", needs, name="needs"),
]
