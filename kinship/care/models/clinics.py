"""Organisations (treatment facilities, recovery organisations), their staff
(administrators and clinicians, who must use MFA), staff invitations and
referrals of patients into peer groups."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kinship.directory.models import Group
from kinship.members.models import Member

# -- Organisations, their staff and referrals ----------------------------------


class OrganisationKind(models.TextChoices):
    TREATMENT_FACILITY = "treatment_facility", _("Treatment facility")
    RECOVERY_ORGANISATION = "recovery_organisation", _("Recovery organisation")


class StaffRole(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    CLINICIAN = "clinician", _("Clinician")


RESERVED_ORGANISATION_SLUGS = frozenset({"mfa-required", "invitations"})


class Organisation(models.Model):
    """A treatment facility or recovery organisation whose staff refer patients.

    Made by site staff in the Django admin, with its first administrator."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OrganisationKind.values),
                name="care_organisation_kind",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # These clinic addresses are pages, not organisations.
        if self.slug in RESERVED_ORGANISATION_SLUGS:
            raise ValidationError({"slug": _("This address is taken by a page.")})


class OrganisationStaff(models.Model):
    """A member's place in an organisation's staff: administrator or clinician.

    Only active rows open the clinic area; a member who left keeps their row
    (inactive) so that the referrals they made still say who made them."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="staff"
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="clinic_staff"
    )
    role = models.CharField(_("role"), max_length=16, choices=StaffRole.choices)
    # The staff row of whoever invited them (none for the first administrator).
    invited_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["organisation", "joined_at", "pk"]
        verbose_name = _("organisation staff member")
        verbose_name_plural = _("organisation staff")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "member"], name="care_staff_once_per_org"
            ),
            models.CheckConstraint(
                condition=Q(role__in=StaffRole.values), name="care_staff_role"
            ),
        ]

    def __str__(self) -> str:
        # No person's name: this label appears in exports of other rows.
        return f"{self.get_role_display()} of {self.organisation}"

    @property
    def is_admin(self) -> bool:
        return self.role == StaffRole.ADMIN


class StaffInvitation(models.Model):
    """An administrator's invitation to join the staff, sent by email.

    The token is in the emailed link only; the database keeps its SHA-256."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email"))
    role = models.CharField(_("role"), max_length=16, choices=StaffRole.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        OrganisationStaff, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    # The staff row the invitation made.
    accepted_by = models.ForeignKey(
        OrganisationStaff,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("staff invitation")
        verbose_name_plural = _("staff invitations")
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=StaffRole.values),
                name="care_invitation_role",
            ),
            models.CheckConstraint(
                condition=Q(accepted_by__isnull=True) | Q(accepted_at__isnull=False),
                name="care_invitation_accepted_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Invitation to {self.organisation} until {self.expires_at:%Y-%m-%d}"


class ReferralStatus(models.TextChoices):
    WAITING = "waiting", pgettext_lazy("referral state", "Waiting")
    ACCEPTED = "accepted", pgettext_lazy("referral state", "Accepted")
    EXPIRED = "expired", pgettext_lazy("referral state", "Expired")
    CANCELLED = "cancelled", pgettext_lazy("referral state", "Cancelled")


class Referral(models.Model):
    """A clinician's referral of a patient into peer groups: a one-time code.

    ``patient_reference`` is the clinic's own short label for the patient: it
    is shown only inside the organisation, never to the patient, in their
    export or anywhere else. The code is shown once; the database keeps its
    SHA-256. Accepting grants no access to the member's data."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="referrals"
    )
    created_by = models.ForeignKey(
        OrganisationStaff, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    patient_reference = models.CharField(_("patient reference"), max_length=80)
    note_to_patient = models.TextField(_("note to the patient"), blank=True)
    suggested_groups = models.ManyToManyField(
        Group, blank=True, related_name="+", verbose_name=_("suggested groups")
    )
    code_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals_accepted",
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            models.Index(
                fields=["organisation", "created_at"], name="care_referral_org"
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(cancelled_at__isnull=True),
                name="care_referral_accepted_or_cancelled",
            ),
            models.CheckConstraint(
                condition=Q(accepted_by__isnull=True) | Q(accepted_at__isnull=False),
                name="care_referral_accepted_has_date",
            ),
            models.CheckConstraint(
                condition=Q(expires_at__gt=models.F("created_at")),
                name="care_referral_expires_after_creation",
            ),
        ]

    def __str__(self) -> str:
        # Never the patient reference: this label may appear outside the clinic.
        return f"Referral from {self.organisation}"

    def status(self, now: dt.datetime | None = None) -> str:
        if self.accepted_at is not None:
            return ReferralStatus.ACCEPTED
        if self.cancelled_at is not None:
            return ReferralStatus.CANCELLED
        if self.expires_at <= (now or timezone.now()):
            return ReferralStatus.EXPIRED
        return ReferralStatus.WAITING
