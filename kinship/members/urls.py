"""Group membership pages: join, levels, roster and leaders' edits."""

from django.urls import URLPattern

app_name = "membership"

urlpatterns: list[URLPattern] = []
