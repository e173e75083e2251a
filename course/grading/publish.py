"""Publishing the gate after grading or a mentor's unlock, and recording every week that opens.

Each learner's gate file is written in that learner's language and shared
with that learner only (:func:`course.grading.files.share_gate`). A week
that opens is recorded in ``course_events`` with its cause: a pass of the
week before, or a mentor's override.
"""
from __future__ import annotations

from .. import gate, i18n
from ..cohort import cohort
from ..errors import PipelineError
from ..layout import CourseLayout
from ..progress import LearnerRecord, State, WeekProgress, learner_progress
from ..storage import Ledger
from . import files
from .lock import grading_lock


def language_of(layout: CourseLayout, roster: dict[str, dict], learner: str) -> str:
    """The learner's language from the roster, else the solo learner's choice, else the course's."""
    row = roster.get(learner) or {}
    return row.get("language") or i18n.chosen_language() or layout.syllabus.language


def published_states(layout: CourseLayout) -> dict[str, dict[str, str]]:
    out = {}
    for path in layout.gate_dir.glob("*.json") if layout.gate_dir.exists() else ():
        entries = gate.read(layout.gate_dir, path.stem)
        if entries and path.stem != gate.DEFAULT:
            out[path.stem] = {k: v.state for k, v in entries.items()}
    return out


def people_of(roster: dict[str, dict], mentors: dict[str, dict], learner: str) -> dict:
    """What the learner's home shows of people: their name and their mentor (name, how to reach them)."""
    row = roster.get(learner) or {}
    mentor = mentors.get(row.get("mentor") or "") or {}
    return {"name": row.get("name") or None,
            "mentor": {k: v for k, v in (("name", mentor.get("name")), ("contact", mentor.get("contact")))
                       if v}}


def score_text(wp: WeekProgress | None) -> str | None:
    if wp is None or wp.score is None:
        return None
    return f"{wp.score:g}/{wp.max_score:g}"


def publish_all(layout: CourseLayout, ledger: Ledger, report=None,
                before: dict[str, dict[str, str]] | None = None) -> dict[str, dict[str, WeekProgress]]:
    """Recompute every learner's gate, publish it, and record the weeks that just opened."""
    syllabus = layout.syllabus
    before = published_states(layout) if before is None else before
    progress = cohort(layout, ledger)
    roster = ledger.roster()
    default_states = {w.id: (State.UNLOCKED.value if w.number == 1 else State.LOCKED.value)
                      for w in syllabus.weeks}
    mentors = ledger.mentors()
    for learner, weeks in progress.items():
        with i18n.language(language_of(layout, roster, learner)):
            path = gate.publish(layout.gate_dir, syllabus, learner, weeks,
                                people=people_of(roster, mentors, learner))
        files.share_gate(path, learner)
        old = before.get(learner, default_states)
        for week in syllabus.weeks:
            wp = weeks[week.id]
            if old.get(week.id) == State.LOCKED.value and wp.is_open:
                previous = syllabus.previous(week)
                prev_wp = weeks[previous.id] if previous else None
                cause = (f"passed {previous.id}" if prev_wp and prev_wp.state is State.PASSED
                         else "mentor override")
                ledger.record_event(learner, week.id, "unlock", cause, score=score_text(prev_wp))
                if report is not None:
                    report.unlocked.append((learner, week.id))
        if report is not None and report.week in weeks:
            report.results[learner] = weeks[report.week]
            if weeks[report.week].state is State.AWAITING_REVIEW and learner in report.graded:
                report.awaiting_review.append(learner)
    return progress


def unlock(layout: CourseLayout, learner: str, week_id: str, reason: str, by: str = "") -> WeekProgress:
    """A mentor opens a week for a learner (with a fresh set of attempts), for a recorded reason.

    A week the learner has passed, or may hand in already, is left as it is: nothing is recorded
    and its progress is returned (``needs_unlock`` is False)."""
    week = layout.syllabus.week(week_id)
    if not reason.strip():
        raise PipelineError("Give a reason for the unlock (--reason TEXT); it is recorded.")
    ledger = Ledger(layout.db_url)
    try:
        with grading_lock(layout):
            progress = cohort(layout, ledger).get(learner) or learner_progress(layout.syllabus, LearnerRecord())
            if not progress[week.id].needs_unlock:
                return progress[week.id]
            ledger.add_learner(learner)
            before = published_states(layout)
            previous = layout.syllabus.previous(week)
            ledger.record_event(learner, week.id, "override", reason.strip(),
                                score=score_text(progress[previous.id]) if previous else None, by=by)
            return publish_all(layout, ledger, before=before)[learner][week.id]
    finally:
        ledger.close()
