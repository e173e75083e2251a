"""Recording scores through nbgrader's own gradebook, so formgrader and `nbgrader` commands keep working.

For each scored submission: the learner's previous submission rows are
replaced by fresh ones (nbgrader keeps the latest submission only), every
check cell gets its question's automatic score, a written answer waits for a
mentor (``needs_manual_grade``) unless it was left blank, and the late
penalty is stored on the notebook. The notebook mentors see in formgrader is
written too: the *released* notebook with the learner's written answers and
a card with each automatic answer and its points in place of the check output.
A strategy (the capstone) is shown in its grade cell as readable text, step by
step, with its rubric beside it, so the mentor grades and comments right there.
"""
from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import warnings
from pathlib import Path

import sqlalchemy as sa
from nbgrader.api import Gradebook, MissingEntry

from ..storage.sqlite_tuning import tune
from .scorer import QuestionResult

NO_RESPONSE = "No response."


class Recorder:
    """One open gradebook for a grading run (opening nbgrader's gradebook costs time: once per run)."""

    def __init__(self, db_url: str, course_id: str):
        self.gradebook = Gradebook(db_url, course_id)
        tune(self.gradebook.engine)

    def close(self) -> None:
        self.gradebook.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def record(self, week: str, notebook: str, learner: str, received_at: dt.datetime,
               results: list[QuestionResult], late_penalty: float = 0.0) -> None:
        """Replace ``learner``'s submission of ``week`` by these results, in one transaction."""
        gb = self.gradebook
        db = gb.db
        try:
            try:
                gb.find_student(learner)
            except MissingEntry:
                gb.add_student(learner)
            try:
                gb.remove_submission(week, learner)
            except MissingEntry:
                pass
            with warnings.catch_warnings():   # nbgrader's own ORM warns while it mirrors the notebook
                warnings.simplefilter("ignore")
                submission = gb.add_submission(week, learner, timestamp=received_at)
            self._fill(submission.id, notebook, {r.cell: r for r in results}, late_penalty)
            db.commit()
        except BaseException:
            db.rollback()
            raise

    def _fill(self, submission_id: str, notebook: str, by_cell: dict[str, QuestionResult],
              late_penalty: float) -> None:
        """Every grade and comment of the submitted ``notebook`` set in three statements (one row at
        a time through nbgrader's objects costs a round trip each, which PostgreSQL feels)."""
        from nbgrader.api import BaseCell, Comment, Grade, Notebook, SubmittedNotebook
        db = self.gradebook.db
        nb_id = db.execute(sa.select(SubmittedNotebook.id)
                           .join(Notebook, SubmittedNotebook.notebook_id == Notebook.id)
                           .where(SubmittedNotebook.assignment_id == submission_id,
                                  Notebook.name == notebook)).scalar()
        if nb_id is None:
            return
        db.execute(sa.update(SubmittedNotebook).where(SubmittedNotebook.id == nb_id)
                   .values(late_submission_penalty=late_penalty or None))
        grades = []
        for grade_id, cell in db.execute(sa.select(Grade.id, BaseCell.name).join(BaseCell, Grade.cell_id == BaseCell.id)
                                         .where(Grade.notebook_id == nb_id)):
            result = by_cell.get(cell)
            if result is None:       # a grade cell the key does not know: nothing earned
                grades.append(dict(id=grade_id, auto_score=0.0, needs_manual_grade=False))
            elif result.points is None:
                grades.append(dict(id=grade_id, auto_score=None, needs_manual_grade=True))
            else:
                grades.append(dict(id=grade_id, auto_score=result.points, needs_manual_grade=False))
        if grades:
            db.execute(sa.update(Grade), grades)
        blank = [dict(id=comment_id, auto_comment=NO_RESPONSE) for comment_id, cell in db.execute(
                     sa.select(Comment.id, BaseCell.name).join(BaseCell, Comment.cell_id == BaseCell.id)
                     .where(Comment.notebook_id == nb_id))
                 if (r := by_cell.get(cell)) is not None and r.kind == "manual" and r.points == 0.0]
        if blank:
            db.execute(sa.update(Comment), blank)


def write_graded_notebook(released: Path, destination: Path, results: list[QuestionResult],
                          written: dict[str, str], key=None) -> None:
    """The notebook mentors grade in formgrader: the release, the learner's written answers, each
    strategy as text beside its rubric (``key`` gives the rubric and step names) and a card per
    automatic question (no learner code, no cell the learner edited)."""
    template = _read(released)
    by_cell = {r.cell: r for r in results}
    entries = getattr(key, "entries", {}) or {}
    cells = []
    for cell in template["cells"]:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        result = by_cell.get(gid)
        entry = entries.get(gid)
        if result is not None and result.kind == "manual" and getattr(entry, "structured", False):
            metadata = {k: v for k, v in cell.get("metadata", {}).items() if k != "jupyter"}   # not collapsed
            cell = dict(cell, source=strategy_review(entry, result.answer), metadata=metadata)
        elif result is not None and result.kind == "manual" and gid in written:
            cell = dict(cell, source=written[gid])
        elif result is not None and result.kind != "manual" and cell.get("cell_type") == "code":
            cell = dict(cell, outputs=[{
                "output_type": "execute_result", "execution_count": None, "metadata": {},
                "data": {"text/plain": repr(float(result.points or 0.0)), "text/html": _card(result)}}])
        cells.append(cell)
    nb = dict(template, cells=cells)   # the release is shared by every learner: copied, never changed
    destination.parent.mkdir(parents=True, exist_ok=True)
    tmp = destination.with_name(destination.name + ".tmp")
    tmp.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, destination)


def _card(result: QuestionResult) -> str:
    answer = html.escape(result.answer_words or "(no answer)")
    return (f'<div class="course-grade"><div>Answer: <code>{answer}</code></div>'
            f"<div><b>{result.verdict}</b> · {result.points or 0:g} of {result.max_points:g} points</div></div>")


_MARKDOWN = re.compile(r"([\\`*_\[\]#|~$])")
_ENTITY = re.compile(r"&(?=#|[A-Za-z0-9]+;)")


def _safe(text: str) -> str:
    """Learner text as inert markdown that reads as typed: no HTML (``<`` and ``>`` are entities), no
    markdown or maths (their characters are escaped), each line kept as a line."""
    lines = []
    for line in text.splitlines():
        line = _ENTITY.sub("&amp;", line).replace("<", "&lt;").replace(">", "&gt;")
        line = _MARKDOWN.sub(r"\\\1", line.strip())
        if line[:1] in ("-", "+", "="):
            line = "\\" + line               # not a list, a heading underline or a rule
        line = re.sub(r"^(\d+)([.)])", r"\1\\\2", line)     # not a numbered list
        lines.append(line)
    return "  \n".join(line for line in lines if line)     # a hard line break between lines


def _rubric_markdown(scheme: str) -> str:
    """The marking scheme (course text): each criterion in bold, its levels as a list."""
    return "\n".join(line if line.startswith("- ") else f"\n**{line.strip()}**" for line in scheme.splitlines()
                     if line.strip())


def strategy_review(entry, answer) -> str:
    """A strategy's grade cell for the mentor: the learner's steps as readable text (left) and the
    rubric (right), side by side on a wide screen, one above the other on a narrow one. Learner text
    is escaped (:func:`_safe`): nothing in it is read as HTML, markdown or maths."""
    answer = answer if isinstance(answer, dict) else {}
    labels = entry.card_text("labels", "en") if hasattr(entry, "card_text") else {}
    written = sum(1 for step in entry.steps if answer.get(step))
    parts = ['<div class="course-strategy-review" style="display:flex;flex-wrap:wrap;gap:1.2em;'
             'align-items:flex-start"><div style="flex:3 1 22em;min-width:0">', "",
             f"### The learner's strategy ({written} of {len(entry.steps)} steps written)", ""]
    for number, step in enumerate(entry.steps, 1):
        parts += [f"#### {number}. {labels.get(step, step)}", ""]
        parts += (['<div dir="auto">', "", _safe(answer[step]), "", "</div>", ""] if answer.get(step)
                  else ["*(not written)*", ""])
    parts += ['</div><div style="flex:2 1 16em;min-width:0;border-inline-start:3px solid #1f4e79;'
              'padding-inline-start:.8em">', "",
              f"### Rubric ({entry.points:g} points): give the sum as the score", "",
              _rubric_markdown(entry.scheme), ""]
    for lang, texts in getattr(entry, "translations", {}).items():
        if texts.get("scheme"):
            parts += [f'<details><summary>Rubric in {lang}</summary><div dir="auto">', "",
                      _rubric_markdown(texts["scheme"]), "", "</div></details>", ""]
    parts.append("</div></div>")
    return "\n".join(parts)


_cache: dict[tuple[str, int], dict] = {}


def _read(path: Path) -> dict:
    key = (str(path), path.stat().st_mtime_ns)
    if key not in _cache:
        _cache.clear()
        _cache[key] = json.loads(path.read_text(encoding="utf-8"))
    return _cache[key]
