"""Care: validated assessments a member takes, with their exact scores.

This is the first part of the clinical care bridge (issue 9): assessments,
and organisations with their staff (admins and clinicians, who must use MFA)
and referrals of patients. Consent and the access log come later and build on
these models:

- ``Assessment.given_by`` says who started an assessment. Only ``self`` exists
  now; clinician assignment arrives with organisations (it will need the
  clinician's staff membership, not a bare member, so no placeholder key is
  kept here).
- ``Assessment.safety`` records PHQ-9 item 9 above 0 on the row itself, so
  that the clinician part can flag it to a consented clinician. Nothing is
  sent to anyone now: there is no consent yet.

Instrument definitions are data files (``instruments.py``), not tables.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinship.directory.models import Group
from kinship.members.models import Member

from .instruments import INSTRUMENTS, SEXES, Instrument, instrument_get


class GivenBy(models.TextChoices):
    SELF = "self", _("Taken by the member")


class AuditSex(models.TextChoices):
    """AUDIT-C's question for its positive threshold (see instruments.py)."""

    MEN = "men", _("A man")
    WOMEN = "women", _("A woman")
    NOT_STATED = "not_stated", _("I would rather not say")


assert tuple(AuditSex.values) == SEXES


class Assessment(models.Model):
    """One completed assessment: the member's answers and their exact score."""

    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="assessments"
    )
    instrument = models.CharField(
        _("instrument"),
        max_length=16,
        choices=[(key, item.short_name) for key, item in INSTRUMENTS.items()],
    )
    # Item key -> the chosen answer's value, as scored.
    answers = models.JSONField(_("answers"))
    # AUDIT-C only: the answer that chose the positive threshold; blank otherwise.
    sex = models.CharField(
        _("scored for"), max_length=16, choices=AuditSex.choices, blank=True
    )
    total = models.PositiveSmallIntegerField(_("total"))
    band = models.CharField(_("band"), max_length=32)
    flags = models.JSONField(_("flags"), default=list)
    safety = models.BooleanField(
        _("safety flag"),
        default=False,
        help_text=_("PHQ-9 item 9 answered above 0: crisis resources were shown."),
    )
    # The positive threshold used (AUDIT-C only).
    threshold = models.PositiveSmallIntegerField(_("threshold"), null=True)
    taken_at = models.DateTimeField(_("taken"), default=timezone.now)
    given_by = models.CharField(
        _("given by"), max_length=16, choices=GivenBy.choices, default=GivenBy.SELF
    )
    # The id of its FHIR resources: never the database id.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        ordering = ["-taken_at", "-pk"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        indexes = [
            models.Index(
                fields=["member", "instrument", "taken_at"],
                name="care_assessment_history",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(instrument__in=list(INSTRUMENTS)),
                name="care_assessment_instrument",
            ),
            models.CheckConstraint(
                condition=Q(total__lte=60), name="care_assessment_total_range"
            ),
            models.CheckConstraint(
                condition=Q(given_by__in=GivenBy.values),
                name="care_assessment_given_by",
            ),
            models.CheckConstraint(
                condition=Q(sex="") | Q(instrument="auditc", sex__in=AuditSex.values),
                name="care_assessment_sex_auditc_only",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_instrument_display()} {self.total}"

    @property
    def definition(self) -> Instrument:
        return instrument_get(self.instrument)

    @property
    def band_label(self) -> str:
        band = self.definition.band(self.band)
        return band.label if band else self.band


class CarePseudonym(models.Model):
    """The stable opaque id that stands for a member in FHIR exports (the
    subject of their resources): never their name, email or database id.
    Made with their first assessment."""

    member = models.OneToOneField(
        Member, on_delete=models.CASCADE, related_name="care_pseudonym"
    )
    fhir_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("care pseudonym")
        verbose_name_plural = _("care pseudonyms")

    def __str__(self) -> str:
        return str(self.fhir_id)


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
    WAITING = "waiting", _("Waiting")
    ACCEPTED = "accepted", _("Accepted")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Cancelled")


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
