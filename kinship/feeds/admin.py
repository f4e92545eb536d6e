from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from kinship.directory.admin import HTTPS_URLS
from kinship.directory.models import Feed

from .models import ImportRun
from .reading import FeedError, feed_parse
from .services import feed_import
from .sources import feed_source_read


def _https_formfield(field: models.Field[Any, Any], **kwargs: Any) -> Any:
    return field.formfield(**HTTPS_URLS.get(type(field), {}), **kwargs)


class FeedForm(forms.ModelForm[Feed]):
    class Meta:
        model = Feed
        fields = ["name", "program", "source_url", "default_timezone"]
        formfield_callback = _https_formfield

    def clean_source_url(self) -> str:
        url: str = self.cleaned_data["source_url"]
        if url and not url.startswith("https://"):
            raise ValidationError(_("Feeds are read over https:// only."))
        return url


class ImportRunInline(admin.TabularInline[ImportRun, Feed]):
    model = ImportRun
    extra = 0
    can_delete = False
    max_num = 0
    fields = ("started_at", "added", "updated", "removed", "unchanged", "rejected")
    readonly_fields = (
        "started_at",
        "added",
        "updated",
        "removed",
        "unchanged",
        "rejected",
    )
    ordering = ["-started_at"]
    show_change_link = True


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin[Feed]):
    form = FeedForm
    list_display = ["name", "program", "source_url", "last_run"]
    list_filter = ["program"]
    search_fields = ["name", "source_url"]
    formfield_overrides = HTTPS_URLS
    inlines = [ImportRunInline]
    actions = ["import_now"]

    @admin.display(description=_("last run"))
    def last_run(self, feed: Feed) -> str:
        run = feed.runs.order_by("-started_at").first()
        return f"{run.started_at:%Y-%m-%d %H:%M} {run.summary}" if run else "-"

    @admin.action(description=_("Import the selected feeds now"))
    def import_now(self, request: HttpRequest, queryset: QuerySet[Feed]) -> None:
        for feed in queryset.select_related("program"):
            if not feed.source_url:
                self.message_user(
                    request,
                    _("%(feed)s has no source URL; import files with import_feed.")
                    % {"feed": feed},
                    messages.WARNING,
                )
                continue
            try:
                records = feed_parse(feed_source_read(feed.source_url))
            except FeedError as error:
                self.message_user(
                    request,
                    _("%(feed)s: %(error)s Nothing was imported.")
                    % {"feed": feed, "error": error},
                    messages.ERROR,
                )
                continue
            outcome = feed_import(
                by=request.user, feed=feed, records=records, source=feed.source_url
            )
            level = messages.WARNING if outcome.rejected else messages.SUCCESS
            self.message_user(
                request,
                ngettext(
                    "%(feed)s: %(summary)s (%(n)d record rejected; see the run).",
                    "%(feed)s: %(summary)s (%(n)d records rejected; see the run).",
                    outcome.rejected,
                )
                % {"feed": feed, "summary": outcome.summary, "n": outcome.rejected},
                level,
            )


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin[ImportRun]):
    list_display = [
        "feed",
        "started_at",
        "added",
        "updated",
        "removed",
        "unchanged",
        "rejected",
    ]
    list_filter = ["feed"]
    readonly_fields = [field.name for field in ImportRun._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
