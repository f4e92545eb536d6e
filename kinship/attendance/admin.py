"""Django admin for attendance: records are read-only, exceptions editable."""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from .models import (
    Attendance,
    AttendanceRecord,
    MeetingException,
    Occurrence,
    Rsvp,
    ScheduleFeed,
)

M = TypeVar("M", bound=models.Model)


class ReadOnlyAdmin(admin.ModelAdmin[M]):
    """What members and leaders recorded is evidence: site admins read, never edit."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: Any | None = None
    ) -> bool:
        return False


@admin.register(MeetingException)
class MeetingExceptionAdmin(admin.ModelAdmin[MeetingException]):
    list_display = ["meeting", "local_date", "kind", "moved_starts_at", "created_at"]
    list_filter = ["kind"]
    search_fields = ["meeting__name", "meeting__slug"]
    raw_id_fields = ["meeting", "created_by"]
    date_hierarchy = "local_date"


@admin.register(Occurrence)
class OccurrenceAdmin(ReadOnlyAdmin[Occurrence]):
    list_display = ["meeting", "local_date", "starts_at", "ends_at"]
    search_fields = ["meeting__name", "meeting__slug"]
    list_select_related = ["meeting"]
    date_hierarchy = "starts_at"


@admin.register(Rsvp)
class RsvpAdmin(ReadOnlyAdmin[Rsvp]):
    list_display = ["occurrence", "member", "answer", "updated_at"]
    list_filter = ["answer"]
    list_select_related = ["occurrence__meeting", "member"]


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin[Attendance]):
    list_display = ["occurrence", "member", "method", "verified", "recorded_at"]
    list_filter = ["method", "verified"]
    list_select_related = ["occurrence__meeting", "member"]


@admin.register(AttendanceRecord)
class AttendanceRecordAdmin(ReadOnlyAdmin[AttendanceRecord]):
    list_display = [
        "public_id",
        "member",
        "starts_on",
        "ends_on",
        "created_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    list_select_related = ["member"]


@admin.register(ScheduleFeed)
class ScheduleFeedAdmin(ReadOnlyAdmin[ScheduleFeed]):
    list_display = ["member", "created_at", "revoked_at"]
    list_select_related = ["member"]
    exclude = ["token_hash"]
