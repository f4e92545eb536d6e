"""The member's own pages: home (/me/), profile, data export, account deletion."""

from django.urls import path

from kinship.recovery.views.progress import me as progress

from . import profile_views

app_name = "members"

urlpatterns = [
    # The member's home is their recovery progress (kinship.recovery).
    path("me/", progress, name="me"),
    path("me/profile/", profile_views.profile, name="profile"),
    path("me/export/", profile_views.export, name="export"),
    path("me/delete/", profile_views.delete, name="delete"),
    path("language/", profile_views.language, name="language"),
]
