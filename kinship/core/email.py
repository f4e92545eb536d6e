"""All email leaves through a background task, enqueued after the transaction commits.

A request never talks to a mail server: it queues the rendered message, and the
worker (``manage.py db_worker``) sends it. A failed send is logged and tried again
later, up to ``KINSHIP_TASK_MAX_ATTEMPTS`` tries in all, then given up (logged).
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# Seconds before the second, third, ... try: a minute, then doubling.
FIRST_RETRY_DELAY = 60


class EmailNotSent(Exception):
    """A message given up after its last try; names no address."""

    def __init__(self, attempts: int, error_name: str) -> None:
        super().__init__(f"email not sent after {attempts} attempts ({error_name})")


def message_payload(message: EmailMessage) -> dict[str, Any]:
    """A rendered message as JSON-ready values, the form a task argument takes."""
    alternatives = getattr(message, "alternatives", [])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email or settings.DEFAULT_FROM_EMAIL),
        "to": [str(address) for address in message.to],
        "html": next(
            (
                str(content)
                for content, mimetype in alternatives
                if mimetype == "text/html"
            ),
            None,
        ),
    }


def email_enqueue(message: EmailMessage) -> None:
    """Queue a message to be sent by the worker once the current transaction commits."""
    payload = message_payload(message)
    transaction.on_commit(lambda: email_send.enqueue(payload=payload, attempt=1))


@task(queue_name="email")
def email_send(*, payload: dict[str, Any], attempt: int) -> None:
    """Send one queued message; on failure queue a later try or give up, logged.

    Logs name the attempt and the error, never the address or the content.
    """
    message = EmailMultiAlternatives(
        subject=payload["subject"],
        body=payload["body"],
        from_email=payload["from_email"],
        to=payload["to"],
    )
    if payload.get("html"):
        message.attach_alternative(payload["html"], "text/html")
    try:
        message.send()
    except Exception as error:
        if attempt >= settings.KINSHIP_TASK_MAX_ATTEMPTS:
            logger.error(
                "email not sent after %d attempts: %s", attempt, type(error).__name__
            )
            # A fresh error, without the mail server's (which may name the
            # address): the worker logs and stores what is raised here.
            raise EmailNotSent(attempt, type(error).__name__) from None
        delay = dt.timedelta(seconds=FIRST_RETRY_DELAY * 2 ** (attempt - 1))
        logger.warning(
            "email attempt %d failed (%s); trying again in %s",
            attempt,
            type(error).__name__,
            delay,
        )
        email_send.using(run_after=timezone.now() + delay).enqueue(
            payload=payload, attempt=attempt + 1
        )
