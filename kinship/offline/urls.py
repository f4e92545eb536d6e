"""The web app manifest, the service worker (at the site root, so its scope is
the whole site) and the page shown when a page cannot be reached offline."""

from django.urls import path

from . import views

app_name = "offline"

urlpatterns = [
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="service-worker"),
    path("offline/", views.offline_page, name="page"),
]
