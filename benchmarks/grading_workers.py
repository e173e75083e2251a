"""Grading workers on PostgreSQL: one worker against three, on the same 300 submissions, and a single
run on SQLite beside them.

    .venv/bin/python benchmarks/grading_workers.py                  # 150 learners in each of 2 weeks
    .venv/bin/python benchmarks/grading_workers.py --per-week 500 --workers 1 3 6

Each case gets a new course and a new database on a throwaway PostgreSQL server (tests/postgres.py,
started here, stopped at the end): 150 learners hand in week 1 and 150 others (whose week 1 pass is
already recorded) week 2, as copies of real hand-ins (tests/grading/test_workers.py). Then N worker
processes start together, each grading week 1 then week 2 (`course grade` in hub mode), and the
time until the last one ends is taken (process start-up included, about 3 s). SQLite: one process,
the single run under the grading lock. The last line is the speed-up of the most workers over one.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "tests"), str(HERE.parent / "tests" / "grading")]

from postgres import PostgresServer, server_programs  # noqa: E402
from test_workers import W1, W2, WORKER, hand_in_many, passed_week1_earlier  # noqa: E402

from course.layout import CourseLayout  # noqa: E402
from course.scaffold import init_course  # noqa: E402


def prepared_course(root: Path, db_url: str | None, per_week: int) -> CourseLayout:
    if db_url:
        os.environ["COURSE_DB_URL"] = db_url
    else:
        os.environ.pop("COURSE_DB_URL", None)
    init_course(root, solo=False)
    layout = CourseLayout.at(root)
    second = [f"b{i:04d}" for i in range(per_week)]
    passed_week1_earlier(layout, second)
    hand_in_many(layout, W1, [f"a{i:04d}" for i in range(per_week)])
    hand_in_many(layout, W2, second)
    return layout


def timed_workers(layout: CourseLayout, count: int) -> tuple[float, int]:
    """Seconds until ``count`` workers started together have all ended, and how many they graded."""
    started = time.monotonic()
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, str(layout.root), W1, W2], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True, env=os.environ.copy()) for _ in range(count)]
    outputs = [w.communicate()[0] for w in workers]
    elapsed = time.monotonic() - started
    if any(w.returncode for w in workers):
        raise SystemExit("a worker failed")
    import json
    graded = sum(len(json.loads(line)["graded"]) for out in outputs for line in out.splitlines() if line.startswith("{"))
    return elapsed, graded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-week", type=int, default=150, help="submissions in each of the two weeks")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 3])
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-workers-") as scratch:
        layout = prepared_course(Path(scratch) / "sqlite", None, args.per_week)
        rows.append(("SQLite, single run", *timed_workers(layout, 1)))
        server = PostgresServer(server_programs()).start()
        try:
            for count in args.workers:
                layout = prepared_course(Path(scratch) / f"pg{count}", server.create_database(), args.per_week)
                rows.append((f"PostgreSQL, {count} worker(s)", *timed_workers(layout, count)))
        finally:
            server.stop()
    total = 2 * args.per_week
    print(f"{total} submissions (2 weeks), {os.cpu_count()} cores")
    print(f"{'case':<26}{'total s':>9}{'per submission s':>18}{'graded':>8}")
    for name, seconds, graded in rows:
        print(f"{name:<26}{seconds:>9.1f}{seconds / total:>18.3f}{graded:>8}")
    one = next(s for n, s, _ in rows if n == "PostgreSQL, 1 worker(s)") if 1 in args.workers else rows[1][1]
    print(f"{one / rows[-1][1]:.1f}x")


if __name__ == "__main__":
    main()
