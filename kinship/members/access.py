"""The signed-in member of a request, for views that need one."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext
from django_htmx.middleware import HtmxDetails

from kinship.core.timezones import is_valid_timezone

from .models import Member

VIEWER_TZ_COOKIE = "kinship_tz"  # the browser's zone, set by static/js/site.js
# Where the viewer middleware keeps the member it read: (user id, member or None).
_CACHE = "_kinship_member"


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
    member = _read_member(request)
    if member is None:
        member = Member.objects.create(user=user, display_name=gettext("New member"))
        setattr(request, _CACHE, (user.pk, member))
    return member


def _read_member(request: HttpRequest) -> Member | None:
    """The signed-in account's profile, read once per request (the zone
    middleware reads it first; the view then gets the same row)."""
    user = request.user
    if not user.is_authenticated:
        return None
    cached: tuple[Any, Member | None] | None = getattr(request, _CACHE, None)
    if cached is not None and cached[0] == user.pk:
        return cached[1]
    member = Member.objects.filter(user=user).first()
    setattr(request, _CACHE, (user.pk, member))
    return member


def viewer_timezone_name(request: HttpRequest, *, default: str | None = None) -> str:
    """The zone to show the viewer's times in: the signed-in member's own, else
    the one their browser reported (the ``kinship_tz`` cookie), else ``default``
    (the site's default zone unless given)."""
    member = _read_member(request)
    if member is not None and is_valid_timezone(member.timezone):
        return member.timezone
    return browser_timezone_name(request, default=default)


def member_language(request: HttpRequest) -> str | None:
    """The language the signed-in member chose for Kinship (``Member.language``),
    or None for a visitor, whose language cookie or browser decides."""
    member = _read_member(request)
    return member.language if member is not None else None


def browser_timezone_name(request: HttpRequest, *, default: str | None = None) -> str:
    """The zone the visitor's browser reported, else ``default`` (the site's
    default zone unless given)."""
    name = request.COOKIES.get(VIEWER_TZ_COOKIE, "")
    if is_valid_timezone(name):
        return name
    return default if default is not None else str(settings.KINSHIP_DEFAULT_TIMEZONE)


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
