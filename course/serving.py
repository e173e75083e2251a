"""Serving a page from the console: the server's chatter kept out, its address printed last, alone.

JupyterLab (``course lab``, ``course lab --mentor``) and Voila (``course dashboard``)
log about 40 lines when they start (extensions linked and loaded, the URL
banner), and every kernel they start warns "Kernel is running over TCP without
encryption" (ipykernel says so for any kernel on 127.0.0.1; the course's
servers listen on this computer only). A mentor or learner needs one thing:
the address to open. So:

- :func:`quiet_options` asks the server itself for warnings and errors only
  (``--<App>.log_level=WARN``), and :func:`quiet_environment` gives JupyterLab
  its token through ``JUPYTER_TOKEN`` (not the command line, which every user
  of the machine can read), so it prints no "copy and paste one of these URLs"
  banner;
- :func:`start_quietly` pipes the server's output through :class:`LineFilter`,
  which drops only what is known to be noise (information records, the
  unencrypted-TCP warning of kernels on this computer, Voila's "not trusted"
  note about the course's own notebook, Python deprecation notices of the
  libraries) and passes everything else through, tracebacks included;
- :func:`announce` waits until the server answers, then prints the address
  on a line of its own, the last one printed.
"""
from __future__ import annotations

import re
import secrets
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO

# a log record's first line: Jupyter Server "[W 2026-12-02 06:30:10.534 ServerApp] ...",
# traitlets apps (Voila, the kernel) "[Voila] WARNING | ..." (no level word: information)
_JUPYTER_RECORD = re.compile(r"^\[(?P<level>[DIWEC]) \d{4}-\d\d-\d\d [\d:.]+ [\w.-]+\]")
_APP_RECORD = re.compile(r"^\[(?P<app>[\w.-]+)\](?: (?P<level>DEBUG|WARNING|ERROR|CRITICAL) \|)?")
_PY_WARNING = re.compile(r"^\S+:\d+: (?:Pending)?DeprecationWarning: ")
_OWN_LINE = re.compile(r"^(?:Traceback \(most recent call last\)|\S+:\d+: \w+Warning: |[\w.]+(?:Error|Exception)\b)")
NOISE = (
    "Kernel is running over TCP without encryption",   # ipykernel, for every kernel on 127.0.0.1
    "is not trusted",                                   # Voila, about the course's own dashboard notebook
)


def quiet_options(app: str) -> list[str]:
    """Command-line options that keep ``app``'s (``ServerApp``, ``Voila``) log to warnings and errors."""
    return [f"--{app}.log_level=WARN"]


def quiet_environment(env: dict[str, str]) -> dict[str, str]:
    """``env`` with a token for a Jupyter server (kept when one is set), so it logs no banner of URLs."""
    env = dict(env)
    env.setdefault("JUPYTER_TOKEN", secrets.token_hex(24))
    return env


class LineFilter:
    """Decides, line by line, what of a server's output reaches the console. A record's following lines
    (a traceback, a long message) share its fate; a Python traceback or warning of its own passes."""

    def __init__(self) -> None:
        self._keeping = True

    def keep(self, line: str) -> bool:
        text = line.rstrip("\n")
        record = _JUPYTER_RECORD.match(text)
        if record:
            self._keeping = record["level"] in "WEC" and not _is_noise(text)
            return self._keeping
        record = _APP_RECORD.match(text)
        if record:
            self._keeping = record["level"] not in (None, "DEBUG") and not _is_noise(text)
            return self._keeping
        if _PY_WARNING.match(text):
            self._keeping = False   # the warning, then its indented source line
            return False
        if _OWN_LINE.match(text):
            self._keeping = True    # a crash's traceback, a warning printed by Python
            return True
        return self._keeping


def _is_noise(text: str) -> bool:
    return any(phrase in text for phrase in NOISE)


def kept_lines(lines: list[str]) -> list[str]:
    """The lines of ``lines`` (a server's output) that :class:`LineFilter` keeps, in order."""
    chosen = LineFilter()
    return [line for line in lines if chosen.keep(line)]


def start_quietly(cmd: list[str], env: dict[str, str], out: TextIO | None = None) -> subprocess.Popen:
    """Start a server with its output (stdout and stderr) filtered into ``out`` (default: stdout)."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, text=True, encoding="utf-8", errors="replace",
                            bufsize=1)
    target = out or sys.stdout
    chosen = LineFilter()

    def pump() -> None:
        for line in proc.stdout:
            if chosen.keep(line):
                target.write(line)
                target.flush()

    reader = threading.Thread(target=pump, name="server-output", daemon=True)
    reader.start()
    proc.output_reader = reader   # joined by :func:`finish_output`
    return proc


def finish_output(proc: subprocess.Popen, seconds: float = 5.0) -> None:
    """Let the last kept lines of a stopped server reach the console."""
    reader = getattr(proc, "output_reader", None)
    if reader is not None:
        reader.join(seconds)


def announce(proc: subprocess.Popen, address: Callable[[], str | None], out: TextIO | None = None,
             every: float = 0.25) -> str | None:
    """Wait until ``address()`` gives the server's address (it answers), print it alone on a line, and
    return it; None when the server stopped first."""
    target = out or sys.stdout
    while proc.poll() is None:
        found = address()
        if found:
            target.write(f"\n{found}\n")
            target.flush()
            return found
        time.sleep(every)
    return None


def listening(host: str, port: int) -> bool:
    """Whether something accepts connections on ``host:port``."""
    import socket
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def server_address(pid: int, path: str) -> str | None:
    """The address, with its token, of the Jupyter server of process ``pid`` once it is serving
    (read from Jupyter's runtime files), followed by ``path``; None before."""
    from jupyter_server.serverapp import list_running_servers
    for info in list_running_servers():
        if info.get("pid") == pid:
            token = info.get("token")
            return info.get("url", "").rstrip("/") + path + (f"?token={token}" if token else "")
    return None

