"""System checks of the site's own address and name."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.db import DatabaseError

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@register()
def site_url_check(
    app_configs: Sequence[Any] | None, **kwargs: Any
) -> list[CheckMessage]:
    """KINSHIP_SITE_URL is an absolute http(s) address: email links start with it."""
    parts = urlsplit(settings.KINSHIP_SITE_URL)
    if parts.scheme in ("http", "https") and parts.netloc and not parts.path:
        return []
    return [
        Error(
            "KINSHIP_SITE_URL must be this site's address, such as "
            "https://kinship.example.org (no path).",
            hint="Links in email are built from it.",
            id="kinship.E001",
        )
    ]


@register(Tags.database)
def site_row_check(
    app_configs: Sequence[Any] | None,
    databases: Sequence[str] | None = None,
    **kwargs: Any,
) -> list[CheckMessage]:
    """The Site row (named in allauth's email) holds the settings' name and domain."""
    from django.contrib.sites.models import Site

    from .sites import site_expected

    messages: list[CheckMessage] = []
    expected = site_expected()
    for alias in databases or ():
        try:
            site = Site.objects.using(alias).filter(pk=settings.SITE_ID).first()
        except DatabaseError:
            continue  # not migrated yet: migrate writes the row
        found = {"name": site.name, "domain": site.domain} if site else None
        if found != expected:
            messages.append(
                Warning(
                    f"The site's name and domain in the database ({found}) differ "
                    f"from KINSHIP_SITE_NAME and KINSHIP_SITE_URL ({expected}).",
                    hint="Run `manage.py migrate`: it writes them into the Site row.",
                    id="kinship.W001",
                )
            )
    return messages


@register(Tags.security, deploy=True)
def site_url_deploy_check(
    app_configs: Sequence[Any] | None, **kwargs: Any
) -> list[CheckMessage]:
    """In production the site's address is not this machine's loopback."""
    parts = urlsplit(settings.KINSHIP_SITE_URL)
    if parts.hostname and parts.hostname not in LOCAL_HOSTS:
        return []
    return [
        Warning(
            "KINSHIP_SITE_URL points at this machine "
            f"({settings.KINSHIP_SITE_URL}): links in email will not work for "
            "members.",
            hint="Set KINSHIP_SITE_URL to the public https:// address.",
            id="kinship.W002",
        )
    ]
