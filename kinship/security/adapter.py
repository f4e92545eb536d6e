"""The account adapter: the members' one, plus the audit of refused sign-ins."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from kinship.members.adapter import AccountAdapter

from .audit import client_ip, security_event_record
from .models import EventKind
from .receivers import account_for_credentials

# A lockout is recorded once per address (IP) and account in this many seconds,
# however many refused tries follow: the refusals cost no row each.
LOCKOUT_RECORD_SECONDS = 300


class AuditedAccountAdapter(AccountAdapter):
    """Records a sign-in refused by the ``login_failed`` rate limit (a lockout).

    allauth refuses such a sign-in in ``pre_authenticate`` before any password
    is checked, so Django's ``user_login_failed`` signal is not sent for it.
    """

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code == "too_many_login_attempts":
                lockout_record(request=request, credentials=credentials)
            raise


def lockout_record(*, request: HttpRequest, credentials: dict[str, Any]) -> None:
    user = account_for_credentials(credentials)
    once = f"kinship.security.lockout:{client_ip(request)}:{getattr(user, 'pk', '')}"
    if cache.add(once, True, timeout=LOCKOUT_RECORD_SECONDS):
        security_event_record(user=user, kind=EventKind.LOCKED_OUT, request=request)
