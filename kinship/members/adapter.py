"""How django-allauth fits Kinship: its email goes out through the tasks queue,
in the recipient's language."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site

from kinship.core.email import email_enqueue

from .locale import address_locale


class AccountAdapter(DefaultAccountAdapter):  # type: ignore[misc]
    def send_mail(
        self, template_prefix: str, email: str, context: dict[str, Any]
    ) -> None:
        """allauth's ``send_mail``, queued instead of sent.

        allauth's own puts the recipient and the site into the context; without
        them its email read "Hello from !" and "an account with email .". The
        site is the Site row (kinship.core.sites keeps it equal to
        KINSHIP_SITE_NAME and KINSHIP_SITE_URL) and ``site_url`` the address.
        """
        request = allauth_context.request
        full = {
            "request": request,
            "email": email,
            "current_site": get_current_site(request),
            "site_url": settings.KINSHIP_SITE_URL,
            **context,
        }
        # In the language of the account the address belongs to (a password
        # reset asked for from an English browser reaches a Spanish reader in
        # Spanish); an address with no account yet gets the page's language.
        with address_locale(email):
            email_enqueue(self.render_mail(template_prefix, email, full))
