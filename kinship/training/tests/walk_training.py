"""URL-walk expectations for training (see kinship/core/tests/walking.py).

Every training page shows only the signed-in member's own progress and no URL
names a member, so eve sees her own (empty) progress; alex's passes, made in
``world_add``, must not show on her pages (test_training checks the dates).
An empty knowledge check is refused and records no attempt.
"""

from __future__ import annotations

from kinship.core.tests.walking import OWN_PAGE, TO_LOGIN, Expect, World, expect

# Training progress holds no words of alex's own: nothing textual to hide.
SECRETS: tuple[str, ...] = ()


def world_add(world: World) -> None:
    """alex passed the mentor course's first module and tried the second."""
    from kinship.training.selectors import modules_current
    from kinship.training.services import training_answer_check

    first, second = list(modules_current("mentor"))[:2]
    training_answer_check(
        by=world.cast.alex,
        module=first,
        answers=[question["answer"] for question in first.questions],
    )
    training_answer_check(
        by=world.cast.alex,
        module=second,
        answers=[(q["answer"] + 1) % len(q["choices"]) for q in second.questions],
    )
    world.extra["training_module"] = {"course": "mentor", "slug": first.slug}


EXPECTATIONS: dict[str, Expect] = {
    "training:index": OWN_PAGE,
    "training:course": expect(
        lambda world: {"course": "mentor"}, visitor=TO_LOGIN, eve={200}
    ),
    "training:module": expect(
        lambda world: world.extra["training_module"],
        visitor=TO_LOGIN,
        eve={200},
        eve_post={400},
    ),
}
