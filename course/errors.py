"""Errors the `course` command reports in plain words (kept apart so that importing them is cheap)."""


class PipelineError(RuntimeError):
    """A grading step failed or was refused; the message says what to do."""
