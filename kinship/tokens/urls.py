"""The member's personal access tokens for the API."""

from django.urls import path

from . import views

app_name = "tokens"

urlpatterns = [
    path("me/tokens/", views.token_list, name="list"),
    path("me/tokens/<int:token_id>/revoke/", views.token_revoke_view, name="revoke"),
]
