"""Reads of coping strategies and of the member's notebook.

Who sees a strategy: a public one, everyone (visitors too); a group-only one, the
members of that group (any level); a removed one, nobody. Any other strategy is a
404, its existence too. A notebook entry and its note are its member's alone.

The author is shown by display name only (``author_name``); the starter set has
no author. The starter set is searched and ordered in the language in force:
a translated starter strategy is found by the words its readers see
(``starter_content``), every other strategy by its own words.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    OrderBy,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
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
from ..starter_content import sort_key, starter_texts

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
    the texts we hold, without a full-text index (the set is small). Starter
    strategies translated into the language in force are matched on their
    translation instead (a dozen texts, in Python), so a search finds what the
    reader sees, not words of a language they are not reading.
    """
    words = text[:SEARCH_TEXT_MAX_LENGTH].split()[:SEARCH_WORDS_MAX]
    found = Q()
    for word in words:
        found &= Q(title__icontains=word) | Q(body__icontains=word)
    texts = starter_texts()
    if not words or texts is None or not texts.strategies:
        return found
    translated = sorted(texts.strategies)
    matching = [key for key in translated if texts.strategies[key].matches(words)]
    return Q(starter_key__in=matching) | (found & ~Q(starter_key__in=translated))


def shown_title_order() -> OrderBy:
    """Ordering by the title a reader sees: a translated starter strategy by its
    translated title, every other one by its own."""
    texts = starter_texts()
    if texts is None or not texts.strategies:
        return F("title").asc()
    return Case(
        *[
            When(starter_key=key, then=Value(text.title))
            for key, text in sorted(texts.strategies.items())
        ],
        default=F("title"),
        output_field=CharField(),
    ).asc()


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
    return _annotated(found, member).order_by(
        "-helped_count", shown_title_order(), "pk"
    )


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
    """All tags, by the label the reader sees: the choices of the search and of
    the form."""
    tags = StrategyTag.objects.order_by("label", "slug")
    return sorted(tags, key=lambda tag: (sort_key(tag.display_label), tag.slug))


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
