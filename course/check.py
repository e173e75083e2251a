"""``course check``: the maintainer's proof that a week works.

For each week: the committed assessment notebook and key are exactly what
``course build`` writes from the week's declaration; every lesson and the
assessment run without error; in a
scratch copy of the course, a full-marks reference submission scores every
automatic point (and full marks once a mentor gives the written answer its
points), a blank one scores zero; and nothing secret is in the released
files or in a feedback page.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import zmq
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from . import grading
from .answer_key import load_key
from .authoring.drift import build_differences
from .authoring.lesson_drift import lesson_differences
from .authoring.translation_status import report as translation_report
from .layout import CourseLayout
from .reference import choice_options, fill, solutions
from .scaffold import copy_course

_ANSI = re.compile(r"\x1b\[[0-9;]*m")
SECRET_MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "BEGIN MARK SCHEME")


@dataclass
class WeekCheck:
    week: str
    problems: list[str] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # reported, never a failure (e.g. translations not done yet)

    @property
    def ok(self) -> bool:
        return not self.problems


def private_kernel(folder: str, context: zmq.Context | None = None) -> KernelManager:
    """A kernel reached through Unix sockets in ``folder`` (a private temporary folder) instead of
    TCP ports on 127.0.0.1, which any account on the machine can connect to; so ipykernel has no
    reason to warn "Kernel is running over TCP without encryption" for every notebook run."""
    extra = {"context": context} if context is not None else {}
    return KernelManager(kernel_name="python3", transport="ipc",
                         connection_file=str(Path(folder) / "kernel.json"), **extra)


def run_notebook(path: Path, timeout: int = 120) -> str | None:
    """Execute a notebook in its own folder (on a copy); the error text, or None if it ran."""
    nb = nbformat.read(path, as_version=4)
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as sockets:
        for item in path.parent.iterdir():
            if item.is_file() and item.suffix != ".ipynb":
                shutil.copy2(item, tmp)
        # a context of its own, destroyed afterwards: the kernel's sockets and pipes would otherwise
        # stay open in this process (about 20 per notebook), until a long run hits its file limit
        context = zmq.Context()
        km = private_kernel(sockets, context)
        client = NotebookClient(nb, timeout=timeout, kernel_name="python3", km=km,
                                resources={"metadata": {"path": tmp}})
        try:
            client.execute()
        except CellExecutionError as exc:
            plain = _ANSI.sub("", str(exc)).strip()
            return plain.splitlines()[-1][:300] if plain else type(exc).__name__
        finally:
            _close(km)
            context.destroy(linger=0)
    return None


def _close(km: KernelManager) -> None:
    """Close what a finished kernel leaves open in this process (its pipes)."""
    provisioner = getattr(km, "provisioner", None)
    process = getattr(provisioner, "process", None)
    for stream in (getattr(process, "stdin", None), getattr(process, "stdout", None), getattr(process, "stderr", None)):
        if stream is not None:
            stream.close()


def secrets_in(files: list[Path], key_texts: list[str]) -> list[str]:
    """Files that contain a solution marker or a full-marks answer text."""
    found = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for marker in SECRET_MARKERS:
            if marker in text:
                found.append(f"{path.name} contains '{marker}'")
        for secret in key_texts:
            if secret and len(secret) >= 12 and secret in text:
                found.append(f"{path.name} contains a full-marks answer: {secret[:40]!r}…")
    return found


def _secret_texts(layout: CourseLayout, week) -> list[str]:
    key = load_key(layout.keys, week.id)
    texts = [e.answer for e in key.entries.values() if e.kind in ("rules", "manual") and not e.structured]
    texts += [text for e in key.entries.values() if e.structured for text in e.answer.values()]
    for text in solutions(layout.week_folder(week.id) / week.assessment, inside_markers=True).values():
        texts.extend(line.strip() for line in text.splitlines() if len(line.strip()) >= 12)
    return [t for t in texts if isinstance(t, str)]


def key_matches_notebook(notebook: Path, key) -> list[str]:
    """Disagreements between an assessment notebook and its key (options, points, questions)."""
    problems = []
    options = choice_options(notebook)
    nb = nbformat.read(notebook, as_version=4)
    graded: dict[str, float] = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("grade"):
            continue
        if meta.get("solution"):          # a written answer graded by a mentor
            graded[meta["grade_id"]] = float(meta.get("points", 0))
            continue
        for qid in re.findall(r'assessment\.grade\(\s*"([^"]+)"', cell.source):
            graded[qid] = float(meta.get("points", 0))
    for qid, entry in key.entries.items():
        if qid not in graded:
            problems.append(f"the key has {qid}, but no graded cell of the notebook checks it")
        elif graded[qid] != entry.points:
            problems.append(f"{qid} is worth {graded[qid]:g} points in the notebook but {entry.points:g} in the key")
        if entry.kind == "choice" and qid in options and entry.answer not in options[qid]:
            problems.append(f"the key's answer {entry.answer!r} to {qid} is not one of its options {options[qid]}")
    for qid in graded:
        if qid not in key.entries:
            problems.append(f"{qid} is graded in the notebook but missing from the key")
    return problems


def check_week(source: CourseLayout, week_id: str, scratch: Path) -> WeekCheck:
    """Check one week in ``scratch`` (a new course root); the source course is not touched."""
    week = source.syllabus.week(week_id)
    result = WeekCheck(week=week.id)
    drift = build_differences(source, week.id)
    (result.problems if drift else result.passed).extend(drift or ["notebook and key equal their build"])
    lesson_drift = lesson_differences(source, week.id)
    (result.problems if lesson_drift else result.passed).extend(lesson_drift or ["lessons equal their build"])
    stale, notes, _details = translation_report(source, week.id)
    result.problems.extend(stale)
    result.notes.extend(notes)
    for lesson in week.lessons:
        for name in (lesson, lesson.replace(".ipynb", ".ar.ipynb")):
            if name != lesson and not (source.week_folder(week.id) / name).exists():
                continue
            error = run_notebook(source.week_folder(week.id) / name)
            (result.problems if error else result.passed).append(
                f"lesson {name} " + (f"fails: {error}" if error else "runs"))
    error = run_notebook(source.week_folder(week.id) / week.assessment)
    (result.problems if error else result.passed).append(
        f"{week.assessment} " + (f"fails: {error}" if error else "runs"))

    mismatch = key_matches_notebook(source.week_folder(week.id) / week.assessment,
                                    load_key(source.keys, week.id))
    (result.problems if mismatch else result.passed).extend(mismatch or ["key matches the notebook"])
    copy_course(scratch, source=source.root)
    layout = CourseLayout.at(scratch)
    key = load_key(layout.keys, week.id)
    secrets = _secret_texts(layout, week)
    released = grading.release(layout, week.id)
    leaks = secrets_in(list(released.rglob("*")), secrets)
    if list(released.rglob("*.answers.json*")):
        leaks.append("an answers file is in the release")
    (result.problems if leaks else result.passed).extend(leaks or ["release contains no answer key"])

    expectations = {"reference": ("full", key.auto_points, key.total_points - key.auto_points),
                    "blank": ("blank", 0.0, 0.0)}
    for learner, (quality, _score, _pending) in expectations.items():
        _open_week_for(layout, learner, week)
        workspace = scratch / "learners" / learner
        folder = grading.fetch(layout, week.id, learner, workspace)
        fill(folder / week.assessment, layout.week_folder(week.id) / week.assessment, key, quality)
        grading.submit(layout, week.id, learner, workspace)
    report = grading.grade(layout, week.id)
    scores = grading.cohort_scores(layout.db_url, layout.course_id)
    for learner, (quality, want_score, want_pending) in expectations.items():
        got = scores.get((learner, week.id))
        if learner in report.problems or got is None:
            result.problems.append(f"{quality} submission was not graded: {report.problems.get(learner)}")
            continue
        if (got.score, got.pending_points) != (want_score, want_pending):
            result.problems.append(
                f"{quality} submission scored {got.score:g} with {got.pending_points:g} points "
                f"waiting for review; expected {want_score:g} and {want_pending:g}")
        else:
            result.passed.append(f"{quality} submission scores {got.score:g}/{got.max_score:g}"
                                 + (f" (+{got.pending_points:g} for the mentor)" if got.pending_points else ""))
    full = _mentor_gives_full_marks(layout, week.id, "reference")
    if full is not None and full != key.total_points:
        result.problems.append(f"reference scores {full:g} after mentor review, expected {key.total_points:g}")
    elif full is not None:
        result.passed.append(f"reference scores full marks {full:g}/{key.total_points:g} after review")
    feedback = list((layout.feedback / "blank" / week.id).glob("*.html"))
    if not feedback:
        result.problems.append("no feedback page was generated")
    leaks = secrets_in(feedback, secrets)
    (result.problems if leaks else result.passed).extend(leaks or ["feedback contains no answer key"])
    return result


def _open_week_for(layout: CourseLayout, learner: str, week) -> None:
    if week.number > 1:
        grading.unlock(layout, learner, week.id, "course check", by="course check")


def _mentor_gives_full_marks(layout: CourseLayout, week_id: str, learner: str) -> float | None:
    """Give every written answer its full points, as a mentor would in formgrader."""
    from nbgrader.api import Gradebook
    with Gradebook(layout.db_url, layout.course_id) as gb:
        try:
            submission = gb.find_submission(week_id, learner)
        except Exception:
            return None
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                if grade.needs_manual_grade:
                    grade.manual_score = grade.max_score
                    grade.needs_manual_grade = False
        gb.db.commit()
    return grading.cohort_scores(layout.db_url, layout.course_id)[(learner, week_id)].score


def check(layout: CourseLayout, weeks: list[str] | None = None) -> list[WeekCheck]:
    """Check the given weeks (default: all), each in its own scratch course."""
    out = []
    for week_id in weeks or layout.syllabus.week_ids:
        with tempfile.TemporaryDirectory(prefix=f"course-check-{week_id}-") as tmp:
            out.append(check_week(layout, week_id, Path(tmp) / "course"))
    return out
