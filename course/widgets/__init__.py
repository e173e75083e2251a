"""Exercise widgets for lessons (practice mode) and assessments (answers saved for grading).

Every widget takes ``question`` (a stable id) and ``prompt`` first. In a lesson,
give the answer (``answer=``, or ``rules=`` for written answers) and the reasons
(``why=``); in an assessment, create them through :class:`course.assess.Assessment`,
which passes its answers store and never an answer. :class:`AskMentor` is not an
exercise: it saves the learner's questions for the mentor beside the lesson.
"""
from .ask_mentor import AskMentor
from .base import Feedback, Status
from .chart_explorer import ChartExplorer
from .checklist import AuditItem, Checklist
from .matching import Matching
from .multiple_choice import MultipleChoice
from .number_answer import NumberAnswer, parse_number
from .ordering import Ordering
from .single_choice import SingleChoice
from .strategy_builder import StrategyBuilder
from .text_answer import Rule, TextAnswer
from .true_false import TrueFalse

__all__ = ["SingleChoice", "MultipleChoice", "TrueFalse", "Ordering", "Matching", "TextAnswer", "Rule",
           "NumberAnswer", "parse_number", "Checklist", "AuditItem", "ChartExplorer", "AskMentor", "StrategyBuilder", "Feedback", "Status"]
