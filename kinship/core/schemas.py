"""API schemas every router shares: refusals and field errors."""

from __future__ import annotations

from ninja import Schema


class ErrorOut(Schema):
    """A refusal, with the reason."""

    detail: str


class FieldErrorOut(Schema):
    """One invalid field: where it is (``["query", "near"]``) and why."""

    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(Schema):
    detail: list[FieldErrorOut]
