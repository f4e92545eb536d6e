"""Sobriety clocks, their resets, milestones and the celebration of them in groups."""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kinship.directory.models import Group
from kinship.members.models import Member


class SobrietyClock(models.Model):
    """Time since a start, for what the member tracks, in their own words.

    A reset ends the current streak (kept as a ``ClockReset``) and starts a new
    one; the longest streak and the total days over all streaks stay. A hidden
    clock never notifies and is never shared.
    """

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="clocks")
    label = models.CharField(
        _("what I am tracking"),
        max_length=80,
        help_text=_('In your own words, e.g. "alcohol", "gambling", "no self-harm"'),
    )
    # The start of the current streak; may be back-dated.
    started_at = models.DateTimeField(_("since"))
    hidden = models.BooleanField(
        pgettext_lazy("clock state", "hidden"),
        default=False,
        help_text=_("A hidden clock never notifies you and can never be shared."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("sobriety clock")
        verbose_name_plural = _("sobriety clocks")

    def __str__(self) -> str:
        return self.label


class ClockReset(models.Model):
    """An ended streak of a clock: from its start to the reset, with a private note."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="clock_resets"
    )
    clock = models.ForeignKey(
        SobrietyClock, on_delete=models.CASCADE, related_name="resets"
    )
    streak_started_at = models.DateTimeField(_("streak started"))
    reset_at = models.DateTimeField(_("reset"))
    # Whole local days the streak lasted (in the member's zone at the reset).
    days = models.PositiveIntegerField(_("days"))
    note = models.TextField(_("private note"), max_length=2000, blank=True)

    class Meta:
        ordering = ["reset_at", "pk"]
        verbose_name = _("clock reset")
        verbose_name_plural = _("clock resets")
        constraints = [
            models.CheckConstraint(
                condition=Q(reset_at__gte=F("streak_started_at")),
                name="clock_reset_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.clock} reset after {self.days} days"


class Milestone(models.Model):
    """A milestone reached on one streak of a clock (``key`` as in MILESTONES)."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="milestones"
    )
    clock = models.ForeignKey(
        SobrietyClock, on_delete=models.CASCADE, related_name="milestones"
    )
    streak_started_at = models.DateTimeField(_("streak started"))
    key = models.CharField(_("milestone"), max_length=8)
    reached_at = models.DateTimeField(_("reached"))
    told_at = models.DateTimeField(_("member told"), null=True, blank=True)

    class Meta:
        ordering = ["reached_at", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(
                fields=["clock", "streak_started_at", "key"],
                name="milestone_once_per_streak",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.clock}: {self.key}"


class Removable(models.Model):
    """Something a group's leader may take down, with who did it and why."""

    removed_at = models.DateTimeField(
        pgettext_lazy("date field", "removed"), null=True, blank=True
    )
    removed_by = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("removed by"),
    )
    removed_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        abstract = True


class MilestoneShare(Removable):
    """A milestone the member chose to celebrate in one of their groups."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="milestone_shares"
    )
    milestone = models.ForeignKey(
        Milestone, on_delete=models.CASCADE, related_name="shares"
    )
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="milestone_shares"
    )
    shared_at = models.DateTimeField(_("shared"), default=timezone.now)

    class Meta:
        ordering = ["-shared_at", "-pk"]
        verbose_name = _("shared milestone")
        verbose_name_plural = _("shared milestones")
        constraints = [
            models.UniqueConstraint(
                fields=["milestone", "group"], name="milestone_share_once_per_group"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.milestone} in {self.group}"


class EncouragementPreset(models.TextChoices):
    """Kind words a member can send with one tap."""

    PROUD = "proud", _("So proud of you!")
    KEEP_GOING = "keep_going", _("Keep going, one day at a time.")
    INSPIRING = "inspiring", _("You inspire me.")
    WELL_DONE = "well_done", _("Well done, you earned this.")
    HERE = "here", _("I'm here for you.")


class Encouragement(Removable):
    """Kind words sent by a group member (``member``) on a shared milestone."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="encouragements_sent"
    )
    share = models.ForeignKey(
        MilestoneShare, on_delete=models.CASCADE, related_name="encouragements"
    )
    preset = models.CharField(
        _("kind words"),
        max_length=16,
        choices=EncouragementPreset.choices,
        blank=True,
    )
    message = models.CharField(_("message"), max_length=280, blank=True)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["sent_at", "pk"]
        verbose_name = _("encouragement")
        verbose_name_plural = _("encouragements")
        constraints = [
            models.CheckConstraint(
                condition=~Q(preset="") | ~Q(message=""),
                name="encouragement_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return self.message or self.get_preset_display()
