"""Django admin for training: site admins edit modules; members' progress is a
read-only list (it changes only through the knowledge check)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from .loading import ContentError, questions_check
from .models import TrainingModule, TrainingProgress


class TrainingModuleForm(forms.ModelForm[TrainingModule]):
    class Meta:
        model = TrainingModule
        fields = [
            "course",
            "slug",
            "position",
            "title",
            "summary",
            "content",
            "questions",
            "retired",
        ]

    def clean_questions(self) -> list[dict[str, Any]]:
        try:
            return questions_check(self.cleaned_data.get("questions"))
        except ContentError as error:
            raise forms.ValidationError(str(error)) from error


@admin.register(TrainingModule)
class TrainingModuleAdmin(admin.ModelAdmin[TrainingModule]):
    form = TrainingModuleForm
    list_display = ["title", "course", "position", "slug", "retired"]
    list_filter = ["course", "retired"]
    search_fields = ["title", "slug"]
    ordering = ["course", "position"]
    prepopulated_fields = {"slug": ["title"]}
    # Translations come from the course files (manage.py training_load).
    readonly_fields = ["translations"]


@admin.register(TrainingProgress)
class TrainingProgressAdmin(admin.ModelAdmin[TrainingProgress]):
    list_display = ["member", "module", "attempts", "started_at", "passed_at"]
    list_filter = ["module__course", "module"]
    list_select_related = ["member", "module"]
    search_fields = ["member__display_name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(
        self, request: HttpRequest, obj: TrainingProgress | None = None
    ) -> bool:
        return False

    def has_delete_permission(
        self, request: HttpRequest, obj: TrainingProgress | None = None
    ) -> bool:
        return False
