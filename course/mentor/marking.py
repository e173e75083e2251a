"""The marking queue: written answers waiting for a mentor, and saving a mark in one step.

:func:`waiting` lists every written answer (a manual-graded cell of a learner's
latest submission) that has no mentor's points yet, with what a mentor needs on
screen: the learner's name and language, the question, the marking scheme and
reference answer (from the answer key, in the mentor's language where it has
one) and the learner's answer. :func:`ordered` puts the mentor's own learners
first and, among them, answers that decide a learner's result (the week waits
for review) before the others, then the oldest.

:func:`save` records points and a comment in nbgrader's gradebook (so the
formgrader shows the same) and then, in the same call, does what
``course feedback WEEK`` does: the gate is published again and the learner's
feedback page is made anew (and, for a course's solo learner, put in their
workspace). Nothing is left to remember.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from nbgrader.api import Gradebook, MissingEntry

from ..answer_key import AnswerKeyError, load_key
from ..cohort import cohort
from ..gradebook import cell_grades
from ..layout import CourseLayout
from ..progress import State
from ..storage import Ledger

MAX_COMMENT = 2000


class MarkError(ValueError):
    """A mark that cannot be saved; the message says why, in plain words."""


@dataclass(frozen=True)
class WaitingAnswer:
    """One written answer waiting for a mentor's points."""
    learner: str
    name: str
    language: str
    mentor: str
    week: str
    week_number: int
    question: str          # the gradebook cell's grade id
    title: str
    prompt: str
    scheme: str
    reference: str
    answer: str
    max_points: float
    submitted_at: dt.datetime | None
    decides: bool          # the learner's week waits for this review

    @property
    def key(self) -> str:
        """``learner/week/question``: names the answer in the page's forms."""
        return f"{self.learner}/{self.week}/{self.question}"

    def levels(self) -> list[float]:
        """The points a mentor may give: every whole point from 0 to the question's points."""
        top = int(self.max_points)
        levels = [float(p) for p in range(top + 1)]
        return levels if top == self.max_points else levels + [self.max_points]


def ordered(answers: list[WaitingAnswer], mentor: str | None) -> list[WaitingAnswer]:
    """The mentor's own learners first; then answers that decide a result; then the oldest."""
    oldest = dt.datetime.max
    return sorted(answers, key=lambda a: (a.mentor != mentor if mentor else False, not a.decides,
                                          a.submitted_at or oldest, a.learner, a.week_number, a.question))


def _reference_text(entry, language: str) -> str:
    ref = entry.card_text("reference", language) if not entry.structured else entry.answer
    if isinstance(ref, dict):
        return "\n".join(f"{k}: {v}" for k, v in ref.items())
    return str(ref or "")


def _answers_of(layout: CourseLayout, week, learner: str, key, language: str) -> dict[str, str]:
    """The learner's answers in words, by gradebook cell, as their feedback page shows them."""
    from ..grading import scorer, submission
    folder = layout.submitted / learner / week.id
    try:
        release = submission.release_structure(layout.release / week.id / week.assessment)
        handed = submission.read(folder, week.assessment, release)
        return {r.cell: r.answer_words for r in scorer.score(key, handed, language)}
    except Exception:  # noqa: BLE001 - an unreadable submission still shows in the queue
        return {}


def waiting(layout: CourseLayout, mentor: str | None = None, language: str = "en") -> list[WaitingAnswer]:
    """Every written answer waiting for a mentor, in the order :func:`ordered` gives."""
    ledger = Ledger(layout.db_url)
    try:
        roster = ledger.roster()
        progress = cohort(layout, ledger)
    finally:
        ledger.close()
    out: list[WaitingAnswer] = []
    for week in layout.syllabus.weeks:
        cells = [c for c in cell_grades(layout.db_url, layout.course_id, week=week.id)
                 if c.needs_manual_grade and c.manual_score is None]
        if not cells:
            continue
        try:
            key = load_key(layout.keys, week.id)
        except (AnswerKeyError, OSError):
            key = None
        words: dict[str, dict[str, str]] = {}
        for c in cells:
            row = roster.get(c.learner) or {}
            entry = key.entries.get(c.question) if key else None
            if key and c.learner not in words:
                words[c.learner] = _answers_of(layout, week, c.learner, key, row.get("language") or "en")
            wp = progress.get(c.learner, {}).get(week.id)
            out.append(WaitingAnswer(
                learner=c.learner, name=row.get("name") or "", language=row.get("language") or "",
                mentor=row.get("mentor") or "", week=week.id, week_number=week.number, question=c.question,
                title=entry.card_text("title", language) if entry else c.question,
                prompt=entry.card_text("prompt", language).strip() if entry else "",
                scheme=(entry.card_text("scheme", language) or entry.scheme).strip() if entry else "",
                reference=_reference_text(entry, language) if entry else "",
                answer=words.get(c.learner, {}).get(c.question, ""),
                max_points=c.max_score, submitted_at=c.timestamp,
                decides=wp is not None and wp.state is State.AWAITING_REVIEW))
    return ordered(out, mentor)


def save(layout: CourseLayout, learner: str, week_id: str, question: str, points, comment: str = ""):
    """Record ``points`` and ``comment`` on the learner's written answer, then publish the gate and
    the week's feedback again. Returns the learner's progress in that week; raises :class:`MarkError`
    (and changes nothing) for an answer that does not exist or points outside the question's range."""
    from ..grading import refresh_feedback
    week = layout.syllabus.week(week_id)
    try:
        value = float(points)
    except (TypeError, ValueError):
        raise MarkError(f"points must be a number, not {points!r}") from None
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise MarkError(f"the comment is longer than {MAX_COMMENT} characters")
    with Gradebook(layout.db_url, layout.course_id) as gb:
        try:
            grade = gb.find_grade(question, week.assessment_name, week.id, learner)
        except MissingEntry:
            raise MarkError(f"{learner} has no written answer {question} in {week.id}") from None
        if grade.max_score is None or not 0 <= value <= grade.max_score:
            raise MarkError(f"points must be between 0 and {grade.max_score:g}")
        grade.manual_score = value
        try:
            gb.find_comment(question, week.assessment_name, week.id, learner).manual_comment = comment or None
        except MissingEntry:
            pass
        gb.db.commit()
    refresh_feedback(layout, week.id, learners=[learner])
    _deliver_to_solo_learner(layout, week.id, learner)
    ledger = Ledger(layout.db_url)
    try:
        return cohort(layout, ledger)[learner][week.id]
    finally:
        ledger.close()


def _deliver_to_solo_learner(layout: CourseLayout, week_id: str, learner: str) -> None:
    """A course of one learner on this computer: the new feedback page (and a certificate, once the course
    is complete) goes straight into their workspace, as ``course feedback`` does."""
    from ..errors import PipelineError
    from ..grading import fetch_feedback
    from ..grading.run import deliver_certificate
    from ..scaffold import solo_learner
    if solo_learner(layout) != learner or not layout.workspace.is_dir():
        return
    try:
        fetch_feedback(layout, week_id, learner, layout.workspace)
    except PipelineError:
        pass
    deliver_certificate(layout, learner, layout.workspace)
