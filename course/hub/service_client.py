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
from ..i18n import LANGUAGES
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
class ExchangeCopy:
    """The learner's own copy of what their course home reads from the exchange (their gate, their mentor's
    messages, the live chats), kept in their workspace under the exchange's own layout
    (``<folder>/<course>/gate/<learner>.json``, ``…/messages/<learner>.json``, ``…/live_chats.json``), so
    the home reads it as it reads the exchange on one machine (:class:`HubLearnerLayout`). Refreshed from
    the service (one request) at most every ``every`` seconds (4: a grade shows within about 6 s, and 500
    open homes ask the service about 125 times a second, well inside what it serves); when the service cannot be reached the last
    copy stays. Editing it changes only what the learner's own home shows, like every file of the workspace."""
    folder: Path
    course_id: str
    learner: str
    every: float = 4.0
    _last: float = field(default=-1e9, repr=False)

    @property
    def gate_dir(self) -> Path:
        return self.folder / self.course_id / "gate"

    def refresh(self, service: ExchangeService | None = None) -> bool:
        """Fetch the home's files if it is time; whether the copy changed."""
        if time.monotonic() - self._last < self.every:
            return False
        self._last = time.monotonic()
        try:
            data = (service or ExchangeService(timeout=10)).json("GET", "api/home")
        except ServiceError:
            return False
        course = self.folder / self.course_id
        wanted = {gate.gate_file(self.gate_dir, self.learner): _json_text(data.get("gate")),
                  course / "messages" / f"{self.learner}.json": _json_text(data.get("messages"))}
        files = data.get("files") if isinstance(data.get("files"), dict) else {}
        for name in PUBLIC_FILES:
            text = files.get(name)
            wanted[course / name] = text if isinstance(text, str) else None
        return any([_keep(path, text) for path, text in wanted.items()])


PUBLIC_FILES = ("live_chats.json", *(f"live_chats.{code}.ics" for code in LANGUAGES))


def _json_text(value) -> str | None:
    return json.dumps(value, ensure_ascii=False, indent=1) if isinstance(value, dict) and value else None


def _keep(path: Path, text: str | None) -> bool:
    """Make ``path`` hold ``text`` (None: no file); whether it changed. Written atomically."""
    data = None if text is None else text.encode("utf-8")
    try:
        if data is not None and path.read_bytes() == data:
            return False
    except OSError:
        pass
    if text is None:
        if path.exists():
            path.unlink()
            return True
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".copy", suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)
    return True


@dataclass(frozen=True)
class HubLearnerLayout(CourseLayout):
    """The course as a learner's lab in a hub sees it: the exchange is the learner's copy (:class:`ExchangeCopy`)."""
    exchange_copy: Path = Path()

    @property
    def exchange(self) -> Path:
        return self.exchange_copy


def in_hub() -> bool:
    """Whether this lab was started by the course's hub (``COURSE_HUB=1``)."""
    return os.environ.get("COURSE_HUB") == "1"


__all__ = ["ExchangeService", "ServiceError", "read_gate", "gate_entries", "ExchangeCopy", "HubLearnerLayout", "in_hub"]
