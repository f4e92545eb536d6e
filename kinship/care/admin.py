"""Django admin for the clinic area: site staff create an organisation and its
first administrator (who then invites the rest of the staff from the clinic
pages). Staff rows are read-mostly: only whether a row is active can change
once made. Referrals are not shown: their patient references belong to the
organisation alone.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import Organisation, OrganisationStaff


class OrganisationStaffInline(admin.TabularInline[OrganisationStaff, Organisation]):
    model = OrganisationStaff
    fk_name = "organisation"
    fields = ["member", "role", "active", "joined_at"]
    readonly_fields = ["joined_at"]
    raw_id_fields = ["member"]
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "slug", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at"]
    inlines = [OrganisationStaffInline]


@admin.register(OrganisationStaff)
class OrganisationStaffAdmin(admin.ModelAdmin[OrganisationStaff]):
    list_display = ["organisation", "member", "role", "active", "joined_at"]
    list_filter = ["role", "active"]
    search_fields = ["organisation__name", "member__display_name"]
    readonly_fields = ["organisation", "member", "role", "invited_by", "joined_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # added through the organisation's page, or an invitation

    def has_delete_permission(
        self, request: HttpRequest, obj: OrganisationStaff | None = None
    ) -> bool:
        return False  # made inactive instead: referrals keep who made them
