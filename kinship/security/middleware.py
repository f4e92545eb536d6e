"""Headers on every response, and the limits of signed-in sessions.

- ``ContentSecurityPolicyMiddleware``: django-csp's policy (settings
  ``CONTENT_SECURITY_POLICY``) with a fresh nonce on every response.
- ``PrivateResponseMiddleware``: ``Cache-Control: no-store, private`` on every response
  to a signed-in session or a request with credentials.
- ``SessionLimitsMiddleware``: ends a session idle longer than
  ``KINSHIP_SESSION_IDLE_MINUTES`` or older than ``KINSHIP_SESSION_MAX_HOURS``.
"""

from __future__ import annotations

from collections.abc import Callable

from csp.middleware import CSPMiddleware, PolicyParts
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .sessions import (
    SEEN_AT,
    SEEN_PRECISION,
    SIGNED_OUT_REASON,
    STARTED_AT,
    idle_limit,
    max_lifetime,
    user_session_touch,
)

GetResponse = Callable[[HttpRequest], HttpResponseBase]


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp, with the nonce made for every response.

    django-csp adds the nonce only when a template used it; making it always
    keeps one policy shape for every page (a page that needs an inline script
    gives it ``nonce="{{ request.csp_nonce }}"``).
    """

    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        self._make_nonce(request)
        parts: PolicyParts = super().get_policy_parts(request, response, report_only)
        return parts


def _session_signed_in(request: HttpRequest) -> bool:
    """Whether the request's session holds a signed-in account.

    Looking does not count as using the session, so a visitor's answer does not
    get ``Vary: Cookie`` from this check alone.
    """
    session = getattr(request, "session", None)
    if session is None:
        return False
    accessed = session.accessed
    signed_in = SESSION_KEY in session
    session.accessed = accessed
    return signed_in


class PrivateResponseMiddleware:
    """Responses about a signed-in person are never stored by a browser or proxy.

    A response is private when the session was signed in before or after the
    view (so sign-in and sign-out answers count), or the request carried an
    ``Authorization`` header or was authenticated by the API (``request.auth``).
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        private = _session_signed_in(request) or "HTTP_AUTHORIZATION" in request.META
        response = self.get_response(request)
        if (
            private
            or _session_signed_in(request)
            or getattr(request, "auth", None) is not None
        ):
            # Added to what the view chose (never_cache's fuller header stays).
            patch_cache_control(response, no_store=True, private=True)
        return response


class SessionLimitsMiddleware:
    """Sign out a session idle too long or past its absolute lifetime.

    The times live in the session (set at sign-in by
    ``sessions.user_session_start``); the last-seen time and the session's row
    are written at most once a minute. The request then goes on as a visitor's.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if _session_signed_in(request):
            self.check(request)
        return self.get_response(request)

    def check(self, request: HttpRequest) -> None:
        session = request.session
        now = timezone.now()
        started = session.get(STARTED_AT)
        seen = session.get(SEEN_AT)
        if not isinstance(started, float) or not isinstance(seen, float):
            # Signed in before the limits existed: they start now.
            if request.user.is_authenticated:
                session[STARTED_AT] = now.timestamp()
                user_session_touch(request=request, now=now)
            return
        elapsed_idle = now.timestamp() - seen
        if elapsed_idle > idle_limit().total_seconds():
            self.end(request, "idle")
            messages.info(
                request,
                _(
                    "You were signed out after %(minutes)d minutes without "
                    "activity, to keep your account safe."
                )
                % {"minutes": idle_limit().total_seconds() // 60},
            )
        elif now.timestamp() - started > max_lifetime().total_seconds():
            self.end(request, "lifetime")
            messages.info(
                request,
                _("Your session has ended after %(hours)d hours. Please sign in again.")
                % {"hours": max_lifetime().total_seconds() // 3600},
            )
        elif elapsed_idle >= SEEN_PRECISION:
            user_session_touch(request=request, now=now)

    @staticmethod
    def end(request: HttpRequest, reason: str) -> None:
        setattr(request, SIGNED_OUT_REASON, reason)
        logout(request)
