"""The viewer's time zone, active for the whole request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone

from kinship.core.timezones import zone

from .access import viewer_timezone_name


class ViewerTimezoneMiddleware:
    """Activate the viewer's zone (``viewer_timezone_name``) while the request is
    handled, so every aware datetime a page shows is in it.

    Placed after ``AuthenticationMiddleware``: it needs ``request.user``. The
    member it reads is kept for ``request_member``, so a page that needs the
    member costs no extra query.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        with timezone.override(zone(viewer_timezone_name(request))):
            return self.get_response(request)
