"""Coping strategies and the notebook: the starter set, the services and the
selectors (who sees what, search, helped marks and private notes)."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.http import Http404

from kinship.directory.tests.factories import GroupFactory
from kinship.members.models import Level, Member
from kinship.members.tests.personas import Cast, membership_create
from kinship.recovery.models import (
    NotebookEntry,
    Strategy,
    StrategyHelped,
    StrategyScope,
    StrategyTag,
)
from kinship.recovery.selectors.strategies import (
    access_notebook_entry,
    access_strategy,
    notebook_of,
    strategies_visible_to,
    strategy_search,
)
from kinship.recovery.services.strategies import (
    notebook_remove,
    notebook_save,
    notebook_update_note,
    strategy_create,
    strategy_helped_toggle,
    strategy_remove,
    strategy_update,
)

STARTER_TITLES = {
    "Urge surfing",
    "The HALT check",
    "5-4-3-2-1 grounding",
    "Delay, distract, decide",
    "Play the tape forward",
    "Call someone from my list",
    "Box breathing",
    "A sleep wind-down routine",
    "Opposite action",
    "A gratitude list",
    "My plan for leaving a high-risk situation",
    "Pause before you reply",
}
REQUIRED_TAGS = {"trigger", "craving", "stress", "sleep", "social"}


def group_strategy(cast: Cast, *, title: str = "Harbour lights") -> Strategy:
    """alex's strategy for the Tuesday group only (alex, fran, morgan are in it)."""
    return strategy_create(
        by=cast.alex,
        title=title,
        body="Look at the harbour lights and breathe out slowly.",
        tag_slugs=["stress"],
        scope=StrategyScope.GROUP,
        group_id=cast.group.pk,
    )


def public_strategy(by: Member, *, title: str = "Cold water splash") -> Strategy:
    return strategy_create(
        by=by,
        title=title,
        body="Splash cold water on your face and count to ten.",
        tag_slugs=["stress", "grounding"],
        scope=StrategyScope.PUBLIC,
    )


# -- the starter set ----------------------------------------------------------


@pytest.mark.django_db
def test_the_starter_set_exists_after_migrations() -> None:
    starters = Strategy.objects.filter(starter=True).prefetch_related("tags")
    assert {s.title for s in starters} == STARTER_TITLES
    assert starters.count() == len(STARTER_TITLES) >= 10
    assert set(StrategyTag.objects.values_list("slug", flat=True)) >= REQUIRED_TAGS
    for strategy in starters:
        assert strategy.scope == StrategyScope.PUBLIC
        assert strategy.group_id is None
        assert strategy.member_id is None
        assert strategy.removed_at is None
        assert strategy.tags.exists(), strategy.title
        assert 80 <= len(strategy.body.split()) <= 200, strategy.title
    used = set(
        StrategyTag.objects.filter(strategies__starter=True).values_list(
            "slug", flat=True
        )
    )
    assert used >= REQUIRED_TAGS


@pytest.mark.django_db
def test_the_starter_migration_reverses_exactly_what_it_added(cast: Cast) -> None:
    migration = import_module("kinship.recovery.migrations.0002_starter_strategies")
    mine = public_strategy(cast.alex)
    migration.starter_set_remove(apps, None)
    assert not Strategy.objects.filter(starter=True).exists()
    assert not StrategyTag.objects.exists()
    assert Strategy.objects.filter(pk=mine.pk).exists()  # a member's stays
    migration.starter_set_add(apps, None)
    assert Strategy.objects.filter(starter=True).count() == len(STARTER_TITLES)


# -- writing strategies -------------------------------------------------------


@pytest.mark.django_db
def test_a_member_writes_a_public_strategy(alex: Member) -> None:
    strategy = public_strategy(alex)
    assert strategy.member == alex
    assert not strategy.starter
    assert strategy.scope == StrategyScope.PUBLIC
    assert {t.slug for t in strategy.tags.all()} == {"stress", "grounding"}


@pytest.mark.django_db
def test_a_group_strategy_only_for_a_group_the_member_is_in(cast: Cast) -> None:
    strategy = group_strategy(cast)
    assert strategy.group == cast.group
    other = GroupFactory.create(name="Elsewhere", slug="elsewhere")
    before = Strategy.objects.count()
    with pytest.raises(ValidationError) as refused:
        strategy_create(
            by=cast.eve,
            title="Mine",
            body="Some text.",
            tag_slugs=[],
            scope=StrategyScope.GROUP,
            group_id=cast.group.pk,
        )
    assert "group" in refused.value.message_dict
    with pytest.raises(ValidationError):
        strategy_create(
            by=cast.alex,
            title="Mine",
            body="Some text.",
            tag_slugs=[],
            scope=StrategyScope.GROUP,
            group_id=other.pk,
        )
    assert Strategy.objects.count() == before


@pytest.mark.django_db
def test_bad_input_gets_field_messages_and_changes_nothing(alex: Member) -> None:
    before = Strategy.objects.count()
    with pytest.raises(ValidationError) as refused:
        strategy_create(
            by=alex,
            title="   ",
            body="x" * 4001,
            tag_slugs=["stress", "no-such-tag"],
            scope="everyone",
        )
    assert set(refused.value.message_dict) == {"title", "body", "tags", "scope"}
    with pytest.raises(ValidationError) as refused:
        strategy_create(
            by=alex, title="Fine", body="Fine.", tag_slugs=[], scope="group"
        )
    assert set(refused.value.message_dict) == {"group"}
    assert Strategy.objects.count() == before


@pytest.mark.django_db
def test_only_the_author_edits_or_removes(cast: Cast) -> None:
    strategy = group_strategy(cast)
    for other in (cast.fran, cast.eve):
        with pytest.raises(Http404):
            strategy_update(
                by=other,
                strategy_id=strategy.pk,
                title="Taken over",
                body="Changed.",
                tag_slugs=[],
                scope=StrategyScope.PUBLIC,
            )
        with pytest.raises(Http404):
            strategy_remove(by=other, strategy_id=strategy.pk)
    strategy.refresh_from_db()
    assert strategy.title == "Harbour lights"
    assert strategy.removed_at is None

    strategy_update(
        by=cast.alex,
        strategy_id=strategy.pk,
        title="Harbour lights at night",
        body="Changed.",
        tag_slugs=["sleep"],
        scope=StrategyScope.PUBLIC,
        group_id=cast.group.pk,  # ignored for a public strategy
    )
    strategy.refresh_from_db()
    assert (strategy.title, strategy.scope, strategy.group_id) == (
        "Harbour lights at night",
        StrategyScope.PUBLIC,
        None,
    )
    assert [t.slug for t in strategy.tags.all()] == ["sleep"]


@pytest.mark.django_db
def test_a_removed_strategy_is_seen_by_nobody(cast: Cast) -> None:
    strategy = public_strategy(cast.alex)
    notebook_save(by=cast.morgan, strategy_id=strategy.pk, note="mine")
    strategy_remove(by=cast.alex, strategy_id=strategy.pk)
    strategy.refresh_from_db()
    assert strategy.removed_at is not None
    for viewer in (None, cast.alex, cast.morgan, cast.eve):
        assert strategy not in strategies_visible_to(viewer)
        with pytest.raises(Http404):
            access_strategy(viewer, strategy.pk)
    # morgan keeps the note, without the strategy's text.
    entry = notebook_of(cast.morgan).get()
    assert entry.note == "mine"
    assert entry.available is False  # type: ignore[attr-defined]


# -- who sees what --------------------------------------------------------------


@pytest.mark.django_db
def test_group_strategies_only_for_the_group(cast: Cast) -> None:
    strategy = group_strategy(cast)
    for insider in (cast.alex, cast.fran, cast.morgan):
        assert strategy in strategies_visible_to(insider)
        assert access_strategy(insider, strategy.pk) == strategy
    for outsider in (None, cast.eve, cast.dr_lee):
        assert strategy not in strategies_visible_to(outsider)
        with pytest.raises(Http404):
            access_strategy(outsider, strategy.pk)
        found = strategy_search(member=outsider, text="Harbour lights")
        assert list(found) == []
    # An observer is in the group, so sees it too.
    membership_create(cast.eve, cast.group, Level.OBSERVER)
    assert access_strategy(cast.eve, strategy.pk) == strategy


@pytest.mark.django_db
def test_eve_can_neither_mark_nor_save_a_group_strategy(cast: Cast) -> None:
    strategy = group_strategy(cast)
    with pytest.raises(Http404):
        strategy_helped_toggle(by=cast.eve, strategy_id=strategy.pk)
    with pytest.raises(Http404):
        notebook_save(by=cast.eve, strategy_id=strategy.pk, note="hi")
    assert not StrategyHelped.objects.exists()
    assert not NotebookEntry.objects.exists()


# -- search -------------------------------------------------------------------


@pytest.mark.django_db
def test_search_by_text_ignores_case_and_looks_in_title_and_body() -> None:
    titles = {s.title for s in strategy_search(member=None, text="BREATHING")}
    assert "Box breathing" in titles
    # In the body only: "hungry" is in no title.
    by_body = {s.title for s in strategy_search(member=None, text="HUNGRY")}
    assert by_body == {"The HALT check"}
    # Every word must match.
    both = {s.title for s in strategy_search(member=None, text="urge wave")}
    assert both == {"Urge surfing"}
    assert list(strategy_search(member=None, text="xylophone")) == []


@pytest.mark.django_db
def test_search_by_tags_needs_all_chosen_tags() -> None:
    sleep = set(strategy_search(member=None, tag_slugs=["sleep"]))
    stress = set(strategy_search(member=None, tag_slugs=["stress"]))
    both = set(strategy_search(member=None, tag_slugs=["sleep", "stress"]))
    assert both == sleep & stress
    assert {s.title for s in both} == {"Box breathing", "A sleep wind-down routine"}
    assert list(strategy_search(member=None, tag_slugs=["no-such-tag"])) == []
    found = strategy_search(member=None, text="breathing", tag_slugs=["anger"])
    assert [s.title for s in found] == ["Box breathing"]


@pytest.mark.django_db
def test_search_order_is_helped_count_then_title(cast: Cast) -> None:
    halt = Strategy.objects.get(title="The HALT check")
    urge = Strategy.objects.get(title="Urge surfing")
    for member in (cast.alex, cast.fran):
        strategy_helped_toggle(by=member, strategy_id=urge.pk)
    strategy_helped_toggle(by=cast.morgan, strategy_id=halt.pk)
    found = list(strategy_search(member=cast.alex, text=""))
    assert [s.title for s in found[:2]] == ["Urge surfing", "The HALT check"]
    rest = [s.title for s in found[2:]]
    assert rest == sorted(rest)
    counts = {s.title: s.helped_count for s in found}  # type: ignore[attr-defined]
    assert counts["Urge surfing"] == 2
    assert counts["The HALT check"] == 1


@pytest.mark.django_db
def test_search_flags_what_helped_me_and_what_i_saved(cast: Cast) -> None:
    urge = Strategy.objects.get(title="Urge surfing")
    strategy_helped_toggle(by=cast.alex, strategy_id=urge.pk)
    notebook_save(by=cast.alex, strategy_id=urge.pk)
    mine = {s.title: s for s in strategy_search(member=cast.alex)}
    assert mine["Urge surfing"].helped_me  # type: ignore[attr-defined]
    assert mine["Urge surfing"].saved_by_me  # type: ignore[attr-defined]
    assert not mine["Box breathing"].helped_me  # type: ignore[attr-defined]
    others = {s.title: s for s in strategy_search(member=cast.morgan)}
    assert not others["Urge surfing"].helped_me  # type: ignore[attr-defined]
    assert not others["Urge surfing"].saved_by_me  # type: ignore[attr-defined]
    visitor = {s.title: s for s in strategy_search(member=None)}
    assert not visitor["Urge surfing"].saved_by_me  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_the_author_shown_is_a_display_name(cast: Cast) -> None:
    public_strategy(cast.alex)
    found = {s.title: s for s in strategy_search(member=None)}
    assert found["Cold water splash"].author_name == "Alex K."  # type: ignore[attr-defined]
    assert found["Urge surfing"].author_name is None  # type: ignore[attr-defined]


# -- this helped me -------------------------------------------------------------


@pytest.mark.django_db
def test_helped_counts_once_per_member(cast: Cast) -> None:
    urge = Strategy.objects.get(title="Urge surfing")
    assert strategy_helped_toggle(by=cast.alex, strategy_id=urge.pk) is True
    assert strategy_helped_toggle(by=cast.morgan, strategy_id=urge.pk) is True
    assert access_strategy(None, urge.pk).helped_count == 2  # type: ignore[attr-defined]
    assert strategy_helped_toggle(by=cast.alex, strategy_id=urge.pk) is False
    assert access_strategy(None, urge.pk).helped_count == 1  # type: ignore[attr-defined]
    assert strategy_helped_toggle(by=cast.alex, strategy_id=urge.pk) is True
    assert StrategyHelped.objects.filter(member=cast.alex).count() == 1


# -- the notebook ---------------------------------------------------------------


@pytest.mark.django_db
def test_saving_again_keeps_one_entry_and_changes_the_note(alex: Member) -> None:
    urge = Strategy.objects.get(title="Urge surfing")
    first = notebook_save(by=alex, strategy_id=urge.pk, note="  at the bus stop ")
    assert first.note == "at the bus stop"
    again = notebook_save(by=alex, strategy_id=urge.pk, note="on the train")
    assert again.pk == first.pk
    assert NotebookEntry.objects.get(member=alex).note == "on the train"
    with pytest.raises(ValidationError) as refused:
        notebook_save(by=alex, strategy_id=urge.pk, note="x" * 2001)
    assert "note" in refused.value.message_dict
    assert NotebookEntry.objects.get(member=alex).note == "on the train"


@pytest.mark.django_db
def test_notebook_entries_and_notes_are_their_members_alone(cast: Cast) -> None:
    urge = Strategy.objects.get(title="Urge surfing")
    entry = notebook_save(by=cast.alex, strategy_id=urge.pk, note="alex private")
    notebook_save(by=cast.morgan, strategy_id=urge.pk, note="morgan's")
    assert [e.note for e in notebook_of(cast.alex)] == ["alex private"]
    assert [e.note for e in notebook_of(cast.morgan)] == ["morgan's"]
    for other in (cast.morgan, cast.eve):
        with pytest.raises(Http404):
            access_notebook_entry(other, entry.pk)
        with pytest.raises(Http404):
            notebook_update_note(by=other, entry_id=entry.pk, note="changed")
        with pytest.raises(Http404):
            notebook_remove(by=other, entry_id=entry.pk)
    entry.refresh_from_db()
    assert entry.note == "alex private"

    notebook_update_note(by=cast.alex, entry_id=entry.pk, note="new words")
    entry.refresh_from_db()
    assert entry.note == "new words"
    notebook_remove(by=cast.alex, entry_id=entry.pk)
    assert not NotebookEntry.objects.filter(member=cast.alex).exists()
    assert NotebookEntry.objects.filter(member=cast.morgan).exists()


@pytest.mark.django_db
def test_leaving_the_group_keeps_the_note_not_the_text(cast: Cast) -> None:
    strategy = group_strategy(cast)
    notebook_save(by=cast.morgan, strategy_id=strategy.pk, note="kept")
    assert notebook_of(cast.morgan).get().available  # type: ignore[attr-defined]
    cast.morgan.memberships.all().delete()
    entry = notebook_of(cast.morgan).get()
    assert entry.note == "kept"
    assert entry.available is False  # type: ignore[attr-defined]
