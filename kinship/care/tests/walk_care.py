"""URL-walk expectations for care (see kinship/core/tests/walking.py).

The assessment pages show only the signed-in member's own assessments and no
URL names a member, so eve sees her own (empty) pages; alex's PHQ-9, made in
``world_add``, is a 404 to her. An empty form is refused and saves nothing.
eve's FHIR download is her own, empty bundle (test_pages checks that alex's
resources are not in it).
"""

from __future__ import annotations

from kinship.core.tests.walking import OTHERS, OWN_PAGE, TO_LOGIN, Expect, World, expect

# Assessments hold answers and scores, no words of alex's own.
SECRETS: tuple[str, ...] = ()


def world_add(world: World) -> None:
    """alex took a PHQ-9 with item 9 above 0."""
    from kinship.care.services import assessment_take

    answers = {str(number): 1 for number in range(1, 10)}
    assessment = assessment_take(by=world.cast.alex, instrument="phq9", answers=answers)
    world.extra["assessment_id"] = assessment.pk


EXPECTATIONS: dict[str, Expect] = {
    "care:index": OWN_PAGE,
    "care:fhir": OWN_PAGE,
    "care:take": expect(
        lambda world: {"instrument": "phq9"},
        visitor=TO_LOGIN,
        eve={200},
        eve_post={400},
    ),
    "care:result": expect(
        lambda world: {"assessment_id": world.extra["assessment_id"]}, **OTHERS
    ),
}
