"""Reads of care: only ever the signed-in member's own assessments (another
member's assessment is a 404, never a sign that it exists), and the clinic
area's reads, each scoped to the reader's own organisation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kinship.directory.models import Group, GroupStatus, Visibility
from kinship.members.models import Member

from .codes import referral_code_hash, secret_hash
from .instruments import INSTRUMENTS, Instrument, instrument_version, version_missing
from .models import (
    Assessment,
    AssessmentAssignment,
    CarePseudonym,
    OrganisationStaff,
    Referral,
    StaffInvitation,
)


def assessments_of(
    member: Member, instrument: str | None = None
) -> QuerySet[Assessment]:
    """The member's own assessments, newest first (of one instrument, or all)."""
    found = Assessment.objects.filter(member=member)
    if instrument is not None:
        found = found.filter(instrument=instrument)
    return found.order_by("-taken_at", "-pk")


def access_assessment(member: Member, assessment_id: int) -> Assessment:
    """One of the member's own assessments; anyone else's, or none, is a 404."""
    assessment = Assessment.objects.filter(pk=assessment_id, member=member).first()
    if assessment is None:
        raise Http404("No such assessment")
    return assessment


def assignments_open(member: Member) -> QuerySet[AssessmentAssignment]:
    """The assessments clinics asked the member to take and not yet taken."""
    return (
        AssessmentAssignment.objects.filter(member=member, completed_at__isnull=True)
        .select_related("organisation")
        .order_by("assigned_at", "pk")
    )


def care_pseudonym_of(member: Member) -> CarePseudonym | None:
    """The member's FHIR subject id, once they have taken an assessment."""
    return CarePseudonym.objects.filter(member=member).first()


@dataclass(frozen=True)
class TrendRow:
    """One assessment in a history, with the change from the one before it."""

    assessment: Assessment
    change: int | None


@dataclass(frozen=True)
class InstrumentHistory:
    """An instrument (in the language in force, or English) and the member's
    results on it, newest first."""

    instrument: Instrument
    rows: list[TrendRow]

    @property
    def untranslated(self) -> bool:
        """Shown in English for want of a version in the language in force."""
        return version_missing(self.instrument)

    @property
    def latest(self) -> Assessment | None:
        return self.rows[0].assessment if self.rows else None


def assessment_history(member: Member) -> list[InstrumentHistory]:
    """Every instrument with the member's own results and their changes, in
    one query whatever the number of assessments."""
    by_instrument: dict[str, list[Assessment]] = {key: [] for key in INSTRUMENTS}
    for assessment in assessments_of(member):
        by_instrument[assessment.instrument].append(assessment)
    histories = []
    for key in INSTRUMENTS:
        taken = by_instrument[key]
        rows = [
            TrendRow(
                assessment=assessment,
                change=assessment.total - taken[index + 1].total
                if index + 1 < len(taken)
                else None,
            )
            for index, assessment in enumerate(taken)
        ]
        histories.append(
            InstrumentHistory(instrument=instrument_version(key), rows=rows)
        )
    return histories


# -- Clinics: organisations, their staff and referrals -------------------------
# Staff see their own organisation only; anyone else is answered as if it did
# not exist. A patient sees a referral only through its code.


def access_clinic(member: Member, org_slug: str) -> OrganisationStaff:
    """The member's active staff row in the organisation ``org_slug``; a
    member who is not active staff there (or no such organisation) is a 404,
    never a hint that it exists."""
    staff = (
        OrganisationStaff.objects.select_related("organisation")
        .filter(member=member, organisation__slug=org_slug, active=True)
        .first()
    )
    if staff is None:
        raise Http404("No such organisation")
    return staff


def staff_rows_of(member: Member) -> QuerySet[OrganisationStaff]:
    """The member's active places in organisations' staff, by organisation."""
    return (
        OrganisationStaff.objects.select_related("organisation")
        .filter(member=member, active=True)
        .order_by("organisation__name")
    )


def clinic_slugs_of_account(user_id: int) -> list[str]:
    """The slugs of the organisations the account is active staff of, by name:
    the site header shows such an account the clinic navigation."""
    return list(
        OrganisationStaff.objects.filter(member__user_id=user_id, active=True)
        .order_by("organisation__name")
        .values_list("organisation__slug", flat=True)
    )


def staff_of_organisation(staff: OrganisationStaff) -> QuerySet[OrganisationStaff]:
    """The active staff of ``staff``'s organisation, for its administrators
    only (a clinician gets a 404)."""
    if not staff.is_admin:
        raise Http404("No such page")
    return (
        OrganisationStaff.objects.select_related("member")
        .filter(organisation_id=staff.organisation_id, active=True)
        .order_by("joined_at", "pk")
    )


def referrals_of_organisation(staff: OrganisationStaff) -> QuerySet[Referral]:
    """The referrals of ``staff``'s organisation, newest first."""
    return (
        Referral.objects.filter(organisation_id=staff.organisation_id)
        .select_related("accepted_by")
        .order_by("-created_at", "-pk")
    )


def access_referral(staff: OrganisationStaff, referral_id: int) -> Referral:
    """A referral of ``staff``'s organisation; another's, or none, is a 404."""
    referral = (
        referrals_of_organisation(staff)
        .prefetch_related("suggested_groups")
        .filter(pk=referral_id)
        .first()
    )
    if referral is None:
        raise Http404("No such referral")
    return referral


def referral_by_code(code: str) -> Referral | None:
    """The referral a code opens, whatever its state; None for an unknown code."""
    return (
        Referral.objects.select_related("organisation")
        .prefetch_related("suggested_groups")
        .filter(code_hash=referral_code_hash(code))
        .first()
    )


def referrals_accepted_by(member: Member) -> QuerySet[Referral]:
    """The referrals the member accepted, newest first, with their groups."""
    return (
        Referral.objects.filter(accepted_by=member)
        .select_related("organisation")
        .prefetch_related("suggested_groups")
        .order_by("-accepted_at", "-pk")
    )


def staff_invitation_by_token(token: str) -> StaffInvitation | None:
    """The open invitation a token opens: not used, not expired; else None."""
    return (
        StaffInvitation.objects.select_related("organisation")
        .filter(
            token_hash=secret_hash(token),
            accepted_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )


def listed_groups_matching(
    query: str, limit: int = 20, *, keep: Iterable[int] = ()
) -> QuerySet[Group]:
    """The first ``limit`` active listed groups whose name or slug contains
    ``query``, by name; with those of ``keep`` (groups already chosen) that are
    active and listed, so a new search never drops a choice."""
    listed = Group.objects.filter(
        visibility=Visibility.LISTED, status=GroupStatus.ACTIVE
    )
    found = listed
    query = query.strip()
    if query:
        found = found.filter(Q(name__icontains=query) | Q(slug__icontains=query))
    # Unsliced (a form filters it again to validate the choices).
    first = list(found.order_by("name", "pk").values_list("pk", flat=True)[:limit])
    kept = list(listed.filter(pk__in=list(keep)).values_list("pk", flat=True))
    return Group.objects.filter(pk__in=[*first, *kept]).order_by("name", "pk")
