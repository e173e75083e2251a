"""Instructor-side authoring: notebooks and answer keys built from declarations.

``course build`` turns ``grading/assessments/<week>.toml`` into the week's
``assessment.ipynb`` and its key ``grading/keys/<week>.toml``; ``course check``
fails when a committed file differs from its build. Nothing here is imported
by learner-side code.
"""
