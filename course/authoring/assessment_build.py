"""``course build``: a week's ``assessment.ipynb`` and answer key, written from its declaration.

The notebook follows the cell conventions grading relies on (nbgrader
``schema_version`` 3):

- ``intro`` (locked markdown) with the totals computed from the questions and
  the syllabus (pass mark, attempts); ``setup`` (locked, hidden code);
- per question: ``{id}_text`` (markdown: number, points, lesson, context);
  for a widget, ``{id}_widget`` (locked, hidden code calling the
  :class:`~course.assess.Assessment` factory) and ``{id}_check`` (a locked,
  hidden grade cell with the points, calling ``assessment.grade("{id}")``);
  for a written answer, a markdown grade cell ``{id}`` whose reference answer
  sits between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` (nbgrader strips
  it at release);
- ``outro`` (locked markdown).

The key, ``grading/keys/<week>.toml``, holds per question what the grader
scores with and what a feedback card shows. Both files are written the same
way byte for byte from the same declaration and syllabus.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from ..answer_key import AnswerKey, parse_key
from ..layout import CourseLayout
from ..syllabus import Week
from . import toml_text
from .declaration import Declaration, Question, declaration_path, load_declaration

SOLUTION = ("### BEGIN SOLUTION", "### END SOLUTION")
FACTORY = {"choice": "single_choice", "choices": "multiple_choice", "truefalse": "true_false",
           "order": "ordering", "pairs": "matching", "text": "text", "number": "number",
           "weighted": "checklist", "chart": "chart"}
HOW_TO_ANSWER = (   # (kinds, the line of "How to answer" that explains them)
    (("choice", "choices", "truefalse", "chart"),
     "For a question with options, click your answer. It is saved at once, and you can change it until you submit."),
    (("order",), "For an ordering question, move the steps with the arrows (or press *Save this order* "
                 "if you agree with the order shown)."),
    (("pairs",), "For a matching question, choose the right match for each item."),
    (("weighted",), "For a checklist, tick every item that applies."),
    (("text", "number"), "For a one-line answer or a number, type it in the box. It is saved as you type, "
                         "and you can change it until you submit."),
    (("manual",), "For the written answer, double-click the cell, write, then run it (Shift+Enter)."),
)


@dataclass(frozen=True)
class Built:
    """What ``course build`` writes for one week: the notebook's and the key's exact text."""

    week: str
    notebook_path: Path
    notebook_text: str
    key_path: Path
    key_text: str


def build_week(layout: CourseLayout, week_id: str) -> Built:
    """Build (in memory) the notebook and key of ``week_id`` from its declaration."""
    week = layout.syllabus.week(week_id)
    decl = load_declaration(declaration_path(layout.grading, week.id), week.lessons)
    key_path = layout.keys / f"{week.id}.toml"
    key_text = build_key_text(decl, week)
    parse_key(key_text, key_path)          # the key loader's checks: a reference scores full marks
    notebook = build_notebook(decl, week)
    return Built(week=week.id, notebook_path=layout.week_folder(week.id) / week.assessment,
                 notebook_text=nbformat.writes(notebook) + "\n", key_path=key_path, key_text=key_text)


def write_week(layout: CourseLayout, week_id: str) -> Built:
    """Build ``week_id`` and write its notebook and key."""
    built = build_week(layout, week_id)
    built.key_path.parent.mkdir(parents=True, exist_ok=True)
    built.notebook_path.write_text(built.notebook_text, encoding="utf-8")
    built.key_path.write_text(built.key_text, encoding="utf-8")
    return built


# -- the notebook ---------------------------------------------------------------------------------
def _meta(grade_id: str, *, grade: bool = False, locked: bool = True, solution: bool = False,
          points: float | None = None, hidden: bool = False) -> dict:
    nbgrader = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
                "solution": solution, "task": False}
    if points is not None:
        nbgrader["points"] = _number(points)
    meta: dict[str, Any] = {"nbgrader": nbgrader}
    if hidden:
        meta["jupyter"] = {"source_hidden": True}
    return meta


def build_notebook(decl: Declaration, week: Week) -> nbformat.NotebookNode:
    cells = [new_markdown_cell(_intro(decl, week), id="intro", metadata=_meta("intro")),
             new_code_cell(f'from course.assess import Assessment\nassessment = Assessment("{week.id}")',
                           id="setup", metadata=_meta("setup", hidden=True))]
    for number, q in enumerate(decl.questions, 1):
        cells.append(new_markdown_cell(_question_text(q, number, week), id=f"{q.id}_text",
                                       metadata=_meta(f"{q.id}_text")))
        if q.kind == "manual":
            cells.append(new_markdown_cell(f"{SOLUTION[0]}\n{q['reference'].strip()}\n{SOLUTION[1]}", id=q.id,
                                           metadata=_meta(q.id, grade=True, locked=False, solution=True,
                                                          points=q["points"])))
            continue
        cells.append(new_code_cell(widget_source(q), id=f"{q.id}_widget",
                                   metadata=_meta(f"{q.id}_widget", hidden=True)))
        cells.append(new_code_cell(f'assessment.grade("{q.id}")', id=f"{q.id}_check",
                                   metadata=_meta(f"{q.id}_check", grade=True, points=q["points"], hidden=True)))
    cells.append(new_markdown_cell(f"---\n{decl.outro}", id="outro", metadata=_meta("outro")))
    nb = new_notebook(cells=cells, metadata={
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "title": decl.title})
    return nb


def _intro(decl: Declaration, week: Week) -> str:
    auto = [(n, q) for n, q in enumerate(decl.questions, 1) if q.kind != "manual"]
    manual = [(n, q) for n, q in enumerate(decl.questions, 1) if q.kind == "manual"]
    total = sum(q["points"] for q in decl.questions)
    auto_points = sum(q["points"] for _, q in auto)
    needed = week.points_needed(total)
    attempts = f"{week.attempts} attempt" + ("s" if week.attempts != 1 else "")
    lines = [f"# {decl.title}", "",
             (f"{decl.intro} " if decl.intro else "")
             + f"It has **{_count(len(decl.questions), 'question')} worth {_count(total, 'point')}**; "
             f"you need **{_count(needed, 'point')} ({week.pass_mark * 100:g} %)** to pass and open "
             f"the next week, and you have {attempts}.", ""]
    if auto:
        enough = (": enough to pass on their own" if auto_points >= needed
                  else "; you need points from the written answer too to pass")
        lines.append(f"- {_numbers([n for n, _ in auto])} (**{_count(auto_points, 'point')}**) "
                     f"{'is' if len(auto) == 1 else 'are'} checked automatically when you submit{enough}.")
    if manual:
        written = "a written answer, is" if len(manual) == 1 else "written answers, are"
        lines.append(f"- {_numbers([n for n, _ in manual])} "
                     f"(**{_count(sum(q['points'] for _, q in manual), 'point')}**), {written} read by your mentor.")
    kinds = {q.kind for q in decl.questions}
    lines += ["", "How to answer:", ""]
    lines += [f"- {line}" for names, line in HOW_TO_ANSWER if kinds & set(names)]
    lines += ["", "Nothing here tells you whether an answer is right: you see your result after you submit."]
    return "\n".join(lines)


def _question_text(q: Question, number: int, week: Week) -> str:
    points = _count(q["points"], "point") + (", read by your mentor" if q.kind == "manual" else "")
    parts = [f"### Question {number} ({points}) · *{_lessons(q.lessons, week)}*"]
    if q.get("context", "").strip():
        parts.append(q["context"].strip())
    if q.kind == "manual":
        parts.append(q["prompt"].strip())
    return "\n\n".join(parts)


def widget_source(q: Question) -> str:
    """The code of ``{id}_widget``: one call of the Assessment factory, arguments from the declaration."""
    args = [_py(q.id)]
    kwargs: list[tuple[str, Any]] = []
    head = ""
    if q.kind == "truefalse":
        args.append(_py(q["statement"]))
    else:
        args.append(_py(q["prompt"]))
    if q.kind in ("choice", "choices"):
        args.append(_py_table(q["options"]))
    elif q.kind == "order":
        args.append(_py_table(q["items"]))
    elif q.kind == "pairs":
        args += [_py_table(q["left"]), _py_table(q["right"])]
    elif q.kind == "weighted":
        args.append("[\n" + "".join(f"        ({_py(k)}, {_py(v)}),\n" for k, v in q["items"].items()) + "    ]")
    elif q.kind == "text" and q.get("placeholder"):
        kwargs.append(("placeholder", q["placeholder"]))
    elif q.kind == "number" and q.get("unit"):
        kwargs.append(("unit", q["unit"]))
    elif q.kind == "chart":
        module, function = q["data"].split(":")
        head = f"from {module} import {function}\n"
        args.append(f"{function}()")
        kwargs += list(q["chart"].items())
    lines = [f"    {a}," for a in args] + [f"    {k}={_py(v)}," for k, v in kwargs]
    if q.kind == "chart":
        lines.append(f"    options={_py_table(q['options'])},")
    return head + f"assessment.{FACTORY[q.kind]}(\n" + "\n".join(lines) + "\n)"


def _py(v: Any) -> str:
    """A Python literal, written the same way every time."""
    if isinstance(v, bool) or v is None:
        return repr(v)
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_py(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_py(k)}: {_py(x)}" for k, x in v.items()) + "}"
    raise TypeError(f"cannot write {type(v).__name__} into a widget call")


def _py_table(labels: dict) -> str:
    return "{\n" + "".join(f"        {_py(k)}: {_py(v)},\n" for k, v in labels.items()) + "    }"


def _number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else float(x)


def _count(n: float, word: str) -> str:
    return f"{_number(n)} {word}" + ("" if n == 1 else "s")


def _span(numbers: list[int]) -> str:
    """``3``, ``1 to 13`` or ``1, 4 and 6``."""
    if len(numbers) == 1:
        return str(numbers[0])
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{numbers[0]} to {numbers[-1]}"
    return ", ".join(map(str, numbers[:-1])) + f" and {numbers[-1]}"


def _numbers(numbers: list[int]) -> str:
    """``Question 3``, ``Questions 1 to 13`` or ``Questions 1, 4 and 6``."""
    return ("Question " if len(numbers) == 1 else "Questions ") + _span(numbers)


def _lessons(files: tuple[str, ...], week: Week) -> str:
    """``lesson 2`` or ``lessons 1 to 5``: the lessons' places in the week's reading order."""
    numbers = sorted(week.lessons.index(f) + 1 for f in files)
    return ("lesson " if len(numbers) == 1 else "lessons ") + _span(numbers)


# -- the key --------------------------------------------------------------------------------------
def build_key_text(decl: Declaration, week: Week) -> str:
    total = sum(q["points"] for q in decl.questions)
    auto = sum(q["points"] for q in decl.questions if q.kind != "manual")
    lines = [f"# Answer key of {week.id}: instructor only. Never copy it into a week folder.",
             f"# Built by `course build {week.id}` from grading/assessments/{week.id}.toml: do not edit.",
             f"# To change it, edit the declaration and run `course build {week.id}`.",
             f"# {_count(len(decl.questions), 'question')}, {_count(total, 'point')}: "
             f"{_number(auto)} graded automatically, {_number(total - auto)} by a mentor. "
             f"Pass mark {_number(week.points_needed(total))} ({week.pass_mark * 100:g} %).", ""]
    for q in decl.questions:
        lines += _key_entry(q) + [""]
    return "\n".join(lines)


def _key_entry(q: Question) -> list[str]:
    prompt = q["statement"] if q.kind == "truefalse" else q["prompt"]
    fields: list[tuple[str, Any]] = [("kind", q.key_kind), ("points", q["points"]), ("title", q["title"]),
                                     ("lesson", q.lessons[0]), ("prompt", prompt.strip())]
    tables: list[tuple[str, dict]] = []
    if q.kind == "text":
        fields.append(("reference", q["reference"]))
    elif q.kind == "manual":
        fields += [("scheme", q["scheme"].strip()), ("reference", q["reference"].strip())]
    elif q.kind == "weighted":
        tables.append(("weights", q["weights"]))
    elif q.kind == "pairs":
        tables.append(("answer", q["answer"]))
    else:
        fields.append(("answer", q["answer"]))
    if q.kind == "number":
        fields.append(("tolerance", q.get("tolerance", 0.0)))
    fields.append(("explanation", q["explanation"].strip()))
    for name in ("options", "items", "left", "right"):
        if name in q.fields:
            tables.append((name, q[name]))
    out = [f"[questions.{q.id}]"] + [f"{name} = {toml_text.value(v)}" for name, v in fields]
    if q.kind == "text":
        out.append("rules = [")
        out += [f"  {toml_text.value({'pattern': r['pattern'], 'about': r.get('about', '')})}," for r in q["rules"]]
        out.append("]")
    for name, table in tables:
        out += ["", f"[questions.{q.id}.{name}]"] + [f"{toml_text.key_name(k)} = {toml_text.value(v)}"
                                                   for k, v in table.items()]
    return out


def built_key(layout: CourseLayout, week_id: str) -> AnswerKey:
    """The key as ``course build`` would write it (without writing anything)."""
    built = build_week(layout, week_id)
    return parse_key(built.key_text, built.key_path)
