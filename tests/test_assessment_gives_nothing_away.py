"""No text or chart beside an automatically graded assessment question answers it, in English or Arabic.

Each week's built ``assessment.ipynb`` is run cell by cell, as a learner's kernel runs it (with an empty
answers file), and what each question shows is collected: its heading and context, the widget's prompt
and placeholder, and a chart's title and the words read out under it. The options themselves are not
counted: every option is shown alike. Against the answer key (``grading/keys/<week>.toml``):

- a **choice** (and a chart's question): the right option's label is not in that text, unless every
  option's label is (a list of all values singles none out); a chart never names its highest or lowest
  bar ("Highest: …");
- **choose all that apply**: no right option's label is in the text, unless every option's label is;
- **true or false**: the text does not contain the explanation (it gives the verdict), nor "the
  statement is true/false";
- a **number**: the answer (within its tolerance) is not written there, however it is written (the
  heading's question and lesson numbers aside), not even as the example of how to type a number;
- a **one-line answer**: the reference answer is not there, and no text shown (the placeholder's example
  included) would earn full marks if typed in as it is;
- an **order**: the steps are not listed in their right order.
"""
from __future__ import annotations

import ast
import html
import re
import unicodedata
from pathlib import Path

import nbformat
import pytest

from course import i18n
from course.answer_key import load_key, score_answer
from course.syllabus import load_syllabus
from course.widgets.number_answer import parse_number

ROOT = Path(__file__).resolve().parent.parent
WEEKS = [w.id for w in load_syllabus().weeks]
LANGUAGES = ("en", "ar")
QUESTION = re.compile(r'assessment\.(?:show|single_choice|multiple_choice|true_false|ordering|matching|text|number'
                      r'|checklist|chart|strategy)\(\s*"(\w+)"')
NUMBER = re.compile(r"[-+]?[\d٠-٩][\d٠-٩.,٫٬]*")
TAGS = re.compile(r"<[^>]+>")


def normal(text: str) -> str:
    """Plain, lower-case text: no HTML, no Arabic diacritics or tatweel, no markdown emphasis, one kind of space."""
    text = html.unescape(TAGS.sub(" ", str(text)))
    text = re.sub("[\u064b-\u0652\u0670\u0640*_`]", "", unicodedata.normalize("NFKC", text)).lower()
    return " ".join(text.split())


def widget_text(widget) -> list[str]:
    """What a widget shows besides its options: prompt, placeholder, a chart's title and spoken words."""
    texts = [widget.prompt_text]
    box = getattr(widget, "box", None)
    if box is not None:
        texts.append(box.placeholder)
    if getattr(widget, "caption", None) is not None:
        texts.append(widget.caption.value)
        texts += [o["data"]["text/plain"] for o in widget.output.outputs]
    return texts


def run_cell(source: str, namespace: dict):
    """Run a cell as a kernel does; the value of its last line when that is an expression."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), namespace)
    return eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace) if last else None


def run_assessment(week: str, lang: str, folder: Path) -> dict[str, list[str]]:
    """Run the week's built assessment notebook; the texts each question shows, by question id."""
    import IPython.display
    shown: dict[str, list[str]] = {}
    current = [None]

    def capture(*objects, **_kw):
        for obj in objects:
            data = getattr(obj, "data", None)
            if isinstance(data, str) and current[0]:
                shown.setdefault(current[0], []).append(data)

    cells = [c.source for c in nbformat.read(ROOT / week / "assessment.ipynb", as_version=4).cells
             if c.cell_type == "code"]
    original = IPython.display.display
    IPython.display.display = capture
    try:
        with i18n.language(lang):
            namespace: dict = {}
            exec(cells[0].replace(f'Assessment("{week}")', f'Assessment("{week}", folder={str(folder)!r})'),
                 namespace)
            for source in cells[1:]:
                found = QUESTION.search(source)
                if not found or "assessment.grade(" in source:
                    continue
                current[0] = found.group(1)
                result = run_cell(source, namespace)
                if result is not None and hasattr(result, "prompt_text"):
                    shown.setdefault(current[0], []).extend(widget_text(result))
    finally:
        IPython.display.display = original
    return shown


def labels(entry, lang: str) -> dict[str, str]:
    return entry.card_text("labels", lang)


def all_shown(texts: list[str], names: list[str]) -> bool:
    return all(normal(n) in texts for n in names)


def problems(entry, texts: list[str], lang: str) -> list[str]:
    """What in ``texts`` answers the question ``entry``."""
    said = normal(" ".join(texts))
    found = []
    names = labels(entry, lang)
    if entry.kind in ("choice", "choices"):
        right = [entry.answer] if entry.kind == "choice" else list(entry.answer)
        if not all_shown(said, list(names.values())):
            found += [f"the right option “{names[r]}”" for r in right if normal(names[r]) in said]
        with i18n.language(lang):
            summary = i18n._("chart.summary")
        for word in re.split(r"\{\w+\}", summary):
            word = word.strip(" .()")
            if len(word) > 2 and normal(word) in said:
                found.append(f"a chart that names its {word!r} bar")
    elif entry.kind == "truefalse":
        explanation = normal(entry.card_text("explanation", lang))
        first = explanation.split(":")[0] if len(explanation.split(":")[0]) > 12 else explanation[:60]
        if first and first in said:
            found.append("the explanation")
        if re.search(r"statement is (true|false)(?! or)|العبارة (صحيحة|خاطئة|صحيحه|خاطئه)(?! [اأ]م)", said):
            found.append("the verdict")
    elif entry.kind == "number":
        told = [line for t in texts for line in TAGS.sub(" ", t).splitlines() if not line.startswith("#")]
        for token in NUMBER.findall(" ".join(told)):   # the heading's question and lesson numbers aside
            value = parse_number(token.rstrip(".,٫٬"))
            if value is not None and abs(value - entry.answer) <= max(entry.tolerance, 1e-9):
                found.append(f"the answer {token}")
    elif entry.kind == "rules":
        reference = normal(entry.card_text("reference", lang) or "")
        if reference and reference in said:
            found.append("the reference answer")
        for text in texts:
            for candidate in [html.unescape(TAGS.sub(" ", text))] + re.split(r"[:：]\s*", text)[1:]:
                if candidate.strip() and score_answer(entry, candidate.strip()) >= entry.points:
                    found.append(f"a text that earns full marks as it is: {candidate.strip()!r}")
    elif entry.kind == "order":
        steps = [normal(names.get(s, s)) for s in entry.answer]
        places = [said.find(s) for s in steps]
        if all(p >= 0 for p in places) and places == sorted(places):
            found.append("the steps in their right order")
    return found


@pytest.fixture(scope="module")
def keys():
    return {week: load_key(ROOT / "grading" / "keys", week) for week in WEEKS}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("week", WEEKS)
def test_nothing_beside_a_graded_question_answers_it(week, lang, keys, tmp_path):
    """Does every automatically graded question show no text or chart that gives its answer?"""
    shown = run_assessment(week, lang, tmp_path)
    automatic = [q for q, e in keys[week].entries.items() if e.kind != "manual"]
    assert set(automatic) <= set(shown), "a question of the key is not in the notebook"
    found = {q: p for q in automatic if (p := problems(keys[week].entries[q], shown[q], lang))}
    assert not found, found


def test_the_check_finds_a_chart_that_names_its_highest_bar(keys, tmp_path):
    """Would a chart question that prints "Highest: …" under its chart be caught?"""
    entry = next(e for e in keys["week1_facebook"].entries.values() if e.kind == "choice")
    assert problems(entry, ["Highest: Evening (20-23) (6.9). Lowest: Morning (08-11) (4.1)."], "en")


def test_the_check_finds_a_context_that_states_the_number(keys):
    """Would a number question whose context writes its answer be caught, in Arabic digits too?"""
    entry = next(e for e in keys["week1_facebook"].entries.values() if e.kind == "number")
    assert problems(entry, [f"The rate is {entry.answer:g} %."], "en")
    arabic = f"{entry.answer:g}".translate(str.maketrans("0123456789.", "٠١٢٣٤٥٦٧٨٩٫"))
    assert problems(entry, [f"المعدل {arabic} ٪"], "ar")


def test_the_check_finds_a_placeholder_that_earns_full_marks(keys):
    """Would a one-line question whose placeholder example is a full-marks answer be caught?"""
    entry = next(e for e in keys["week1_facebook"].entries.values() if e.kind == "rules")
    assert problems(entry, [f"Example: {entry.reference_answer()}"], "en")
