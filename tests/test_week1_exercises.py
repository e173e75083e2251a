"""Week 1's lessons: every practice exercise accepts its right answer and rejects a wrong one,
the facts the exercises state agree with the toolkit and the data, the tools keep what learners
type to themselves, and the lesson notebooks are built the way the course asks."""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import nbformat
import pytest
from exercise_cases import ALL_AUDIT, right_and_wrong

from course.i18n import catalogue

from course import i18n
from course.lessons import registry, week1
from course.lessons.tools import (HashtagChecker, LinkChecker, PasswordMeter, PostChecker, QueryBuilder,
                                  ThreatModel, TotpDemo)
from course.lessons.week1 import charts, insights
from course.syllabus import load_syllabus
from course.toolkit.hashtags import check_hashtag
from course.toolkit.links import inspect_link
from course.toolkit.search import parse_query
from course.toolkit.twofactor import current_code
from course.widgets import Checklist, Status

ROOT = Path(__file__).resolve().parent.parent
WEEK = load_syllabus().week("week1_facebook")
LESSONS = [ROOT / WEEK.id / name for name in WEEK.lessons]


pytestmark = pytest.mark.usefixtures("english")


# -- every exercise: a right answer passes, a wrong one fails ------------------------------------

CASES = {
    # lesson 1
    "where_to_plan": ("group", "page"),
    "match_needs": ({"news": "page", "plan": "group", "personal": "profile", "meeting": "event"},
                    {"news": "profile", "plan": "group", "personal": "page", "meeting": "event"}),
    "choose_audience": ("specific", "public"),
    "hidden_friends_list": (False, True),
    "privacy_audit": (ALL_AUDIT, ["view_as", "search_engines"]),
    # lesson 2
    "either_or_query": ('"early marriage" OR "child marriage" Iraq -Iran', "early marriage or child marriage Iraq - Iran"),
    "where_query": ('intitle:report "freedom of assembly" site:ohchr.org', '"freedom of assembly" site: ohchr.org report'),
    "when_query": ('"cybercrime law" Jordan after:2023-12-31 before:2025-01-01', '"cybercrime law" Jordan 2024'),
    "fix_old_query": ('"Gaza" "water crisis" site:unicef.org', '+Gaza "water crisis" cache:unicef.org'),
    "plus_still_works": (False, True),
    "match_operators": ({"quotes": "exact", "minus": "leave_out", "or": "either", "site": "one_site",
                         "filetype": "file", "intitle": "title", "after": "newer"},
                        {"quotes": "title", "minus": "leave_out", "or": "either", "site": "one_site",
                         "filetype": "file", "intitle": "exact", "after": "newer"}),
    "trust_a_source": (["publisher", "original", "date", "others"], ["top", "shares", "ai"]),
    # lesson 3
    "tag_the_volunteer": ("ask", "tag"),
    "before_you_tag": (["ask", "partners", "audience", "sensitive"], ["ask", "many", "celebrities"]),
    "readable_hashtag": ("#ProtectCivicSpace", "#protectcivicspace"),
    "arabic_hashtags": (["underscore", "long"], ["space", "underscore"]),
    "engagement_rate_practice": ("4.8", "60"),
    "more_hashtags_better": (False, True),
    "post_type_explorer": ("video", "live"),
    # lesson 4
    "weekday_explorer": ("small", "double"),
    "schedule_across_time_zones": ("20", "18"),
    "pause_in_a_crisis": (False, True),
    "team_practices": (["own_account", "least_access", "remove", "inbox"], ["shared_login", "all_full"]),
    "post_workflow": (["draft", "check", "review", "schedule", "watch"],
                      ["draft", "schedule", "check", "review", "watch"]),
    "handy_tricks": ({"pin": "top", "alt": "describe", "saved": "answer", "planner": "check"},
                     {"pin": "check", "alt": "describe", "saved": "answer", "planner": "top"}),
    # lesson 5
    "password_rules": (["long", "blocklist", "on_leak", "paste"], ["symbols", "rotate"]),
    "factor_weaknesses": ({"sms": "sim_swap", "push": "fatigue", "app": "relay", "key": "bound"},
                          {"sms": "relay", "push": "fatigue", "app": "sim_swap", "key": "bound"}),
    "real_facebook_links": (["mobile", "business"], ["subdomain", "zeros"]),
    "hacked_steps": (["recover", "password", "check", "warn", "record"],
                     ["password", "recover", "warn", "check", "record"]),
    "device_audit": (ALL_AUDIT, ["firewall", "find"]),
    "fingerprint_at_checkpoint": (False, True),
    "threat_model_matching": ({"protect": "list", "from_whom": "official", "how_bad": "likely", "what_to_do": "encrypt"},
                              {"protect": "official", "from_whom": "list", "how_bad": "likely", "what_to_do": "encrypt"}),
}
EXERCISES = registry.functions(1, "exercise")


answered, test_every_exercise_has_a_right_and_a_wrong_answer_here, test_right_answer_passes, \
    test_wrong_answer_fails = right_and_wrong(1, CASES)


def test_an_empty_checklist_earns_all_the_advice():
    """Does a learner who ticks nothing in the privacy audit get advice for every item, most important first?"""
    audit = week1.privacy_audit()
    feedback = audit.check()
    assert len(feedback.details) == len(audit.items)
    assert feedback.details[0].startswith(audit.items[0].label)   # the heaviest item comes first


# -- the search exercises read queries the way Google does ---------------------------------------
@pytest.mark.parametrize("name,answer", [
    ("either_or_query", "-Iran Iraq \u201cchild marriage\u201d OR \u201cearly marriage\u201d"),   # any order, curly quotes
    ("where_query", 'site:www.ohchr.org "Freedom of Assembly" intitle:Report'),
    ("when_query", 'Jordan "cybercrime law" before:2024-12-31 after:2024-01-01'),
    ("fix_old_query", 'Gaza "water crisis" site:unicef.org'),
])
def test_query_exercises_accept_any_correct_way_of_writing(name, answer):
    """Does a correct query written in another order or style still pass?"""
    assert answered(name, answer).check().status is Status.RIGHT


@pytest.mark.parametrize("mistake", ['"cybercrime law" Jordan after: 2023-12-31 before:2025-01-01',
                                     '"cybercrime law" Jordan after:31-12-2023 before:2025-01-01',
                                     '"cybercrime law" Jordan after:2025-01-01 before:2023-12-31'])
def test_query_with_a_typical_mistake_is_caught(mistake):
    """Is a space after the colon, a date in the wrong format or reversed dates caught?"""
    assert answered("when_query", mistake).check().status is not Status.RIGHT


def test_old_query_really_is_broken():
    """Does the 'old guide' query of lesson 2 really contain the retired +, ~ and cache:?"""
    problems = {f.key for f in parse_query(week1.research.OLD_QUERY).problems}
    assert {"retired_plus", "retired_tilde", "retired_cache"} <= problems


# -- facts the exercises state agree with the toolkit and the data --------------------------------
def test_arabic_hashtag_answers_agree_with_the_hashtag_checker():
    """Are exactly the hashtags the lesson calls right linked whole by the hashtag checker?"""
    widget = week1.arabic_hashtags()
    for key, tag in week1.tagging.ARABIC_TAGS.items():
        assert check_hashtag(tag).ok is (key in widget.answer), tag


def test_readable_hashtag_answer_is_what_the_checker_suggests():
    """Does the hashtag checker suggest the same CamelCase hashtag the exercise expects?"""
    assert check_hashtag(week1.tagging.GLUED_TAG).suggestion == week1.tagging.READABLE_TAG
    assert check_hashtag(week1.tagging.READABLE_TAG).ok


def test_facebook_link_answers_agree_with_the_link_inspector():
    """Are exactly the links the lesson calls real ones whose registered domain is facebook.com?"""
    widget = week1.real_facebook_links()
    for key, url in week1.security.FACEBOOK_LINKS.items():
        assert (inspect_link(url).registered_domain == "facebook.com") is (key in widget.answer), url


def test_every_phishing_example_but_the_genuine_one_is_flagged():
    """Does the link inspector flag every practice message except the genuine login alert?"""
    for message in week1.security.phishing_messages():
        report = message.look()
        genuine = report.registered_domain == "facebook.com"
        assert genuine is (message.url.startswith("https://www.facebook.com/")), message.url
        assert genuine or report.findings, message.url
        assert "<a " not in message.message.value   # shown as text, never as a link


def test_engagement_rate_answer():
    """Is the engagement-rate exercise's answer (48 + 9 + 3) / 1,250 x 100 = 4.8 %?"""
    assert week1.engagement_rate_practice().answer == pytest.approx(4.8)


def test_time_zone_answer_matches_the_time_zone_database():
    """Is 19:00 in Tunis on a February day really 20:00 in Beirut (and does the gap grow in summer)?"""
    winter = datetime(2026, 2, 10, 19, 0, tzinfo=ZoneInfo("Africa/Tunis"))
    summer = datetime(2026, 6, 10, 19, 0, tzinfo=ZoneInfo("Africa/Tunis"))
    assert winter.astimezone(ZoneInfo("Asia/Beirut")).hour == week1.schedule_across_time_zones().answer
    assert summer.astimezone(ZoneInfo("Asia/Beirut")).hour == 21


def test_the_data_tells_the_story_the_hashtag_lesson_tells():
    """On the page data, do 1-2 hashtags do best and 6+ worst, and do links have the lowest rate?"""
    frame = insights.posts()
    groups = insights.by_hashtag_group(frame)["rate"]
    assert groups.idxmax() == "few" and groups.idxmin() == "many"
    assert insights.by_post_type(frame).index[-1] == "link"
    assert not week1.more_hashtags_better().answer


def test_post_type_question_matches_the_data():
    """Do videos have the highest average reach of the options the post-type explorer offers?"""
    widget = week1.post_type_explorer()
    reach = insights.posts().groupby("post_type")["reach"].mean()
    assert reach[list(widget.options)].idxmax() == widget.answer


def test_weekday_question_matches_the_data():
    """Is the gap between the best and the worst weekday about one percentage point, as the answer says?"""
    days = insights.by_weekday(insights.posts())
    assert 0.5 < days.max() - days.min() < 1.5 and days.max() / days.min() < 1.5
    assert week1.weekday_explorer().answer == "small"


def test_evening_is_the_best_time_in_the_heatmap_takeaway():
    """Do evening posts have the best average rate, as the heatmap's takeaway says?"""
    parts = insights.by_time_of_day(insights.posts())
    assert parts.idxmax() == "evening" and parts.idxmin() in ("morning", "midday")


def test_boosted_posts_are_left_out_of_rate_comparisons():
    """Are paid (boosted) posts left out of the lessons' charts unless asked for?"""
    assert not insights.posts()["paid"].any()
    assert insights.posts(include_paid=True)["paid"].any()


# -- the facts behind the week's assessment ------------------------------------------------------
ASSESSMENT = ROOT / WEEK.id / WEEK.assessment


@pytest.fixture(scope="module")
def key():
    from course.answer_key import load_key
    return load_key(ROOT / "grading" / "keys", WEEK.id)


def test_assessment_best_time_key_matches_the_data(key):
    """Is the key's answer to 'best time for the Arabic posts' the part of the day with the highest rate?"""
    frame = week1.posts_by_time()
    arabic = insights.by_time_of_day(frame[frame["language"] == "ar"])
    assert arabic.idxmax() == key.question("q8_best_time").answer
    assert arabic.sort_values().iloc[-1] - arabic.sort_values().iloc[-2] > 0.5   # a clear winner


def test_assessment_link_key_is_the_only_real_facebook_link(key):
    """Is the key's link the only option whose registered domain is facebook.com?"""
    from course.reference import choice_options
    prefix = "assessment.week1_facebook.q11_lookalike_link.options."
    links = {k.removeprefix(prefix): v for k, v in catalogue("en").items() if k.startswith(prefix)}
    assert set(links) == set(choice_options(ASSESSMENT)["q11_lookalike_link"])
    real = [k for k, url in links.items() if inspect_link(url).registered_domain == "facebook.com"]
    assert real == [key.question("q11_lookalike_link").answer]


def test_assessment_number_and_hashtag_keys_are_right(key):
    """Is 6 % the engagement rate of (120 + 18 + 12) / 2,500, and is the key's hashtag one CamelCase hashtag?"""
    assert key.question("q7_engagement_rate").answer == pytest.approx(insights.engagement_rate(120, 18, 12, 2500))
    tag = key.question("q6_accessible_hashtag").answer
    assert check_hashtag(tag).ok and check_hashtag(tag.lower()).suggestion == tag


def test_assessment_keeps_its_balance(key):
    """Are 10-15 questions worth at least 70 % automatic points, enough to pass, with the written answer at most ~20 %?"""
    assert 10 <= len(key.entries) <= 15
    manual = key.total_points - key.auto_points
    assert key.auto_points >= 0.7 * key.total_points and manual <= 0.2 * key.total_points
    assert key.auto_points >= WEEK.points_needed(key.total_points)
    intro = catalogue("en")["assessment.week1_facebook.intro"]
    assert f"{WEEK.points_needed(key.total_points):g} points" in intro and f"{key.total_points:g} points" in intro


def test_assessment_covers_every_lesson():
    """Does the assessment ask about every lesson of the week?"""
    texts = catalogue("en")
    text = "\n".join(v for k, v in texts.items() if k.startswith("assessment.week1_facebook.") and k.endswith(".text"))
    for number in range(1, len(LESSONS) + 1):
        assert re.search(rf"\*lessons? [^*]*\b{number}\b", text), number


# -- charts and tables explain themselves and fit a phone ----------------------------------------
FIGURES = [charts.hashtag_count_figure, charts.post_type_figure, charts.heatmap_figure]


@pytest.mark.parametrize("make", FIGURES, ids=lambda f: f.__name__)
def test_charts_explain_themselves(make):
    """Has each chart a title, axis titles with units or categories, a takeaway, and a layout that resizes?"""
    fig, takeaway = make(insights.posts())
    assert fig.layout.title.text and fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    assert fig.layout.autosize is True
    assert takeaway and re.search(r"\d", takeaway)
    assert max(len(line) for line in fig.layout.title.text.split("<br>")) <= 40


def test_rate_axes_name_their_unit():
    """Do the engagement-rate axes say the unit (%)?"""
    for make in FIGURES[:2]:
        assert "%" in make(insights.posts())[0].layout.yaxis.title.text


def test_heatmap_hides_squares_with_too_few_posts():
    """Does the heatmap leave out squares with fewer than three posts, rather than show noise?"""
    rate, count = insights.heatmap_table(insights.posts())
    assert rate[count < insights.MIN_POSTS_PER_SQUARE].isna().all().all()
    assert list(rate.index) == list(insights.WEEKDAYS)


def test_top_hashtags_table_fits_a_phone():
    """Does the hashtag table have at most four columns and only hashtags used in 20 posts or more?"""
    rows, takeaway = charts.top_hashtags_rows(insights.posts())
    assert rows and all(len(row) <= 4 and row[1] >= 20 for row in rows)
    assert takeaway


# -- the tools ----------------------------------------------------------------------------------
def test_password_meter_never_keeps_or_shows_the_password(tmp_path, monkeypatch, capsys):
    """Is a typed password assessed, but never shown, printed, written to disk or kept by the tool?"""
    monkeypatch.chdir(tmp_path)
    secret = "correct horse battery staple orbit"
    meter = PasswordMeter()
    meter.password.value = secret
    result = meter.update()
    assert result.score >= 3 and meter.meter.value == result.score
    assert secret not in meter.result.value and secret not in repr(meter) and secret not in repr(result)
    assert all(secret not in str(v) for v in vars(meter).values() if not hasattr(v, "keys"))
    assert secret not in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []
    meter.clear()
    assert meter.password.value == "" and meter.meter.value == 0


def test_password_meter_applies_the_nist_lengths():
    """Is a 12-character passphrase too short alone but long enough with two-step login (NIST rev. 4)?"""
    meter = PasswordMeter()
    meter.password.value = "tulip-orbit9"
    assert "too_short_alone" in meter.update().issue_keys
    meter.mfa.value = True
    assert "too_short_alone" not in meter.update().issue_keys


def test_password_meter_flags_a_common_password_in_words():
    """Is a leaked password called out in the learner's language?"""
    meter = PasswordMeter()
    meter.password.value = "password123"
    assert "common" in meter.update().issue_keys
    assert "leaked" in meter.result.value
    with i18n.language("ar"):
        arabic = PasswordMeter()
        arabic.password.value = "password123"
        arabic.update()
    assert re.search("[\u0600-\u06FF]", arabic.result.value)


def test_totp_demo_accepts_the_current_code_only():
    """Does the demo website accept the app's current code, and refuse a wrong or expired one?"""
    secret, now = "JBSWY3DPEHPK3PXPJBSWY3DP", 1_760_000_000
    demo = TotpDemo(secret=secret, clock=lambda: now)
    assert demo.refresh() == current_code(secret, now)
    demo.code_box.value = current_code(secret, now)
    assert demo.sign_in() and "30 seconds" in demo.result.value
    demo.code_box.value = current_code(secret, now - 300)
    assert not demo.sign_in()
    demo.code_box.value = "12345x"
    assert not demo.sign_in()


def test_query_builder_writes_what_it_explains():
    """Does the builder write a query that reads back as the parts filled in, and explain each part?"""
    builder = QueryBuilder()
    builder.fields["exact"].value = "child marriage"
    builder.fields["terms"].value = "Yemen"
    builder.fields["filetype"].value = "pdf"
    builder.fields["after"].value = "2022-12-31"
    text = builder.build()
    query = parse_query(text)
    assert query.exact == ("child marriage",) and query.terms == ("Yemen",)
    assert query.filetype == "pdf" and query.after == "2022-12-31" and not query.problems
    assert builder.query.value == text and "PDF documents" in builder.explanation.value


def test_query_builder_refuses_a_bad_date_and_flags_retired_operators():
    """Is a date in the wrong format refused with a message, and a typed cache: pointed out?"""
    builder = QueryBuilder()
    builder.fields["before"].value = "31/12/2024"
    assert builder.build() is None and "year-month-day" in builder.problem.value
    builder.query.value = "cache:unicef.org"
    assert "Wayback" in builder.explanation.value


def test_hashtag_checker_explains_a_broken_arabic_hashtag():
    """Does the checker say a space breaks an Arabic hashtag and suggest the underscore?"""
    checker = HashtagChecker()
    checker.box.value = "#حقوق المرأة"
    assert checker.check() is False and "#حقوق_المرأة" in checker.result.value


def test_post_checker_counts_hashtags_and_length():
    """Does the post checker find each hashtag, warn about many, and give the length on X?"""
    checker = PostChecker()
    checker.box.value = "Join us! " + " ".join(f"#Tag{n}x" for n in range(7))
    assert len(checker.check()) == 7
    assert "is a lot" in checker.result.value and "Length on X" in checker.result.value


def test_link_checker_compares_with_the_site_expected():
    """Does the link checker name the real site and warn when it is not the one expected?"""
    checker = LinkChecker()
    checker.url.value = "https://www.faceb00k-contest.com/vote"
    checker.expected.value = "facebook.com"
    report = checker.check()
    assert report.registered_domain == "faceb00k-contest.com" and "not_expected" in report.finding_keys
    assert "faceb00k-contest.com" in checker.result.value


def test_threat_model_lists_open_questions_and_escapes_answers():
    """Does the threat model name unanswered questions and show answers as text, not HTML?"""
    model = ThreatModel()
    assert len(model.make_plan()) == 4
    for box in model.answers.values():
        box.value = "<b>our page</b>"
    assert model.make_plan() == []
    assert "&lt;b&gt;our page&lt;/b&gt;" in model.plan.value


# -- the lesson notebooks --------------------------------------------------------------------------
CALL = re.compile(r"^from course\.lessons\.week1 import (\w+); \1\(\)$"
                  r"|^from course\.widgets import (AskMentor); AskMentor\(\"\w+\"\)$")


def cells(path):
    return nbformat.read(path, as_version=4).cells


def sections(path):
    """(heading, [names called]) for each '## ' section of a lesson."""
    out = []
    for cell in cells(path):
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("## "):
                    out.append((line[3:].strip(), []))
        elif out:
            call = CALL.match(cell.source)
            out[-1][1].append(call.group(1) or call.group(2))
    return out


def test_syllabus_lists_the_five_lessons_in_order():
    """Does the syllabus list week 1's five lessons in reading order, and do they exist?"""
    assert [p.name for p in LESSONS] == ["01_presence_on_facebook.ipynb", "02_google_search.ipynb",
                                         "03_tagging_and_hashtags.ipynb", "04_tips_and_tricks.ipynb",
                                         "05_digital_security.ipynb"]
    assert all(p.exists() for p in LESSONS)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_every_section_has_an_exercise_and_the_lesson_ends_with_the_mentor_corner(path):
    """Has every section at least one widget exercise, and is the last section the Mentor corner?"""
    found = sections(path)
    assert found[-1] == ("Mentor corner", ["AskMentor"])
    for heading, names in found[:-1]:
        assert any(name in EXERCISES for name in names), heading


def test_the_week_has_enough_and_varied_exercises_and_time():
    """Has the week at least 12 exercises of at least 6 widget types, in 3 to 4 hours of lessons?"""
    kinds = {type(f()).__name__ for f in EXERCISES.values()}
    assert len(EXERCISES) >= 12 and len(kinds) >= 6 and Checklist.__name__ in kinds
    minutes = []
    for path in LESSONS:
        found = re.search(r"\*About (\d+) minutes", cells(path)[0].source)
        minutes.append(int(found.group(1)))
    assert all(20 <= m <= 45 for m in minutes) and 180 <= sum(minutes) <= 240


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_lesson_says_where_screens_may_differ(path):
    """Does each lesson warn that menus and screens change?"""
    assert "Screens change" in cells(path)[0].source


def test_a_cell_loads_only_its_own_lesson():
    """Does importing one name (as the assessment does) leave the week's other lessons, and twitter-text, unloaded?"""
    import subprocess
    import sys
    code = ("import sys\nfrom course.lessons.week1 import posts_by_time\n"
            "print(sorted(m for m in sys.modules if m.startswith('course.lessons.week1.') or m == 'twitter_text'))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "course.lessons.week1.timing" in loaded
    for other in ("presence", "research", "security", "tagging", "twitter_text"):
        assert other not in loaded
