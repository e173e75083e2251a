"""Stops nbgrader's own ``autograde`` (the command, or the formgrader's button) from running learner code.

nbgrader's autograde executes a submission with the grader's rights. This
course scores answers as data instead (``course grade WEEK``), so its
configuration puts this preprocessor where nbgrader's ``Execute`` was: it
refuses, saying what to run instead. Formgrader, manual grading and
feedback keep working on what ``course grade`` recorded.
"""
from nbgrader.preprocessors import NbGraderPreprocessor


class UseCourseGrade(NbGraderPreprocessor):
    def preprocess(self, nb, resources):
        raise RuntimeError(
            "This course is graded with `course grade WEEK`, which scores the answers as data without "
            "running learner code; nbgrader's autograde is turned off for it.")
