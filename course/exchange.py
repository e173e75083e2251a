"""nbgrader exchange classes that honour the gate.

Configured in ``grading/nbgrader_config.py`` (``ExchangeFactory``), they are
what JupyterLab's Assignment List and the ``nbgrader list / fetch_assignment /
submit`` commands use. A locked week is not listed; fetching or submitting it
is refused with the sentence that says what is needed. The gate fails closed:
with no published gate (the course was never released) nothing is listed and
every fetch or submission is refused.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from nbgrader.exchange.default import ExchangeFetchAssignment, ExchangeList, ExchangeSubmit
from nbgrader.utils import get_username
from traitlets import List, Unicode

from . import gate, workspace_language


class GatedMixin:
    """Reads the learner's published gate from the exchange."""

    def learner_id(self) -> str:
        sid = self.coursedir.student_id
        return sid if sid and sid != "*" else get_username()

    def gate_entries(self):
        gate_dir = Path(self.root) / self.coursedir.course_id / "gate"
        entries = gate.read(gate_dir, self.learner_id())
        if entries is None:
            self.log.warning("No gate published in %s", gate_dir)
        return entries

    def refuse_unless_open(self, week: str, submitting: bool = False) -> None:
        entries = self.gate_entries()
        if entries is None:
            self.fail("This course has not opened any week yet. Ask your mentor.")
        if week not in entries:
            self.fail(f"{week} is not part of this course.")
        entry = entries[week]
        if not entry.is_open:
            self.fail(entry.message)
        if submitting and not entry.can_submit and entry.state != "passed":
            self.fail(entry.message or f"{week} cannot be submitted now ({entry.state}).")


class GatedExchangeList(GatedMixin, ExchangeList):
    def parse_assignments(self):
        assignments = super().parse_assignments()
        if self.inbound or self.cached:
            return assignments
        entries = self.gate_entries() or {}
        return [a for a in assignments
                if a["assignment_id"] in entries and entries[a["assignment_id"]].is_open]


class GatedExchangeFetchAssignment(GatedMixin, ExchangeFetchAssignment):
    def init_src(self):
        self.refuse_unless_open(self.coursedir.assignment_id)
        super().init_src()

    def copy_files(self):
        super().copy_files()
        # the lessons in the learner's language, under their normal names (the assessment untouched)
        workspace = Path(self.assignment_dir)
        workspace_language.localise_week(workspace, Path(self.dest_path), workspace_language.chosen(workspace))


class GatedExchangeSubmit(GatedMixin, ExchangeSubmit):
    grade_command = List(
        Unicode(), default_value=[],
        help="Command started in the background after a successful submission, "
             "with {assignment_id} and {student_id} filled in (solo mode grades at once). "
             "Empty: do nothing.").tag(config=True)
    grade_log = Unicode("", help="File that receives the grading command's output.").tag(config=True)

    def init_src(self):
        self.refuse_unless_open(self.coursedir.assignment_id, submitting=True)
        super().init_src()

    def start(self):
        result = super().start()
        if self.grade_command:
            self._start_grading()
        return result

    def _start_grading(self) -> None:
        values = {"assignment_id": self.coursedir.assignment_id, "student_id": self.learner_id(),
                  "python": sys.executable}
        command = [part.format(**values) for part in self.grade_command]
        log = open(self.grade_log, "ab") if self.grade_log else subprocess.DEVNULL
        subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                         start_new_session=True)
        self.log.info("Grading started: %s", " ".join(command))
