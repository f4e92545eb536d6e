"""Reads of coping strategies and of the member's notebook.

Who sees a strategy: a public one, everyone (visitors too); a group-only one, the
members of that group (any level); a removed one, nobody. Any other strategy is a
404, its existence too. A notebook entry and its note are its member's alone.

The author is shown by display name only (``author_name``); the starter set has
no author.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.http import Http404

from kinship.members.models import Member, Membership

from ..models import (
    NotebookEntry,
    Strategy,
    StrategyHelped,
    StrategyScope,
    StrategyTag,
)

# Words of a search that count (each must appear in the title or the body).
SEARCH_WORDS_MAX = 8
SEARCH_TEXT_MAX_LENGTH = 100


def strategies_visible_to(member: Member | None) -> QuerySet[Strategy]:
    """Strategies the viewer may see: public ones, and (for a member) those of the
    groups they are in; never removed ones. ``None`` is a visitor."""
    visible = Q(scope=StrategyScope.PUBLIC)
    if member is not None:
        # A subquery, not a join: no duplicate rows, no DISTINCT needed.
        their_groups = Membership.objects.filter(member=member).values("group_id")
        visible |= Q(scope=StrategyScope.GROUP, group_id__in=their_groups)
    return Strategy.objects.filter(visible, removed_at__isnull=True)


def _annotated(
    strategies: QuerySet[Strategy], member: Member | None
) -> QuerySet[Strategy]:
    """With ``helped_count``, ``helped_me``, ``saved_by_me``, ``author_name``,
    ``group_name`` and the tags, in a fixed number of queries (two)."""
    if member is None:
        helped_me: Exists | Value = Value(False, output_field=BooleanField())
        saved_by_me: Exists | Value = Value(False, output_field=BooleanField())
    else:
        helped_me = Exists(
            StrategyHelped.objects.filter(member=member, strategy=OuterRef("pk"))
        )
        saved_by_me = Exists(
            NotebookEntry.objects.filter(member=member, strategy=OuterRef("pk"))
        )
    return strategies.annotate(
        helped_count=Count("helped", distinct=True),
        helped_me=helped_me,
        saved_by_me=saved_by_me,
        author_name=F("member__display_name"),
        group_name=F("group__name"),
    ).prefetch_related("tags")


def _matching_text(text: str) -> Q:
    """Every word of the text in the title or the body, ignoring case.

    ``icontains`` is ``LIKE`` on SQLite (case-insensitive for ASCII letters) and
    ``UPPER(...) LIKE UPPER(...)`` on PostgreSQL: the same answers on both for
    the texts we hold, without a full-text index (the set is small).
    """
    found = Q()
    for word in text[:SEARCH_TEXT_MAX_LENGTH].split()[:SEARCH_WORDS_MAX]:
        found &= Q(title__icontains=word) | Q(body__icontains=word)
    return found


def strategy_search(
    *, member: Member | None, text: str = "", tag_slugs: Iterable[str] = ()
) -> QuerySet[Strategy]:
    """Strategies the viewer may see that match a search, most helpful first.

    ``text``: each word must appear in the title or the body (any case).
    ``tag_slugs``: a strategy must have *all* the chosen tags: choosing more tags
    narrows the list, as each filter on the page does. An unknown tag matches
    nothing. Ordered by how many members it helped, then by title; each row has
    ``helped_count``, ``helped_me``, ``saved_by_me``, ``author_name`` and
    ``group_name``, and its tags prefetched.
    """
    found = strategies_visible_to(member).filter(_matching_text(text))
    for slug in sorted(set(tag_slugs)):
        tagged = Strategy.tags.through.objects.filter(strategytag__slug=slug)
        found = found.filter(pk__in=tagged.values("strategy_id"))
    return _annotated(found, member).order_by("-helped_count", "title", "pk")


def access_strategy(member: Member | None, strategy_id: int) -> Strategy:
    """A strategy the viewer may see, annotated as in ``strategy_search``; 404
    for any other (group-only of another group, removed, or none)."""
    strategy = _annotated(
        strategies_visible_to(member).filter(pk=strategy_id), member
    ).first()
    if strategy is None:
        raise Http404("No such strategy")
    return strategy


def access_own_strategy(member: Member, strategy_id: int) -> Strategy:
    """A strategy the member wrote and can still see; 404 for everyone else."""
    strategy = (
        strategies_visible_to(member)
        .filter(pk=strategy_id, member=member)
        .prefetch_related("tags")
        .first()
    )
    if strategy is None:
        raise Http404("No such strategy")
    return strategy


def strategy_tags() -> list[StrategyTag]:
    """All tags, by label: the choices of the search and of the form."""
    return list(StrategyTag.objects.order_by("label", "slug"))


def notebook_of(member: Member) -> QuerySet[NotebookEntry]:
    """The member's saved strategies with their private notes, newest first.

    ``available`` is False for an entry whose strategy was removed or is no
    longer shared with the member (they left its group): the entry and note stay
    theirs, but the strategy's text is not shown any more.
    """
    visible = strategies_visible_to(member).filter(pk=OuterRef("strategy_id"))
    return (
        NotebookEntry.objects.filter(member=member)
        .select_related("strategy")
        .prefetch_related("strategy__tags")
        .annotate(available=Exists(visible), group_name=F("strategy__group__name"))
        .order_by("-saved_at", "-pk")
    )


def access_notebook_entry(member: Member, entry_id: int) -> NotebookEntry:
    """One of the member's own notebook entries; 404 for anyone else's."""
    entry = notebook_of(member).filter(pk=entry_id).first()
    if entry is None:
        raise Http404("No such notebook entry")
    return entry


def notebook_entry_for(
    member: Member | None, strategy: Strategy
) -> NotebookEntry | None:
    """The member's notebook entry for a strategy, if they saved it."""
    if member is None:
        return None
    return NotebookEntry.objects.filter(member=member, strategy=strategy).first()
