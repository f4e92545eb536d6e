"""API answers for refusals: Django validation and form errors, field by field."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms import Form


def validation_error_out(
    error: ValidationError, *, location: str, field_of: dict[str, str] | None = None
) -> dict[str, Any]:
    """``{"detail": [{"loc": [location, field], "msg", "type"}]}``, like ninja's own.

    ``field_of`` names the field of an error without one, by its code.
    """
    items: list[dict[str, Any]] = []
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            for item in errors:
                loc = [location] if field == NON_FIELD_ERRORS else [location, field]
                items.append(_item(item, loc))
    else:
        for item in error.error_list:
            field = (field_of or {}).get(item.code or "", "")
            items.append(_item(item, [location, field] if field else [location]))
    return {"detail": items}


def form_errors_out(form: Form, *, location: str) -> dict[str, Any]:
    """A bound form's errors in the same shape, each under its field's name."""
    return {
        "detail": [
            _item(error, [location, field])
            for field, errors in form.errors.as_data().items()
            for error in errors
        ]
    }


def _item(error: ValidationError, loc: list[str]) -> dict[str, Any]:
    message = error.message
    if error.params:
        message = message % error.params
    return {"loc": loc, "msg": str(message), "type": error.code or "invalid"}
