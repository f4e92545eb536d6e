"""A group's board, members' reports and leaders' moderation.

- ``GroupPost``: a message on the group's board, for its members' eyes only,
  with an optional content warning; leaders' announcements are posts too.
- ``Report``: a member asks the group's leaders to look at a post or a member.
- ``ModerationAction``: one thing a leader did about it (hide a post, warn or
  remove a member, dismiss a report), with the reason, reversible by a site
  admin. Nothing is ever deleted: a reversal is recorded on the action's row.

Who reported whom is for the group's leaders and site staff only; the leaders
see the reason, not the reporter (site staff see both, in the Django admin).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kinship.directory.models import Group
from kinship.members.models import Member

POST_MAX_LENGTH = 4000
WARNING_MAX_LENGTH = 120
REASON_MAX_LENGTH = 500


class GroupPost(models.Model):
    """A message on a group's board; hidden (never deleted) by a leader."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="posts")
    # A member's own words go with their account.
    author = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="group_posts"
    )
    body = models.TextField(_("message"), max_length=POST_MAX_LENGTH)
    content_warning = models.CharField(
        _("content warning"),
        max_length=WARNING_MAX_LENGTH,
        blank=True,
        help_text=_(
            'Optional. Say what it touches on, e.g. "mentions relapse": the post '
            "stays folded until someone chooses to open it."
        ),
    )
    is_announcement = models.BooleanField(
        _("announcement to the whole group"), default=False
    )
    created_at = models.DateTimeField(_("posted"), default=timezone.now)
    hidden_at = models.DateTimeField(
        pgettext_lazy("date field", "hidden"), null=True, blank=True
    )
    hidden_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    hidden_reason = models.CharField(
        _("reason for hiding"), max_length=REASON_MAX_LENGTH, blank=True
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("group post")
        verbose_name_plural = _("group posts")
        indexes = [
            models.Index(fields=["group", "-created_at"], name="grouppost_group_recent")
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(body=""), name="grouppost_body_not_empty"
            ),
            # A hidden post carries the reason it was hidden.
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="grouppost_hidden_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"Post {self.pk} in {self.group}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class ReportReason(models.TextChoices):
    HARASSMENT = "harassment", _("Harassment or personal attacks")
    NO_WARNING = "no_warning", _("Triggering content without a content warning")
    CONFIDENTIALITY = "confidentiality", _("Breaks someone's confidentiality")
    UNSAFE = "unsafe", _("Someone may be at risk")
    SPAM = "spam", _("Spam or selling")
    OTHER = "other", _("Something else")


class ReportState(models.TextChoices):
    OPEN = "open", pgettext_lazy("report state", "Open")
    RESOLVED = "resolved", pgettext_lazy("report state", "Resolved")
    DISMISSED = "dismissed", pgettext_lazy("report state", "Dismissed")


class Report(models.Model):
    """A member's request that the group's leaders look at a post or a member.

    ``post`` is set for a report about a post (``target_member`` is then its
    author); for a report about a member only ``target_member`` is.
    """

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    post = models.ForeignKey(
        GroupPost,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reports",
    )
    target_member = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=24, choices=ReportReason.choices)
    details = models.TextField(_("what happened"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    state = models.CharField(
        _("state"), max_length=16, choices=ReportState.choices, default=ReportState.OPEN
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        indexes = [models.Index(fields=["group", "state"], name="report_group_state")]
        constraints = [
            models.CheckConstraint(
                condition=Q(reason__in=ReportReason.values), name="report_reason_valid"
            ),
            models.CheckConstraint(
                condition=Q(state="open", closed_at__isnull=True)
                | (~Q(state="open") & Q(closed_at__isnull=False)),
                name="report_closed_dated",
            ),
            models.CheckConstraint(
                condition=Q(state__in=ReportState.values), name="report_state_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Report {self.pk} in {self.group} ({self.state})"


class ActionKind(models.TextChoices):
    HIDE_POST = "hide_post", _("Post hidden")
    WARN_MEMBER = "warn_member", _("Member warned")
    REMOVE_MEMBER = "remove_member", _("Member removed from the group")
    DISMISS_REPORT = "dismiss_report", _("Report dismissed")


class ModerationAction(models.Model):
    """One moderation step a leader took, with the reason; append-only.

    A removal keeps the membership as it was (``former_*``) so that a site
    admin's reversal can reinstate it at its former level and dates.
    """

    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, related_name="moderation_actions"
    )
    leader = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=24, choices=ActionKind.choices)
    report = models.ForeignKey(
        Report,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    post = models.ForeignKey(
        GroupPost,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_actions",
    )
    target_member = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moderation_actions",
    )
    reason = models.CharField(_("reason"), max_length=REASON_MAX_LENGTH)
    created_at = models.DateTimeField(_("taken"), default=timezone.now)
    former_level = models.CharField(max_length=16, blank=True)
    former_joined_at = models.DateTimeField(null=True, blank=True)
    former_participant_since = models.DateTimeField(null=True, blank=True)
    former_leader_since = models.DateTimeField(null=True, blank=True)
    reversed_at = models.DateTimeField(_("reversed"), null=True, blank=True)
    reversed_by = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reversed by"),
    )
    reversed_reason = models.CharField(
        _("reason for reversing"), max_length=REASON_MAX_LENGTH, blank=True
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")
        indexes = [
            models.Index(
                fields=["group", "-created_at"], name="moderation_group_recent"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=ActionKind.values),
                name="moderation_action_valid",
            ),
            models.CheckConstraint(
                condition=~Q(reason=""), name="moderation_reason_required"
            ),
            models.CheckConstraint(
                condition=Q(reversed_at__isnull=True) | ~Q(reversed_reason=""),
                name="moderation_reversal_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_action_display()} in {self.group} ({self.created_at:%Y-%m-%d})"
        )

    @property
    def is_reversed(self) -> bool:
        return self.reversed_at is not None
