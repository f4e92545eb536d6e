"""Find my group: the guided questions, the ranked result, and saved matches.

No account is needed to answer or see the result. The answers live in the
session only: never in a URL (so never in an access log) and never logged. With
htmx the questions come one step at a time (``/match/step/<n>/``); without
JavaScript they are one form posted at once to ``/match/``. Either way a
completed questionnaire that found no good fit counts one unmet need.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect
from django_stubs_ext import StrOrPromise

from kinship.core.confirm import Confirmation, confirm_page, confirmed
from kinship.core.http import HtmxHttpRequest
from kinship.core.timezones import zone
from kinship.members.access import (
    MemberRequest,
    member_required,
    viewer_timezone_name,
)

from .forms_match import (
    STEPS,
    MatchForm,
    SavedMatchForm,
    answers_revalidated,
    match_query,
    step_with_errors,
)
from .match import GroupMatch, MatchResult, match_find
from .needs import need_record
from .ranking import WEIGHTS, Part, Travel
from .saved import (
    access_saved_match,
    saved_match_create,
    saved_match_delete,
    saved_matches_of,
)

# Session keys: the answers of a completed questionnaire, and those of the steps
# answered so far.
SESSION_ANSWERS = "match_answers"
SESSION_DRAFT = "match_draft"

FACTOR_LABELS: dict[str, StrOrPromise] = {
    "focus": gettext_lazy("What it is for"),
    "reach": gettext_lazy("Getting there"),
    "schedule": gettext_lazy("At your times"),
    "comfort": gettext_lazy("Welcome for newcomers"),
    "program": gettext_lazy("Program"),
    "language": gettext_lazy("Language"),
    "audience": gettext_lazy("Who it is for"),
    "quality": gettext_lazy("Published practices"),
    "size": gettext_lazy("Established group"),
}


def see_other(url: str) -> HttpResponseRedirect:
    """A 303 after a POST: the browser follows it with a GET."""
    response = HttpResponseRedirect(url)
    response.status_code = 303
    return response


def default_zone(request: HttpRequest) -> ZoneInfo:
    """The person's zone when they gave no ZIP: their profile's, else their
    browser's (the finder's cookie), else UTC."""
    return zone(viewer_timezone_name(request, default="UTC"))


def match_run(request: HttpRequest, answers: dict[str, Any]) -> MatchResult:
    query = match_query(answers, default_tz=default_zone(request))
    return match_find(query, now=timezone.now())


def match_complete(request: HttpRequest, answers: dict[str, Any]) -> None:
    """Keep a completed questionnaire's answers in the session, and count an
    unmet need once when no group fits (the result page never counts)."""
    request.session[SESSION_ANSWERS] = answers
    request.session.pop(SESSION_DRAFT, None)
    result = match_run(request, answers)
    if not result.found_good_fit:
        needs = result.query.needs
        need_record(
            focus=needs.focus,
            mode="online" if needs.travel == Travel.ONLINE else "",
            zip3=result.query.zip3,
        )


def steps_of(form: MatchForm) -> list[dict[str, Any]]:
    """Each step of the form with its bound fields, for the templates."""
    return [
        {
            "number": number,
            "title": step.title,
            "fields": [form[name] for name in step.fields if name in form.fields],
        }
        for number, step in enumerate(STEPS, start=1)
        if form.step is None or form.step == number
    ]


def _known_answers(request: HttpRequest) -> dict[str, Any]:
    answers = request.session.get(SESSION_DRAFT) or request.session.get(SESSION_ANSWERS)
    return answers if isinstance(answers, dict) else {}


@require_http_methods(["GET", "POST"])
def match_start(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = MatchForm(request.POST)
        if form.is_valid():
            match_complete(request, form.answers())
            return see_other(reverse("matching:match-result"))
    else:
        form = MatchForm(initial=_known_answers(request))
    context = {"form": form, "steps": steps_of(form), "enhance": not form.errors}
    status = 400 if form.errors else 200
    return render(request, "matching/match_form.html", context, status=status)


def _step_page(
    request: HtmxHttpRequest, form: MatchForm, *, status: int = 200
) -> HttpResponse:
    """The form's one step: a fragment for htmx, else a whole page."""
    context = {
        "form": form,
        "step": steps_of(form)[0],
        "total": len(STEPS),
        # Focus moves to the new step's heading, except on the first load.
        "move_focus": bool(request.htmx) and request.htmx.trigger != "match-area",
    }
    if request.htmx:
        response = render(request, "matching/_match_step.html", context)
    else:
        response = render(
            request, "matching/match_step_page.html", context, status=status
        )
    patch_vary_headers(response, ("HX-Request",))
    return response


@require_http_methods(["GET", "POST"])
def match_step(request: HtmxHttpRequest, number: int) -> HttpResponse:
    if not 1 <= number <= len(STEPS):
        raise Http404
    draft = _known_answers(request)
    if request.method == "GET":
        return _step_page(request, MatchForm(step=number, initial=draft))
    form = MatchForm(request.POST, step=number)
    if not form.is_valid():
        return _step_page(request, form, status=400)
    draft = {**draft, **form.answers()}
    request.session[SESSION_DRAFT] = draft
    if number < len(STEPS):
        if request.htmx:
            following = MatchForm(step=number + 1, initial=draft)
            return _step_page(request, following)
        return see_other(reverse("matching:match-step", args=[number + 1]))
    full = MatchForm(draft)
    if not full.is_valid():
        # An earlier answer is missing (the session expired): ask for it again.
        first = step_with_errors(full)
        again = MatchForm(draft, step=first)
        again.is_valid()
        return _step_page(request, again, status=400)
    match_complete(request, full.answers())
    result_url = reverse("matching:match-result")
    if request.htmx:
        return HttpResponseClientRedirect(result_url)
    return see_other(result_url)


@dataclass(frozen=True)
class ResultRow:
    """A matched group as the result page shows it."""

    match: GroupMatch
    parts: list[tuple[StrOrPromise, Part]]


def result_context(result: MatchResult) -> dict[str, Any]:
    rows = [
        ResultRow(
            match=match,
            parts=[
                (FACTOR_LABELS.get(part.factor, part.factor), part)
                for part in match.ranked.parts
            ],
        )
        for match in result.matches
    ]
    return {
        "rows": rows,
        "viewer_tz": result.query.viewer_tz,
        "found_good_fit": result.found_good_fit,
        "score_out_of": sum(WEIGHTS.values()),
    }


@require_GET
def match_result(request: HttpRequest) -> HttpResponse:
    answers = answers_revalidated(request.session.get(SESSION_ANSWERS))
    if answers is None:
        return redirect("matching:match")
    context = {
        **result_context(match_run(request, answers)),
        "save_form": SavedMatchForm(),
    }
    return render(request, "matching/match_result.html", context)


@require_POST
@member_required
def match_save(request: MemberRequest) -> HttpResponse:
    answers = answers_revalidated(request.session.get(SESSION_ANSWERS))
    if answers is None:
        messages.error(request, _("Answer the questions first, then save the match."))
        return see_other(reverse("matching:match"))
    form = SavedMatchForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the match a name of at most 80 characters."))
        return see_other(reverse("matching:match-result"))
    saved_match_create(by=request.member, answers=answers, **form.cleaned_data)
    messages.success(
        request, _("The match is saved: open it any time to see it afresh.")
    )
    return see_other(reverse("matching:saved-matches"))


@require_GET
@member_required
def saved_match_list(request: MemberRequest) -> HttpResponse:
    saved = saved_matches_of(request.member)
    return render(request, "matching/saved_match_list.html", {"saved": saved})


@require_GET
@member_required
def saved_match_detail(request: MemberRequest, saved_id: int) -> HttpResponse:
    saved = access_saved_match(request.member, saved_id)
    answers = answers_revalidated(saved.answers)
    if answers is None:
        messages.error(
            request,
            _("These answers no longer fit the directory: please answer again."),
        )
        return redirect("matching:match")
    context = {**result_context(match_run(request, answers)), "saved": saved}
    return render(request, "matching/match_result.html", context)


def _delete_confirmation(request: MemberRequest, saved_id: int) -> Confirmation:
    saved = access_saved_match(request.member, saved_id)
    created = localtime(saved.created_at, zone(request.member.timezone))
    saved_on = date_format(created, "j F Y")
    name = saved.label or _("the match saved on %(date)s") % {"date": saved_on}
    return Confirmation(
        title=_("Delete %(name)s?") % {"name": name},
        consequences=[
            _(
                "The answers you saved on %(date)s are deleted: to match again "
                "you would answer the questions again."
            )
            % {"date": saved_on},
            _("The groups themselves, and your place in any of them, stay."),
            _("This cannot be undone."),
        ],
        action=reverse("matching:saved-match-delete", args=[saved_id]),
        button=_("Yes, delete the saved match"),
        cancel=reverse("matching:saved-matches"),
    )


@require_GET
@member_required
def saved_match_delete_confirm(request: MemberRequest, saved_id: int) -> HttpResponse:
    return confirm_page(request, _delete_confirmation(request, saved_id))


@require_POST
@member_required
def saved_match_remove(request: MemberRequest, saved_id: int) -> HttpResponse:
    access_saved_match(request.member, saved_id)
    if not confirmed(request):
        confirmation = _delete_confirmation(request, saved_id)
        return confirm_page(request, confirmation, status=400)
    saved_match_delete(by=request.member, saved_match_id=saved_id)
    messages.success(request, _("The saved match is deleted."))
    return see_other(reverse("matching:saved-matches"))


urlpatterns: list[URLPattern] = [
    path("match/", match_start, name="match"),
    path("match/step/<int:number>/", match_step, name="match-step"),
    path("match/result/", match_result, name="match-result"),
    path("match/save/", match_save, name="match-save"),
    path("me/matches/", saved_match_list, name="saved-matches"),
    path("me/matches/<int:saved_id>/", saved_match_detail, name="saved-match"),
    path(
        "me/matches/<int:saved_id>/delete/",
        saved_match_remove,
        name="saved-match-delete",
    ),
    path(
        "me/matches/<int:saved_id>/delete/confirm/",
        saved_match_delete_confirm,
        name="saved-match-delete-confirm",
    ),
]
