"""Profile pages: /me/, data export and account deletion."""

from django.urls import path

from . import profile_views

app_name = "members"

urlpatterns = [
    path("me/", profile_views.me, name="me"),
    path("me/profile/", profile_views.profile_update, name="update"),
    path("me/export/", profile_views.export, name="export"),
    path("me/delete/", profile_views.delete, name="delete"),
]
