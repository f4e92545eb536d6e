"""The starter courses: read from ``content/<course>.json`` and loaded into the
database by the data migration and by ``manage.py training_load``.

A course file is ``{"course": "mentor", "modules": [{"slug", "title",
"summary", "content": [paragraph, ...], "questions": [{"prompt", "choices",
"answer"}, ...]}, ...]}``; a module's position is its place in the list.
Content is plain text: paragraphs are joined with a blank line and shown with
``linebreaks`` (escaped), never as HTML.

Loading is keyed on (course, slug): a new slug makes a module, a known slug
gets the file's title, summary, content, questions, position and translations.
Nothing is deleted and ``retired`` is left as the site admins set it, so
members' progress is kept.

Translations are per-language files beside the English ones,
``content/<language>/<course>.json`` (``es/mentor.json``), for the languages of
``settings.LANGUAGES``. A translation file has the same shape plus
``"language"``; it must translate every module of its English file (the same
slugs) and keep each knowledge check's shape: the same number of questions, the
same number of choices in each, and the same right answer, so a check is graded
the same whatever the language it was read in (grading reads the English
``questions``; only the words shown change). A file that does not match is
refused with the reason. A language without a file has no translation: its
readers see English.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings

CONTENT_DIR = Path(__file__).resolve().parent / "content"
COURSE_FILES = ("mentor.json", "facilitator.json")
COURSES = ("mentor", "facilitator")
SLUG = re.compile(r"[-a-z0-9]{1,80}")
LOADED_FIELDS = (
    "position",
    "title",
    "summary",
    "content",
    "questions",
    "translations",
)
# The language of the course files themselves.
SOURCE_LANGUAGE = "en"
TRANSLATED_FIELDS = ("title", "summary", "content", "questions")


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


def _module_text(where: str, raw: dict[str, Any]) -> dict[str, Any]:
    """A module's words, checked: title, summary, content and questions."""
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
        "title": title.strip(),
        "summary": summary.strip(),
        "content": "\n\n".join(p.strip() for p in paragraphs),
        "questions": questions_check(raw.get("questions"), where),
    }


def _slug(where: str, position: int, raw: Any) -> str:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: module {position} is not an object")
    slug = raw.get("slug")
    if not isinstance(slug, str) or not SLUG.fullmatch(slug):
        raise ContentError(f"{where}: module {position} has no valid slug")
    return slug


def _module(course: str, position: int, raw: Any) -> dict[str, Any]:
    slug = _slug(course, position, raw)
    return {
        "slug": slug,
        "position": position,
        **_module_text(f"{course}/{slug}", raw),
        "translations": {},
    }


def questions_mismatch(
    english: list[dict[str, Any]], translated: list[dict[str, Any]]
) -> str | None:
    """Why a translated knowledge check would not grade as the English one does
    (a different number of questions or of choices, or another right answer);
    ``None`` when it keeps the English shape."""
    if len(translated) != len(english):
        return (
            f"it has {len(translated)} questions where the English has {len(english)}"
        )
    for number, (ours, theirs) in enumerate(
        zip(english, translated, strict=True), start=1
    ):
        if len(theirs["choices"]) != len(ours["choices"]):
            return (
                f"question {number} has {len(theirs['choices'])} choices where "
                f"the English has {len(ours['choices'])}"
            )
        if theirs["answer"] != ours["answer"]:
            return (
                f"question {number} has the answer {theirs['answer']} where the "
                f"English has {ours['answer']}"
            )
    return None


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


def translation_parse(
    language: str, course: str, modules: list[dict[str, Any]], data: Any
) -> dict[str, dict[str, Any]]:
    """The translated words of every module, by slug, from one translation
    file's parsed JSON; ContentError unless it matches the English ``modules``
    of ``course``: the same slugs, and each knowledge check the same shape."""
    where = f"{language}/{course}"
    if not isinstance(data, dict) or data.get("course") != course:
        raise ContentError(f"{where}: the file must name the course {course!r}")
    if data.get("language") != language:
        raise ContentError(f"{where}: the file must name the language {language!r}")
    raw_modules = data.get("modules")
    if not isinstance(raw_modules, list):
        raise ContentError(f"{where}: no modules")
    english = {module["slug"]: module for module in modules}
    texts: dict[str, dict[str, Any]] = {}
    for position, raw in enumerate(raw_modules, start=1):
        slug = _slug(where, position, raw)
        if slug not in english:
            raise ContentError(
                f"{where}/{slug}: the English file has no module with this slug"
            )
        if slug in texts:
            raise ContentError(f"{where}: the slug {slug!r} is used twice")
        text = _module_text(f"{where}/{slug}", raw)
        mismatch = questions_mismatch(english[slug]["questions"], text["questions"])
        if mismatch:
            raise ContentError(
                f"{where}/{slug}: the knowledge check must keep the English one's "
                f"shape, but {mismatch}"
            )
        texts[slug] = text
    missing = [slug for slug in english if slug not in texts]
    if missing:
        raise ContentError(
            f"{where}: every module of the English file needs a translation; "
            f"missing: {', '.join(missing)}"
        )
    return texts


def translation_languages() -> list[str]:
    """The site's languages other than the one the course files are written in."""
    return [code for code, _name in settings.LANGUAGES if code != SOURCE_LANGUAGE]


def _json_read(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ContentError(f"{path.name}: {error}") from error


def courses_read(
    directory: Path = CONTENT_DIR,
) -> list[tuple[str, list[dict[str, Any]]]]:
    """Every starter course file, parsed and checked, each module with its
    ``translations`` (by language) from the translation files that exist."""
    courses = []
    for name in COURSE_FILES:
        course, modules = course_parse(_json_read(directory / name))
        for language in translation_languages():
            path = directory / language / name
            if not path.exists():
                continue
            texts = translation_parse(language, course, modules, _json_read(path))
            for module in modules:
                module["translations"][language] = texts[module["slug"]]
        courses.append((course, modules))
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
    transaction: callers do.

    Only the fields the model has are written: the data migration of the
    English courses runs with a historical model that has no translations yet.
    """
    names = {field.name for field in module_model._meta.get_fields()}
    loaded = [name for name in LOADED_FIELDS if name in names]
    created = updated = unchanged = 0
    for course, modules in courses:
        existing = {
            module.slug: module for module in module_model.objects.filter(course=course)
        }
        for values in modules:
            module = existing.get(values["slug"])
            fields = {name: values[name] for name in loaded}
            if module is None:
                module_model.objects.create(
                    course=course, slug=values["slug"], **fields
                )
                created += 1
                continue
            changed = [name for name in loaded if getattr(module, name) != fields[name]]
            if not changed:
                unchanged += 1
                continue
            for name in changed:
                setattr(module, name, fields[name])
            module.save(update_fields=changed)
            updated += 1
    return LoadResult(created=created, updated=updated, unchanged=unchanged)
