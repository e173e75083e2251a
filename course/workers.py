"""Autograde many learners (or remake their feedback) in a bounded pool of worker processes.

Each worker imports nbgrader once and then autogrades learner after learner
(autograde, then the feedback page), so a cohort pays nbgrader's start-up
cost once per worker, not once per learner. ``course feedback`` uses the same
pool to remake feedback pages after mentors' grading. With one learner, or one
worker, everything runs in this process. Results arrive as each learner
finishes, so work done before an interruption is kept.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Callable, Iterator

from .assess import KEYS_ENV


@dataclass(frozen=True)
class Outcome:
    learner: str
    ok: bool
    error: str = ""


_api_cache: dict = {}


def default_workers() -> int:
    """Two workers per two cores is what SQLite gradebooks handle well; more cores, more workers."""
    return max(1, min(4, (os.cpu_count() or 2)))


def _api(root: str, week_id: str):
    """This process's course layout and nbgrader API for a week, made once."""
    from . import pipeline
    from .layout import CourseLayout
    key = (root, week_id)
    if key not in _api_cache:
        layout = CourseLayout.at(root)
        _api_cache[key] = (layout, pipeline.api_for(layout, week_id))
    return _api_cache[key]


def grade_one(root: str, week_id: str, learner: str) -> Outcome:
    """Autograde one learner's collected submission and release its feedback (runs in a worker)."""
    from . import pipeline
    layout, api = _api(root, week_id)
    os.environ[KEYS_ENV] = str(layout.keys)
    try:
        result = api.autograde(week_id, learner, force=True, create=True)
        if not result.get("success"):
            return Outcome(learner, False, pipeline.last_error(result))
        feedback = api.generate_feedback(week_id, learner)
        if feedback.get("success"):
            api.release_feedback(week_id, learner)
        return Outcome(learner, True)
    except Exception as exc:   # one learner's failure never stops the others
        return Outcome(learner, False, f"{type(exc).__name__}: {exc}"[:300])


def feedback_one(root: str, week_id: str, learner: str) -> Outcome:
    """Make and release one learner's feedback page again, with mentors' grades (runs in a worker)."""
    from . import pipeline
    _layout, api = _api(root, week_id)
    try:
        for step in (api.generate_feedback, api.release_feedback):
            result = step(week_id, learner)
            if not result.get("success"):
                return Outcome(learner, False, pipeline.last_error(result))
        return Outcome(learner, True)
    except Exception as exc:   # one learner's failure never stops the others
        return Outcome(learner, False, f"{type(exc).__name__}: {exc}"[:300])


def grade_all(root: str, week_id: str, learners: list[str], workers: int,
              on_done: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Grade ``learners`` with at most ``workers`` processes; call ``on_done`` as each finishes."""
    return for_each(grade_one, root, week_id, learners, workers, on_done)


def feedback_all(root: str, week_id: str, learners: list[str], workers: int) -> list[Outcome]:
    """Make every learner's feedback again with at most ``workers`` processes."""
    return for_each(feedback_one, root, week_id, learners, workers)


def for_each(task: Callable[[str, str, str], Outcome], root: str, week_id: str, learners: list[str],
             workers: int, on_done: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Run ``task(root, week_id, learner)`` for every learner in at most ``workers`` processes."""
    outcomes = []
    for outcome in _run(task, root, week_id, learners, workers):
        outcomes.append(outcome)
        if on_done:
            on_done(outcome)
    return outcomes


def _run(task, root: str, week_id: str, learners: list[str], workers: int) -> Iterator[Outcome]:
    workers = max(1, min(workers, len(learners)))
    if workers == 1:
        for learner in learners:
            yield task(root, week_id, learner)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = {pool.submit(task, root, week_id, learner): learner for learner in learners}
        try:
            for future in as_completed(futures):
                try:
                    yield future.result()
                except Exception as exc:   # a worker that died (out of memory, killed)
                    yield Outcome(futures[future], False, f"the grading process stopped: {exc}"[:300])
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise

