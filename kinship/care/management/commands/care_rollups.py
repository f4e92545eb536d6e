"""Build the outcome report's daily roll-ups (``care.rollups``).

Run once a day by cron, after midnight UTC: it builds yesterday. ``--since``
backfills every day from that date to yesterday. Running it again rebuilds
the same days with the same result.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from kinship.care.rollups import rollups_build_range


class Command(BaseCommand):
    help = "Build the outcome report's roll-ups of yesterday (or since a date)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--since",
            type=dt.date.fromisoformat,
            help="build every day from this date (YYYY-MM-DD) to yesterday",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        yesterday = timezone.now().astimezone(dt.UTC).date() - dt.timedelta(days=1)
        since: dt.date = options["since"] or yesterday
        if since > yesterday:
            raise CommandError("--since must be yesterday or earlier")
        rows = rollups_build_range(since, yesterday)
        self.stdout.write(f"outcome roll-ups {since} to {yesterday}: {rows} day rows")
