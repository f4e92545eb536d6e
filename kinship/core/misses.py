"""Wrong guesses at a short secret, counted in the cache, with a lockout.

A fixed window: the count expires ``window`` after the first miss, and once it
reaches ``allowed`` the key is locked until then, even for the right answer.
Used for meeting codes (attendance) and referral codes (care); each caller
names its own keys (per member, per IP address).
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache


def misses_locked(key: str, *, allowed: int) -> bool:
    """Whether ``key`` has used up its ``allowed`` misses in the current window."""
    return int(cache.get(key, 0)) >= allowed


def miss_count(key: str, *, window: dt.timedelta) -> None:
    """Count one miss against ``key``; the first miss opens a ``window``."""
    timeout = int(window.total_seconds())
    cache.add(key, 0, timeout=timeout)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
