"""Member API: my profile and my memberships (the same services as the pages)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router
from ninja.decorators import decorate_view
from ninja.responses import Status

from kinship.directory.models import Group
from kinship.tokens.auth import API_AUTH
from kinship.tokens.errors import validation_error_out
from kinship.tokens.idempotency import idempotent
from kinship.tokens.schemas import (
    ErrorOut,
    IdempotencyKeyHeader,
    ValidationErrorOut,
)

from .models import Member, Membership
from .naming import display_name_warnings
from .profile import member_update
from .schemas import (
    MemberOut,
    MemberPatchIn,
    MembershipOut,
    MemberUpdatedOut,
)
from .selectors import access_group, memberships_of
from .services import MembershipError, membership_join

router = Router(tags=["me"], auth=API_AUTH)

REFUSED: dict[int, Any] = {401: ErrorOut, 403: ErrorOut}


def group_ref(group: Group) -> dict[str, str]:
    return {"slug": group.slug, "name": group.name, "url": group.get_absolute_url()}


def member_out(member: Member) -> dict[str, Any]:
    return {
        "display_name": member.display_name,
        "focus": member.focus,
        "languages": [language.code for language in member.languages.all()],
        "timezone": member.timezone,
        "roster_name": member.roster_name,
        "created_at": member.created_at,
    }


def membership_out(membership: Membership) -> dict[str, Any]:
    return {
        "group": group_ref(membership.group),
        "level": membership.level,
        "joined_at": membership.joined_at,
        "participant_since": membership.participant_since,
        "leader_since": membership.leader_since,
    }


@router.get("/me", response={200: MemberOut, **REFUSED}, summary="My profile")
def me_read(request: HttpRequest) -> dict[str, Any]:
    """The profile of the member the session or token belongs to."""
    member: Member = request.auth  # type: ignore[attr-defined]
    return member_out(member)


@router.patch(
    "/me",
    response={200: MemberUpdatedOut, 400: ErrorOut, 422: ValidationErrorOut, **REFUSED},
    summary="Change my profile",
)
def me_update(request: HttpRequest, changes: MemberPatchIn) -> Status[dict[str, Any]]:
    """Change the display name, recovery focus, time zone or roster name; fields
    left out keep their value. Invalid values answer 422 and change nothing."""
    member: Member = request.auth  # type: ignore[attr-defined]
    values = {
        "display_name": member.display_name,
        "focus": member.focus,
        "timezone": member.timezone,
        "roster_name": member.roster_name,
    }
    values.update(
        {field: str(value) for field, value in changes.dict(exclude_none=True).items()}
    )
    try:
        updated = member_update(
            by=member, languages=list(member.languages.all()), **values
        )
    except ValidationError as error:
        return Status(422, validation_error_out(error, location="body"))
    return Status(
        200,
        {
            **member_out(updated),
            "warnings": [str(w) for w in display_name_warnings(updated.display_name)],
        },
    )


@router.get(
    "/me/memberships",
    response={200: list[MembershipOut], **REFUSED},
    summary="My memberships",
)
def my_memberships(request: HttpRequest) -> list[dict[str, Any]]:
    """The groups the member is in, with their level and its dates."""
    member: Member = request.auth  # type: ignore[attr-defined]
    return [membership_out(m) for m in memberships_of(member)]


@router.post(
    "/groups/{slug}/membership",
    response={
        201: MembershipOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ValidationErrorOut,
        **REFUSED,
    },
    summary="Join a group as an observer",
)
@decorate_view(idempotent)
def membership_create(
    request: HttpRequest,
    slug: str,
    idempotency_key: IdempotencyKeyHeader = None,
) -> Status[dict[str, Any]]:
    """Join a listed or unlisted group as an observer (attend and RSVP). A private
    group one is not in answers 404; already a member, or a group not meeting,
    409 with the reason."""
    member: Member = request.auth  # type: ignore[attr-defined]
    group = access_group(member, slug)
    try:
        membership = membership_join(by=member, group=group)
    except MembershipError as error:
        return Status(409, {"detail": str(error)})
    return Status(201, membership_out(membership))
