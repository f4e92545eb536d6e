"""Text made for one member outside their own request (an email, a notification
copy) is made in their language and their zone, whoever's request it is."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.utils import timezone, translation

from kinship.core.timezones import is_valid_timezone, zone

from .models import Member


def member_language_or_default(member: Member | None) -> str:
    """The member's language when Kinship speaks it, else the site's."""
    if member is not None and member.language in dict(settings.LANGUAGES):
        return member.language
    return str(settings.LANGUAGE_CODE)


@contextmanager
def recipient_locale(member: Member | None) -> Iterator[None]:
    """Activate ``member``'s language and zone for the block (the site's own
    when there is no member, e.g. an address without an account)."""
    language = member_language_or_default(member)
    name = (
        member.timezone
        if member is not None and is_valid_timezone(member.timezone)
        else str(settings.KINSHIP_DEFAULT_TIMEZONE)
    )
    with translation.override(language), timezone.override(zone(name)):
        yield
