"""Idempotent POSTs: a repeat with the same ``Idempotency-Key`` gets the first answer.

Applied to an operation with ``@decorate_view(idempotent)``. The key is claimed
and the operation run in one transaction, so that concurrent duplicates wait for
the first and then repeat its answer: one row created, identical responses.
Server errors are not kept (the transaction is rolled back: the key can be
tried again).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _

from kinship.members.models import Member

from .auth import api_member
from .schemas import IDEMPOTENCY_HEADER, IDEMPOTENCY_KEY_PATTERN
from .selectors import idempotency_record_of
from .services import idempotency_record_claim, idempotency_record_complete

REPLAYED_HEADER = "Idempotent-Replayed"
KEY = re.compile(IDEMPOTENCY_KEY_PATTERN)

Run = Callable[..., HttpResponseBase]


class _ServerError(Exception):
    """Carries a 5xx response out of the transaction, which is rolled back."""

    def __init__(self, response: HttpResponseBase) -> None:
        super().__init__(response.status_code)
        self.response = response


def request_digest(request: HttpRequest) -> str:
    """SHA-256 of the body; JSON is compared by content, not by its spacing."""
    body = request.body
    try:
        canonical = json.dumps(
            json.loads(body), sort_keys=True, separators=(",", ":")
        ).encode()
    except (ValueError, UnicodeDecodeError):
        canonical = body
    return hashlib.sha256(canonical).hexdigest()


def _key_reused(detail: str) -> JsonResponse:
    return JsonResponse(
        {
            "detail": [
                {
                    "loc": ["header", IDEMPOTENCY_HEADER],
                    "msg": detail,
                    "type": "idempotency_key",
                }
            ]
        },
        status=422,
    )


def _run_once(
    run: Run, request: HttpRequest, kw: dict[str, Any], member: Member, key: str
) -> HttpResponseBase:
    digest = request_digest(request)
    method = request.method or "POST"
    try:
        with transaction.atomic():
            record = idempotency_record_claim(
                member=member,
                key=key,
                method=method,
                path=request.path,
                request_digest=digest,
            )
            if record is not None:
                response = run(request, **kw)
                if response.status_code >= 500:
                    raise _ServerError(response)
                body = getattr(response, "content", b"").decode("utf-8")
                idempotency_record_complete(
                    record=record, status=response.status_code, body=body
                )
                return response
    except _ServerError as error:
        return error.response
    existing = idempotency_record_of(member, key)
    if existing is None or existing.response_status is None:
        # Only possible if the first request is still running without holding
        # its lock (not with our engines): ask the client to try again.
        return JsonResponse(
            {"detail": _("A request with this Idempotency-Key is still running.")},
            status=409,
        )
    if (
        existing.method != method
        or existing.path != request.path
        or existing.request_digest != digest
    ):
        return _key_reused(
            _("This Idempotency-Key was already used for a different request.")
        )
    replay = HttpResponse(
        existing.response_body,
        status=existing.response_status,
        content_type="application/json; charset=utf-8",
    )
    replay[REPLAYED_HEADER] = "true"
    return replay


def idempotent(run: Run) -> Run:
    """Make a POST operation honour the ``Idempotency-Key`` header."""

    @wraps(run)
    def wrapped(request: HttpRequest, **kw: Any) -> HttpResponseBase:
        key = request.headers.get(IDEMPOTENCY_HEADER)
        if key is None or not KEY.fullmatch(key):
            return run(request, **kw)  # no key; a malformed one the operation refuses
        member = api_member(request)
        if member is None:
            return run(request, **kw)  # the operation answers 401 or 403
        return _run_once(run, request, kw, member, key)

    return wrapped
