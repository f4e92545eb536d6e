"""The member's home page (/me/): today's check-in, clocks, next meetings, charts."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import URLPattern
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kinship.members.access import MemberRequest, member_required
from kinship.members.selectors import member_today, memberships_of

from ..milestones import milestones_refresh
from ..selectors import progress as read
from ..selectors.clocks import clocks_for_member
from ..selectors.warnings import warning_signals_current
from ..trends import AVERAGE_MIN_DAYS, trend_json, trend_panels

# /me/ itself is routed by kinship.members.profile_urls (as members:me).
urlpatterns: list[URLPattern] = []


@require_GET
@never_cache
@member_required
def me(request: MemberRequest) -> HttpResponse:
    member = request.member
    now = timezone.now()
    today = member_today(member, now)
    charts = []
    longest = read.checkin_trend(member, days=max(read.CHART_RANGES), today=today)
    for days in read.CHART_RANGES:
        points = longest[-days:]
        charts.append(
            {
                "days": days,
                "points": points,
                "data": trend_json(points),
                "script_id": f"series-{days}",
                "panels": trend_panels(points, days=days, prefix=f"chart-{days}"),
                "has_data": any(point.checked_in for point in points),
            }
        )
    # Milestones reached since the daily job last ran are recorded (and the
    # member told) on arrival here, as on the clocks page.
    milestones_refresh(member, now)
    context = {
        "today_checkin": read.checkin_of_day(member, today),
        "clocks": clocks_for_member(member, now),
        "signals": warning_signals_current(member, today),
        "charts": charts,
        "average_min_days": AVERAGE_MIN_DAYS,
        "next_meetings": read.next_meetings(member, now),
        "memberships": memberships_of(member),
    }
    return render(request, "recovery/progress_me.html", context)
