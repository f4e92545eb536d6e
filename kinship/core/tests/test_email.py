"""Email leaves through the task worker: never in the request, retried, given up."""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
from typing import Any
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from kinship.core.email import FIRST_RETRY_DELAY, EmailNotSent, email_send

ADDRESS = "newcomer@example.org"
PAYLOAD = {
    "subject": "[Kinship] Hello",
    "body": "Hello.",
    "from_email": "Kinship <no-reply@localhost>",
    "to": [ADDRESS],
    "html": None,
}


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses, naming the address in its error as SMTP does."""

    def send_messages(self, email_messages: Any) -> int:
        addresses = {
            a: (550, b"mailbox unavailable") for m in email_messages for a in m.to
        }
        raise smtplib.SMTPRecipientsRefused(addresses)


REFUSING = f"{__name__}.RefusingBackend"


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> None:
    """Allauth counts sends per address in the cache; each test starts afresh."""
    cache.clear()


def run_worker() -> None:
    """``manage.py db_worker --batch`` over every queue, inside the test's transaction.

    The worker closes connections between tasks, as a long-running process
    should; here that would close the test's own transaction (PostgreSQL), so
    that housekeeping alone is left out.
    """
    with mock.patch(
        "django_tasks_db.management.commands.db_worker.close_old_connections"
    ):
        call_command(
            "db_worker", "--batch", "--queue-name", "*", "--no-startup-delay", "-v", "0"
        )


def sign_up(client: Client, email: str) -> None:
    response = client.post(
        reverse("account_signup"),
        {
            "display_name": "Robin B.",
            "email": email,
            "password1": "a long and unusual pass phrase 7",
            "password2": "a long and unusual pass phrase 7",
        },
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_sign_up_queues_the_verification_email_and_the_worker_sends_it(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, ADDRESS)

    assert mail.outbox == []
    queued = DBTaskResult.objects.get()
    assert queued.queue_name == "email"
    assert queued.status == TaskResultStatus.READY
    assert queued.args_kwargs["kwargs"]["payload"]["to"] == [ADDRESS]

    run_worker()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [ADDRESS]
    assert message.subject.startswith("[Kinship] ")
    assert "/accounts/confirm-email/" in message.body
    queued.refresh_from_db()
    assert queued.status == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db
def test_email_is_enqueued_only_when_the_transaction_commits(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sign_up(client, ADDRESS)
    assert DBTaskResult.objects.count() == 0
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_a_failed_send_queues_a_later_try(
    settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.EMAIL_BACKEND = REFUSING
    caplog.set_level(logging.DEBUG)
    with time_machine.travel(dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC), tick=False):
        email_send.call(payload=PAYLOAD, attempt=1)
        email_send.call(payload=PAYLOAD, attempt=2)
        now = dt.datetime.now(dt.UTC)

    retries = DBTaskResult.objects.order_by("run_after")
    assert [r.args_kwargs["kwargs"]["attempt"] for r in retries] == [2, 3]
    assert [r.run_after - now for r in retries] == [
        dt.timedelta(seconds=FIRST_RETRY_DELAY),
        dt.timedelta(seconds=2 * FIRST_RETRY_DELAY),
    ]
    assert all(r.queue_name == "email" for r in retries)
    assert all(r.args_kwargs["kwargs"]["payload"] == PAYLOAD for r in retries)
    assert mail.outbox == []
    assert "attempt 1 failed (SMTPRecipientsRefused)" in caplog.text
    assert ADDRESS not in caplog.text


@pytest.mark.django_db
def test_a_retry_the_worker_runs_later_sends_the_message(settings: Any) -> None:
    settings.EMAIL_BACKEND = REFUSING
    email_send.call(payload=PAYLOAD, attempt=1)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    run_worker()  # the retry waits for its time
    assert mail.outbox == []

    later = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=FIRST_RETRY_DELAY + 1)
    with time_machine.travel(later):
        run_worker()
    assert [m.to for m in mail.outbox] == [[ADDRESS]]


@pytest.mark.django_db
def test_the_last_attempt_gives_up_and_logs_no_address(
    settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.EMAIL_BACKEND = REFUSING
    last = settings.KINSHIP_TASK_MAX_ATTEMPTS
    caplog.set_level(logging.DEBUG)

    with pytest.raises(EmailNotSent) as raised:
        email_send.call(payload=PAYLOAD, attempt=last)

    assert ADDRESS not in str(raised.value)
    assert DBTaskResult.objects.count() == 0  # no further try
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.getMessage() for r in errors] == [
        f"email not sent after {last} attempts: SMTPRecipientsRefused"
    ]
    assert ADDRESS not in caplog.text


@pytest.mark.django_db
def test_given_up_in_the_worker_the_log_and_result_name_no_address(
    settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.EMAIL_BACKEND = REFUSING
    caplog.set_level(logging.DEBUG)
    email_send.enqueue(payload=PAYLOAD, attempt=settings.KINSHIP_TASK_MAX_ATTEMPTS)

    run_worker()

    result = DBTaskResult.objects.get()
    assert result.status == TaskResultStatus.FAILED
    assert result.exception_class_path == "kinship.core.email.EmailNotSent"
    assert ADDRESS not in result.traceback
    assert "email not sent after" in caplog.text
    assert ADDRESS not in caplog.text
    assert mail.outbox == []


def test_the_worker_serves_the_email_queue() -> None:
    assert "email" in settings.TASKS["default"]["QUEUES"]
