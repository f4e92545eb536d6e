"""Assessment pages: the instruments with the member's own history, an
instrument's form, a result, and the member's FHIR download. Every page shows
only the signed-in member's own assessments; another's is a 404.

Instruments are shown in the language in force where they have a version in
it (``instrument_version``), else in English with a note saying so; a form is
saved as the version it showed."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from kinship.members.access import MemberRequest, member_required

from .fhir import bundle_json, member_bundle
from .forms import AssessmentForm
from .instruments import (
    INSTRUMENTS,
    Instrument,
    ScoringError,
    instrument_version,
    version_missing,
)
from .selectors import access_assessment, assessment_history, assignments_open
from .services import assessment_take


def _instrument(key: str) -> Instrument:
    """The version of ``key`` in the language in force (or English)."""
    if key not in INSTRUMENTS:
        raise Http404("No such assessment")
    return instrument_version(key)


@require_GET
@never_cache
@member_required
def assessment_index(request: MemberRequest) -> HttpResponse:
    context = {
        "histories": assessment_history(request.member),
        "assignments": assignments_open(request.member),
    }
    return render(request, "care/assessment_index.html", context)


@require_http_methods(["GET", "POST"])
@never_cache
@member_required
def assessment_form(request: MemberRequest, instrument: str) -> HttpResponse:
    definition = _instrument(instrument)
    form = AssessmentForm(
        definition, request.POST if request.method == "POST" else None
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = assessment_take(
                by=request.member,
                instrument=definition,
                answers=form.answers(),
                sex=form.threshold_sex(),
            )
        except ScoringError as error:
            form.add_scoring_errors(error.errors)
        else:
            return redirect("care:result", assessment_id=assessment.pk)
    context = {
        "instrument": definition,
        "form": form,
        "untranslated": version_missing(definition),
    }
    code = 400 if form.errors else 200
    return render(request, "care/assessment_form.html", context, status=code)


@require_GET
@never_cache
@member_required
def assessment_result(request: MemberRequest, assessment_id: int) -> HttpResponse:
    assessment = access_assessment(request.member, assessment_id)
    instrument = assessment.shown
    context = {
        "assessment": assessment,
        "instrument": instrument,
        "untranslated": version_missing(instrument),
        "band": instrument.band(assessment.band),
        "flags": [instrument.flag(key) for key in assessment.flags],
        "answers": [
            (item, item.option(int(assessment.answers[item.key])))
            for item in instrument.items
        ],
    }
    return render(request, "care/assessment_result.html", context)


@require_GET
@never_cache
@member_required
def assessment_fhir(request: MemberRequest) -> HttpResponse:
    response = HttpResponse(
        bundle_json(member_bundle(request.member)),
        content_type="application/fhir+json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-assessments.json"'
    return response
