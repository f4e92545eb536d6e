"""Run the real application server (gunicorn) for a benchmark, and always stop it."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from scratchdb import REPO

HOST = "127.0.0.1"
HEALTH_PATH = "/healthz"
STARTUP_TIMEOUT_SECONDS = 60.0
SHUTDOWN_TIMEOUT_SECONDS = 30.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def gunicorn_command(port: int, *, workers: int, threads: int) -> list[str]:
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "kinship.wsgi:application",
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
    ]
    if threads > 1:
        command += ["--threads", str(threads)]
    return command


def _healthy(port: int) -> bool:
    connection = http.client.HTTPConnection(HOST, port, timeout=2)
    try:
        connection.request("GET", HEALTH_PATH)
        response = connection.getresponse()
        response.read()
        return response.status == 200
    except OSError:
        return False
    finally:
        connection.close()


def _log_tail(log_path: Path, lines: int = 30) -> str:
    return "".join(log_path.read_text().splitlines(keepends=True)[-lines:])


def _wait_healthy(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"gunicorn exited with {process.returncode} before {HEALTH_PATH} "
                f"answered; last lines of {log}:\n{_log_tail(log)}"
            )
        if _healthy(port):
            return
        time.sleep(0.2)
    raise RuntimeError(
        f"{HEALTH_PATH} did not answer 200 within {STARTUP_TIMEOUT_SECONDS:.0f} s; "
        f"last lines of {log}:\n{_log_tail(log)}"
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the master (it stops its workers), then kill its group if it hangs."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=SHUTDOWN_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        # The server runs in its own session, so this group holds only its processes.
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextmanager
def running_server(
    env: Mapping[str, str], log_path: Path, *, workers: int = 2, threads: int = 1
) -> Iterator[int]:
    """Start gunicorn on a free local port, wait for health, yield the port."""
    port = free_port()
    with log_path.open("w") as log:
        process = subprocess.Popen(
            gunicorn_command(port, workers=workers, threads=threads),
            cwd=REPO,
            env=dict(env),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_healthy(process, port, log_path)
        yield port
    finally:
        _stop(process)
