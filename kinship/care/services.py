"""Writes of care: a member takes an assessment; clinic staff invite staff and
refer patients; a member accepts a referral.

Errors a person can cause are ``ValidationError`` with a message meant for
them; nothing is changed when one is raised.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kinship.core.email import email_enqueue
from kinship.core.misses import miss_count, misses_locked
from kinship.directory.models import Group, GroupStatus, Visibility
from kinship.members.locale import address_locale
from kinship.members.models import Member
from kinship.notifications.models import NotificationKind
from kinship.notifications.services import notification_send

from .codes import (
    referral_code_hash,
    referral_code_new,
    secret_hash,
    staff_token_new,
)
from .instruments import INSTRUMENTS, Instrument, instrument_get, score
from .models import (
    Assessment,
    AssessmentAssignment,
    CarePseudonym,
    Consent,
    ConsentCategory,
    GivenBy,
    Organisation,
    OrganisationStaff,
    Referral,
    StaffInvitation,
    StaffRole,
)
from .notification_texts import ASSESSMENT_ASKED, SAFETY_ANSWER
from .selectors import referral_by_code, staff_invitation_by_token

STAFF_INVITATION_LIFETIME = dt.timedelta(days=7)
REFERRAL_DAYS_DEFAULT = 14
REFERRAL_DAYS_MAX = 60
# Wrong referral codes: five in 15 minutes lock code entry for the member and
# for the IP address until the 15 minutes pass (as meeting codes do).
REFERRAL_MISSES_ALLOWED = 5
REFERRAL_LOCKOUT = dt.timedelta(minutes=15)


@transaction.atomic
def assessment_take(
    *,
    by: Member,
    instrument: Instrument | str,
    answers: Mapping[str, int],
    sex: str | None = None,
) -> Assessment:
    """Score ``by``'s answers to ``instrument`` exactly and save them as their
    own assessment.

    ``instrument`` is the version answered (``instruments.instrument_version``;
    a key is its English version): the row records its language. A translation
    has the English file's items, values, bands and flags (checked at import),
    so the row is the same whichever version was answered but for that.

    ``sex`` is AUDIT-C's threshold question (``instruments.SEXES``; ``None`` is
    not stated, scored with the lower threshold). Missing, unknown or
    out-of-range answers raise ``ScoringError`` (its ``errors`` name each item)
    and save nothing; an unknown instrument key is a ``KeyError``. PHQ-9 item 9
    above 0 sets ``safety`` on the row: the page shows crisis resources at once,
    and the clinician part (with consent) will read the flag from there.
    """
    definition = (
        instrument if isinstance(instrument, Instrument) else instrument_get(instrument)
    )
    result = score(definition, answers, sex=sex)
    CarePseudonym.objects.get_or_create(member=by)
    assignments = list(
        AssessmentAssignment.objects.select_for_update().filter(
            member=by, instrument=definition.key, completed_at__isnull=True
        )
    )
    assessment = Assessment.objects.create(
        member=by,
        instrument=definition.key,
        answers={item.key: answers[item.key] for item in definition.items},
        language=definition.language,
        sex=result.sex or "",
        total=result.total,
        band=result.band.key,
        flags=result.flag_keys,
        safety=result.safety,
        threshold=result.threshold,
        taken_at=timezone.now(),
        given_by=GivenBy.CLINICIAN if assignments else GivenBy.SELF,
    )
    for assignment in assignments:
        # The newest open assignment gets the row; older ones are simply done.
        if assignment is assignments[0]:
            assignment.assessment = assessment
        assignment.completed_at = assessment.taken_at
        assignment.save(update_fields=["assessment", "completed_at"])
    if assessment.safety:
        _safety_flag(assessment)
    return assessment


def _safety_flag(assessment: Assessment) -> None:
    """Tell the clinicians of every organisation the member consented to
    share assessments with that a PHQ-9 needs attention. The notification
    carries no score or answer, only a link into the clinic area (which
    checks consent again when opened)."""
    consents = (
        Consent.objects.live()
        .filter(member_id=assessment.member_id)
        .select_related("organisation")
    )
    for consent in consents:
        if not consent.covers(ConsentCategory.ASSESSMENTS):
            continue
        path = reverse(
            "care:clinic-patient",
            kwargs={
                "org_slug": consent.organisation.slug,
                "member_id": assessment.member_id,
            },
        )
        clinicians = OrganisationStaff.objects.filter(
            organisation=consent.organisation,
            role=StaffRole.CLINICIAN,
            active=True,
        ).select_related("member__user")
        for clinician in clinicians:
            notification_send(
                member=clinician.member,
                kind=NotificationKind.CLINIC_SAFETY,
                text=SAFETY_ANSWER,
                params={"organisation": consent.organisation.name},
                url=path,
            )


@transaction.atomic
def assessment_assign(
    *, by: OrganisationStaff, member_id: int, instrument: str
) -> AssessmentAssignment:
    """A clinician asks a patient whose active consent covers assessments to
    take ``instrument``; anyone else is a 404. One open request per
    instrument: asking again while one is open is refused."""
    from .disclosure import access_patient

    patient = access_patient(by, member_id)
    if not patient.consent.covers(ConsentCategory.ASSESSMENTS):
        raise Http404("No such patient")
    if instrument not in INSTRUMENTS:
        raise ValidationError(_("Choose one of the listed assessments."), code="bad")
    if AssessmentAssignment.objects.filter(
        member_id=member_id,
        organisation_id=by.organisation_id,
        instrument=instrument,
        completed_at__isnull=True,
    ).exists():
        raise ValidationError(
            _("This patient has not yet taken the one asked for before."),
            code="open",
        )
    assignment = AssessmentAssignment.objects.create(
        member_id=member_id,
        organisation_id=by.organisation_id,
        assigned_by=by,
        instrument=instrument,
    )
    notification_send(
        member=patient.member,
        kind=NotificationKind.ASSESSMENT_ASKED,
        text=ASSESSMENT_ASKED,
        params={
            "organisation": by.organisation.name,
            "instrument": INSTRUMENTS[instrument].short_name,
        },
        url=reverse("care:take", kwargs={"instrument": instrument}),
    )
    return assignment


# -- Clinic staff ---------------------------------------------------------------


@transaction.atomic
def staff_invite(*, by: OrganisationStaff, email: str, role: str) -> str:
    """An administrator invites someone by email to join the organisation's
    staff as ``role``; returns the token (it is in the emailed link only; the
    database keeps its SHA-256). A clinician cannot invite: 404. The
    invitation lasts ``STAFF_INVITATION_LIFETIME`` and is single use."""
    if not by.is_admin or not by.active:
        raise Http404("No such page")
    if role not in StaffRole.values:
        raise ValidationError(_("Choose administrator or clinician."), code="role")
    email = email.strip()
    token = staff_token_new()
    organisation = by.organisation
    StaffInvitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=secret_hash(token),
        created_by=by,
        expires_at=timezone.now() + STAFF_INVITATION_LIFETIME,
    )
    _staff_invitation_email(organisation, email=email, role=role, token=token)
    return token


def _staff_invitation_email(
    organisation: Organisation, *, email: str, role: str, token: str
) -> None:
    link = settings.KINSHIP_SITE_URL + reverse(
        "care:clinic-invitation", kwargs={"token": token}
    )
    # In the language of the account the address belongs to, if it has one;
    # else in the inviting staff member's.
    with address_locale(email):
        _staff_invitation_email_send(organisation, email=email, role=role, link=link)


def _staff_invitation_email_send(
    organisation: Organisation, *, email: str, role: str, link: str
) -> None:
    lines = [
        _("Hello,"),
        _(
            "You are invited to join %(organisation)s on Kinship as %(role)s. "
            "Kinship is a peer support platform; its clinic area lets your "
            "organisation refer patients into peer groups."
        )
        % {"organisation": organisation.name, "role": StaffRole(role).label},
        _(
            "Open this link, sign in (or create an account with this email "
            "address) and accept: %(link)s"
        )
        % {"link": link},
        _(
            "The link works once and for 7 days. The clinic area asks for a "
            "second step at sign-in (an authenticator app), because it holds "
            "health information."
        ),
        _("If you did not expect this, you can ignore this email."),
    ]
    email_enqueue(
        EmailMessage(
            subject=_("Kinship: join %(organisation)s")
            % {"organisation": organisation.name},
            body="\n\n".join(str(line) for line in lines),
            to=[email],
        )
    )


@transaction.atomic
def staff_invitation_accept(*, by: Member, token: str) -> OrganisationStaff:
    """The signed-in member accepts a staff invitation sent to one of their
    verified email addresses: they join its organisation's staff in its role.

    An unknown, expired or used token, or one sent to another address, is a
    404 and changes nothing; the token works once (the invitation row is
    locked while it is used)."""
    invitation = staff_invitation_by_token(token)
    if invitation is None:
        raise Http404("No such invitation")
    invitation = StaffInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise Http404("No such invitation")
    if not EmailAddress.objects.filter(
        user=by.user, email__iexact=invitation.email, verified=True
    ).exists():
        raise Http404("No such invitation")
    now = timezone.now()
    staff, _created = OrganisationStaff.objects.update_or_create(
        organisation=invitation.organisation,
        member=by,
        defaults={
            "role": invitation.role,
            "active": True,
            "invited_by": invitation.created_by,
        },
        create_defaults={
            "role": invitation.role,
            "active": True,
            "invited_by": invitation.created_by,
            "joined_at": now,
        },
    )
    invitation.accepted_at = now
    invitation.accepted_by = staff
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return staff


# -- Referrals ------------------------------------------------------------------


def _listed_groups(group_ids: Iterable[int]) -> list[Group]:
    ids = set(group_ids)
    groups = list(
        Group.objects.filter(
            pk__in=ids, visibility=Visibility.LISTED, status=GroupStatus.ACTIVE
        )
    )
    if len(groups) != len(ids):
        raise ValidationError(
            _("Suggest only groups listed in the directory."), code="groups"
        )
    return groups


@transaction.atomic
def referral_create(
    *,
    by: OrganisationStaff,
    patient_reference: str,
    note_to_patient: str = "",
    group_ids: Iterable[int] = (),
    expires_in_days: int = REFERRAL_DAYS_DEFAULT,
) -> tuple[Referral, str]:
    """A clinician or administrator refers a patient: returns the referral and
    its code, which is shown once (only its SHA-256 is kept).

    ``patient_reference`` is the clinic's own label, never shown to the
    patient; suggested groups must be active and listed in the directory."""
    if not by.active:
        raise Http404("No such organisation")
    reference = patient_reference.strip()
    if not reference:
        raise ValidationError(
            _("Give the clinic's own short reference for this patient."),
            code="patient_reference",
        )
    if not 1 <= expires_in_days <= REFERRAL_DAYS_MAX:
        raise ValidationError(
            _("The code can last from 1 to %(days)d days.")
            % {"days": REFERRAL_DAYS_MAX},
            code="expires",
        )
    groups = _listed_groups(group_ids)
    code = referral_code_new()
    now = timezone.now()
    referral = Referral.objects.create(
        organisation_id=by.organisation_id,
        created_by=by,
        patient_reference=reference[:80],
        note_to_patient=note_to_patient.strip(),
        code_hash=referral_code_hash(code),
        created_at=now,
        expires_at=now + dt.timedelta(days=expires_in_days),
    )
    referral.suggested_groups.set(groups)
    return referral, code


@transaction.atomic
def referral_cancel(*, by: OrganisationStaff, referral_id: int) -> Referral:
    """Staff of the referral's organisation cancel a referral still waiting;
    another organisation's is a 404. An accepted or already cancelled one is
    refused and left as it is."""
    referral = (
        Referral.objects.select_for_update()
        .filter(pk=referral_id, organisation_id=by.organisation_id)
        .first()
    )
    if referral is None or not by.active:
        raise Http404("No such referral")
    if referral.accepted_at is not None or referral.cancelled_at is not None:
        raise ValidationError(
            _("This referral was already accepted or cancelled."), code="closed"
        )
    referral.cancelled_at = timezone.now()
    referral.save(update_fields=["cancelled_at"])
    return referral


def _miss_keys(member: Member | None, ip_address: str) -> list[str]:
    keys = [f"kinship:care:referral-misses:ip:{ip_address}"]
    if member is not None:
        keys.append(f"kinship:care:referral-misses:member:{member.pk}")
    return keys


def referral_code_locked(member: Member | None, ip_address: str) -> bool:
    """Whether the member or the address has used up its wrong codes."""
    return any(
        misses_locked(key, allowed=REFERRAL_MISSES_ALLOWED)
        for key in _miss_keys(member, ip_address)
    )


def _unusable() -> ValidationError:
    return ValidationError(
        _(
            "This referral code cannot be used: it may be mistyped, already "
            "used, cancelled or expired. Ask the person who referred you for "
            "a new one."
        ),
        code="unusable",
    )


def referral_check(*, by: Member | None, code: str, ip_address: str) -> Referral:
    """The waiting referral a code opens, for the patient's page.

    Unknown, used, cancelled and expired codes all give the same error, and
    count as a miss for the member (if signed in) and the IP address; after
    ``REFERRAL_MISSES_ALLOWED`` misses in ``REFERRAL_LOCKOUT`` every code is
    refused until the window ends. Not atomic: it only counts misses."""
    if referral_code_locked(by, ip_address):
        raise ValidationError(
            _("Too many codes that did not work. Please wait 15 minutes."),
            code="locked",
        )
    referral = referral_by_code(code)
    if referral is None or referral.status() != "waiting":
        for key in _miss_keys(by, ip_address):
            miss_count(key, window=REFERRAL_LOCKOUT)
        raise _unusable()
    return referral


def referral_accept(*, by: Member, code: str, ip_address: str) -> Referral:
    """The member accepts a referral into their own account, once.

    Accepting records only who accepted and when: it shares nothing with the
    organisation (consent comes separately). A code that is not waiting is
    refused (as in ``referral_check``) and changes nothing."""
    referral = referral_check(by=by, code=code, ip_address=ip_address)
    return _referral_accepted(by=by, referral_id=referral.pk)


@transaction.atomic
def _referral_accepted(*, by: Member, referral_id: int) -> Referral:
    now = timezone.now()
    # One conditional update: two accepts at once, only one wins.
    won = Referral.objects.filter(
        pk=referral_id,
        accepted_at__isnull=True,
        cancelled_at__isnull=True,
        expires_at__gt=now,
    ).update(accepted_at=now, accepted_by=by)
    if won != 1:
        raise _unusable()
    return Referral.objects.get(pk=referral_id)
