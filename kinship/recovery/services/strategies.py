"""Coping strategies written by members, "this helped me", and the notebook.

Errors a member can cause are ``ValidationError`` keyed by field, with a message
meant for them; nothing is changed when one is raised. A strategy the member may
not see (or, for changes, did not write) is a 404, its existence too.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kinship.members.models import Member, Membership

from ..models import NotebookEntry, Strategy, StrategyHelped, StrategyScope, StrategyTag
from ..selectors.strategies import (
    access_notebook_entry,
    access_own_strategy,
    access_strategy,
)

TITLE_MAX_LENGTH = 120
BODY_MAX_LENGTH = 4000
NOTE_MAX_LENGTH = 2000
TAGS_MAX = 8


def _text(
    value: object,
    limit: int,
    errors: dict[str, str],
    field: str,
    *,
    required: bool,
) -> str:
    if not isinstance(value, str):
        errors[field] = _("Write it as text.")
        return ""
    text = value.strip()
    if required and not text:
        errors[field] = _("This cannot be empty.")
    elif len(text) > limit:
        errors[field] = _("Keep it to %(limit)d characters (it has %(length)d).") % {
            "limit": limit,
            "length": len(text),
        }
    return text


def _tags(values: object, errors: dict[str, str]) -> list[StrategyTag]:
    if not isinstance(values, Iterable) or isinstance(values, str | bytes):
        errors["tags"] = _("Choose tags from the list.")
        return []
    slugs = set()
    for value in values:
        if not isinstance(value, str):
            errors["tags"] = _("Choose tags from the list.")
            return []
        slugs.add(value)
    if len(slugs) > TAGS_MAX:
        errors["tags"] = _("Choose at most %(count)d tags.") % {"count": TAGS_MAX}
        return []
    tags = list(StrategyTag.objects.filter(slug__in=slugs))
    unknown = slugs - {tag.slug for tag in tags}
    if unknown:
        errors["tags"] = _("Choose tags from the list: %(unknown)s is not one.") % {
            "unknown": ", ".join(sorted(unknown))[:100]
        }
        return []
    return tags


def _scope(
    by: Member, scope: object, group_id: object, errors: dict[str, str]
) -> tuple[str, int | None]:
    """The scope and group: a group only for a group-only strategy, and only one
    the member is in."""
    if scope == StrategyScope.PUBLIC:
        return StrategyScope.PUBLIC, None
    if scope != StrategyScope.GROUP:
        errors["scope"] = _("Choose who can see it.")
        return StrategyScope.PUBLIC, None
    if group_id is None or group_id == "":
        errors["group"] = _("Choose the group to share it with.")
        return StrategyScope.GROUP, None
    if (
        isinstance(group_id, bool)
        or not isinstance(group_id, int)
        or not Membership.objects.filter(member=by, group_id=group_id).exists()
    ):
        errors["group"] = _("Choose one of your groups.")
        return StrategyScope.GROUP, None
    return StrategyScope.GROUP, group_id


def _strategy_values(
    by: Member,
    *,
    title: object,
    body: object,
    tag_slugs: object,
    scope: object,
    group_id: object,
) -> tuple[dict[str, object], list[StrategyTag]]:
    errors: dict[str, str] = {}
    values: dict[str, object] = {
        "title": _text(title, TITLE_MAX_LENGTH, errors, "title", required=True),
        "body": _text(body, BODY_MAX_LENGTH, errors, "body", required=True),
    }
    tags = _tags(tag_slugs, errors)
    values["scope"], values["group_id"] = _scope(by, scope, group_id, errors)
    if errors:
        raise ValidationError(errors)
    return values, tags


@transaction.atomic
def strategy_create(
    *,
    by: Member,
    title: str,
    body: str,
    tag_slugs: Iterable[str],
    scope: str,
    group_id: int | None = None,
) -> Strategy:
    """Write a strategy: public, or for one of the author's groups only."""
    values, tags = _strategy_values(
        by, title=title, body=body, tag_slugs=tag_slugs, scope=scope, group_id=group_id
    )
    now = timezone.now()
    strategy = Strategy.objects.create(
        member=by, starter=False, created_at=now, updated_at=now, **values
    )
    strategy.tags.set(tags)
    return strategy


@transaction.atomic
def strategy_update(
    *,
    by: Member,
    strategy_id: int,
    title: str,
    body: str,
    tag_slugs: Iterable[str],
    scope: str,
    group_id: int | None = None,
) -> Strategy:
    """Change a strategy: its author only (anyone else gets a 404)."""
    strategy = access_own_strategy(by, strategy_id)
    values, tags = _strategy_values(
        by, title=title, body=body, tag_slugs=tag_slugs, scope=scope, group_id=group_id
    )
    for name, value in values.items():
        setattr(strategy, name, value)
    strategy.updated_at = timezone.now()
    strategy.save()
    strategy.tags.set(tags)
    return strategy


@transaction.atomic
def strategy_remove(*, by: Member, strategy_id: int) -> None:
    """Remove a strategy (its author only): nobody sees it any more. Marks and
    notebook entries stay, so members keep their own notes on it."""
    strategy = access_own_strategy(by, strategy_id)
    strategy.removed_at = timezone.now()
    strategy.save(update_fields=["removed_at"])


@transaction.atomic
def strategy_helped_toggle(*, by: Member, strategy_id: int) -> bool:
    """Mark "this helped me", or take the mark back. Counts once per member.
    Returns whether the strategy is now marked as having helped the member."""
    strategy = access_strategy(by, strategy_id)
    deleted, _rows = StrategyHelped.objects.filter(
        member=by, strategy=strategy
    ).delete()
    if deleted:
        return False
    StrategyHelped.objects.get_or_create(member=by, strategy=strategy)
    return True


@transaction.atomic
def notebook_save(*, by: Member, strategy_id: int, note: str = "") -> NotebookEntry:
    """Save a strategy the member can see to their notebook, with a private note.
    Saving it again keeps the entry and changes the note."""
    strategy = access_strategy(by, strategy_id)
    errors: dict[str, str] = {}
    text = _text(note, NOTE_MAX_LENGTH, errors, "note", required=False)
    if errors:
        raise ValidationError(errors)
    entry, _created = NotebookEntry.objects.update_or_create(
        member=by, strategy=strategy, defaults={"note": text}
    )
    return entry


@transaction.atomic
def notebook_update_note(*, by: Member, entry_id: int, note: str) -> NotebookEntry:
    """Change the private note of one of the member's own notebook entries."""
    entry = access_notebook_entry(by, entry_id)
    errors: dict[str, str] = {}
    text = _text(note, NOTE_MAX_LENGTH, errors, "note", required=False)
    if errors:
        raise ValidationError(errors)
    entry.note = text
    entry.save(update_fields=["note"])
    return entry


@transaction.atomic
def notebook_remove(*, by: Member, entry_id: int) -> None:
    """Take a strategy out of the member's notebook, with their note."""
    access_notebook_entry(by, entry_id).delete()
