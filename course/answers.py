"""The persisted answers of an assessment notebook.

nbgrader re-executes a submission without a browser, so what a widget shows
on screen is lost. Assessment widgets therefore save each answer to a small
JSON file beside the notebook (``assessment.answers.json``) and reload it when
the notebook runs again; the grading cells read the same file.

Writes are atomic (a temporary file, then ``os.replace``), so a crash never
leaves half a file. A corrupt or unreadable file is kept aside under a new
name, reported in plain words, and treated as empty: never a crash.
"""
from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from .i18n import _

SUFFIX = ".answers.json"
MAX_BYTES = 256 * 1024   # far more than any assessment needs; larger files are not trusted
FORMAT = 1


def answers_path(notebook: str, folder: Path | str | None = None) -> Path:
    """The answers file of ``notebook`` (a name like ``assessment``) in ``folder`` (default: cwd)."""
    name = Path(notebook).name.removesuffix(".ipynb")
    return Path(folder or os.getcwd()) / f"{name}{SUFFIX}"


class AnswerStore:
    """Reads and writes one notebook's answers: ``{question_id: value}``."""

    def __init__(self, notebook: str = "assessment", folder: Path | str | None = None):
        self.path = answers_path(notebook, folder)
        self.problem: str | None = None   # set when the file could not be read
        self._answers = self._load()

    def get(self, question: str, default: Any = None) -> Any:
        return self._answers.get(question, default)

    def has(self, question: str) -> bool:
        return question in self._answers

    def all(self) -> dict[str, Any]:
        return dict(self._answers)

    def save(self, question: str, value: Any) -> None:
        """Record ``value`` as the answer to ``question`` and write the file atomically."""
        json.dumps(value)  # refuse values that cannot be stored before touching the file
        self._answers[question] = value
        self._write()

    def clear(self, question: str) -> None:
        if self._answers.pop(question, None) is not None:
            self._write()

    def reload(self) -> None:
        self._answers = self._load()

    def _write(self) -> None:
        payload = {"format": FORMAT, "answers": self._answers}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=self.path.name, suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(payload, fh, ensure_ascii=False, indent=1, sort_keys=True)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _load(self) -> dict[str, Any]:
        if not self.path.exists():
            return {}
        try:
            if self.path.stat().st_size > MAX_BYTES:
                raise ValueError(f"larger than {MAX_BYTES // 1024} KiB")
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
                raise ValueError("not an answers file")
            return dict(data["answers"])
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            backup = self.path.with_name(f"{self.path.name}.unreadable-{int(time.time())}")
            try:
                os.replace(self.path, backup)
            except OSError:
                backup = self.path
            self.problem = _("answers.corrupt", path=self.path.name, problem=exc, backup=backup.name)
            return {}
