"""Training pages: both courses with the member's own progress, one course's
modules, and a module with its knowledge check. Every page shows only the
signed-in member's progress; no address names another member."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_htmx.http import HttpResponseClientRedirect

from kinship.members.access import MemberHtmxRequest, MemberRequest, member_required

from .forms import KnowledgeCheckForm
from .models import Course, TrainingModule
from .selectors import ModuleStatus, access_module, courses_progress
from .services import AnswerResult, training_answer_check


def _course(value: str) -> str:
    if value not in Course.values:
        raise Http404("No such course")
    return value


@require_GET
@never_cache
@member_required
def training_index(request: MemberRequest) -> HttpResponse:
    context = {"courses": courses_progress(request.member)}
    return render(request, "training/training_index.html", context)


@require_GET
@never_cache
@member_required
def course_detail(request: MemberRequest, course: str) -> HttpResponse:
    [progress] = courses_progress(request.member, _course(course))
    return render(request, "training/course_detail.html", {"course": progress})


@require_http_methods(["GET", "POST"])
@never_cache
@member_required
def module_detail(request: MemberHtmxRequest, course: str, slug: str) -> HttpResponse:
    """The module's text and its knowledge check. With htmx, a checked form
    comes back as the check's fragment (a pass reloads the page)."""
    module = access_module(_course(course), slug)
    posted = request.POST if request.method == "POST" else None
    form = KnowledgeCheckForm(module, posted)
    result: AnswerResult | None = None
    if request.method == "POST" and form.is_valid():
        try:
            result = training_answer_check(
                by=request.member, module=module, answers=form.answers()
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if result.correct:
                messages.success(request, _passed_message(result))
                if request.htmx:
                    return HttpResponseClientRedirect(request.path)
                return redirect(request.path)
    [course_progress] = courses_progress(request.member, module.course)
    status, next_module = _status_and_next(course_progress.modules, module)
    context = {
        "course": course_progress,
        "module": module,
        "status": status,
        "next_module": next_module,
        "form": form,
        "questions": form.questions(),
        "result": result,
        "to_review": result.to_review if result else (),
    }
    if request.htmx:
        # htmx swaps only 2xx answers: a refused check comes back as 200.
        response = render(request, "training/_check.html", context)
    else:
        code = 400 if form.errors else 200
        response = render(request, "training/module_detail.html", context, status=code)
    patch_vary_headers(response, ("HX-Request",))
    return response


def _passed_message(result: AnswerResult) -> str:
    if result.first_pass:
        return _("Every answer is right: you passed this module.")
    return _("Every answer is right. You had already passed this module.")


def _status_and_next(
    statuses: list[ModuleStatus], module: TrainingModule
) -> tuple[ModuleStatus, TrainingModule | None]:
    """The member's status on ``module``, and the course's module after it."""
    ids = [status.module.pk for status in statuses]
    index = ids.index(module.pk)
    following = statuses[index + 1].module if index + 1 < len(statuses) else None
    return statuses[index], following
