"""How django-allauth fits Kinship: its email goes out through the tasks queue."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter

from kinship.core.email import email_enqueue


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def send_mail(
        self, template_prefix: str, email: str, context: dict[str, Any]
    ) -> None:
        email_enqueue(self.render_mail(template_prefix, email, context))
