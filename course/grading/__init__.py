"""The trusted side of the course: collecting, scoring, recording and publishing results.

``course grade`` runs :func:`run.grade`: submissions are taken from the
exchange as untrusted input (:mod:`inbound`), read as data
(:mod:`submission`), scored against the key in the grader's own process
(:mod:`scorer`), recorded in nbgrader's gradebook (:mod:`record`) and the
course's ledger, and told to the learner (:mod:`feedback`); the gate is then
published (:mod:`publish`). Learner code never runs here; where it must run
at all, it runs in :mod:`sandbox`. Nothing on the learner's side imports
this package.
"""
from ..cohort import cohort
from ..errors import PipelineError
from ..gradebook import cohort_scores
from .nbgrader_adapter import fetch, fetch_feedback, nbgrader_config, prepare, release, release_all, submit
from .publish import publish_all, unlock
from .run import GradingReport, grade, refresh_feedback

__all__ = ["GradingReport", "PipelineError", "cohort", "cohort_scores", "fetch", "fetch_feedback", "grade",
           "nbgrader_config", "prepare", "publish_all", "refresh_feedback", "release", "release_all", "submit",
           "unlock"]
