"""The catalog check fails on what a reader would meet in English or in a
half-meant translation: an untranslated string, a fuzzy one, a broken one."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
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


def test_a_string_marked_since_the_catalog_was_made_fails_and_the_catalog_stays(
    tmp_path: Path, settings: Any
) -> None:
    """The whole command on a small project: the code marks one string more than
    its catalog has. The check names it, and the committed catalog is left as
    it was (makemessages writes to the first locale folder beside the files it
    reads, so it must read them from the scratch copy's side)."""
    project = tmp_path / "project"
    (project / "app").mkdir(parents=True)
    (project / "app" / "words.py").write_text(
        "from django.utils.translation import gettext as _\n"
        "from django.utils.translation import pgettext\n\n"
        'SUPPORT = _("I need support")\n'
        'OPEN = pgettext("report state", "Open")\n',
        encoding="utf-8",
    )
    committed = catalog(
        project / "locale",
        '#: app/words.py:4\nmsgid "I need support"\nmsgstr "Necesito apoyo"\n',
    )
    before = (committed / "es" / "LC_MESSAGES" / "django.po").read_bytes()
    settings.BASE_DIR = project
    settings.LOCALE_PATHS = [committed]

    with pytest.raises(CommandError) as refused:
        call_command("messages_check", stdout=StringIO())

    assert "locale/es/LC_MESSAGES/django.po: untranslated: Open" in str(refused.value)
    assert "I need support" not in str(refused.value)
    assert (committed / "es" / "LC_MESSAGES" / "django.po").read_bytes() == before
    assert sorted(path.name for path in project.rglob("*.po")) == ["django.po"]
