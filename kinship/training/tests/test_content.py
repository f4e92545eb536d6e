"""The starter courses: the files, the data migration and ``training_load``."""

from __future__ import annotations

import json
import shutil
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from kinship.members.tests.personas import Cast
from kinship.training.loading import (
    CONTENT_DIR,
    ContentError,
    course_parse,
    courses_read,
    questions_check,
)
from kinship.training.models import Course, TrainingModule, TrainingProgress
from kinship.training.services import training_content_load

from .helpers import answer_at, at, right

pytestmark = pytest.mark.django_db

MENTOR_SLUGS = [
    "boundaries",
    "listening",
    "confidentiality",
    "crisis-escalation",
    "self-care",
]
FACILITATOR_SLUGS = [
    "running-a-meeting",
    "handling-conflict",
    "triggering-topics",
    "grounding",
]


def test_the_migration_loads_both_starter_courses_in_order() -> None:
    mentor = TrainingModule.objects.filter(course=Course.MENTOR)
    facilitator = TrainingModule.objects.filter(course=Course.FACILITATOR)
    assert [m.slug for m in mentor.order_by("position")] == MENTOR_SLUGS
    assert [m.slug for m in facilitator.order_by("position")] == FACILITATOR_SLUGS
    for module in TrainingModule.objects.all():
        assert not module.retired
        assert module.title
        assert module.summary
        # Several real paragraphs of plain text, no HTML.
        paragraphs = module.content.split("\n\n")
        assert len(paragraphs) >= 4, module.slug
        assert all(len(p) > 200 for p in paragraphs), module.slug
        assert "<" not in module.content
        assert 2 <= len(module.questions) <= 3, module.slug
        for question in module.questions:
            assert question["prompt"].strip()
            assert len(question["choices"]) >= 2
            assert 0 <= question["answer"] < len(question["choices"])
            assert isinstance(question["answer"], int)


def test_the_right_answers_are_not_always_in_the_same_place() -> None:
    places = {
        q["answer"] for module in TrainingModule.objects.all() for q in module.questions
    }
    assert places == {0, 1, 2}


def test_the_crisis_module_names_the_same_lines_as_the_site() -> None:
    crisis = TrainingModule.objects.get(course="mentor", slug="crisis-escalation")
    for line in ("988", "1-800-662-4357", "HOME to 741741", "911"):
        assert line in crisis.content
    grounding = TrainingModule.objects.get(course="facilitator", slug="grounding")
    for technique in ("5-4-3-2-1", "Paced breathing", "Feet on the floor", "Naming"):
        assert technique in grounding.content


def test_loading_again_changes_nothing() -> None:
    before = list(TrainingModule.objects.order_by("pk").values())
    result = training_content_load()
    assert (result.created, result.updated) == (0, 0)
    assert result.unchanged == len(MENTOR_SLUGS) + len(FACILITATOR_SLUGS)
    assert list(TrainingModule.objects.order_by("pk").values()) == before


def test_the_data_migration_is_idempotent_and_fills_gaps() -> None:
    migration = import_module("kinship.training.migrations.0002_starter_courses")
    TrainingModule.objects.filter(course="facilitator", slug="grounding").delete()
    count = TrainingModule.objects.count()
    migration.starter_courses_load(apps, None)
    assert TrainingModule.objects.count() == count + 1
    migration.starter_courses_load(apps, None)
    assert TrainingModule.objects.count() == count + 1


def copy_content(tmp_path: Path) -> dict[str, dict[str, Any]]:
    for name in ("mentor.json", "facilitator.json"):
        shutil.copy(CONTENT_DIR / name, tmp_path / name)
    return {
        name: json.loads((tmp_path / name).read_text())
        for name in ("mentor.json", "facilitator.json")
    }


def write(tmp_path: Path, name: str, data: object) -> None:
    (tmp_path / name).write_text(json.dumps(data))


def test_training_load_updates_text_adds_modules_and_keeps_progress(
    cast: Cast, tmp_path: Path
) -> None:
    boundaries = TrainingModule.objects.get(course="mentor", slug="boundaries")
    answer_at(cast.alex, boundaries, right(boundaries), at(2))
    admin_made = TrainingModule.objects.create(
        course="mentor", slug="local-resources", position=6, title="Ours", content="x"
    )
    files = copy_content(tmp_path)
    mentor = files["mentor.json"]
    mentor["modules"][0]["title"] = "Boundaries, in new words"
    mentor["modules"][0]["content"].append("One more paragraph.")
    mentor["modules"].append(
        {
            "slug": "endings",
            "title": "Ending a mentorship well",
            "summary": "",
            "content": ["Endings matter."],
            "questions": [{"prompt": "Ok?", "choices": ["Yes", "No"], "answer": 0}],
        }
    )
    write(tmp_path, "mentor.json", mentor)

    call_command("training_load", directory=tmp_path)

    boundaries.refresh_from_db()
    assert boundaries.title == "Boundaries, in new words"
    assert boundaries.content.endswith("\n\nOne more paragraph.")
    endings = TrainingModule.objects.get(course="mentor", slug="endings")
    assert endings.position == 6
    # Nothing deleted: the admin's own module and alex's pass stay.
    assert TrainingModule.objects.filter(pk=admin_made.pk).exists()
    progress = TrainingProgress.objects.get(member=cast.alex, module=boundaries)
    assert progress.passed_at == at(2)
    assert progress.attempts == 1


def test_a_retired_module_stays_retired_when_loaded_again() -> None:
    TrainingModule.objects.filter(slug="listening").update(retired=True)
    training_content_load()
    assert TrainingModule.objects.get(slug="listening").retired


@pytest.mark.parametrize(
    "broken",
    [
        {"answer": 3},
        {"answer": -1},
        {"answer": "1"},
        {"choices": ["Only one"]},
        {"prompt": ""},
    ],
)
def test_a_bad_file_is_refused_and_nothing_is_loaded(
    tmp_path: Path, broken: dict[str, object]
) -> None:
    files = copy_content(tmp_path)
    mentor = files["mentor.json"]
    mentor["modules"][0]["title"] = "A change that must not be loaded"
    facilitator = files["facilitator.json"]
    facilitator["modules"][1]["questions"][0].update(broken)
    write(tmp_path, "mentor.json", mentor)
    write(tmp_path, "facilitator.json", facilitator)
    before = list(TrainingModule.objects.order_by("pk").values())
    with pytest.raises(CommandError, match="handling-conflict: question 1"):
        call_command("training_load", directory=tmp_path)
    assert list(TrainingModule.objects.order_by("pk").values()) == before


def test_course_files_are_checked_whole() -> None:
    with pytest.raises(ContentError, match="must name one of"):
        course_parse({"course": "clinician", "modules": []})
    module = {"slug": "a", "title": "A", "content": ["x"], "questions": []}
    with pytest.raises(ContentError, match="at least one question"):
        course_parse({"course": "mentor", "modules": [module]})
    good = {
        **module,
        "questions": [{"prompt": "p", "choices": ["a", "b"], "answer": 1}],
    }
    with pytest.raises(ContentError, match="used twice"):
        course_parse({"course": "mentor", "modules": [good, good]})
    with pytest.raises(ContentError, match="valid slug"):
        course_parse({"course": "mentor", "modules": [{**good, "slug": "Not OK"}]})
    with pytest.raises(ContentError, match="not an object"):
        questions_check(["just a string"])
    course, modules = course_parse({"course": "mentor", "modules": [good]})
    assert course == "mentor"
    assert modules[0]["position"] == 1
    assert modules[0]["content"] == "x"


def test_the_repository_files_parse() -> None:
    courses = dict(courses_read())
    assert [m["slug"] for m in courses["mentor"]] == MENTOR_SLUGS
    assert [m["slug"] for m in courses["facilitator"]] == FACILITATOR_SLUGS
