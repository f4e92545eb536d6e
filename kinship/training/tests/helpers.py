"""Helpers of the training tests: answers right and wrong, and passing at a time."""

from __future__ import annotations

import datetime as dt

import time_machine

from kinship.members.models import Member
from kinship.training.models import TrainingModule
from kinship.training.selectors import modules_current
from kinship.training.services import AnswerResult, training_answer_check


def right(module: TrainingModule) -> list[int]:
    return [question["answer"] for question in module.questions]


def wrong_at(module: TrainingModule, *numbers: int) -> list[int]:
    """Right answers except for the questions ``numbers`` (counted from 1)."""
    return [
        (q["answer"] + 1) % len(q["choices"]) if number in numbers else q["answer"]
        for number, q in enumerate(module.questions, start=1)
    ]


def answer_at(
    member: Member, module: TrainingModule, answers: list[int], when: dt.datetime
) -> AnswerResult:
    with time_machine.travel(when, tick=False):
        return training_answer_check(by=member, module=module, answers=answers)


def course_pass(member: Member, course: str, when: dt.datetime) -> None:
    """Pass every current module of the course, one day apart, the last at ``when``."""
    modules = list(modules_current(course))
    for index, module in enumerate(modules):
        at = when - dt.timedelta(days=len(modules) - 1 - index)
        answer_at(member, module, right(module), at)


def at(day: int, month: int = 3) -> dt.datetime:
    """Noon UTC in 2026: the same date in every US time zone."""
    return dt.datetime(2026, month, day, 17, tzinfo=dt.UTC)
