"""A week's assessment declared once: ``grading/assessments/<week>.toml`` (instructor only).

The file holds the title, the intro and outro text and every question in
order::

    title = "Week 1 assessment: ..."
    intro = "This assessment checks ..."
    outro = "**When you are done:** ..."

    [[questions]]
    id = "q1_page_or_profile"
    kind = "choice"
    title = "Page or profile?"                 # short, for feedback cards
    lesson = "01_presence_on_facebook.ipynb"   # the lesson to revisit (or a list of lessons)
    points = 2
    context = "Your association wants ..."     # markdown shown above the widget
    prompt = "What should the association create?"
    options.profile = "A personal profile ..."
    options.page = "A Facebook Page"
    answer = "page"
    explanation = "A Page is public, shows statistics and has roles for a team."

A ``lesson`` list (for a question drawing on several lessons) is shown as
"lessons 1 to 5"; its first file is the one a feedback card points to.

Kinds, one per widget (the key kind in brackets when it differs):
``choice``, ``choices``, ``truefalse``, ``order``, ``pairs``, ``text`` (``rules``),
``number``, ``weighted``, ``chart`` (``choice``), ``manual`` and ``strategy``
(``manual``). What each needs is in :data:`FIELDS`. Errors name the file, the
question and the field.

A ``strategy`` question (the capstone: a mentor-graded strategy builder) has
``steps`` (an array of tables, in order: ``id``, ``title``, ``question``,
``placeholder``), a ``rubric`` (an array of tables: ``id``, ``title``,
``points`` and ``levels``, one description per number of points from the
criterion's points down to 0; the criteria's points add up to the question's)
and a ``reference`` table (a full example strategy, one text per step id)::

    [[questions]]
    id = "capstone_strategy"
    kind = "strategy"
    title = "Your organisation's campaign strategy"
    lesson = "01_blogging_basics.ipynb"
    points = 10
    prompt = "Write your organisation's strategy, one step at a time."
    explanation = "A strong strategy ..."
    reference.objectives = "By 30 June 2027, 500 parents ..."
    reference.audience = "..."                 # one per step

    [[questions.steps]]
    id = "objectives"
    title = "Objectives"
    question = "What will change, by how much, and by when?"
    placeholder = "e.g. By (date), (number) people will ..."

    [[questions.rubric]]
    id = "objective"
    title = "A measurable objective"
    points = 2
    levels.2 = "A number and a date, and it is the organisation's own aim."
    levels.1 = "An aim without a number or a date."
    levels.0 = "No objective."
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib

COMMON = ("id", "kind", "title", "lesson", "points", "explanation")
OPTIONAL = ("context",)
# kind -> (required fields, optional fields)
FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "choice": (("prompt", "options", "answer"), ()),
    "choices": (("prompt", "options", "answer"), ()),
    "truefalse": (("statement", "answer"), ("prompt",)),
    "order": (("prompt", "items", "answer"), ()),
    "pairs": (("prompt", "left", "right", "answer"), ()),
    "text": (("prompt", "rules", "reference"), ("placeholder",)),
    "number": (("prompt", "answer"), ("tolerance", "unit")),
    "weighted": (("prompt", "items", "weights"), ()),
    "chart": (("prompt", "data", "chart", "options", "answer"), ()),
    "manual": (("prompt", "scheme", "reference"), ()),
    "strategy": (("prompt", "steps", "rubric", "reference"), ()),
}
KEY_KIND = {"text": "rules", "chart": "choice", "strategy": "manual"}
WIDGET_KINDS = tuple(k for k in FIELDS if k != "manual")
MENTOR_KINDS = ("manual", "strategy")      # read and graded by a mentor: no automatic points
STRATEGY_STEP_FIELDS = ("id", "title", "question", "placeholder")
STRATEGY_CRITERION_FIELDS = ("id", "title", "points", "levels")


class DeclarationError(ValueError):
    """A declaration is missing, malformed or inconsistent."""


@dataclass(frozen=True)
class Question:
    """One declared question: its id, kind and every field as written."""

    id: str
    kind: str
    fields: dict[str, Any]

    def __getitem__(self, name: str) -> Any:
        return self.fields[name]

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)

    @property
    def key_kind(self) -> str:
        return KEY_KIND.get(self.kind, self.kind)

    @property
    def mentor_graded(self) -> bool:
        """Read and graded by a mentor (no automatic points)."""
        return self.kind in MENTOR_KINDS

    @property
    def step_ids(self) -> tuple[str, ...]:
        """A strategy's step ids, in order (empty for other kinds)."""
        return tuple(step["id"] for step in self.fields.get("steps", ())) if self.kind == "strategy" else ()

    @property
    def lessons(self) -> tuple[str, ...]:
        lesson = self.fields["lesson"]
        return (lesson,) if isinstance(lesson, str) else tuple(lesson)

    @property
    def labels(self) -> dict[str, str]:
        """Option, item or left/right labels by id (empty when the kind has none)."""
        if self.kind in ("choice", "choices", "chart"):
            return dict(self.fields["options"])
        if self.kind in ("order", "weighted"):
            return dict(self.fields["items"])
        if self.kind == "pairs":
            return {**self.fields["left"], **self.fields["right"]}
        return {}


@dataclass(frozen=True)
class Declaration:
    week: str
    title: str
    intro: str
    outro: str
    questions: tuple[Question, ...]
    source: Path


def declaration_path(grading: Path, week: str) -> Path:
    return Path(grading) / "assessments" / f"{week}.toml"


def load_declaration(path: Path, lessons: tuple[str, ...] | None = None) -> Declaration:
    """Read and check ``path``; ``lessons`` (the week's lesson files) checks every ``lesson``."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DeclarationError(f"{path}: no declaration for this week") from None
    except tomllib.TOMLDecodeError as exc:
        raise DeclarationError(f"{path}: not valid TOML ({exc})") from None
    for name in ("title", "intro", "outro"):
        if not isinstance(raw.get(name), str):
            raise DeclarationError(f"{path}: `{name}` must be text")
    extra = set(raw) - {"title", "intro", "outro", "questions"}
    if extra:
        raise DeclarationError(f"{path}: unknown top-level field(s) {', '.join(sorted(extra))}")
    tables = raw.get("questions")
    if not isinstance(tables, list) or not tables:
        raise DeclarationError(f"{path}: needs [[questions]] tables")
    questions, seen = [], set()
    for number, table in enumerate(tables, 1):
        question = _question(table, f"{path}: question {number}", lessons)
        if question.id in seen:
            raise DeclarationError(f"{path}: question id {question.id!r} is used twice")
        seen.add(question.id)
        questions.append(question)
    return Declaration(week=path.stem, title=raw["title"], intro=raw["intro"].strip(),
                       outro=raw["outro"].strip(), questions=tuple(questions), source=path)


def _question(table: dict, where: str, lessons: tuple[str, ...] | None) -> Question:
    qid = table.get("id")
    if not isinstance(qid, str) or not qid.isidentifier() or len(qid) > 50:
        raise DeclarationError(f"{where}: `id` must be a short name of letters, digits and _")
    where = f"{where} ({qid})"
    kind = table.get("kind")
    if kind not in FIELDS:
        raise DeclarationError(f"{where}: `kind` must be one of {', '.join(FIELDS)}, got {kind!r}")
    required, optional = FIELDS[kind]
    missing = [f for f in COMMON + required if f not in table]
    if missing:
        raise DeclarationError(f"{where}: a {kind} question needs {', '.join(missing)}")
    unknown = set(table) - set(COMMON + required + optional + OPTIONAL)
    if unknown:
        raise DeclarationError(f"{where}: field(s) {', '.join(sorted(unknown))} do not belong to a {kind} question")
    points = table["points"]
    if isinstance(points, bool) or not isinstance(points, (int, float)) or points <= 0:
        raise DeclarationError(f"{where}: `points` must be a positive number")
    for name in ("title", "explanation", "context", "prompt", "statement", "placeholder", "unit"):
        if name in table and not isinstance(table[name], str):
            raise DeclarationError(f"{where}: `{name}` must be text")
    lesson = table["lesson"]
    named = [lesson] if isinstance(lesson, str) else lesson
    if not isinstance(named, list) or not named or not all(isinstance(n, str) for n in named):
        raise DeclarationError(f"{where}: `lesson` must be a lesson file name or a list of them")
    if lessons is not None:
        unknown_lessons = [n for n in named if n not in lessons]
        if unknown_lessons:
            raise DeclarationError(f"{where}: lesson {unknown_lessons[0]!r} is not one of the week's "
                                   f"lessons ({', '.join(lessons)})")
    _check_answer(kind, table, where)
    return Question(id=qid, kind=kind, fields=dict(table))


def _labels(table: dict, name: str, where: str) -> dict:
    value = table[name]
    if not isinstance(value, dict) or len(value) < 2 or not all(isinstance(v, str) for v in value.values()):
        raise DeclarationError(f"{where}: `{name}` must be a table of two or more {{ id = \"label\" }}")
    return value


def _check_answer(kind: str, table: dict, where: str) -> None:
    """The answer fields fit the question's own options (the key loader checks the rest)."""
    answer = table.get("answer")
    if kind in ("choice", "chart"):
        options = _labels(table, "options", where)
        if answer not in options:
            raise DeclarationError(f"{where}: `answer` {answer!r} is not one of the options {list(options)}")
        if kind == "chart" and (not isinstance(table["data"], str) or table["data"].count(":") != 1
                                or not isinstance(table["chart"], dict)):
            raise DeclarationError(f"{where}: a chart needs `data = \"module:function\"` and a `chart` "
                                   "table of keyword arguments")
    elif kind == "choices":
        options = _labels(table, "options", where)
        if not isinstance(answer, list) or not answer or any(a not in options for a in answer):
            raise DeclarationError(f"{where}: `answer` must list option ids from {list(options)}")
    elif kind == "order":
        items = _labels(table, "items", where)
        if not isinstance(answer, list) or sorted(answer) != sorted(items):
            raise DeclarationError(f"{where}: `answer` must list every item id once, in order")
    elif kind == "pairs":
        left, right = _labels(table, "left", where), _labels(table, "right", where)
        if (not isinstance(answer, dict) or set(answer) != set(left)
                or any(v not in right for v in answer.values())):
            raise DeclarationError(f"{where}: `answer` must match every left id to a right id")
    elif kind == "weighted":
        items = _labels(table, "items", where)
        weights = table["weights"]
        if not isinstance(weights, dict) or any(k not in items for k in weights):
            raise DeclarationError(f"{where}: `weights` must be a table of item ids from {list(items)}")
    elif kind == "text":
        if not isinstance(table["rules"], list) or not isinstance(table["reference"], str):
            raise DeclarationError(f"{where}: `rules` must list {{ pattern, about }} tables and "
                                   "`reference` be a full-marks answer")
    elif kind == "manual":
        if not isinstance(table["scheme"], str) or not isinstance(table["reference"], str):
            raise DeclarationError(f"{where}: `scheme` and `reference` must be text")
    elif kind == "strategy":
        _check_strategy(table, where)


def _check_strategy(table: dict, where: str) -> None:
    """Steps with their texts, a rubric whose points add up to the question's, a reference for every step."""
    steps, rubric, reference = table["steps"], table["rubric"], table["reference"]
    if not isinstance(steps, list) or len(steps) < 2:
        raise DeclarationError(f"{where}: `steps` must be two or more [[questions.steps]] tables")
    ids = []
    for number, step in enumerate(steps, 1):
        if not isinstance(step, dict) or set(step) != set(STRATEGY_STEP_FIELDS):
            raise DeclarationError(f"{where}: step {number} needs exactly {', '.join(STRATEGY_STEP_FIELDS)}")
        if not all(isinstance(step[f], str) and step[f].strip() for f in STRATEGY_STEP_FIELDS):
            raise DeclarationError(f"{where}: step {number}: {', '.join(STRATEGY_STEP_FIELDS)} must be text")
        if not step["id"].isidentifier() or step["id"] in ids:
            raise DeclarationError(f"{where}: step {number}: `id` must be a name of letters, digits and _, "
                                   "used once")
        ids.append(step["id"])
    if not isinstance(rubric, list) or not rubric:
        raise DeclarationError(f"{where}: `rubric` must be one or more [[questions.rubric]] tables")
    total, seen = 0, set()
    for number, criterion in enumerate(rubric, 1):
        if not isinstance(criterion, dict) or set(criterion) != set(STRATEGY_CRITERION_FIELDS):
            raise DeclarationError(f"{where}: rubric criterion {number} needs exactly "
                                   f"{', '.join(STRATEGY_CRITERION_FIELDS)}")
        cid, points, levels = criterion["id"], criterion["points"], criterion["levels"]
        if not isinstance(cid, str) or not cid.isidentifier() or cid in seen:
            raise DeclarationError(f"{where}: rubric criterion {number}: `id` must be a name used once")
        seen.add(cid)
        if not isinstance(criterion["title"], str) or not criterion["title"].strip():
            raise DeclarationError(f"{where}: rubric criterion {cid}: `title` must be text")
        if isinstance(points, bool) or not isinstance(points, int) or points <= 0:
            raise DeclarationError(f"{where}: rubric criterion {cid}: `points` must be a whole number above 0")
        want = [str(p) for p in range(points, -1, -1)]
        if (not isinstance(levels, dict) or set(levels) != set(want)
                or not all(isinstance(v, str) and v.strip() for v in levels.values())):
            raise DeclarationError(f"{where}: rubric criterion {cid}: `levels` must describe each of "
                                   f"{', '.join(want)} points (levels.{points} = \"...\" down to levels.0)")
        total += points
    if total != table["points"]:
        raise DeclarationError(f"{where}: the rubric's points add up to {total}, the question is worth "
                               f"{table['points']}")
    if (not isinstance(reference, dict) or set(reference) != set(ids)
            or not all(isinstance(v, str) and v.strip() for v in reference.values())):
        raise DeclarationError(f"{where}: `reference` must give a full example text for every step "
                               f"({', '.join(ids)})")
