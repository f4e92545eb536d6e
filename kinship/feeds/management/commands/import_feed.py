"""manage.py import_feed SOURCE --program CODE: bring a Meeting Guide feed in."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinship.core.timezones import is_valid_timezone
from kinship.feeds.reading import FeedError, feed_parse
from kinship.feeds.services import feed_import, feed_register
from kinship.feeds.sources import feed_source_read


class Command(BaseCommand):
    help = (
        "Import a Meeting Guide JSON feed (a file or an https URL) for a program. "
        "Ends with: added=A updated=U removed=R unchanged=N rejected=J"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="a file path or an https:// URL")
        parser.add_argument(
            "--program", required=True, help="program code, e.g. aa, al-anon, na"
        )
        parser.add_argument("--name", help="feed name (default: the source)")
        parser.add_argument(
            "--timezone", default="", help="IANA zone for records that give none"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="read and compare, write nothing"
        )
        parser.add_argument(
            "--show-rejections",
            type=int,
            default=20,
            metavar="N",
            help="print the first N rejections (default 20)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: str = options["source"]
        zone: str = options["timezone"]
        if zone and not is_valid_timezone(zone):
            raise CommandError(f"--timezone {zone!r} is not an IANA time zone.")
        try:
            data = feed_source_read(source)
            records = feed_parse(data)
        except FeedError as error:
            raise CommandError(f"{source}: {error} Nothing was imported.") from None
        try:
            feed = feed_register(
                by=None,
                source=source,
                program_code=options["program"],
                name=options["name"],
                create=not options["dry_run"],
            )
        except LookupError as error:
            raise CommandError(str(error)) from None
        outcome = feed_import(
            by=None,
            feed=feed,
            records=records,
            source=source,
            default_timezone=zone,
            dry_run=options["dry_run"],
        )
        shown = options["show_rejections"]
        for problem in outcome.rejections[:shown]:
            self.stderr.write(
                f"rejected record {problem.index} ({problem.slug or 'no slug'}): "
                f"{problem.field or 'record'}: {problem.reason}"
            )
        if len(outcome.rejections) > shown:
            self.stderr.write(f"... and {len(outcome.rejections) - shown} more")
        for reason, count in outcome.warnings.most_common(10):
            self.stderr.write(f"warning x{count}: {reason}")
        modes = " ".join(f"{mode}={n}" for mode, n in sorted(outcome.modes.items()))
        self.stdout.write(f"meetings by attendance: {modes}")
        prefix = "dry run, nothing written: " if options["dry_run"] else ""
        self.stdout.write(prefix + outcome.summary)
