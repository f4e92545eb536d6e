"""In-app notifications and the member's choices of which ones also come by email.

Private data: both models point to their ``Member`` through ``member``.
A notification's text is written for its recipient only and never carries
another member's private note. It is stored as a text key and parameters
(``kinship.notifications.texts``) and put into words when shown, in the
language of whoever reads it.
"""

from __future__ import annotations

import logging

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinship.members.models import Member

from .texts import UnknownText, text_render

logger = logging.getLogger(__name__)


class NotificationKind(models.TextChoices):
    MILESTONE_REACHED = "milestone_reached", _("A milestone of mine is reached")
    ENCOURAGEMENT = "encouragement", _("Someone sends me encouragement")
    HELP_REQUEST = "help_request", _("Someone I support asks for support")
    WARNING_SIGNAL = "warning_signal", _("An early warning sign in my own data")
    MENTEE_WARNING = "mentee_warning", _("A warning sign a mentee shares with me")
    GROUP_DECISION = "group_decision", _("A decision on a group I started")
    MENTORSHIP = "mentorship", _("News of my mentorships (requests, answers, ends)")
    GROUP_ANNOUNCEMENT = "group_announcement", _("An announcement to my group")
    MODERATION = "moderation", _("Moderation decisions about me")
    ASSESSMENT_ASKED = "assessment_asked", _("A clinic asks me to take an assessment")
    CLINIC_SAFETY = (
        "clinic_safety",
        _("A patient answer that needs my attention (clinicians)"),
    )
    MENTOR_MESSAGE = "mentor_message", _("A message from my mentor or mentee")
    GROUP_REPORT = "group_report", _("A report in a group I lead (leaders)")
    CONSENT_ENDED = (
        "consent_ended",
        _("A patient stops sharing with my organisation (clinicians)"),
    )
    SUPPORT_ADDED = "support_added", _("Someone adds me as a support contact")
    REMINDER = "reminder", _("My reminders (meetings, check-ins, milestones)")


# Email copies a member gets until they choose otherwise: a call for support
# and a patient's safety answer are urgent; everything else stays in the app.
EMAIL_BY_DEFAULT: frozenset[str] = frozenset(
    {NotificationKind.HELP_REQUEST, NotificationKind.CLINIC_SAFETY}
)

# Push copies (to the browsers a member subscribed) until they choose otherwise:
# the kinds that ask for attention soon. A push says only "You have a
# notification from Kinship": lock screens are seen by others.
PUSH_BY_DEFAULT: frozenset[str] = frozenset(
    {
        NotificationKind.HELP_REQUEST,
        NotificationKind.CLINIC_SAFETY,
        NotificationKind.MENTOR_MESSAGE,
        NotificationKind.GROUP_REPORT,
        NotificationKind.REMINDER,
    }
)


class Notification(models.Model):
    """One in-app message to one member; unread until they open or mark it."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind.choices)
    # What it says: a registered text (kinship.notifications.texts) and the
    # values it is filled with (names, counts, a person's own words).
    text = models.CharField(_("text"), max_length=64)
    params = models.JSONField(_("values"), default=dict, blank=True)
    # A path on this site (never another site) that the notification links to.
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(
                fields=["member", "-created_at"], name="notification_member_recent"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=NotificationKind.values),
                name="notification_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(url="") | Q(url__startswith="/"),
                name="notification_url_local",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def _rendered(self) -> tuple[str, str]:
        try:
            return text_render(self.text, self.params)
        except (UnknownText, KeyError, ValueError, TypeError):
            # A text since removed, or values that no longer fit it: the list
            # still shows, with a plain title, and the link still works.
            logger.warning(
                "notification %s: text %r not renderable", self.pk, self.text
            )
            return str(_("A notification from Kinship")), ""

    @property
    def title(self) -> str:
        """The title in the active language."""
        return self._rendered()[0]

    @property
    def body(self) -> str:
        """The body in the active language ("" when there is none)."""
        return self._rendered()[1]


class EmailChoice(models.Model):
    """Whether the member wants an email copy, and a push copy, of one kind of
    notification (None: the default for that kind)."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="email_choices"
    )
    kind = models.CharField(_("kind"), max_length=32, choices=NotificationKind.choices)
    email = models.BooleanField(_("also by email"))
    push = models.BooleanField(_("also as a push notification"), null=True)

    class Meta:
        verbose_name = _("email choice")
        verbose_name_plural = _("email choices")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "kind"], name="email_choice_one_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind}: {'email' if self.email else 'in app only'}"
