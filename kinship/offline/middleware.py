"""Signing out tells the browser to forget what the site stored on the device."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest
from django.http.response import HttpResponseBase

GetResponse = Callable[[HttpRequest], HttpResponseBase]

# Storage holds the service worker, its caches (the member's schedule) and local
# storage; cache is the HTTP cache. Cookies are left: the session is already gone.
CLEAR_SITE_DATA = '"cache", "storage"'


def _session_account(request: HttpRequest) -> object | None:
    """The account id the session is signed in as, without marking it used."""
    session = getattr(request, "session", None)
    if session is None:
        return None
    accessed = session.accessed
    account: object | None = session.get(SESSION_KEY)
    session.accessed = accessed
    return account


class SignOutClearsSiteDataMiddleware:
    """``Clear-Site-Data`` on every response that ends a signed-in session.

    Signing out, signing out everywhere, a session ended for being idle or too
    old, a deleted account, or another account signing in: the session held an
    account before the view and not the same one after it. The browser then
    drops the service worker and its offline copy of the member's schedule.
    Placed after ``SessionMiddleware`` and before ``SessionLimitsMiddleware``.
    """

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        before = _session_account(request)
        response = self.get_response(request)
        if before is not None and _session_account(request) != before:
            response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response
