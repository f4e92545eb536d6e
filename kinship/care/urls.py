"""The member's own assessments and referrals, and the clinic area."""

from django.urls import URLPattern, path

from . import views, views_clinic, views_patients, views_report, views_sharing

app_name = "care"

urlpatterns: list[URLPattern] = [
    path("me/assessments/", views.assessment_index, name="index"),
    path("me/assessments/fhir.json", views.assessment_fhir, name="fhir"),
    path(
        "me/assessments/result/<int:assessment_id>/",
        views.assessment_result,
        name="result",
    ),
    path("me/assessments/<slug:instrument>/", views.assessment_form, name="take"),
    # Referrals, for the patient.
    path("me/referrals/", views_clinic.my_referrals, name="my-referrals"),
    path("referral/", views_clinic.referral_enter, name="referral-enter"),
    path("referral/<str:code>/", views_clinic.referral_show, name="referral-show"),
    # Sharing with clinics: consent, and who looked.
    path("me/sharing/", views_sharing.sharing, name="sharing"),
    path(
        "me/sharing/consents/<int:consent_id>/end/",
        views_sharing.consent_end,
        name="consent-end",
    ),
    path(
        "me/sharing/with/<slug:org_slug>/",
        views_sharing.consent_new,
        name="consent-new",
    ),
    # The clinic area, for organisations' staff.
    path("clinic/", views_clinic.clinic_index, name="clinic-index"),
    path(
        "clinic/mfa-required/",
        views_clinic.clinic_mfa_required,
        name="clinic-mfa-required",
    ),
    path(
        "clinic/invitations/<str:token>/",
        views_clinic.clinic_invitation,
        name="clinic-invitation",
    ),
    path("clinic/<slug:org_slug>/", views_clinic.clinic_home, name="clinic-home"),
    path(
        "clinic/<slug:org_slug>/staff/invite/",
        views_clinic.clinic_staff_invite,
        name="clinic-staff-invite",
    ),
    path(
        "clinic/<slug:org_slug>/referrals/new/",
        views_clinic.clinic_referral_new,
        name="clinic-referral-new",
    ),
    path(
        "clinic/<slug:org_slug>/referrals/<int:referral_id>/",
        views_clinic.clinic_referral_detail,
        name="clinic-referral",
    ),
    path(
        "clinic/<slug:org_slug>/referrals/<int:referral_id>/cancel/",
        views_clinic.clinic_referral_cancel,
        name="clinic-referral-cancel",
    ),
    # Patients' data: clinicians only, within each patient's consent.
    path(
        "clinic/<slug:org_slug>/patients/",
        views_patients.clinic_patients,
        name="clinic-patients",
    ),
    path(
        "clinic/<slug:org_slug>/patients/<int:member_id>/",
        views_patients.clinic_patient,
        name="clinic-patient",
    ),
    path(
        "clinic/<slug:org_slug>/patients/<int:member_id>/fhir.json",
        views_patients.clinic_patient_fhir,
        name="clinic-patient-fhir",
    ),
    path(
        "clinic/<slug:org_slug>/patients/<int:member_id>/assign/",
        views_patients.clinic_patient_assign,
        name="clinic-patient-assign",
    ),
    path(
        "clinic/<slug:org_slug>/report/",
        views_report.clinic_report,
        name="clinic-report",
    ),
    path(
        "clinic/<slug:org_slug>/report.csv",
        views_report.clinic_report_csv,
        name="clinic-report-csv",
    ),
]
