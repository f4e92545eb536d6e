"""Clinic pages (staff of an organisation, behind ``clinic_view``: active
staff only, with MFA) and the patient's referral pages (a code, its note and
suggested groups, accepting it, and the member's accepted referrals)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kinship.core.http import first_error, is_local_path
from kinship.members.access import MemberRequest, member_required, request_member
from kinship.security.audit import client_ip

from .access import NO_AUTHENTICATOR, clinic_view, mfa_missing
from .codes import referral_code_display
from .forms import ReferralCodeForm, ReferralForm, StaffInviteForm
from .models import OrganisationStaff
from .selectors import (
    access_referral,
    listed_groups_matching,
    referrals_accepted_by,
    referrals_of_organisation,
    staff_invitation_by_token,
    staff_of_organisation,
    staff_rows_of,
)
from .services import (
    referral_accept,
    referral_cancel,
    referral_check,
    referral_create,
    staff_invitation_accept,
    staff_invite,
)

# -- Staff ------------------------------------------------------------------------


@require_GET
@never_cache
@member_required
def clinic_index(request: MemberRequest) -> HttpResponse:
    return render(
        request, "care/clinic_index.html", {"rows": staff_rows_of(request.member)}
    )


@require_GET
@never_cache
@member_required
def clinic_mfa_required(request: MemberRequest) -> HttpResponse:
    target = request.GET.get("next", "")
    context = {
        "reason": mfa_missing(request),
        "no_authenticator": mfa_missing(request) == NO_AUTHENTICATOR,
        "next": target if is_local_path(target) else reverse("care:clinic-index"),
    }
    return render(request, "care/clinic_mfa_required.html", context)


@require_GET
@never_cache
@clinic_view
def clinic_home(request: MemberRequest, staff: OrganisationStaff) -> HttpResponse:
    context = {
        "staff": staff,
        "organisation": staff.organisation,
        "referrals": referrals_of_organisation(staff),
        "team": staff_of_organisation(staff) if staff.is_admin else None,
    }
    return render(request, "care/clinic_home.html", context)


@require_http_methods(["GET", "POST"])
@never_cache
@clinic_view
def clinic_staff_invite(
    request: MemberRequest, staff: OrganisationStaff
) -> HttpResponse:
    if not staff.is_admin:
        raise Http404("No such page")
    form = StaffInviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        staff_invite(by=staff, **form.cleaned_data)
        messages.success(
            request,
            _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
        )
        return redirect("care:clinic-home", org_slug=staff.organisation.slug)
    context = {"staff": staff, "organisation": staff.organisation, "form": form}
    status = 400 if form.errors else 200
    return render(request, "care/clinic_staff_invite.html", context, status=status)


@require_http_methods(["GET", "POST"])
@never_cache
@member_required
def clinic_invitation(request: MemberRequest, token: str) -> HttpResponse:
    invitation = staff_invitation_by_token(token)
    if invitation is None:
        return render(request, "care/clinic_invitation_invalid.html", status=404)
    if request.method == "POST":
        try:
            staff = staff_invitation_accept(by=request.member, token=token)
        except Http404:
            return render(request, "care/clinic_invitation_invalid.html", status=404)
        return redirect("care:clinic-home", org_slug=staff.organisation.slug)
    return render(request, "care/clinic_invitation.html", {"invitation": invitation})


@require_http_methods(["GET", "POST"])
@never_cache
@clinic_view
def clinic_referral_new(
    request: MemberRequest, staff: OrganisationStaff
) -> HttpResponse:
    data = request.POST if request.method == "POST" else request.GET
    query = data.get("q", "")
    chosen = [int(pk) for pk in data.getlist("groups") if pk.isdigit()]
    groups = listed_groups_matching(query, keep=chosen)
    # "Search groups" posts the whole form: what was typed and chosen stays.
    searching = request.method == "POST" and "search" in request.POST
    if searching:
        form = ReferralForm(groups, initial=_referral_typed(request.POST, chosen))
    else:
        form = ReferralForm(groups, request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {
        "staff": staff,
        "organisation": staff.organisation,
        "q": query,
    }
    if request.method == "POST" and not searching and form.is_valid():
        clean = form.cleaned_data
        try:
            referral, code = referral_create(
                by=staff,
                patient_reference=clean["patient_reference"],
                note_to_patient=clean["note_to_patient"],
                group_ids=[group.pk for group in clean["groups"]],
                expires_in_days=clean["expires_in_days"],
            )
        except ValidationError as error:
            form.add_error(None, first_error(error))
        else:
            link = request.build_absolute_uri(
                reverse("care:referral-show", kwargs={"code": code})
            )
            context |= {"referral": referral, "code": code, "link": link}
            return render(request, "care/clinic_referral_created.html", context)
    status = 400 if form.errors else 200
    context["form"] = form
    return render(request, "care/clinic_referral_new.html", context, status=status)


def _referral_typed(data: QueryDict, chosen: list[int]) -> dict[str, Any]:
    """The referral form's values as typed, to show again after a search."""
    typed: dict[str, Any] = {"groups": chosen}
    for name in ("patient_reference", "note_to_patient", "expires_in_days"):
        if name in data:
            typed[name] = data[name]
    return typed


@require_GET
@never_cache
@clinic_view
def clinic_referral_detail(
    request: MemberRequest, staff: OrganisationStaff, referral_id: int
) -> HttpResponse:
    referral = access_referral(staff, referral_id)
    context: dict[str, Any] = {"staff": staff, "organisation": staff.organisation}
    context |= {"referral": referral, "status": referral.status()}
    return render(request, "care/clinic_referral_detail.html", context)


@require_POST
@clinic_view
def clinic_referral_cancel(
    request: MemberRequest, staff: OrganisationStaff, referral_id: int
) -> HttpResponse:
    try:
        referral_cancel(by=staff, referral_id=referral_id)
    except ValidationError as error:
        messages.error(request, first_error(error))
    else:
        messages.success(
            request, _("The referral is cancelled: its code no longer works.")
        )
    return redirect(
        "care:clinic-referral",
        org_slug=staff.organisation.slug,
        referral_id=referral_id,
    )


# -- Patients ---------------------------------------------------------------------


def _ip(request: HttpRequest) -> str:
    return client_ip(request) or "unknown"


@require_http_methods(["GET", "POST"])
@never_cache
def referral_enter(request: HttpRequest) -> HttpResponse:
    form = ReferralCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        try:
            referral_check(
                by=request_member(request), code=code, ip_address=_ip(request)
            )
        except ValidationError as error:
            form.add_error("code", first_error(error))
        else:
            return redirect("care:referral-show", code=referral_code_display(code))
    status = 400 if form.errors else 200
    return render(request, "care/referral_enter.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@never_cache
def referral_show(request: HttpRequest, code: str) -> HttpResponse:
    member = request_member(request)
    if request.method == "POST" and member is None:
        query = urlencode({"next": request.path})
        return redirect(f"{reverse('account_login')}?{query}")
    try:
        if request.method == "POST" and member is not None:
            referral_accept(by=member, code=code, ip_address=_ip(request))
            messages.success(request, _("Referral accepted."))
            return redirect("care:my-referrals")
        referral = referral_check(by=member, code=code, ip_address=_ip(request))
    except ValidationError as error:
        message = {"message": first_error(error)}
        return render(request, "care/referral_invalid.html", message, status=404)
    context: dict[str, Any] = {"referral": referral, "code": code, "member": member}
    context |= {"groups": referral.suggested_groups.all()}
    return render(request, "care/referral_show.html", context)


@require_GET
@never_cache
@member_required
def my_referrals(request: MemberRequest) -> HttpResponse:
    context = {"referrals": referrals_accepted_by(request.member)}
    return render(request, "care/my_referrals.html", context)
