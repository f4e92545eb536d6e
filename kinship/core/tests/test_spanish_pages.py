"""Every page of the URL walk, in Spanish, shows no English from the catalog.

The URL walk's world is rendered in Spanish for a visitor (a browser that
prefers Spanish), for eve (a member who chose Spanish, with nothing of her own)
and for alex (a member who chose Spanish, with something on every page). The
visible text of each HTML page (and the attributes a screen reader reads out)
must contain none of the catalog's English source strings: a string that shows
in English was either not marked, marked but left untranslated, or rendered
before the language was chosen. Names and data (group names, a member's own
words) are not in the catalog, so they do not count.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from kinship.members.tests.personas import Cast

from .test_url_walk import (
    ACCOUNT_KEYS,
    all_secrets,
    expectation_for,
    reverse_key,
    url_patterns,
    world_create,
)

CATALOG = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES" / "django.mo"
# Placeholders and markup split a source string into the English a page shows.
PIECES = re.compile(r"%\(\w+\)[-+ #0-9.]*[sdfr]|%[sdfr]|\{\{.*?\}\}|\{\w*\}|<[^>]+>|\n")
# Read aloud by screen readers, so they count as visible text.
READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder", "aria-description")


@cache
def english_fragments() -> frozenset[str]:
    """Literal English of every source string that has a Spanish translation
    unlike itself: each run of text between placeholders of at least two words
    (one word alone may be a name or the same in both languages)."""
    with CATALOG.open("rb") as file:
        catalog = gettext.GNUTranslations(file)
    fragments = set()
    for key, translation in catalog._catalog.items():  # type: ignore[attr-defined]
        msgid = key[0] if isinstance(key, tuple) else key
        if not isinstance(msgid, str) or not msgid or translation == msgid:
            continue
        msgid = msgid.split("\x04")[-1]  # drop a context
        spanish = " ".join(str(translation).split())
        for piece in PIECES.split(msgid):
            words = " ".join(piece.split()).strip(" .,:;!?()“”\"'")
            # A name the translation keeps ("Crisis Text Line") is not English.
            if len(words.split()) >= 2 and len(words) >= 8 and words not in spanish:
                fragments.add(words)
    return frozenset(fragments)


class _VisibleText(HTMLParser):
    """The text a reader sees or hears: text outside script/style/template,
    and the attributes read out."""

    SKIPPED = frozenset({"script", "style", "template", "noscript"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self._skipping += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self.parts.append(value)
        if tag == "input":
            kinds = dict(attrs)
            if kinds.get("type") in ("submit", "button") and kinds.get("value"):
                self.parts.append(kinds["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def without_data(text: str) -> str:
    """The text less the world's own words (alex's notes and the like, written
    in English by the test): data, not Kinship's text."""
    for words in sorted(all_secrets(), key=len, reverse=True):  # longest first
        text = text.replace(words, " ")
    return text


def english_in(text: str) -> list[str]:
    return sorted(
        fragment
        for fragment in english_fragments()
        if re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", text)
    )


def spanish_clients(cast: Cast) -> Iterator[tuple[str, Client]]:
    visitor = Client(HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9,en;q=0.5")
    yield "visitor", visitor
    for member in (cast.eve, cast.alex):
        member.language = "es"
        member.save(update_fields=["language"])
        client = Client()
        client.force_login(member.user)
        yield member.display_name, client


def test_the_fragments_find_english_and_not_spanish() -> None:
    """The check itself: it finds a known source string, not its translation."""
    assert "I need support" in english_fragments()
    assert english_in("Tap here: I need support now") == ["I need support"]
    assert english_in("Necesito apoyo") == []
    assert visible_text('<p>Hola <script>var a="I need support"</script></p>') == (
        "Hola"
    )
    assert visible_text('<a aria-label="Sign in" href="/">x</a>') == "Sign in x"


@pytest.mark.django_db
def test_every_page_of_the_walk_is_in_spanish(cast: Cast) -> None:
    world = world_create(cast)
    clients = list(spanish_clients(cast))
    english: dict[str, list[str]] = {}
    pages = 0
    for key, route, _pattern in url_patterns():
        expectation = expectation_for(key, route)
        if expectation is None or key in ("account_logout", "members:language"):
            continue
        if key.startswith("api:"):
            continue  # the API and its Swagger page speak to developers
        url = reverse_key(key, ACCOUNT_KEYS.get(key) or expectation.kwargs(world))
        for who, client in clients:
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response.get(
                "Content-Type", ""
            ):
                continue
            html = response.content.decode()
            if "<html" in html:  # not an htmx fragment
                assert '<html lang="es">' in html, f"{url} as {who} is not lang=es"
            pages += 1
            found = english_in(without_data(visible_text(html)))
            if found:
                english[f"{url} as {who}"] = found
    # Every page of the walk that answers HTML, three readers: well over 150.
    assert pages > 150
    assert not english, "English on Spanish pages:\n" + "\n".join(
        f"{where}: {found}" for where, found in sorted(english.items())
    )
