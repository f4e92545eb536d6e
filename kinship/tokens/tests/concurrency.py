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
    copy.close()
    # New threads build their connection from this dict (the test's own,
    # already open, connection is left alone and reverts with it).
    settings_dict = connections.settings["default"]
    in_memory = settings_dict["NAME"]
    settings_dict["NAME"] = str(path)
    try:
        yield
    finally:
        settings_dict["NAME"] = in_memory


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
        thread.join(timeout=60)
    return results


def in_a_thread(work: Callable[[], T]) -> T:
    """Run ``work`` in one new thread (so with a connection of the block's)."""
    (result,) = in_threads(1, work)
    if isinstance(result, BaseException):
        raise result
    return result
