"""Who may read what when a cohort shares one machine.

The grader's account owns the course. Keys, assessment declarations,
sources, releases, submissions, graded notebooks, feedback, logs and the
gradebook are its alone (folders 0700, files 0600). Learners may read the
course's public files (the syllabus, nbgrader's configuration, the learner
lab's settings) and, in the exchange, what nbgrader shares with them; each
learner's gate file is readable by that learner's own group only. Inbound is
write-only for learners, with the sticky bit, so no one can list, change or
delete another learner's submission. In hub mode the whole exchange is the
course account's alone (0700): learners reach it only through the exchange
service (``course/hub/exchange_service.py``).
"""
from __future__ import annotations

import os
import pwd
import stat
from pathlib import Path

PRIVATE_IN_GRADING = ("keys", "assessments", "source", "release", "submitted", "autograded", "feedback",
                      "logs", "mentor_config", "learner_cache")
PRIVATE_FILE_PATTERNS = ("gradebook.db*", ".grading.lock", "*.log")


def _chmod(path: Path, mode: int) -> None:
    try:
        if not path.is_symlink():
            os.chmod(path, mode)
    except (FileNotFoundError, PermissionError):
        pass


def make_private(path: Path) -> None:
    """``path`` readable by the course account only (a private folder hides everything in it)."""
    if path.is_symlink() or not path.exists():
        return
    _chmod(path, 0o600 if path.is_file() else 0o700)


def protect(layout) -> None:
    """Apply the course's file rules (cheap enough to run at every release and grading run)."""
    grading = layout.grading
    if grading.exists():
        _chmod(grading, 0o711)            # others may reach nbgrader_config.py, not list the folder
        for name in PRIVATE_IN_GRADING:
            make_private(grading / name)
        for pattern in PRIVATE_FILE_PATTERNS:
            for path in grading.glob(pattern):
                make_private(path)
    for week in layout.syllabus.weeks:      # the week sources hold written answers' reference texts
        make_private(layout.week_folder(week.id))
    private_root_files = ("workspace",)
    for name in private_root_files:
        make_private(layout.root / name)
    if layout.is_hub:                       # learners reach the exchange only through the exchange service
        make_private(layout.exchange)       # (nbgrader's release opens it to all again: the course's folder
        make_private(layout.exchange / layout.course_id)   # in it stays closed meanwhile)
        return
    if layout.exchange.exists():            # shared by courses: anyone may add, no one may move another's
        _chmod(layout.exchange, 0o1777 if layout.exchange.stat().st_mode & 0o002 else 0o755)
    exchange = layout.exchange / layout.course_id
    if exchange.exists():
        inbound = exchange / "inbound"
        if inbound.exists():
            _chmod(inbound, 0o1733)
        gate_dir = exchange / "gate"
        if gate_dir.exists():
            _chmod(gate_dir, 0o711)
        feedback = exchange / "feedback"
        if feedback.exists():
            _chmod(feedback, 0o711)


def share_gate(path: Path, learner: str) -> None:
    """Let ``learner`` (and no other learner) read their gate file.

    When a Unix account of that name exists and the grader may hand the file to
    its group (root, or a member of that group), the file becomes
    ``course-account:learner-group`` 0640. Otherwise it stays 0600: only the
    course account (in solo mode, the learner) reads it."""
    try:
        account = pwd.getpwnam(learner)
    except KeyError:
        _chmod(path, 0o600)
        return
    try:
        os.chown(path, -1, account.pw_gid)
        _chmod(path, 0o640)
    except PermissionError:
        _chmod(path, 0o600)


def course_account() -> str:
    """The account the grader runs as."""
    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:
        return str(os.geteuid())


def is_private(path: Path) -> bool:
    """True when no one but the owner may read ``path``."""
    mode = path.stat().st_mode
    return not mode & (stat.S_IRGRP | stat.S_IROTH | stat.S_IXGRP | stat.S_IXOTH)


__all__ = ["protect", "make_private", "share_gate", "course_account", "is_private"]
