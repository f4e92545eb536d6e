"""Mentorship pages: the mentor profile, finding a mentor, mentorships and their
threads, the mentor's page for a mentee, and leaders' endorsements."""

from django.urls import URLPattern, path

from . import views

app_name = "mentorship"

urlpatterns: list[URLPattern] = [
    path("me/mentor/", views.mentor_profile, name="mentor-profile"),
    path("me/mentor/pause/", views.mentor_pause, name="mentor-pause"),
    path("me/mentor/resume/", views.mentor_resume, name="mentor-resume"),
    path("me/mentorship/", views.mine, name="mine"),
    path("mentors/find/", views.find, name="find"),
    path("mentors/<int:profile_id>/request/", views.request_mentor, name="request"),
    path("mentorships/<int:mentorship_id>/", views.thread, name="thread"),
    path(
        "mentorships/<int:mentorship_id>/messages/",
        views.thread_poll,
        name="messages",
    ),
    path(
        "mentorships/<int:mentorship_id>/<slug:action>/",
        views.move,
        name="move",
    ),
    path("mentees/<int:member_id>/", views.mentee, name="mentee"),
    path(
        "groups/<slug:slug>/endorse/<int:membership_id>/",
        views.endorse,
        name="endorse",
    ),
    path(
        "groups/<slug:slug>/endorse/<int:membership_id>/revoke/",
        views.endorse_revoke,
        name="endorse-revoke",
    ),
]
