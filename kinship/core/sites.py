"""The django.contrib.sites row, kept equal to KINSHIP_SITE_NAME and KINSHIP_SITE_URL.

allauth's email says the site's name and domain from that row. Django creates it
as "example.com" on the first migrate and never looks at the settings again, so
Kinship writes the settings into it after every ``migrate`` (``make run`` and a
deployment migrate before serving) and a system check warns when they differ.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sites.models import Site
from django.db import DEFAULT_DB_ALIAS


def site_expected() -> dict[str, str]:
    """The name and domain the settings give the site."""
    return {
        "name": settings.KINSHIP_SITE_NAME,
        "domain": urlsplit(settings.KINSHIP_SITE_URL).netloc,
    }


def site_sync(*, using: str = DEFAULT_DB_ALIAS) -> Site:
    """Write the settings' name and domain into the current Site row."""
    site, _created = Site.objects.db_manager(using).update_or_create(
        pk=settings.SITE_ID, defaults=site_expected()
    )
    Site.objects.clear_cache()
    return site


def site_sync_after_migrate(using: str = DEFAULT_DB_ALIAS, **kwargs: Any) -> None:
    """A ``post_migrate`` receiver (sent after all apps have migrated)."""
    site_sync(using=using)
