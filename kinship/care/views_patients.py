"""Clinic pages with patients' data: the dashboard of consenting patients, a
patient's trends, the FHIR export of their assessments, and asking them to
take an assessment. Clinicians only (``disclosure`` checks the role and the
consent on every request, and logs every read)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from kinship.core.http import first_error
from kinship.core.timezones import zone
from kinship.members.access import MemberRequest
from kinship.recovery.trends import AVERAGE_MIN_DAYS

from .access import clinic_view
from .dashboard import dashboard_rows
from .disclosure import (
    access_patient,
    disclose_assessments,
    disclose_dashboard,
    disclose_patient,
)
from .fhir import bundle_json, member_bundle
from .forms import AssignForm
from .models import OrganisationStaff
from .patient_charts import patient_charts
from .services import assessment_assign


@require_GET
@never_cache
@clinic_view
def clinic_patients(request: MemberRequest, staff: OrganisationStaff) -> HttpResponse:
    patients = disclose_dashboard(staff)
    context: dict[str, Any] = {"staff": staff, "organisation": staff.organisation}
    context["patients"] = patients
    context["rows"] = dashboard_rows(
        patients, staff.organisation.slug, zone(request.member.timezone)
    )
    return render(request, "care/clinic_patients.html", context)


@require_GET
@never_cache
@clinic_view
def clinic_patient(
    request: MemberRequest, staff: OrganisationStaff, member_id: int
) -> HttpResponse:
    patient = disclose_patient(staff, member_id)
    context: dict[str, Any] = {"staff": staff, "organisation": staff.organisation}
    context |= {"patient": patient, "charts": patient_charts(patient)}
    context["average_min_days"] = AVERAGE_MIN_DAYS
    context["assign_form"] = AssignForm()
    return render(request, "care/clinic_patient.html", context)


@require_GET
@never_cache
@clinic_view
def clinic_patient_fhir(
    request: MemberRequest, staff: OrganisationStaff, member_id: int
) -> HttpResponse:
    patient = disclose_assessments(staff, member_id)
    bundle = member_bundle(patient.member, redisclosure=True)
    response = HttpResponse(bundle_json(bundle), content_type="application/fhir+json")
    response["Content-Disposition"] = 'attachment; filename="assessments.json"'
    return response


@require_POST
@clinic_view
def clinic_patient_assign(
    request: MemberRequest, staff: OrganisationStaff, member_id: int
) -> HttpResponse:
    form = AssignForm(request.POST)
    if not form.is_valid():
        # Refused as the service would refuse it: not a patient, not found.
        access_patient(staff, member_id)
        messages.error(request, _("Choose one of the listed assessments."))
    else:
        try:
            assessment_assign(
                by=staff,
                member_id=member_id,
                instrument=form.cleaned_data["instrument"],
            )
        except ValidationError as error:
            messages.error(request, first_error(error))
        else:
            messages.success(request, _("The patient is asked to take it."))
    return redirect(
        "care:clinic-patient", org_slug=staff.organisation.slug, member_id=member_id
    )
