"""Who calls the member API: a signed-in session (with CSRF) or a personal token.

Each accepted request gets the ``Member`` as ``request.auth``. A token is looked
up by its hash on every request, so a revoked or expired one fails at once; a
read token may only read.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, AuthorizationError, HttpError
from ninja.security import HttpBearer, SessionAuth

from kinship.members.access import request_member
from kinship.members.models import Member

from .models import AccessToken, TokenScope
from .selectors import token_for_secret
from .services import token_mark_used

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# A request attribute: (the bearer secret, its token or None), looked up once.
BEARER_LOOKUP_ATTR = "_kinship_bearer_token"


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``: a personal access token."""

    def authenticate(self, request: HttpRequest, token: str) -> Member:
        # An idempotent operation authenticates before ninja does (to scope its
        # key to the member): the token is looked up and marked once per request.
        access: AccessToken | None
        remembered = getattr(request, BEARER_LOOKUP_ATTR, None)
        if remembered is not None and remembered[0] == token:
            access = remembered[1]
        else:
            access = token_for_secret(token.strip())
            if access is not None:
                token_mark_used(token=access)
            setattr(request, BEARER_LOOKUP_ATTR, (token, access))
        if access is None:
            # A token was sent: its failure is final, never a fall back to the
            # session, so a client learns its token no longer works.
            raise AuthenticationError(
                401,
                _("This access token is not valid: it is unknown, expired or revoked."),
            )
        if request.method not in SAFE_METHODS and access.scope != TokenScope.WRITE:
            raise AuthorizationError(
                403,
                _(
                    "This token can only read. Create a token with the read and "
                    "write scope to make changes."
                ),
            )
        return access.member


class MemberSessionAuth(SessionAuth):
    """The signed-in session; unsafe methods need the CSRF token, as forms do."""

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None  # a visitor: 401, not a CSRF complaint
        return super()._get_key(request)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return request_member(request)


API_AUTH = [TokenAuth(), MemberSessionAuth(csrf=True)]


def api_member(request: HttpRequest) -> Member | None:
    """The member a request authenticates as, or None (refused, or a visitor)."""
    for method in API_AUTH:
        try:
            member = method(request)
        except HttpError:  # a refusal: the operation itself answers it
            return None
        # Anything else (a database error) propagates: answering None would let
        # an idempotent request run without its key being claimed.
        if isinstance(member, Member):
            return member
    return None
