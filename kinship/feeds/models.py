"""Import runs of Meeting Guide feeds: what each run changed and what it refused."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kinship.directory.models import Feed


class ImportRun(models.Model):
    """One import of one feed, recorded when the run commits.

    A run that cannot read its feed at all (not JSON, not an array, truncated)
    records nothing: the database stays exactly as it was and whoever started the
    run is shown the error.
    """

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="runs")
    source = models.CharField(_("source"), max_length=500)
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"))
    added = models.PositiveIntegerField(
        pgettext_lazy("import run count", "added"), default=0
    )
    updated = models.PositiveIntegerField(
        pgettext_lazy("import run count", "updated"), default=0
    )
    removed = models.PositiveIntegerField(
        pgettext_lazy("import run count", "removed"), default=0
    )
    unchanged = models.PositiveIntegerField(
        pgettext_lazy("import run count", "unchanged"), default=0
    )
    rejected = models.PositiveIntegerField(
        pgettext_lazy("import run count", "rejected"), default=0
    )
    # [{"index": 3, "slug": "...", "field": "time", "reason": "..."}]
    rejections = models.JSONField(_("rejections"), default=list, blank=True)
    # {"unknown type code ASBI": 26, ...}: what was read but is worth fixing.
    warnings = models.JSONField(_("warnings"), default=dict, blank=True)
    # Meetings of the feed after the run by attendance mode (and "inactive").
    modes = models.JSONField(_("meetings by attendance mode"), default=dict)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("import run")
        verbose_name_plural = _("import runs")
        constraints = [
            models.CheckConstraint(
                condition=Q(finished_at__gte=models.F("started_at")),
                name="importrun_finishes_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.feed} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def summary(self) -> str:
        return (
            f"added={self.added} updated={self.updated} removed={self.removed} "
            f"unchanged={self.unchanged} rejected={self.rejected}"
        )
