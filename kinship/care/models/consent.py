"""Consent, the access log and clinician-assigned assessments.

Modelled on 42 CFR Part 2: a member's consent names the recipient (an
organisation), the data (categories), the purpose and an expiry; it can be
revoked at any time, and revocation holds from the very next request (every
clinic read checks the consent again; nothing is cached). Consents are never
deleted or edited apart from their revocation: the rows are the history of
grants and revocations.

Every read of a member's data by a clinician writes one ``AccessLog`` row,
naming the categories it showed. The log is append-only: the model refuses
edits and deletes, and a database trigger (migration ``0004``) refuses any
UPDATE except the one deleting a clinician's account makes (their staff link
becomes empty; the name recorded at the time stays). Rows go only with the
member's own account.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django_stubs_ext import StrOrPromise

from kinship.members.models import Member

from ..instruments import INSTRUMENTS
from .assessments import Assessment
from .clinics import Organisation, OrganisationStaff


class ConsentCategory(models.TextChoices):
    ATTENDANCE = "attendance", _("Meetings I attend")
    CHECKINS = "checkins", _("Summaries of my daily check-ins")
    MILESTONES = "milestones", _("My sobriety clock days, milestones and resets")
    ASSESSMENTS = "assessments", _("My assessment scores")
    WARNINGS = "warnings", _("Early warning signs")


# What each category shows, in the consent screen's plain words.
CATEGORY_DETAILS: dict[str, StrOrPromise] = {
    ConsentCategory.ATTENDANCE: _(
        "Which days you attended meetings and how many each week. Not who else "
        "was there or what was said."
    ),
    ConsentCategory.CHECKINS: _(
        "Your mood, craving, stress and sleep scores, whether you used that day, "
        "and your check-in streak. Never your private notes, gratitude or "
        "triggers."
    ),
    ConsentCategory.MILESTONES: _(
        "The days on your visible sobriety clocks, the milestones you reached and "
        "when a clock was reset. Never the notes you wrote at a reset, and never "
        "hidden clocks."
    ),
    ConsentCategory.ASSESSMENTS: _(
        "Your PHQ-9, GAD-7, AUDIT-C and BARC-10 scores and answers, including a "
        "PHQ-9 answer about thoughts of self-harm, which alerts the clinicians."
    ),
    ConsentCategory.WARNINGS: _(
        "The early warning signs Kinship noticed in your check-ins (for example "
        "several days of rising cravings)."
    ),
}


def category_labels(keys: list[str]) -> list[str]:
    """The labels of the categories ``keys``, in the consent screen's order."""
    return [str(label) for key, label in ConsentCategory.choices if key in keys]


class ConsentPurpose(models.TextChoices):
    TREATMENT = "treatment", _("My treatment at this organisation")
    CARE_COORDINATION = (
        "care_coordination",
        _("Coordinating my peer support with my treatment"),
    )


CONSENT_DAYS_MAX = 365


class ConsentQuerySet(models.QuerySet["Consent"]):
    def live(self, now: dt.datetime | None = None) -> ConsentQuerySet:
        """Consents neither revoked nor expired at ``now``: the only ones that
        let a clinic see anything (``Consent.is_active`` for one row)."""
        return self.filter(
            revoked_at__isnull=True, expires_at__gt=now or timezone.now()
        )


class Consent(models.Model):
    """A member's consent for an organisation's clinicians to see chosen
    categories of their data, for a purpose, until ``expires_at``.

    At most one consent per member and organisation is not revoked; granting
    anew revokes the one before (the history keeps both)."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="care_consents"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="consents"
    )
    categories = models.JSONField(_("categories"))
    purpose = models.CharField(
        _("purpose"), max_length=32, choices=ConsentPurpose.choices
    )
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_at", "-pk"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        indexes = [
            models.Index(
                fields=["organisation", "revoked_at", "expires_at"],
                name="care_consent_org_live",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "organisation"],
                condition=Q(revoked_at__isnull=True),
                name="care_consent_one_live",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("granted_at")),
                name="care_consent_expires_after_grant",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True)
                | Q(revoked_at__gte=models.F("granted_at")),
                name="care_consent_revoked_after_grant",
            ),
            models.CheckConstraint(
                condition=Q(purpose__in=ConsentPurpose.values),
                name="care_consent_purpose",
            ),
        ]

    def __str__(self) -> str:
        return f"Consent to {self.organisation} until {self.expires_at:%Y-%m-%d}"

    def is_active(self, now: dt.datetime | None = None) -> bool:
        return self.revoked_at is None and self.expires_at > (now or timezone.now())

    def covers(self, category: str) -> bool:
        return category in self.categories

    @property
    def category_labels(self) -> list[str]:
        return category_labels(self.categories)

    def status_label(self, now: dt.datetime | None = None) -> str:
        if self.revoked_at is not None:
            return pgettext("consent state", "Ended")
        if self.expires_at <= (now or timezone.now()):
            return pgettext("consent state", "Expired")
        return pgettext("consent state", "Active")


class AccessView(models.TextChoices):
    """Where a clinician read a member's data."""

    DASHBOARD = "dashboard", _("Patients list")
    PATIENT_PAGE = "patient page", _("Patient page")
    FHIR_EXPORT = "FHIR export", _("Assessments download (FHIR)")


class AppendOnly(Exception):
    """Raised on an attempt to change or delete an access log row."""


class AccessLogQuerySet(models.QuerySet["AccessLog"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnly("the access log is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnly("the access log is append-only")


class AccessLog(models.Model):
    """One read of a member's data by a clinician (a page or a download),
    the categories it showed, and the consent that allowed it. Append-only
    (see the module docstring)."""

    # Looked up through the index ``care_access_member`` (member, newest
    # first): a second index of the member alone would only slow the writes.
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="care_accesses", db_index=False
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+"
    )
    actor = models.ForeignKey(
        OrganisationStaff, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The clinician's display name when they looked: the member's record of
    # who it was stays when the clinician's account goes.
    actor_name = models.CharField(_("who"), max_length=100)
    # ConsentCategory values, in the consent screen's order.
    categories = models.JSONField(_("what"))
    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="+")
    view = models.CharField(_("where"), max_length=32, choices=AccessView.choices)
    at = models.DateTimeField(_("when"), default=timezone.now)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["member", "-at"], name="care_access_member")]

    def __str__(self) -> str:
        return f"Read at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnly("the access log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("the access log is append-only")

    @property
    def category_labels(self) -> list[str]:
        return category_labels(self.categories)


class AssessmentAssignment(models.Model):
    """A clinician asks a consenting patient to take an instrument. The
    member sees it on their assessments page; taking it completes it."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="assessment_assignments"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="+"
    )
    assigned_by = models.ForeignKey(
        OrganisationStaff, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    instrument = models.CharField(
        _("instrument"),
        max_length=16,
        choices=[(key, item.short_name) for key, item in INSTRUMENTS.items()],
    )
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)
    assessment = models.OneToOneField(
        Assessment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assignment",
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        ordering = ["-assigned_at", "-pk"]
        verbose_name = _("assigned assessment")
        verbose_name_plural = _("assigned assessments")
        constraints = [
            models.CheckConstraint(
                condition=Q(instrument__in=list(INSTRUMENTS)),
                name="care_assignment_instrument",
            ),
            models.UniqueConstraint(
                fields=["member", "organisation", "instrument"],
                condition=Q(completed_at__isnull=True),
                name="care_assignment_one_open",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_instrument_display()} from {self.organisation}"
