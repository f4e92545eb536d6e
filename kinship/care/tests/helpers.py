"""Helpers of the care tests: answers that add up to a chosen total."""

from __future__ import annotations

from kinship.care.instruments import Instrument


def answers_totalling(
    instrument: Instrument, total: int, fixed: dict[str, int] | None = None
) -> dict[str, int]:
    """Valid answers to every item whose sum is ``total``: the ``fixed`` items
    as given, the others filled from the first item on. ValueError if the
    total cannot be reached that way."""
    fixed = fixed or {}
    answers = {
        item.key: fixed.get(item.key, min(item.values)) for item in instrument.items
    }
    left = total - sum(answers.values())
    for item in instrument.items:
        if item.key in fixed:
            continue
        step = min(left, max(item.values) - answers[item.key])
        answers[item.key] += step
        left -= step
    if left != 0:
        raise ValueError(f"{instrument.key}: cannot reach {total} with {fixed}")
    return answers


def form_data(answers: dict[str, int], **extra: str) -> dict[str, str]:
    return {f"q{key}": str(value) for key, value in answers.items()} | extra
