"""The course's tables, as SQLAlchemy Core definitions (the newest schema).

Every change here needs a migration in ``migrations/versions/`` (see
:mod:`course.storage.migrate`); a test proves the migrations build exactly
these tables.
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

attempts_table = sa.Table(
    "course_attempts", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("learner", sa.String(128), nullable=False, index=True),
    sa.Column("week", sa.String(128), nullable=False),
    sa.Column("submitted_at", sa.DateTime, nullable=False),
    sa.Column("graded_at", sa.DateTime, nullable=False),
    sa.Column("score", sa.Float),
    sa.Column("max_score", sa.Float),
    sa.Column("pending_points", sa.Float, default=0.0),
    sa.Column("problem", sa.Text),
    sa.Column("digest", sa.String(64)),
    sa.Column("entry", sa.String(255)),          # the exchange inbound folder it came from
    sa.Column("submitted_by", sa.String(128)),   # the account the exchange says handed it in
    sa.UniqueConstraint("learner", "week", "submitted_at", name="one_row_per_submission"),
)

events_table = sa.Table(
    "course_events", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("at", sa.DateTime, nullable=False),
    sa.Column("learner", sa.String(128), nullable=False, index=True),
    sa.Column("week", sa.String(128), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("cause", sa.Text, nullable=False),
    sa.Column("score", sa.String(32)),
    sa.Column("by", sa.String(128)),
)

learners_table = sa.Table(
    "course_learners", metadata,
    sa.Column("id", sa.String(128), primary_key=True),
    sa.Column("added", sa.DateTime, nullable=False),
    sa.Column("name", sa.String(256)),
    sa.Column("country", sa.String(128)),
    sa.Column("language", sa.String(8)),
    sa.Column("mentor", sa.String(128)),
    sa.Column("in_roster", sa.Boolean, nullable=False, default=False),
)

mentors_table = sa.Table(
    "course_mentors", metadata,
    sa.Column("id", sa.String(128), primary_key=True),
    sa.Column("name", sa.String(256), nullable=False),
    sa.Column("languages", sa.String(64), nullable=False, default=""),
    sa.Column("contact", sa.String(256), nullable=False, default="", server_default=""),   # how learners reach them
)

live_chats_table = sa.Table(
    "course_live_chats", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("week", sa.String(128), nullable=False),
    sa.Column("starts", sa.DateTime, nullable=False),          # naive UTC
    sa.Column("zone", sa.String(64), nullable=False),          # IANA name it was planned in
    sa.Column("minutes", sa.Integer, nullable=False),
    sa.Column("topic_en", sa.Text, nullable=False),
    sa.Column("topic_ar", sa.Text, nullable=False, default=""),
    sa.Column("link", sa.Text),
    sa.Column("added", sa.DateTime, nullable=False),
    sa.Column("added_by", sa.String(128)),
    sa.Column("removed", sa.DateTime),                         # kept, so the syllabus's are not seeded again
)

grading_queue_table = sa.Table(
    "course_grading_queue", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("entry", sa.String(255), nullable=False),   # the exchange inbound folder it names
    sa.Column("learner", sa.String(128), nullable=False),
    sa.Column("week", sa.String(128), nullable=False),
    sa.Column("received_at", sa.DateTime, nullable=False),
    # waiting | done | superseded (a newer one of the learner's came) | failed (tried again) | gone
    sa.Column("state", sa.String(16), nullable=False, default="waiting"),
    sa.Column("worker", sa.String(255)),        # host:pid of the worker that dealt with it
    sa.Column("taken_at", sa.DateTime),
    sa.Column("done_at", sa.DateTime),
    sa.Column("problem", sa.Text),              # why it failed, for the next try
    sa.UniqueConstraint("entry", name="uq_course_grading_queue_entry"),
    sa.Index("ix_course_grading_queue_week_state", "week", "state"),
)

messages_table = sa.Table(
    "course_messages", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("learner", sa.String(128), nullable=False, index=True),
    sa.Column("kind", sa.String(16), nullable=False),          # reply (to a question) | note
    sa.Column("week", sa.String(128)),                         # a reply: the week and lesson asked from
    sa.Column("lesson", sa.String(255)),
    sa.Column("question", sa.Text),                            # a reply: the question it answers
    sa.Column("asked_at", sa.DateTime),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("at", sa.DateTime, nullable=False),              # naive UTC
    sa.Column("by", sa.String(128)),                           # the mentor's id
)

comment_snippets_table = sa.Table(
    "course_comment_snippets", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("mentor", sa.String(128), nullable=False, default="", server_default=""),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("added", sa.DateTime, nullable=False),
    sa.UniqueConstraint("mentor", "text", name="uq_course_comment_snippets_mentor_text"),
)
