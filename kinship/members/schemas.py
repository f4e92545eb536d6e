"""Input and output schemas of the member API: the profile and memberships."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from ninja import Field, Schema
from pydantic import AfterValidator

from kinship.directory.models import Focus

from .models import Level, RosterName


def plain_text(value: str) -> str:
    """Text that can be stored: no NUL character, valid Unicode."""
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError("must be valid Unicode text") from error
    return value


PlainText = Annotated[str, AfterValidator(plain_text)]


class GroupRefOut(Schema):
    slug: str
    name: str
    url: str


class MemberOut(Schema):
    """The member's own profile (never shown to anyone else as such)."""

    display_name: str
    focus: str = Field(description='A recovery focus, or "" (not said).')
    languages: list[str]
    timezone: str
    roster_name: RosterName
    created_at: dt.datetime


class MemberUpdatedOut(MemberOut):
    warnings: list[str] = Field(
        description="Advice when the display name may identify the member."
    )


class MemberPatchIn(Schema):
    """Fields to change; those left out (or null) stay as they are."""

    display_name: PlainText | None = Field(None, min_length=1, max_length=60)
    focus: Focus | Literal[""] | None = None
    timezone: PlainText | None = Field(
        None, max_length=64, description="An IANA zone name, e.g. America/New_York."
    )
    roster_name: RosterName | None = None


class MembershipOut(Schema):
    group: GroupRefOut
    level: Level
    joined_at: dt.datetime
    participant_since: dt.datetime | None
    leader_since: dt.datetime | None
