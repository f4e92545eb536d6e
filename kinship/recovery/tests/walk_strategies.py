"""URL-walk expectations for coping strategies and the notebook (see
kinship/core/tests/walking.py).

alex wrote a strategy only for the private group eve is not in, and saved a
starter strategy in their notebook with a private note. The strategy pages are
open to visitors (public strategies only): the list answers everyone, alex's
group-only strategy is a 404 to both. eve's empty POSTs change nothing.
"""

from __future__ import annotations

from typing import Any

from kinship.core.tests.walking import (
    NOT_FOUND,
    OK,
    OTHERS,
    OTHERS_ACTION,
    OWN_PAGE,
    TO_LOGIN,
    Expect,
    World,
    expect,
)
from kinship.directory.models import Group
from kinship.recovery.models import NotebookEntry, Strategy, StrategyScope

GROUP_STRATEGY_TITLE = "Lantern walk along the quiet pier"
GROUP_STRATEGY_BODY = "Walk to the pier lantern and count the gulls twice."
NOTEBOOK_NOTE = "My cousin Bartholomew's boat is where I practise this."

# alex's private words here: no visitor's or eve's response may contain them.
SECRETS: tuple[str, ...] = (
    GROUP_STRATEGY_TITLE,
    GROUP_STRATEGY_BODY,
    NOTEBOOK_NOTE,
)


def world_add(world: World) -> None:
    """alex's group-only strategy and a notebook entry with a private note."""
    alex = world.cast.alex
    strategy = Strategy.objects.create(
        member=alex,
        title=GROUP_STRATEGY_TITLE,
        body=GROUP_STRATEGY_BODY,
        scope=StrategyScope.GROUP,
        group=Group.objects.get(slug=world.private_group_slug),
    )
    starter = Strategy.objects.filter(starter=True).order_by("pk").first()
    assert starter is not None, "the starter set comes with the migrations"
    entry = NotebookEntry.objects.create(
        member=alex, strategy=starter, note=NOTEBOOK_NOTE
    )
    world.extra["alex_strategy_id"] = strategy.pk
    world.extra["alex_notebook_entry_id"] = entry.pk


def alex_strategy(world: World) -> dict[str, Any]:
    return {"pk": world.extra["alex_strategy_id"]}


def alex_entry(world: World) -> dict[str, Any]:
    return {"entry_id": world.extra["alex_notebook_entry_id"]}


EXPECTATIONS: dict[str, Expect] = {
    # Public strategies for everyone; group-only ones only for their groups.
    "recovery:strategy-list": expect(),
    "recovery:strategy-detail": expect(alex_strategy, visitor=NOT_FOUND, eve=NOT_FOUND),
    # eve may write her own; an empty form is refused and saves nothing.
    "recovery:strategy-new": expect(visitor=TO_LOGIN, eve=OK, eve_post={400}),
    "recovery:strategy-edit": expect(alex_strategy, **OTHERS, eve_post=NOT_FOUND),
    "recovery:strategy-remove": expect(alex_strategy, **OTHERS_ACTION),
    "recovery:strategy-remove-confirm": expect(alex_strategy, **OTHERS),
    "recovery:strategy-helped": expect(alex_strategy, **OTHERS_ACTION),
    "recovery:strategy-save": expect(alex_strategy, **OTHERS_ACTION),
    # The notebook: eve sees her own (empty); alex's entries are a 404 to her.
    "recovery:notebook": OWN_PAGE,
    "recovery:notebook-edit": expect(alex_entry, **OTHERS, eve_post=NOT_FOUND),
    "recovery:notebook-remove": expect(alex_entry, **OTHERS_ACTION),
    "recovery:notebook-remove-confirm": expect(alex_entry, **OTHERS),
}
