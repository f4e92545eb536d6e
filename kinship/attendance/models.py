"""Dated occurrences of meetings, RSVPs, attendance, and verifiable records of it.

Private data: each row that belongs to one person points to their ``Member``
through a field named ``member`` (the data export relies on it).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinship.directory.models import Group, Meeting
from kinship.members.models import Member


class Occurrence(models.Model):
    """One dated instance of a meeting, stored once someone RSVPs or attends."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="occurrences"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    # The date in the meeting's own zone, for records and rosters.
    local_date = models.DateField(_("date"))

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("occurrence")
        verbose_name_plural = _("occurrences")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "starts_at"], name="occurrence_unique_start"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="occurrence_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} on {self.local_date:%Y-%m-%d}"


class ExceptionKind(models.TextChoices):
    CANCELLED = "cancelled", _("Cancelled")
    MOVED = "moved", _("Moved")
    ONLINE_ONLY = "online_only", _("Online only")


class MeetingException(models.Model):
    """A leader's change to one dated occurrence of a meeting.

    ``local_date`` is the date of the regular occurrence in the meeting's zone;
    a moved occurrence gets ``moved_starts_at`` (and keeps its length).
    """

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="exceptions"
    )
    local_date = models.DateField(_("date of the regular meeting"))
    kind = models.CharField(_("change"), max_length=16, choices=ExceptionKind.choices)
    moved_starts_at = models.DateTimeField(_("new start"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["local_date"]
        verbose_name = _("meeting exception")
        verbose_name_plural = _("meeting exceptions")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "local_date"], name="exception_one_per_date"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ExceptionKind.values),
                name="exception_kind_valid",
            ),
            # A moved occurrence has a new start; no other kind has one.
            models.CheckConstraint(
                condition=Q(kind="moved", moved_starts_at__isnull=False)
                | (~Q(kind="moved") & Q(moved_starts_at__isnull=True)),
                name="exception_moved_has_start",
            ),
        ]
        indexes = [models.Index(fields=["meeting", "moved_starts_at"])]

    def __str__(self) -> str:
        return f"{self.meeting}: {self.get_kind_display()} on {self.local_date}"


class RsvpAnswer(models.TextChoices):
    GOING = "going", _("Going")
    MAYBE = "maybe", _("Maybe")
    NOT_GOING = "not_going", _("Not going")


class Rsvp(models.Model):
    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="rsvps")
    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="rsvps"
    )
    answer = models.CharField(_("answer"), max_length=16, choices=RsvpAnswer.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("RSVP")
        verbose_name_plural = _("RSVPs")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "occurrence"], name="rsvp_one_per_occurrence"
            ),
            models.CheckConstraint(
                condition=Q(answer__in=RsvpAnswer.values), name="rsvp_answer_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_answer_display()} ({self.occurrence_id})"


class AttendanceMethod(models.TextChoices):
    ROLL_CALL = "roll_call", _("Marked present by a leader")
    MEETING_CODE = "meeting_code", _("Checked in with the meeting code")
    ONLINE_JOIN = "online_join", _("Joined online")


class Attendance(models.Model):
    """A member present at an occurrence.

    ``verified`` is true when a leader marked it or the member gave the meeting's
    code; an online join alone is not verified. When a member deletes their
    account the row stays with ``member`` empty, as an anonymous count.
    """

    member = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="attendances",
    )
    occurrence = models.ForeignKey(
        Occurrence, on_delete=models.CASCADE, related_name="attendances"
    )
    method = models.CharField(_("how"), max_length=16, choices=AttendanceMethod.choices)
    verified = models.BooleanField(_("verified"), default=False)
    recorded_by = models.ForeignKey(
        Member, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "occurrence"],
                condition=Q(member__isnull=False),
                name="attendance_one_per_occurrence",
            ),
            models.CheckConstraint(
                condition=Q(method__in=AttendanceMethod.values),
                name="attendance_method_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_method_display()} ({self.occurrence_id})"


class AttendanceRecord(models.Model):
    """A record of attendance a member issued for a third party to verify.

    What it shows is fixed when it is issued (``entries``): the name the member
    chose, and for each attendance the meeting, group, date and whether a leader
    or the meeting code verified it. The public code is ``public_id`` signed
    with the site's secret, so an altered code is refused.
    """

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="attendance_records"
    )
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name_shown = models.CharField(_("name on the record"), max_length=100)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    groups = models.ManyToManyField(Group, related_name="+", verbose_name=_("groups"))
    entries = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="record_range_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.starts_on} to {self.ends_on} ({self.public_id})"


class ScheduleFeed(models.Model):
    """The secret address of a member's personal calendar (webcal), stored hashed."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="schedule_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("schedule feed")
        verbose_name_plural = _("schedule feeds")

    def __str__(self) -> str:
        return f"schedule feed {self.pk}"
