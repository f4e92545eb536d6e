"""Load the starter courses' files into the database (after editing them).

Modules are matched on (course, slug): new ones are made, known ones get the
files' text, questions and translations (content/<language>/). Nothing is
deleted, so members' progress is kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinship.training.loading import CONTENT_DIR, ContentError
from kinship.training.services import training_content_load


class Command(BaseCommand):
    help = "Create or update the training modules from the course files."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--directory",
            type=Path,
            default=CONTENT_DIR,
            help=(
                "A folder holding mentor.json and facilitator.json, and their "
                "translations in a folder per language (es/mentor.json)."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = training_content_load(directory=options["directory"])
        except ContentError as error:
            raise CommandError(f"Nothing was loaded: {error}") from error
        self.stdout.write(
            f"modules created: {result.created}; updated: {result.updated}; "
            f"unchanged: {result.unchanged}"
        )
