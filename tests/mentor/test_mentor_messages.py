"""A mentor's replies and notes: published per learner, read by the learner's side, never another's."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from course import learner_messages
from course.mentor import messages

ASKED = dt.datetime(2026, 12, 1, 9, 0)


def test_a_reply_reaches_its_learner_and_no_one_else(layout):
    """Does a reply to samir's question land in samir's file only, with the question and lesson it answers?"""
    mid = messages.reply(layout, "samir", "week1_facebook", "02_pages.ipynb", "How do I add an admin?", ASKED,
                         "Settings › Page roles › Add.", by="m_b")
    folder = messages.messages_dir(layout)
    mine = learner_messages.read(folder, "samir")
    assert [(m.id, m.kind, m.text, m.question, m.lesson) for m in mine] == [
        (mid, "reply", "Settings › Page roles › Add.", "How do I add an admin?", "02_pages.ipynb")]
    assert learner_messages.read(folder, "lina") == []
    assert learner_messages.for_lesson(mine, "02_pages") == mine
    assert learner_messages.for_lesson(mine, "03_groups.ipynb") == []
    assert oct((folder / "samir.json").stat().st_mode & 0o777) in ("0o600", "0o640")


def test_a_note_to_several_learners_reaches_each(layout):
    messages.note(layout, ["lina", "omar"], "Live chat moved to Thursday.", by="m_a")
    folder = messages.messages_dir(layout)
    for learner in ("lina", "omar"):
        assert [m.text for m in learner_messages.read(folder, learner)] == ["Live chat moved to Thursday."]
    assert all(m.kind == "reply" for m in learner_messages.read(folder, "samir"))


def test_empty_or_odd_messages_are_refused(layout):
    with pytest.raises(messages.MessageError):
        messages.note(layout, ["lina"], "   ")
    with pytest.raises(messages.MessageError):
        messages.note(layout, [], "hello")
    with pytest.raises(ValueError):
        messages.note(layout, ["../gate/lina"], "hello")


def test_the_reader_refuses_another_learners_file_and_damaged_files(layout, tmp_path):
    """A file copied under another name, a damaged file or an odd id all read as no messages."""
    folder = messages.messages_dir(layout)
    (tmp_path / "eve.json").write_text((folder / "samir.json").read_text(encoding="utf-8"), encoding="utf-8")
    assert learner_messages.read(tmp_path, "eve") == []
    (tmp_path / "bad.json").write_text("{damaged", encoding="utf-8")
    assert learner_messages.read(tmp_path, "bad") == []
    assert learner_messages.read(folder, "../messages/samir") == []


def test_a_message_is_new_until_a_day_after_the_home_first_showed_it(tmp_path):
    msg = learner_messages.Message(id=7, kind="note", text="hi", at=ASKED)
    first = dt.datetime(2026, 12, 2, 8, 0)
    assert learner_messages.shown(tmp_path, [msg], first) == {7}
    assert learner_messages.shown(tmp_path, [msg], first + dt.timedelta(hours=23)) == {7}
    assert learner_messages.shown(tmp_path, [msg], first + dt.timedelta(hours=25)) == set()
    assert json.loads((tmp_path / learner_messages.SEEN_FILE).read_text())["7"] == first.isoformat()


def test_comment_snippets_are_kept_per_mentor_once(layout):
    messages.add_snippet(layout, "m_a", "Clear plan.")
    messages.add_snippet(layout, "m_a", "Clear plan.")
    messages.add_snippet(layout, "m_b", "Name who does each step.")
    assert messages.snippets(layout, "m_a") == ["Clear plan."]
    assert messages.snippets(layout, "m_b") == ["Name who does each step."]


def test_the_learners_reader_imports_nothing_of_the_grader():
    code = ("import sys, course.learner_messages; "
            "print([m for m in sys.modules if m.split('.')[0] == 'nbgrader' or m.startswith(("
            "'course.grading', 'course.storage', 'course.answer_key', 'course.authoring', 'sqlalchemy'))])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_home_shows_the_reply_marked_new_to_its_learner_only(layout, tmp_path):
    """Does samir's course home show his mentor's answer, marked new, in English and Arabic, and lina's not?"""
    from course import i18n
    from course.home_page import main_html
    with i18n.language("en"):
        home = main_html(layout, "samir", tmp_path / "samir")
        assert "From your mentor" in home and "Settings › Page roles › Add." in home
        assert "Your question: How do I add an admin?" in home and ">New</b>" in home
        other = main_html(layout, "lina", tmp_path / "lina")
        assert "Settings › Page roles › Add." not in other and "Live chat moved to Thursday." in other
    with i18n.language("ar"):
        assert "من مرشدك" in main_html(layout, "samir", tmp_path / "samir")


def test_the_lesson_the_question_came_from_shows_the_answer(layout, tmp_path, monkeypatch):
    """Does the Ask-your-mentor box of the lesson show the mentor's answer, and another lesson's not?"""
    from course.widgets import AskMentor
    monkeypatch.setenv("COURSE_ROOT", str(layout.root))
    monkeypatch.setenv("COURSE_LEARNER", "samir")
    assert "Settings › Page roles › Add." in AskMentor("02_pages", tmp_path).replies.value
    assert AskMentor("03_groups", tmp_path).replies.value == ""
    monkeypatch.setenv("COURSE_LEARNER", "lina")
    assert AskMentor("02_pages", tmp_path).replies.value == ""
