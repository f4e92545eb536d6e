"""Django admin for the directory (site admins keep the taxonomy and listings)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Group, Language, Location, Meeting, MeetingType, Program
from .services import listings_refresh

# Links typed without a scheme are taken as https (Django 6's default).
HTTPS_URLS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {
    models.URLField: {"assume_scheme": "https"}
}


class MeetingTypeInline(admin.TabularInline[MeetingType, Program]):
    model = MeetingType
    extra = 0


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin[Program]):
    list_display = ["name", "code", "focus"]
    list_filter = ["focus"]
    search_fields = ["name", "code"]
    formfield_overrides = HTTPS_URLS
    inlines = [MeetingTypeInline]


@admin.register(MeetingType)
class MeetingTypeAdmin(admin.ModelAdmin[MeetingType]):
    list_display = ["code", "label", "program"]
    list_filter = ["program"]
    search_fields = ["code", "label"]


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin[Language]):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin[Location]):
    list_display = ["__str__", "city", "region", "postal_code", "approximate"]
    list_filter = ["region", "approximate"]
    search_fields = ["name", "formatted_address", "city", "postal_code"]

    def save_model(
        self, request: HttpRequest, obj: Location, form: Any, change: bool
    ) -> None:
        super().save_model(request, obj, form, change)
        listings_refresh(meeting_ids=list(obj.meetings.values_list("pk", flat=True)))


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin[Group]):
    list_display = ["name", "program", "focus", "status", "visibility", "verified_at"]
    list_filter = ["program", "focus", "status", "visibility"]
    search_fields = ["name", "slug", "source_id"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["languages"]
    raw_id_fields = ["source_feed"]

    def save_related(
        self, request: HttpRequest, form: Any, formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        listings_refresh(
            meeting_ids=list(form.instance.meetings.values_list("pk", flat=True))
        )


class MeetingAdminForm(forms.ModelForm[Meeting]):
    conference_url = forms.URLField(
        label=_("conference URL"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Meeting
        fields = [
            "group",
            "name",
            "slug",
            "weekday",
            "start_time",
            "end_time",
            "timezone",
            "recurrence",
            "attendance_mode",
            "location",
            "conference_url",
            "conference_url_notes",
            "conference_phone",
            "conference_phone_notes",
            "types",
            "languages",
            "notes",
            "status",
            "source_feed",
            "source_slug",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        group = cleaned.get("group")
        types = cleaned.get("types")
        if group is not None and types is not None:
            foreign = [t for t in types if t.program_id != group.program_id]
            if foreign:
                self.add_error(
                    "types",
                    _("These types belong to another program: %(codes)s")
                    % {"codes": ", ".join(sorted(t.code for t in foreign))},
                )
        return cleaned


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin[Meeting]):
    form = MeetingAdminForm
    formfield_overrides = HTTPS_URLS
    list_display = [
        "name",
        "group",
        "weekday",
        "start_time",
        "timezone",
        "attendance_mode",
        "status",
    ]
    list_filter = ["attendance_mode", "status", "weekday", "group__program"]
    search_fields = ["name", "slug", "group__name", "source_slug"]
    list_select_related = ["group"]
    raw_id_fields = ["group", "location", "source_feed"]
    filter_horizontal = ["types", "languages"]
    readonly_fields = ["uuid", "created_at", "updated_at"]

    def save_related(
        self, request: HttpRequest, form: Any, formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        listings_refresh(meeting_ids=[form.instance.pk])
