"""Fetching a feed's bytes from a file or an https URL, with a size limit."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

from .reading import FeedError

# Real feeds are a few MB; 100,000 meetings are about 60 MB.
MAX_FEED_BYTES = 256 * 1024 * 1024
FETCH_TIMEOUT_SECONDS = 60


def feed_source_read(source: str, *, max_bytes: int = MAX_FEED_BYTES) -> bytes:
    """The bytes at ``source`` (a file path or an https URL), or ``FeedError``."""
    if source.startswith("https://"):
        return _url_read(source, max_bytes)
    if "://" in source:
        raise FeedError("Feeds are read from a file or an https:// address only.")
    path = Path(source)
    if not path.is_file():
        raise FeedError(f"No feed file at {source}.")
    if path.stat().st_size > max_bytes:
        raise FeedError(f"The feed is larger than {max_bytes // 2**20} MB.")
    return path.read_bytes()


def _url_read(url: str, max_bytes: int) -> bytes:
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked: https only
        url, headers={"Accept": "application/json", "User-Agent": "Kinship feed import"}
    )
    try:
        with urllib.request.urlopen(  # noqa: S310
            request, timeout=FETCH_TIMEOUT_SECONDS
        ) as response:
            data: bytes = response.read(max_bytes + 1)
    except urllib.error.HTTPError as error:
        raise FeedError(f"The feed address answered HTTP {error.code}.") from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise FeedError(f"The feed address could not be read: {reason}.") from None
    if len(data) > max_bytes:
        raise FeedError(f"The feed is larger than {max_bytes // 2**20} MB.")
    return data
