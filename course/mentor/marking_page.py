"""The mentor's marking page: written answers to mark with the scheme on screen, questions to answer, notes.

A small tornado application served by ``course dashboard`` beside the
dashboard (plain HTML rendered on the server, forms posted with tornado's
XSRF token, no kernel). ``GET /`` shows the queue (:mod:`.marking`), the
learners' questions and a note form, in English or Arabic (``?lang=ar``).
``POST /mark``, ``/reply`` and ``/note`` do one thing each and come back to
the page, which says what happened. The mentor it serves is fixed when the
server starts (``course dashboard --mentor ID``, else the computer's user when
the roster has a mentor of that id): their learners come first.
"""
from __future__ import annotations

import asyncio
import html
import threading
import urllib.parse

import tornado.web

from .. import i18n
from ..i18n import _
from ..layout import CourseLayout
from ..storage import Ledger
from . import marking, messages
from .data import load_questions

STYLE = ("body{font-family:sans-serif;max-width:60em;margin:1em auto;padding:0 1em;line-height:1.45}"
         ".scroll{overflow-x:auto}table{border-collapse:collapse}th,td{border-bottom:1px solid #ccc;"
         "padding:.3em .6em;text-align:start;vertical-align:top}"
         ".item{border:1px solid #999;border-radius:8px;padding:.6em 1em;margin:1em 0}"
         ".decides{border-left:6px solid #9a6700}pre{white-space:pre-wrap;font-family:inherit;"
         "background:#f4f4f4;padding:.5em;margin:.2em 0}details{margin:.3em 0}"
         "label{font-weight:bold;display:block;margin-top:.5em}textarea{width:100%;max-width:40em}"
         "button,select,textarea,input{font-size:1em}button{padding:.3em .9em;margin:.3em 0}"
         ":focus-visible{outline:3px solid #1f5fa8;outline-offset:2px}"
         ".status{background:#e8f2ea;padding:.5em;border-radius:6px}.refused{background:#fbe9e7}"
         "bdi{unicode-bidi:isolate}")


def _e(text) -> str:
    return html.escape(str(text))


class MarkingApp:
    """What the handlers share: the course, the mentor served and the page's default language."""

    def __init__(self, layout: CourseLayout, mentor: str | None = None, language: str = "en"):
        self.layout, self.mentor, self.language = layout, mentor or None, language

    def mentors(self) -> dict[str, dict]:
        ledger = Ledger(self.layout.db_url)
        try:
            return ledger.mentors()
        finally:
            ledger.close()

    def own_learners(self) -> list[str]:
        ledger = Ledger(self.layout.db_url)
        try:
            return sorted(k for k, v in ledger.roster().items() if v.get("mentor") == self.mentor)
        finally:
            ledger.close()

    def all_learners(self) -> dict[str, str]:
        """Every learner of the course (the roster's, else every one the course has graded), id -> name."""
        from ..cohort import cohort
        ledger = Ledger(self.layout.db_url)
        try:
            roster = ledger.roster()
            return ({k: v.get("name") or "" for k, v in roster.items()} if roster
                    else {k: "" for k in cohort(self.layout, ledger)})
        finally:
            ledger.close()


class Base(tornado.web.RequestHandler):
    @property
    def app(self) -> MarkingApp:
        return self.settings["marking"]

    def lang(self) -> str:
        chosen = self.get_argument("lang", None)
        return chosen if chosen in ("en", "ar") else self.app.language

    def back(self, lang: str, **status) -> None:
        self.redirect("./?" + urllib.parse.urlencode({"lang": lang, **status}))


class Page(Base):
    def get(self) -> None:
        lang = self.lang()
        with i18n.language(lang):
            self.set_header("Content-Type", "text/html; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.write(render(self.app, lang, self.xsrf_form_html(), self.get_argument("done", ""),
                              self.get_argument("refused", "")))


class Mark(Base):
    def post(self) -> None:
        lang = self.lang()
        learner, week, question = (self.get_body_argument(n, "") for n in ("learner", "week", "question"))
        points, comment = self.get_body_argument("points", ""), self.get_body_argument("comment", "")
        with i18n.language(lang):
            try:
                wp = marking.save(self.app.layout, learner, week, question, points, comment)
            except (marking.MarkError, KeyError, ValueError) as exc:
                return self.back(lang, refused=_("marking.refused", reason=str(exc)))
            if self.get_body_argument("keep", "") and comment.strip():
                try:
                    messages.add_snippet(self.app.layout, self.app.mentor or "", comment)
                except messages.MessageError:
                    pass
            self.back(lang, done=_("marking.saved", learner=learner, week=week, points=points,
                                   state=_("gate.state." + wp.state.value)))


class Reply(Base):
    def post(self) -> None:
        lang = self.lang()
        learner = self.get_body_argument("learner", "")
        arg = self.get_body_argument
        with i18n.language(lang):
            try:
                messages.reply(self.app.layout, learner, arg("week", ""), arg("lesson", ""), arg("question", ""),
                               None, arg("text", ""), by=self.app.mentor or "")
            except (messages.MessageError, ValueError) as exc:
                return self.back(lang, refused=_("marking.refused", reason=str(exc)))
            self.back(lang, done=_("marking.replied", learner=learner))


class Note(Base):
    def post(self) -> None:
        lang = self.lang()
        to = self.get_body_argument("to", "")
        learners = self.app.own_learners() if to == "*" else [to]
        with i18n.language(lang):
            try:
                messages.note(self.app.layout, learners, self.get_body_argument("text", ""),
                              by=self.app.mentor or "")
            except (messages.MessageError, ValueError) as exc:
                return self.back(lang, refused=_("marking.refused", reason=str(exc)))
            self.back(lang, done=_("marking.noted", count=len(learners)))


def _answer_html(item: marking.WaitingAnswer, mentor: str | None, xsrf: str, lang: str, snippets: list[str]) -> str:
    ident = f"a-{abs(hash(item.key))}"
    language = item.language or _("marking.unknown_language")
    head = (f'<h3 id="{ident}-h"><bdi>{_e(item.name or item.learner)}</bdi> · {_e(_("marking.week", number=item.week_number))}'
            f' · <bdi>{_e(item.title)}</bdi></h3>'
            f'<p>{_e(_("marking.learner"))}: <bdi>{_e(item.learner)}</bdi> · {_e(_("marking.language"))}: '
            f'{_e(language)}{" · " + _e(_("marking.your_learner")) if mentor and item.mentor == mentor else ""}</p>')
    if item.decides:
        head += f'<p><b>{_e(_("marking.decides"))}</b></p>'
    body = (f'<details><summary>{_e(_("marking.question"))}</summary><pre dir="auto">{_e(item.prompt)}</pre></details>'
            f'<h4>{_e(_("marking.scheme"))}</h4><pre dir="auto">{_e(item.scheme)}</pre>'
            f'<details><summary>{_e(_("marking.reference"))}</summary><pre dir="auto">{_e(item.reference)}</pre></details>'
            f'<h4>{_e(_("marking.answer"))}</h4><pre dir="auto" class="answer">{_e(item.answer or _("marking.no_answer"))}</pre>')
    options = "".join(f'<option value="{p:g}">{p:g}</option>' for p in item.levels())
    snippet_buttons = "".join(
        f'<button type="button" class="snippet" data-text="{_e(s)}" '
        f'aria-label="{_e(_("marking.use_snippet"))}: {_e(s)}">{_e(s)}</button> ' for s in snippets)
    form = (f'<form method="post" action="mark?lang={lang}" aria-labelledby="{ident}-h">{xsrf}'
            f'<input type="hidden" name="learner" value="{_e(item.learner)}">'
            f'<input type="hidden" name="week" value="{_e(item.week)}">'
            f'<input type="hidden" name="question" value="{_e(item.question)}">'
            f'<label for="{ident}-p">{_e(_("marking.points", max_points=f"{item.max_points:g}"))}</label>'
            f'<select id="{ident}-p" name="points" required><option value=""></option>{options}</select>'
            f'<label for="{ident}-c">{_e(_("marking.comment"))}</label>'
            f'<textarea id="{ident}-c" name="comment" rows="3" dir="auto"></textarea>'
            + (f'<div role="group" aria-label="{_e(_("marking.snippets"))}"><small>{_e(_("marking.snippets"))}:</small> '
               f'{snippet_buttons}</div>' if snippets else "")
            + f'<div><input type="checkbox" id="{ident}-k" name="keep" value="1"> '
              f'<label for="{ident}-k" style="display:inline;font-weight:normal">{_e(_("marking.keep_snippet"))}</label></div>'
            f'<button type="submit">{_e(_("marking.save"))}</button></form>')
    return f'<section class="item{" decides" if item.decides else ""}" aria-labelledby="{ident}-h">{head}{body}{form}</section>'


def _questions_html(app: MarkingApp, xsrf: str, lang: str) -> str:
    frame = load_questions(app.layout)
    own = set(app.own_learners()) if app.mentor else None
    if own is not None:
        frame = frame[frame["learner"].isin(own)]
    answered = messages.answered(app.layout)
    names = app.all_learners()
    parts = [f'<h2>{_e(_("marking.questions"))}</h2>']
    if not len(frame):
        parts.append(f"<p>{_e(_('marking.questions_empty'))}</p>")
    for n, q in enumerate(frame.sort_values("asked_at", ascending=False).itertuples()):
        replies = answered.get((q.learner, q.lesson, q.text), [])
        ident = f"q-{n}"
        parts.append(
            f'<section class="item" aria-labelledby="{ident}-h"><h3 id="{ident}-h"><bdi>{_e(names.get(q.learner) or q.learner)}</bdi>'
            f' (<bdi>{_e(q.learner)}</bdi>) · '
            f'{_e(_("marking.asked", when=q.asked_at.strftime("%Y-%m-%d %H:%M"), lesson=q.lesson))}</h3>'
            f'<pre dir="auto">{_e(q.text)}</pre>'
            + "".join(f'<p><b>{_e(_("marking.answered"))}:</b> <bdi>{_e(r["text"])}</bdi></p>' for r in replies)
            + f'<form method="post" action="reply?lang={lang}">{xsrf}'
            f'<input type="hidden" name="learner" value="{_e(q.learner)}">'
            f'<input type="hidden" name="week" value="{_e(q.week)}">'
            f'<input type="hidden" name="lesson" value="{_e(q.lesson)}">'
            f'<input type="hidden" name="question" value="{_e(q.text)}">'
            f'<label for="{ident}-t">{_e(_("marking.your_reply"))}</label>'
            f'<textarea id="{ident}-t" name="text" rows="3" dir="auto" required></textarea>'
            f'<button type="submit">{_e(_("marking.send_reply"))}</button></form></section>')
    return "".join(parts)


def _note_html(app: MarkingApp, xsrf: str, lang: str) -> str:
    names = app.all_learners()
    learners = (app.own_learners() if app.mentor else []) or sorted(names)
    options = ((f'<option value="*">{_e(_("marking.note_all"))}</option>' if app.mentor else "")
               + "".join(f'<option value="{_e(x)}">{_e(names.get(x) or x)} ({_e(x)})</option>' for x in learners))
    return (f'<h2 id="note-h">{_e(_("marking.note"))}</h2>'
            f'<form method="post" action="note?lang={lang}" aria-labelledby="note-h">{xsrf}'
            f'<label for="note-to">{_e(_("marking.note_to"))}</label><select id="note-to" name="to">{options}</select>'
            f'<label for="note-text">{_e(_("marking.note_text"))}</label>'
            f'<textarea id="note-text" name="text" rows="2" dir="auto" required></textarea>'
            f'<button type="submit">{_e(_("marking.send_note"))}</button></form>')


SCRIPT = ("<script>document.addEventListener('click',function(e){var b=e.target.closest('button.snippet');"
          "if(!b)return;var t=b.closest('form').querySelector('textarea');"
          "t.value=(t.value?t.value+' ':'')+b.dataset.text;t.focus();});</script>")


_STANDING = (("passed", ("passed",)), ("failed", ("failed",)), ("awaiting_review", ("awaiting_review",)),
             ("submitted", ("submitted",)), ("not_yet", ("unlocked", "locked")))


def standing_html(app: MarkingApp) -> str:
    """Where the mentor's learners (everyone's, for no mentor) stand, week by week: who passed, who failed,
    who waits for a mentor, who waits to be graded, who has not handed in; the same states as the gate."""
    from ..cohort import cohort
    ledger = Ledger(app.layout.db_url)
    try:
        progress, roster = cohort(app.layout, ledger), ledger.roster()
    finally:
        ledger.close()
    mine = {k for k, v in roster.items() if v.get("mentor") == app.mentor} if app.mentor else set(progress)
    rows = []
    for week in app.layout.syllabus.weeks:
        cells = []
        for label, states in _STANDING:
            who = sorted(l for l in mine if l in progress and progress[l][week.id].state.value in states)
            names = ", ".join((roster.get(l) or {}).get("name") or l for l in who[:8]) + (" …" if len(who) > 8 else "")
            cells.append(f'<td><b>{len(who)}</b>' + (f'<br><small>{_e(names)}</small>' if who and label != "not_yet"
                                                     else "") + "</td>")
        rows.append(f'<tr><th scope="row">{_e(_("gate.week_name", number=week.number, title=week.title))}</th>'
                    f'{"".join(cells)}</tr>')
    head = "".join(f'<th scope="col">{_e(_("marking.standing." + label))}</th>' for label, _s in _STANDING)
    return (f'<section class="standing" aria-labelledby="standing-h"><h2 id="standing-h">{_e(_("marking.standing"))}'
            f'</h2><div class="scroll"><table><thead><tr><th scope="col">{_e(_("marking.standing.week"))}</th>{head}'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table></div></section>')


def render(app: MarkingApp, lang: str, xsrf: str, done: str = "", refused: str = "") -> str:
    """The whole page in ``lang`` (the current i18n language)."""
    queue = marking.waiting(app.layout, app.mentor, lang)
    mentors = app.mentors()
    who = (mentors.get(app.mentor) or {}).get("name") or app.mentor if app.mentor else _("marking.everyone")
    other = "ar" if lang == "en" else "en"
    snippets = messages.snippets(app.layout, app.mentor or "")
    parts = [f'<header><h1>{_e(_("marking.title"))}</h1><p>{_e(_("marking.for_mentor", mentor=who))} · '
             f'<a href="./?lang={other}" lang="{other}">{_e(_("marking.switch_language"))}</a></p></header><main>']
    if done:
        parts.append(f'<p class="status" role="status">{_e(done)}</p>')
    if refused:
        parts.append(f'<p class="status refused" role="alert">{_e(refused)}</p>')
    parts.append(f'<h2>{_e(_("marking.queue", count=len(queue)))}</h2>')
    if not queue:
        parts.append(f"<p>{_e(_('marking.queue_empty'))}</p>")
    parts += [_answer_html(item, app.mentor, xsrf, lang, snippets) for item in queue]
    parts.append(_questions_html(app, xsrf, lang))
    parts.append(_note_html(app, xsrf, lang))
    parts.append(standing_html(app))
    parts.append("</main>")
    return (f'<!DOCTYPE html><html lang="{lang}" dir="{i18n.direction(lang)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{_e(_("marking.title"))}</title>'
            f'<style>{STYLE}</style></head><body>{"".join(parts)}{SCRIPT}</body></html>')


def application(layout: CourseLayout, mentor: str | None = None, language: str = "en",
                cookie_secret: str | None = None) -> tornado.web.Application:
    import secrets
    return tornado.web.Application(
        [(r"/", Page), (r"/mark", Mark), (r"/reply", Reply), (r"/note", Note)],
        marking=MarkingApp(layout, mentor, language), xsrf_cookies=True,
        cookie_secret=cookie_secret or secrets.token_hex(32))


def serve_in_thread(layout: CourseLayout, host: str, port: int, mentor: str | None = None,
                    language: str = "en") -> threading.Thread:
    """Serve the page on ``host:port`` from a daemon thread (it stops with the process)."""
    started = threading.Event()

    def run() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        application(layout, mentor, language).listen(port, address=host)
        started.set()
        loop.run_forever()

    thread = threading.Thread(target=run, name="marking-page", daemon=True)
    thread.start()
    started.wait(10)
    return thread
