"""The member's security page and signing out everywhere."""

from django.urls import path

from . import views

app_name = "security"

urlpatterns = [
    path("me/security/", views.security_me, name="me"),
    path(
        "me/security/sign-out-everywhere/",
        views.sign_out_everywhere,
        name="sign-out-everywhere",
    ),
]
