"""Running requests in threads, each with its own database connection.

SQLite's in-memory test database is shared between connections through SQLite's
shared cache, whose table locks fail at once ("database table is locked")
instead of waiting as file locks do. So on SQLite the threads work on a file copy
of the test database, where the busy timeout and BEGIN IMMEDIATE of our settings
apply as in production. On PostgreSQL the test database is used as it is.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from django.db import connections

T = TypeVar("T")

THREADS_BUSY_TIMEOUT_SECONDS = 60
# A later PRAGMA wins over the settings' own busy_timeout.
THREADS_BUSY_TIMEOUT = f"PRAGMA busy_timeout={THREADS_BUSY_TIMEOUT_SECONDS * 1000};"


@contextmanager
def threads_database(tmp_path: Path) -> Iterator[None]:
    """Within the block, connections opened by new threads use a database that
    several connections can write to concurrently (see the module docstring)."""
    connection = connections["default"]
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():  # type: ignore[attr-defined]
        yield
        return
    path = tmp_path / "threads.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    # WAL now, not by the first of the threads while the others wait on it.
    copy.execute("PRAGMA journal_mode=WAL")
    copy.close()
    # New threads build their connection from this dict (the test's own,
    # already open, connection is left alone and reverts with it).
    settings_dict = connections.settings["default"]
    in_memory = settings_dict["NAME"]
    options = settings_dict["OPTIONS"]
    settings_dict["NAME"] = str(path)
    # Writers queue at BEGIN IMMEDIATE for up to the busy timeout. Production's
    # 5 s is ample for a request, but on a loaded 2-core machine (a parallel
    # suite, CI) five threads each waiting their turn have been seen to pass it
    # ("database is locked"). The threads must wait however slow the machine is;
    # the waits stay bounded by in_threads' join timeout.
    settings_dict["OPTIONS"] = {
        **options,
        "init_command": options["init_command"] + THREADS_BUSY_TIMEOUT,
        "timeout": THREADS_BUSY_TIMEOUT_SECONDS,
    }
    try:
        yield
    finally:
        settings_dict["NAME"] = in_memory
        settings_dict["OPTIONS"] = options


def in_threads(count: int, work: Callable[[], T]) -> list[T | BaseException]:
    """Run ``work`` in ``count`` threads released at once; their results (or
    exceptions). Each thread closes its connections when done."""
    start = threading.Barrier(count)
    results: list[T | BaseException] = []
    lock = threading.Lock()

    def run() -> None:
        try:
            start.wait(timeout=10)
            result: T | BaseException = work()
        except BaseException as error:  # reported to the test
            result = error
        finally:
            connections.close_all()
        with lock:
            results.append(result)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=2 * THREADS_BUSY_TIMEOUT_SECONDS)
    return results


def in_a_thread(work: Callable[[], T]) -> T:
    """Run ``work`` in one new thread (so with a connection of the block's)."""
    (result,) = in_threads(1, work)
    if isinstance(result, BaseException):
        raise result
    return result
