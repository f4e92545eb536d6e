"""Group membership pages: join, levels, roster and leaders' edits."""

from django.urls import path

from . import views

app_name = "membership"

urlpatterns = [
    path("groups/<slug:slug>/join/", views.group_join, name="join"),
    path(
        "groups/<slug:slug>/invitation/<str:token>/",
        views.invitation_accept,
        name="invitation-accept",
    ),
    path("groups/<slug:slug>/step-up/", views.membership_step_up_view, name="step-up"),
    path("groups/<slug:slug>/leave/", views.membership_leave_view, name="leave"),
    path("groups/<slug:slug>/roster/", views.roster, name="roster"),
    path(
        "groups/<slug:slug>/roster/<int:membership_id>/leader/",
        views.roster_make_leader,
        name="make-leader",
    ),
    path(
        "groups/<slug:slug>/invitations/", views.invitation_new, name="invitation-new"
    ),
    path("groups/<slug:slug>/edit/", views.group_edit, name="group-edit"),
    path("groups/<slug:slug>/changes/", views.group_changes, name="group-changes"),
    path("groups/<slug:slug>/meetings/new/", views.meeting_edit, name="meeting-new"),
    path(
        "groups/<slug:slug>/meetings/<slug:meeting_slug>/edit/",
        views.meeting_edit,
        name="meeting-edit",
    ),
    path(
        "groups/<slug:slug>/meetings/<slug:meeting_slug>/remove/",
        views.meeting_remove_view,
        name="meeting-remove",
    ),
]
