"""`course chat`: live chats as data a mentor changes (add, list, remove, a calendar file), published
for learners in a file their own side reads, refreshed after every change."""
from __future__ import annotations

import base64
import datetime as dt
import json
import subprocess
import sys
import zoneinfo

import icalendar

from course import i18n, live_chats
from course.cli import main

from .conftest import W1, W2

BEIRUT = zoneinfo.ZoneInfo("Asia/Beirut")
ADD = ["chat", "add", "--week", W2, "--date", "2026-12-17", "--time", "18:00", "--zone", "Africa/Cairo",
       "--minutes", "45", "--topic", "Extra: page roles", "--topic-ar", "جلسة إضافية: أدوار الصفحة",
       "--link", "https://meet.example.org/w2"]


def chat(layout, capsys, *args):
    code = main(["--root", str(layout.root), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def published(layout) -> dict:
    return json.loads(live_chats.chats_file(layout).read_text(encoding="utf-8"))


def test_a_released_course_publishes_the_syllabus_chats_for_learners(bare_course):
    """Without any `course chat`, does a learner read the syllabus's four chats, in their language?"""
    path = live_chats.chats_file(bare_course)
    assert path.stat().st_mode & 0o777 == 0o644
    early = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)
    with i18n.language("en"):
        chats = live_chats.upcoming(bare_course, now=early)
    assert [c.week for c in chats][:2] == [W1, W2] and len(chats) == 4
    first = chats[0]
    assert first.starts == dt.datetime(2026, 12, 9, 18, 0, tzinfo=BEIRUT) and first.starts.tzinfo is not None
    assert first.zone == "Asia/Beirut" and first.minutes == 60 and first.link is None
    assert first.topic == "Privacy settings and passwords: your questions"
    with i18n.language("ar"):
        assert live_chats.upcoming(bare_course, now=early)[0].topic == "إعدادات الخصوصية وكلمات المرور: أسئلتكم"
    # a chat that has ended is no longer upcoming
    assert len(live_chats.upcoming(bare_course, now=dt.datetime(2026, 12, 9, 17, 0, tzinfo=dt.timezone.utc))) == 3
    home = live_chats.upcoming_for_home(bare_course.syllabus, bare_course, now=early)
    assert [c.id for c in home] == [c.id for c in chats]


def test_add_list_remove_round_trip_refreshes_what_learners_read(bare_course, capsys):
    code, out, _ = chat(bare_course, capsys, *ADD, "--by", "rima")
    assert code == 0 and out.startswith("added chat 5: week 2  Thu 2026-12-17 18:00 (16:00 UTC, planned in "
                                        "Africa/Cairo), 45 min: Extra: page roles")
    with i18n.language("ar"):
        learner_view = {c.id: c for c in live_chats.all_chats(bare_course)}
    new = learner_view[5]
    assert new.starts == dt.datetime(2026, 12, 17, 16, 0, tzinfo=dt.timezone.utc)
    assert (new.zone, new.minutes, new.link) == ("Africa/Cairo", 45, "https://meet.example.org/w2")
    assert new.topic == "جلسة إضافية: أدوار الصفحة"

    code, out, _ = chat(bare_course, capsys, "chat", "list")
    lines = out.splitlines()
    assert lines[0] == "5 live chat(s); times in the course's time zone (Asia/Beirut) and in UTC:"
    assert "    5  week 2  Thu 2026-12-17 18:00 (16:00 UTC, planned in Africa/Cairo), 45 min: Extra: page roles" in lines
    assert "       https://meet.example.org/w2" in lines

    code, out, _ = chat(bare_course, capsys, "chat", "remove", "2")
    assert code == 0 and out.startswith("removed chat 2: week 2  Wed 2026-12-16 18:00 (16:00 UTC), 60 min: "
                                        "Page access") and "learners no longer see it" in out
    assert sorted(c["id"] for c in published(bare_course)["chats"]) == [1, 3, 4, 5]
    code, _, err = chat(bare_course, capsys, "chat", "remove", "2")
    assert code == 2 and "there is no chat 2 (scheduled chats: 1, 3, 4, 5); nothing was removed" in err


def test_the_syllabus_chats_are_seeded_once(bare_course, capsys):
    """After a mentor removed every chat, do the syllabus's chats stay away?"""
    for chat_id in (1, 2, 3, 4):
        assert chat(bare_course, capsys, "chat", "remove", str(chat_id))[0] == 0
    code, out, _ = chat(bare_course, capsys, "chat", "list")
    assert out.startswith("0 live chat(s)") and published(bare_course)["chats"] == []
    assert live_chats.all_chats(bare_course) == []


def test_wrong_input_is_refused_with_what_to_write_and_nothing_changes(bare_course, capsys):
    before = published(bare_course)["chats"]

    def refused(option, value, expected):
        args = list(ADD)
        args[args.index(option) + 1] = value
        code, out, err = chat(bare_course, capsys, *args)
        assert code == 2 and expected in err, err
        assert out == ""

    refused("--date", "2026-12-32", "--date '2026-12-32' is not a date; write it as YYYY-MM-DD")
    refused("--date", "16/12/2026", "write it as YYYY-MM-DD")
    refused("--time", "6pm", "--time '6pm' is not a time; write it as HH:MM on a 24-hour clock")
    refused("--zone", "Beirut", "Did you mean Asia/Beirut?")
    refused("--zone", "Asia/Beyrouth", "--zone 'Asia/Beyrouth' is not a time zone name. Did you mean Asia/Beirut")
    refused("--week", "week2", "unknown week 'week2'")
    refused("--week", "week2", "did you mean week2_groups_pages?")
    refused("--link", "meet.example.org", "is not a web address; give the whole address, starting with https://")
    refused("--minutes", "0", "--minutes 0 is not a length for a chat")
    refused("--topic", "  ", "--topic is empty")
    assert published(bare_course)["chats"] == before
    code, _, _ = chat(bare_course, capsys, *ADD)      # control: the command itself, right, is accepted
    assert code == 0 and len(published(bare_course)["chats"]) == len(before) + 1


def test_nothing_changes_after_each_refusal(bare_course, capsys):
    before = live_chats.chats_file(bare_course).read_bytes()
    args = list(ADD)
    args[args.index("--time") + 1] = "25:00"
    assert chat(bare_course, capsys, *args)[0] == 2
    assert live_chats.chats_file(bare_course).read_bytes() == before
    assert chat(bare_course, capsys, "chat", "list")[1].startswith("4 live chat(s)")


def test_a_date_in_the_past_is_added_with_a_warning(bare_course, capsys):
    args = list(ADD)
    args[args.index("--date") + 1] = "2025-01-05"
    code, out, _ = chat(bare_course, capsys, *args)
    assert code == 0 and "note: 2025-01-05 18:00 (Africa/Cairo) is in the past" in out
    assert 5 not in {c.id for c in live_chats.upcoming(bare_course)}


def test_the_calendar_file_imports_back_with_every_chat(bare_course, capsys, tmp_path):
    assert chat(bare_course, capsys, *ADD)[0] == 0
    out = tmp_path / "chats.ics"
    code, text, _ = chat(bare_course, capsys, "chat", "ics", "--out", str(out))
    assert code == 0 and f"wrote {out} (5 chat(s))" in text
    cal = icalendar.Calendar.from_ical(out.read_bytes())
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert len(events) == 5
    extra = events["chat-5@sma"]
    assert extra.start == dt.datetime(2026, 12, 17, 18, 0, tzinfo=zoneinfo.ZoneInfo("Africa/Cairo"))
    assert extra.end - extra.start == dt.timedelta(minutes=45)
    assert str(extra["summary"]) == "Extra: page roles" and str(extra["url"]) == "https://meet.example.org/w2"
    assert "Week 2" in str(extra["description"])
    assert {tz["tzid"] for tz in cal.walk("VTIMEZONE")} == {"Asia/Beirut", "Africa/Cairo"}
    # the published Arabic calendar, refreshed by the add, which a learner's page offers as a download
    with i18n.language("ar"):
        url = live_chats.calendar_data_url(bare_course)
    arabic = icalendar.Calendar.from_ical(base64.b64decode(url.split(",", 1)[1]))
    assert "جلسة إضافية: أدوار الصفحة" in [str(e["summary"]) for e in arabic.walk("VEVENT")]


def test_the_learner_side_reader_imports_nothing_of_the_grader():
    code = ("import sys, course.live_chats\n"
            "bad = [m for m in sys.modules if m.startswith(('course.grading', 'course.storage', 'course.authoring',"
            " 'nbgrader', 'sqlalchemy', 'course.chat_schedule')) or m == 'course.answer_key']\n"
            "print(bad); sys.exit(1 if bad else 0)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout
