"""Where everything of one course lives, given its root folder.

A course root holds the week folders, ``grading/nbgrader_config.py`` and,
optionally, its own ``syllabus.toml`` (else the packaged syllabus is used).
Every ``course`` command takes ``--root``; nothing outside the root is written,
except the learner's nbgrader cache, which is kept inside the root too.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from traitlets.config import Config, PyFileConfigLoader

from .syllabus import Syllabus, load_syllabus

CHECKOUT = Path(__file__).resolve().parent.parent


class LayoutError(RuntimeError):
    """The folder is not a course root."""


@dataclass(frozen=True)
class CourseLayout:
    root: Path

    @classmethod
    def at(cls, root: Path | str | None = None) -> "CourseLayout":
        path = Path(root or os.environ.get("COURSE_ROOT") or CHECKOUT).resolve()
        return cls(path)

    @property
    def grading(self) -> Path:
        return self.root / "grading"

    @property
    def nbgrader_config_file(self) -> Path:
        return self.grading / "nbgrader_config.py"

    @property
    def syllabus_file(self) -> Path | None:
        local = self.root / "syllabus.toml"
        return local if local.exists() else None

    @cached_property
    def syllabus(self) -> Syllabus:
        return load_syllabus(self.syllabus_file)

    @property
    def keys(self) -> Path:
        return self.grading / "keys"

    @property
    def source(self) -> Path:
        return self.grading / "source"

    @property
    def release(self) -> Path:
        return self.grading / "release"

    @property
    def submitted(self) -> Path:
        return self.grading / "submitted"

    @property
    def autograded(self) -> Path:
        return self.grading / "autograded"

    @property
    def feedback(self) -> Path:
        return self.grading / "feedback"

    @property
    def logs(self) -> Path:
        return self.grading / "logs"

    @property
    def workspace(self) -> Path:
        """The solo learner's JupyterLab root."""
        return self.root / "workspace"

    @property
    def learner_config(self) -> Path:
        """Jupyter config folder used by the learner's JupyterLab (written by `course init`)."""
        return self.grading / "learner_config"

    @property
    def mentor_config(self) -> Path:
        return self.grading / "mentor_config"

    def week_folder(self, week_id: str) -> Path:
        return self.root / week_id

    def require(self) -> None:
        """Raise LayoutError unless this looks like a course root."""
        if not self.nbgrader_config_file.exists():
            raise LayoutError(
                f"{self.root} is not a course folder (no grading/nbgrader_config.py). "
                "Run `course init --root DIR` to create one, or pass the right --root.")

    @cached_property
    def config(self) -> Config:
        """nbgrader's configuration as the course's config file sets it."""
        self.require()
        loader = PyFileConfigLoader(self.nbgrader_config_file.name, path=str(self.grading))
        return loader.load_config()

    @property
    def course_id(self) -> str:
        return self.config.CourseDirectory.course_id

    @property
    def db_url(self) -> str:
        return self.config.CourseDirectory.db_url

    @property
    def exchange(self) -> Path:
        return Path(self.config.Exchange.root)

    @property
    def hub_dir(self) -> Path:
        """Hub mode's own files (``hub.toml``, the hub's database, the exchange service's records)."""
        return self.root / "hub"

    @property
    def is_hub(self) -> bool:
        """Whether the course runs on its JupyterHub (``course hub`` wrote ``hub/hub.toml``)."""
        return (self.hub_dir / "hub.toml").exists()

    @property
    def gate_dir(self) -> Path:
        """Where the grader publishes each learner's gate (read by the exchange classes)."""
        return self.exchange / self.course_id / "gate"
