"""The exchange as a JupyterHub service: the gate kept where no learner can reach it.

Runs as the course account (never as a learner), the only account that may read the exchange
folder in hub mode. A learner's lab reaches it at ``<hub>/services/exchange/`` with the token
JupyterHub gave that server; the service asks the hub who the token belongs to, so the identity
is the hub's and every time is the server's. The API (every refusal is ``{"message": sentence}``):

- ``GET  api/health``                       ``{"ok": true}``, no sign-in;
- ``GET  api/gate``                         the caller's published gate (as on disk; ``{}`` if none);
- ``GET  api/home``                         what the caller's course home shows of the exchange, in one
                                            answer: their gate, their mentor's messages, the live chats;
- ``GET  api/weeks``                        the weeks released and open for the caller;
- ``GET  api/weeks/W/release``              gzip tar of the released week (paths inside the week);
- ``POST api/weeks/W/submissions``          a hand-in: gzip tar of the week folder, header
                                            ``X-Course-Submission-Id`` (a fresh uuid4: the replay guard);
- ``GET  api/weeks/W/feedback``             gzip tar ``<timestamp>/<notebook>.html`` of the caller's own pages;
- ``GET  api/mentor/submissions[?week=W]``  every submission in inbound; the ``mentors`` group only.

The gate is checked before anything is sent or written. A hand-in is unpacked as untrusted input
(regular files and folders only, no link, device, absolute or ``..`` path, within the limits of
:mod:`course.grading.inbound`) into a staging folder, named by the service
(``<hub user>+<week>+<server UTC time>+<random>``, with ``timestamp.txt`` and a fresh
``submission_secret.txt`` written by the service), then renamed into inbound: the grader finds it
owned by the course account, which may hand in for anyone (``inbound.submitter_problem``).
Submission ids are kept in ``ROOT/hub/exchange.sqlite``, so a replay is refused after a restart too.

**Who is asking** (:class:`HubIdentity`): ``HubAuth.user_for_token`` sends the caller's token to the
hub's ``GET /hub/api/user``. The hub answers with the token owner's model: ``name`` and ``groups``
are always there (every token may identify itself: ``read:users:name!user`` and
``read:users:groups!user``), and ``scopes`` lists what the token may do. The service itself needs
no scope for this (the request carries the caller's token); the caller's token needs
``access:services!service=exchange``: the hub's role for learners and mentors must grant it, and
``Spawner.server_token_scopes`` must include it so the server's ``JUPYTERHUB_API_TOKEN`` carries it.
Answers are cached by HubAuth (``cache_max_age``, one minute here), so a hammering cohort costs
the hub one request per token a minute. Tests give :func:`make_app` a :class:`StaticIdentity`.
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import datetime as dt
import io
import json
import logging
import os
import re
import secrets
import shutil
import sqlite3
import stat
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Awaitable, Callable
from urllib.parse import urlparse

from nbgrader.utils import notebook_hash
from tornado import httpserver, web

from .. import gate
from ..grading.feedback import read_small
from ..grading.inbound import MAX_BYTES, MAX_FILES, NAME
from ..i18n import LANGUAGES
from ..layout import CourseLayout

log = logging.getLogger("course.exchange")

SERVICE_NAME = "exchange"
MENTORS_GROUP = "mentors"
DEFAULT_PREFIX = f"/services/{SERVICE_NAME}/"
DEFAULT_PORT = 10101
BODY_LIMIT = MAX_BYTES + 1024 * 1024          # a compressed hand-in never needs more than its contents
MAX_MEMBERS = 2 * MAX_FILES + 100             # files and folders together
STAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f UTC"     # nbgrader's timestamp_format, always in UTC
WEEK = r"[A-Za-z0-9_-][A-Za-z0-9_.-]*"
SUBMISSION_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
_SAFE_LEARNER = re.compile(r"^[A-Za-z0-9_.@-]+$")
PUBLIC_FILES = ("live_chats.json", *(f"live_chats.{code}.ics" for code in LANGUAGES))   # for every learner
MESSAGES_LIMIT = 2 * 1024 * 1024
SERVICE_FILES = ("timestamp.txt", "submission_secret.txt")   # written by the service, never taken from a hand-in

AGAIN = "Try again in a minute; if it keeps failing, tell your mentor."


class Refusal(web.HTTPError):
    """A request the service says no to, with the sentence the learner reads."""

    def __init__(self, status: int, message: str):
        super().__init__(status)
        self.status, self.message = status, message

    def __str__(self) -> str:
        return f"{self.status}: {self.message}"


@dataclass(frozen=True)
class Identity:
    """A hub user as the service knows them."""
    name: str
    groups: frozenset[str] = frozenset()


Authenticate = Callable[[str], Awaitable["Identity | None"]]


class HubIdentity:
    """Who owns a token, asked of JupyterHub through ``HubAuth`` (see the module's description).

    The answer (an identity, or why not) is kept for ``max_age`` seconds, as HubAuth keeps the hub's,
    and a token asked about while the hub is still answering waits for that answer: a lab's home asks
    several things at once, and the scopes are checked once per token, not at every request."""

    def __init__(self, hub_auth=None, service_name: str = SERVICE_NAME, max_age: float = 60):
        from jupyterhub.services.auth import HubAuth
        self.auth = hub_auth or HubAuth(cache_max_age=int(max_age))
        self.required = set(self.auth.access_scopes) or {f"access:services!service={service_name}"}
        self.max_age = max_age
        self._known: dict[str, tuple[float, Identity | Refusal | None]] = {}
        self._asking: dict[str, asyncio.Future] = {}

    async def __call__(self, token: str) -> Identity | None:
        loop = asyncio.get_running_loop()
        known = self._known.get(token)
        if known and known[0] > loop.time():
            answer = known[1]
        elif token in self._asking:
            answer = await asyncio.shield(self._asking[token])
        else:
            self._asking[token] = asking = loop.create_future()
            try:
                answer = await self._ask(token)
            except BaseException as exc:
                asking.set_exception(exc)
                asking.exception()   # retrieved: nobody else may be waiting
                raise
            finally:
                self._asking.pop(token, None)
            asking.set_result(answer)
            if len(self._known) > 10000:
                self._known = {k: v for k, v in self._known.items() if v[0] > loop.time()}
            self._known[token] = (loop.time() + self.max_age, answer)
        if isinstance(answer, Refusal):
            raise Refusal(answer.status, answer.message)
        return answer

    async def _ask(self, token: str) -> Identity | Refusal | None:
        from jupyterhub.services.auth import check_scopes
        model = await self.auth.user_for_token(token, sync=False)
        if not model or model.get("kind", "user") != "user" or not model.get("name"):
            return None
        if not check_scopes(self.required, set(model.get("scopes", []))):
            return Refusal(403, "Your sign-in may not use the course's exchange. Ask your mentor.")
        return Identity(model["name"], frozenset(model.get("groups") or ()))


class StaticIdentity:
    """A fixed ``token -> (name, groups)`` table, for running the service without a hub (tests)."""

    def __init__(self, users: dict[str, tuple[str, list[str] | tuple[str, ...]]]):
        self.users = {token: Identity(name, frozenset(groups)) for token, (name, groups) in users.items()}

    async def __call__(self, token: str) -> Identity | None:
        return self.users.get(token)


# ---------------------------------------------------------------------------- the course, as the service reads it

class SeenIds:
    """Submission ids already received (SQLite, so a replay is refused after a restart too)."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        os.chmod(path, 0o600)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS submissions (id TEXT PRIMARY KEY, learner TEXT NOT NULL, "
                        "week TEXT NOT NULL, folder TEXT NOT NULL, received TEXT NOT NULL)")

    def seen(self, submission_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM submissions WHERE id = ?", (submission_id,)).fetchone() is not None

    def claim(self, submission_id: str, learner: str, week: str, folder: str, received: str) -> bool:
        """Record the id; False when it was already there (the insert is the atomic claim)."""
        try:
            self.db.execute("INSERT INTO submissions VALUES (?, ?, ?, ?, ?)",
                            (submission_id, learner, week, folder, received))
            return True
        except sqlite3.IntegrityError:
            return False

    def release(self, submission_id: str) -> None:
        self.db.execute("DELETE FROM submissions WHERE id = ?", (submission_id,))

    def ids_by_folder(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT folder, id FROM submissions"))

    def close(self) -> None:
        self.db.close()


class CourseExchange:
    """The exchange folder of one course, read with caches that follow the files' changes."""

    def __init__(self, layout: CourseLayout, database: Path | None = None):
        self.layout = layout
        self.folder = layout.exchange / layout.course_id
        self.gate_dir = layout.gate_dir
        self.outbound = self.folder / "outbound"
        self.inbound = self.folder / "inbound"
        self.feedback = self.folder / "feedback"
        self.seen = SeenIds(database or layout.hub_dir / "exchange.sqlite")
        self._gates: dict[str, tuple[tuple, dict, dict]] = {}
        self._releases: dict[str, tuple[tuple, bytes]] = {}
        self._files: dict[str, tuple[tuple, bytes | None]] = {}

    # the gate
    def gate(self, learner: str) -> tuple[dict, dict[str, gate.GateEntry]] | None:
        """The learner's published gate (else the default one): (as on disk, entries); None if none.
        Each file is parsed again only when it changed (a new file replaces it at every publication)."""
        for name in (learner, gate.DEFAULT):
            path = gate.gate_file(self.gate_dir, name)
            try:
                info = os.stat(path)
            except FileNotFoundError:
                continue
            key = (info.st_ino, info.st_mtime_ns, info.st_size)
            cached = self._gates.get(str(path))
            if cached and cached[0] == key:
                return cached[1], cached[2]
            try:
                raw = json.loads(path.read_bytes())
                entries = {k: gate.GateEntry(**v) for k, v in raw["weeks"].items()}
            except FileNotFoundError:
                continue
            except (ValueError, KeyError, TypeError, AttributeError):
                return None                   # a damaged gate opens nothing
            self._gates[str(path)] = (key, raw, entries)
            return raw, entries
        return None

    def open_entry(self, learner: str, week: str, submitting: bool = False) -> gate.GateEntry:
        """The learner's gate entry of an open week, else a refusal with the gate's own sentence."""
        found = self.gate(learner)
        if found is None:
            raise Refusal(403, "This course has not opened any week yet. Ask your mentor.")
        entry = found[1].get(week)
        if entry is None:
            raise Refusal(404, f"{week} is not part of this course.")
        if not entry.is_open:
            raise Refusal(403, entry.message or f"{week} is not open for you yet.")
        if submitting and not entry.can_submit and entry.state != "passed":
            raise Refusal(403, entry.message or f"{week} cannot be handed in now ({entry.state}).")
        return entry

    def home_files(self, learner: str) -> dict:
        """What the learner's course home reads from the exchange: ``{"gate": …, "messages": …, "files":
        {name: text}}`` (their own gate and messages file, the published live chats and calendars)."""
        found = self.gate(learner)
        messages = self._small(self.folder / "messages" / f"{learner}.json", MESSAGES_LIMIT)
        try:
            messages = json.loads(messages) if messages else {}
        except ValueError:
            messages = {}
        files = {}
        for name in PUBLIC_FILES:
            data = self._small(self.folder / name, MESSAGES_LIMIT)
            if data is not None:
                files[name] = data.decode("utf-8", "replace")
        return {"gate": found[0] if found else {}, "messages": messages if isinstance(messages, dict) else {},
                "files": files}

    def _small(self, path: Path, limit: int) -> bytes | None:
        """A small file of the exchange (never through a link), read again only when it changed."""
        try:
            info = os.lstat(path)
        except OSError:
            return None
        key = (info.st_ino, info.st_mtime_ns, info.st_size)
        cached = self._files.get(str(path))
        if cached and cached[0] == key:
            return cached[1]
        data = read_small(path, limit)
        self._files[str(path)] = (key, data)
        return data

    def released(self, week: str) -> bool:
        return (self.outbound / week).is_dir()

    # releases
    def release_tar(self, week: str) -> bytes:
        """The released week as a gzip tar, built once per change of its files."""
        folder = self.outbound / week
        files = _tree(folder)
        key = tuple((rel, st.st_ino, st.st_size, st.st_mtime_ns) for rel, st in files)
        cached = self._releases.get(week)
        if cached and cached[0] == key:
            return cached[1]
        data = _tar_of([(rel, folder / rel) for rel, st in files if stat.S_ISREG(st.st_mode)])
        self._releases[week] = (key, data)
        return data

    # hand-ins
    def receive(self, learner: str, week: str, submission_id: str, body) -> dict:
        """Unpack a hand-in into inbound under the learner's name and the server's time (see the module)."""
        if self.seen.seen(submission_id):
            raise Refusal(409, "This hand-in was already received.")
        now = dt.datetime.now(dt.timezone.utc)
        stamp = now.strftime(STAMP_FORMAT)
        random = base64.urlsafe_b64encode(os.urandom(9)).decode("ascii")
        name = f"{learner}+{week}+{stamp}+{random}"
        self.inbound.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".receiving-", dir=self.inbound))
        try:
            unpack(body, staging)
            secret = secrets.token_hex(64)
            _write_new(staging / "timestamp.txt", stamp.encode())
            _write_new(staging / "submission_secret.txt", secret.encode())
            if not self.seen.claim(submission_id, learner, week, name, now.isoformat()):
                raise Refusal(409, "This hand-in was already received.")
            try:
                os.rename(staging, self.inbound / name)
            except OSError:
                self.seen.release(submission_id)
                raise
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
        log.info("received %s", name)
        return {"timestamp": stamp, "week": week, "id": submission_id, "secret": secret}

    # feedback
    def feedback_tar(self, learner: str, week: str) -> bytes:
        """``<timestamp>/<notebook>.html`` for each of the learner's own submissions of the week with a page."""
        members = []
        for folder in self.submissions_of(learner, week):
            secret = read_small(folder / "submission_secret.txt")
            stamp = read_small(folder / "timestamp.txt")
            if not secret or not stamp:
                continue
            stamp_text = stamp.decode("utf-8", "replace").strip()
            if not stamp_text or "/" in stamp_text or stamp_text in (".", ".."):
                continue
            for notebook in _notebooks(folder):
                page = self.feedback / f"{notebook_hash(secret=secret.decode('utf-8', 'replace'), notebook_id=notebook)}.html"
                if _regular(page):
                    members.append((f"{stamp_text}/{notebook}.html", page))
        return _tar_of(members)

    def submissions_of(self, learner: str, week: str) -> list[Path]:
        prefix = f"{learner}+{week}+"
        try:
            names = os.listdir(self.inbound)
        except FileNotFoundError:
            return []
        out = []
        for name in sorted(names):
            m = NAME.match(name)
            if name.startswith(prefix) and m and m["learner"] == learner and m["week"] == week:
                if stat.S_ISDIR(os.lstat(self.inbound / name).st_mode):
                    out.append(self.inbound / name)
        return out

    def all_submissions(self, week: str | None = None) -> list[dict]:
        ids = self.seen.ids_by_folder()
        try:
            names = sorted(os.listdir(self.inbound))
        except FileNotFoundError:
            return []
        out = []
        for name in names:
            m = NAME.match(name)
            if not m or (week and m["week"] != week):
                continue
            out.append({"learner": m["learner"], "week": m["week"], "received": m["stamp"],
                        "id": ids.get(name), "folder": name})
        return sorted(out, key=lambda s: (s["received"], s["folder"]))


# ---------------------------------------------------------------------------- files

def _tree(folder: Path) -> list[tuple[str, os.stat_result]]:
    """Every path under ``folder`` (relative, sorted) with its lstat; links are never followed."""
    out = []
    for parent, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(parent, name)
            out.append((os.path.relpath(path, folder), os.lstat(path)))
    return out


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def _notebooks(folder: Path) -> list[str]:
    try:
        return sorted(e.name[:-6] for e in os.scandir(folder) if e.name.endswith(".ipynb") and e.is_file(follow_symlinks=False))
    except OSError:
        return []


def _tar_of(members: list[tuple[str, Path]]) -> bytes:
    """A gzip tar of regular files (never following a link), owner and modes neutral."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=6) as tar:
        for arcname, path in members:
            try:
                fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
            except OSError:
                continue
            with os.fdopen(fd, "rb") as fh:
                info = os.fstat(fh.fileno())
                if not stat.S_ISREG(info.st_mode):
                    continue
                member = tarfile.TarInfo(arcname)
                member.size, member.mtime, member.mode = info.st_size, int(info.st_mtime), 0o644
                tar.addfile(member, fh)
    return buffer.getvalue()


def _write_new(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def unpack(body, staging: Path, max_bytes: int = MAX_BYTES, max_files: int = MAX_FILES) -> int:
    """Unpack a hand-in (a gzip tar, file object) into the empty folder ``staging``; the number of files.

    Refuses (400) links, devices, absolute or ``..`` paths, a path given twice and anything not a
    readable gzip tar; (413) more than ``max_files`` files or ``max_bytes`` in all. The service's own
    files (``timestamp.txt``, ``submission_secret.txt``) are left out."""
    files = total = members = 0
    seen: set[str] = set()
    try:
        with tarfile.open(fileobj=body, mode="r|gz") as tar:
            for member in tar:
                members += 1
                if members > MAX_MEMBERS:
                    raise Refusal(413, f"The week folder holds too many files (at most {max_files}). "
                                       "Remove what you added and hand it in again.")
                rel = _safe_name(member.name)
                if rel is None:
                    continue
                if member.issym() or member.islnk():
                    raise Refusal(400, f"The hand-in was refused: {rel} is a link. Only ordinary files can be handed in.")
                if not (member.isreg() or member.isdir()):
                    raise Refusal(400, f"The hand-in was refused: {rel} is not an ordinary file.")
                if rel in seen:
                    raise Refusal(400, f"The hand-in was refused: {rel} appears twice.")
                seen.add(rel)
                target = staging / rel
                if member.isdir():
                    target.mkdir(parents=True, exist_ok=True)
                    continue
                if rel in SERVICE_FILES:
                    continue
                files += 1
                total += member.size
                if files > max_files:
                    raise Refusal(413, f"The week folder holds more than {max_files} files. "
                                       "Remove what you added and hand it in again.")
                if total > max_bytes:
                    raise Refusal(413, f"The week folder is larger than {max_bytes // 1024 // 1024} MB. "
                                       "Remove large files you added and hand it in again.")
                target.parent.mkdir(parents=True, exist_ok=True)
                source = tar.extractfile(member)
                fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
                with os.fdopen(fd, "wb") as out:
                    shutil.copyfileobj(source, out, 1 << 20)
    except Refusal:
        raise
    except (tarfile.TarError, EOFError, zlib.error, OSError, ValueError, UnicodeError):
        raise Refusal(400, "What was handed in is not a readable week folder. Hand the week in again.") from None
    return files


def _safe_name(name: str) -> str | None:
    """The member's path inside the week folder; None for the folder itself; a refusal for a path out of it."""
    if "\\" in name or "\x00" in name or name.startswith("/"):
        raise Refusal(400, f"The hand-in was refused: {name!r} is not a path inside the week folder.")
    parts = [p for p in PurePosixPath(name).parts if p not in ("", ".")]
    if any(p == ".." for p in parts):
        raise Refusal(400, f"The hand-in was refused: {name!r} is not a path inside the week folder.")
    return "/".join(parts) or None


# ---------------------------------------------------------------------------- HTTP

class _Handler(web.RequestHandler):
    needs_sign_in = True
    identity: Identity

    @property
    def exchange(self) -> CourseExchange:
        return self.settings["exchange"]

    async def prepare(self):
        if not self.needs_sign_in:
            return
        header = self.request.headers.get("Authorization", "")
        m = re.match(r"(?:token|bearer)\s+(\S+)\s*$", header, re.IGNORECASE)
        if not m:
            raise Refusal(401, "This request did not say who you are. Open the course from the hub and try again.")
        who = await self.settings["authenticate"](m[1])
        if who is None:
            raise Refusal(403, "Your sign-in is not valid here any more. Sign in to the course hub again.")
        if not _SAFE_LEARNER.match(who.name) or who.name == gate.DEFAULT:
            raise Refusal(403, "Your hub name cannot be used by the course (letters, digits, '.', '_', '@' "
                               "or '-' only). Ask your mentor.")
        self.identity = who

    def reply(self, status: int, body: dict) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(body, ensure_ascii=False))

    def send_tar(self, data: bytes) -> None:
        self.set_header("Content-Type", "application/gzip")
        self.set_header("Cache-Control", "no-store")
        self.finish(data)

    def write_error(self, status_code: int, **kwargs):
        error = kwargs.get("exc_info", (None, None))[1]
        if isinstance(error, Refusal):
            return self.reply(error.status, {"message": error.message})
        message = {404: "There is nothing at this address of the course's exchange.",
                   405: "The course's exchange does not do that.",
                   413: f"The week folder is larger than {MAX_BYTES // 1024 // 1024} MB. "
                        "Remove large files you added and hand it in again."}.get(
            status_code, f"The course's exchange could not do that just now. {AGAIN}")
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps({"message": message}))


class Health(_Handler):
    needs_sign_in = False

    def get(self):
        self.reply(200, {"ok": True})


class GateFile(_Handler):
    def get(self):
        found = self.exchange.gate(self.identity.name)
        self.reply(200, found[0] if found else {})


class HomeFiles(_Handler):
    def get(self):
        self.reply(200, self.exchange.home_files(self.identity.name))


class Weeks(_Handler):
    def get(self):
        found = self.exchange.gate(self.identity.name)
        entries = found[1] if found else {}
        self.reply(200, {"weeks": [{"week": e.week, "state": e.state, "can_submit": e.can_submit}
                                   for e in entries.values() if e.is_open and self.exchange.released(e.week)]})


class Release(_Handler):
    def get(self, week: str):
        self.exchange.open_entry(self.identity.name, week)
        if not self.exchange.released(week):
            raise Refusal(404, f"{week} has not been released yet. Ask your mentor.")
        self.send_tar(self.exchange.release_tar(week))


@web.stream_request_body
class Submissions(_Handler):
    async def prepare(self):
        self.body, self.refusal, self.received = None, None, 0
        length = self.request.headers.get("Content-Length")
        if length is not None and (not length.isdigit() or int(length) > BODY_LIMIT):
            raise Refusal(413, f"The week folder is larger than {MAX_BYTES // 1024 // 1024} MB. "
                               "Remove large files you added and hand it in again.")
        self.request.connection.set_max_body_size(BODY_LIMIT)
        try:
            await super().prepare()
            week = self.path_kwargs.get("week") or self.path_args[0]
            self.exchange.open_entry(self.identity.name, week, submitting=True)
            self.submission_id = self.request.headers.get("X-Course-Submission-Id", "").strip().lower()
            if not SUBMISSION_ID.match(self.submission_id):
                raise Refusal(400, "This hand-in carries no submission id. Hand the week in again from the course home.")
            if self.exchange.seen.seen(self.submission_id):
                raise Refusal(409, "This hand-in was already received.")
        except Refusal as refusal:
            # said once the body has arrived (and been thrown away): an answer sent while the lab is still
            # sending reaches the learner through the hub's proxy as "service unavailable", not as this sentence
            # (a sign-in refused too: the proxy would turn it into the same)
            self.refusal = refusal
            return
        self.body = tempfile.SpooledTemporaryFile(max_size=1 << 20)

    def data_received(self, chunk: bytes) -> None:
        self.received += len(chunk)
        if self.body is None:
            return
        if self.received <= BODY_LIMIT:
            self.body.write(chunk)

    def on_connection_close(self) -> None:     # the learner's lab went away mid-upload
        if self.body is not None:
            self.body.close()
        super().on_connection_close()

    async def post(self, week: str):
        if self.refusal is not None:
            raise self.refusal
        try:
            if self.received > BODY_LIMIT:
                raise Refusal(413, f"The week folder is larger than {MAX_BYTES // 1024 // 1024} MB. "
                                   "Remove large files you added and hand it in again.")
            self.body.seek(0)
            result = await asyncio.get_running_loop().run_in_executor(
                None, self.exchange.receive, self.identity.name, week, self.submission_id, self.body)
        finally:
            self.body.close()
        self.reply(201, result)


class Feedback(_Handler):
    async def get(self, week: str):
        data = await asyncio.get_running_loop().run_in_executor(
            None, self.exchange.feedback_tar, self.identity.name, week)
        self.send_tar(data)


class MentorSubmissions(_Handler):
    def get(self):
        if MENTORS_GROUP not in self.identity.groups:
            raise Refusal(403, "Only mentors may see every hand-in.")
        week = self.get_argument("week", None)
        self.reply(200, {"submissions": self.exchange.all_submissions(week)})


class NotFound(_Handler):
    needs_sign_in = False

    def prepare(self):
        raise Refusal(404, "There is nothing at this address of the course's exchange.")


def make_app(layout: CourseLayout, authenticate: Authenticate | None = None, prefix: str = DEFAULT_PREFIX,
             database: Path | None = None) -> web.Application:
    """The service's tornado application for the course at ``layout``; ``authenticate`` maps a token to
    an :class:`Identity` (default: the hub, :class:`HubIdentity`)."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    api = prefix + "api/"
    week = f"(?P<week>{WEEK})"
    return web.Application([
        (api + "health", Health),
        (api + "gate", GateFile),
        (api + "home", HomeFiles),
        (api + "weeks", Weeks),
        (api + f"weeks/{week}/release", Release),
        (api + f"weeks/{week}/submissions", Submissions),
        (api + f"weeks/{week}/feedback", Feedback),
        (api + "mentor/submissions", MentorSubmissions),
        (r".*", NotFound),
    ], exchange=CourseExchange(layout, database), authenticate=authenticate or HubIdentity(),
        default_handler_class=NotFound)


def listen(app: web.Application, port: int, address: str = "127.0.0.1") -> httpserver.HTTPServer:
    """Serve ``app`` (call inside a running event loop)."""
    server = httpserver.HTTPServer(app, max_body_size=BODY_LIMIT, xheaders=True)
    server.listen(port, address)
    return server


def _from_service_url() -> tuple[str, int]:
    url = urlparse(os.environ.get("JUPYTERHUB_SERVICE_URL", ""))
    return (url.hostname or "127.0.0.1"), (url.port or DEFAULT_PORT)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course.hub.exchange_service",
                                     description="The course's exchange as a JupyterHub service.")
    parser.add_argument("--root", required=True, help="the course root")
    parser.add_argument("--port", type=int, help="port (default: from JUPYTERHUB_SERVICE_URL)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="[exchange %(asctime)s %(levelname)s] %(message)s")
    log.setLevel(logging.INFO)           # hand-ins are logged; each request only when it failed
    layout = CourseLayout.at(args.root)
    layout.require()
    address, port = _from_service_url()
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", DEFAULT_PREFIX)

    async def serve():
        listen(make_app(layout, prefix=prefix), args.port or port, address)
        log.info("the exchange of %s listens on http://%s:%s%s", layout.root, address, args.port or port, prefix)
        await asyncio.Event().wait()

    try:
        asyncio.run(serve())
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
