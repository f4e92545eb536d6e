"""Group quality from members' feedback, and where new groups are needed.

``GroupRating`` belongs to the member who gave it (``member``, for their export
and so that each member rates a group once) but is only ever shown as averages,
and only once enough members have rated. ``NeedCount`` holds counts only: never
a search's text and never who searched.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from kinship.directory.models import AttendanceMode, Focus, Group
from kinship.members.models import Member


def _score(label: StrOrPromise) -> models.PositiveSmallIntegerField[int, int]:
    return models.PositiveSmallIntegerField(
        label, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )


class GroupRating(models.Model):
    """One member's anonymous view of a group they attended, 1 (poor) to 5."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="group_ratings"
    )
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="ratings")
    safety = _score(_("I felt safe"))
    structure = _score(_("The meeting was well run"))
    welcome = _score(_("I felt welcome"))
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("group rating")
        verbose_name_plural = _("group ratings")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "group"], name="group_rating_once_per_member"
            ),
            models.CheckConstraint(
                condition=Q(safety__gte=1, safety__lte=5)
                & Q(structure__gte=1, structure__lte=5)
                & Q(welcome__gte=1, welcome__lte=5),
                name="group_rating_scores_range",
            ),
        ]

    def __str__(self) -> str:
        return f"rating of {self.group}"


class NeedCount(models.Model):
    """How many searches or matches on one day found no good fit, per cell."""

    day = models.DateField(_("day"))
    focus = models.CharField(
        _("focus"), max_length=16, choices=Focus.choices, blank=True
    )
    mode = models.CharField(
        _("attendance mode"), max_length=16, choices=AttendanceMode.choices, blank=True
    )
    # The first three digits of a US ZIP code; empty for online-only searches.
    zip3 = models.CharField(_("area (ZIP prefix)"), max_length=3, blank=True)
    count = models.PositiveIntegerField(_("searches"), default=0)

    class Meta:
        verbose_name = _("unmet need")
        verbose_name_plural = _("unmet needs")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "focus", "mode", "zip3"], name="need_count_one_per_cell"
            ),
            models.CheckConstraint(
                condition=Q(zip3="") | Q(zip3__regex=r"^[0-9]{3}$"),
                name="need_count_zip3_digits",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day}: {self.focus}/{self.mode}/{self.zip3} x{self.count}"


class SavedMatch(models.Model):
    """A member's guided-match answers, kept to run the match again later.

    ``answers`` are the validated answers of ``forms_match.MatchForm`` (JSON-ready);
    the groups are never stored: opening a saved match ranks them afresh.
    """

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="saved_matches"
    )
    label = models.CharField(_("label"), max_length=80, blank=True)
    answers = models.JSONField(_("answers"))
    created_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("saved match")
        verbose_name_plural = _("saved matches")

    def __str__(self) -> str:
        return self.label or f"saved match {self.pk}"
