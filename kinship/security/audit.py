"""Recording security events (sign-ins, password and token changes, ...)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .models import SecurityEvent

USER_AGENT_LENGTH = 300


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address as the server saw it (``REMOTE_ADDR``).

    Behind a reverse proxy, the proxy must set ``REMOTE_ADDR`` (gunicorn's
    ``--forwarded-allow-ips``); a client-sent X-Forwarded-For is not trusted.
    """
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def security_event_record(
    *, user: Any, kind: str, request: HttpRequest | None, detail: str = ""
) -> SecurityEvent:
    """Append one event for an account (``user`` None: an unknown account)."""
    agent = request.META.get("HTTP_USER_AGENT", "") if request is not None else ""
    return SecurityEvent.objects.create(
        user=user if user is not None and getattr(user, "pk", None) else None,
        kind=kind,
        ip_address=client_ip(request),
        user_agent=agent[:USER_AGENT_LENGTH],
        detail=detail[:200],
    )
