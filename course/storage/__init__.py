"""Everything the course stores itself, beside nbgrader's gradebook.

The course tables live in the gradebook's own database (SQLite by default,
PostgreSQL for a hub), so there is no second database to run:

``course_attempts``  one row per graded (or ungradable) submission: learner,
                     week, submitted_at, score, max_score, pending_points,
                     problem (why it could not be graded), digest, entry and
                     submitted_by (where the exchange says it came from)
``course_events``    every unlock and mentor override: time, learner, week,
                     kind (``unlock`` | ``override``), cause, score, by
``course_learners``  learners known to the course: the imported roster (name,
                     country, language, mentor) and anyone who submitted
                     without a roster (solo mode)
``course_mentors``   mentors and the languages they speak
``course_grading_queue``  submissions for grading workers to take (PostgreSQL):
                     entry (inbound folder), learner, week, received_at,
                     state, worker, taken_at, done_at, problem
``course_live_chats`` the live chats a mentor scheduled (``course chat``): week,
                     start (UTC), time zone, minutes, topic (en, ar), link;
                     a removed chat keeps its row with ``removed`` set
``course_alembic_version``  the schema revision of the tables above

``tables.py`` defines them, ``ledger.py`` reads and writes them,
``migrate.py`` upgrades a database to the newest schema and
``migrations/versions/`` holds one file per schema change. nbgrader's own
tables and ``alembic_version`` are nbgrader's: nothing here touches them.
"""
from .ledger import Ledger, naive_utc, now
from .migrate import SchemaError, upgrade
from .tables import (attempts_table, events_table, grading_queue_table, learners_table, live_chats_table,
                     mentors_table, metadata)

__all__ = ["Ledger", "SchemaError", "attempts_table", "events_table", "grading_queue_table",
           "learners_table", "live_chats_table", "mentors_table", "metadata", "naive_utc", "now", "upgrade"]
