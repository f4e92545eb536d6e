"""The catalog check fails on what a reader would meet in English or in a
half-meant translation: an untranslated string, a fuzzy one, a broken one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.core.management.base import CommandError

from kinship.core.management.commands.messages_check import Command

HEADER = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

"""

pytestmark = pytest.mark.skipif(
    shutil.which("msgattrib") is None, reason="gettext is not installed"
)


def catalog(tmp_path: Path, entries: str) -> Path:
    folder = tmp_path / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text(HEADER + entries, encoding="utf-8")
    return tmp_path


def test_a_complete_catalog_has_no_problems(tmp_path: Path) -> None:
    root = catalog(tmp_path, 'msgid "I need support"\nmsgstr "Necesito apoyo"\n')
    assert Command()._problems(root, "es", "django") == []


def test_untranslated_and_fuzzy_strings_are_named(tmp_path: Path) -> None:
    root = catalog(
        tmp_path,
        'msgid "Find a meeting"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Sign in"\nmsgstr "Cerrar sesión"\n\n'
        'msgid "Notifications"\nmsgstr "Notificaciones"\n',
    )
    assert Command()._problems(root, "es", "django") == [
        "locale/es/LC_MESSAGES/django.po: untranslated: Find a meeting",
        "locale/es/LC_MESSAGES/django.po: fuzzy: Sign in",
    ]


def test_a_translation_that_drops_a_placeholder_is_refused(tmp_path: Path) -> None:
    root = catalog(
        tmp_path,
        '#, python-format\nmsgid "%(name)s asked for support"\n'
        'msgstr "Alguien pidió apoyo"\n',
    )
    with pytest.raises(CommandError, match="name"):
        Command()._problems(root, "es", "django")
