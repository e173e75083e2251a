"""The course's records as pandas DataFrames, for the mentor dashboard.

:func:`load_course` reads everything once (the course tables, nbgrader's
gradebook, the questions files) and returns a :class:`CourseData` whose
frames all use the column ``learner``, so one mentor's learners can be picked
out of every table at once (:meth:`CourseData.for_mentor`). Each frame also
has its own loader (``load_roster(layout)`` ...) and, where it is computed
from another frame, a pure function (``item_analysis(grades)``) that tests
can feed by hand.

Times are naive UTC ``datetime64`` values, as in the gradebook (the dashboard shows
them in the cohort's time zone). Missing text
is ``""`` (a learner without a roster row has no name, country or mentor),
so filters never meet NaN. Nothing here writes to the gradebook except what
the engine's own :class:`~course.storage.Ledger` does on opening (it brings
the course tables to the newest schema).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from .completions import COMPLETION_COLUMNS, load_completions
from ..gradebook import CellGrade, SubmissionScore, cell_grades, cohort_scores
from ..layout import CourseLayout
from ..storage import Ledger, naive_utc
from ..progress import Attempt, State
from ..questions import FILE_NAME as QUESTIONS_FILE
from ..questions import QuestionStore
from ..syllabus import Syllabus

NO_MENTOR = ""   # the filter value for learners who have no mentor yet

ROSTER_COLUMNS = ["learner", "name", "country", "language", "mentor", "mentor_name", "in_roster"]
MENTOR_COLUMNS = ["mentor", "name", "languages", "learners"]
ATTEMPT_COLUMNS = ["learner", "week", "week_number", "submitted_at", "score", "max_score",
                   "pending_points", "verdict", "problem"]
PROGRESS_COLUMNS = ["learner", "week", "week_number", "week_title", "state", "score", "max_score",
                    "needed", "attempts_used", "attempts_left", "overridden", "opened_by", "submissions",
                    "graded_attempts", "last_submitted_at", "last_problem"]
GRADE_COLUMNS = ["learner", "week", "week_number", "notebook", "question", "cell_type", "max_score",
                 "auto_score", "manual_score", "extra_credit", "needs_manual_grade", "submitted_at",
                 "score", "share"]
ITEM_COLUMNS = ["week", "week_number", "question", "title", "max_score", "graded", "full_marks", "share_full",
                "mean_share", "pending", "ranked"]
QUEUE_COLUMNS = ["learner", "name", "mentor", "week", "week_number", "question", "points",
                 "submitted_at", "decides_result"]
QUESTION_COLUMNS = ["learner", "week", "week_number", "lesson", "asked_at", "text"]

MIN_ANSWERS = 5   # graded answers a question needs before it is ranked among the hardest

NOT_GRADED = "not_graded"   # verdict of a submission that could not be graded
DUPLICATE = "duplicate"     # verdict of a resubmission identical to the one graded before


class DashboardError(ValueError):
    """The dashboard cannot show this course yet; the message says what to do."""


# -- the gradebook ---------------------------------------------------------------------------
def gradebook_exists(layout: CourseLayout) -> bool:
    """Whether nbgrader's gradebook has been created (by releasing a week or grading)."""
    url = sa.engine.make_url(layout.db_url)
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:" or not Path(url.database).is_file():
            return False
    engine = sa.create_engine(url)
    try:
        return sa.inspect(engine).has_table("grade")   # nbgrader's table of grades
    except sa.exc.SQLAlchemyError:
        return False
    finally:
        engine.dispose()


def require_gradebook(layout: CourseLayout) -> None:
    """Raise :class:`DashboardError`, saying what to do, when the course has no gradebook yet."""
    layout.require()
    if not gradebook_exists(layout):
        raise DashboardError(
            f"the course in {layout.root} has no gradebook yet ({layout.db_url}), so there is "
            "nothing to show. Release the weeks with `course --root DIR init --cohort` and grade "
            "submissions with `course grade WEEK`; or try the dashboard on a simulated cohort: "
            "`course --root /tmp/course-demo demo` then `course --root /tmp/course-demo dashboard`.")


# -- one load of everything --------------------------------------------------------------------
@dataclass(frozen=True)
class CourseData:
    """Every table of the dashboard, for the whole cohort or one mentor's learners."""
    syllabus: Syllabus
    roster: pd.DataFrame
    mentors: pd.DataFrame
    progress: pd.DataFrame
    attempts: pd.DataFrame
    grades: pd.DataFrame
    questions: pd.DataFrame
    problems: tuple[str, ...] = ()     # files that could not be read, in plain words
    titles: dict[tuple[str, str], str] = field(default_factory=dict)   # (week, grade id) -> question title
    completions: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=COMPLETION_COLUMNS))
    loaded_at: dt.datetime = field(default_factory=lambda: naive_utc(dt.datetime.now(dt.timezone.utc)))
    mentor: str | None = None          # None: everyone; NO_MENTOR: learners without a mentor

    @property
    def learners(self) -> list[str]:
        return sorted(self.roster["learner"])

    @property
    def item_analysis(self) -> pd.DataFrame:
        return item_analysis(self.grades, self.titles)

    @property
    def manual_queue(self) -> pd.DataFrame:
        return manual_queue(self.grades, self.roster, self.progress)

    def learners_of(self, mentor: str | None) -> set[str]:
        """The learners a filter value stands for (None: everyone)."""
        if mentor is None:
            return set(self.roster["learner"])
        return set(self.roster.loc[self.roster["mentor"] == mentor, "learner"])

    def for_mentor(self, mentor: str | None) -> "CourseData":
        """The same tables with only ``mentor``'s learners (None: everyone; ``""``: no mentor)."""
        if mentor is None:
            return replace(self, mentor=None) if self.mentor is not None else self
        keep = self.learners_of(mentor)

        def only(frame: pd.DataFrame) -> pd.DataFrame:
            return frame[frame["learner"].isin(keep)].reset_index(drop=True)

        return replace(self, roster=only(self.roster), progress=only(self.progress),
                       attempts=only(self.attempts), grades=only(self.grades),
                       questions=only(self.questions), completions=only(self.completions), mentor=mentor)


def load_course(layout: CourseLayout, language: str | None = None) -> CourseData:
    """Read the whole course once (raises :class:`DashboardError` when there is no gradebook); question
    titles in ``language`` (default: the course's)."""
    require_gradebook(layout)
    syllabus = layout.syllabus
    ledger = Ledger(layout.db_url)
    try:
        scores = cohort_scores(layout.db_url, layout.course_id)
        from ..cohort import cohort   # the gate's own computation, so the dashboard agrees with it
        progress_map = cohort(layout, ledger)
        attempt_rows = ledger.attempts()
        learner_rows = _learner_rows(ledger)
        mentor_rows = ledger.mentors()
    finally:
        ledger.close()
    attempts = attempts_frame(attempt_rows, scores, syllabus)
    progress = progress_frame(progress_map, attempts, syllabus)
    grades = load_grades(layout)
    problems: list[str] = []
    questions = load_questions(layout, problems)
    titles = question_titles(layout, language or syllabus.language, problems)
    submitted = _submitted_learners(layout)
    roster = roster_frame(learner_rows, mentor_rows,
                          also=set(progress["learner"]) | set(grades["learner"]) | set(questions["learner"])
                          | submitted)
    return CourseData(syllabus=syllabus, roster=roster, mentors=mentors_frame(mentor_rows, roster),
                      progress=progress, attempts=attempts, grades=grades, questions=questions,
                      problems=tuple(problems), titles=titles,
                      completions=load_completions(layout, progress, attempts, roster))


# -- roster and mentors ---------------------------------------------------------------------------
def _learner_rows(ledger: Ledger) -> dict[str, dict]:
    from ..storage import learners_table
    with ledger.engine.connect() as conn:
        return {r.id: dict(r._mapping) for r in conn.execute(sa.select(learners_table))}


def _submitted_learners(layout: CourseLayout) -> set[str]:
    if not layout.submitted.is_dir():
        return set()
    return {p.name for p in layout.submitted.iterdir() if p.is_dir()}


def roster_frame(learner_rows: dict[str, dict], mentor_rows: dict[str, dict],
                 also: set[str] | frozenset[str] = frozenset()) -> pd.DataFrame:
    """One row per learner the course knows: the roster's, and (with empty details) anyone
    who submitted or was graded without a roster row."""
    rows = []
    for lid in sorted(set(learner_rows) | set(also)):
        r = learner_rows.get(lid) or {}
        mentor = r.get("mentor") or ""
        rows.append({"learner": lid, "name": r.get("name") or "", "country": r.get("country") or "",
                     "language": r.get("language") or "", "mentor": mentor,
                     "mentor_name": (mentor_rows.get(mentor) or {}).get("name") or mentor,
                     "in_roster": bool(r.get("in_roster"))})
    return pd.DataFrame(rows, columns=ROSTER_COLUMNS).astype({"in_roster": bool})


def load_roster(layout: CourseLayout) -> pd.DataFrame:
    return load_course(layout).roster


def mentors_frame(mentor_rows: dict[str, dict], roster: pd.DataFrame) -> pd.DataFrame:
    """Every mentor, with how many learners they have (mentors named only in the roster too)."""
    counts = roster[roster["mentor"] != ""].groupby("mentor").size()
    ids = sorted(set(mentor_rows) | set(counts.index))
    rows = [{"mentor": m, "name": (mentor_rows.get(m) or {}).get("name") or m,
             "languages": (mentor_rows.get(m) or {}).get("languages") or "",
             "learners": int(counts.get(m, 0))} for m in ids]
    return pd.DataFrame(rows, columns=MENTOR_COLUMNS)


# -- attempts and progress --------------------------------------------------------------------
def attempts_frame(rows: list[dict], scores: dict[tuple[str, str], SubmissionScore],
                   syllabus: Syllabus) -> pd.DataFrame:
    """Every submission in the ledger, with its verdict; the newest graded one of a week takes
    its score from the gradebook (so a mentor's manual grade counts), as the gate does."""
    numbers = {w.id: w.number for w in syllabus.weeks}
    weeks = {w.id: w for w in syllabus.weeks}
    out = []
    for row in rows:
        score, max_score, pending = row["score"], row["max_score"], row["pending_points"] or 0.0
        problem = row["problem"] or ""
        if problem:
            verdict = DUPLICATE if problem == DUPLICATE else NOT_GRADED
        elif score is None:
            verdict = NOT_GRADED
        else:
            current = scores.get((row["learner"], row["week"]))
            if current and current.timestamp and naive_utc(current.timestamp) == row["submitted_at"]:
                score, max_score, pending = current.score, current.max_score, current.pending_points
            week = weeks.get(row["week"])
            verdict = (Attempt(week=row["week"], submitted_at=row["submitted_at"], score=score,
                               max_score=max_score, pending_points=pending).verdict(week).value
                       if week else "")
        out.append({"learner": row["learner"], "week": row["week"],
                    "week_number": numbers.get(row["week"]), "submitted_at": row["submitted_at"],
                    "score": score, "max_score": max_score, "pending_points": pending,
                    "verdict": verdict, "problem": problem})
    frame = pd.DataFrame(out, columns=ATTEMPT_COLUMNS)
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"])
    return frame.sort_values(["learner", "submitted_at"], kind="stable").reset_index(drop=True)


def load_attempts(layout: CourseLayout) -> pd.DataFrame:
    return load_course(layout).attempts


def progress_frame(progress: dict, attempts: pd.DataFrame, syllabus: Syllabus) -> pd.DataFrame:
    """One row per learner and week: the gate's state and score, and what was handed in."""
    rows = []
    # per (learner, week): submissions, graded ones, the last time, the last problem (in one pass:
    # a pandas group per learner and week costs seconds at 2,000 learners)
    handed_in: dict[tuple[str, str], list] = {}
    for row in attempts.itertuples(index=False):
        entry = handed_in.setdefault((row.learner, row.week), [0, 0, row.submitted_at, ""])
        entry[0] += 1
        entry[1] += row.verdict not in (NOT_GRADED, DUPLICATE)
        entry[2] = max(entry[2], row.submitted_at)
        if row.problem and row.problem != DUPLICATE:
            entry[3] = row.problem
    for learner, weeks in sorted(progress.items()):
        for week in syllabus.weeks:
            wp = weeks[week.id]
            handed = handed_in.get((learner, week.id))
            count, graded, last_at, last_problem = handed or (0, 0, None, "")
            waiting = 1 if wp.state is State.SUBMITTED else 0
            rows.append({
                "learner": learner, "week": week.id, "week_number": week.number, "week_title": week.title,
                "state": wp.state.value, "score": wp.score, "max_score": wp.max_score, "needed": wp.needed,
                "attempts_used": wp.attempts_used, "attempts_left": wp.attempts_left,
                "overridden": wp.overridden, "opened_by": wp.opened_by,
                "submissions": count + waiting,
                "graded_attempts": graded,
                "last_submitted_at": last_at,
                "last_problem": last_problem if graded == 0 else "",
            })
    frame = pd.DataFrame(rows, columns=PROGRESS_COLUMNS)
    frame["last_submitted_at"] = pd.to_datetime(frame["last_submitted_at"])
    for column in ("score", "max_score", "needed"):
        frame[column] = pd.to_numeric(frame[column])
    return frame


def load_progress(layout: CourseLayout) -> pd.DataFrame:
    """Learner x week: state, score, max_score, attempts_used and what was handed in."""
    return load_course(layout).progress


# -- per-question grades --------------------------------------------------------------------
def load_grades(layout: CourseLayout) -> pd.DataFrame:
    """Every graded cell of every learner's latest submission (nbgrader keeps only the latest),
    in one query. ``score`` is the manual score when given, else the automatic one, plus extra
    credit; it is NaN while the cell waits for a mentor. ``share`` is score / max_score, 0..1."""
    return grades_frame(cell_grades(layout.db_url, layout.course_id),
                        {w.id: w.number for w in layout.syllabus.weeks})


def grades_frame(cells: Iterable[CellGrade], week_numbers: dict[str, int]) -> pd.DataFrame:
    """Per-cell grades (see :func:`load_grades`) as a table, with ``score`` and ``share``."""
    frame = pd.DataFrame([{
        "learner": c.learner, "week": c.week, "week_number": week_numbers.get(c.week), "notebook": c.notebook,
        "question": c.question, "cell_type": c.cell_type, "max_score": c.max_score, "auto_score": c.auto_score,
        "manual_score": c.manual_score, "extra_credit": c.extra_credit, "needs_manual_grade": c.needs_manual_grade,
        "submitted_at": naive_utc(c.timestamp) if c.timestamp else None, "score": c.score} for c in cells],
        columns=GRADE_COLUMNS[:-1])
    for column in ("max_score", "auto_score", "manual_score", "extra_credit", "score"):
        frame[column] = pd.to_numeric(frame[column]).astype(float)
    frame["needs_manual_grade"] = frame["needs_manual_grade"].astype(bool)
    frame["submitted_at"] = pd.to_datetime(frame["submitted_at"])
    points = frame["max_score"].where(frame["max_score"] > 0)
    frame["share"] = (frame["score"] / points).clip(lower=0.0, upper=1.0)
    return frame.sort_values(["week_number", "question", "learner"], kind="stable",
                             na_position="last").reset_index(drop=True)


def question_titles(layout: CourseLayout, language: str = "en",
                    problems: list[str] | None = None) -> dict[tuple[str, str], str]:
    """Every question's short title in ``language`` (English where it has none), by week and the grade id
    of the gradebook cell that holds its points (``<id>_check`` for an automatic question, ``<id>`` for
    a written one). A week whose key cannot be read is described in ``problems``; its ids stay."""
    from ..answer_key import AnswerKeyError, load_key
    titles = {}
    for week in layout.syllabus.weeks:
        try:
            key = load_key(layout.keys, week.id)
        except (AnswerKeyError, OSError) as exc:
            if problems is not None:
                problems.append(f"{week.id}: the answer key could not be read ({exc}); its questions are "
                                "shown by their grade ids")
            continue
        for question, entry in key.entries.items():
            title = str(entry.card_text("title", language) or "")
            if title:
                titles[(week.id, question)] = titles[(week.id, f"{question}_check")] = title
    return titles


def item_analysis(grades: pd.DataFrame, titles: dict[tuple[str, str], str] | None = None,
                  min_answers: int = MIN_ANSWERS) -> pd.DataFrame:
    """Per week and question (grade id, and its ``title``, the grade id where it has none): how many
    learners' answers are graded, the share of them with full points, and the mean share of points.
    A question is ``ranked`` once it has ``min_answers`` graded answers: ranked questions come first,
    hardest first (lowest mean share); then those with fewer graded answers, most answers first; then
    those with none. Answers still waiting for a mentor are counted in ``pending``, not in the shares."""
    if grades.empty:
        return pd.DataFrame(columns=ITEM_COLUMNS)
    g = grades.assign(
        is_graded=grades["score"].notna(),
        is_full=grades["score"].notna() & (grades["score"] >= grades["max_score"] - 1e-9),
        is_pending=grades["score"].isna())
    table = g.groupby(["week", "question"], sort=False).agg(
        week_number=("week_number", "first"), max_score=("max_score", "max"),
        graded=("is_graded", "sum"), full_marks=("is_full", "sum"),
        mean_share=("share", "mean"), pending=("is_pending", "sum")).reset_index()
    for column in ("graded", "full_marks", "pending"):
        table[column] = table[column].astype(int)
    table["share_full"] = (table["full_marks"] / table["graded"].where(table["graded"] > 0)).astype(float)
    table["mean_share"] = table["mean_share"].astype(float)
    titles = titles or {}
    table["title"] = [titles.get((w, q)) or q for w, q in zip(table["week"], table["question"])]
    table["ranked"] = table["graded"] >= max(1, min_answers)
    table["_order"] = table["mean_share"].where(table["ranked"], 2.0 - table["graded"] / 1e6)
    table = table.sort_values(["_order", "share_full", "week_number", "question"],
                              na_position="last", kind="stable")
    return table[ITEM_COLUMNS].astype({"ranked": bool}).reset_index(drop=True)


def load_item_analysis(layout: CourseLayout) -> pd.DataFrame:
    return item_analysis(load_grades(layout), question_titles(layout, layout.syllabus.language))


def manual_queue(grades: pd.DataFrame, roster: pd.DataFrame,
                 progress: pd.DataFrame | None = None) -> pd.DataFrame:
    """Written answers waiting for a mentor's grade: the ones that decide a learner's result
    (the week is ``awaiting_review``) first, then the oldest submissions."""
    waiting = grades[grades["needs_manual_grade"] & grades["manual_score"].isna()]
    frame = waiting.merge(roster[["learner", "name", "mentor"]], on="learner", how="left")
    frame = frame.rename(columns={"max_score": "points"})
    frame[["name", "mentor"]] = frame[["name", "mentor"]].fillna("")
    decides = set()
    if progress is not None and len(progress):
        review = progress[progress["state"] == State.AWAITING_REVIEW.value]
        decides = set(zip(review["learner"], review["week"]))
    frame["decides_result"] = [(l, w) in decides for l, w in zip(frame["learner"], frame["week"])]
    frame = frame.sort_values(["decides_result", "submitted_at", "learner", "question"],
                              ascending=[False, True, True, True], kind="stable")
    return frame.reindex(columns=QUEUE_COLUMNS).astype({"decides_result": bool}).reset_index(drop=True)


def load_manual_queue(layout: CourseLayout) -> pd.DataFrame:
    return load_course(layout).manual_queue


# -- questions learners asked ------------------------------------------------------------------
def load_questions(layout: CourseLayout, problems: list[str] | None = None) -> pd.DataFrame:
    """One row per question in ``grading/submitted/<learner>/<week>/mentor_questions.json``
    (oldest first). A file that cannot be read is skipped and described in ``problems``."""
    numbers = {w.id: w.number for w in layout.syllabus.weeks}
    rows = []
    for path in sorted(layout.submitted.glob(f"*/*/{QUESTIONS_FILE}")) if layout.submitted.is_dir() else ():
        week, learner = path.parent.name, path.parent.parent.name
        if week not in numbers:
            continue
        store = QuestionStore(path.parent, keep_aside=False)
        if store.reason and problems is not None:
            problems.append(f"{learner}, {week}: the questions file {QUESTIONS_FILE} could not be read "
                            f"({store.reason}); its questions are not shown")
        for q in store.all():
            rows.append({"learner": learner, "week": week, "week_number": numbers[week],
                         "lesson": q.lesson, "asked_at": naive_utc(q.asked_at), "text": q.text})
    frame = pd.DataFrame(rows, columns=QUESTION_COLUMNS)
    frame["asked_at"] = pd.to_datetime(frame["asked_at"])
    return frame.sort_values(["asked_at", "learner"], kind="stable").reset_index(drop=True)
