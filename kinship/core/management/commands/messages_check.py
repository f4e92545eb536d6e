"""``manage.py messages_check``: every marked string has a translation, none is
fuzzy, and the catalogs are up to date with the code.

The catalogs are rebuilt from the code into a scratch copy (the committed ones
are never touched), then each is read with gettext's own tools: a string marked
since the last ``make messages`` shows up as untranslated there, so a catalog
that lags behind the code fails like a missing translation does.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test.utils import override_settings

DOMAINS = ("django",)


def _entries(output: str) -> list[str]:
    """The msgids of the entries in a PO text, each on one line, header left out."""
    msgids: list[str] = []
    current: list[str] | None = None
    for line in output.splitlines():
        if line.startswith("msgid "):
            current = [line[len("msgid ") :].strip('"')]
        elif current is not None and line.startswith('"'):
            current.append(line.strip('"'))
        elif current is not None:
            text = "".join(current)
            if text:
                msgids.append(text)
            current = None
    if current:
        msgids.append("".join(current))
    return msgids


def _gettext(*args: str) -> str:
    try:
        # Fixed gettext tools run on our own scratch files: no outside input.
        done = subprocess.run(args, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError as error:
        raise CommandError(
            f"{args[0]} is not installed: `make gettext` installs gettext"
        ) from error
    if done.returncode != 0:
        raise CommandError(done.stderr.strip() or f"{args[0]} failed")
    return done.stdout


class Command(BaseCommand):
    help = "Fail when a marked string has no translation or a translation is fuzzy."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--ignore",
            action="append",
            default=[],
            dest="ignore_patterns",
            help="Directories makemessages skips (as for makemessages).",
        )

    def handle(self, *args: Any, ignore_patterns: list[str], **options: Any) -> None:
        languages = [
            code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE
        ]
        committed = Path(settings.LOCALE_PATHS[0])
        problems: list[str] = []
        with tempfile.TemporaryDirectory() as scratch:
            rebuilt = Path(scratch) / "locale"
            for language in languages:
                source = committed / language
                if source.is_dir():
                    shutil.copytree(source, rebuilt / language)
            # makemessages writes each file's strings to the first locale folder
            # whose parent holds that file, and adds ./locale to the list: run
            # from the project's own folder, it would rewrite the committed
            # catalog and leave the copy stale. So it walks the scratch folder,
            # where each of the project's entries (but locale/) is a link.
            project = Path(settings.BASE_DIR)
            for entry in project.iterdir():
                if entry.name != "locale" and not entry.name.startswith("."):
                    (Path(scratch) / entry.name).symlink_to(entry)
            here = Path.cwd()
            os.chdir(scratch)
            try:
                with override_settings(LOCALE_PATHS=[str(rebuilt)]):
                    call_command(
                        "makemessages",
                        locale=languages,
                        ignore_patterns=[*ignore_patterns, "locale"],
                        no_obsolete=True,
                        symlinks=True,
                        verbosity=0,
                    )
            finally:
                os.chdir(here)
            for language in languages:
                for domain in DOMAINS:
                    problems += self._problems(rebuilt, language, domain)
        if problems:
            raise CommandError(
                "\n".join(
                    [
                        *problems,
                        "Run `make messages`, translate each string in "
                        "locale/<language>/LC_MESSAGES/django.po, "
                        "and clear fuzzy marks.",
                    ]
                )
            )
        self.stdout.write(
            f"Catalogs complete: {', '.join(languages)} ({', '.join(DOMAINS)})."
        )

    def _problems(self, rebuilt: Path, language: str, domain: str) -> list[str]:
        path = rebuilt / language / "LC_MESSAGES" / f"{domain}.po"
        where = f"locale/{language}/LC_MESSAGES/{domain}.po"
        if not path.exists():
            return [f"{where}: missing"]
        _gettext("msgfmt", "--check", "-o", os.devnull, str(path))
        problems = []
        for kind, flag in (
            ("untranslated", "--untranslated"),
            ("fuzzy", "--only-fuzzy"),
        ):
            found = _entries(_gettext("msgattrib", flag, "--no-obsolete", str(path)))
            problems += [f"{where}: {kind}: {msgid[:100]}" for msgid in found]
        return problems
