"""The syllabus loader: the course as data, with errors that name the bad field."""
import datetime as dt
import re

import pytest

from course.syllabus import PACKAGED_SYLLABUS, SyllabusError, load_syllabus


def test_packaged_syllabus_has_four_weeks_in_order():
    """Does the shipped syllabus describe the four weeks, their notebooks and pass marks?"""
    s = load_syllabus()
    assert s.week_ids == ["week1_facebook", "week2_groups_pages", "week3_twitter_youtube", "week4_blogging"]
    assert all(w.pass_mark == 0.7 and w.attempts == 3 for w in s.weeks)
    assert all(w.assessment == "assessment.ipynb" and w.lessons for w in s.weeks)
    assert s.weeks[0].opens < s.weeks[1].opens and s.weeks[0].due.tzinfo is not None
    assert s.next(s.weeks[0]) is s.weeks[1] and s.previous(s.weeks[0]) is None
    assert len(s.chats_for("week1_facebook")) == 1


def test_every_listed_notebook_exists():
    """Does every notebook the syllabus names exist in its week folder?"""
    root = PACKAGED_SYLLABUS.parent.parent
    for w in load_syllabus().weeks:
        for name in (*w.lessons, w.assessment):
            assert (root / w.id / name).exists(), f"{w.id}/{name}"


def test_points_needed_is_the_pass_share():
    """Is 70 % of a 10-point assessment 7 points?"""
    assert load_syllabus().weeks[0].points_needed(10) == 7


BAD = [
    ("pass_mark = 0.7", "pass_mark = 1.5", r"course\.pass_mark must be a share between 0 and 1"),
    ('id = "sma"', 'id = "s m a"', r"course\.id must use only"),
    ("attempts = 3", "attempts = 0", r"course\.attempts must be a whole number"),
    ('assessment = "assessment.ipynb"\nopens = 2026-12-14', 'assessment = "assessment.txt"\nopens = 2026-12-14',
     r"weeks\[1\]\.assessment must be an \.ipynb"),
    ("due = 2026-12-13T23:59:00+02:00", "due = 2026-12-13", r"weeks\[0\]\.due must be a date and time"),
    ('week = "week2_groups_pages"', 'week = "week9"', r"live_chats\[1\]\.week 'week9' is not one of the weeks"),
    ('id = "week3_twitter_youtube"', 'id = "week2_groups_pages"', r"duplicate id 'week2_groups_pages'"),
    ('language = "en"', 'language = "fr"', r"course\.language must be 'en' or 'ar'"),
]


@pytest.mark.parametrize("old,new,message", BAD)
def test_errors_name_the_bad_field(tmp_path, old, new, message):
    """Does a bad value produce an error that names the field and what was expected?"""
    text = PACKAGED_SYLLABUS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "syllabus.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(SyllabusError, match=message):
        load_syllabus(path)


def test_missing_and_invalid_files_are_reported(tmp_path):
    """Are a missing file and a file that is not TOML reported with the path?"""
    with pytest.raises(SyllabusError, match="file not found"):
        load_syllabus(tmp_path / "nope.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[course\nid=", encoding="utf-8")
    with pytest.raises(SyllabusError, match=re.escape(str(bad)) + ": not valid TOML"):
        load_syllabus(bad)


def test_unknown_week_lists_known_ones():
    """Does asking for a week that does not exist say which weeks do?"""
    with pytest.raises(SyllabusError, match="week1_facebook, week2_groups_pages"):
        load_syllabus().week("week7")


def _variant(tmp_path, old, new):
    text = PACKAGED_SYLLABUS.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "syllabus.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_syllabus(path)


def test_texts_given_per_language_follow_the_current_language():
    """Are week titles, stages, chat topics and mentor lines given per language read in the current one?"""
    from course.i18n import language
    s = load_syllabus()
    with language("en"):
        assert (s.weeks[0].title, s.weeks[0].stage) == ("Facebook, research and basic digital security", "Crawl")
        assert s.live_chats[0].topic.startswith("Privacy settings") and s.mentor == ""
    with language("ar"):
        assert (s.weeks[0].title, s.weeks[0].stage) == ("فيسبوك والبحث وأساسيات الأمان الرقمي", "الزحف")
        assert s.live_chats[0].topic.startswith("إعدادات الخصوصية") and s.mentor == ""


def test_every_learner_facing_text_of_the_packaged_syllabus_is_in_arabic():
    """Does every week title, stage and live-chat topic of the shipped syllabus have an Arabic text?"""
    s = load_syllabus()
    texts = [w.titles for w in s.weeks] + [w.stages for w in s.weeks] + [c.topics for c in s.live_chats]
    texts += [s.titles, s.mottos, s.cohort_names] + [t for t in (s.mentors, s.mentor_contacts) if t.get("en")]
    for text in texts:
        assert re.search("[\u0600-\u06FF]", text.get("ar")), text
        assert text.get("ar") != text.get("en")


def test_a_plain_string_still_loads_and_serves_every_language(tmp_path):
    """Does a cohort's syllabus with plain strings still load, showing the same text in both languages?"""
    from course.i18n import language
    old = 'title = { en = "Facebook, research and basic digital security", ar = "فيسبوك والبحث وأساسيات الأمان الرقمي" }'
    s = _variant(tmp_path, old, 'title = "Facebook basics"')
    for code in ("en", "ar"):
        with language(code):
            assert s.weeks[0].title == "Facebook basics"


def test_a_text_in_one_language_falls_back_to_it(tmp_path):
    """Does a title given only in English show in English to an Arabic learner rather than nothing?"""
    from course.i18n import language
    old = 'stage = { en = "Walk", ar = "المشي" }'
    s = _variant(tmp_path, old, 'stage = { en = "Walk" }')
    with language("ar"):
        assert s.weeks[1].stage == "Walk"


@pytest.mark.parametrize("new,message", [
    ('stage = { en = "Walk", fr = "Marcher" }', r"weeks\[1\]\.stage has an unknown language 'fr'"),
    ('stage = { en = "Walk", ar = "" }', r"weeks\[1\]\.stage: every language needs a text"),
    ('stage = 3', r"weeks\[1\]\.stage is required and must be text"),
])
def test_bad_texts_per_language_name_the_field(tmp_path, new, message):
    """Is a text table with an unknown language, an empty text or a number refused, naming the field?"""
    with pytest.raises(SyllabusError, match=message):
        _variant(tmp_path, 'stage = { en = "Walk", ar = "المشي" }', new)
