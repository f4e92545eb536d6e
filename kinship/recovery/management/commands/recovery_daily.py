"""The recovery tools' daily work: milestones reached, early warning signals.

Run once a day (cron or a systemd timer); running it again the same day changes
nothing more.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kinship.recovery.milestones import milestones_refresh_all
from kinship.recovery.warnings import warning_signals_compute_all


class Command(BaseCommand):
    help = "Record milestones reached and compute early warning signals."

    def handle(self, *args: Any, **options: Any) -> None:
        reached = milestones_refresh_all()
        signals = warning_signals_compute_all()
        self.stdout.write(f"milestones reached: {reached}; warning signals: {signals}")
