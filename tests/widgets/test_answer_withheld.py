"""Every kind of exercise keeps the answer back while the learner still has tries, and gives it, with its
full explanation, once the learner asks to see it (or finds it)."""
from __future__ import annotations

import html

import pytest

from course.widgets import (ChartExplorer, Matching, MultipleChoice, NumberAnswer, Ordering, SingleChoice,
                            Status, TextAnswer, TrueFalse)
from course.widgets.text_answer import Rule

import pandas as pd

EXPLANATION = "EXPLAINED: the reason it is the answer."


def single():
    return SingleChoice("q", "Where do volunteers plan?", {"page": "A Page", "group": "A group"}, answer="group",
                        why={"page": "A Page speaks to the public.", "group": EXPLANATION})


def chart():
    data = pd.DataFrame({"day": ["Mon", "Tue"], "reach": [1, 5]})
    return ChartExplorer("c", "Which day?", data, x="day", metrics={"reach": "Reach"},
                         options={"mon": "Monday", "tue": "Tuesday"}, answer="tue",
                         why={"mon": "Its bar is the short one.", "tue": EXPLANATION})


def several():
    return MultipleChoice("m", "Which help?", {"a": "Length", "b": "Symbols", "c": "A blocklist"},
                          answer=["a", "c"], why={"a": EXPLANATION, "b": "They add little.", "c": "Also right."})


def true_false():
    return TrueFalse("t", "SMS codes stop phishing.", answer=False, why=EXPLANATION)


def matching():
    return Matching("p", "Match.", {"x": "Answers comments"}, {"mod": "Moderator", "ana": "Analyst"},
                    answer={"x": "mod"}, why={"x": EXPLANATION}, clues={"x": "Who works in the comments?"})


def number():
    return NumberAnswer("n", "Rate?", answer=4.0, tolerance=0.05, unit="%", why=EXPLANATION)


def ordering():
    return Ordering("o", "Order.", {"a": "First step", "b": "Second step", "c": "Third step"},
                    answer=["a", "b", "c"], why=EXPLANATION)


def text():
    return TextAnswer("x", "Search one site.", rules=[Rule(r"site:\S+", "Use the site operator")],
                      example="site:example.org", why=EXPLANATION)


KINDS = {  # widget, a wrong answer, the right one
    "single": (single, "page", "group"),
    "chart": (chart, "mon", "tue"),
    "several": (several, ["b"], ["a", "c"]),
    "true_false": (true_false, True, False),
    "matching": (matching, {"x": "ana"}, {"x": "mod"}),
    "number": (number, "40", "4"),
    "ordering": (ordering, ["c", "b", "a"], ["a", "b", "c"]),
    "text": (text, "example.org", "site:example.org"),
}


def shown(widget) -> str:
    return html.unescape(widget.feedback.value + widget.answer_area.value)


@pytest.mark.parametrize("kind", KINDS)
def test_a_wrong_check_keeps_the_answer_and_its_explanation_back(kind):
    """While tries remain, does a wrong Check show neither the answer nor the explanation that names it?"""
    make, wrong, _right = KINDS[kind]
    widget = make()
    widget.value = wrong
    feedback = widget.check()
    assert feedback.status in (Status.WRONG, Status.PARTLY)
    assert EXPLANATION not in shown(widget)
    assert widget.answer_button.layout.display == "none" and not widget.answer_area.value


@pytest.mark.parametrize("kind", KINDS)
def test_out_of_tries_show_answer_gives_the_answer_and_the_explanation(kind):
    """Once the tries are used up, is Show answer offered, and does it show the answer and the full
    explanation?"""
    make, wrong, _right = KINDS[kind]
    widget = make()
    for _try in range(widget.show_answer_after):
        widget.value = wrong
        widget.check()
    assert widget.answer_button.layout.display is None
    answer = widget.show_answer()
    assert answer and answer == widget.reference_text()
    assert answer in shown(widget) and EXPLANATION in shown(widget)


@pytest.mark.parametrize("kind", KINDS)
def test_a_found_answer_is_explained(kind):
    """Does finding the answer bring its explanation, with no Show answer left to press?"""
    make, _wrong, right = KINDS[kind]
    widget = make()
    widget.value = right
    assert widget.check().status is Status.RIGHT
    assert EXPLANATION in shown(widget) and widget.answer_button.layout.display == "none"


def test_true_false_shows_the_text_written_for_the_wrong_choice():
    """With a text for each choice, is the wrong choice's own text shown, and the right one's kept back?"""
    widget = TrueFalse("t", "SMS codes stop phishing.", answer=False,
                       why={True: "Where would a fake page send the code you type?", False: EXPLANATION})
    widget.value = True
    assert widget.check().message == "Where would a fake page send the code you type?"
    assert EXPLANATION not in shown(widget)


def test_a_wrong_pair_without_a_clue_is_only_named():
    """Without a clue, is a wrong pair named and nothing more (no explanation of the right pair)?"""
    widget = Matching("p", "Match.", {"x": "Answers comments"}, {"mod": "Moderator", "ana": "Analyst"},
                      answer={"x": "mod"}, why={"x": EXPLANATION})
    widget.value = {"x": "ana"}
    assert widget.check().details == ("“Answers comments” does not go with “Analyst”.",)


def test_true_false_shows_its_nudge_after_a_wrong_choice():
    """With a nudge, does the wrong choice read it (not the generic 'think again', not the explanation)?"""
    widget = TrueFalse("t", "SMS codes stop phishing.", answer=False, why=EXPLANATION,
                       nudge="Where would a fake page send the code you type?")
    widget.value = True
    assert widget.check().message == "Where would a fake page send the code you type?"
    widget.value = False
    assert widget.check().message == EXPLANATION
