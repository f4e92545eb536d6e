"""Schemas shared by every member API router: errors and the Idempotency-Key."""

from __future__ import annotations

from ninja.params import HeaderEx, P

from kinship.core.schemas import ErrorOut, FieldErrorOut, ValidationErrorOut

__all__ = [
    "IDEMPOTENCY_HEADER",
    "IDEMPOTENCY_KEY_DESCRIPTION",
    "IDEMPOTENCY_KEY_PATTERN",
    "ErrorOut",
    "FieldErrorOut",
    "IdempotencyKeyHeader",
    "ValidationErrorOut",
]

IDEMPOTENCY_HEADER = "Idempotency-Key"
# 1 to 255 visible ASCII characters (a UUID is a good key).
IDEMPOTENCY_KEY_PATTERN = r"^[!-~]{1,255}$"
IDEMPOTENCY_KEY_DESCRIPTION = (
    "Optional. Repeating a POST with the same key (within 24 hours) returns the "
    "first response and changes nothing; the same key with a different request "
    "answers 422."
)

# The Idempotency-Key parameter as every POST operation of the API declares it.
IdempotencyKeyHeader = HeaderEx[
    str | None,
    P(
        alias=IDEMPOTENCY_HEADER,
        pattern=IDEMPOTENCY_KEY_PATTERN,
        description=IDEMPOTENCY_KEY_DESCRIPTION,
    ),
]
