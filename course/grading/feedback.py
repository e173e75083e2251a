"""The learner's feedback page: one card per question, in the learner's language; and its delivery.

A card shows the question's title, the learner's answer, the verdict and the
points, and the lesson to revisit. The right answers and their explanations
are shown only once they can no longer help a next attempt: after a pass or
after the last attempt. A written answer no mentor has read yet says so,
never "0 / 5". No check code, traceback or grader path is ever on the page.
Pages go where nbgrader's feedback goes (``grading/feedback/<learner>/<week>/``
and the exchange), so the learner fetches them exactly like nbgrader feedback.
"""
from __future__ import annotations

import base64
import html
import os
import stat
from pathlib import Path

from nbgrader.utils import notebook_hash

from ..i18n import _, direction
from .scorer import QuestionResult

_COLOUR = {"right": "#1b7f3b", "partly": "#9a6700", "wrong": "#b42318", "blank": "#555", "pending": "#1f5fa8"}
# Status icons drawn inline (no emoji font needed); the verdict's words beside them say the same.
_SHAPE = {"right": '<path d="M3 8.5l3.5 3.5L13 4.5" fill="none" stroke="currentColor" stroke-width="2.2"/>',
          "partly": '<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="2"/>'
                    '<path d="M8 2a6 6 0 0 1 0 12z" fill="currentColor"/>',
          "wrong": '<path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" stroke-width="2.2"/>',
          "blank": '<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="2"/>',
          "pending": '<circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" stroke-width="2"/>'
                     '<path d="M8 4.5V8l2.5 2" fill="none" stroke="currentColor" stroke-width="2"/>',
          "award": '<circle cx="8" cy="6" r="4.5" fill="none" stroke="currentColor" stroke-width="1.8"/>'
                   '<path d="M5 10l-1.5 5L8 13l4.5 2L11 10" fill="none" stroke="currentColor" stroke-width="1.6"/>',
          "alert": '<path d="M8 1.5L15 14H1z" fill="none" stroke="currentColor" stroke-width="1.8"/>'
                   '<path d="M8 6v4M8 11.5v1.2" stroke="currentColor" stroke-width="1.8"/>'}


def icon(name: str) -> str:
    """An inline SVG status icon (decorative: the text beside it carries the meaning)."""
    return (f'<svg class="icon" width="1em" height="1em" viewBox="0 0 16 16" aria-hidden="true" '
            f'focusable="false" style="vertical-align:-0.125em">{_SHAPE[name]}</svg>')


def _lesson_name(lesson: str) -> str:
    """``lesson 2 (google search)`` in English; in another language the lesson's number with its
    translated title when the catalogues have one (``lesson.<file stem>.title``), else the number."""
    from .. import i18n
    stem = Path(lesson).stem
    number, _sep, rest = stem.partition("_")
    if not number.isdigit():
        return stem
    if i18n.current_language() == "en":
        return _("feedback.lesson", number=int(number), title=rest.replace("_", " "))
    title = i18n.catalogue(i18n.current_language()).get(f"lesson.{stem}.title")
    return (_("feedback.lesson", number=int(number), title=title) if title
            else _("feedback.lesson_number", number=int(number)))


def _frame(title: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="{html.escape(_("home.lang"))}" dir="{direction()}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title><style>"
            "body{font-family:sans-serif;max-width:42em;margin:1em auto;padding:0 1em;line-height:1.45}"
            ".card{border:1px solid #bbb;border-radius:8px;padding:.6em .9em;margin:.8em 0}"
            ".card h2{font-size:1.05em;margin:.1em 0 .4em}.verdict{font-weight:bold}"
            "bdi,code{unicode-bidi:isolate}</style></head>"
            f'<body dir="{direction()}">{body}</body></html>')


def _points(value: float) -> str:
    return f"{value:g}"


def _answer_block(answer: str) -> str:
    """The learner's answer; one over several lines (a strategy's steps) keeps its lines."""
    if "\n" not in answer:
        return f"<div>{html.escape(_('grade.your_answer'))}: <bdi>{html.escape(answer)}</bdi></div>"
    lines = "".join(f'<li dir="auto">{html.escape(line)}</li>' for line in answer.splitlines() if line.strip())
    return f"<div>{html.escape(_('grade.your_answer'))}:<ul>{lines}</ul></div>"


def card(number: int, result: QuestionResult, reveal: bool, comment: str = "") -> str:
    """One question's card."""
    verdict = result.verdict
    if verdict == "pending":
        status = _("feedback.waiting_for_mentor", max_points=_points(result.max_points))
    else:
        status = (_(f"feedback.verdict.{verdict}") + " · "
                  + _("grade.points", points=_points(result.points or 0.0), max_points=_points(result.max_points)))
    answer = result.answer_words or _("grade.no_answer")
    parts = [f'<section class="card" aria-label="{html.escape(result.title)}">',
             f"<h2>{number}. <bdi>{html.escape(result.title)}</bdi></h2>",
             _answer_block(answer),
             f'<div class="verdict" role="status" style="color:{_COLOUR[verdict]}">'
             f'{icon(verdict)} {html.escape(status)}</div>']
    if comment:
        parts.append(f"<div>{html.escape(_('feedback.mentor_comment'))}: <bdi>{html.escape(comment)}</bdi></div>")
    if verdict not in ("right", "pending") and result.lesson:
        parts.append(f"<div>{html.escape(_('feedback.revisit', lesson=_lesson_name(result.lesson)))}</div>")
    if reveal and verdict != "pending" and (result.right_answer or result.explanation) and verdict != "right":
        if result.right_answer:
            parts.append(f"<div>{html.escape(_('feedback.right_answer'))}: <bdi>{html.escape(result.right_answer)}</bdi></div>")
    if reveal and result.explanation:
        parts.append(f"<div><i>{html.escape(result.explanation)}</i></div>")
    parts.append("</section>")
    return "".join(parts)


def page(week_title: str, results: list[QuestionResult], summary: str, reveal: bool,
         comments: dict[str, str] | None = None, notes: list[str] | None = None,
         certificate: bytes | None = None) -> str:
    """The whole feedback page of one graded submission (with the learner's certificate to download,
    embedded in the page, once they have completed the course)."""
    comments = comments or {}
    body = [f"<h1>{html.escape(week_title)}</h1>", f'<p role="status"><b>{html.escape(summary)}</b></p>']
    if certificate:
        data = base64.b64encode(certificate).decode("ascii")
        body.append(f'<p class="certificate">{icon("award")} <a download="certificate.pdf" '
                    f'href="data:application/pdf;base64,{data}">{html.escape(_("certificate.download"))}</a></p>')
    for note in notes or []:
        body.append(f'<p role="note">{icon("alert")} {html.escape(note)}</p>')
    body.append(f"<p>{html.escape(_('feedback.answers_shown' if reveal else 'feedback.answers_hidden'))}</p>")
    body += [card(i, r, reveal, comments.get(r.cell, "")) for i, r in enumerate(results, 1)]
    return _frame(week_title, "".join(body))


def problem_page(week_title: str, problem: str) -> str:
    """The page for a submission that could not be graded: why, and what to do."""
    return _frame(_("problem.title"), (
        f"<h1>{html.escape(week_title)}</h1>"
        f'<p role="alert">{icon("alert")} <b>{html.escape(_("problem.not_graded"))}</b></p>'
        f"<p><bdi>{html.escape(problem)}</bdi></p>"
        f"<p>{html.escape(_('problem.not_counted'))}</p>"))


def deliver(layout, week, learner: str, text: str, secret: str | None, stamp: bytes | None) -> Path | None:
    """Write the page and put it in the exchange, where the learner's copy of the submission
    (its ``submission_secret.txt``) finds it; None when there is no usable secret."""
    local = layout.feedback / learner / week.id
    local.mkdir(parents=True, exist_ok=True)
    (local / f"{week.assessment_name}.html").write_text(text, encoding="utf-8")
    (local / "timestamp.txt").write_bytes(stamp or b"")
    if not secret or len(secret) > 1000:   # nbgrader writes a short random secret; anything else was tampered with
        return None
    outbound = layout.exchange / layout.course_id / "feedback"
    outbound.mkdir(parents=True, exist_ok=True)
    checksum = notebook_hash(secret=secret, notebook_id=week.assessment_name)
    tmp = outbound / f".{checksum}.tmp"
    tmp.write_text(text, encoding="utf-8")
    os.chmod(tmp, 0o644)
    os.replace(tmp, outbound / f"{checksum}.html")
    return outbound / f"{checksum}.html"


def read_certificate(folder: Path, limit: int = 2_000_000) -> bytes | None:
    """The learner's certificate PDF made by the grader (``folder/certificate.pdf``), if there is one."""
    data = read_small(folder / "certificate.pdf", limit)
    return data if data and data.startswith(b"%PDF") else None


def read_small(path: Path, limit: int = 1000) -> bytes | None:
    """A small file of a submission, never following a link; None if absent, odd or too big."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        data = os.read(fd, limit + 1)
        return data if len(data) <= limit else None
    finally:
        os.close(fd)


def is_current(layout, week, learner: str, stamp: bytes | None) -> bool:
    """Whether the learner's feedback page was made for the submission stamped ``stamp``."""
    made = layout.feedback / learner / week.id / "timestamp.txt"
    try:
        return stamp is not None and made.read_bytes() == stamp
    except OSError:
        return False
