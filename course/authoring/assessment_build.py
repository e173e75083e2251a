"""``course build``: a week's ``assessment.ipynb``, answer key and text catalogues, written from its declaration.

The notebook holds no prose in any language: every text a learner reads is
looked up by id at run time in the current language (``COURSE_LANG``), so one
graded notebook serves English and Arabic alike and grading never depends on
the language. Its cells follow the conventions grading relies on (nbgrader
``schema_version`` 3), all code cells locked and hidden:

- ``setup`` (creates the :class:`~course.assess.Assessment`), then ``intro``
  (``assessment.show("intro")``: the title, the totals computed from the
  questions and the syllabus, how to answer);
- per question: ``{id}_text`` (``assessment.show("{id}")``: number, points,
  lesson, context); for a widget, ``{id}_widget`` (the factory called with the
  question id and the ids of its options, items or pairs) and ``{id}_check``
  (a grade cell with the points, calling ``assessment.grade("{id}")``); for a
  written answer, a markdown grade cell ``{id}`` whose reference answer sits
  between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` (nbgrader strips it
  at release); for a strategy (the capstone), ``{id}_widget`` (the strategy
  builder: step ids and the rubric's criteria with their points) and a
  collapsed markdown grade cell ``{id}`` with no reference in it, where the
  mentor grades and comments in formgrader (the learner's steps are read from
  the answers file, never from this cell);
- ``outro`` (``assessment.show("outro")``).

The texts go to one learner-readable catalogue per language,
``course/i18n/<lang>/assessment_<week>.toml`` (keys
``assessment.<week>.<id>.<field>``): headings, contexts, prompts, labels,
placeholders and units, never an answer, rule, weight, scheme, reference or
explanation. The Arabic comes from ``grading/assessments/<week>.ar.toml``
(:mod:`course.authoring.assessment_translation`).

The key, ``grading/keys/<week>.toml``, holds per question what the grader
scores with and what a feedback card shows, in English and (table ``ar``) in
Arabic. Every file is written the same way byte for byte from the same
declaration, translation and syllabus.
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
from .assessment_translation import TRANSLATED, Translation, load_translation

SOLUTION = ("### BEGIN SOLUTION", "### END SOLUTION")
FACTORY = {"choice": "single_choice", "choices": "multiple_choice", "truefalse": "true_false",
           "order": "ordering", "pairs": "matching", "text": "text", "number": "number",
           "weighted": "checklist", "chart": "chart", "strategy": "strategy"}
STRATEGY_CELL = "✎"     # the strategy's grade cell: nbgrader's stub for written answers, nothing to read
LANGUAGES = ("en",) + TRANSLATED
ISOLATE = ("\u2066", "\u2069")     # left-to-right isolate: a Latin-only label inside right-to-left text


@dataclass(frozen=True)
class Built:
    """What ``course build`` writes for one week: each file's path and exact text."""

    week: str
    notebook_path: Path
    notebook_text: str
    key_path: Path
    key_text: str
    catalogues: tuple[tuple[Path, str], ...] = ()
    translation_problems: tuple[str, ...] = ()

    @property
    def files(self) -> list[tuple[Path, str]]:
        return [(self.key_path, self.key_text), (self.notebook_path, self.notebook_text), *self.catalogues]


def catalogue_path(layout: CourseLayout, language: str, week_id: str) -> Path:
    """The learner-readable texts of a week's assessment in ``language``."""
    return layout.root / "course" / "i18n" / language / f"assessment_{week_id}.toml"


def build_week(layout: CourseLayout, week_id: str) -> Built:
    """Build (in memory) the notebook, key and catalogues of ``week_id`` from its declaration."""
    week = layout.syllabus.week(week_id)
    decl = load_declaration(declaration_path(layout.grading, week.id), week.lessons)
    translations = {lang: load_translation(decl, layout.grading, lang) for lang in TRANSLATED}
    key_path = layout.keys / f"{week.id}.toml"
    key_text = build_key_text(decl, week, translations)
    parse_key(key_text, key_path)          # the key loader's checks: every reference scores full marks
    notebook = build_notebook(decl, week)
    # a course root without its own copy of the course package (a scratch course) uses the installed
    # package's catalogues: nothing of them is written or compared there
    catalogues = tuple((catalogue_path(layout, lang, week.id),
                        catalogue_text(decl, week, lang, translations.get(lang))) for lang in LANGUAGES
                       if (layout.root / "course" / "i18n").is_dir())
    return Built(week=week.id, notebook_path=layout.week_folder(week.id) / week.assessment,
                 notebook_text=nbformat.writes(notebook) + "\n", key_path=key_path, key_text=key_text,
                 catalogues=catalogues,
                 translation_problems=tuple(p for t in translations.values() for p in t.problems))


def write_week(layout: CourseLayout, week_id: str) -> Built:
    """Build ``week_id`` and write its notebook, key and catalogues."""
    built = build_week(layout, week_id)
    for path, text in built.files:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
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


def _shown(grade_id: str, what: str) -> nbformat.NotebookNode:
    return new_code_cell(f'assessment.show("{what}")', id=grade_id, metadata=_meta(grade_id, hidden=True))


def build_notebook(decl: Declaration, week: Week) -> nbformat.NotebookNode:
    cells = [new_code_cell(f'from course.assess import Assessment\nassessment = Assessment("{week.id}")',
                           id="setup", metadata=_meta("setup", hidden=True)),
             _shown("intro", "intro")]
    for q in decl.questions:
        cells.append(_shown(f"{q.id}_text", q.id))
        if q.kind == "manual":
            cells.append(new_markdown_cell(f"{SOLUTION[0]}\n{q['reference'].strip()}\n{SOLUTION[1]}", id=q.id,
                                           metadata=_meta(q.id, grade=True, locked=False, solution=True,
                                                          points=q["points"])))
            continue
        cells.append(new_code_cell(widget_source(q), id=f"{q.id}_widget",
                                   metadata=_meta(f"{q.id}_widget", hidden=True)))
        if q.kind == "strategy":
            cells.append(new_markdown_cell(STRATEGY_CELL, id=q.id, metadata=_meta(
                q.id, grade=True, locked=False, solution=True, points=q["points"], hidden=True)))
            continue
        cells.append(new_code_cell(f'assessment.grade("{q.id}")', id=f"{q.id}_check",
                                   metadata=_meta(f"{q.id}_check", grade=True, points=q["points"], hidden=True)))
    cells.append(_shown("outro", "outro"))
    return new_notebook(cells=cells, metadata={
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"}})


def widget_source(q: Question) -> str:
    """The code of ``{id}_widget``: the factory called with the question id and ids only (texts come
    from the catalogue of the learner's language)."""
    args = [_py(q.id)]
    kwargs: list[tuple[str, Any]] = []
    head = ""
    if q.kind in ("choice", "choices", "chart"):
        kwargs.append(("options", list(q["options"])))
    elif q.kind in ("order", "weighted"):
        kwargs.append(("items", list(q["items"])))
    elif q.kind == "pairs":
        kwargs += [("left", list(q["left"])), ("right", list(q["right"]))]
    elif q.kind == "strategy":
        kwargs += [("steps", list(q.step_ids)), ("rubric", {c["id"]: c["points"] for c in q["rubric"]})]
    if q.kind == "chart":
        module, function = q["data"].split(":")
        head = f"from {module} import {function}\n"
        args.append(f"{function}()")
        kwargs += [(k, v) for k, v in q["chart"].items() if k not in ("x_label", "filter_label")]
        kwargs = [(k, list(v) if k == "metrics" else v) for k, v in kwargs]
    if len(args) == 1 and len(kwargs) <= 1:
        return head + f"assessment.{FACTORY[q.kind]}(" + ", ".join(args + [f"{k}={_py(v)}" for k, v in kwargs]) + ")"
    lines = [f"    {a}," for a in args] + [f"    {k}={_py(v)}," for k, v in kwargs]
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


def _number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else float(x)


# -- the catalogues -------------------------------------------------------------------------------
def catalogue_text(decl: Declaration, week: Week, language: str, tr: Translation | None) -> str:
    """The learner-readable texts of the assessment in ``language``: flat keys for ``course.i18n``."""
    from . import assessment_words
    words = assessment_words.WORDS[language]
    prefix = f"assessment.{week.id}"
    title = tr.head_text("title", decl) if tr else decl.title
    intro = tr.head_text("intro", decl) if tr else decl.intro
    outro = tr.head_text("outro", decl) if tr else decl.outro
    entries: list[tuple[str, str]] = [(f"{prefix}.intro", words.intro(decl, week, title, intro)),
                                      (f"{prefix}.outro", f"---\n{outro}")]
    for number, q in enumerate(decl.questions, 1):
        texts = tr.texts(q) if tr else _english(q)
        entries.append((f"{prefix}.{q.id}.text", words.question_text(q, number, week, texts)))
        if q.kind == "manual":
            continue
        if q.kind == "strategy":
            for step, step_texts in texts["steps"].items():
                entries += [(f"{prefix}.{q.id}.steps.{step}.{k}", v) for k, v in step_texts.items()]
            for criterion, c_texts in texts["rubric"].items():
                entries.append((f"{prefix}.{q.id}.rubric.{criterion}.title", c_texts["title"]))
                entries += [(f"{prefix}.{q.id}.rubric.{criterion}.levels.{n}", v)
                            for n, v in sorted(c_texts["levels"].items(), key=lambda kv: -int(kv[0]))]
            continue
        entries.append((f"{prefix}.{q.id}.prompt", texts["statement" if q.kind == "truefalse" else "prompt"]))
        for name in ("options", "items", "left", "right"):
            for item, label in texts.get(name, {}).items():
                entries.append((f"{prefix}.{q.id}.{name}.{item}", _isolated(label, language)))
        for name in ("placeholder", "unit"):
            if name in texts:
                entries.append((f"{prefix}.{q.id}.{name}", _isolated(texts[name], language)))
        for name, value in texts.get("chart", {}).items():
            if isinstance(value, dict):
                entries += [(f"{prefix}.{q.id}.chart.{name}.{k}", v) for k, v in value.items()]
            else:
                entries.append((f"{prefix}.{q.id}.chart.{name}", value))
    lines = [f"# The {week.id} assessment's texts in {words.name}, looked up by id by its notebook.",
             f"# Built by `course build {week.id}` from grading/assessments/{week.id}"
             + ("" if language == "en" else f".{language}") + ".toml: do not edit.",
             "# Learner-readable: prompts and labels only, never an answer or an explanation.", ""]
    lines += [f"{toml_text.key_name(k)} = {toml_text.value(v)}" for k, v in entries]
    return "\n".join(lines) + "\n"


def _english(q: Question) -> dict:
    from .assessment_translation import english_of
    return english_of(q)


def _isolated(text: str, language: str) -> str:
    """A label with no letter of a right-to-left language, isolated so it keeps its order in one."""
    if language != "ar" or any("\u0600" <= ch <= "\u06ff" for ch in text):
        return text
    return f"{ISOLATE[0]}{text}{ISOLATE[1]}"


# -- the key --------------------------------------------------------------------------------------
def build_key_text(decl: Declaration, week: Week, translations: dict[str, Translation] | None = None) -> str:
    translations = translations or {}
    total = sum(q["points"] for q in decl.questions)
    auto = sum(q["points"] for q in decl.questions if not q.mentor_graded)
    count = lambda n, word: f"{_number(n)} {word}" + ("" if n == 1 else "s")   # noqa: E731
    lines = [f"# Answer key of {week.id}: instructor only. Never copy it into a week folder.",
             f"# Built by `course build {week.id}` from grading/assessments/{week.id}.toml"
             + "".join(f" and {week.id}.{lang}.toml" for lang in translations) + ": do not edit.",
             f"# To change it, edit the declaration and run `course build {week.id}`.",
             f"# {count(len(decl.questions), 'question')}, {count(total, 'point')}: "
             f"{_number(auto)} graded automatically, {_number(total - auto)} by a mentor. "
             f"Pass mark {_number(week.points_needed(total))} ({week.pass_mark * 100:g} %).", ""]
    for q in decl.questions:
        lines += _key_entry(q, translations) + [""]
    return "\n".join(lines)


def _key_entry(q: Question, translations: dict[str, Translation]) -> list[str]:
    prompt = q["statement"] if q.kind == "truefalse" else q["prompt"]
    fields: list[tuple[str, Any]] = [("kind", q.key_kind), ("points", q["points"]), ("title", q["title"]),
                                     ("lesson", q.lessons[0]), ("prompt", prompt.strip())]
    tables: list[tuple[str, dict]] = []
    if q.kind == "text":
        fields.append(("reference", q["reference"]))
    elif q.kind == "manual":
        fields += [("scheme", q["scheme"].strip()), ("reference", q["reference"].strip())]
    elif q.kind == "strategy":
        fields += [("scheme", rubric_text(q["rubric"])), ("steps", list(q.step_ids))]
        tables += [("reference", {k: q["reference"][k].strip() for k in q.step_ids}),
                   ("items", {s["id"]: s["title"] for s in q["steps"]})]
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
    for lang, tr in translations.items():      # what a feedback card shows in that language
        texts = tr.texts(q)
        card = [("title", texts["title"]), ("prompt", texts["statement" if q.kind == "truefalse" else "prompt"]),
                ("explanation", texts["explanation"])]
        if "reference" in texts and q.kind == "text":
            card.append(("reference", texts["reference"]))
        if q.kind == "strategy":
            rubric = [dict(c, **texts["rubric"][c["id"]]) for c in q["rubric"]]
            card.append(("scheme", rubric_text(rubric, lang)))
            texts = dict(texts, items={k: v["title"] for k, v in texts["steps"].items()})
        out += ["", f"[questions.{q.id}.{lang}]"] + [f"{name} = {toml_text.value(v)}" for name, v in card]
        for name in ("options", "items", "left", "right"):
            if name in texts:
                out += ["", f"[questions.{q.id}.{lang}.{name}]"] + [
                    f"{toml_text.key_name(k)} = {toml_text.value(v)}" for k, v in texts[name].items()]
    return out


def rubric_text(rubric: list[dict], language: str = "en") -> str:
    """A strategy's rubric as the marking scheme a mentor reads: each criterion with its points and
    what each number of points means."""
    from . import assessment_words
    count = assessment_words.WORDS[language].count
    lines = []
    for criterion in rubric:
        lines.append(f"{criterion['title'].strip()} ({count(criterion['points'], 'point')})")
        for n, text in sorted(criterion["levels"].items(), key=lambda kv: -int(kv[0])):
            lines.append(f"- {count(int(n), 'point')}: {text.strip()}")
    return "\n".join(lines)


def built_key(layout: CourseLayout, week_id: str) -> AnswerKey:
    """The key as ``course build`` would write it (without writing anything)."""
    built = build_week(layout, week_id)
    return parse_key(built.key_text, built.key_path)
