"""Django admin for members: site admins help with memberships and see group changes.

Members' private records (check-ins, attendance records, ...) are not shown here.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import GroupChange, Member, Membership


@admin.register(Member)
class MemberAdmin(admin.ModelAdmin[Member]):
    list_display = ["display_name", "focus", "timezone", "created_at"]
    search_fields = ["display_name"]
    readonly_fields = ["user", "created_at"]
    fields = ["user", "display_name", "focus", "timezone", "roster_name", "created_at"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin[Membership]):
    list_display = ["member", "group", "level", "joined_at", "leader_since"]
    list_filter = ["level"]
    search_fields = ["group__name", "member__display_name"]
    raw_id_fields = ["member", "group"]


@admin.register(GroupChange)
class GroupChangeAdmin(admin.ModelAdmin[GroupChange]):
    """The record of leaders' changes: read-only, append-only."""

    list_display = ["at", "group", "action", "meeting_name", "by"]
    list_filter = ["action"]
    search_fields = ["group__name", "meeting_name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: GroupChange | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: GroupChange | None = None
    ) -> bool:
        return False
