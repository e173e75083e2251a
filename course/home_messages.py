"""The course home's "From your mentor" section: replies to the learner's questions and notes.

Read from the learner's own messages file (:mod:`course.learner_messages`);
messages the home shows for the first time are recorded in the workspace and
marked *new* for a day. Nothing of the grader is imported here.
"""
from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from . import learner_messages
from .i18n import _
from .layout import CourseLayout


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def messages_dir(layout: CourseLayout) -> Path:
    return layout.exchange / layout.course_id / "messages"


def mentor_words_html(layout: CourseLayout, learner: str, workspace: Path, now: dt.datetime | None = None) -> str:
    """The section, newest first ("" when the mentor has written nothing yet)."""
    found = learner_messages.read(messages_dir(layout), learner)
    if not found:
        return ""
    new = learner_messages.shown(workspace, found, now or _now())
    items = []
    for m in found:
        badge = f'<b class="ch-new">{html.escape(_("mentor_words.new"))}</b> ' if m.id in new else ""
        when = html.escape(_("mentor_words.when", when=m.at.strftime("%Y-%m-%d %H:%M")))
        who = f" · <bdi>{html.escape(m.mentor)}</bdi>" if m.mentor else ""
        if m.kind == "reply":
            head = html.escape(_("mentor_words.reply_to", question=m.question))
            if m.lesson:
                head += f' <small>({html.escape(_("mentor_words.in_lesson", lesson=Path(m.lesson).stem))})</small>'
        else:
            head = html.escape(_("mentor_words.note"))
        items.append(f'<li class="ch-message{" ch-message-new" if m.id in new else ""}">{badge}<small>{when}{who}</small>'
                     f'<div dir="auto">{head}</div><p dir="auto"><bdi>{html.escape(m.text)}</bdi></p></li>')
    return (f'<section class="ch-mentor-words" aria-labelledby="ch-mentor-words-h">'
            f'<h2 id="ch-mentor-words-h">{html.escape(_("mentor_words.title"))}</h2><ul>{"".join(items)}</ul></section>')


def replies_for_lesson(lesson: str) -> list[learner_messages.Message]:
    """In a learner's lesson kernel (``COURSE_ROOT`` and ``COURSE_LEARNER`` set by their lab): the mentor's
    answers to their questions about ``lesson``, newest first; none elsewhere."""
    import os
    root, learner = os.environ.get("COURSE_ROOT"), os.environ.get("COURSE_LEARNER")
    if not root or not learner:
        return []
    try:
        layout = CourseLayout.at(Path(root))
        return learner_messages.for_lesson(learner_messages.read(messages_dir(layout), learner), lesson)
    except Exception:  # noqa: BLE001 - a lesson never fails for want of its replies
        return []
