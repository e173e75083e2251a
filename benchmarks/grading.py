"""How fast `course grade` grades a cohort's week 1, against two references measured in the same run.

    .venv/bin/python benchmarks/grading.py --learners 66

* course grade   : `python -m course grade week1_facebook` (one process, a pool of workers)
* baseline       : one `nbgrader autograde` process per learner, one after the other
* nbclient floor : executing the same submitted notebook with nbclient alone, per learner

Each method grades the same synthetic submissions (half full marks, half partial) in its own copy
of the course. The table shows seconds in all and per learner; the last line is the speed-up of
`course grade` over the baseline, written like `3.4x`. Wall-clock figures depend on the machine;
the ratios are what to compare.

Shared machines are noisy, so `course grade` runs twice (on two identical copies) and each
floor notebook is executed twice, interleaved with them (grade, floor, grade, floor); each
keeps its faster time, so both sides of the floor ratio are measured the same way. The
baseline (minutes long) runs once.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from course import pipeline  # noqa: E402
from course.answer_key import load_key  # noqa: E402
from course.assess import KEYS_ENV  # noqa: E402
from course.layout import CourseLayout  # noqa: E402
from course.reference import fill  # noqa: E402
from course.scaffold import init_course  # noqa: E402
from course.workers import default_workers  # noqa: E402

WEEK = "week1_facebook"


def make_course(root: Path, learners: int) -> CourseLayout:
    """A course with every learner's week 1 submitted (not yet collected)."""
    layout = init_course(root, solo=False)
    key = load_key(layout.keys, WEEK)
    source = layout.week_folder(WEEK) / "assessment.ipynb"
    for i in range(learners):
        learner = f"b{i:04d}"
        workspace = root / "learners" / learner
        folder = pipeline.fetch(layout, WEEK, learner, workspace)
        fill(folder / "assessment.ipynb", source, key, "full" if i % 2 == 0 else "partial")
        pipeline.submit(layout, WEEK, learner, workspace)
    return layout


def time_course_grade(layout: CourseLayout, workers: int) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "course", "--root", str(layout.root), "grade", WEEK,
                    "--workers", str(workers)], check=True, capture_output=True)
    return time.perf_counter() - start


def time_baseline(layout: CourseLayout, learners: list[str]) -> float:
    """One nbgrader process per learner, as a mentor running `nbgrader autograde` in a loop would."""
    api = pipeline.api_for(layout, WEEK)
    pipeline._check(api.collect(WEEK, update=True), "collect")
    env = dict(os.environ, **{KEYS_ENV: str(layout.keys)})
    start = time.perf_counter()
    for learner in learners:
        subprocess.run([sys.executable, "-m", "nbgrader", "autograde", WEEK, "--student", learner,
                        "--force", "--CourseDirectory.notebook_id=assessment"],
                       cwd=layout.grading, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def time_nbclient_floor(layout: CourseLayout, learners: list[str]) -> list[float]:
    """Seconds to execute each learner's notebook with nbclient, in its folder."""
    import nbformat
    from nbclient import NotebookClient
    os.environ[KEYS_ENV] = str(layout.keys)
    times = []
    for learner in learners:
        folder = layout.submitted / learner / WEEK
        nb = nbformat.read(folder / "assessment.ipynb", as_version=4)
        start = time.perf_counter()
        NotebookClient(nb, timeout=60, kernel_name="python3",
                       resources={"metadata": {"path": str(folder)}}).execute()
        times.append(time.perf_counter() - start)
    return times


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--learners", type=int, default=66)
    parser.add_argument("--workers", type=int, default=default_workers())
    args = parser.parse_args(argv)
    n, workers = args.learners, args.workers
    learners = [f"b{i:04d}" for i in range(n)]
    with tempfile.TemporaryDirectory(prefix="course-bench-") as tmp:
        ours = make_course(Path(tmp) / "ours", n)
        # each copy points at its own exchange and gradebook (paths are relative to the root)
        copies = [CourseLayout.at(shutil.copytree(ours.root, Path(tmp) / name, symlinks=True))
                  for name in ("again", "baseline")]
        again, baseline = copies
        sample = learners[: min(n, 6)]
        floor_runs, course_runs = [], []
        for layout in (ours, again):
            course_runs.append(time_course_grade(layout, workers))
            graded = pipeline.cohort(layout)
            assert all(graded[l][WEEK].score is not None for l in learners), "course grade missed learners"
            floor_runs.append(time_nbclient_floor(layout, sample))
        course_s = min(course_runs)
        floor_s = statistics.mean(min(pair) for pair in zip(*floor_runs))
        baseline_s = time_baseline(baseline, learners)
    per_ours, per_base = course_s / n, baseline_s / n
    rows = [("course grade", course_s, per_ours),
            ("baseline: nbgrader autograde per learner", baseline_s, per_base),
            ("floor: nbclient execution", floor_s * n, floor_s)]
    print(f"{n} learners, {workers} workers, {os.cpu_count()} cores")
    print(f"{'method':<42} {'total s':>9} {'per learner s':>14}")
    for name, total, per in rows:
        print(f"{name:<42} {total:9.1f} {per:14.2f}")
    print(f"course grade runs: {', '.join(f'{t:.1f} s' for t in course_runs)} (the faster counts)")
    print(f"course grade per learner vs floor/workers: {per_ours / (floor_s / workers):.2f}x")
    print(f"{per_base / per_ours:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
