"""Django admin for the toolkit: site admins approve or decline new groups.

The admin actions call the same services as the pending page, so a group
approved here is listed (and its meetings reach the finder) the same way.
Members' drafts are private and not shown.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinship.members.access import request_member

from .models import Decision, GroupApproval, MeetingStructure, TeamRole
from .services import ToolkitError, group_approve, group_decline


@admin.register(GroupApproval)
class GroupApprovalAdmin(admin.ModelAdmin[GroupApproval]):
    list_display = ["group", "decision", "requested_at", "decided_at", "area"]
    list_filter = ["decision"]
    search_fields = ["group__name"]
    readonly_fields = [
        "group",
        "requested_by",
        "requested_at",
        "decided_by",
        "decided_at",
        "decision",
        "area",
    ]
    fields = [*readonly_fields, "note"]
    actions = ["approve", "decline"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def _decide(
        self, request: HttpRequest, queryset: QuerySet[GroupApproval], approve: bool
    ) -> None:
        member = request_member(request)
        assert member is not None  # the admin lets only staff accounts in
        done = 0
        for approval in queryset.filter(decision=Decision.PENDING):
            try:
                if approve:
                    group_approve(
                        by=member, approval_id=approval.pk, note=approval.note
                    )
                else:
                    group_decline(
                        by=member, approval_id=approval.pk, note=approval.note
                    )
            except (ToolkitError, ValidationError) as error:
                message = (
                    error.messages[0] if isinstance(error, ValidationError) else error
                )
                self.message_user(
                    request, f"{approval.group}: {message}", messages.ERROR
                )
            else:
                done += 1
        self.message_user(request, _("%(count)s group(s) decided.") % {"count": done})

    @admin.action(description=gettext_lazy("Approve: list in the directory"))
    def approve(self, request: HttpRequest, queryset: QuerySet[GroupApproval]) -> None:
        self._decide(request, queryset, approve=True)

    @admin.action(
        description=gettext_lazy(
            "Decline with the note written on each request (keeps them unlisted)"
        )
    )
    def decline(self, request: HttpRequest, queryset: QuerySet[GroupApproval]) -> None:
        self._decide(request, queryset, approve=False)


@admin.register(MeetingStructure)
class MeetingStructureAdmin(admin.ModelAdmin[MeetingStructure]):
    list_display = ["group", "style", "updated_at"]
    list_filter = ["style"]
    search_fields = ["group__name"]
    raw_id_fields = ["group"]


@admin.register(TeamRole)
class TeamRoleAdmin(admin.ModelAdmin[TeamRole]):
    list_display = ["group", "role", "member", "assigned_at"]
    list_filter = ["role"]
    search_fields = ["group__name"]
    raw_id_fields = ["group", "member"]
