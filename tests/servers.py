"""Start a server the tests talk to (JupyterLab, the dashboard), wait until it answers, stop it."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(cmd: list[str], url: str, log: Path, env: dict | None = None, timeout: float = 90,
          request_timeout: float = 2) -> tuple[subprocess.Popen, str]:
    """Run ``cmd`` (output to ``log``) until ``url`` answers; the process and the page it gave.
    Raises RuntimeError, with the log, if it stops or does not answer in ``timeout`` seconds."""
    with open(log, "w") as out:
        proc = subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=request_timeout) as response:
                return proc, response.read().decode("utf-8")
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                stop(proc)
                raise RuntimeError(f"{' '.join(cmd[:5])} ... did not start:\n" + log.read_text())
            time.sleep(0.5)


def stop(proc: subprocess.Popen) -> None:
    """Stop the server and everything it started (kernels included)."""
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
            return
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()
