"""The member's side of sharing with a clinic: granting and revoking consent,
its history, and the log of who looked at their data.

A member can consent to share with an organisation whose referral they
accepted. Granting replaces the consent before (revoked at that moment; both
stay in the history). Revoking ends it at once: the clinic's next request
finds no active consent and shows nothing, and its clinicians are told.

A consent that runs out (``expires_at``) ends by the clock alone, with no job
to tell anyone: the clinic's pages simply stop showing the patient.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinship.members.models import Member
from kinship.notifications.models import NotificationKind
from kinship.notifications.services import notification_send

from .models import (
    CONSENT_DAYS_MAX,
    AccessLog,
    Consent,
    ConsentCategory,
    ConsentPurpose,
    Organisation,
    OrganisationStaff,
    Referral,
    StaffRole,
)
from .notification_texts import CONSENT_ENDED


def organisations_referring(member: Member) -> QuerySet[Organisation]:
    """The organisations whose referral the member accepted: the ones they
    may share with."""
    ids = Referral.objects.filter(accepted_by=member).values("organisation_id")
    return Organisation.objects.filter(pk__in=ids).order_by("name")


def access_referring_organisation(member: Member, org_slug: str) -> Organisation:
    """An organisation that referred the member; any other is a 404."""
    organisation = organisations_referring(member).filter(slug=org_slug).first()
    if organisation is None:
        raise Http404("No such organisation")
    return organisation


def consents_of(member: Member) -> QuerySet[Consent]:
    """Every consent the member gave, newest first: the history of grants
    and revocations."""
    return (
        Consent.objects.filter(member=member)
        .select_related("organisation")
        .order_by("-granted_at", "-pk")
    )


def consent_live(member: Member, organisation: Organisation) -> Consent | None:
    """The member's consent to ``organisation`` that is neither revoked nor
    expired, if any."""
    return (
        Consent.objects.live()
        .filter(member=member, organisation=organisation)
        .order_by("-granted_at")
        .first()
    )


def accesses_of(member: Member, limit: int = 500) -> QuerySet[AccessLog]:
    """The newest ``limit`` reads of the member's data by clinicians."""
    return (
        AccessLog.objects.filter(member=member)
        .select_related("organisation")
        .order_by("-at", "-pk")[:limit]
    )


def _categories_clean(categories: Iterable[str]) -> list[str]:
    chosen = set(categories)
    unknown = chosen - set(ConsentCategory.values)
    if unknown:
        raise ValidationError(_("Choose from the listed kinds of data."), code="bad")
    if not chosen:
        raise ValidationError(
            _("Choose at least one kind of data to share."), code="empty"
        )
    # In the order the consent screen lists them.
    return [key for key in ConsentCategory.values if key in chosen]


@transaction.atomic
def consent_grant(
    *,
    by: Member,
    organisation: Organisation,
    categories: Iterable[str],
    purpose: str,
    days: int,
) -> Consent:
    """``by`` lets ``organisation``'s clinicians see ``categories`` of their
    data for ``purpose`` during ``days`` days (1 to ``CONSENT_DAYS_MAX``).

    Only an organisation whose referral ``by`` accepted (else 404). A live
    consent to the same organisation is revoked at the same moment: one
    consent holds at a time, and the history keeps both."""
    if not Referral.objects.filter(accepted_by=by, organisation=organisation).exists():
        raise Http404("No such organisation")
    chosen = _categories_clean(categories)
    if purpose not in ConsentPurpose.values:
        raise ValidationError(_("Choose what the sharing is for."), code="purpose")
    if not 1 <= days <= CONSENT_DAYS_MAX:
        raise ValidationError(
            _("Sharing can last from 1 to %(days)d days.") % {"days": CONSENT_DAYS_MAX},
            code="days",
        )
    now = timezone.now()
    Consent.objects.select_for_update().filter(
        member=by, organisation=organisation, revoked_at__isnull=True
    ).update(revoked_at=now)
    return Consent.objects.create(
        member=by,
        organisation=organisation,
        categories=chosen,
        purpose=purpose,
        granted_at=now,
        expires_at=now + dt.timedelta(days=days),
    )


@transaction.atomic
def consent_revoke(*, by: Member, consent_id: int) -> Consent:
    """``by`` ends one of their consents now. Another member's consent is a
    404; one already ended is refused and left as it is. The organisation's
    clinicians are told (``_consent_ended_notify``) if it was still running."""
    consent = (
        Consent.objects.select_for_update()
        .select_related("organisation")
        .filter(pk=consent_id, member=by)
        .first()
    )
    if consent is None:
        raise Http404("No such consent")
    if consent.revoked_at is not None:
        raise ValidationError(_("This sharing has already ended."), code="ended")
    now = timezone.now()
    was_running = consent.is_active(now)
    consent.revoked_at = now
    consent.save(update_fields=["revoked_at"])
    if was_running:
        _consent_ended_notify(consent)
    return consent


def _consent_ended_notify(consent: Consent) -> None:
    """Tell the organisation's active clinicians that a patient stopped
    sharing. Nothing the consent allowed goes in (no name, no data): only the
    organisation and the clinic's own reference for the patient from the
    newest referral they accepted, which the clinic keeps in its referrals
    list whatever the consent. A clinician who is the patient is not told."""
    organisation = consent.organisation
    reference = (
        Referral.objects.filter(
            organisation=organisation, accepted_by_id=consent.member_id
        )
        .order_by("-accepted_at", "-pk")
        .values_list("patient_reference", flat=True)
        .first()
    )
    clinicians = (
        OrganisationStaff.objects.filter(
            organisation=organisation, role=StaffRole.CLINICIAN, active=True
        )
        .exclude(member_id=consent.member_id)
        .select_related("member__user")
    )
    url = reverse("care:clinic-home", kwargs={"org_slug": organisation.slug})
    for clinician in clinicians:
        notification_send(
            member=clinician.member,
            kind=NotificationKind.CONSENT_ENDED,
            text=CONSENT_ENDED,
            params={"organisation": organisation.name, "reference": reference or ""},
            url=url,
        )
