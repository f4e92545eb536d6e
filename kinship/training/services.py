"""Writes of training: a member's answers to a knowledge check, and loading the
course files."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from kinship.members.models import Member

from .loading import CONTENT_DIR, LoadResult, courses_read, modules_load
from .models import TrainingModule, TrainingProgress

# The attempts column is a small integer: counting stops there.
MAX_ATTEMPTS = 32767


@dataclass(frozen=True)
class AnswerResult:
    """What one attempt at a knowledge check came to.

    ``to_review`` holds the numbers (from 1) of the questions answered wrong;
    ``passed_at`` is the member's first pass, kept on later attempts.
    """

    correct: bool
    to_review: tuple[int, ...]
    attempts: int
    passed_at: dt.datetime | None
    first_pass: bool


@transaction.atomic
def training_answer_check(
    *, by: Member, module: TrainingModule, answers: Sequence[int]
) -> AnswerResult:
    """Check ``by``'s answers (one choice index per question, in order) to the
    module's knowledge check.

    Every attempt is counted. The first attempt with every answer right sets
    ``passed_at``; later attempts, right or wrong, never change it. Answers
    that do not fit the questions are refused (ValidationError) and change
    nothing; a retired module is a 404.
    """
    if module.retired:
        raise Http404("No such training module")
    questions = module.questions
    if len(answers) != len(questions) or not all(
        isinstance(answer, int) and 0 <= answer < len(question["choices"])
        for answer, question in zip(answers, questions, strict=False)
    ):
        raise ValidationError(_("Please choose one answer for every question."))
    to_review = tuple(
        number
        for number, (answer, question) in enumerate(
            zip(answers, questions, strict=True), start=1
        )
        if answer != question["answer"]
    )
    now = timezone.now()
    progress, _created = TrainingProgress.objects.select_for_update().get_or_create(
        member=by, module=module, defaults={"started_at": now}
    )
    progress.attempts = min(progress.attempts + 1, MAX_ATTEMPTS)
    first_pass = not to_review and progress.passed_at is None
    if first_pass:
        progress.passed_at = now
    progress.save(update_fields=["attempts", "passed_at"])
    return AnswerResult(
        correct=not to_review,
        to_review=to_review,
        attempts=progress.attempts,
        passed_at=progress.passed_at,
        first_pass=first_pass,
    )


@transaction.atomic
def training_content_load(*, directory: Path = CONTENT_DIR) -> LoadResult:
    """Create or update the modules from the course files in ``directory``:
    all files or nothing (ContentError). Never deletes a module or progress."""
    return modules_load(TrainingModule, courses_read(directory))
