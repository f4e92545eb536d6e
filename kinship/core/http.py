"""Request types and small helpers shared by views."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    """A request that passed through django-htmx's middleware."""

    htmx: HtmxDetails


def first_error(error: ValidationError | Form) -> str:
    """The first message of a refused form or service call, for a one-line notice."""
    if isinstance(error, Form):
        return next(
            (str(m) for msgs in error.errors.values() for m in msgs),
            _("Please check the form."),
        )
    return str(error.messages[0])


def is_local_path(url: str) -> bool:
    """A path on this site: never another host, a scheme, or a "//host" URL."""
    return (
        url.startswith("/")
        and not url.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(url, allowed_hosts=None)
    )


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The POSTed ``next`` address if it is on this site, else ``fallback``."""
    target = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else fallback
