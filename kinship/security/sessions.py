"""The signed-in sessions of an account: their limits, their list, ending them.

A session's own data holds when it started and when it was last seen (epoch
seconds); ``UserSession`` rows mirror the live sessions so that a member can see
them and end them all. Ending a session deletes it from the session store, so
its very next request is anonymous.
"""

from __future__ import annotations

import datetime as dt
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import SessionBase
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from kinship.members.models import Member

from .audit import USER_AGENT_LENGTH, client_ip, security_event_record
from .models import EventKind, UserSession

# Keys of the session's own data.
STARTED_AT = "_kinship_started_at"
SEEN_AT = "_kinship_seen_at"
# A request attribute: why its session ended, for the sign-out's record.
SIGNED_OUT_REASON = "kinship_signed_out_reason"
# The last-seen time is written at most this often (seconds): not on every request.
SEEN_PRECISION = 60


def idle_limit() -> dt.timedelta:
    return dt.timedelta(minutes=settings.KINSHIP_SESSION_IDLE_MINUTES)


def max_lifetime() -> dt.timedelta:
    return dt.timedelta(hours=settings.KINSHIP_SESSION_MAX_HOURS)


def session_store(session_key: str | None = None) -> SessionBase:
    engine = import_module(settings.SESSION_ENGINE)
    store: SessionBase = engine.SessionStore(session_key)
    return store


def _agent(request: HttpRequest) -> str:
    return str(request.META.get("HTTP_USER_AGENT", ""))[:USER_AGENT_LENGTH]


def user_session_start(*, user: Any, request: HttpRequest) -> UserSession | None:
    """A session has just signed in: stamp its start and list it.

    Also forgets the account's rows of sessions that have ended by their limits
    without a request to notice it (closed browsers).
    """
    session = getattr(request, "session", None)
    if session is None:
        return None
    now = timezone.now()
    session[STARTED_AT] = session[SEEN_AT] = now.timestamp()
    if session.session_key is None:
        session.save()  # a key to list it under
    key = session.session_key
    assert key is not None
    UserSession.objects.filter(user=user).filter(
        Q(last_seen_at__lt=now - idle_limit()) | Q(created_at__lt=now - max_lifetime())
    ).delete()
    row, _created = UserSession.objects.update_or_create(
        session_key=key,
        defaults={
            "user": user,
            "created_at": now,
            "last_seen_at": now,
            "ip_address": client_ip(request),
            "user_agent": _agent(request),
        },
    )
    return row


def user_session_touch(*, request: HttpRequest, now: dt.datetime) -> None:
    """Note that a signed-in session is in use (called at most once a minute).

    A session signed in before sessions were listed gets its row now.
    """
    session = request.session
    session[SEEN_AT] = now.timestamp()
    key = session.session_key
    if key is None:
        return
    updated = UserSession.objects.filter(session_key=key).update(last_seen_at=now)
    if not updated and request.user.is_authenticated:
        started = dt.datetime.fromtimestamp(session[STARTED_AT], tz=dt.UTC)
        UserSession.objects.get_or_create(
            session_key=key,
            defaults={
                "user": request.user,
                "created_at": started,
                "last_seen_at": now,
                "ip_address": client_ip(request),
                "user_agent": _agent(request),
            },
        )


def user_session_forget(*, session_key: str | None) -> None:
    """The session signed out (or expired): it is no longer listed."""
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


def user_sessions_end(*, user: Any, keep: str | None = None) -> int:
    """End every listed session of an account, but ``keep`` (a session key).

    Each is deleted from the session store, so its next request is anonymous.
    Returns how many were ended.
    """
    rows = UserSession.objects.filter(user=user)
    if keep:
        rows = rows.exclude(session_key=keep)
    keys = list(rows.values_list("session_key", flat=True))
    store = session_store()
    for key in keys:
        store.delete(key)
    UserSession.objects.filter(session_key__in=keys).delete()
    return len(keys)


@transaction.atomic
def sessions_end_everywhere(*, by: Member, request: HttpRequest) -> int:
    """The member signs out on every device, this one included.

    Every listed session of the member's account is deleted from the session
    store and the event recorded; the request's own session is emptied. Returns
    how many sessions were ended.
    """
    ended = user_sessions_end(user=by.user)
    security_event_record(
        user=by.user, kind=EventKind.SIGNED_OUT_EVERYWHERE, request=request
    )
    request.session.flush()
    request.user = AnonymousUser()
    return ended


def user_sessions_prune(*, now: dt.datetime | None = None) -> int:
    """Delete the rows of sessions past their idle or absolute limit; for a
    periodic job. Returns how many went."""
    now = now or timezone.now()
    deleted, _by_model = UserSession.objects.filter(
        Q(last_seen_at__lt=now - idle_limit()) | Q(created_at__lt=now - max_lifetime())
    ).delete()
    return deleted


def user_sessions_live(
    *, user: Any, now: dt.datetime | None = None
) -> list[UserSession]:
    """The account's sessions still within their limits, most recently used first."""
    now = now or timezone.now()
    return list(
        UserSession.objects.filter(
            user=user,
            last_seen_at__gte=now - idle_limit(),
            created_at__gte=now - max_lifetime(),
        ).order_by("-last_seen_at", "-pk")
    )
