"""Care: assessments, organisations and their staff, referrals, consent and
the access log (issue 9). Each row that belongs to one person points to their
``Member`` through a field named ``member`` (the data export relies on it)."""

from .assessments import Assessment, AuditSex, CarePseudonym, GivenBy
from .clinics import (
    RESERVED_ORGANISATION_SLUGS,
    Organisation,
    OrganisationKind,
    OrganisationStaff,
    Referral,
    ReferralStatus,
    StaffInvitation,
    StaffRole,
)
from .consent import (
    CATEGORY_DETAILS,
    CONSENT_DAYS_MAX,
    AccessLog,
    AccessView,
    AppendOnly,
    AssessmentAssignment,
    Consent,
    ConsentCategory,
    ConsentPurpose,
)

__all__ = [
    "CATEGORY_DETAILS",
    "CONSENT_DAYS_MAX",
    "RESERVED_ORGANISATION_SLUGS",
    "AccessLog",
    "AccessView",
    "AppendOnly",
    "Assessment",
    "AssessmentAssignment",
    "AuditSex",
    "CarePseudonym",
    "Consent",
    "ConsentCategory",
    "ConsentPurpose",
    "GivenBy",
    "Organisation",
    "OrganisationKind",
    "OrganisationStaff",
    "Referral",
    "ReferralStatus",
    "StaffInvitation",
    "StaffRole",
]
from .outcomes import RETENTION_DAYS, OutcomeDay, OutcomeMonth, barc10_key

__all__ += ["RETENTION_DAYS", "OutcomeDay", "OutcomeMonth", "barc10_key"]
