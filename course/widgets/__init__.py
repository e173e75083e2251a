"""Exercise widgets for lessons (practice mode) and assessments (answers saved for grading)."""
from .single_choice import SingleChoice

__all__ = ["SingleChoice"]
