"""The starter coping strategies and the strategy tags in other languages.

The English starter set is written by the data migration 0002 (its words are
frozen there) and each starter strategy carries a stable ``starter_key``
(migration 0004). Their words in another language live in one data file per
language, ``content/strategies.<language>.json``::

    {"language": "es",
     "tags": {"<tag slug>": "label", ...},
     "strategies": {"<starter key>": {"title": "...",
                                      "body": ["paragraph", ...]}, ...}}

A file is read once per process and checked as it is read; a file that cannot
be used is refused with the reason (``ContentError``), and its readers see
English (the reason is logged). ``starter_texts_check`` compares a file with
the English set in the database: every starter strategy and every tag
translated, nothing unknown, the same paragraphs; the tests run it, and so does
``manage.py starter_texts_check`` after editing a file.

Strategies written by members are their own words and are never translated.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.translation import get_language

logger = logging.getLogger(__name__)

CONTENT_DIR = Path(__file__).resolve().parent / "content"
# The language of the starter set in the database.
SOURCE_LANGUAGE = "en"
KEY = re.compile(r"[-a-z0-9]{1,64}")
# The limits of Strategy.title and StrategyTag.label.
TITLE_MAX_LENGTH = 120
BODY_MAX_LENGTH = 4000
LABEL_MAX_LENGTH = 60


class ContentError(ValueError):
    """A translation file that cannot be used, with the reason."""


@dataclass(frozen=True)
class StrategyText:
    """A starter strategy's words in one language."""

    title: str
    body: str

    def matches(self, words: Iterable[str]) -> bool:
        """Whether every word is in the title or the body, ignoring case."""
        text = f"{self.title}\n{self.body}".casefold()
        return all(word.casefold() in text for word in words)


@dataclass(frozen=True)
class StarterTexts:
    """One language's words for the starter strategies and the tags."""

    language: str
    tags: dict[str, str]
    strategies: dict[str, StrategyText]


def _text(value: Any, where: str, limit: int) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise ContentError(f"{where}: text of 1 to {limit} characters is needed")
    return value.strip()


def starter_texts_parse(language: str, data: Any) -> StarterTexts:
    """One translation file's parsed JSON, checked; ContentError if anything is
    missing or wrong."""
    if not isinstance(data, dict) or data.get("language") != language:
        raise ContentError(f"{language}: the file must name the language {language!r}")
    raw_tags = data.get("tags")
    raw_strategies = data.get("strategies")
    if not isinstance(raw_tags, dict) or not isinstance(raw_strategies, dict):
        raise ContentError(f"{language}: the file needs tags and strategies")
    tags = {}
    for slug, label in raw_tags.items():
        if not KEY.fullmatch(slug):
            raise ContentError(f"{language}: {slug!r} is not a tag's slug")
        tags[slug] = _text(label, f"{language}/tags/{slug}", LABEL_MAX_LENGTH)
    strategies = {}
    for key, raw in raw_strategies.items():
        where = f"{language}/strategies/{key}"
        if not KEY.fullmatch(key):
            raise ContentError(f"{language}: {key!r} is not a starter key")
        if not isinstance(raw, dict):
            raise ContentError(f"{where}: needs a title and a body")
        paragraphs = raw.get("body")
        if not isinstance(paragraphs, list) or not paragraphs:
            raise ContentError(f"{where}: the body must be a list of paragraphs")
        body = "\n\n".join(
            _text(p, f"{where}/body", BODY_MAX_LENGTH) for p in paragraphs
        )
        if len(body) > BODY_MAX_LENGTH:
            raise ContentError(
                f"{where}: the body is over {BODY_MAX_LENGTH} characters"
            )
        strategies[key] = StrategyText(
            title=_text(raw.get("title"), f"{where}/title", TITLE_MAX_LENGTH),
            body=body,
        )
    return StarterTexts(language=language, tags=tags, strategies=strategies)


def starter_texts_read(
    language: str, directory: Path = CONTENT_DIR
) -> StarterTexts | None:
    """The language's file, parsed and checked; None when it has no file."""
    path = directory / f"strategies.{language}.json"
    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise ContentError(f"{path.name}: {error}") from error
    return starter_texts_parse(language, data)


@functools.cache
def starter_texts_for(language: str | None) -> StarterTexts | None:
    """The starter texts of a language (``es`` or ``es-mx`` alike), read once;
    None for English, a language without a file, or a file that was refused."""
    if not language:
        return None
    code = language.lower().split("-")[0]
    if code == SOURCE_LANGUAGE:
        return None
    try:
        return starter_texts_read(code, CONTENT_DIR)
    except ContentError as error:
        logger.error("Starter strategy texts not used: %s", error)
        return None


def starter_texts() -> StarterTexts | None:
    """The starter texts of the language in force, if it has any."""
    return starter_texts_for(get_language())


def strategy_text(starter_key: str | None) -> StrategyText | None:
    """A starter strategy's words in the language in force, if translated."""
    texts = starter_texts() if starter_key else None
    return texts.strategies.get(starter_key or "") if texts else None


def tag_label(slug: str) -> str | None:
    """A tag's label in the language in force, if translated."""
    texts = starter_texts()
    return texts.tags.get(slug) if texts else None


def sort_key(text: str) -> str:
    """A key that sorts words as a reader expects: "Ánimo" beside "Anger",
    not after "Zeal"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def starter_texts_check(
    texts: StarterTexts,
    *,
    strategies: Iterable[tuple[str | None, str, str]],
    tag_slugs: Iterable[str],
) -> None:
    """Compare a translation with the English set: ``strategies`` are the
    starter strategies as (starter key, title, body), ``tag_slugs`` every tag.

    ContentError naming every problem: a starter strategy without a key or
    without a translation, a tag without a label, a key or a slug the English
    set does not have, a body with another number of paragraphs.
    """
    problems = []
    english: dict[str, str] = {}
    for key, title, body in strategies:
        if key is None:
            problems.append(f"the starter strategy {title!r} has no starter key")
        else:
            english[key] = body
    missing = sorted(set(english) - set(texts.strategies))
    unknown = sorted(set(texts.strategies) - set(english))
    if missing:
        problems.append(f"starter strategies not translated: {', '.join(missing)}")
    if unknown:
        problems.append(f"no starter strategy has the key: {', '.join(unknown)}")
    for key in sorted(set(english) & set(texts.strategies)):
        ours = len(english[key].split("\n\n"))
        theirs = len(texts.strategies[key].body.split("\n\n"))
        if ours != theirs:
            problems.append(
                f"{key}: the body has {theirs} paragraphs where the English has {ours}"
            )
    slugs = set(tag_slugs)
    missing_tags = sorted(slugs - set(texts.tags))
    unknown_tags = sorted(set(texts.tags) - slugs)
    if missing_tags:
        problems.append(f"tags without a label: {', '.join(missing_tags)}")
    if unknown_tags:
        problems.append(f"no tag has the slug: {', '.join(unknown_tags)}")
    if problems:
        raise ContentError(f"strategies.{texts.language}.json: " + "; ".join(problems))
