"""The learner side's calls to the course's exchange service (``course/hub/exchange_service.py``).

In hub mode a learner's lab cannot read the exchange folder; it asks the service at
``COURSE_EXCHANGE_URL`` with the server's own ``JUPYTERHUB_API_TOKEN`` (both set by the hub's
spawner). Plain ``urllib``: no nbgrader and nothing of the grader is imported here, so the course
home can read the gate through it and stay light. Every failure is a :class:`ServiceError` carrying
a sentence for the learner (the service's own, e.g. the gate's, when it gave one).
"""
from __future__ import annotations

import json
import os
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from .. import gate
from ..layout import CourseLayout

URL_ENV = "COURSE_EXCHANGE_URL"
TOKEN_ENV = "JUPYTERHUB_API_TOKEN"
SUBMISSION_ID_HEADER = "X-Course-Submission-Id"
UNREACHABLE = ("The course's exchange cannot be reached just now. Try again in a minute; "
               "if it keeps failing, tell your mentor.")


class ServiceError(Exception):
    """The service said no (or could not be reached); ``message`` is for the learner."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


class ExchangeService:
    """The service, as one learner's server calls it."""

    def __init__(self, url: str | None = None, token: str | None = None, timeout: float = 60):
        self.url = (url or os.environ.get(URL_ENV, "")).rstrip("/") + "/"
        self.token = token if token is not None else os.environ.get(TOKEN_ENV, "")
        self.timeout = timeout
        if self.url == "/":
            raise ServiceError(0, "This lab does not know where the course's exchange is "
                                  f"({URL_ENV} is not set). Tell your mentor.")

    def call(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> bytes:
        """The answer's body; a :class:`ServiceError` for any refusal or failure."""
        request = urllib.request.Request(self.url + path, data=body, method=method,
                                         headers={"Authorization": f"token {self.token}", **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as error:
            try:
                message = json.loads(error.read()).get("message")
            except (ValueError, AttributeError, OSError):
                message = None
            raise ServiceError(error.code, message if isinstance(message, str) and message else UNREACHABLE) from None
        except (OSError, ValueError):
            raise ServiceError(0, UNREACHABLE) from None

    def json(self, method: str, path: str, **kwargs) -> dict:
        try:
            data = json.loads(self.call(method, path, **kwargs))
        except ValueError:
            raise ServiceError(0, UNREACHABLE) from None
        if not isinstance(data, dict):
            raise ServiceError(0, UNREACHABLE)
        return data

    def gate(self) -> dict:
        return self.json("GET", "api/gate")

    def weeks(self) -> list[dict]:
        weeks = self.json("GET", "api/weeks").get("weeks")
        return [w for w in weeks if isinstance(w, dict) and isinstance(w.get("week"), str)] if isinstance(weeks, list) else []

    def release(self, week: str) -> bytes:
        return self.call("GET", f"api/weeks/{week}/release")

    def submit(self, week: str, tar: bytes, submission_id: str) -> dict:
        return self.json("POST", f"api/weeks/{week}/submissions", body=tar,
                         headers={SUBMISSION_ID_HEADER: submission_id, "Content-Type": "application/gzip"})

    def feedback(self, week: str) -> bytes:
        return self.call("GET", f"api/weeks/{week}/feedback")


def read_gate(service: ExchangeService | None = None) -> dict:
    """The learner's published gate as the grader wrote it (``{}`` when there is none)."""
    return (service or ExchangeService(timeout=10)).gate()


def gate_entries(data: dict) -> dict[str, gate.GateEntry] | None:
    """The week entries of a gate read with :func:`read_gate`; None when it holds none (nothing is open)."""
    try:
        return {k: gate.GateEntry(**v) for k, v in data["weeks"].items()}
    except (KeyError, TypeError, AttributeError):
        return None


@dataclass
class GateCopy:
    """The learner's own copy of their gate, kept in their workspace for the course home, which reads it
    like the gate folder (``<folder>/<learner>.json``). Refreshed from the service at most every
    ``every`` seconds; when the service cannot be reached the last copy stays. Editing it changes only
    what the learner's own home shows, like every file of the workspace."""
    folder: Path
    learner: str
    every: float = 1.5
    _last: float = field(default=-1e9, repr=False)

    def refresh(self, service: ExchangeService | None = None) -> bool:
        """Fetch the gate if it is time; whether the copy changed."""
        if time.monotonic() - self._last < self.every:
            return False
        self._last = time.monotonic()
        try:
            data = read_gate(service)
        except ServiceError:
            return False
        path = gate.gate_file(self.folder, self.learner)
        if not data:
            if path.exists():
                path.unlink()
                return True
            return False
        text = json.dumps(data, ensure_ascii=False, indent=1)
        try:
            if path.read_text(encoding="utf-8") == text:
                return False
        except OSError:
            pass
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".gate", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
        return True


@dataclass(frozen=True)
class HubLearnerLayout(CourseLayout):
    """The course as a learner's lab in a hub sees it: the gate is read from the learner's copy."""
    gate_copy: Path = Path()

    @property
    def gate_dir(self) -> Path:
        return self.gate_copy


def in_hub() -> bool:
    """Whether this lab was started by the course's hub (``COURSE_HUB=1``)."""
    return os.environ.get("COURSE_HUB") == "1"


__all__ = ["ExchangeService", "ServiceError", "read_gate", "gate_entries", "GateCopy", "HubLearnerLayout", "in_hub"]
