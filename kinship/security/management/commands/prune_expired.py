"""Delete what has expired: sessions, their rows, and remembered idempotent requests.

Meant for cron or a systemd timer (every hour is plenty); safe to run at any time.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from kinship.security.sessions import user_sessions_prune
from kinship.tokens.services import idempotency_records_prune


class Command(BaseCommand):
    help = (
        "Delete expired sessions, their rows and idempotency records older than 24 h."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("clearsessions")
        sessions = user_sessions_prune()
        records = idempotency_records_prune()
        self.stdout.write(f"session rows={sessions} idempotency records={records}")
