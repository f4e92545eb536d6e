"""Check the translations of the starter strategies and the tags against the
English set in the database (after editing content/strategies.<language>.json).

Every starter strategy and every tag must be translated, with the same number
of paragraphs, and nothing unknown; the command fails with every problem named.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kinship.recovery.models import Strategy, StrategyTag
from kinship.recovery.starter_content import (
    SOURCE_LANGUAGE,
    ContentError,
    starter_texts_check,
    starter_texts_read,
)


class Command(BaseCommand):
    help = "Check the starter strategies' translation files against the database."

    def handle(self, *args: Any, **options: Any) -> None:
        starters = list(
            Strategy.objects.filter(starter=True).values_list(
                "starter_key", "title", "body"
            )
        )
        slugs = list(StrategyTag.objects.values_list("slug", flat=True))
        for language, _name in settings.LANGUAGES:
            if language == SOURCE_LANGUAGE:
                continue
            try:
                texts = starter_texts_read(language)
                if texts is None:
                    raise ContentError(f"strategies.{language}.json: no such file")
                starter_texts_check(texts, strategies=starters, tag_slugs=slugs)
            except ContentError as error:
                raise CommandError(str(error)) from error
            self.stdout.write(
                f"{language}: {len(texts.strategies)} starter strategies and "
                f"{len(texts.tags)} tags translated"
            )
