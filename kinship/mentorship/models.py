"""Mentorships: a mentor and a mentee, and the state of their arrangement.

The request / accept / decline / end flow and mentor eligibility are built on
this model; the recovery tools read only whether a mentorship is active (what a
mentee shares goes to their active mentor, and "I need support" notifies them).
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinship.members.models import Member


class MentorshipState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class Mentorship(models.Model):
    """A mentor and a mentee; at most one open mentorship per pair."""

    mentor = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="mentorships_as_mentor"
    )
    mentee = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="mentorships_as_mentee"
    )
    state = models.CharField(
        _("state"),
        max_length=16,
        choices=MentorshipState.choices,
        default=MentorshipState.REQUESTED,
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=MentorshipState.values),
                name="mentorship_state_valid",
            ),
            models.CheckConstraint(
                condition=~Q(mentor=F("mentee")), name="mentorship_not_self"
            ),
            models.UniqueConstraint(
                fields=["mentor", "mentee"],
                condition=Q(state__in=["requested", "accepted", "active"]),
                name="mentorship_one_open_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} mentoring {self.mentee} ({self.state})"
