"""Pages of occurrences, RSVPs, the member's schedule, attendance and records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    QueryDict,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.core.http import first_error, safe_next
from kinship.core.timezones import zone
from kinship.directory.models import Meeting
from kinship.members.access import (
    MemberHtmxRequest,
    MemberRequest,
    member_required,
    request_member,
    viewer_timezone_name,
)
from kinship.members.selectors import access_meeting

from . import selectors as read
from . import services
from .codes import in_code_window, meeting_code, record_code
from .forms import (
    CheckInForm,
    MeetingExceptionForm,
    RecordForm,
    RollCallForm,
    RsvpForm,
)
from .ical import FEED_AHEAD, FEED_PAST, schedule_calendar
from .occurrences import PlannedOccurrence, start_parse

NO_STORE = "private, no-store"


def _posted(request: HttpRequest) -> QueryDict | None:
    """The form data of a POST, even an empty one (``request.POST or None`` is not)."""
    return request.POST if request.method == "POST" else None


# -- a meeting's dates: RSVP, check-in, join ---------------------------------------


def _meeting_dates_context(
    request: HttpRequest, meeting: Meeting, check_in_form: CheckInForm | None = None
) -> dict[str, Any]:
    member = request_member(request)
    now = timezone.now()
    viewer_tz = zone(viewer_timezone_name(request))
    found = read.meeting_occurrences(
        meeting, now, now + dt.timedelta(days=read.MEETING_DATES_DAYS)
    )
    answers = read.rsvp_answers(member, meeting, found)
    items = [
        read.schedule_item(meeting, o, answers.get(o.starts_at), viewer_tz)
        for o in found
    ]
    return {
        "meeting": meeting,
        "items": items,
        "member": member,
        "check_in_form": check_in_form or CheckInForm(),
        "can_join": bool(meeting.conference_url),
        "next": request.get_full_path(),
    }


@require_GET
def meeting_dates(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = access_meeting(request_member(request), slug)
    context = _meeting_dates_context(request, meeting)
    return render(request, "attendance/meeting_dates.html", context)


@require_POST
@member_required
def rsvp(request: MemberHtmxRequest, slug: str) -> HttpResponse:
    meeting = access_meeting(request.member, slug)
    form = RsvpForm(request.POST)
    error = None
    if form.is_valid():
        try:
            services.rsvp_set(by=request.member, meeting=meeting, **form.cleaned_data)
        except ValidationError as invalid:
            error = first_error(invalid)
    else:
        error = first_error(form)
    next_url = safe_next(request, reverse("attendance:meeting-dates", args=[slug]))
    if request.htmx:
        starts_at = form.cleaned_data.get("starts_at")
        context = {
            "meeting": meeting,
            "stamp": request.POST.get("starts_at", "")[:40],
            "answer": read.rsvp_answer(request.member, meeting, starts_at),
            "rsvp_error": error,
            "next": next_url,
        }
        return render(request, "attendance/_rsvp.html", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Your answer is saved."))
    return redirect(next_url)


@require_POST
@member_required
def check_in(request: MemberRequest, slug: str) -> HttpResponse:
    meeting = access_meeting(request.member, slug)
    form = CheckInForm(request.POST)
    if form.is_valid():
        try:
            services.attendance_check_in(
                by=request.member,
                meeting=meeting,
                code=form.cleaned_data["code"],
                now=timezone.now(),
            )
        except ValidationError as invalid:
            form.add_error("code", invalid)
        else:
            messages.success(request, _("You are checked in. Welcome!"))
            return redirect("attendance:meeting-dates", slug)
    context = _meeting_dates_context(request, meeting, form)
    return render(request, "attendance/meeting_dates.html", context, status=400)


@require_POST
def join(request: HttpRequest, slug: str) -> HttpResponse:
    member = request_member(request)
    meeting = access_meeting(member, slug)
    try:
        url = services.attendance_online_join(
            by=member, meeting=meeting, now=timezone.now()
        )
    except ValidationError as invalid:
        messages.error(request, first_error(invalid))
        return redirect("attendance:meeting-dates", slug)
    return HttpResponseRedirect(url)


# -- my schedule and its calendar feed ---------------------------------------------


@require_GET
@member_required
def schedule(request: MemberRequest) -> HttpResponse:
    now = timezone.now()
    end = now + dt.timedelta(days=read.SCHEDULE_DAYS)
    context = {
        "items": read.schedule_for(request.member, now, end),
        "feed": read.feed_active(request.member),
        "member": request.member,
        "next": request.get_full_path(),
    }
    return render(request, "attendance/schedule_list.html", context)


@require_POST
@member_required
def feed_create(request: MemberRequest) -> HttpResponse:
    token = services.schedule_feed_create(by=request.member)
    url = request.build_absolute_uri(reverse("attendance:feed-ics", args=[token]))
    webcal = "webcal://" + url.split("://", 1)[1]
    context = {"url": url, "webcal": webcal}
    response = render(request, "attendance/feed_created.html", context)
    response["Cache-Control"] = NO_STORE
    return response


@require_POST
@member_required
def feed_revoke(request: MemberRequest) -> HttpResponse:
    if services.schedule_feed_revoke(by=request.member):
        messages.success(request, _("Your calendar address no longer works."))
    return redirect("attendance:schedule")


@require_GET
def feed_ics(request: HttpRequest, token: str) -> HttpResponse:
    member = read.feed_member(token)
    now = timezone.now()
    items = read.schedule_for(member, now - FEED_PAST, now + FEED_AHEAD)
    calendar = schedule_calendar(
        items, absolute_url=request.build_absolute_uri, now=now
    )
    response = HttpResponse(
        calendar.to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Cache-Control"] = NO_STORE
    return response


# -- leaders: exceptions and roll call ---------------------------------------------


@require_http_methods(["GET", "POST"])
@member_required
def exceptions(request: MemberRequest, slug: str, meeting_slug: str) -> HttpResponse:
    meeting = read.access_led_meeting(request.member, slug, meeting_slug)
    today = timezone.now().astimezone(zone(meeting.timezone)).date()
    changes = read.meeting_exceptions(meeting, since=today)
    taken = {change.local_date for change in changes}
    dates = [d for d in read.upcoming_regular_dates(meeting, today) if d not in taken]
    form = MeetingExceptionForm(
        _posted(request), dates=dates, timezone=meeting.timezone
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_exception_add(
                by=request.member,
                meeting=meeting,
                local_date=form.cleaned_data["local_date"],
                kind=form.cleaned_data["kind"],
                moved_starts_at=form.moved_starts_at(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as invalid:
            form.add_error(None, invalid)
        else:
            messages.success(request, _("The change is saved."))
            return redirect("attendance:exceptions", slug, meeting_slug)
    context = {"meeting": meeting, "changes": changes, "form": form}
    return render(request, "attendance/exception_list.html", context)


@require_POST
@member_required
def exception_remove(
    request: MemberRequest, slug: str, meeting_slug: str, exception_id: int
) -> HttpResponse:
    meeting = read.access_led_meeting(request.member, slug, meeting_slug)
    change = meeting.exceptions.filter(pk=exception_id).first()
    if change is None:
        raise Http404("No such change")
    services.meeting_exception_remove(by=request.member, change=change)
    messages.success(request, _("The change is removed."))
    return redirect("attendance:exceptions", slug, meeting_slug)


@require_GET
@member_required
def roll_call_list(
    request: MemberRequest, slug: str, meeting_slug: str
) -> HttpResponse:
    meeting = read.access_led_meeting(request.member, slug, meeting_slug)
    now = timezone.now()
    found = read.meeting_occurrences(
        meeting, now - dt.timedelta(days=read.SCHEDULE_DAYS), now + dt.timedelta(days=1)
    )
    context = {"meeting": meeting, "occurrences": found[::-1], "now": now}
    return render(request, "attendance/rollcall_list.html", context)


@require_http_methods(["GET", "POST"])
@member_required
def roll_call(
    request: MemberRequest, slug: str, meeting_slug: str, stamp: str
) -> HttpResponse:
    meeting = read.access_led_meeting(request.member, slug, meeting_slug)
    starts_at = start_parse(stamp)
    planned = read.meeting_occurrence(meeting, starts_at) if starts_at else None
    if planned is None:
        raise Http404("No such meeting date")
    stored = read.stored_occurrence(meeting, planned.starts_at)
    rows = read.roll_call_rows(
        by=request.member, group=meeting.group, occurrence=stored
    )
    form = RollCallForm(
        _posted(request),
        members=[(row.member.pk, row.member.roster_label) for row in rows],
        initial={"present": [str(r.member.pk) for r in rows if r.attendance]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_roll_call(
                by=request.member,
                occurrence=services.occurrence_materialize(
                    meeting=meeting, starts_at=planned.starts_at
                ),
                present=set(form.cleaned_data["present"]),
            )
        except ValidationError as invalid:
            form.add_error(None, invalid)
        else:
            messages.success(request, _("The roll call is saved."))
            return redirect(request.path)
    return render(
        request,
        "attendance/rollcall_detail.html",
        _roll_call_context(meeting, planned, rows, form),
    )


def _roll_call_context(
    meeting: Meeting,
    planned: PlannedOccurrence,
    rows: list[read.RollCallRow],
    form: RollCallForm,
) -> dict[str, Any]:
    open_now = in_code_window(planned, timezone.now())
    return {
        "meeting": meeting,
        "occurrence": planned,
        "local_label": read.moment_label(planned.local_start),
        "rows": rows,
        "form": form,
        "code": meeting_code(meeting.uuid, planned.starts_at) if open_now else None,
    }


# -- my attendance and records ------------------------------------------------------


@require_GET
@member_required
def my_attendance(request: MemberRequest) -> HttpResponse:
    history = read.attendance_history(request.member)
    return render(request, "attendance/attendance_list.html", {"history": history})


@require_http_methods(["GET", "POST"])
@member_required
def records(request: MemberRequest) -> HttpResponse:
    member = request.member
    form = RecordForm(
        _posted(request),
        groups=read.groups_attended_by(member),
        initial={"name_shown": member.display_name},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_issue(
                by=member,
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                group_ids=[group.pk for group in data["groups"]],
                name_shown=data["name_shown"],
            )
        except ValidationError as invalid:
            form.add_error(None, invalid)
        else:
            messages.success(request, _("Your attendance record is ready."))
            return redirect("attendance:records")
    rows = [(r, record_code(r.public_id)) for r in read.records_of(member)]
    return render(request, "attendance/record_list.html", {"form": form, "rows": rows})


@require_GET
@member_required
def record_print(request: MemberRequest, record_id: int) -> HttpResponse:
    record = read.access_record(request.member, record_id)
    code = record_code(record.public_id)
    url = request.build_absolute_uri(reverse("attendance:record-verify", args=[code]))
    context = {"record": record, "code": code, "url": url}
    return render(request, "attendance/record_print.html", context)


@require_POST
@member_required
def record_revoke(request: MemberRequest, record_id: int) -> HttpResponse:
    record = read.access_record(request.member, record_id)
    services.record_revoke(by=request.member, record=record)
    messages.success(request, _("The record is revoked: its code now shows that."))
    return redirect("attendance:records")


@require_GET
def record_verify(request: HttpRequest, code: str) -> HttpResponse:
    record = read.record_by_code(code)
    if record is None:
        return render(request, "attendance/record_invalid.html", status=404)
    response = render(request, "attendance/record_verify.html", {"record": record})
    response["Cache-Control"] = NO_STORE
    return response
