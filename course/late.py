"""Late submissions: nbgrader's late-penalty plugin, set from the syllabus.

``late_penalty_per_day`` in the syllabus is the share of the earned score
taken off for each started day after the week's due date (0 = late work is
accepted without penalty, the default; 1 = late work earns nothing).
nbgrader stores the penalty per notebook; the gate and feedback use the
score after it.
"""
import math

from nbgrader.plugins import LateSubmissionPlugin
from traitlets import Float


class PerDayPenalty(LateSubmissionPlugin):
    per_day = Float(0.0, min=0.0, max=1.0,
                    help="Share of the earned score lost per started day late.").tag(config=True)

    def late_submission_penalty(self, student_id, score, total_seconds_late):
        if total_seconds_late <= 0 or self.per_day == 0:
            return None
        days = math.ceil(total_seconds_late / 86400)
        return round(min(score, score * self.per_day * days), 2)
