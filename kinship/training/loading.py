"""The starter courses: read from ``content/<course>.json`` and loaded into the
database by the data migration and by ``manage.py training_load``.

A course file is ``{"course": "mentor", "modules": [{"slug", "title",
"summary", "content": [paragraph, ...], "questions": [{"prompt", "choices",
"answer"}, ...]}, ...]}``; a module's position is its place in the list.
Content is plain text: paragraphs are joined with a blank line and shown with
``linebreaks`` (escaped), never as HTML.

Loading is keyed on (course, slug): a new slug makes a module, a known slug
gets the file's title, summary, content, questions and position. Nothing is
deleted and ``retired`` is left as the site admins set it, so members' progress
is kept.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONTENT_DIR = Path(__file__).resolve().parent / "content"
COURSE_FILES = ("mentor.json", "facilitator.json")
COURSES = ("mentor", "facilitator")
SLUG = re.compile(r"[-a-z0-9]{1,80}")
LOADED_FIELDS = ("position", "title", "summary", "content", "questions")


class ContentError(ValueError):
    """A course file or a knowledge check that cannot be used, with the reason."""


def questions_check(questions: Any, where: str = "") -> list[dict[str, Any]]:
    """The knowledge check, checked: 1 or more questions, each with a prompt, 2
    or more choices and the index of the one right choice."""
    prefix = f"{where}: " if where else ""
    if not isinstance(questions, list) or not questions:
        raise ContentError(f"{prefix}a knowledge check needs at least one question")
    checked = []
    for number, question in enumerate(questions, start=1):
        if not isinstance(question, dict):
            raise ContentError(f"{prefix}question {number} is not an object")
        prompt = question.get("prompt")
        choices = question.get("choices")
        answer = question.get("answer")
        if not isinstance(prompt, str) or not prompt.strip():
            raise ContentError(f"{prefix}question {number} has no prompt")
        if (
            not isinstance(choices, list)
            or len(choices) < 2
            or not all(isinstance(c, str) and c.strip() for c in choices)
        ):
            raise ContentError(f"{prefix}question {number} needs 2 or more choices")
        if (
            not isinstance(answer, int)
            or isinstance(answer, bool)
            or not 0 <= answer < len(choices)
        ):
            raise ContentError(
                f"{prefix}question {number}: the answer must be the index of one "
                f"of its {len(choices)} choices"
            )
        checked.append({"prompt": prompt, "choices": list(choices), "answer": answer})
    return checked


def _module(course: str, position: int, raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise ContentError(f"{course}: module {position} is not an object")
    slug = raw.get("slug")
    if not isinstance(slug, str) or not SLUG.fullmatch(slug):
        raise ContentError(f"{course}: module {position} has no valid slug")
    where = f"{course}/{slug}"
    title = raw.get("title")
    summary = raw.get("summary", "")
    paragraphs = raw.get("content")
    if not isinstance(title, str) or not title.strip() or len(title) > 160:
        raise ContentError(f"{where}: a title of 1 to 160 characters is needed")
    if not isinstance(summary, str) or len(summary) > 300:
        raise ContentError(
            f"{where}: the summary must be text of 300 characters or less"
        )
    if (
        not isinstance(paragraphs, list)
        or not paragraphs
        or not all(isinstance(p, str) and p.strip() for p in paragraphs)
    ):
        raise ContentError(f"{where}: content must be a list of paragraphs")
    return {
        "slug": slug,
        "position": position,
        "title": title.strip(),
        "summary": summary.strip(),
        "content": "\n\n".join(p.strip() for p in paragraphs),
        "questions": questions_check(raw.get("questions"), where),
    }


def course_parse(data: Any) -> tuple[str, list[dict[str, Any]]]:
    """(course, modules) from one course file's parsed JSON; ContentError if
    anything is missing or wrong."""
    if not isinstance(data, dict) or data.get("course") not in COURSES:
        raise ContentError(f"a course file must name one of: {', '.join(COURSES)}")
    course = str(data["course"])
    raw_modules = data.get("modules")
    if not isinstance(raw_modules, list) or not raw_modules:
        raise ContentError(f"{course}: no modules")
    modules = [
        _module(course, position, raw)
        for position, raw in enumerate(raw_modules, start=1)
    ]
    slugs = [module["slug"] for module in modules]
    if len(set(slugs)) != len(slugs):
        raise ContentError(f"{course}: a slug is used twice")
    return course, modules


def courses_read(
    directory: Path = CONTENT_DIR,
) -> list[tuple[str, list[dict[str, Any]]]]:
    """Every starter course file, parsed and checked."""
    courses = []
    for name in COURSE_FILES:
        path = directory / name
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise ContentError(f"{path.name}: {error}") from error
        courses.append(course_parse(data))
    return courses


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int


def modules_load(
    module_model: Any, courses: list[tuple[str, list[dict[str, Any]]]]
) -> LoadResult:
    """Create or update the modules of ``courses`` with ``module_model`` (the
    current model, or the historical one in a migration). Run it inside a
    transaction: callers do."""
    created = updated = unchanged = 0
    for course, modules in courses:
        existing = {
            module.slug: module for module in module_model.objects.filter(course=course)
        }
        for values in modules:
            module = existing.get(values["slug"])
            fields = {name: values[name] for name in LOADED_FIELDS}
            if module is None:
                module_model.objects.create(
                    course=course, slug=values["slug"], **fields
                )
                created += 1
                continue
            changed = [
                name for name in LOADED_FIELDS if getattr(module, name) != fields[name]
            ]
            if not changed:
                unchanged += 1
                continue
            for name in changed:
                setattr(module, name, fields[name])
            module.save(update_fields=changed)
            updated += 1
    return LoadResult(created=created, updated=updated, unchanged=unchanged)
