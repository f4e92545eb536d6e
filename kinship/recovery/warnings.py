"""Early warning signals (filled in by the warning-signs work)."""

from __future__ import annotations


def warning_signals_compute_all() -> int:
    """Compute today's signals for every member; returns how many are new."""
    raise NotImplementedError
