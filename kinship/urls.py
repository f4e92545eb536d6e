"""Site URLs: pages, the admin, the API and the health check."""

from django.contrib import admin
from django.urls import include, path

from kinship.api import api
from kinship.core.views import healthz, styleguide

urlpatterns = [
    path("", include("kinship.feeds.urls")),
    path("", include("kinship.toolkit.urls")),
    path("", include("kinship.directory.urls")),
    path("accounts/", include("allauth.urls")),
    path("", include("kinship.members.profile_urls")),
    path("", include("kinship.members.urls")),
    path("", include("kinship.attendance.urls")),
    path("", include("kinship.tokens.urls")),
    path("", include("kinship.security.urls")),
    path("", include("kinship.recovery.urls")),
    path("", include("kinship.notifications.urls")),
    path("", include("kinship.matching.urls")),
    path("", include("kinship.mentorship.urls")),
    path("", include("kinship.training.urls")),
    path("", include("kinship.care.urls")),
    path("", include("kinship.facilitation.urls")),
    path("", include("kinship.offline.urls")),
    path("healthz", healthz, name="healthz"),
    path("styleguide/", styleguide, name="styleguide"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
