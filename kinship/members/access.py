"""The signed-in member of a request, for views that need one."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from django_htmx.middleware import HtmxDetails

from .models import Member


class MemberRequest(HttpRequest):
    """A request from a signed-in account, with its ``Member`` profile."""

    member: Member


class MemberHtmxRequest(MemberRequest):
    """A member's request that passed through django-htmx's middleware."""

    htmx: HtmxDetails


def request_member(request: HttpRequest) -> Member | None:
    """The signed-in member, or None for visitors.

    An account without a profile (one made with ``createsuperuser``) gets one the
    first time it is needed, under a neutral display name it can change.
    """
    user = request.user
    if not user.is_authenticated:
        return None
    member = Member.objects.filter(user=user).first()
    if member is None:
        member = Member.objects.create(user=user, display_name=gettext("New member"))
    return member


View = Callable[..., HttpResponse]


def member_required(view: View) -> View:
    """Sign-in required; the view finds the profile at ``request.member``."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        member = request_member(request)
        assert member is not None  # login_required let only accounts through
        request.member = member  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapped
