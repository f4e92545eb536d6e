"""The knowledge check (training_answer_check), course completion dates, and the
"facilitator trained" quality signal of a group."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from kinship.directory.tests.factories import GroupFactory
from kinship.matching.selectors import group_quality
from kinship.members.models import Level, Membership
from kinship.members.tests.personas import (
    Cast,
    membership_create,
    persona_create,
    signed_in,
)
from kinship.training.models import TrainingModule, TrainingProgress
from kinship.training.selectors import (
    course_completed_on,
    courses_progress,
    group_facilitator_trained,
    modules_current,
)
from kinship.training.services import training_answer_check

from .helpers import answer_at, at, course_pass, right, wrong_at

pytestmark = pytest.mark.django_db


def first(course: str = "mentor") -> TrainingModule:
    module = modules_current(course).first()
    assert module is not None
    return module


# The knowledge check.


def test_the_check_passes_only_with_every_answer_right(cast: Cast) -> None:
    module = first()
    assert len(module.questions) == 3
    for numbers in [(1,), (2,), (3,), (1, 3), (1, 2, 3)]:
        result = answer_at(cast.alex, module, wrong_at(module, *numbers), at(2))
        assert not result.correct
        assert result.to_review == numbers
        assert result.passed_at is None
    progress = TrainingProgress.objects.get(member=cast.alex, module=module)
    assert progress.attempts == 5
    assert progress.passed_at is None
    result = answer_at(cast.alex, module, right(module), at(3))
    assert result.correct
    assert result.first_pass
    assert result.to_review == ()
    assert result.attempts == 6
    assert result.passed_at == at(3)


def test_the_passed_date_is_set_once_and_kept(cast: Cast) -> None:
    module = first()
    answer_at(cast.alex, module, right(module), at(2))
    later_wrong = answer_at(cast.alex, module, wrong_at(module, 2), at(9))
    assert not later_wrong.correct
    assert later_wrong.passed_at == at(2)
    later_right = answer_at(cast.alex, module, right(module), at(10))
    assert later_right.correct
    assert not later_right.first_pass
    progress = TrainingProgress.objects.get(member=cast.alex, module=module)
    assert progress.passed_at == at(2)
    assert progress.started_at == at(2)
    assert progress.attempts == 3


@pytest.mark.parametrize(
    "answers", [[], [0, 0], [0, 0, 0, 0], [0, 0, 9], [0, -1, 0], ["0", 0, 0]]
)
def test_answers_that_do_not_fit_are_refused_and_change_nothing(
    cast: Cast, answers: list[Any]
) -> None:
    with pytest.raises(ValidationError):
        training_answer_check(by=cast.alex, module=first(), answers=answers)
    assert not TrainingProgress.objects.exists()


def test_a_retired_module_cannot_be_answered(cast: Cast) -> None:
    module = first()
    module.retired = True
    module.save()
    with pytest.raises(Http404):
        training_answer_check(by=cast.alex, module=module, answers=right(module))
    assert not TrainingProgress.objects.exists()


def test_progress_is_each_member_s_own(cast: Cast) -> None:
    module = first()
    answer_at(cast.alex, module, right(module), at(2))
    answer_at(cast.eve, module, wrong_at(module, 1), at(3))
    assert TrainingProgress.objects.get(member=cast.alex).passed_at == at(2)
    assert TrainingProgress.objects.get(member=cast.eve).passed_at is None
    [eve_mentor] = courses_progress(cast.eve, "mentor")
    assert eve_mentor.passed == []


# Course completion.


def test_course_completed_on_is_the_last_pass_once_every_module_is_passed(
    cast: Cast,
) -> None:
    modules = list(modules_current("mentor"))
    assert len(modules) >= 4
    for day, module in enumerate(modules[:-1], start=2):
        answer_at(cast.alex, module, right(module), at(day))
        assert course_completed_on(cast.alex, "mentor") is None
    answer_at(cast.alex, modules[-1], wrong_at(modules[-1], 1), at(20))
    assert course_completed_on(cast.alex, "mentor") is None
    answer_at(cast.alex, modules[-1], right(modules[-1]), at(21))
    assert course_completed_on(cast.alex, "mentor") == at(21)
    # A later retake does not move the date; the other course is separate.
    answer_at(cast.alex, modules[0], right(modules[0]), at(25))
    assert course_completed_on(cast.alex, "mentor") == at(21)
    assert course_completed_on(cast.alex, "facilitator") is None
    assert course_completed_on(cast.eve, "mentor") is None
    [mentor, facilitator] = courses_progress(cast.alex)
    assert mentor.completed_on == at(21)
    assert facilitator.completed_on is None


def test_course_completion_ignores_retired_modules(cast: Cast) -> None:
    modules = list(modules_current("mentor"))
    # alex passed all but the third; the third is retired: the course is done,
    # on the date of the last pass among the current modules.
    for day, module in enumerate(modules, start=2):
        if module != modules[2]:
            answer_at(cast.alex, module, right(module), at(day))
    assert course_completed_on(cast.alex, "mentor") is None
    TrainingModule.objects.filter(pk=modules[2].pk).update(retired=True)
    expected = at(1 + len(modules))
    assert course_completed_on(cast.alex, "mentor") == expected
    # A pass of a retired module, however late, does not count.
    TrainingModule.objects.filter(pk=modules[2].pk).update(retired=False)
    answer_at(cast.alex, modules[2], right(modules[2]), at(28))
    TrainingModule.objects.filter(pk=modules[2].pk).update(retired=True)
    assert course_completed_on(cast.alex, "mentor") == expected
    [mentor] = courses_progress(cast.alex, "mentor")
    assert mentor.completed_on == expected
    # A new module makes the course incomplete until it is passed.
    TrainingModule.objects.create(
        course="mentor", slug="new", position=9, title="New", content="Text."
    )
    assert course_completed_on(cast.alex, "mentor") is None
    [mentor] = courses_progress(cast.alex, "mentor")
    assert mentor.completed_on is None


def test_a_course_without_modules_is_never_completed(cast: Cast) -> None:
    TrainingModule.objects.filter(course="facilitator").update(retired=True)
    assert course_completed_on(cast.alex, "facilitator") is None
    [facilitator] = courses_progress(cast.alex, "facilitator")
    assert facilitator.total == 0
    assert facilitator.completed_on is None


# The "facilitator trained" quality signal.


def test_no_leaders_means_nothing_recorded(cast: Cast) -> None:
    imported = GroupFactory.create(slug="from-a-feed")
    membership_create(cast.alex, imported, Level.PARTICIPANT)
    course_pass(cast.alex, "facilitator", at(10))
    assert group_facilitator_trained(imported) is None
    assert group_quality(imported).facilitator_trained is None
    page = signed_in(cast.eve).get("/groups/from-a-feed/").content.decode()
    assert "Facilitator training</dt><dd>Not recorded yet" in page


def test_leaders_without_the_course_are_false(cast: Cast) -> None:
    course_pass(cast.alex, "facilitator", at(10))  # alex is not a leader
    course_pass(cast.fran, "mentor", at(10))  # the other course
    assert group_facilitator_trained(cast.group) is False
    page = signed_in(cast.eve).get("/groups/tuesday-dual-recovery/").content
    assert (
        "Facilitator training</dt><dd>Not completed by the group's leaders yet"
        in page.decode()
    )


def test_a_leader_who_completed_the_course_makes_it_true(cast: Cast) -> None:
    modules = list(modules_current("facilitator"))
    for module in modules[:-1]:
        answer_at(cast.fran, module, right(module), at(5))
    assert group_facilitator_trained(cast.group) is False
    answer_at(cast.fran, modules[-1], right(modules[-1]), at(6))
    assert group_facilitator_trained(cast.group) is True
    assert group_quality(cast.group).facilitator_trained is True
    page = signed_in(cast.eve).get("/groups/tuesday-dual-recovery/").content.decode()
    assert "Facilitator training</dt><dd>Completed by a leader of the group" in page
    # One trained leader among several is enough.
    other = persona_create("co", "Co L.")
    membership_create(other, cast.group, Level.LEADER)
    assert group_facilitator_trained(cast.group) is True
    # A module added later: fran has not passed it, so no longer trained.
    TrainingModule.objects.create(
        course="facilitator", slug="new", position=9, title="New", content="Text."
    )
    assert group_facilitator_trained(cast.group) is False


def test_a_former_leader_does_not_count(cast: Cast) -> None:
    course_pass(cast.fran, "facilitator", at(10))
    assert group_facilitator_trained(cast.group) is True
    Membership.objects.filter(member=cast.fran, group=cast.group).update(
        level=Level.PARTICIPANT
    )
    assert group_facilitator_trained(cast.group) is None


def test_the_group_page_queries_do_not_grow_with_leaders(
    cast: Cast, django_assert_max_num_queries: Any
) -> None:
    client = signed_in(cast.eve)
    url = "/groups/tuesday-dual-recovery/"
    client.get(url)
    with CaptureQueriesContext(connection) as one_leader:
        assert client.get(url).status_code == 200
    for number in range(3):
        leader = persona_create(f"leader{number}", f"Leader {number}.")
        membership_create(leader, cast.group, Level.LEADER)
        course_pass(leader, "facilitator", at(10))
    with django_assert_max_num_queries(len(one_leader)):
        assert client.get(url).status_code == 200
