"""Directory pages: the finder, meeting and group pages, and their calendars."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET
from icalendar import Calendar

from kinship.core.http import HtmxHttpRequest
from kinship.core.timezones import zone
from kinship.matching.needs import finder_need_record
from kinship.matching.selectors import group_quality, may_rate_group
from kinship.members.access import request_member, viewer_timezone_name
from kinship.members.selectors import (
    access_group,
    access_meeting,
    group_member_counts,
    membership_of,
)

from .calendars import group_calendar, meeting_calendar, meeting_in_calendar
from .finder_text import count_sentence, day_sentence, page_sentence
from .forms import FinderForm
from .models import AttendanceMode, Program
from .names import by_name
from .schedule import meeting_when
from .selectors import FinderPage, group_meetings, meetings_find
from .type_choices import OPEN_CLOSED_EXPLANATION


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    programs = by_name(Program.objects.all())
    return render(request, "directory/home.html", {"programs": programs})


@require_GET
def meeting_list(request: HtmxHttpRequest) -> HttpResponse:
    form = FinderForm(request.GET, viewer_tz_default=viewer_timezone_name(request))
    context: dict[str, object] = {"form": form, "modes": AttendanceMode}
    if form.is_valid():
        now = timezone.now()
        query = form.finder_query(now=now)
        page = meetings_find(query, now=now)
        if query.page == 1 and not page.results:
            # Where new groups are needed: counts only, never the text or who.
            finder_need_record(
                request.GET,
                htmx=bool(request.htmx),
                current_url=request.htmx.current_url,
                history_restore=request.htmx.history_restore_request,
            )
        context |= {
            "page": page,
            "query": query,
            "count_text": count_sentence(page, query),
            "day_text": day_sentence(query, now=now),
            "page_text": page_sentence(page),
            "open_closed": OPEN_CLOSED_EXPLANATION if _open_or_closed(page) else "",
        }
    if request.htmx:
        # The type choices are the program's: replace them when it changed.
        previous = QueryDict(urlsplit(request.htmx.current_url or "").query)
        context["program_changed"] = previous.get("program", "") != request.GET.get(
            "program", ""
        )
        return render(request, "directory/_meeting_results.html", context)
    return render(request, "directory/meeting_list.html", context)


def _open_or_closed(page: FinderPage) -> bool:
    return any(
        meeting_type.code in ("O", "C")
        for result in page.results
        for meeting_type in result.meeting.types
    )


@require_GET
def meeting_detail(request: HttpRequest, slug: str) -> HttpResponse:
    member = request_member(request)
    meeting = access_meeting(member, slug)
    viewer_tz = zone(viewer_timezone_name(request))
    when = meeting_when(meeting, now=timezone.now(), viewer_tz=viewer_tz)
    context = {
        "meeting": meeting,
        "when": when,
        "in_calendar": meeting_in_calendar(meeting),
        "membership": membership_of(member, meeting.group),
    }
    return render(request, "directory/meeting_detail.html", context)


@require_GET
def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    member = request_member(request)
    group = access_group(member, slug)
    now = timezone.now()
    viewer_tz = zone(viewer_timezone_name(request))
    meetings = [
        (meeting, meeting_when(meeting, now=now, viewer_tz=viewer_tz))
        for meeting in group_meetings(group)
    ]
    context = {
        "group": group,
        "meetings": meetings,
        "in_calendar": any(meeting_in_calendar(meeting) for meeting, _ in meetings),
        "member_counts": group_member_counts(group),
        "membership": membership_of(member, group),
        "quality": group_quality(group),
        "may_rate": may_rate_group(member, group),
    }
    return render(request, "directory/group_detail.html", context)


def ics_response(calendar: Calendar, *, slug: str) -> HttpResponse:
    response = HttpResponse(
        calendar.to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{slug}.ics"'
    return response


@require_GET
def meeting_ics(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = access_meeting(request_member(request), slug)
    calendar = meeting_calendar(
        meeting, absolute_url=request.build_absolute_uri, now=timezone.now()
    )
    return ics_response(calendar, slug=meeting.slug)


@require_GET
def group_ics(request: HttpRequest, slug: str) -> HttpResponse:
    group = access_group(request_member(request), slug)
    calendar = group_calendar(
        group,
        group_meetings(group),
        absolute_url=request.build_absolute_uri,
        now=timezone.now(),
    )
    return ics_response(calendar, slug=group.slug)
