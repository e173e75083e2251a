"""nbgrader's exchange in a learner's lab on the hub: plugin classes that talk to the exchange service.

Configured in the hub's learner config (``ExchangeFactory``, see :data:`FACTORY`), they are what
JupyterLab's Assignment List, the ``nbgrader list / fetch_assignment / submit / fetch_feedback``
commands and the course home's buttons use. They behave as the gated classes of
``course/exchange.py`` do on a shared folder, but the gate, the learner's name and every time are
the service's (``course/hub/exchange_service.py``), and the learner's account reads nothing of the
exchange folder:

- *list* shows the weeks released and open for the learner (``--cached``: the learner's own copies of
  what they handed in, kept in ``Exchange.cache``, by default ``~/.cache/nbgrader``);
- *fetch_assignment* unpacks the released week into ``assignment_dir`` and shows its lessons in the
  learner's language (``workspace_language.localise_week``); a locked week is refused with the gate's
  sentence;
- *submit* packs the week folder with nbgrader's ignore rules and size limit, hands it in, and keeps the
  local copy under the time the SERVER gave it;
- *fetch_feedback* puts the learner's feedback pages in ``<week>/feedback/<timestamp>/``.

Releasing, collecting and returning feedback are the course's commands, run on the course account.
Learner-side: nothing of the grader is imported.
"""
from __future__ import annotations

import glob
import hashlib
import io
import os
import shutil
import tarfile
import tempfile
import uuid
from pathlib import Path, PurePosixPath

from nbgrader.exchange import abc
from nbgrader.utils import get_username, ignore_patterns
from traitlets import Bool, Unicode, default

from .. import workspace_language
from .service_client import URL_ENV, ExchangeService, ServiceError, gate_entries, read_gate

COURSE_COMMANDS = ("In a hub, weeks are released and collected by the course's commands "
                   "(course release, course grade) on the course account.")
FACTORY = {
    "exchange": "course.hub.exchange_client.HubExchange",
    "list": "course.hub.exchange_client.HubExchangeList",
    "fetch_assignment": "course.hub.exchange_client.HubExchangeFetchAssignment",
    "submit": "course.hub.exchange_client.HubExchangeSubmit",
    "fetch_feedback": "course.hub.exchange_client.HubExchangeFetchFeedback",
    "collect": "course.hub.exchange_client.HubExchangeCollect",
    "release_assignment": "course.hub.exchange_client.HubExchangeReleaseAssignment",
    "release_feedback": "course.hub.exchange_client.HubExchangeReleaseFeedback",
}


def configure(c) -> None:
    """Point nbgrader's ``ExchangeFactory`` of the config ``c`` at these classes."""
    for name, klass in FACTORY.items():
        setattr(c.ExchangeFactory, name, klass)


def _default_cache() -> str:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "nbgrader")


def _writable(path: Path) -> bool:
    """Whether ``path`` (or the nearest folder above it that exists) may be written by this account."""
    for folder in (path, *path.parents):
        if folder.exists():
            return os.access(folder, os.W_OK | os.X_OK)
    return False


class HubExchange(abc.Exchange):
    """What every class here shares: the service, the learner, their cache."""

    cache = Unicode(help="The learner's own copies of what they handed in (default: ~/.cache/nbgrader).").tag(config=True)
    service_url = Unicode(help=f"The exchange service's address (default: ${URL_ENV}).").tag(config=True)
    root = Unicode("", help="Unused in a hub: the exchange folder is the service's.").tag(config=True)
    path_includes_course = Bool(False, help="As nbgrader's: the week folder inside a course folder.").tag(config=True)

    @default("cache")
    def _cache_default(self):
        return _default_cache()

    @default("service_url")
    def _service_url_default(self):
        return os.environ.get(URL_ENV, "")

    def service(self) -> ExchangeService:
        try:
            return ExchangeService(self.service_url or None)
        except ServiceError as error:
            self.fail(error.message)

    def ask(self, method, *args):
        """Call the service; a refusal becomes nbgrader's ``fail`` with the service's sentence."""
        try:
            return method(*args)
        except ServiceError as error:
            self.fail(error.message)

    def learner(self) -> str:
        sid = self.coursedir.student_id if self.coursedir else "*"
        if sid and sid != "*":
            return sid
        return os.environ.get("JUPYTERHUB_USER") or os.environ.get("COURSE_LEARNER") or get_username()

    def course_cache(self) -> Path:
        """``<cache>/<course>``; the learner's own cache when the configured one is not theirs to write."""
        cache = Path(self.cache)
        if not _writable(cache):
            cache = Path(_default_cache())
        return cache / (self.coursedir.course_id or "course")

    def week_dest(self, week: str) -> Path:
        root = Path(self.coursedir.course_id, week) if self.path_includes_course else Path(week)
        return Path(self.assignment_dir).absolute() / root

    def init_src(self):
        pass

    def init_dest(self):
        pass

    def copy_files(self):
        pass


class _CourseCommandsOnly(HubExchange):
    def start(self):
        self.fail(COURSE_COMMANDS)


class HubExchangeCollect(_CourseCommandsOnly, abc.ExchangeCollect):
    pass


class HubExchangeReleaseAssignment(_CourseCommandsOnly, abc.ExchangeReleaseAssignment):
    pass


class HubExchangeReleaseFeedback(_CourseCommandsOnly, abc.ExchangeReleaseFeedback):
    pass


class HubExchangeList(HubExchange, abc.ExchangeList):
    """The weeks open for the learner, or (``cached``) what they handed in, in nbgrader's list format."""

    def init_src(self):
        if self.inbound or self.remove:
            self.fail(COURSE_COMMANDS)

    def parse_assignments(self) -> list[dict]:
        return self.handed_in() if self.cached else self.open_weeks()

    def open_weeks(self) -> list[dict]:
        wanted = self.coursedir.assignment_id or None
        out = []
        for week in self.ask(self.service().weeks):
            week_id = week["week"]
            if wanted and week_id != wanted:
                continue
            folder = self.week_dest(week_id)
            info = {"course_id": self.coursedir.course_id, "assignment_id": week_id,
                    "status": "fetched" if folder.exists() else "released",
                    "path": str(folder) if folder.exists() else week_id, "notebooks": []}
            if folder.exists():
                info["notebooks"] = [{"notebook_id": Path(nb).stem, "path": os.path.abspath(nb)}
                                     for nb in sorted(glob.glob(os.path.join(folder, "*.ipynb")))]
            out.append(info)
        return out

    def handed_in(self) -> list[dict]:
        cache = self.course_cache()
        learner = self.learner()
        wanted = self.coursedir.assignment_id or "*"
        pages: dict[str, dict[str, str]] = {}
        submissions = []
        for path in sorted(glob.glob(os.path.join(glob.escape(str(cache)), f"{glob.escape(learner)}+{wanted}+*"))):
            student, week, stamp = os.path.basename(path).split("+", 2)
            if week not in pages:
                pages[week] = self._exchange_pages(week)
            folder = self.week_dest(week)
            info = {"course_id": self.coursedir.course_id, "student_id": student, "assignment_id": week,
                    "timestamp": stamp, "status": "submitted", "path": path, "notebooks": []}
            for nb in sorted(glob.glob(os.path.join(glob.escape(path), "*.ipynb"))):
                notebook = Path(nb).stem
                local = folder / "feedback" / stamp / f"{notebook}.html"
                local_sum = _md5(local.read_bytes()) if local.is_file() else None
                remote_sum = pages[week].get(f"{stamp}/{notebook}.html")
                info["notebooks"].append({
                    "notebook_id": notebook, "path": os.path.abspath(nb),
                    "has_local_feedback": local_sum is not None, "has_exchange_feedback": remote_sum is not None,
                    "local_feedback_path": str(local) if local_sum else None,
                    "feedback_updated": bool(local_sum and remote_sum and local_sum != remote_sum)})
            notebooks = info["notebooks"]
            info["has_local_feedback"] = bool(notebooks) and all(n["has_local_feedback"] for n in notebooks)
            info["has_exchange_feedback"] = bool(notebooks) and all(n["has_exchange_feedback"] for n in notebooks)
            info["feedback_updated"] = any(n["feedback_updated"] for n in notebooks)
            info["local_feedback_path"] = str(folder / "feedback" / stamp) if info["has_local_feedback"] else None
            submissions.append(info)
        grouped: dict[tuple, list[dict]] = {}
        for info in submissions:
            grouped.setdefault((info["course_id"], info["student_id"], info["assignment_id"]), []).append(info)
        return [{"course_id": key[0], "student_id": key[1], "assignment_id": key[2], "status": "submitted",
                 "submissions": sorted(items, key=lambda x: x["timestamp"])} for key, items in sorted(grouped.items())]

    def _exchange_pages(self, week: str) -> dict[str, str]:
        """The feedback pages waiting in the exchange for the learner's hand-ins of ``week``: name -> md5."""
        try:
            data = self.service().feedback(week)
        except ServiceError:
            return {}
        return {name: _md5(content) for name, content in _read_tar(data).items()}

    def list_files(self):
        assignments = self.parse_assignments()
        if self.cached:
            self.log.info("Submitted assignments:")
            for assignment in assignments:
                for info in assignment["submissions"]:
                    self.log.info("%s %s %s %s", info["course_id"], info["student_id"],
                                  info["assignment_id"], info["timestamp"])
        else:
            self.log.info("Released assignments:")
            for info in assignments:
                done = " (already downloaded)" if info["status"] == "fetched" else ""
                self.log.info("%s %s%s", info["course_id"], info["assignment_id"], done)
        return assignments


class HubExchangeFetchAssignment(HubExchange, abc.ExchangeFetchAssignment):
    """A released, open week unpacked into the learner's folder, lessons in their language."""

    def init_dest(self):
        self.dest_path = str(self.week_dest(self.coursedir.assignment_id))
        if os.path.isdir(self.dest_path) and not self.replace_missing_files:
            self.fail(f"You already have a copy of {self.coursedir.assignment_id} in your folder.")

    def copy_files(self):
        week = self.coursedir.assignment_id
        data = self.ask(self.service().release, week)
        dest = Path(self.dest_path)
        dest.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".fetching-", dir=dest.parent) as tmp:
            unpacked = Path(tmp) / week
            _extract(data, unpacked, self.fail)
            ignore = shutil.ignore_patterns(*self.coursedir.ignore)
            if dest.is_dir():
                _copy_missing(unpacked, dest, ignore, self.log)
            else:
                shutil.copytree(unpacked, dest, ignore=ignore)
        workspace = Path(self.assignment_dir)
        workspace_language.localise_week(workspace, dest, workspace_language.chosen(workspace))
        self.log.info("Fetched as: %s %s", self.coursedir.course_id, week)


class HubExchangeSubmit(HubExchange, abc.ExchangeSubmit):
    """The week folder handed in through the service; the learner's copy kept under the server's time."""

    def init_src(self):
        self.src_path = str(self.week_dest(self.coursedir.assignment_id))
        if not os.path.isdir(self.src_path):
            self.fail(f"{self.coursedir.assignment_id} is not in your folder: fetch it first.")

    def copy_files(self):
        week = self.coursedir.assignment_id
        size = _size(self.src_path)
        if size > 1000 * self.coursedir.max_dir_size:
            self.fail(f"{week} is too large to hand in ({size / 1e6:.0f} MB; at most "
                      f"{self.coursedir.max_dir_size / 1000:.0f} MB). Remove large files you added and try again.")
        with tempfile.TemporaryDirectory(prefix="course-submit-") as tmp:
            copy = Path(tmp) / week
            shutil.copytree(self.src_path, copy, ignore=ignore_patterns(
                exclude=self.coursedir.ignore, include=self.coursedir.include,
                max_file_size=self.coursedir.max_file_size, log=self.log))
            result = self.ask(self.service().submit, week, _tar_folder(copy), str(uuid.uuid4()))
            stamp = result.get("timestamp")
            if not isinstance(stamp, str) or not stamp or "/" in stamp or "+" in stamp:
                self.fail("The course's exchange gave an answer this lab cannot read. Tell your mentor.")
            cache = self.course_cache() / f"{self.learner()}+{week}+{stamp}"
            cache.parent.mkdir(parents=True, exist_ok=True)
            shutil.rmtree(cache, ignore_errors=True)
            shutil.copytree(copy, cache)
            (cache / "timestamp.txt").write_text(stamp, encoding="utf-8")
            if isinstance(result.get("secret"), str):
                (cache / "submission_secret.txt").write_text(result["secret"], encoding="utf-8")
        self.timestamp = stamp
        self.log.info("Submitted as: %s %s %s", self.coursedir.course_id, week, stamp)


class HubExchangeFetchFeedback(HubExchange, abc.ExchangeFetchFeedback):
    """The learner's feedback pages into ``<week>/feedback/<timestamp>/<notebook>.html``."""

    def copy_files(self):
        weeks = [self.coursedir.assignment_id] if self.coursedir.assignment_id else sorted(
            {os.path.basename(p).split("+")[1] for p in glob.glob(os.path.join(glob.escape(str(self.course_cache())),
                                                                              f"{glob.escape(self.learner())}+*+*"))})
        for week in weeks:
            pages = _read_tar(self.ask(self.service().feedback, week))
            if not pages:
                self.log.warning("No feedback yet for %s.", week)
            dest = self.week_dest(week) / "feedback"
            for name, content in sorted(pages.items()):
                stamp, notebook = name.split("/")
                target = dest / stamp / notebook
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
                self.log.info("Fetched feedback: %s", target)


# ---------------------------------------------------------------------------- archives

def _md5(data: bytes) -> str:
    return hashlib.md5(data).hexdigest()


def _size(folder: str) -> int:
    total = 0
    for parent, _dirs, files in os.walk(folder):
        for name in files:
            path = os.path.join(parent, name)
            if not os.path.islink(path):
                total += os.path.getsize(path)
    return total


def _tar_folder(folder: Path) -> bytes:
    """The folder's regular files as a gzip tar, paths relative to it."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for parent, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                path = Path(parent) / name
                if path.is_file() and not path.is_symlink():
                    tar.add(path, arcname=path.relative_to(folder).as_posix(), recursive=False)
    return buffer.getvalue()


def _safe_members(tar: tarfile.TarFile, fail):
    for member in tar.getmembers():
        parts = [p for p in PurePosixPath(member.name).parts if p not in ("", ".")]
        if member.name.startswith("/") or ".." in parts or not (member.isreg() or member.isdir()):
            fail("The course's exchange sent something this lab will not unpack. Tell your mentor.")
        if parts:
            yield member


def _extract(data: bytes, folder: Path, fail) -> None:
    """Unpack a tar the service sent into ``folder`` (ordinary files and folders inside it only)."""
    folder.mkdir(parents=True)
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            members = list(_safe_members(tar, fail))
            # the "data" filter when this Python has it (3.11.4 and later; Debian 12's is 3.11.2)
            tar.extractall(folder, members=members, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    except (tarfile.TarError, EOFError, OSError):
        fail("The course's exchange sent a week this lab cannot read. Try again in a minute.")


def _read_tar(data: bytes) -> dict[str, bytes]:
    """``{"<timestamp>/<notebook>.html": page}`` from a feedback tar (anything else is left out)."""
    pages = {}
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
            for member in tar.getmembers():
                parts = member.name.split("/")
                if member.isreg() and len(parts) == 2 and all(p not in ("", ".", "..") for p in parts) \
                        and parts[1].endswith(".html"):
                    pages[member.name] = tar.extractfile(member).read()
    except (tarfile.TarError, EOFError, OSError):
        return {}
    return pages


def _copy_missing(source: Path, dest: Path, ignore, log) -> None:
    """Copy what is missing in ``dest`` from ``source`` (nbgrader's ``replace_missing_files``)."""
    names = sorted(os.listdir(source))
    for name in sorted(set(names) - set(ignore(str(source), names))):
        src, dst = source / name, dest / name
        if not dst.exists():
            log.warning("Replacing missing %s", dst)
            if src.is_dir():
                shutil.copytree(src, dst, ignore=ignore)
                continue
            shutil.copy(src, dst)
        elif src.is_dir():
            _copy_missing(src, dst, ignore, log)


__all__ = ["FACTORY", "configure", "read_gate", "gate_entries", "COURSE_COMMANDS", "HubExchange", "HubExchangeList",
           "HubExchangeFetchAssignment", "HubExchangeSubmit", "HubExchangeFetchFeedback", "HubExchangeCollect",
           "HubExchangeReleaseAssignment", "HubExchangeReleaseFeedback"]
