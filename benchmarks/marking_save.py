"""Saving one mark on the marking page: feedback for the marked learner only, against the whole week's.

Builds the demo cohort (``course demo``: every learner through four weeks), then, on the same
course and in the same run, times ``refresh_feedback`` for one week the way ``course feedback WEEK``
runs it (every learner who handed the week in) and the way ``marking.save`` runs it (the marked
learner only), and one whole ``marking.save``. Prints a table, then the speed-up as the last line.
"""
from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

from course.demo import run_demo
from course.grading import refresh_feedback
from course.mentor import marking


def timed(fn, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--learners", type=int, default=24)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        layout = run_demo(Path(tmp) / "course", learners=args.learners, out=io.StringIO())
        answer = marking.waiting(layout)[0]
        week = answer.week
        handed = len(list(layout.submitted.glob(f"*/{week}")))
        whole = timed(lambda: refresh_feedback(layout, week), args.repeat)
        one = timed(lambda: refresh_feedback(layout, week, learners=[answer.learner]), args.repeat)
        start = time.perf_counter()
        marking.save(layout, answer.learner, week, answer.question, answer.max_points, "benchmark")
        save = time.perf_counter() - start
    print(f"{'what':<44} {'seconds':>8}")
    print(f"{f'refresh_feedback, whole week ({handed} learners)':<44} {whole:8.2f}")
    print(f"{'refresh_feedback, the marked learner only':<44} {one:8.2f}")
    print(f"{'marking.save (gradebook + gate + feedback)':<44} {save:8.2f}")
    print(f"{whole / one:.1f}x")


if __name__ == "__main__":
    main()
