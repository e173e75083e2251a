"""How fast `course grade` grades week 1, against nbgrader's own autograde measured in the same run,
and how it holds up with a large cohort.

    .venv/bin/python benchmarks/grading.py                    # 66 learners, then 2,000 (about 10 minutes)
    .venv/bin/python benchmarks/grading.py --learners 66 --large 0

Part 1, same cohort, same run: `course grade --no-feedback` (collect, score, record, publish the gate)
for N learners, against one `nbgrader autograde` process per learner (nbgrader's stock steps: it
executes each notebook), the way a mentor would grade without this course. The baseline is slow,
so it is timed on a sample of learners (``--sample``) and given per learner.

Part 2, a large simulated cohort (``--large``, default 2,000): `course grade` with every feedback
page, in its own process; total seconds and peak memory (resident set of the grading process),
next to a cohort an eighth that size, to show memory stays flat as the cohort grows.

Submissions are real hand-ins (nbgrader's submit) for two learners, full and partial marks, copied
in the exchange under other names for the rest, each with its own secret: the grader treats every
copy as a separate learner's submission. The last line is the speed-up of part 1, like `30.0x`.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from course import grading  # noqa: E402
from course.answer_key import load_key  # noqa: E402
from course.layout import CourseLayout  # noqa: E402
from course.reference import fill  # noqa: E402
from course.scaffold import init_course  # noqa: E402

WEEK = "week1_facebook"
STOCK_AUTOGRADE = ("nbgrader.preprocessors.Execute nbgrader.preprocessors.LimitOutput "
                   "nbgrader.preprocessors.SaveAutoGrades nbgrader.preprocessors.AssignLatePenalties "
                   "nbgrader.preprocessors.CheckCellMetadata").split()


def make_course(root: Path, learners: int) -> CourseLayout:
    """A course whose exchange holds week 1 from ``learners`` learners, half full marks, half partial."""
    layout = init_course(root, solo=False)
    key = load_key(layout.keys, WEEK)
    inbound = layout.exchange / layout.course_id / "inbound"
    templates = []
    for quality in ("full", "partial"):
        workspace = root / "templates" / quality
        folder = grading.fetch(layout, WEEK, f"t_{quality}", workspace)
        fill(folder / "assessment.ipynb", None, key, quality)
        grading.submit(layout, WEEK, f"t_{quality}", workspace)
        entry = next(inbound.glob(f"t_{quality}+{WEEK}+*"))
        templates.append(shutil.move(str(entry), root / "templates" / f"entry-{quality}"))
    for i in range(learners):
        learner = f"b{i:05d}"
        dest = inbound / f"{learner}+{WEEK}+2026-12-10 10:00:00.000000 UTC+{uuid.uuid4().hex[:8]}"
        shutil.copytree(templates[i % 2], dest)
        (dest / "submission_secret.txt").write_text(uuid.uuid4().hex)
    return layout


def run_course_grade(layout: CourseLayout, *extra: str) -> tuple[float, float]:
    """Seconds and peak resident memory (MiB) of one `course grade` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "course", "--root", str(layout.root), "grade", WEEK, *extra],
                   check=True, capture_output=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) / 1024


def time_baseline(layout: CourseLayout, learners: list[str]) -> float:
    """Seconds per learner of one stock `nbgrader autograde` process each (it executes the notebook)."""
    for learner in learners:   # nbgrader needs the submissions in its submitted/ folder
        entry = next((layout.exchange / layout.course_id / "inbound").glob(f"{learner}+{WEEK}+*"))
        shutil.copytree(entry, layout.submitted / learner / WEEK, dirs_exist_ok=True)
    with open(layout.nbgrader_config_file, "a", encoding="utf-8") as config:   # this copy only
        config.write(f"\nc.Autograde.autograde_preprocessors = {json.dumps(STOCK_AUTOGRADE)}\n")
    start = time.perf_counter()
    for learner in learners:
        result = subprocess.run([sys.executable, "-m", "nbgrader", "autograde", WEEK, "--student", learner,
                        "--force", "--CourseDirectory.notebook_id=assessment"],
                       cwd=layout.grading, capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"nbgrader autograde failed for {learner}:\n{result.stderr[-2000:]}")
    return (time.perf_counter() - start) / len(learners)


def check_graded(layout: CourseLayout, n: int) -> None:
    progress = grading.cohort(layout)
    graded = [l for l, weeks in progress.items() if l.startswith("b") and weeks[WEEK].score is not None]
    assert len(graded) == n, f"course grade graded {len(graded)} of {n} learners"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=66)
    parser.add_argument("--sample", type=int, default=10, help="learners the nbgrader baseline grades")
    parser.add_argument("--large", type=int, default=2000, help="simulated cohort for part 2 (0: skip)")
    args = parser.parse_args(argv)
    n = args.learners
    with tempfile.TemporaryDirectory(prefix="course-bench-") as tmp:
        tmp = Path(tmp)
        ours = make_course(tmp / "ours", n)
        baseline = CourseLayout.at(shutil.copytree(ours.root, tmp / "baseline", symlinks=True))
        grade_s, _ = run_course_grade(ours, "--no-feedback")
        check_graded(ours, n)
        per_base = time_baseline(baseline, [f"b{i:05d}" for i in range(min(args.sample, n))])
        large = []
        if args.large:
            for size in (max(args.large // 8, 1), args.large):
                layout = make_course(tmp / f"large{size}", size)
                seconds, peak = run_course_grade(layout)
                check_graded(layout, size)
                pages = len(list((layout.exchange / layout.course_id / "feedback").glob("*.html")))
                large.append((size, seconds, peak, pages))
                shutil.rmtree(layout.root)
    per_ours = grade_s / n
    print(f"part 1: {n} learners, {os.cpu_count()} cores")
    print(f"{'method':<52} {'total s':>9} {'per learner s':>14}")
    print(f"{'course grade --no-feedback':<52} {grade_s:9.1f} {per_ours:14.3f}")
    print(f"{f'baseline: nbgrader autograde per learner (sample {min(args.sample, n)})':<52} "
          f"{per_base * n:9.1f} {per_base:14.3f}")
    if large:
        print("part 2: course grade with feedback pages")
        print(f"{'learners':>9} {'total s':>9} {'per learner s':>14} {'peak MiB':>9} {'pages':>7}")
        for size, seconds, peak, pages in large:
            print(f"{size:9d} {seconds:9.1f} {seconds / size:14.3f} {peak:9.0f} {pages:7d}")
    print(f"{per_base / per_ours:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
