"""nbgrader settings of the course, for the grader, the mentors' formgrader and `nbgrader` commands.

The nbgrader course directory is this `grading/` folder: `source/<week>` links
to the week folders at the top of the course, and nbgrader writes
`release/`, `submitted/`, `autograded/`, `feedback/` and `gradebook.db` here.

Settings that depend on where the course runs come from the environment:
  COURSE_DB_URL    gradebook database (default: the hub's, named in hub/hub.toml, else the
                   sqlite file grading/gradebook.db);
                   e.g. postgresql+psycopg://user@host/course for a hub (psycopg 3;
                   a plain postgresql:// URL is read as that too)
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
_gradebook = f"sqlite:///{GRADING / 'gradebook.db'}"
try:   # a hub (`course hub`) keeps its gradebook in the course's own PostgreSQL, named in hub/hub.toml
    import tomllib
    _gradebook = tomllib.loads((ROOT / "hub" / "hub.toml").read_text(encoding="utf-8")).get("db_url") or _gradebook
except (OSError, ValueError):
    pass
c.CourseDirectory.db_url = os.environ.get("COURSE_DB_URL", _gradebook)
if c.CourseDirectory.db_url.startswith(("postgresql://", "postgres://")):   # SQLAlchemy would pick psycopg2
    c.CourseDirectory.db_url = "postgresql+psycopg://" + c.CourseDirectory.db_url.split("://", 1)[1]
c.Exchange.root = os.environ.get("COURSE_EXCHANGE", str(GRADING / "exchange"))
c.Exchange.path_includes_course = False
# The learner-side cache of submissions (solo mode and `course submit`); a hub
# gives each learner their own.
c.Exchange.cache = os.environ.get("COURSE_LEARNER_CACHE", str(GRADING / "learner_cache"))

# Only the assessment is graded; lessons are released beside it by `course release`.
# A week's lesson sources (<week>/src/, see AUTHORING.md) are for authors: never released.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "src"]
# The learner's answers file (assessment.answers.json) travels with the
# submission, so it must never sit in a week's source folder: `course release`
# refuses to release a week that has one.

# Grading never executes a submission: `course grade` reads the answers as data
# and scores them in its own process (course/grading/). nbgrader's own
# autograde (the command or formgrader's button) would run learner code with
# the grader's rights, so it is replaced by a step that refuses and says why.
c.Autograde.autograde_preprocessors = ["course.grading.no_execute.UseCourseGrade"]

# Late work: the syllabus says how much a day late costs (0 = accepted without penalty);
# `course grade` applies it with this plugin.
c.AssignLatePenalties.plugin_class = "course.late.PerDayPenalty"
c.PerDayPenalty.per_day = SYLLABUS.late_penalty_per_day

# A submission (the week folder) may hold at most 20 MB; larger ones are refused
# when submitted and reported when collected (kilobytes).
c.CourseDirectory.max_file_size = 20_000
c.CourseDirectory.max_dir_size = 20_000

# A written answer cell is released with a pencil mark in place of the reference answer.
c.ClearSolutions.code_stub = {"python": ""}
c.ClearSolutions.text_stub = "✎"   # the same in every language: the question says what to write

# Feedback pages are made by `course grade` and `course feedback` (one card per
# question, course/grading/feedback.py), never by nbgrader's generate_feedback.

# The gate: locked weeks are neither listed nor fetchable, nor submittable.
c.ExchangeFactory.list = "course.exchange.GatedExchangeList"
c.ExchangeFactory.fetch_assignment = "course.exchange.GatedExchangeFetchAssignment"
c.ExchangeFactory.submit = "course.exchange.GatedExchangeSubmit"
