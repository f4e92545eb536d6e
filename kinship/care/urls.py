"""The member's own assessments, for signed-in members."""

from django.urls import URLPattern, path

from . import views

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
]
