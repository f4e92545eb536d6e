"""The starter courses in Spanish: the translation files, the loader's checks,
the pages in the reader's language, and grading that never depends on it."""

from __future__ import annotations

import json
import re
import shutil
from importlib import import_module
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils.html import escape

from kinship.members.tests.personas import Cast, signed_in
from kinship.training.loading import (
    CONTENT_DIR,
    COURSE_FILES,
    ContentError,
    courses_read,
)
from kinship.training.models import TrainingModule, TrainingProgress

from .helpers import right, wrong_at

pytestmark = pytest.mark.django_db

INDEX = "/training/"
MENTOR = "/training/mentor/"
BOUNDARIES = "/training/mentor/boundaries/"
SPANISH = {"Accept-Language": "es"}
ENGLISH = {"Accept-Language": "en"}


def module(slug: str) -> TrainingModule:
    return TrainingModule.objects.get(slug=slug)


def spanish(slug: str) -> dict[str, Any]:
    text: dict[str, Any] = module(slug).translations["es"]
    return text


def form_data(answers: list[int]) -> dict[str, int]:
    return {f"q{number}": answer for number, answer in enumerate(answers, start=1)}


def spanish_files() -> dict[str, dict[str, Any]]:
    return {
        name: json.loads((CONTENT_DIR / "es" / name).read_text(encoding="utf-8"))
        for name in COURSE_FILES
    }


# The files and what the migrations loaded


def test_every_module_is_translated_fully_and_keeps_its_check() -> None:
    modules = list(TrainingModule.objects.all())
    assert len(modules) == 9
    for each in modules:
        text = each.translations["es"]
        assert text["title"], each.slug
        assert text["title"] != each.title, each.slug
        assert text["summary"], each.slug
        assert text["summary"] != each.summary, each.slug
        # As many paragraphs as the English, each a real one, no HTML.
        paragraphs = text["content"].split("\n\n")
        assert len(paragraphs) == len(each.content.split("\n\n")), each.slug
        assert all(len(p) > 200 for p in paragraphs), each.slug
        assert "<" not in text["content"]
        assert len(text["questions"]) == len(each.questions), each.slug
        for theirs, ours in zip(text["questions"], each.questions, strict=True):
            assert theirs["prompt"] != ours["prompt"]
            assert len(theirs["choices"]) == len(ours["choices"])
            assert theirs["answer"] == ours["answer"]
            assert set(theirs["choices"]).isdisjoint(ours["choices"])


def test_the_spanish_files_speak_as_tu_and_name_the_same_lines() -> None:
    everything = json.dumps(spanish_files(), ensure_ascii=False)
    assert not re.search(r"\b[Uu]sted\b", everything)
    # The glossary's words: a mentee is a "persona mentorada", never a sponsor's
    # "ahijado"; a check-in is a "registro diario".
    assert "persona mentorada" in everything
    assert "ahijad" not in everything
    assert "registro diario" in everything
    crisis = spanish("crisis-escalation")["content"]
    for line in ("988", "1-800-662-4357", "HOME por mensaje de texto al 741741", "911"):
        assert line in crisis
    grounding = spanish("grounding")["content"]
    for technique in ("5-4-3-2-1", "Respiración pausada", "Los pies en el suelo"):
        assert technique in grounding


def test_the_repository_files_load_every_translation() -> None:
    for _course, modules in courses_read():
        for values in modules:
            assert set(values["translations"]) == {"es"}


def test_the_translations_migration_fills_them_again() -> None:
    migration = import_module(
        "kinship.training.migrations.0004_starter_courses_translations"
    )
    TrainingModule.objects.update(translations={})
    migration.starter_courses_translations_load(apps, None)
    assert all(m.translations.get("es") for m in TrainingModule.objects.all())
    assert spanish("boundaries")["title"].startswith("Límites")


# The pages in the reader's language


def test_a_module_reads_in_spanish_when_the_language_is_es(cast: Cast) -> None:
    text = spanish("boundaries")
    response = signed_in(cast.alex).get(BOUNDARIES, headers=SPANISH)
    assert response.status_code == 200
    page = response.content.decode()
    assert f"<h1>{escape(text['title'])}</h1>" in page
    assert escape(text["summary"]) in page
    for paragraph in text["content"].split("\n\n"):
        assert f"<p>{escape(paragraph)}</p>" in page
    for question in text["questions"]:
        assert escape(question["prompt"]) in page
        for choice in question["choices"]:
            assert escape(choice) in page
    assert escape(spanish("listening")["title"]) in page  # the next module
    english = module("boundaries")
    assert english.title not in page
    assert escape(english.questions[0]["prompt"]) not in page


def test_the_same_module_reads_in_english_otherwise(cast: Cast) -> None:
    english = module("boundaries")
    page = signed_in(cast.alex).get(BOUNDARIES, headers=ENGLISH).content.decode()
    assert f"<h1>{escape(english.title)}</h1>" in page
    assert escape(english.questions[0]["prompt"]) in page
    assert escape(spanish("boundaries")["title"]) not in page
    assert "persona mentorada" not in page


def test_the_language_cookie_chooses_spanish_too(cast: Cast) -> None:
    client = signed_in(cast.alex)
    client.cookies["django_language"] = "es"
    page = client.get(MENTOR).content.decode()
    for slug in ("boundaries", "listening", "self-care"):
        assert escape(spanish(slug)["title"]) in page
        assert escape(spanish(slug)["summary"]) in page
        assert escape(module(slug).title) not in page


def test_the_index_names_the_next_module_in_spanish(cast: Cast) -> None:
    page = signed_in(cast.alex).get(INDEX, headers=SPANISH).content.decode()
    assert escape(spanish("boundaries")["title"]) in page
    assert escape(spanish("running-a-meeting")["title"]) in page
    assert escape(module("boundaries").title) not in page


def test_answers_read_in_spanish_are_graded_as_in_english(cast: Cast) -> None:
    boundaries = module("boundaries")
    client = signed_in(cast.alex)
    wrong = client.post(BOUNDARIES, form_data(wrong_at(boundaries, 2)), headers=SPANISH)
    assert wrong.status_code == 200
    # The question to review is shown in Spanish.
    assert escape(spanish("boundaries")["questions"][1]["prompt"]) in (
        wrong.content.decode()
    )
    progress = TrainingProgress.objects.get(member=cast.alex, module=boundaries)
    assert (progress.attempts, progress.passed_at) == (1, None)
    passed = client.post(BOUNDARIES, form_data(right(boundaries)), headers=SPANISH)
    assert passed.status_code == 302
    progress.refresh_from_db()
    assert progress.attempts == 2
    assert progress.passed_at is not None
    # One row per member and module, whatever the language it was read in.
    assert TrainingProgress.objects.filter(member=cast.alex).count() == 1
    english_page = client.get(BOUNDARIES, headers=ENGLISH).content.decode()
    assert "You passed this module on" in english_page


def test_eve_sees_none_of_alexs_progress_in_spanish(cast: Cast) -> None:
    boundaries = module("boundaries")
    signed_in(cast.alex).post(BOUNDARIES, form_data(right(boundaries)), headers=SPANISH)
    client: Client = signed_in(cast.eve)
    response = client.get(BOUNDARIES, headers=SPANISH)
    assert escape(spanish("boundaries")["title"]) in response.content.decode()
    status = response.context["status"]
    assert (status.passed_at, status.attempts) == (None, 0)
    assert response.context["course"].passed == []
    assert not TrainingProgress.objects.filter(member=cast.eve).exists()
    assert TrainingProgress.objects.get(member=cast.alex).passed_at is not None


def test_a_translation_that_no_longer_fits_the_check_is_not_shown() -> None:
    boundaries = module("boundaries")
    assert boundaries.text_in("es").title == spanish("boundaries")["title"]
    assert boundaries.text_in("es-mx").title == spanish("boundaries")["title"]
    # An admin drops a question in English: the Spanish check would not grade
    # the same any more, so the module reads in English.
    boundaries.questions = boundaries.questions[:2]
    boundaries.save()
    boundaries.refresh_from_db()
    assert boundaries.text_in("es").title == boundaries.title
    assert boundaries.text_in("es").questions == boundaries.questions
    made = TrainingModule.objects.create(
        course="mentor", slug="ours", position=9, title="Ours", content="x"
    )
    assert made.text_in("es").title == "Ours"
    assert boundaries.text_in("fr").title == boundaries.title


# The loader refuses a translation that does not match its English file


def copy_content(tmp_path: Path) -> dict[str, dict[str, Any]]:
    for name in COURSE_FILES:
        shutil.copy(CONTENT_DIR / name, tmp_path / name)
    (tmp_path / "es").mkdir()
    files = spanish_files()
    for name, data in files.items():
        write(tmp_path, name, data)
    return files


def write(tmp_path: Path, name: str, data: object) -> None:
    (tmp_path / "es" / name).write_text(json.dumps(data), encoding="utf-8")


def drop_question(data: dict[str, Any]) -> None:
    data["modules"][1]["questions"].pop()


def drop_choice(data: dict[str, Any]) -> None:
    data["modules"][1]["questions"][0]["choices"].pop()


def move_answer(data: dict[str, Any]) -> None:
    question = data["modules"][1]["questions"][0]
    question["answer"] = (question["answer"] + 1) % len(question["choices"])


def drop_module(data: dict[str, Any]) -> None:
    del data["modules"][1]


def rename_module(data: dict[str, Any]) -> None:
    data["modules"][1]["slug"] = "escuchar"


def other_language(data: dict[str, Any]) -> None:
    data["language"] = "fr"


def no_title(data: dict[str, Any]) -> None:
    data["modules"][1]["title"] = ""


@pytest.mark.parametrize(
    ("breaking", "reason"),
    [
        (drop_question, "es/mentor/listening: .*2 questions where the English has 3"),
        (drop_choice, "question 1 has 2 choices where the English has 3"),
        (move_answer, "question 1 has the answer 2 where the English has 1"),
        (drop_module, "needs a translation; missing: listening"),
        (rename_module, "es/mentor/escuchar: the English file has no module"),
        (other_language, "must name the language 'es'"),
        (no_title, "es/mentor/listening: a title of 1 to 160 characters"),
    ],
)
def test_a_translation_that_does_not_match_is_refused_and_nothing_loads(
    tmp_path: Path, breaking: Any, reason: str
) -> None:
    files = copy_content(tmp_path)
    mentor = files["mentor.json"]
    mentor["modules"][0]["title"] = "Un cambio que no debe cargarse"
    breaking(mentor)
    write(tmp_path, "mentor.json", mentor)
    with pytest.raises(ContentError, match=reason):
        courses_read(tmp_path)
    before = list(TrainingModule.objects.order_by("pk").values())
    with pytest.raises(CommandError, match="Nothing was loaded: "):
        call_command("training_load", directory=tmp_path)
    assert list(TrainingModule.objects.order_by("pk").values()) == before


def test_training_load_brings_a_changed_translation_in(tmp_path: Path) -> None:
    files = copy_content(tmp_path)
    facilitator = files["facilitator.json"]
    facilitator["modules"][3]["title"] = "Técnicas de anclaje, con otras palabras"
    write(tmp_path, "facilitator.json", facilitator)
    call_command("training_load", directory=tmp_path)
    grounding = module("grounding")
    assert grounding.translations["es"]["title"] == (
        "Técnicas de anclaje, con otras palabras"
    )
    assert grounding.title == "Grounding techniques"
    assert (
        module("boundaries").translations["es"]
        == (dict(courses_read())["mentor"][0]["translations"]["es"])
    )
