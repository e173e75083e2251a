"""An assessment's Arabic: ``grading/assessments/<week>.ar.toml``, each part pinned to the English it translates.

Instructor only, like the declaration (it holds the explanations)::

    pinned = "3f2a9c0d1e4b"     # the hash of the English title, intro and outro
    title = "تقييم الأسبوع 1: ..."
    intro = "..."
    outro = "..."

    [questions.q1_page_or_profile]
    pinned = "9c1b0a7e55d2"     # the hash of this question's English texts
    title = "..."
    context = "..."
    prompt = "..."
    options.page = "صفحة فيسبوك"
    explanation = "..."

A question's table translates every learner-visible text of its English
question: ``title``, ``context``, ``prompt`` (``statement`` for true/false),
``placeholder``, ``explanation``, the labels (``options``, ``items``,
``left``, ``right``), a chart's ``chart.x_label``, ``chart.filter_label``
and ``chart.metrics``, and a strategy's ``steps.<id>.title``, ``.question``
and ``.placeholder`` and ``rubric.<id>.title`` and ``.levels.<points>``::

    [questions.capstone_strategy]
    pinned = "..."
    steps.objectives.title = "الأهداف"
    steps.objectives.question = "..."
    steps.objectives.placeholder = "..."
    rubric.objective.title = "..."
    rubric.objective.levels.2 = "..." Optional: ``unit`` (else the English one) and, for a
one-line answer, ``reference``: a full-marks answer in Arabic that the
feedback page shows (it must meet every rule). Answers, rules, weights and
marking schemes are never translated: one key scores both languages.

``pinned`` is :func:`pin` of the English the text was translated from.
Changing the English of one question makes exactly that question's
Arabic stale; ``course check`` lists missing and stale translations and
gives the new pin to write once the Arabic is updated.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .declaration import Declaration, DeclarationError, Question

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib

TRANSLATED = ("ar",)
TEXTS = ("title", "context", "prompt", "statement", "placeholder", "explanation")
OPTIONAL_TEXTS = ("unit", "reference")
LABELS = ("options", "items", "left", "right")
CHART = ("x_label", "filter_label", "metrics")
HEAD = ("title", "intro", "outro")


def translation_path(grading: Path, week: str, language: str = "ar") -> Path:
    return Path(grading) / "assessments" / f"{week}.{language}.toml"


def english_of(q: Question) -> dict[str, Any]:
    """Every translatable English text of ``q`` (what its pin is made of)."""
    out: dict[str, Any] = {name: q[name].strip() for name in TEXTS + OPTIONAL_TEXTS
                           if isinstance(q.get(name), str) and not (name == "reference" and q.kind != "text")}
    for name in LABELS:
        if name in q.fields:
            out[name] = dict(q[name])
    if q.kind == "chart":
        out["chart"] = {k: q["chart"][k] for k in CHART if k in q["chart"]}
    if q.kind == "strategy":
        out["steps"] = {s["id"]: {k: s[k].strip() for k in ("title", "question", "placeholder")} for s in q["steps"]}
        out["rubric"] = {c["id"]: {"title": c["title"].strip(), "levels": {k: v.strip() for k, v in c["levels"].items()}}
                         for c in q["rubric"]}
    return out


NESTED = ("steps", "rubric")     # a strategy's texts, two or three levels deep


def _merged(english: Any, mine: Any) -> Any:
    """``english`` with every text that ``mine`` translates (same shape) put in its place."""
    if isinstance(english, dict):
        mine = mine if isinstance(mine, dict) else {}
        return {k: _merged(v, mine.get(k)) for k, v in english.items()}
    return mine.strip() if isinstance(mine, str) and mine.strip() else english


def _gaps(english: Any, mine: Any, path: str) -> list[str]:
    """The dotted names of ``english`` texts that ``mine`` does not translate."""
    if isinstance(english, dict):
        mine = mine if isinstance(mine, dict) else {}
        return [g for k, v in english.items() for g in _gaps(v, mine.get(k), f"{path}.{k}")]
    return [] if isinstance(mine, str) and mine.strip() else [path]


def english_head(decl: Declaration) -> dict[str, str]:
    return {"title": decl.title, "intro": decl.intro, "outro": decl.outro}


def pin(texts: dict) -> str:
    """A short hash of English texts: what a translation says it translates."""
    return hashlib.sha256(json.dumps(texts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12]


@dataclass
class Translation:
    """One language's texts of a declaration, with what is missing or stale."""

    language: str
    head: dict[str, str] = field(default_factory=dict)
    questions: dict[str, dict[str, Any]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def texts(self, q: Question) -> dict[str, Any]:
        """``q``'s texts in this language; a text not translated yet stays English."""
        english, mine = english_of(q), self.questions.get(q.id, {})
        out = dict(english)
        for name, value in mine.items():
            if name == "pinned" or name not in english and name not in OPTIONAL_TEXTS:
                continue
            if name in NESTED:
                out[name] = _merged(english[name], value)
            elif isinstance(value, dict) and isinstance(english.get(name), dict):
                out[name] = {k: value.get(k, v) for k, v in english[name].items()}
            elif isinstance(value, str):
                out[name] = value.strip()
        if q.kind != "text":
            out.pop("reference", None)
        return out

    def head_text(self, name: str, decl: Declaration) -> str:
        return self.head.get(name) or english_head(decl)[name]


def load_translation(decl: Declaration, grading: Path, language: str = "ar") -> Translation:
    """The ``language`` texts of ``decl``, their problems listed (never raised, except for bad TOML)."""
    path = translation_path(grading, decl.week, language)
    tr = Translation(language)
    name = f"{decl.week}.{language}.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        tr.problems.append(f"{decl.week}: no {language} translation of the assessment ({name})")
        return tr
    except tomllib.TOMLDecodeError as exc:
        raise DeclarationError(f"{path}: not valid TOML ({exc})") from None
    tr.head = {k: raw[k].strip() for k in HEAD if isinstance(raw.get(k), str)}
    missing = [k for k in HEAD if k not in tr.head]
    if missing:
        tr.problems.append(f"{name}: missing {', '.join(missing)}")
    elif raw.get("pinned") != pin(english_head(decl)):
        tr.problems.append(f"{name}: the title, intro and outro are stale (the English changed); "
                           f"update them, then set pinned = \"{pin(english_head(decl))}\"")
    tables = raw.get("questions", {})
    tr.questions = {qid: t for qid, t in tables.items() if isinstance(t, dict)}
    for q in decl.questions:
        table = tr.questions.get(q.id)
        if table is None:
            tr.problems.append(f"{name}: question {q.id} is not translated")
            continue
        english = english_of(q)
        gaps = [n for n in english if n not in OPTIONAL_TEXTS and n not in table]
        for n in (n for n in LABELS + ("chart",) if n in english and n in table):
            want = english[n].get("metrics", {}) if n == "chart" else english[n]
            have = table[n].get("metrics", {}) if n == "chart" else table[n]
            gaps += [f"{n}.{k}" for k in want if k not in have]
        for n in (n for n in NESTED if n in english and n in table):
            gaps += _gaps(english[n], table[n], n)
        if gaps:
            tr.problems.append(f"{name}: question {q.id} misses {', '.join(gaps)}")
        elif table.get("pinned") != pin(english):
            tr.problems.append(f"{name}: question {q.id} is stale (its English changed); update it, "
                               f"then set pinned = \"{pin(english)}\"")
    for qid in tr.questions:
        if qid not in {q.id for q in decl.questions}:
            tr.problems.append(f"{name}: question {qid} is not in the declaration")
    return tr
