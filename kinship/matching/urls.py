"""Group quality (feedback), the needs insights, and Find my group."""

from django.urls import URLPattern, path

from . import views, views_match, views_needs

app_name = "matching"

urlpatterns: list[URLPattern] = [
    path("groups/<slug:slug>/feedback/", views.group_feedback, name="group-feedback"),
    path("groups/<slug:slug>/verify/", views.group_verify_view, name="group-verify"),
    *views_needs.urlpatterns,
    *views_match.urlpatterns,
]
