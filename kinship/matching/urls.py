"""Group quality (feedback) and the needs insights."""

from django.urls import URLPattern

app_name = "matching"

urlpatterns: list[URLPattern] = []
