"""The notifications centre and email choices."""

from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("me/notifications/", views.notification_list, name="list"),
    path("me/notifications/read/", views.notifications_read_all, name="read-all"),
    path("me/notifications/settings/", views.email_settings, name="settings"),
    path(
        "me/notifications/<int:notification_id>/",
        views.notification_open,
        name="open",
    ),
]
