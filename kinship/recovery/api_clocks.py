"""API of the recovery tools: clocks (mounted at /api/v1/ by kinship/api.py)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["recovery"])
