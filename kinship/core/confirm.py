"""Irreversible actions ask first, with or without JavaScript.

The page with the action links to a confirm page (a GET) that says exactly what
will happen and holds the real form; the POST endpoint acts only when the form's
confirmation field came with it, and otherwise answers with the same confirm page
(400) having changed nothing. A stray or forged one-click POST cannot destroy a
person's data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRM_FIELD = "confirm"
CONFIRM_VALUE = "yes"


def confirmed(request: HttpRequest) -> bool:
    """Whether the POST came from a confirm page's form."""
    return request.POST.get(CONFIRM_FIELD) == CONFIRM_VALUE


@dataclass(frozen=True)
class Confirmation:
    """What a confirm page says and where its form goes."""

    title: str
    consequences: Sequence[str]
    action: str
    button: str
    cancel: str
    form: Form | None = None
    danger: bool = True
    lede: str = field(default="")


def confirm_page(
    request: HttpRequest, confirmation: Confirmation, *, status: int = 200
) -> HttpResponse:
    """The confirm page; ``status`` 400 when a POST came without the confirmation
    (or with a refused form), so the page then says nothing was changed."""
    context = {
        "confirmation": confirmation,
        "form": confirmation.form,
        "refused": status >= 400,
        "confirm_field": CONFIRM_FIELD,
        "confirm_value": CONFIRM_VALUE,
    }
    return render(request, "confirm.html", context, status=status)
