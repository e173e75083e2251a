"""The learner's course home, as a web page the lab's own server renders (``/course/home``).

Everything a learner needs to find their way: their name, the course's
progress bar, each week's state with lessons done and exercises tried, the
next step, a Hand in button where a week can be handed in, the feedback and
the certificate, their mentor and the next live chats. It is rendered on the
server from small files (the published gate, the workspace, the practice
record), so it opens with no kernel and no keystroke; the page asks for it
again every few seconds and updates itself when something changed (see
``course/home_server.py``). Learner-side: imports nothing of the grader or nbgrader.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from urllib.parse import quote
from dataclasses import dataclass, field
from pathlib import Path

from . import gate, learner_profile, practice_log
from .home_messages import mentor_words_html
from .home import STATE_ICONS, _day, _esc, _html, _iso, _pretty, _when, countdown, reason
from .i18n import _, direction
from .layout import CourseLayout
from .syllabus import Syllabus, Week

HANDED_IN = "handed_in.json"          # in <workspace>/.course: weeks handed in from the home, and when
GRADING_TAKES_LONG = dt.timedelta(minutes=10)


@dataclass
class LessonState:
    """One lesson of an open week, as the learner's workspace shows it."""
    name: str
    title: str
    exercises: int
    tried: int

    @property
    def done(self) -> bool:
        return self.exercises > 0 and self.tried >= self.exercises


@dataclass
class WeekState:
    """One week on the home: its gate entry, its lessons, its hand-in state."""
    week: Week
    entry: gate.GateEntry | None
    lessons: list[LessonState] = field(default_factory=list)
    fetched: bool = False
    assessment: bool = False
    feedback: str | None = None        # the newest feedback page, relative to the workspace
    handed_in: dt.datetime | None = None   # handed in from the home, and not graded since

    @property
    def state(self) -> str:
        return self.entry.state if self.entry else "locked"

    @property
    def is_open(self) -> bool:
        return bool(self.entry and self.entry.is_open)

    @property
    def can_hand_in(self) -> bool:
        return (self.is_open and self.assessment and self.state not in ("passed", "awaiting_review")
                and bool(self.entry.can_submit) and self.handed_in is None)

    @property
    def exercises(self) -> tuple[int, int]:
        return sum(x.tried for x in self.lessons), sum(x.exercises for x in self.lessons)

    def next_lesson(self) -> LessonState | None:
        return next((x for x in self.lessons if not x.done), None)


def _lesson_state(folder: Path, name: str, log: dict[str, dict]) -> LessonState:
    try:
        meta = json.loads((folder / name).read_text(encoding="utf-8")).get("metadata", {}).get("course", {})
        names = [n for n in meta.get("exercises", []) if isinstance(n, str)]
    except (OSError, ValueError, AttributeError):
        names = []
    tried = sum(1 for n in names if isinstance(log.get(n), dict) and (log[n].get("tries") or log[n].get("solved")))
    return LessonState(name, _pretty(name, folder), len(names), tried)


def _published_at(layout: CourseLayout, learner: str) -> dt.datetime | None:
    """When the grader last published this learner's gate."""
    for name in (learner, gate.DEFAULT):
        try:
            data = json.loads(gate.gate_file(layout.gate_dir, name).read_text(encoding="utf-8"))
            return dt.datetime.fromisoformat(data["published"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return None


def handed_in(workspace: Path) -> dict[str, dt.datetime]:
    """Weeks handed in from the home, with when (read leniently: a broken file is no hand-in)."""
    try:
        raw = json.loads((workspace / ".course" / HANDED_IN).read_text(encoding="utf-8"))
        return {k: dt.datetime.fromisoformat(v) for k, v in raw.items() if isinstance(v, str)}
    except (OSError, ValueError, AttributeError, TypeError):
        return {}


def week_states(layout: CourseLayout, learner: str, workspace: Path) -> list[WeekState]:
    """Every week of the syllabus as this learner's home shows it."""
    entries = gate.read(layout.gate_dir, learner) or {}
    published = _published_at(layout, learner)
    pending = handed_in(workspace)
    out = []
    for week in layout.syllabus.weeks:
        state = WeekState(week, entries.get(week.id))
        folder = workspace / week.id
        if state.is_open and folder.is_dir():
            state.fetched = True
            log = practice_log.read(folder)
            state.lessons = [_lesson_state(folder, name, log) for name in week.lessons if (folder / name).exists()]
            state.assessment = (folder / week.assessment).exists()
            feedback = sorted(folder.glob(f"feedback/*/{week.assessment_name}.html"))
            state.feedback = feedback[-1].relative_to(workspace).as_posix() if feedback else None
        when = pending.get(week.id)
        if when is not None and (published is None or published < when):
            state.handed_in = when
        out.append(state)
    return out


# -- the page -------------------------------------------------------------------------------------
def _bar(done: int, total: int, label: str) -> str:
    """A progress bar with its words (never colour alone): ``<progress>`` is read out by screen readers."""
    share = 0 if total == 0 else round(100 * done / total)
    return (f'<div class="ch-bar"><progress max="{max(total, 1)}" value="{done}" aria-label="{_esc(label)}">'
            f'{share}%</progress> <span>{_esc(label)}</span></div>')


def _lessons_html(ws: WeekState) -> str:
    items = []
    for number, lesson in enumerate(ws.lessons, 1):
        mark = (f'{STATE_ICONS["passed"]} <span class="ch-sr">{_esc(_("home2.lesson_done"))}</span>'
                if lesson.done else "")
        count = (f' <small>{_iso(_("home2.tried_of", tried=lesson.tried, total=lesson.exercises), ltr=False)}</small>'
                 if lesson.exercises else "")
        href = f"lab/tree/{_esc(ws.week.id)}/{_esc(lesson.name)}"
        items.append(f'<li>{mark}<a href="{href}">{_esc(_("home.lesson_link", number=number, name=lesson.title))}'
                     f'</a>{count}</li>')
    if ws.assessment:
        items.append(f'<li><a href="lab/tree/{_esc(ws.week.id)}/{_esc(ws.week.assessment)}">'
                     f'{_esc(_("home.assessment_link"))}</a></li>')
    return f'<ol class="ch-lessons">{"".join(items)}</ol>' if items else ""


def _next_step(ws: WeekState) -> str:
    """One sentence: what to do now in this week."""
    if ws.state == "passed" or not ws.is_open:
        return ""
    if not ws.fetched:
        return _esc(_("home2.preparing"))
    if ws.handed_in is not None:
        key = "home2.grading_long" if dt.datetime.now(dt.timezone.utc) - ws.handed_in > GRADING_TAKES_LONG \
            else "home2.grading"
        return _esc(_(key, time=f"{ws.handed_in.astimezone():%H:%M}"))
    if ws.state == "awaiting_review":
        return _esc(_("home.awaiting_review"))
    following = ws.next_lesson()
    if following is not None:
        number = ws.lessons.index(following) + 1
        return _html("home2.next_lesson", lesson=f'<a href="lab/tree/{_esc(ws.week.id)}/{_esc(following.name)}">'
                     f'{_esc(_("home.lesson_link", number=number, name=following.title))}</a>')
    if ws.assessment and ws.entry and ws.entry.can_submit:
        return _html("home2.next_assessment", assessment=f'<a href="lab/tree/{_esc(ws.week.id)}/'
                     f'{_esc(ws.week.assessment)}">{_esc(_("home.assessment_link"))}</a>')
    return ""


def _hand_in_html(ws: WeekState) -> str:
    if not ws.can_hand_in:
        return ""
    label = _("home2.hand_in", number=ws.week.number)
    return (f'<form class="ch-hand-in" method="post" action="course/home/hand-in/{_esc(ws.week.id)}" data-week="{_esc(ws.week.id)}">'
            f'<button type="submit">{_esc(label)}</button> <small>{_esc(_("home2.hand_in_note"))}</small></form>')


def _status_html(syllabus: Syllabus, ws: WeekState, entries: dict[str, gate.GateEntry]) -> str:
    state = ws.state
    parts = [f"{STATE_ICONS.get(state, '')} <b>{_esc(_('gate.state.' + state))}</b>"]
    if ws.entry and ws.entry.score is not None:
        parts.append(_iso(_("home.score", score=f"{ws.entry.score:g}", max_score=f"{ws.entry.max_score:g}"), ltr=True))
    why = reason(syllabus, ws.week, entries)
    if why:
        parts.append(f"<br><small>{_esc(why)}</small>")
    elif state == "failed" and ws.entry and ws.entry.can_submit:
        parts.append(f"<br><small>{_esc(_('home.try_again'))}</small>")
    return " ".join(parts)


def _week_html(syllabus: Syllabus, ws: WeekState, entries: dict[str, gate.GateEntry]) -> str:
    week = ws.week
    dates = _html("home.dates", opens=_esc(_day(week.opens)), due=_when(week.due))
    body = [f'<p class="ch-status">{_status_html(syllabus, ws, entries)}</p>']
    if ws.is_open and ws.lessons:
        lessons_done = sum(1 for x in ws.lessons if x.done)
        tried, total = ws.exercises
        body.append(_bar(lessons_done, len(ws.lessons),
                         _("home2.lessons_done", done=lessons_done, total=len(ws.lessons))))
        body.append(f'<p><small>{_esc(_("home2.exercises_tried", tried=tried, total=total))}</small></p>')
    step = _next_step(ws)
    if step:
        body.append(f'<p class="ch-next">{step}</p>')
    body.append(_hand_in_html(ws))
    if ws.feedback:
        body.append(f'<p><a href="files/{_esc(quote(ws.feedback))}">{_esc(_("home2.read_feedback"))}</a></p>')
    if ws.is_open:
        body.append(_lessons_html(ws))
    return (f'<section class="ch-week ch-{_esc(ws.state)}" id="{_esc(week.id)}" aria-labelledby="{_esc(week.id)}-title">'
            f'<h3 id="{_esc(week.id)}-title">{_esc(_("home2.week_heading", number=week.number, title=week.title))}</h3>'
            f'<p><small>{_esc(week.stage)} · {dates}</small></p>{"".join(body)}</section>')


def _people_html(layout: CourseLayout, people: dict, now: dt.datetime | None = None) -> str:
    syllabus = layout.syllabus
    mentor = people.get("mentor") or {}
    if mentor.get("name"):
        contact = mentor.get("contact") or ""
        line = _html("home2.mentor", mentor=_iso(mentor["name"])) + (
            " " + _html("home2.mentor_contact", contact=_contact_html(contact)) if contact else "")
    elif syllabus.mentor:
        line = _html("home2.mentor", mentor=_iso(syllabus.mentor)) + (
            " " + _html("home2.mentor_contact", contact=_contact_html(syllabus.mentor_contact))
            if syllabus.mentor_contact else "")
    else:
        line = _esc(_("home2.no_mentor"))
    chats = [c for c in _chats(layout) if c.starts + dt.timedelta(minutes=c.minutes) > (now or _now())]
    if not chats:
        return f'<section class="ch-people" aria-labelledby="ch-people-title"><h2 id="ch-people-title">' \
               f'{_esc(_("home2.people"))}</h2><p>{line}</p></section>'
    items = []
    for chat in chats[:3]:
        text = _html("home.chat", week=_esc(syllabus.week(chat.week).number) if _has_week(syllabus, chat.week) else "",
                     when=_when(_in_own_zone(chat), weekday=True), minutes=_esc(chat.minutes), topic=_esc(chat.topic))
        soon = countdown(chat.starts, now)
        link = getattr(chat, "link", "") or ""
        join = f' <a href="{_esc(link)}" rel="noopener" target="_blank">{_esc(_("home2.join"))}</a>' \
            if link.startswith(("https://", "http://")) else ""
        items.append(f'<li>{text} <b class="ch-when" data-starts="{chat.starts.isoformat()}">{_iso(soon)}</b>{join}</li>')
    return (f'<section class="ch-people" aria-labelledby="ch-people-title"><h2 id="ch-people-title">'
            f'{_esc(_("home2.people"))}</h2><p>{line}</p><h3>{_esc(_("home.live_chats"))}</h3>'
            f'<ul>{"".join(items)}</ul>{_calendar_link(layout)}</section>')


def _in_own_zone(chat) -> dt.datetime:
    """A chat's start on the clock of the time zone it was planned in (the course's), when it says which."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    zone = getattr(chat, "zone", None)
    try:
        return chat.starts.astimezone(ZoneInfo(zone)) if zone else chat.starts
    except (ZoneInfoNotFoundError, ValueError):
        return chat.starts


def _has_week(syllabus: Syllabus, week_id: str) -> bool:
    return any(w.id == week_id for w in syllabus.weeks)


def _contact_html(contact: str) -> str:
    """An e-mail address or a web address as a link; anything else as text."""
    if "@" in contact and " " not in contact and not contact.startswith("http"):
        return f'<a href="mailto:{_esc(contact)}"><bdi dir="ltr">{_esc(contact)}</bdi></a>'
    if contact.startswith(("https://", "http://")):
        return f'<a href="{_esc(contact)}" rel="noopener" target="_blank"><bdi dir="ltr">{_esc(contact)}</bdi></a>'
    return _iso(contact)


def _chats(layout: CourseLayout) -> list:
    """The live chats: the ones a mentor published (``course chat``), else the syllabus's."""
    from . import live_chats
    try:
        return list(live_chats.upcoming_for_home(layout.syllabus, layout))
    except Exception:   # noqa: BLE001 - a broken chat file must never break the home
        return list(layout.syllabus.live_chats)


def _calendar_link(layout: CourseLayout) -> str:
    from . import live_chats
    try:
        url = live_chats.calendar_data_url(layout)
    except Exception:   # noqa: BLE001 - no calendar is no link
        url = None
    return (f'<p><a href="{_esc(url)}" download="live_chats.ics">{_esc(_("home2.calendar"))}</a></p>'
            if url else "")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _name_html(name: str | None, learner: str) -> str:
    if name:
        return f'<h1 id="ch-title">{_html("home2.hello", name=_iso(name))}</h1>'
    return (f'<h1 id="ch-title">{_esc(_("home2.welcome"))}</h1>'
            f'<form class="ch-name" method="post" action="course/home/name"><label for="ch-name-input">'
            f'{_esc(_("home2.name_question"))}</label><br><input id="ch-name-input" name="name" '
            f'autocomplete="name" maxlength="{learner_profile.MAX_NAME}" required> '
            f'<button type="submit">{_esc(_("home2.name_save"))}</button>'
            f'<br><small>{_esc(_("home2.name_why"))}</small></form>')


def main_html(layout: CourseLayout, learner: str, workspace: Path) -> str:
    """The page's changing part (everything under the header), in the current language."""
    syllabus = layout.syllabus
    entries = gate.read(layout.gate_dir, learner) or {}
    weeks = week_states(layout, learner, workspace)
    people = gate.people(layout.gate_dir, learner)
    name = people.get("name") or learner_profile.name(workspace)
    passed = sum(1 for w in weeks if w.state == "passed")
    parts = [_name_html(name, learner),
             _bar(passed, len(weeks), _("home2.course_progress", passed=passed, total=len(weeks)))]
    if weeks and passed == len(weeks):
        link = (f' <a href="files/certificate.pdf" download>{_esc(_("home.certificate"))}</a>'
                if (workspace / "certificate.pdf").is_file() else f" {_esc(_('home2.certificate_coming'))}")
        parts.append(f'<p class="course-complete ch-complete">{STATE_ICONS["passed"]} <b>{_esc(_("home.complete"))}</b> '
                     f'{_esc(_("home.complete_more"))}{link}</p>')
    parts.append(mentor_words_html(layout, learner, workspace))
    parts.append(f'<h2>{_esc(_("home2.weeks"))}</h2>')
    parts += [_week_html(syllabus, ws, entries) for ws in weeks]
    parts.append(_people_html(layout, people))
    return "".join(parts)


def version(html_text: str) -> str:
    """A short fingerprint of the page's content: the page refreshes when it changes."""
    return hashlib.sha256(html_text.encode("utf-8")).hexdigest()[:16]


STYLE = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Arabic", Tahoma, sans-serif;
       margin: 0; color: #1f1f1f; background: #fafafa; line-height: 1.5; font-size: 16px; }
header { background: #0b5394; color: #fff; padding: 10px 16px; display: flex; flex-wrap: wrap; gap: 8px;
         align-items: center; justify-content: space-between; }
header .ch-course { font-weight: 600; font-size: 1.1em; }
header a, header button { color: #fff; }
main { max-width: 52em; margin: 0 auto; padding: 8px 16px 48px; }
h1 { font-size: 1.5em; margin: 16px 0 8px; }
h2 { font-size: 1.25em; margin: 24px 0 8px; }
h3 { font-size: 1.1em; margin: 0 0 4px; }
.ch-week, .ch-people, .ch-name { background: #fff; border: 1px solid #d0d0d0; border-radius: 8px;
                                 padding: 12px 16px; margin: 12px 0; }
.ch-locked { background: #f3f3f3; }
.ch-bar { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
progress { width: 12em; max-width: 60%; height: 1em; accent-color: #188038; }
.ch-lessons { padding-inline-start: 1.4em; margin: 8px 0 0; }
.ch-lessons li { margin: 4px 0; }
small { color: #4a4a4a; }
a { color: #0b57d0; }
button, input { font: inherit; padding: 8px 14px; border-radius: 6px; border: 1px solid #5f6368; min-height: 44px; }
button { background: #0b5394; color: #fff; border-color: #0b5394; cursor: pointer; }
button[disabled] { opacity: .6; cursor: wait; }
header button { background: transparent; border-color: #fff; padding: 4px 10px; min-height: 36px; }
header button[aria-pressed="true"] { background: #fff; color: #0b5394; }
input { width: min(24em, 100%); box-sizing: border-box; border-color: #5f6368; }
a:focus-visible, button:focus-visible, input:focus-visible, [tabindex]:focus-visible {
  outline: 3px solid #1a1a1a; outline-offset: 2px; box-shadow: 0 0 0 5px #ffd54f; }
.ch-complete { background: #e6f4ea; border: 1px solid #188038; border-radius: 8px; padding: 12px 16px; }
.ch-status { margin: 4px 0; }
.ch-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
#ch-live { min-height: 1.5em; font-weight: 600; max-width: 52em; margin: 0 auto; padding: 4px 16px 0; }
.ch-problem { color: #a50e0e; }
@media (max-width: 600px) { main { padding: 4px 10px 40px; } .ch-week, .ch-people { padding: 10px 12px; } }
"""

SCRIPT = """
(function () {
  const main = document.getElementById('ch-main'), live = document.getElementById('ch-live');
  let version = main.dataset.version, busy = false;
  function xsrf() { const m = document.cookie.match(/(?:^|; )_xsrf=([^;]*)/); return m ? decodeURIComponent(m[1]) : ''; }
  function localTimes() {
    document.querySelectorAll('.ch-when[data-starts]').forEach(function (el) {
      const starts = new Date(el.dataset.starts), lang = document.documentElement.lang;
      const minutes = Math.round((starts - Date.now()) / 60000);
      if (minutes <= 0) { el.textContent = ''; return; }
      const rel = new Intl.RelativeTimeFormat(lang, {numeric: 'auto'});
      const amount = minutes >= 2880 ? rel.format(Math.round(minutes / 1440), 'day')
                   : minutes >= 90 ? rel.format(Math.round(minutes / 60), 'hour') : rel.format(minutes, 'minute');
      const time = new Intl.DateTimeFormat(lang, {weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'}).format(starts);
      el.textContent = main.dataset.countdown.replace('{how_long}', amount).replace('{time}', time);
    });
  }
  async function refresh() {
    if (busy || document.hidden) return;
    busy = true;
    try {
      const r = await fetch('course/home/state?v=' + encodeURIComponent(version), {headers: {'Accept': 'application/json', 'X-XSRFToken': xsrf()}});
      if (r.ok) {
        const data = await r.json();
        if (data.version !== version) {
          const focused = document.activeElement && document.activeElement.id;
          main.innerHTML = data.html; version = data.version; wire(); localTimes();
          if (data.news) live.textContent = data.news;
          if (focused && document.getElementById(focused)) document.getElementById(focused).focus();
        }
      }
    } catch (e) { /* the server is restarting: try again at the next tick */ }
    busy = false;
  }
  async function post(url, body, button) {
    if (button) button.disabled = true;
    try {
      const r = await fetch(url, {method: 'POST', headers: {'X-XSRFToken': xsrf(), 'Content-Type': 'application/json'},
                                  body: JSON.stringify(body || {})});
      const data = await r.json().catch(function () { return {message: r.statusText}; });
      live.textContent = data.message || '';
      live.className = r.ok ? '' : 'ch-problem';
      if (data.reload) { location.reload(); return; }
    } catch (e) { live.textContent = main.dataset.offline; live.className = 'ch-problem'; }
    if (button) button.disabled = false;
    version = ''; refresh();
  }
  function wire() {
    main.querySelectorAll('form.ch-hand-in').forEach(function (form) {
      form.addEventListener('submit', function (ev) {
        ev.preventDefault(); post('course/home/hand-in/' + form.dataset.week, {}, form.querySelector('button'));
      });
    });
    const name = main.querySelector('form.ch-name');
    if (name) name.addEventListener('submit', function (ev) {
      ev.preventDefault(); post('course/home/name', {name: name.querySelector('input').value}, name.querySelector('button'));
    });
  }
  document.querySelectorAll('button[data-language]').forEach(function (b) {
    b.addEventListener('click', function () { post('course/home/language', {language: b.dataset.language}, b); });
  });
  wire(); localTimes();
  setInterval(refresh, 2000);
  document.addEventListener('visibilitychange', refresh);
})();
"""


def page(layout: CourseLayout, learner: str, workspace: Path, language_code: str, base_url: str = "/") -> str:
    """The whole page: header with the language switch, the changing part, the script that keeps it current.
    Every link is relative to the server's ``base_url`` (``/`` alone, ``/user/NAME/`` on a hub)."""
    inner = main_html(layout, learner, workspace)
    names = {"en": "English", "ar": "العربية"}
    switch = "".join(f'<button type="button" data-language="{code}" lang="{code}" '
                     f'aria-pressed="{"true" if code == language_code else "false"}">{label}</button>'
                     for code, label in names.items())
    title = _("home2.page_title", course=layout.syllabus.title)
    return (f'<!DOCTYPE html><html lang="{_esc(language_code)}" dir="{direction()}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><base href="{_esc(base_url)}">'
            f'<title>{_esc(title)}</title><style>{STYLE}</style></head><body>'
            f'<header><span class="ch-course">{_esc(layout.syllabus.title)}</span>'
            f'<nav aria-label="{_esc(_("home2.language"))}">{switch}</nav></header>'
            f'<div id="ch-live" role="status" aria-live="polite"></div>'
            f'<main id="ch-main" data-version="{version(inner)}" '
            f'data-countdown="{_esc(_("home.chat_countdown"))}" data-offline="{_esc(_("home2.offline"))}">'
            f'{inner}</main><script>{SCRIPT}</script></body></html>')
