"""Occurrences, RSVP, schedule, attendance and records pages."""

from django.urls import path

from . import views

app_name = "attendance"

LED_MEETING = "groups/<slug:slug>/meetings/<slug:meeting_slug>"

urlpatterns = [
    # A meeting's dates, for everyone who may see the meeting.
    path("meetings/<slug:slug>/dates/", views.meeting_dates, name="meeting-dates"),
    path("meetings/<slug:slug>/rsvp/", views.rsvp, name="rsvp"),
    path("meetings/<slug:slug>/check-in/", views.check_in, name="check-in"),
    path("meetings/<slug:slug>/join/", views.join, name="join"),
    # The member's own pages.
    path("me/schedule/", views.schedule, name="schedule"),
    path("me/schedule/calendar/", views.feed_create, name="feed-create"),
    path("me/schedule/calendar/revoke/", views.feed_revoke, name="feed-revoke"),
    path("calendar/<str:token>.ics", views.feed_ics, name="feed-ics"),
    path("me/attendance/", views.my_attendance, name="my-attendance"),
    path("me/records/", views.records, name="records"),
    path("me/records/<int:record_id>/print/", views.record_print, name="record-print"),
    path(
        "me/records/<int:record_id>/revoke/",
        views.record_revoke,
        name="record-revoke",
    ),
    path("verify/<str:code>/", views.record_verify, name="record-verify"),
    # Leaders of the meeting's group.
    path(f"{LED_MEETING}/changes/", views.exceptions, name="exceptions"),
    path(
        f"{LED_MEETING}/changes/<int:exception_id>/remove/",
        views.exception_remove,
        name="exception-remove",
    ),
    path(f"{LED_MEETING}/roll-call/", views.roll_call_list, name="roll-call-list"),
    path(f"{LED_MEETING}/roll-call/<str:stamp>/", views.roll_call, name="roll-call"),
]
