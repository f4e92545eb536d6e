"""Every write to members and memberships."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from .models import Member


@transaction.atomic
def member_create(*, user: Any, display_name: str) -> Member:
    """The profile of a new account."""
    return Member.objects.create(user=user, display_name=display_name.strip())
