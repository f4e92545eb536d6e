"""Pages of the recovery tools: support."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
