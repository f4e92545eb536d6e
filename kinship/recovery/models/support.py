"""Early warning signals, support contacts, calls for support and the member's
choices about sharing them."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinship.members.models import Member


class WarningRule(models.TextChoices):
    """The early-warning rules (thresholds live in ``recovery.warnings``)."""

    ATTENDANCE_STOPPED = "attendance_stopped", _("Regular meetings stopped")
    MOOD_FALLING = "mood_falling", _("Mood falling")
    CRAVING_RISING = "craving_rising", _("Cravings rising")
    CHECKINS_STOPPED = "checkins_stopped", _("Check-ins stopped")
    SIGN_REPORTED = "sign_reported", _("A warning sign I noticed")


class WarningSignal(models.Model):
    """One rule that fired for one member on one day, with the figures behind it."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="warning_signals"
    )
    rule = models.CharField(_("sign"), max_length=32, choices=WarningRule.choices)
    computed_on = models.DateField(_("noticed on"))
    # What the rule saw, e.g. {"from": 4.2, "to": 2.1}: for the member's page.
    detail = models.JSONField(_("figures"), default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    dismissed_at = models.DateTimeField(_("dismissed"), null=True, blank=True)

    class Meta:
        ordering = ["-computed_on", "rule"]
        verbose_name = _("warning signal")
        verbose_name_plural = _("warning signals")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "rule", "computed_on"],
                name="warning_signal_once_per_day",
            ),
            models.CheckConstraint(
                condition=Q(rule__in=WarningRule.values),
                name="warning_signal_rule_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} on {self.computed_on:%Y-%m-%d}"


class RecoveryPreferences(models.Model):
    """The member's choices about sharing their recovery data (all off by default)."""

    member = models.OneToOneField(
        Member, on_delete=models.CASCADE, related_name="recovery_preferences"
    )
    share_warnings_with_mentor = models.BooleanField(
        _("share my warning signs with my mentor"), default=False
    )

    class Meta:
        verbose_name = _("recovery preferences")
        verbose_name_plural = _("recovery preferences")

    def __str__(self) -> str:
        return "recovery preferences"


class SupportContact(models.Model):
    """Someone the member chose to be told when they ask for support: a fellow
    member (told in the app and by email) or a person outside Kinship (by email)."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="support_contacts"
    )
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(_("email"), blank=True)
    contact_member = models.ForeignKey(
        Member,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("fellow member"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("support contact")
        verbose_name_plural = _("support contacts")
        constraints = [
            models.CheckConstraint(
                condition=~Q(email="") | Q(contact_member__isnull=False),
                name="support_contact_reachable",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class HelpRequest(models.Model):
    """One tap on "I need support": who was told, and when."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="help_requests"
    )
    created_at = models.DateTimeField(_("asked"), default=timezone.now)
    # Optional words for the people told (the member writes them for them).
    message = models.CharField(_("message"), max_length=500, blank=True)
    notified = models.PositiveSmallIntegerField(_("people told"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("call for support")
        verbose_name_plural = _("calls for support")

    def __str__(self) -> str:
        return f"call for support {self.created_at:%Y-%m-%d %H:%M}"
