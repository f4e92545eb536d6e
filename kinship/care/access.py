"""The clinic area's gate: sign-in, active staff of the organisation in the
URL (anyone else gets a 404), and multi-factor authentication.

Clinic pages carry health information (and, later, records that fall under
42 CFR Part 2 and the HIPAA technical safeguards), so staff need an
authenticator app (TOTP, through allauth's MFA) *and* must have used it in the
current session. Without either they are sent to ``care:clinic-mfa-required``,
which says why and how to set it up.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from kinship.core.navigation import clinic_forget, clinic_remember
from kinship.members.access import MemberRequest, member_required

from .models import OrganisationStaff
from .selectors import access_clinic

NO_AUTHENTICATOR = "no_authenticator"
NOT_THIS_SESSION = "not_this_session"


def mfa_missing(request: HttpRequest) -> str | None:
    """Why the request may not open the clinic area: ``NO_AUTHENTICATOR``
    (no TOTP authenticator set up), ``NOT_THIS_SESSION`` (this sign-in did not
    use it; allauth records each session's authentication methods), or None."""
    user = request.user
    if not is_mfa_enabled(user, types=[Authenticator.Type.TOTP]):
        return NO_AUTHENTICATOR
    records = get_authentication_records(request, user)
    if not any(record.get("method") == "mfa" for record in records):
        return NOT_THIS_SESSION
    return None


ClinicView = Callable[..., HttpResponse]


def clinic_view(view: ClinicView) -> Callable[..., HttpResponse]:
    """Sign-in, active staff of ``org_slug`` (else 404), and MFA used in this
    session (else the MFA page). The view gets the staff row after the
    request: ``view(request, staff, **other_url_arguments)``."""

    @member_required
    @wraps(view)
    def wrapped(
        request: MemberRequest, org_slug: str, *args: Any, **kwargs: Any
    ) -> HttpResponse:
        try:
            staff: OrganisationStaff = access_clinic(request.member, org_slug)
        except Http404:
            clinic_forget(request, org_slug)  # the header stops offering it
            raise
        clinic_remember(request, org_slug)
        if mfa_missing(request) is not None:
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('care:clinic-mfa-required')}?{query}")
        return view(request, staff, *args, **kwargs)

    return wrapped
