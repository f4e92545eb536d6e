"""manage.py export_feed [--program CODE]: the directory as a Meeting Guide feed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinship.directory.models import Program
from kinship.feeds.export import meeting_guide_chunks, meetings_for_export


class Command(BaseCommand):
    help = "Write the public directory as a spec-clean Meeting Guide JSON feed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--program", help="only this program's meetings")
        parser.add_argument(
            "--output", "-o", help="file to write (default: standard output)"
        )
        parser.add_argument(
            "--base-url",
            default="",
            help="site address for each meeting's url, e.g. https://kinship.example",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        program = options["program"]
        if program and not Program.objects.filter(code=program).exists():
            raise CommandError(f"No program {program!r}.")
        chunks = meeting_guide_chunks(
            meetings_for_export(program), base_url=options["base_url"].rstrip("/")
        )
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as output:
                output.writelines(chunks)
        else:
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
