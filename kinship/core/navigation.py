"""Which navigation the site header shows: a visitor's, a member's or a clinic's.

An account that acts for a clinic (active staff of an organisation, as
``care.access.clinic_view`` decides) gets the clinic navigation instead of the
peer-member links: the two roles are never mixed in one view. Which
organisations an account is staff of is noted in its session when it signs in
(and corrected when it opens a clinic page), so drawing the header costs no
query on every page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

CLINIC_SESSION_KEY = "kinship_clinic_orgs"

VISITOR = "visitor"
MEMBER = "member"
CLINIC = "clinic"


@dataclass(frozen=True)
class SiteNav:
    """The header's mode, and for a clinic the organisation its links go to
    (``clinic_slug``; ``several_clinics`` when the account has more than one)."""

    mode: str
    clinic_slug: str = ""
    several_clinics: bool = False

    @property
    def is_clinic(self) -> bool:
        return self.mode == CLINIC

    @property
    def is_member(self) -> bool:
        return self.mode == MEMBER


def _session_slugs(request: HttpRequest | None) -> list[str]:
    session = getattr(request, "session", None)
    if session is None:
        return []
    slugs = session.get(CLINIC_SESSION_KEY) or []
    return [slug for slug in slugs if isinstance(slug, str)]


def site_nav_for(request: HttpRequest | None, *, page_clinic_slug: str = "") -> SiteNav:
    """The header of a page: ``page_clinic_slug`` is the organisation of a clinic
    page the viewer was let into (its view passed the staff row)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return SiteNav(VISITOR)
    slugs = _session_slugs(request)
    if page_clinic_slug:
        several = len(set(slugs) | {page_clinic_slug}) > 1
        return SiteNav(CLINIC, page_clinic_slug, several)
    if slugs:
        return SiteNav(CLINIC, slugs[0], len(slugs) > 1)
    return SiteNav(MEMBER)


def clinic_remember(request: HttpRequest, slug: str) -> None:
    """Note that the signed-in account is staff of ``slug`` (it opened a clinic
    page of it); the session is written only when that is news."""
    slugs = _session_slugs(request)
    if slug not in slugs:
        request.session[CLINIC_SESSION_KEY] = [*slugs, slug]


def clinic_forget(request: HttpRequest, slug: str) -> None:
    """The account is no longer let into ``slug``'s clinic pages."""
    slugs = _session_slugs(request)
    if slug in slugs:
        request.session[CLINIC_SESSION_KEY] = [s for s in slugs if s != slug]


def clinics_noted_at_sign_in(
    sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any
) -> None:
    """``user_logged_in`` receiver: note the account's clinics in the new session.

    Observes only (the header's choice of links); it drives no domain flow.
    """
    if request is None or getattr(request, "session", None) is None:
        return
    from kinship.care.selectors import clinic_slugs_of_account

    slugs = clinic_slugs_of_account(user.pk)
    if slugs:
        request.session[CLINIC_SESSION_KEY] = slugs
    else:
        request.session.pop(CLINIC_SESSION_KEY, None)
