"""Milestones of sobriety clocks (filled in by the clocks work)."""

from __future__ import annotations


def milestones_refresh_all() -> int:
    """Record and announce every milestone reached since the last run; returns how
    many were new."""
    raise NotImplementedError
