"""Certificates of completion: one A4 page in the learner's language, and a code only the course can make.

A learner completes the course when every week is passed (a mentor's review
included where one decides). Their certificate names them, the course, the
cohort's dates, each week's score and their mentor, and carries a
**verification code**: the learner id, the completion date and an HMAC-SHA256
of both under the course's own signing key (``grading/keys/certificate.key``,
32 random bytes made on first use, readable by the course's owner only).
``course verify CODE`` recomputes it offline; changing a letter of the id or
the date, or inventing a code, fails without the key.

Trusted side: the key never leaves the grading folder. The PDF is drawn with
fpdf2 and HarfBuzz shaping (Arabic joined and right to left), with the first
font that covers Latin and Arabic (:func:`course.widgets.strategy_document.find_font`).
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from .. import i18n
from ..certificate_code import KEY_NAME, Verified, code_for, signing_key, verify  # noqa: F401 (the code's API, here too)
from ..i18n import _
from ..layout import CourseLayout
from ..progress import State, WeekProgress

FILE_NAME = "certificate.pdf"


@dataclass(frozen=True)
class WeekResult:
    title: str
    score: float
    max_score: float


@dataclass(frozen=True)
class Completion:
    """One learner who has passed every week."""
    learner: str
    name: str
    mentor: str
    language: str
    completed: dt.date
    weeks: tuple[WeekResult, ...]


def folder_of(layout: CourseLayout, learner: str) -> Path:
    """Where the grader keeps a learner's certificate (``grading/certificates/<learner>/``)."""
    return layout.grading / "certificates" / learner


# -- who completed -------------------------------------------------------------------------------
def completion(layout: CourseLayout, learner: str, weeks: dict[str, WeekProgress], roster: dict[str, dict],
               mentors: dict[str, dict], attempts: list[dict], language: str) -> Completion | None:
    """The learner's completion, or None while a week is not passed."""
    syllabus = layout.syllabus
    if not syllabus.weeks or any(weeks.get(w.id) is None or weeks[w.id].state is not State.PASSED
                                 for w in syllabus.weeks):
        return None
    handed = [a["submitted_at"] for a in attempts
              if a["learner"] == learner and a["week"] in weeks and a.get("problem") is None]
    completed = max(handed).date() if handed else dt.date.today()
    person = roster.get(learner, {})
    mentor_id = person.get("mentor") or ""
    mentor = (mentors.get(mentor_id) or {}).get("name") or mentor_id
    with i18n.language(language):
        results = tuple(WeekResult(_("gate.week_name", number=w.number, title=w.title),
                                   weeks[w.id].score or 0.0, weeks[w.id].max_score or 0.0)
                        for w in syllabus.weeks)
        mentor = mentor or syllabus.mentor
    return Completion(learner, person.get("name") or solo_name(layout, learner) or learner, mentor, language,
                      completed, results)


def solo_name(layout: CourseLayout, learner: str) -> str | None:
    """The name a solo learner gave on their course home (no roster names them)."""
    import json
    from .. import learner_profile
    try:
        solo = json.loads((layout.learner_config / "learner.json").read_text(encoding="utf-8")).get("learner")
    except (OSError, ValueError, AttributeError):
        return None
    return learner_profile.name(layout.workspace) if solo == learner else None


# -- the page ------------------------------------------------------------------------------------
def pdf_bytes(layout: CourseLayout, done: Completion) -> bytes:
    """The certificate, one A4 landscape page in the learner's language.
    Raises LookupError when no font with Arabic letters is installed (``make lab`` installs one)."""
    from fpdf import FPDF

    from ..widgets.strategy_document import find_font
    font = find_font()
    if font is None:
        raise LookupError("no font with Latin and Arabic letters: run `make lab` (it installs DejaVu Sans)")
    syllabus = layout.syllabus
    code = code_for(layout, done.learner, done.completed)
    with i18n.language(done.language):
        rtl = i18n.direction(done.language) == "rtl"
        pdf = FPDF(orientation="L", format="A4", unit="mm")
        pdf.set_margins(20, 18, 20)
        pdf.set_auto_page_break(False)
        pdf.set_title(_("certificate.title"))
        pdf.set_lang(done.language)
        pdf.add_font("Doc", "", font[0])
        pdf.add_font("Doc", "B", font[1])
        pdf.set_text_shaping(use_shaping_engine=True, direction="rtl" if rtl else "ltr",
                             script="arab" if rtl else "latn", language=done.language)
        pdf.add_page()
        pdf.set_draw_color(31, 78, 121)
        pdf.set_line_width(1.2)
        pdf.rect(10, 10, 277, 190)

        def line(text: str, size: float, bold: bool = False, colour=(17, 17, 17), gap: float = 2) -> None:
            pdf.set_font("Doc", "B" if bold else "", size)
            pdf.set_text_color(*colour)
            pdf.multi_cell(0, size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(gap)

        pdf.set_y(26)
        line(syllabus.title, 16, colour=(31, 78, 121))
        line(_("certificate.title"), 28, bold=True, gap=6)
        line(_("certificate.awarded_to"), 12, colour=(85, 85, 85))
        line(done.name, 24, bold=True, gap=4)
        line(_("certificate.completed", course=syllabus.title, start=_ltr(f"{syllabus.start:%Y-%m-%d}"),
               end=_ltr(f"{done.completed:%Y-%m-%d}")), 12, gap=4)
        for week in done.weeks:
            line(_("certificate.week_score", week=week.title,
                   score=_ltr(f"{week.score:g}/{week.max_score:g}")), 11, gap=1)
        pdf.ln(4)
        if done.mentor:
            line(_("certificate.mentor", mentor=_isolated(done.mentor)), 12, gap=6)
        pdf.set_y(172)
        line(_("certificate.code", code=_ltr(code)), 10, colour=(85, 85, 85), gap=1)
        line(_("certificate.how_to_verify", command=_ltr(f"course verify {code}")), 9, colour=(85, 85, 85))
        return bytes(pdf.output())


def _ltr(text: str) -> str:
    """Left-to-right text (a date, a score, a code) kept whole inside a right-to-left sentence."""
    return f"\u2066{text}\u2069"


def _isolated(text: str) -> str:
    """A name in either script, kept whole whatever the sentence around it."""
    return f"\u2068{text}\u2069"


def write(layout: CourseLayout, done: Completion, folder: Path) -> Path:
    """Write ``certificate.pdf`` into ``folder`` (whole: a temporary file, then a rename)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / FILE_NAME
    tmp = folder / f".{FILE_NAME}.tmp"
    tmp.write_bytes(pdf_bytes(layout, done))
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)
    return path


def completions(layout: CourseLayout, ledger, progress: dict[str, dict[str, WeekProgress]]) -> list[Completion]:
    """Every learner who has passed every week, in their own language."""
    from .publish import language_of
    roster, mentors, attempts = ledger.roster(), ledger.mentors(), ledger.attempts()
    found = []
    for learner in sorted(progress):
        done = completion(layout, learner, progress[learner], roster, mentors, attempts,
                          language_of(layout, roster, learner))
        if done is not None:
            found.append(done)
    return found


def issue_all(layout: CourseLayout, ledger, progress: dict[str, dict[str, WeekProgress]],
              learners: list[str] | None = None) -> tuple[dict[str, Path], dict[str, str]]:
    """A certificate in ``grading/certificates/<learner>/`` for every learner who completed the course
    (or only ``learners``); returns those written and, for the others, why not (one failure stops nobody)."""
    written, failed = {}, {}
    for done in completions(layout, ledger, progress):
        if learners and done.learner not in learners:
            continue
        try:
            written[done.learner] = write(layout, done, folder_of(layout, done.learner))
        except Exception as exc:  # noqa: BLE001 - one learner's certificate never stops the others
            failed[done.learner] = f"{type(exc).__name__}: {exc}"[:300]
    return written, failed
