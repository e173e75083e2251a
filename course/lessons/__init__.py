"""What lesson notebooks call: each week's exercises, tools and charts, one short line per cell.

A lesson cell reads ``from course.lessons.week1 import privacy_audit; privacy_audit()``:
the exercise is defined here, once, so the notebook stays prose and tests can
build the very widget the learner sees (``tests/test_week1_exercises.py``).

- :mod:`course.lessons.tools`: interactive helpers built on :mod:`course.toolkit`
  (query builder, hashtag and post checkers, password meter, two-factor demo,
  link checker, threat model). Nothing a learner types into them is saved.
- :mod:`course.lessons.week1` ... : the exercises and charts of each week.
- :mod:`course.lessons.ui`: how charts, tables and cards are shown.

Every learner-facing string goes through :func:`course.i18n._`.
"""
