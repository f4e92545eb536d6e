"""The security log and the session list follow Django's and allauth's signals.

Signals, not services, because the events happen inside Django and allauth
(sign-in, password change, email change): the receivers only observe and
record, they drive no domain flow. Connected in ``SecurityConfig.ready``.
"""

from __future__ import annotations

from typing import Any

from allauth.account import signals as account_signals
from allauth.account.utils import filter_users_by_email
from django.contrib.auth import get_user_model
from django.contrib.auth import signals as auth_signals
from django.db.models.signals import post_save
from django.http import HttpRequest
from django.utils import timezone

from .audit import security_event_record
from .models import EventKind
from .sessions import (
    SIGNED_OUT_REASON,
    STARTED_AT,
    user_session_forget,
    user_session_start,
    user_session_touch,
    user_sessions_end,
)


def account_for_credentials(credentials: dict[str, Any]) -> Any:
    """The account a sign-in attempt names, or None (no such account).

    The typed address or name is only looked up, never stored.
    """
    email = credentials.get("email")
    if isinstance(email, str) and email:
        users = filter_users_by_email(email, prefer_verified=True)
        return users[0] if len(users) == 1 else None
    username = credentials.get("username")
    if isinstance(username, str) and username:
        model = get_user_model()
        return model._default_manager.filter(**{model.USERNAME_FIELD: username}).first()
    return None


def _session_key(request: HttpRequest | None) -> str | None:
    session = getattr(request, "session", None)
    return None if session is None else session.session_key


def signed_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    user_session_start(user=user, request=request)
    security_event_record(user=user, kind=EventKind.SIGNED_IN, request=request)


def sign_in_failed(
    sender: Any,
    credentials: dict[str, Any],
    request: HttpRequest | None = None,
    **kwargs: Any,
) -> None:
    security_event_record(
        user=account_for_credentials(credentials),
        kind=EventKind.SIGN_IN_FAILED,
        request=request,
    )


def signed_out(
    sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any
) -> None:
    user_session_forget(session_key=_session_key(request))
    # Signing out after deleting one's account: nothing is left to record on.
    if (
        user is not None
        and get_user_model()._default_manager.filter(pk=user.pk).exists()
    ):
        security_event_record(
            user=user,
            kind=EventKind.SIGNED_OUT,
            request=request,
            detail=getattr(request, SIGNED_OUT_REASON, ""),
        )


def password_changed(
    sender: Any, request: HttpRequest, user: Any, **kwargs: Any
) -> None:
    """Every other session of the account ends; this one goes on.

    Django's session hash check would sign the others out at their next
    request; ending them here also removes them from the list. The change gave
    this session a new key, so it is listed again (its limits unchanged).
    """
    keep = _session_key(request)
    user_sessions_end(user=user, keep=keep)
    if keep is not None and STARTED_AT in request.session:
        user_session_touch(request=request, now=timezone.now())
    security_event_record(user=user, kind=EventKind.PASSWORD_CHANGED, request=request)


def password_set(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    password_changed(sender, request, user)


def password_reset(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    user_sessions_end(user=user, keep=_session_key(request))
    security_event_record(user=user, kind=EventKind.PASSWORD_RESET, request=request)


def _email_receiver(detail: str) -> Any:
    def receiver(sender: Any, request: HttpRequest, **kwargs: Any) -> None:
        user = kwargs.get("user")
        if user is None and kwargs.get("email_address") is not None:
            user = kwargs["email_address"].user
        # The address itself is not kept: the log says what happened, not to what.
        security_event_record(
            user=user, kind=EventKind.EMAIL_CHANGED, request=request, detail=detail
        )

    receiver.__name__ = f"email_{detail}"
    return receiver


email_added = _email_receiver("added")
email_confirmed = _email_receiver("confirmed")
email_primary_changed = _email_receiver("primary")
email_removed = _email_receiver("removed")


def account_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A deactivated account's sessions end (Django would refuse them anyway)."""
    if not instance.is_active and not kwargs.get("created"):
        user_sessions_end(user=instance)


def connect() -> None:
    uid = "kinship.security"
    auth_signals.user_logged_in.connect(signed_in, dispatch_uid=f"{uid}.in")
    auth_signals.user_login_failed.connect(sign_in_failed, dispatch_uid=f"{uid}.fail")
    auth_signals.user_logged_out.connect(signed_out, dispatch_uid=f"{uid}.out")
    account_signals.password_changed.connect(password_changed, dispatch_uid=uid)
    account_signals.password_set.connect(password_set, dispatch_uid=uid)
    account_signals.password_reset.connect(password_reset, dispatch_uid=uid)
    account_signals.email_added.connect(email_added, dispatch_uid=uid)
    account_signals.email_confirmed.connect(email_confirmed, dispatch_uid=uid)
    account_signals.email_changed.connect(email_primary_changed, dispatch_uid=uid)
    account_signals.email_removed.connect(email_removed, dispatch_uid=uid)
    post_save.connect(account_saved, sender=get_user_model(), dispatch_uid=uid)
