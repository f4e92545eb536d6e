"""Text made for one member outside their own request (an email, a notification
copy) is made in their language and their zone, whoever's request it is."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.utils import timezone, translation

from kinship.core.timezones import is_valid_timezone, zone

from .models import Member
from .selectors import member_with_email


@contextmanager
def recipient_locale(member: Member) -> Iterator[None]:
    """Activate ``member``'s language and zone for the block (the site's when
    they have chosen no language, or their zone is unknown)."""
    language = (
        member.language
        if member.language in dict(settings.LANGUAGES)
        else str(settings.LANGUAGE_CODE)
    )
    name = (
        member.timezone
        if is_valid_timezone(member.timezone)
        else str(settings.KINSHIP_DEFAULT_TIMEZONE)
    )
    with translation.override(language), timezone.override(zone(name)):
        yield


@contextmanager
def address_locale(email: str) -> Iterator[None]:
    """For mail to an address: its account owner's language and zone when the
    address has an account; else the language in force (the sender's page)."""
    member = member_with_email(email)
    if member is None:
        yield
        return
    with recipient_locale(member):
        yield
