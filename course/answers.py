"""The persisted answers of an assessment notebook.

nbgrader re-executes a submission without a browser, so what a widget shows
on screen is lost. Assessment widgets therefore save each answer to a small
JSON file beside the notebook (``assessment.answers.json``) and reload it when
the notebook runs again; the grading cells read the same file.

Writes are atomic (a temporary file, then ``os.replace``), so a crash never
leaves half a file. A corrupt, oversized or unreadable file is kept aside
under a new name, reported in plain words (``problem``), and treated as
empty: never a crash. A missing file is simply empty (``missing`` tells the
grading card to say so). A save that cannot be written raises
:class:`AnswerStoreError` with a message for the learner; the file on disk
is then unchanged.
"""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .i18n import _
from .json_file import read_json, reason_of, set_aside, write_atomically

SUFFIX = ".answers.json"
MAX_BYTES = 256 * 1024   # far more than any assessment needs; larger files are not trusted
FORMAT = 1
STEP_CHARS = 1500        # a strategy step ({step_id: text}) keeps at most this many characters


def answers_path(notebook: str, folder: Path | str | None = None) -> Path:
    """The answers file of ``notebook`` (a name like ``assessment``) in ``folder`` (default: cwd)."""
    name = Path(notebook).name.removesuffix(".ipynb")
    return Path(folder or os.getcwd()) / f"{name}{SUFFIX}"


class AnswerStoreError(Exception):
    """An answer could not be saved; the message says why, in the learner's language."""


class AnswerStore:
    """Reads and writes one notebook's answers: ``{question_id: value}``."""

    def __init__(self, notebook: str = "assessment", folder: Path | str | None = None,
                 keep_aside: bool = True):
        """``keep_aside=False`` only reads: an unreadable file stays where it is (used to
        inspect a learner's original submission)."""
        self.path = answers_path(notebook, folder)
        self.keep_aside = keep_aside
        self.problem: str | None = None   # set when the file could not be read
        self.missing = False              # True when there was no file to read
        self._answers = self._load()

    def get(self, question: str, default: Any = None) -> Any:
        return self._answers.get(question, default)

    def has(self, question: str) -> bool:
        return question in self._answers

    def all(self) -> dict[str, Any]:
        return dict(self._answers)

    def save(self, question: str, value: Any) -> None:
        """Record ``value`` as the answer to ``question`` and write the file atomically.

        Raises :class:`AnswerStoreError` (and keeps the previous answer) when the
        value cannot be stored or the file cannot be written.
        """
        answers = dict(self._answers)
        answers[question] = value
        self._write(answers)
        self._answers = answers

    def clear(self, question: str) -> None:
        """Forget the answer to ``question`` (the learner emptied it)."""
        if question in self._answers:
            answers = dict(self._answers)
            del answers[question]
            self._write(answers)
            self._answers = answers

    def reload(self) -> None:
        """Read the file again (``problem`` keeps the last problem seen: the answers it lost stay lost)."""
        self._answers = self._load()

    def _write(self, answers: dict[str, Any]) -> None:
        payload = {"format": FORMAT, "answers": answers}
        try:
            text = json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False)
        except (TypeError, ValueError) as exc:
            raise AnswerStoreError(_("answers.not_storable", problem=exc)) from None
        if len(text.encode("utf-8")) > MAX_BYTES:
            raise AnswerStoreError(_("answers.too_large_to_save", limit=MAX_BYTES // 1024))
        try:
            write_atomically(self.path, text)
        except OSError as exc:
            raise AnswerStoreError(_("answers.cannot_save", path=self.path.name,
                                     problem=exc.strerror or exc)) from None
        self.missing = False

    def _load(self) -> dict[str, Any]:
        if not self.path.exists():
            self.missing = True
            return {}
        self.missing = False
        try:
            data = read_json(self.path, MAX_BYTES)
            if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
                raise ValueError(_("answers.problem.not_answers"))
            return {str(k): v for k, v in data["answers"].items()}
        except (OSError, ValueError, RecursionError) as exc:
            backup = set_aside(self.path, move=self.keep_aside)
            self.problem = _("answers.corrupt", path=self.path.name, problem=reason_of(exc), backup=backup.name)
            return {}
