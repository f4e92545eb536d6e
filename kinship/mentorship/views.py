"""Mentorship pages: becoming a mentor, finding one, the member's mentorships and
their private threads, the mentor's page for a mentee, and leaders' endorsements.

Every page works as a plain form; the thread also refreshes its messages with
htmx polling and sends without a reload.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.core.http import first_error
from kinship.core.text import sentence
from kinship.members.access import MemberHtmxRequest, MemberRequest, member_required
from kinship.members.selectors import access_led_group
from kinship.recovery.selectors.checkins import (
    MENTOR_DAYS,
    checkin_summaries_for_mentor,
)
from kinship.recovery.selectors.warnings import warning_signals_for_mentor

from .forms import (
    EndorseForm,
    FindMentorForm,
    MentorProfileForm,
    MessageForm,
    RequestForm,
)
from .models import Mentorship, MentorshipState
from .ranking import mentor_candidates
from .selectors import (
    access_available_mentor,
    access_group_membership,
    access_mentee,
    access_mentorship,
    clocks_of,
    endorsement_standing_by,
    mentor_eligibility,
    mentor_min_days,
    mentor_profile_of,
    mentorships_as_mentee,
    mentorships_as_mentor,
    places_taken,
    thread_messages,
)
from .services import (
    MentorshipError,
    mentor_endorse,
    mentor_endorsement_revoke,
    mentor_message_send,
    mentor_messages_mark_read,
    mentor_profile_activate,
    mentor_profile_pause,
    mentor_profile_update,
    mentorship_move,
    mentorship_request,
)
from .transitions import Action, Side, moves_for

# -- Becoming a mentor -------------------------------------------------------------


def _profile_initial(request: MemberRequest) -> dict[str, Any]:
    profile = mentor_profile_of(request.member)
    if profile is None:
        member = request.member
        return {
            # The longest-running clock, to start with.
            "clock": clocks_of(member).first(),
            "focus": member.focus,
            "languages": list(member.languages.all()),
        }
    return {
        "clock": profile.clock,
        "focus": profile.focus,
        "programs": list(profile.programs.all()),
        "languages": list(profile.languages.all()),
        "availability": profile.availability,
        "capacity": profile.capacity,
        "introduction": profile.introduction,
        "gender": profile.gender,
    }


@require_http_methods(["GET", "POST"])
@never_cache
@member_required
def mentor_profile(request: MemberRequest) -> HttpResponse:
    """Eligibility, each condition dated, and the profile form; saving it the
    first time starts taking mentees."""
    member = request.member
    profile = mentor_profile_of(member)
    initial = _profile_initial(request)
    form = MentorProfileForm(request.POST or None, member=member, initial=initial)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            # Once a mentor, saving only edits (a paused mentor resumes with
            # its own button); the first save is the activation.
            if profile is not None and profile.became_mentor_on is not None:
                mentor_profile_update(by=member, details=form.details())
                messages.success(request, _("Your mentor profile is saved."))
            else:
                mentor_profile_activate(by=member, details=form.details())
                messages.success(request, _("You are now a mentor: welcome."))
        except MentorshipError as refused:
            error = str(refused)
        except ValidationError as invalid:
            error = first_error(invalid)
        else:
            return redirect("mentorship:mentor-profile")
    # The clock on screen: the one just posted, else the saved or first one.
    valid = form.is_bound and form.is_valid()
    clock = form.cleaned_data["clock"] if valid else initial["clock"]
    eligibility = mentor_eligibility(member, clock=clock)
    context = {
        "form": form,
        "profile": profile,
        "eligibility": eligibility,
        "error": error,
        "taken": places_taken(member) if profile else 0,
        "min_days": mentor_min_days(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "mentorship/mentor_profile.html", context, status=status)


@require_POST
@member_required
def mentor_pause(request: MemberRequest) -> HttpResponse:
    mentor_profile_pause(by=request.member)
    messages.success(request, _("You take no new mentees now; your mentorships go on."))
    return redirect("mentorship:mentor-profile")


@require_POST
@member_required
def mentor_resume(request: MemberRequest) -> HttpResponse:
    if mentor_profile_of(request.member) is None:
        raise Http404("No mentor profile")
    try:
        mentor_profile_activate(by=request.member)
    except MentorshipError as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("You take mentees again."))
    return redirect("mentorship:mentor-profile")


# -- Finding a mentor --------------------------------------------------------------


@require_GET
@never_cache
@member_required
def find(request: MemberRequest) -> HttpResponse:
    """The mentors the member may ask, ranked, each with its reasons."""
    member = request.member
    # A first visit looks with what the member's profile says.
    data = request.GET or {
        "focus": member.focus,
        "languages": [str(pk) for pk in member.languages.values_list("pk", flat=True)],
    }
    form = FindMentorForm(data)
    candidates = (
        mentor_candidates(seeker=member, wishes=form.wishes())
        if form.is_valid()
        else []
    )
    context = {"form": form, "candidates": candidates}
    return render(
        request,
        "mentorship/mentor_find.html",
        context,
        status=200 if form.is_valid() else 400,
    )


@require_http_methods(["GET", "POST"])
@member_required
def request_mentor(request: MemberRequest, profile_id: int) -> HttpResponse:
    profile = access_available_mentor(request.member, profile_id)
    form = RequestForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            mentorship_request(
                by=request.member,
                mentor=profile.member,
                message=form.cleaned_data["message"],
            )
        except MentorshipError as refused:
            error = str(refused)
        except ValidationError as invalid:
            error = first_error(invalid)
        else:
            messages.success(
                request,
                # The name ends the sentence and may end with its own ".".
                sentence(
                    _("Your request is sent to %(name)s")
                    % {"name": profile.member.display_name}
                ),
            )
            return redirect("mentorship:mine")
    context = {"profile": profile, "form": form, "error": error}
    status = 400 if request.method == "POST" else 200
    return render(request, "mentorship/mentor_request.html", context, status=status)


# -- The member's mentorships ------------------------------------------------------


def _with_moves(mentorships: list[Mentorship], side: Side) -> list[dict[str, Any]]:
    return [{"mentorship": m, "moves": moves_for(m.state, side)} for m in mentorships]


@require_GET
@never_cache
@member_required
def mine(request: MemberRequest) -> HttpResponse:
    """The member's mentorships as a mentee and as a mentor (with their places)."""
    member = request.member
    profile = mentor_profile_of(member)
    as_mentor = mentorships_as_mentor(member)
    taken = sum(1 for m in as_mentor if m.state in ("accepted", "active"))
    context = {
        "as_mentee": _with_moves(mentorships_as_mentee(member), Side.MENTEE),
        "as_mentor": _with_moves(as_mentor, Side.MENTOR),
        "profile": profile,
        "taken": taken,
        "free": max(0, profile.capacity - taken) if profile else 0,
    }
    return render(request, "mentorship/mentorship_mine.html", context)


@require_POST
@member_required
def move(request: MemberRequest, mentorship_id: int, action: str) -> HttpResponse:
    if action not in Action.__members__.values():
        raise Http404("No such action")
    try:
        mentorship = mentorship_move(
            by=request.member, mentorship_id=mentorship_id, action=action
        )
    except MentorshipError as refused:
        messages.error(request, str(refused))
        return redirect("mentorship:mine")
    messages.success(
        request,
        _("The mentorship is now %(state)s.")
        % {"state": mentorship.get_state_display().lower()},
    )
    if mentorship.state == MentorshipState.ACTIVE:
        return redirect("mentorship:thread", mentorship.pk)
    return redirect("mentorship:mine")


# -- The private thread ------------------------------------------------------------


def _thread_context(request: MemberRequest, mentorship: Mentorship) -> dict[str, Any]:
    mentor_messages_mark_read(by=request.member, mentorship=mentorship)
    is_mentor = mentorship.mentor_id == request.member.pk
    return {
        "mentorship": mentorship,
        "other": mentorship.mentee if is_mentor else mentorship.mentor,
        "is_mentor": is_mentor,
        "thread": thread_messages(mentorship),
        "open": mentorship.state == MentorshipState.ACTIVE,
    }


@require_http_methods(["GET", "POST"])
@never_cache
@member_required
def thread(request: MemberHtmxRequest, mentorship_id: int) -> HttpResponse:
    """The messages of a mentorship, for its two members only; sending while it
    is active."""
    mentorship = access_mentorship(request.member, mentorship_id)
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                mentor_message_send(
                    by=request.member,
                    mentorship_id=mentorship.pk,
                    body=form.cleaned_data["body"],
                )
            except (MentorshipError, ValidationError) as refused:
                form.add_error(
                    None,
                    first_error(refused)
                    if isinstance(refused, ValidationError)
                    else str(refused),
                )
            else:
                if not request.htmx:
                    return redirect("mentorship:thread", mentorship.pk)
                form = MessageForm()
        status = 200 if request.htmx or not form.errors else 400
    context = {**_thread_context(request, mentorship), "form": form}
    template = "mentorship/_thread.html" if request.htmx else "mentorship/thread.html"
    response = render(request, template, context, status=status)
    patch_vary_headers(response, ("HX-Request",))
    return response


@require_GET
@never_cache
@member_required
def thread_poll(request: MemberRequest, mentorship_id: int) -> HttpResponse:
    """The messages alone: what the thread page's polling swaps in."""
    mentorship = access_mentorship(request.member, mentorship_id)
    return render(
        request, "mentorship/_messages.html", _thread_context(request, mentorship)
    )


# -- The mentor's page for a mentee ------------------------------------------------


@require_GET
@never_cache
@member_required
def mentee(request: MemberRequest, member_id: int) -> HttpResponse:
    """What an active mentee chose to share with their mentor: check-in summaries
    and, if they share them, their warning signs."""
    mentorship = access_mentee(request.member, member_id)
    shared = checkin_summaries_for_mentor(mentor=request.member, mentee_id=member_id)
    try:
        _mentee, signals = warning_signals_for_mentor(
            mentor=request.member, mentee_id=member_id
        )
    except Http404:
        signals = None
    context = {
        "mentorship": mentorship,
        "mentee": mentorship.mentee,
        "summaries": shared.summaries,
        "days": MENTOR_DAYS,
        "signals": signals,
    }
    return render(request, "mentorship/mentee_detail.html", context)


# -- Endorsements by a group's leaders ---------------------------------------------


@require_http_methods(["GET", "POST"])
@member_required
def endorse(request: MemberRequest, slug: str, membership_id: int) -> HttpResponse:
    group = access_led_group(request.member, slug)
    form = EndorseForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            mentor_endorse(
                by=request.member,
                group=group,
                membership_id=membership_id,
                note=form.cleaned_data["note"],
            )
        except MentorshipError as refused:
            error = str(refused)
        else:
            messages.success(request, _("Your endorsement is recorded."))
            return redirect("mentorship:endorse", group.slug, membership_id)
    membership = access_group_membership(group, membership_id)
    standing = endorsement_standing_by(request.member, membership)
    context = {
        "group": group,
        "membership": membership,
        "form": form,
        "error": error,
        "standing": standing,
        "is_self": membership.member_id == request.member.pk,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "mentorship/endorse.html", context, status=status)


@require_POST
@member_required
def endorse_revoke(
    request: MemberRequest, slug: str, membership_id: int
) -> HttpResponse:
    group = access_led_group(request.member, slug)
    if mentor_endorsement_revoke(
        by=request.member, group=group, membership_id=membership_id
    ):
        messages.success(request, _("Your endorsement is taken back."))
    return redirect("mentorship:endorse", group.slug, membership_id)
