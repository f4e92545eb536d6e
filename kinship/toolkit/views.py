"""The guided flow that starts a new group: one page per step, kept as a draft.

Every step works as a plain form (POST, then a redirect to the next step) and,
with htmx, as a fragment swapped into the page (the next step comes back with
its address pushed to the browser's history). Nothing is lost between steps:
each step's answers are saved in the member's ``GroupDraft``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseFormSet, Form
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect, push_url

from kinship.core.http import first_error
from kinship.directory.models import AttendanceMode, Focus, Language, Program
from kinship.members.access import MemberHtmxRequest, member_required

from . import starter_texts
from .forms import (
    AREA_PREFIX,
    LINKS_PREFIX,
    SECTIONS_PREFIX,
    BasicsForm,
    LinkFormSet,
    SafetyForm,
    SectionFormSet,
    StyleForm,
    TeamForm,
)
from .models import STEP_ORDER, DraftStep, GroupDraft, MeetingStyle, TeamRoleName
from .selectors import access_draft, drafts_of
from .services import (
    ToolkitError,
    draft_remove,
    draft_start,
    draft_step_save,
    group_create_from_draft,
)

StepForms = dict[str, Any]


def _step_url(draft: GroupDraft, step: str) -> str:
    return reverse("toolkit:draft-step", args=[draft.pk, step])


def _steps(draft: GroupDraft | None, current: str) -> list[dict[str, Any]]:
    """The steps for the progress list: label, address if open, current or not."""
    return [
        {
            "value": value,
            "label": label,
            "number": number,
            "current": value == current,
            "url": _step_url(draft, value) if draft and draft.reached(value) else "",
        }
        for number, (value, label) in enumerate(DraftStep.choices, start=1)
    ]


def _need_hint(params: QueryDict) -> dict[str, str] | None:
    """What the needs insights link says about the demand, if it says anything."""
    area = params.get("area", "")
    mode = params.get("mode", "")
    focus = params.get("focus", "")
    if not AREA_PREFIX.fullmatch(area) and mode not in AttendanceMode.values:
        return None
    return {
        "area": area if AREA_PREFIX.fullmatch(area) else "",
        "mode": str(dict(AttendanceMode.choices).get(mode, "")),
        "focus": str(dict(Focus.choices).get(focus, "")),
    }


def _forms(step: str, draft: GroupDraft | None, data: QueryDict | None) -> StepForms:
    """The step's forms, bound to POSTed data or filled from the draft."""
    saved: dict[str, Any] = (draft.data.get(step) if draft else None) or {}
    basics = draft.data.get(DraftStep.BASICS, {}) if draft else {}
    if step == DraftStep.BASICS:
        return {"form": BasicsForm(data, initial=saved)}
    if step == DraftStep.SAFETY:
        initial = saved or starter_texts.safety_texts()
        return {"form": SafetyForm(data, initial=initial)}
    if step == DraftStep.STRUCTURE:
        style = saved.get("style") or starter_texts.style_for_focus(
            basics.get("focus", "")
        )
        sections = saved.get("sections") or starter_texts.style_sections(style)
        return _structure_forms(data, style, sections)
    if step == DraftStep.TEAM:
        return {"form": TeamForm(data, initial=saved or None)}
    if step == DraftStep.RESOURCES:
        links = saved.get("links") or starter_texts.national_resources()
        return {
            "formset": LinkFormSet(
                data, initial=None if data else links, prefix=LINKS_PREFIX
            )
        }
    return {}


def _structure_forms(
    data: QueryDict | None, style: str, sections: list[Any]
) -> StepForms:
    return {
        "form": StyleForm(data, initial={"style": style}),
        # Bound rows compare with no initial values: a blank extra row is unchanged.
        "formset": SectionFormSet(
            data, initial=None if data else sections, prefix=SECTIONS_PREFIX
        ),
    }


def _valid(forms: StepForms) -> bool:
    return all(form.is_valid() for form in forms.values())


def _values(step: str, forms: StepForms) -> dict[str, Any]:
    if step == DraftStep.STRUCTURE:
        return {
            "style": forms["form"].cleaned_data["style"],
            "sections": forms["formset"].sections(),
        }
    if step == DraftStep.RESOURCES:
        return {"links": forms["formset"].links()}
    values: dict[str, Any] = forms["form"].values()
    return values


def _has_errors(forms: StepForms) -> bool:
    for form in forms.values():
        if isinstance(form, BaseFormSet):
            if form.is_bound and form.total_error_count():
                return True
        elif isinstance(form, Form) and form.is_bound and form.errors:
            return True
    return False


def _render_step(
    request: MemberHtmxRequest,
    draft: GroupDraft | None,
    step: str,
    forms: StepForms,
    *,
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    context = {
        "draft": draft,
        "step": step,
        "step_label": DraftStep(step).label,
        "steps": _steps(draft, step),
        "action": _step_url(draft, step) if draft else reverse("toolkit:group-new"),
        "back_url": _back_url(draft, step),
        **forms,
        **(extra or {}),
    }
    # htmx swaps only 2xx answers: a refused step comes back as 200 to htmx.
    status = 400 if _has_errors(forms) and not request.htmx else 200
    if request.htmx:
        response = render(request, "toolkit/_step.html", context, status=status)
    elif draft is None:
        context["drafts"] = list(drafts_of(request.member))
        response = render(request, "toolkit/group_new.html", context, status=status)
    else:
        response = render(request, "toolkit/draft_step.html", context, status=status)
    patch_vary_headers(response, ("HX-Request",))
    return response


def _back_url(draft: GroupDraft | None, step: str) -> str:
    index = STEP_ORDER.index(step)
    if draft is None or index == 0:
        return ""
    return _step_url(draft, STEP_ORDER[index - 1])


def _to_step(request: MemberHtmxRequest, draft: GroupDraft, step: str) -> HttpResponse:
    """After a saved step: the next one (a fragment for htmx, else a redirect)."""
    if not request.htmx:
        return redirect(_step_url(draft, step))
    if step == DraftStep.REVIEW:
        response = _render_review(request, draft, error="")
    else:
        response = _render_step(request, draft, step, _forms(step, draft, None))
    return push_url(response, _step_url(draft, step))


@require_http_methods(["GET", "POST"])
@member_required
def group_new(request: MemberHtmxRequest) -> HttpResponse:
    """The member's drafts, and the first step of a new one."""
    if request.method == "POST":
        forms = _forms(DraftStep.BASICS, None, request.POST)
        if _valid(forms):
            draft = draft_start(by=request.member, basics=forms["form"].values())
            return _to_step(request, draft, DraftStep.SAFETY)
        return _render_step(request, None, DraftStep.BASICS, forms)
    initial: dict[str, Any] = {"languages": Language.objects.filter(code="en")}
    if request.GET.get("focus") in Focus.values:
        initial["focus"] = request.GET["focus"]
    forms = {"form": BasicsForm(initial=initial)}
    extra = {"need": _need_hint(request.GET)}
    return _render_step(request, None, DraftStep.BASICS, forms, extra=extra)


@require_http_methods(["GET", "POST"])
@member_required
def draft_step(request: MemberHtmxRequest, draft_id: int, step: str) -> HttpResponse:
    draft = access_draft(request.member, draft_id)
    if step not in STEP_ORDER:
        raise Http404("No such step")
    if not draft.reached(step):
        return redirect(_step_url(draft, draft.step))
    if step == DraftStep.REVIEW:
        return _review(request, draft)
    posted = request.POST if request.method == "POST" else None
    if posted is not None and step == DraftStep.STRUCTURE and "load_style" in posted:
        return _load_style(request, draft, posted.get("style", ""))
    forms = _forms(step, draft, posted)
    if posted is not None and _valid(forms):
        try:
            draft = draft_step_save(
                by=request.member,
                draft_id=draft.pk,
                step=step,
                values=_values(step, forms),
            )
        except ToolkitError as error:
            messages.error(request, str(error))
            return redirect(_step_url(draft, draft.step))
        return _to_step(request, draft, STEP_ORDER[STEP_ORDER.index(step) + 1])
    return _render_step(request, draft, step, forms)


def _load_style(
    request: MemberHtmxRequest, draft: GroupDraft, style: str
) -> HttpResponse:
    """Replace the sections on screen with a style's template (nothing saved)."""
    if style not in MeetingStyle.values:
        style = MeetingStyle.TWELVE_STEP
    forms = _structure_forms(None, style, list(starter_texts.style_sections(style)))
    return _render_step(request, draft, DraftStep.STRUCTURE, forms)


def _review(request: MemberHtmxRequest, draft: GroupDraft) -> HttpResponse:
    """Everything at a glance; a POST makes the group."""
    error = ""
    if request.method == "POST":
        try:
            group = group_create_from_draft(by=request.member, draft_id=draft.pk)
        except ToolkitError as refused:
            error = str(refused)
        except ValidationError as invalid:
            error = first_error(invalid)
        else:
            messages.success(
                request,
                _(
                    "Your group is made. It is waiting for approval by a site "
                    "admin before it is listed in the directory."
                ),
            )
            url = group.get_absolute_url()
            return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    return _render_review(request, draft, error=error)


def _render_review(
    request: MemberHtmxRequest, draft: GroupDraft, *, error: str
) -> HttpResponse:
    """The review step, filled from the draft (the same page and htmx fragment)."""
    extra = {"review": _review_context(draft), "error": error}
    response = _render_step(request, draft, DraftStep.REVIEW, {}, extra=extra)
    if error and not request.htmx:
        response.status_code = 400
    return response


def _review_context(draft: GroupDraft) -> dict[str, Any]:
    data = draft.data
    basics = data.get(DraftStep.BASICS, {})
    role = data.get(DraftStep.TEAM, {}).get("role", "")
    structure = data.get(DraftStep.STRUCTURE, {})
    return {
        "basics": basics,
        "program": Program.objects.filter(pk=int(basics.get("program") or 0)).first(),
        "focus": dict(Focus.choices).get(basics.get("focus", ""), ""),
        "languages": list(Language.objects.filter(pk__in=basics.get("languages", []))),
        "safety": data.get(DraftStep.SAFETY, {}),
        "style": dict(MeetingStyle.choices).get(structure.get("style", ""), ""),
        "sections": structure.get("sections", []),
        "minutes": sum(int(s.get("minutes", 0)) for s in structure.get("sections", [])),
        "role": dict(TeamRoleName.choices).get(role, ""),
        "links": data.get(DraftStep.RESOURCES, {}).get("links", []),
    }


@require_POST
@member_required
def draft_remove_view(request: MemberHtmxRequest, draft_id: int) -> HttpResponse:
    draft_remove(by=request.member, draft_id=draft_id)
    messages.success(request, _("The draft is thrown away."))
    return redirect("toolkit:group-new")
