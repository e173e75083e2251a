"""Cohort analytics for mentors: tables (pandas) and figures (plotly) for the dashboard.

- :mod:`.data`     the course's records as DataFrames (roster, progress, attempts,
                   per-question grades, item analysis, manual-grading queue, questions)
- :mod:`.risk`     learners at risk, each with a plain reason
- :mod:`.figures`  the cohort funnel, score distributions and item analysis charts
- :mod:`.export`   CSV downloads of the tables
- :mod:`.view`     the dashboard's widgets (a mentor filter over every table and figure)
- :mod:`.serve`    ``course dashboard``: the dashboard notebook served by Voila

Everything here reads; nothing changes a grade, a gate or a learner's file.
"""
