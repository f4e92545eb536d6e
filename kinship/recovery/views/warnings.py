"""Pages of the recovery tools: early warning signs."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
