"""The viewer's time zone and language, active for the whole request."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone, translation

from kinship.core.timezones import zone

from .access import browser_timezone_name, member_language, viewer_timezone_name


def _maybe_signed_in(request: HttpRequest) -> bool:
    """Whether the request may come from an account, decided without using a
    visitor's session (using it would add ``Vary: Cookie`` to public answers)."""
    session = getattr(request, "session", None)
    if session is None:
        return True  # no session to peek at: ask request.user
    accessed = session.accessed
    signed_in = SESSION_KEY in session
    session.accessed = accessed
    return signed_in


class ViewerTimezoneMiddleware:
    """Activate the viewer's zone (``viewer_timezone_name``) while the request is
    handled, so every aware datetime a page shows is in it; and, for a signed-in
    member, the language they chose (``Member.language``) in place of the one
    ``LocaleMiddleware`` took from the language cookie or the browser.

    Placed after ``AuthenticationMiddleware``: it needs ``request.user``. The
    member it reads is kept for ``request_member``, so a page that needs the
    member costs no extra query. The language is activated, not overridden,
    so ``LocaleMiddleware`` names it in ``Content-Language`` on the way out.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if _maybe_signed_in(request):
            name = viewer_timezone_name(request)
            language = member_language(request)
            if language and translation.check_for_language(language):
                translation.activate(language)
                request.LANGUAGE_CODE = translation.get_language()
        else:
            name = browser_timezone_name(request)
        with timezone.override(zone(name)):
            return self.get_response(request)
