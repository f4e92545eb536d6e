"""manage.py lint_feed SOURCE [--program CODE] [--json]: every problem of a feed.

Reads the feed as an import would and reports, without importing or writing
anything. Exits 0 whatever it finds (findings are the output, not a failure); exits
non-zero only when the feed cannot be read at all or the program is unknown.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinship.core.timezones import is_valid_timezone
from kinship.feeds.lint import (
    CHECKS,
    Finding,
    Severity,
    feed_lint,
    findings_by_check,
    lint_report,
    standard_vocabulary,
)
from kinship.feeds.reading import FeedError, feed_parse
from kinship.feeds.selectors import program_vocabulary
from kinship.feeds.sources import feed_source_read


class Command(BaseCommand):
    help = (
        "Report every problem of a Meeting Guide JSON feed (a file or an https URL) "
        "without importing it. Without --program, type codes are checked against "
        "every standard program's codes together. Ends with: records=N errors=E "
        "warnings=W. Exits 0 even with findings; non-zero only when the feed "
        "cannot be read."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="a file path or an https:// URL")
        parser.add_argument(
            "--program", help="program code, e.g. aa, al-anon, na (its type codes)"
        )
        parser.add_argument(
            "--timezone",
            default="",
            help="IANA zone an import would be given for records that give none",
        )
        parser.add_argument(
            "--json", action="store_true", help="print one JSON object instead"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: str = options["source"]
        zone: str = options["timezone"]
        if zone and not is_valid_timezone(zone):
            raise CommandError(f"--timezone {zone!r} is not an IANA time zone.")
        try:
            vocabulary = (
                program_vocabulary(options["program"])
                if options["program"]
                else standard_vocabulary()
            )
        except LookupError as error:
            raise CommandError(str(error)) from None
        try:
            records = feed_parse(feed_source_read(source))
        except FeedError as error:
            raise CommandError(f"{source}: {error}") from None
        findings = feed_lint(records, vocabulary, default_timezone=zone)
        report = lint_report(len(records), findings)
        if options["json"]:
            self.stdout.write(json.dumps(report, ensure_ascii=False))
            return
        for (severity, code), group in findings_by_check(findings).items():
            self.stdout.write(f"{CHECKS[code]}: {len(group)} {_noun(severity, group)}")
            for finding in group:
                self.stdout.write("  " + _line(finding))
        self.stdout.write(
            f"records={report['records']} errors={report['errors']} "
            f"warnings={report['warnings']}"
        )


def _noun(severity: Severity, group: list[Finding]) -> str:
    word = {"error": "error", "warning": "warning", "info": "note"}[severity]
    return f"{word}{'' if len(group) == 1 else 's'} [{group[0].code}]"


def _line(finding: Finding) -> str:
    where = (
        "feed"
        if finding.index is None
        else f"record {finding.index} ({finding.slug or 'no slug'})"
    )
    return f"{where}: {finding.message}"
