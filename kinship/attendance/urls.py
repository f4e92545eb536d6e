"""Occurrences, RSVP, schedule, attendance and records pages."""

from django.urls import URLPattern

app_name = "attendance"

urlpatterns: list[URLPattern] = []
