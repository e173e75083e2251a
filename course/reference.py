"""Builds submissions of known quality from a released notebook: full marks, partial, blank, broken.

Used by ``course check`` (reference answers must score full marks, blank ones
zero) and ``course demo`` (a simulated cohort). The full-marks answers come
from the instructor side only: the week's answer key, which ``course build``
writes from the declaration.
"""
from __future__ import annotations

import ast
import json
from pathlib import Path

import nbformat

from .answer_key import AnswerKey
from .answers import FORMAT, answers_path

QUALITIES = ("full", "partial", "blank", "broken")
_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")


def _grade_id(cell) -> str | None:
    return cell.metadata.get("nbgrader", {}).get("grade_id")


def solutions(source_notebook: Path, inside_markers: bool = False) -> dict[str, str]:
    """The full-marks text of every solution cell: its source without the markers
    (or, with ``inside_markers``, only what the markers enclose: the secret part)."""
    nb = nbformat.read(source_notebook, as_version=4)
    out = {}
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if not meta.get("solution"):
            continue
        lines, inside = [], False
        for line in cell.source.splitlines():
            if line.strip() in _MARKERS:
                inside = line.strip() == _MARKERS[0]
            elif inside or not inside_markers:
                lines.append(line)
        out[meta["grade_id"]] = "\n".join(lines)
    return out


def choice_options(notebook: Path) -> dict[str, list[str]]:
    """Option ids of every ``assessment.single_choice(...)`` question in a notebook."""
    nb = nbformat.read(notebook, as_version=4)
    out = {}
    for cell in nb.cells:
        if cell.cell_type != "code" or "single_choice" not in cell.source:
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "single_choice":
                given = {k.arg: k.value for k in node.keywords}.get("options")
                if given is None and len(node.args) >= 3:
                    given = node.args[2]
                if given is not None:
                    out[ast.literal_eval(node.args[0])] = list(ast.literal_eval(given))
    return out


def fill(released: Path, source: Path | None, key: AnswerKey, quality: str) -> None:
    """Answer the released notebook at ``released`` in place, with the given quality.

    ``full``: every answer right. ``partial``: the first half of the automatically
    graded questions right, the rest wrong, written answers left blank. Every
    widget answer (one-line texts included) goes in the answers file, as the
    widgets save it; a written answer is typed into its markdown cell (grade id =
    question id); a strategy's reference steps go in the answers file (``full`` only). ``blank``: nothing answered. ``broken``: the notebook file is
    not valid JSON. Every answer comes from ``key``; ``source`` (the source
    notebook) is no longer read and may be None.
    """
    if quality not in QUALITIES:
        raise ValueError(f"quality must be one of {QUALITIES}")
    if quality == "broken":
        released.write_text('{"cells": [ this is not a notebook', encoding="utf-8")
        return
    if quality == "blank":
        return
    auto = [q for q, e in key.entries.items() if e.kind != "manual"]
    right = set(auto if quality == "full" else auto[: len(auto) // 2])
    options = choice_options(released)
    answers = {}
    for qid, entry in key.entries.items():
        if entry.kind == "manual" and entry.structured and quality == "full":
            answers[qid] = entry.reference_answer()      # a strategy's steps, saved as its builder saves them
        if entry.kind == "manual":
            continue
        if qid in right:
            answers[qid] = entry.reference_answer()
        elif entry.kind in ("choice", "choices"):
            ids = list(entry.labels) or options.get(qid, [])
            wrong = [o for o in ids if o != entry.answer and o not in entry.answer]
            answers[qid] = wrong[0] if wrong else entry.wrong_answer()
        else:
            answers[qid] = entry.wrong_answer()
    answers_path("assessment", released.parent).write_text(
        json.dumps({"format": FORMAT, "answers": answers}), encoding="utf-8")
    if quality != "full":
        return
    nb = nbformat.read(released, as_version=4)
    for cell in nb.cells:
        entry = key.entries.get(_grade_id(cell) or "")
        if entry is not None and entry.kind == "manual" and not entry.structured and cell.cell_type == "markdown":
            cell.source = entry.answer
    nbformat.write(nb, released)
