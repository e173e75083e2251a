"""nbgrader settings of the course, for the grader, the mentors' formgrader and `nbgrader` commands.

The nbgrader course directory is this `grading/` folder: `source/<week>` links
to the week folders at the top of the course, and nbgrader writes
`release/`, `submitted/`, `autograded/`, `feedback/` and `gradebook.db` here.

Settings that depend on where the course runs come from the environment:
  COURSE_DB_URL    gradebook database (default: sqlite file grading/gradebook.db);
                   e.g. postgresql://user@host/course for a hub
  COURSE_EXCHANGE  nbgrader exchange folder (default: grading/exchange)
  COURSE_LEARNER_CACHE  learner-side copy of submissions (default: grading/learner_cache)
"""
import os
from pathlib import Path

from course.syllabus import load_syllabus

c = get_config()  # noqa: F821 - provided by traitlets when it loads this file

GRADING = Path(__file__).resolve().parent
ROOT = GRADING.parent
_local_syllabus = ROOT / "syllabus.toml"
SYLLABUS = load_syllabus(_local_syllabus if _local_syllabus.exists() else None)

c.CourseDirectory.root = str(GRADING)
c.CourseDirectory.course_id = SYLLABUS.course_id
c.CourseDirectory.db_url = os.environ.get("COURSE_DB_URL", f"sqlite:///{GRADING / 'gradebook.db'}")
c.Exchange.root = os.environ.get("COURSE_EXCHANGE", str(GRADING / "exchange"))
c.Exchange.path_includes_course = False
# The learner-side cache of submissions (solo mode and `course submit`); a hub
# gives each learner their own.
c.Exchange.cache = os.environ.get("COURSE_LEARNER_CACHE", str(GRADING / "learner_cache"))

# Only the assessment is graded; lessons are released beside it by `course release`.
# The learner's answers file (assessment.answers.json) travels with the
# submission, so it must never sit in a week's source folder: `course release`
# refuses to release a week that has one.

# One learner's infinite loop is interrupted after this many seconds per cell;
# the remaining cells still run, so the rest of the cohort is not held up.
c.Execute.timeout = 20
c.Execute.interrupt_on_timeout = True

# A grading kernel is thrown away after one learner: it keeps no IPython history
# (learners' code is not written into the grader's ~/.ipython) and is stopped at
# once rather than waited for. Both cut the time each learner costs.
c.Execute.extra_arguments = ["--HistoryManager.enabled=False"]
c.Execute.shutdown_kernel = "immediate"

# A warning printed by a library must not cost a correct answer its points.
c.IgnorePattern.enabled = True
c.IgnorePattern.pattern = r"(?i)warning"

# Late work: the syllabus says how much a day late costs (0 = accepted without penalty).
c.AssignLatePenalties.plugin_class = "course.late.PerDayPenalty"
c.PerDayPenalty.per_day = SYLLABUS.late_penalty_per_day

# A submission (the week folder) may hold at most 20 MB; larger ones are refused
# when submitted and reported when collected (kilobytes).
c.CourseDirectory.max_file_size = 20_000
c.CourseDirectory.max_dir_size = 20_000

# A one-line answer cell keeps its visible prompt line; the solution is simply removed.
c.ClearSolutions.code_stub = {"python": ""}
c.ClearSolutions.text_stub = "Write your answer here."

# Feedback pages show the learner's answers and points, never test code or keys.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "course.feedback_filter.HideTestCode",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]

# The gate: locked weeks are neither listed nor fetchable, nor submittable.
c.ExchangeFactory.list = "course.exchange.GatedExchangeList"
c.ExchangeFactory.fetch_assignment = "course.exchange.GatedExchangeFetchAssignment"
c.ExchangeFactory.submit = "course.exchange.GatedExchangeSubmit"
