"""Feedback that teaches: after a wrong answer, while tries remain, no exercise of any week gives the right
answer away, in English or in Arabic; once the learner asks to see it, the answer and its explanation appear.

Every practice exercise of every lesson is answered wrongly in both languages (every wrong option of a
choice; every wrong partner of every matching item; the week test's wrong case and a made-up one for
the others) and the feedback of that first Check is read. The rule, strict but fair:

- **Choices** (single choice, chart question, "all that apply"): the feedback does not contain the label of
  a right option, nor a *telling word* of it. A telling word is a word of the right label (4 letters or
  more, 3 in Arabic, not a common word) that the learner cannot already see anywhere else: not in the
  prompt and not in any wrong option. A one-word answer ("A private group") is given away by "group";
  a longer one by half its telling words. Words are compared without case, Arabic diacritics, letter
  variants (أ/إ/آ, ى, ة) or the attached prefixes و ف ب ل ك ال.
- **Matching**: the same, for the partner of the item matched wrongly, against the other partners.
- **True or false**: the feedback does not give the verdict: not the button labels (True/False, صح/خطأ)
  as words, not "the statement is true/false" (العبارة صحيحة/خاطئة), and not the explanation of the
  right choice.
- **Numbers**: no number in the feedback equals the answer (within its tolerance), however written
  (4,000 · 4000 · ٤٬٠٠٠).
- **Written answers**: the feedback does not contain the example answer, nor any of its telling words
  (words of the example that the prompt does not show) that carry syntax (site:…, after:…, #Tag,
  @name, -word) or four of its words in a row.
- **Ordering**: the feedback does not spell out the right order.

Every true/false exercise also has a nudge of its own and every matching item a clue, so a wrong answer
learns why it is wrong and not only that it is.

A checklist (self-audit) has no answer to give away: its advice is the point.
AUTHORING.md ("Feedback for each option") tells authors the same rule.
"""
from __future__ import annotations

import html
import importlib
import math
import re
import unicodedata

import pytest

from course import i18n
from course.lessons import registry
from course.syllabus import load_syllabus
from course.widgets import (ChartExplorer, Checklist, Matching, MultipleChoice, NumberAnswer, Ordering,
                            SingleChoice, Status, TextAnswer, TrueFalse)
from course.widgets.number_answer import parse_number

WEEKS = [w.number for w in load_syllabus().weeks]
EXERCISES = [(week, name) for week in WEEKS for name in registry.functions(week, "exercise")]
LANGUAGES = ("en", "ar")

STOP_WORDS = set("""
about above after again against also another because been before being below between both cannot
could does doing down during each every from further have having here into itself just more most
much must need needs only other over same should some such than that their them then there these
they this those through under until very were what when where which while with would your yours
yourself will want wants make makes made like many right wrong answer answers correct
""".split()) | set("""
الذي التي الذين هذا هذه ذلك تلك هؤلاء على عن إلى الى في من مع بين عند كل بعض غير لكن ليس ليست
قد لقد كان كانت يكون تكون هو هي هم أنت انت نحن لها له لهم منه منها فيه فيها عليه عليها التى كما
أو او أن ان إن إذا اذا لا لم لن ما ماذا حتى ثم بعد قبل أي اي أيضا ايضا فقط أكثر اكثر أقل اقل
صحيح صحيحة صحيحه خاطئ خاطئة خاطئه خطأ خطا إجابة اجابة اجابه الإجابة الاجابة الاجابه
""".split())
DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
PREFIXES = ("وبال", "وال", "بال", "فال", "كال", "ولل", "لل", "ال", "و", "ف", "ب", "ل", "ك")
WORD = re.compile(r"[^\W_]+", re.UNICODE)


def normal(text: str) -> str:
    """Lower case, no Arabic diacritics or tatweel, one form of alef, ya and ta marbuta."""
    text = DIACRITICS.sub("", unicodedata.normalize("NFKC", text)).lower()
    return text.translate(str.maketrans("أإآٱىة", "اااايه"))


def is_arabic(word: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in word)


def stem(word: str) -> str:
    """A word without its attached Arabic prefixes and plural ات, or an English plural s."""
    if is_arabic(word):
        for prefix in PREFIXES:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                word = word[len(prefix):]
                break
        return word[:-2] if word.endswith("ات") and len(word) > 4 else word
    return word[:-1] if word.endswith("s") and len(word) > 4 else word


def stems(text: str) -> set[str]:
    return {stem(w) for w in WORD.findall(normal(text))}


def content_words(label: str) -> set[str]:
    """The words of ``label`` that carry meaning: long enough and not common."""
    return {stem(w) for w in WORD.findall(normal(label))
            if w not in STOP_WORDS and len(w) >= (3 if is_arabic(w) else 4) and not w.isdigit()}


def telling_words(label: str, seen: list[str]) -> set[str]:
    """The content words of ``label`` that name it: shown nowhere in ``seen`` (the prompt, other options)."""
    shown = set().union(*(stems(t) for t in seen)) if seen else set()
    return {w for w in content_words(label) - shown if w not in STOP_WORDS}


def gives_away(feedback: str, label: str, seen: list[str]) -> str | None:
    """What in ``feedback`` names ``label`` (the label itself, or enough of its telling words), or None.

    A short answer (three content words or fewer) is named by one telling word; a longer one by two and
    at least half of them, so that one everyday word shared by chance ("read") is not a give-away."""
    if normal(label).strip() and normal(label).strip() in normal(feedback):
        return f"the right answer itself, “{label}”"
    telling = telling_words(label, seen)
    found = telling & stems(feedback)
    needed = 1 if len(content_words(label)) <= 3 else max(2, math.ceil(len(telling) / 2))
    if telling and len(found) >= min(needed, len(telling)):
        return f"words of the right answer “{label}”: {sorted(found)}"
    return None


def without(text: str, shown: list[str]) -> str:
    """``text`` without the labels the learner chose (the feedback repeats them; they name no answer)."""
    for label in sorted(shown, key=len, reverse=True):
        text = text.replace(label, " ")
    return text


# -- the wrong answers -------------------------------------------------------------------------------

def week_cases(week: int) -> dict:
    """The week test's (right, wrong) answers, by exercise name."""
    return importlib.import_module(f"test_week{week}_exercises").CASES


def wrong_answers(widget, week: int, name: str) -> list:
    """Every wrong answer worth checking for this exercise."""
    if isinstance(widget, (SingleChoice, ChartExplorer)):
        return [k for k in widget.options if k != widget.answer]
    if isinstance(widget, MultipleChoice):
        return [[k] for k in widget.options if k not in widget.answer]
    if isinstance(widget, TrueFalse):
        return [not widget.answer]
    if isinstance(widget, Matching):
        return [{**widget.answer, k: r} for k in widget.answer for r in widget.right if r != widget.answer[k]]
    harness = week_cases(week)[name][1]
    if isinstance(widget, NumberAnswer):
        return [harness, f"{widget.answer * 10 + 100:g}", f"{widget.answer / 2:g}"]
    if isinstance(widget, Ordering):
        return [harness, list(reversed(widget.answer))]
    if isinstance(widget, TextAnswer):
        return [harness, "not an answer"]
    return []


def build(week: int, name: str, lang: str):
    with i18n.language(lang):
        return registry.functions(week, "exercise")[name]()


# -- what a wrong answer's feedback must not say -------------------------------------------------------

NUMBER = re.compile(r"[-+]?[\d٠-٩][\d٠-٩.,٫٬]*")


def verdict_words(lang: str) -> re.Pattern:
    with i18n.language(lang):
        labels = [i18n._("truefalse.true"), i18n._("truefalse.false")]
    said = [r"statement is (?:true|false|right|wrong|correct)", r"(?:it|this|that) is (?:true|false)",
            r"العبارة (?:صحيحة|خاطئة|صحيح|خطأ)"]
    whole = "|".join(re.escape(label) for label in labels)
    if lang == "en":   # the labels as the verdict: capitalised, a word on their own
        return re.compile(rf"(?<![\w])(?:{whole})(?![\w])|" + "|".join(said))
    # صح / خطأ standing alone (not خطأً in "by mistake", not صحيح as a word in a sentence)
    return re.compile(rf"(?<![\w\u0600-\u06ff])(?:{whole})(?![\w\u0600-\u06ff])|" + "|".join(said), re.I)


def problem(widget, wrong, feedback_text: str, lang: str) -> str | None:
    """Why this feedback gives the answer away, or None."""
    if isinstance(widget, (SingleChoice, ChartExplorer)):
        others = [label for k, label in widget.options.items() if k != widget.answer]
        return gives_away(without(feedback_text, [widget.options[wrong]]), widget.options[widget.answer],
                          [widget.prompt_text, *others])
    if isinstance(widget, MultipleChoice):
        others = [label for k, label in widget.options.items() if k not in widget.answer]
        feedback_text = without(feedback_text, [widget.options[k] for k in wrong])
        for k in widget.answer:
            found = gives_away(feedback_text, widget.options[k], [widget.prompt_text, *others])
            if found:
                return found
        return None
    if isinstance(widget, Matching):
        feedback_text = without(feedback_text, [*widget.left.values(), *(widget.right[r] for r in wrong.values())])
        for k, chosen in wrong.items():
            if chosen == widget.answer[k]:
                continue
            partner = widget.right[widget.answer[k]]
            others = [label for r, label in widget.right.items() if r != widget.answer[k]]
            found = gives_away(feedback_text, partner, [widget.prompt_text, widget.left[k], *others])
            if found:
                return found
        return None
    if isinstance(widget, TrueFalse):
        explanation = widget.explanation()
        if explanation and normal(explanation) in normal(feedback_text):
            return "the explanation of the right choice"
        said = verdict_words(lang).search(feedback_text)
        return f"the verdict “{said.group(0)}”" if said else None
    if isinstance(widget, NumberAnswer):
        for token in NUMBER.findall(feedback_text):
            value = parse_number(token.rstrip(".,٫٬"))
            if value is not None and abs(value - widget.answer) <= max(widget.tolerance, 1e-9):
                return f"the right number {token}"
        return None
    if isinstance(widget, TextAnswer):
        example = widget.example or ""
        if normal(example).strip() and normal(example).strip() in normal(feedback_text):
            return "the example answer"
        prompt = normal(widget.prompt_text)
        for token in example.split():
            token = token.strip("\"“”«».,;")
            if re.search(r"\w:\S|^[#@-]\w", token) and normal(token) not in prompt \
                    and normal(token) in normal(feedback_text):
                return f"the example's “{token}”"
        words = WORD.findall(normal(example))
        for i in range(len(words) - 3):
            run = words[i:i + 4]
            if " ".join(run) in " ".join(WORD.findall(normal(feedback_text))) and " ".join(run) not in \
                    " ".join(WORD.findall(prompt)):
                return f"the example's words “{' '.join(run)}”"
        return None
    if isinstance(widget, Ordering):
        return "the right order" if normal(widget.describe(widget.answer)) in normal(feedback_text) else None
    return None


# -- the tests --------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("week,name", EXERCISES, ids=lambda v: str(v))
def test_a_wrong_answer_is_not_told_the_right_one(week, name, lang):
    """Does every wrong answer's feedback say why it is wrong without naming the right answer?"""
    widget = build(week, name, lang)
    if isinstance(widget, Checklist):
        pytest.skip("a self-audit has no answer to give away")
    found = []
    for wrong in wrong_answers(widget, week, name):
        widget = build(week, name, lang)
        widget.value = wrong
        with i18n.language(lang):
            feedback = widget.check()
        assert feedback.status in (Status.WRONG, Status.PARTLY), wrong
        assert widget.answer_button.layout.display == "none" and not widget.answer_area.value
        said = problem(widget, wrong, feedback.text(), lang)
        if said:
            found.append(f"answer {wrong!r} is told {said}:\n    {feedback.text()}")
    assert not found, "\n".join(found)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("week,name", EXERCISES, ids=lambda v: str(v))
def test_shown_answer_comes_with_its_explanation(week, name, lang):
    """Once the tries are used up and the learner presses Show answer, do the right answer and the full
    explanation appear?"""
    widget = build(week, name, lang)
    if isinstance(widget, Checklist):
        pytest.skip("a self-audit has no answer to show")
    wrong = wrong_answers(widget, week, name)[0]
    for _try in range(widget.show_answer_after):
        widget.value = wrong
        widget.check()
    assert widget.answer_button.layout.display is None, "Show answer is not offered"
    shown = widget.show_answer()
    with i18n.language(lang):
        assert shown == widget.reference_text() and shown
    area = normal(html.unescape(widget.answer_area.value.replace("<br>", "\n")))
    assert normal(shown) in area
    if widget.explanation():
        assert normal(widget.explanation()) in area
    else:
        assert isinstance(widget, TextAnswer), "no explanation to show with the answer"


@pytest.mark.parametrize("week,name", EXERCISES, ids=lambda v: str(v))
def test_a_wrong_answer_is_told_something_of_its_own(week, name):
    """Does a wrong true/false choice read its own nudge (not only "think again"), and every wrongly matched
    item a clue, in both languages?"""
    for lang in LANGUAGES:
        widget = build(week, name, lang)
        if isinstance(widget, TrueFalse):
            assert widget.nudge.strip() and widget.nudge != widget.explanation(), f"no nudge in {lang}"
        if isinstance(widget, Matching):
            missing = [k for k in widget.left if not widget.clues.get(k, "").strip()]
            assert not missing, f"no clue for {missing} in {lang}"
