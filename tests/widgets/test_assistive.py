"""What each widget marks for the keyboard and screen-reader helper (course/widgets/assistive.py); the
browser tests in tests/browser/test_accessibility.py check what the page then does with the marks."""
from __future__ import annotations

import ipywidgets as w
import pandas as pd
import pytest

from course.answers import AnswerStore
from course.widgets import (AskMentor, AuditItem, ChartExplorer, Checklist, Matching, MultipleChoice,
                            NumberAnswer, Ordering, SingleChoice, TextAnswer, TrueFalse)
from course.widgets.assistive import ANSWER, NAMED, PROMPT, Assistive, assistive

DATA = pd.DataFrame({"day": ["Mon", "Tue"], "reach": [10, 20]})
EXERCISES = {
    "single": lambda: SingleChoice("q", "Which?", {"a": "A", "b": "B"}, answer="b"),
    "multiple": lambda: MultipleChoice("q", "Which?", {"a": "A", "b": "B"}, answer=["a"]),
    "truefalse": lambda: TrueFalse("q", "True?", answer=True),
    "ordering": lambda: Ordering("q", "Order?", {"a": "A", "b": "B"}, answer=["a", "b"]),
    "matching": lambda: Matching("q", "Match?", {"x": "X"}, {"a": "A"}, answer={"x": "a"}),
    "text": lambda: TextAnswer("q", "Write?", rules=[("a", "an a")]),
    "number": lambda: NumberAnswer("q", "How many?", answer=1),
    "checklist": lambda: Checklist("q", "Tick?", [AuditItem("a", "A", 1, "do a")]),
    "chart": lambda: ChartExplorer("q", "Which day?", DATA, x="day", metrics={"reach": "Reach"},
                                   options={"mon": "Mon", "tue": "Tue"}, answer="tue"),
}


def descendants(widget: w.Widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from descendants(child)


def marked(widget: w.Widget, mark: str) -> list[w.Widget]:
    return [d for d in descendants(widget) if mark in getattr(d, "_dom_classes", ())]


@pytest.mark.parametrize("kind", EXERCISES)
def test_every_exercise_shows_the_helper_and_names_its_answer_by_its_question(kind):
    """Does the exercise show the shared helper, mark its question, and mark the control(s) taking the answer?"""
    exercise = EXERCISES[kind]()
    assert assistive() in exercise.children
    assert marked(exercise, PROMPT) == [exercise.prompt]
    answers = marked(exercise, ANSWER)
    assert len(answers) == 1 and answers[0] is not exercise.prompt


def test_the_helper_is_hidden_shared_and_made_again_once_closed():
    """One hidden helper for every widget; a closed one (e.g. after a kernel restart) is replaced."""
    first = assistive()
    assert isinstance(first, Assistive) and first.layout.display == "none"
    assert assistive() is first
    first.close()
    assert assistive() is not first


def test_ordering_arrows_are_named_after_their_step_in_the_learners_language():
    """Is each arrow marked to be named by its tooltip, and does the tooltip follow the step through a move?"""
    exercise = Ordering("q", "Order?", {"a": "Alpha", "b": "Beta"}, answer=["a", "b"], shuffle=False)
    assert all(NAMED in b._dom_classes for b in exercise.up_buttons + exercise.down_buttons)
    assert exercise.down_buttons[0].tooltip == "Move “Alpha” down"
    exercise.move(0, +1)
    assert exercise.down_buttons[0].tooltip == "Move “Beta” down"


def test_boxes_that_are_not_exercises_keep_keys_too(tmp_path):
    """Ask your mentor names its text box by its title and shows the helper."""
    box = AskMentor("01_lesson", folder=tmp_path)
    assert assistive() in box.children
    assert marked(box, PROMPT) == [box.title] and marked(box, ANSWER) == [box.box]


def test_assessment_widgets_are_marked_like_practice_ones(tmp_path):
    exercise = SingleChoice("q", "Which?", {"a": "A"}, store=AnswerStore(tmp_path / "a.answers.json"))
    assert assistive() in exercise.children and marked(exercise, ANSWER) == [exercise.choices]
