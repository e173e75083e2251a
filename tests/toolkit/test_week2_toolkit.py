"""Week 2's toolkit: the content plan's calendar file, the Page access audit and the comment sorter."""
from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from course.data import load_page_access
from course.toolkit.content_calendar import (PlannedPost, calendar_ics, parse_plan, repeat_weekly, yearly_dates,
                                             zone)
from course.toolkit.moderation import filter_words, sort_comment, sort_comments
from course.toolkit.page_access import Member, audit, parse_access_list

BEIRUT = ZoneInfo("Asia/Beirut")
STAMP = datetime(2026, 2, 1, 9, 0, tzinfo=ZoneInfo("UTC"))


# -- content calendar ----------------------------------------------------------------------------
def test_a_typed_plan_is_read_in_time_order_and_bad_lines_are_named():
    """Are good lines read (owner optional, comments skipped) in time order, and each bad line named with why?"""
    posts, problems = parse_plan("# March\n2026-03-08 18:00 | Women's Day video | Rana\n\n"
                                 "2026-03-01 9:30 | Teaser\nnext Tuesday | photo\n2026-02-30 10:00 | x\n"
                                 "2026-03-02 25:00 | y")
    assert [(p.start, p.title, p.owner) for p in posts] == [
        (datetime(2026, 3, 1, 9, 30, tzinfo=BEIRUT), "Teaser", ""),
        (datetime(2026, 3, 8, 18, 0, tzinfo=BEIRUT), "Women's Day video", "Rana")]
    assert [(p.number, p.code) for p in problems] == [(5, "format"), (6, "date"), (7, "time")]


def test_the_calendar_file_imports_with_the_right_times_and_reminders():
    """Does the .ics file read back with one event per post at the right instant, the owner and a reminder?"""
    posts, _ = parse_plan("2026-03-08 18:00 | Women's Day video | Rana\n2026-03-12 10:00 | Report launch")
    ics = calendar_ics(posts, "Equal at Work", stamp=STAMP)
    cal = Calendar.from_ical(ics)
    events = cal.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Women's Day video", "Report launch"]
    assert events[0].decoded("dtstart") == datetime(2026, 3, 8, 16, 0, tzinfo=ZoneInfo("UTC"))
    assert events[0].decoded("dtend") - events[0].decoded("dtstart") == timedelta(minutes=30)
    assert "Rana" in str(events[0]["description"]) and "description" not in events[1]
    assert [a.decoded("trigger") for a in events[0].walk("VALARM")] == [timedelta(minutes=-60)]
    assert str(cal["x-wr-calname"]) == "Equal at Work"
    assert cal.walk("VTIMEZONE")[0]["tzid"] == "Asia/Beirut"


def test_the_file_is_the_same_for_the_same_plan_and_has_unique_event_ids():
    """Do two builds of one plan give identical bytes (stable ids), with one id per event?"""
    posts = repeat_weekly(PlannedPost(datetime(2026, 3, 3, 19, 0, tzinfo=BEIRUT), "Tuesday tip"), 4)
    first, second = calendar_ics(posts, "x", stamp=STAMP), calendar_ics(posts, "x", stamp=STAMP)
    assert first == second
    uids = [str(e["uid"]) for e in Calendar.from_ical(first).walk("VEVENT")]
    assert len(set(uids)) == 4
    assert calendar_ics(posts, "x", stamp=STAMP, reminder_minutes=None).count(b"VALARM") == 0


def test_weekly_repeats_keep_the_local_hour_across_summer_time():
    """Does a slot repeated weekly stay at 19:00 Beirut time when the clocks change (29 March 2026)?"""
    posts = repeat_weekly(PlannedPost(datetime(2026, 3, 24, 19, 0, tzinfo=BEIRUT), "tip"), 3)
    assert [p.start.hour for p in posts] == [19, 19, 19]
    assert [p.start.utcoffset() for p in posts] == [timedelta(hours=2), timedelta(hours=3), timedelta(hours=3)]
    with pytest.raises(ValueError):
        repeat_weekly(posts[0], 0)


def test_yearly_campaign_dates_and_time_zones():
    """Are the fixed campaign dates found in a span (across a new year), and an unknown zone refused?"""
    assert yearly_dates(date(2026, 3, 1), date(2026, 3, 31)) == [(date(2026, 3, 8), "womens_day")]
    assert [k for _d, k in yearly_dates(date(2026, 11, 1), date(2027, 3, 31))] == [
        "violence_day", "human_rights_day", "womens_day"]
    with pytest.raises(ValueError):
        zone("Mars/Olympus")


# -- Page access audit ---------------------------------------------------------------------------
def members_of_dataset() -> list[Member]:
    frame = load_page_access()
    return [Member(r.person, r.access, r.on_team, r.two_step, r.last_active.date()) for r in frame.itertuples()]


def test_the_dataset_audit_finds_its_built_in_problems_most_urgent_first():
    """Does the audit of the course's list find the leavers, missing two-step logins and too many full controls?"""
    issues = audit(members_of_dataset(), date(2025, 12, 1))
    codes = [(i.code, i.person) for i in issues]
    assert ("left", "Maya Khoury") in codes and ("left", "Yara Fares") in codes
    assert ("no_two_step", "Omar Saleh") in codes and ("no_two_step", "Nour Azar") in codes
    assert next(i for i in issues if i.code == "too_many_full").values == {"count": 4, "wanted": 2}
    assert [i.urgency for i in issues] == sorted(i.urgency for i in issues)
    assert next(i for i in issues if i.person == "Nour Azar").urgency == 2   # task access: less urgent


def test_a_clean_list_has_nothing_to_fix_and_one_full_control_is_flagged():
    """Is a list with two full controls, all on the team with two-step login, clean; and one full control a problem?"""
    clean = [Member("A", "full"), Member("B", "full"), Member("C", "task")]
    assert audit(clean, date(2025, 12, 1)) == []
    assert [i.code for i in audit([Member("A", "full"), Member("C", "partial")])] == ["one_full"]
    assert [i.code for i in audit([Member("C", "partial")])] == ["no_full"]
    idle = audit([Member("A", "full"), Member("B", "full", last_active=date(2025, 6, 1))], date(2025, 12, 1))
    assert [(i.code, i.values["days"]) for i in idle] == [("idle", 183)]
    with pytest.raises(ValueError):
        audit([Member("A", "admin")])


def test_a_typed_list_reads_todays_and_classic_names_in_both_languages():
    """Are today's names, the classic roles (pointed out) and Arabic yes/no read, and bad lines numbered?"""
    members, bad = parse_access_list("Rana, full control, yes, yes\nKarim | Admin | no\nسارة، مشرف، نعم، لا\n"
                                     "bad line\nX, analyst, yes, maybe\n# a note")
    assert [(m.person, m.access, m.on_team, m.two_step, m.typed_as) for m in members] == [
        ("Rana", "full", True, True, ""), ("Karim", "full", False, True, "Admin"), ("سارة", "task", True, False, "مشرف")]
    assert bad == [4, 5]
    assert ("classic_name", "Karim") not in [(i.code, i.person) for i in audit(members)]   # left: removal first
    assert ("classic_name", "سارة") in [(i.code, i.person) for i in audit(members)]


# -- comment sorter ------------------------------------------------------------------------------
def test_filter_words_hide_matches_in_both_scripts_ignoring_marks_and_case():
    """Does a filter word match whatever its case, Arabic short vowels, tatweel or alef form?"""
    words = filter_words("Clowns, مهرجين\nمهرجين،  ")
    assert words == ["Clowns", "مهرجين"]
    assert sort_comment("You people are CLOWNS.", words).word == "Clowns"
    assert sort_comment("أنتم مجرد مهرّجين", words).group == "filtered"
    assert sort_comment("إنهم مهرجـين", words).group == "filtered"


def test_spam_questions_and_the_rest_are_sorted_in_working_order():
    """Are spam links, questions (English and Arabic) and other comments sorted, filtered first?"""
    found = sort_comments("Earn $500 a day! quick-cash.example/start\nWhere is the workshop?\n"
                          "هل التقرير متوفر بالعربية؟\nGreat report\nclowns", ["clowns"])
    assert [s.group for s in found] == ["filtered", "spam", "question", "question", "read"]
    assert sort_comment("Read our report at bukra-youth.example/report", []).group == "read"


def test_a_filter_word_can_hide_fair_criticism():
    """Does a too-broad filter word (the minister's name) hide a fair question, as the lesson warns?"""
    assert sort_comment("Why did the minister skip the hearing?", ["minister"]).group == "filtered"
