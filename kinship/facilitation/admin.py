"""Django admin for moderation: site admins read the record and reverse actions.

Reversing calls the same service as the staff page (``/moderation/actions/``):
write the reason on each action first (the one field staff may edit), then run
the admin action. Nothing here deletes a row.
"""

from __future__ import annotations

from typing import TypeVar

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinship.members.access import request_member

from .models import GroupPost, ModerationAction, Report
from .services import ModerationError, action_reverse

M = TypeVar("M", GroupPost, Report, ModerationAction)


class NoDeleteAdmin(admin.ModelAdmin[M]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False


@admin.register(GroupPost)
class GroupPostAdmin(NoDeleteAdmin[GroupPost]):
    list_display = ["group", "author", "is_announcement", "created_at", "hidden_at"]
    list_filter = ["is_announcement"]
    search_fields = ["group__name"]
    readonly_fields = [
        "group",
        "author",
        "body",
        "content_warning",
        "is_announcement",
        "created_at",
        "hidden_at",
        "hidden_by",
        "hidden_reason",
    ]

    def has_change_permission(
        self, request: HttpRequest, obj: GroupPost | None = None
    ) -> bool:
        return False


@admin.register(Report)
class ReportAdmin(NoDeleteAdmin[Report]):
    """Site staff see who reported; the group's leaders do not."""

    list_display = ["group", "reason", "state", "created_at", "reporter"]
    list_filter = ["state", "reason"]
    search_fields = ["group__name"]
    readonly_fields = [
        "group",
        "reporter",
        "post",
        "target_member",
        "reason",
        "details",
        "created_at",
        "state",
        "closed_at",
    ]

    def has_change_permission(
        self, request: HttpRequest, obj: Report | None = None
    ) -> bool:
        return False


@admin.register(ModerationAction)
class ModerationActionAdmin(NoDeleteAdmin[ModerationAction]):
    list_display = [
        "created_at",
        "group",
        "action",
        "target_member",
        "leader",
        "reversed_at",
    ]
    list_filter = ["action", ("reversed_at", admin.EmptyFieldListFilter)]
    search_fields = ["group__name", "reason"]
    readonly_fields = [
        "group",
        "leader",
        "action",
        "report",
        "post",
        "target_member",
        "reason",
        "created_at",
        "former_level",
        "former_joined_at",
        "former_participant_since",
        "former_leader_since",
        "reversed_at",
        "reversed_by",
    ]
    fields = [*readonly_fields, "reversed_reason"]
    actions = ["reverse"]

    def get_readonly_fields(
        self, request: HttpRequest, obj: ModerationAction | None = None
    ) -> list[str]:
        # Once reversed, the reason for reversing is part of the record too.
        if obj is not None and obj.reversed_at is not None:
            return [*self.readonly_fields, "reversed_reason"]
        return list(self.readonly_fields)

    @admin.action(
        description=gettext_lazy(
            "Reverse, with the reason for reversing written on each action"
        )
    )
    def reverse(
        self, request: HttpRequest, queryset: QuerySet[ModerationAction]
    ) -> None:
        member = request_member(request)
        assert member is not None  # the admin lets only staff accounts in
        done = 0
        for action in queryset.filter(reversed_at__isnull=True):
            try:
                action_reverse(
                    by=member, action_id=action.pk, reason=action.reversed_reason
                )
            except ModerationError as error:
                self.message_user(request, f"{action}: {error}", messages.ERROR)
            else:
                done += 1
        self.message_user(request, _("%(count)s action(s) reversed.") % {"count": done})
