"""The trusted side of the course: collecting, scoring, recording and publishing results."""
