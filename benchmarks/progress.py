"""How fast `course progress` reports a large cohort: 2,000 learners x 4 weeks by default.

    .venv/bin/python benchmarks/progress.py --learners 2000

A course is released, then a synthetic gradebook (every learner graded in every week: five
grades per submission) and the course's attempt records are written in bulk. Measured in the
same run:

* course progress (command) : `python -m course progress --format json`, a whole new process
* course progress (in process) : `grading.cohort(layout)`, the query and the gate alone
* dashboard data            : `course.mentor.data.load_course(layout)`, everything the mentor
                              dashboard shows (for information; not part of the ratio)
* baseline                  : nbgrader's own ORM, one `find_submission` per learner and week,
                              as a script on nbgrader's API would do it; it is slow, so it is
                              timed on --baseline-sample learners and scaled to the cohort

The last line is the speed-up of the in-process report over the baseline, like `12.3x`.
"""
from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import sqlalchemy as sa  # noqa: E402
from nbgrader import api as nb  # noqa: E402

from course import grading  # noqa: E402
from course.layout import CourseLayout  # noqa: E402
from course.storage import Ledger, attempts_table, learners_table  # noqa: E402
from course.scaffold import init_course  # noqa: E402


def fill_gradebook(layout: CourseLayout, learners: int, seed: int = 7) -> None:
    """Write one graded submission per learner and week, and the matching attempt rows."""
    import random
    rng = random.Random(seed)
    engine = sa.create_engine(layout.db_url)
    Ledger(layout.db_url).close()
    with engine.begin() as conn:
        weeks = {r.name: r.id for r in conn.execute(sa.select(nb.Assignment.id, nb.Assignment.name))}
        notebooks = {r.assignment_id: r.id for r in conn.execute(sa.select(nb.Notebook.id, nb.Notebook.assignment_id))}
        cells = {}
        for r in conn.execute(sa.select(nb.GradeCell.id, nb.GradeCell.max_score, nb.GradeCell.notebook_id)):
            cells.setdefault(r.notebook_id, []).append((r.id, r.max_score))
        students, subs, sub_nbs, grades, attempts, roster = [], [], [], [], [], []
        start = dt.datetime(2026, 12, 10, 12, 0)
        for i in range(learners):
            sid = f"p{i:05d}"
            students.append({"id": sid})
            roster.append({"id": sid, "added": start, "in_roster": False})
            for w, (name, wid) in enumerate(sorted(weeks.items())):
                stamp = start + dt.timedelta(days=7 * w, minutes=i)
                sa_id, sn_id = uuid.uuid4().hex, uuid.uuid4().hex
                subs.append({"id": sa_id, "assignment_id": wid, "student_id": sid, "timestamp": stamp})
                sub_nbs.append({"id": sn_id, "assignment_id": sa_id, "notebook_id": notebooks[wid],
                                "flagged": False})
                total = maximum = 0.0
                for cell_id, max_score in cells[notebooks[wid]]:
                    got = max_score if rng.random() < 0.75 else 0.0
                    grades.append({"id": uuid.uuid4().hex, "notebook_id": sn_id, "cell_id": cell_id,
                                   "auto_score": got, "needs_manual_grade": False})
                    total, maximum = total + got, maximum + max_score
                attempts.append({"learner": sid, "week": name, "submitted_at": stamp, "graded_at": stamp,
                                 "score": total, "max_score": maximum, "pending_points": 0.0})
        conn.execute(nb.Student.__table__.insert(), students)
        conn.execute(nb.SubmittedAssignment.__table__.insert(), subs)
        conn.execute(nb.SubmittedNotebook.__table__.insert(), sub_nbs)
        conn.execute(nb.Grade.__table__.insert(), grades)
        conn.execute(attempts_table.insert(), attempts)
        conn.execute(learners_table.insert(), roster)
    engine.dispose()


def time_command(layout: CourseLayout) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "course", "--root", str(layout.root), "progress",
                    "--format", "json"], check=True, capture_output=True)
    return time.perf_counter() - start


def time_in_process(layout: CourseLayout) -> tuple[float, dict]:
    start = time.perf_counter()
    progress = grading.cohort(layout)
    return time.perf_counter() - start, progress


def time_baseline(layout: CourseLayout, learners: list[str]) -> tuple[float, dict]:
    weeks = layout.syllabus.week_ids
    scores = {}
    start = time.perf_counter()
    with nb.Gradebook(layout.db_url, layout.course_id) as gb:
        for learner in learners:
            for week in weeks:
                scores[(learner, week)] = gb.find_submission(week, learner).score
    return time.perf_counter() - start, scores


def time_dashboard_data(layout: CourseLayout) -> float:
    """Seconds to read everything the mentor dashboard shows."""
    from course.mentor.data import load_course
    start = time.perf_counter()
    course = load_course(layout)
    assert len(course.progress) == len(course.learners) * len(layout.syllabus.weeks)
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=2000)
    parser.add_argument("--baseline-sample", type=int, default=200)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="course-bench-progress-") as tmp:
        layout = init_course(Path(tmp) / "course", solo=False)
        fill_gradebook(layout, args.learners)
        learners = [f"p{i:05d}" for i in range(args.learners)]
        command_s = time_command(layout)
        in_process_s, progress = time_in_process(layout)
        dashboard_s = time_dashboard_data(layout)
        sample = learners[: args.baseline_sample]
        baseline_s, scores = time_baseline(layout, sample)
        baseline_s *= len(learners) / len(sample)
        # where the latest attempt decides (not passed, not locked), both must give the same score
        mismatches = [k for k, v in scores.items()
                      if progress[k[0]][k[1]].state.value in ("failed", "awaiting_review")
                      and abs(progress[k[0]][k[1]].score - v) > 1e-6]
        assert len(progress) == args.learners and not mismatches, "the report disagrees with nbgrader"
    weeks = 4
    print(f"{args.learners} learners x {weeks} weeks")
    print(f"{'method':<34} {'seconds':>8}")
    for name, secs in (("course progress (command)", command_s),
                       ("course progress (in process)", in_process_s),
                       ("dashboard data (in process)", dashboard_s),
                       (f"baseline: nbgrader ORM (x{len(learners) / len(sample):g})", baseline_s)):
        print(f"{name:<34} {secs:8.2f}")
    print(f"{baseline_s / in_process_s:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
