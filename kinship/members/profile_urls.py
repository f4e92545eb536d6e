"""Profile pages: /me/, data export and account deletion."""

from django.urls import URLPattern

app_name = "members"

urlpatterns: list[URLPattern] = []
