"""Week 2's lessons: every practice exercise accepts its right answer and rejects a wrong one, the facts
the exercises and charts state agree with the week's data and toolkit, and the tools work on what a
learner types without keeping it."""
from __future__ import annotations

import base64
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from exercise_cases import ALL_AUDIT, right_and_wrong
from icalendar import Calendar

from course import i18n
from course.data import load_campaign_results, load_comments, load_page_access
from course.lessons import registry, week2
from course.lessons.tools import CommentSorter, ContentPlanner, PageAccessAuditor
from course.lessons.week2 import charts, tables
from course.syllabus import load_syllabus
from course.toolkit.moderation import sort_comment
from course.toolkit.page_access import CLASSIC, Member, audit
from course.widgets import Status

ROOT = Path(__file__).resolve().parent.parent
WEEK = load_syllabus().week("week2_groups_pages")

pytestmark = pytest.mark.usefixtures("english")


CASES = {
    # lesson 1: running a Page with several people
    "page_access_for_a_partner": ("insights", "partial"),
    "match_access_to_jobs": ({"director": "full", "content": "partial", "inbox": "community_tasks", "agency": "ads_tasks"},
                             {"director": "full", "content": "community_tasks", "inbox": "partial", "agency": "ads_tasks"}),
    "classic_role_names": ("community_tasks", "community_manager"),
    "two_step_for_everyone": (False, True),
    "people_who_left": ("3", "1"),
    # lesson 2: groups
    "group_privacy": ("private_hidden", "private_visible"),
    "screenshots_travel": (False, True),
    "good_membership_questions": (["why_join", "rules", "where"], ["why_join", "rules", "id_number"]),
    "group_admin_tools": ({"questions": "screen", "rules": "standard", "approval": "review", "featured": "first"},
                          {"questions": "review", "rules": "standard", "approval": "screen", "featured": "first"}),
    "write_a_group_rule": ("لا تنشروا رقم هاتف أو عنوان أي شخص دون إذنه، وسيحذف المشرف المنشور.",
                           "Be kind to each other."),
    "membership_questions_effect": ("fewer_reports", "fewer_requests"),
    # lesson 3: moderation
    "comment_policy": (["what_removed", "ban", "reply_time", "languages"], ["what_removed", "ban", "all_negative"]),
    "hide_delete_ban": ({"spam": "delete", "insult": "hide", "repeat": "ban", "criticism": "reply"},
                        {"spam": "delete", "insult": "ban", "repeat": "hide", "criticism": "reply"}),
    "keyword_filter_words": (["scam_domain", "slur", "followers"], ["scam_domain", "slur", "minister"]),
    "answer_fair_criticism": ("thank_fix", "delete"),
    "wave_of_abuse": (["record", "hide", "ban", "report", "debrief"], ["hide", "record", "ban", "report", "debrief"]),
    "reply_time_explorer": ("criticism", "support"),
    "unanswered_criticism": ("16", "28"),
    # lesson 4: content plans
    "plan_levels": ({"reply": "daily", "tuesday_video": "weekly", "report_month": "monthly", "womens_day": "seasonal"},
                    {"reply": "daily", "tuesday_video": "monthly", "report_month": "weekly", "womens_day": "seasonal"}),
    "ramadan_plan": (["later", "date_moves", "tone"], ["later", "same_date"]),
    "report_launch_order": (["embargo", "partners", "teaser", "launch", "follow_up"],
                            ["teaser", "embargo", "partners", "launch", "follow_up"]),
    "campaign_peaks": ("dates", "paid"),
    "posts_in_busiest_week": ("6", "4"),
    "calendar_file": (False, True),
    # lesson 5: boosting and ads
    "ad_objectives": ({"know": "awareness", "read": "traffic", "sign_up": "leads", "talk": "engagement"},
                      {"know": "engagement", "read": "traffic", "sign_up": "leads", "talk": "awareness"}),
    "small_budget_audience": ("targeted", "country"),
    "social_issue_ads": (["authorise", "disclaimer", "library", "country"], ["authorise", "disclaimer", "boost_exempt"]),
    "ad_library_uses": (["running", "who_paid", "ideas"], ["running", "who_clicked"]),
    "engagement_rate_without_clicks": ("4", "6.5"),    # 6.5 % is the rate with link clicks added
    "click_through_rate": ("2.5", "6.5"),
    "paid_vs_organic_explorer": ("more_reach_less_rate", "more_both"),
    "cost_per_link_click": ("0.51", "0.3"),
    # lesson 6: online forms
    "which_form": ("google", "lead"),
    "only_what_you_need": (["name", "contact", "city"], ["name", "contact", "id_number"]),
    "consent_wording": ("clear", "pre_ticked"),
    "editors_see_answers": (True, False),
    "signups_reading": ("more_but_fewer_came", "lead_better"),
    "form_audit": (ALL_AUDIT, ["contact"]),
}
EXERCISES = registry.functions(2, "exercise")


answered, test_every_exercise_has_a_right_and_a_wrong_answer_here, test_right_answer_passes, \
    test_wrong_answer_fails = right_and_wrong(2, CASES)


def test_week_is_deep_enough():
    """Six lessons of 180-240 minutes, at least 25 exercises in at least six widget kinds, a chart in each lesson?"""
    assert len(WEEK.lessons) == 6
    kinds = {type(make()).__name__ for make in EXERCISES.values()}
    assert len(EXERCISES) >= 25 and len(kinds) >= 6, sorted(kinds)
    charts_placed = [re.findall(r"```\{chart\} (\w+)", (ROOT / WEEK.id / "src" / n.replace(".ipynb", ".md"))
                                .read_text(encoding="utf-8")) for n in WEEK.lessons]
    assert all(charts_placed), charts_placed


# -- lesson texts teach today's access names and the course's engagement ---------------------------
def test_lessons_teach_todays_page_access_not_the_retired_roles():
    """Does no exercise offer a retired role (Moderator, Analyst...) as an answer, while lesson 1 names them as old?"""
    for name, make in EXERCISES.items():
        widget = make()
        for label in getattr(widget, "options", {}).values():
            assert not re.search(r"\b(Admin|Editor|Moderator|Advertiser|Analyst)\b", label), (name, label)
    lesson = (ROOT / WEEK.id / "src" / "01_pages_and_roles.md").read_text(encoding="utf-8")
    assert "older guides" in lesson and "Full control" in lesson and "Task access" in lesson


def test_engagement_is_defined_without_link_clicks():
    """Does lesson 5 give the course's definition, and do the rate exercises leave link clicks out?"""
    lesson = (ROOT / WEEK.id / "src" / "05_boosting_and_ads.md").read_text(encoding="utf-8")
    assert "reactions + comments + shares" in lesson and "link clicks ÷ reach × 100" in lesson
    assert week2.engagement_rate_without_clicks().answer == pytest.approx((62 + 10 + 8) / 2000 * 100)
    assert week2.click_through_rate().answer == pytest.approx(50 / 2000 * 100)
    campaign = tables.campaign()
    assert (campaign["engagements"] == campaign["reactions"] + campaign["comments"] + campaign["shares"]).all()


# -- facts the exercises state agree with the data and the toolkit --------------------------------
def test_people_who_left_matches_the_access_list_and_the_auditor():
    """Is the number the exercise expects the number of leavers in the data, each flagged by the auditor?"""
    frame = load_page_access()
    leavers = set(frame.loc[~frame["on_team"], "person"])
    assert week2.people_who_left().answer == len(leavers) == 3
    members = [Member(r.person, r.access, r.on_team, r.two_step) for r in frame.itertuples()]
    assert {i.person for i in audit(members) if i.code == "left"} == leavers


def test_classic_role_answer_agrees_with_the_toolkit():
    """Does the toolkit read the old Moderator as task access, as the exercise teaches?"""
    assert CLASSIC["moderator"] == "task" and CLASSIC["admin"] == "full" and CLASSIC["editor"] == "partial"


def test_group_chart_shows_the_effect_the_exercise_names():
    """After the questions, are reported posts down and declined requests up, with requests about the same?"""
    table = tables.group_before_after()
    assert table.loc["after", "reported_posts"] < table.loc["before", "reported_posts"] / 3
    assert table.loc["after", "declined"] > 4 * table.loc["before", "declined"]
    assert abs(table.loc["after", "join_requests"] / table.loc["before", "join_requests"] - 1) < 0.15


@pytest.mark.parametrize("language", [None, "ar", "en"])
def test_criticism_waits_longest_in_every_language(language):
    """With every language filter, is fair criticism the kind with the longest average wait, as the explorer says?"""
    frame = load_comments()
    if language:
        frame = frame[frame["language"] == language]
    hours = frame[frame["replied"]].groupby("category")["reply_hours"].mean()
    assert hours.idxmax() == week2.reply_time_explorer().answer == "criticism"


def test_unanswered_criticism_matches_the_data():
    """Is the number of unanswered fair criticisms the exercise expects counted from the comments?"""
    frame = load_comments()
    assert week2.unanswered_criticism().answer == int(((frame["category"] == "criticism") & ~frame["replied"]).sum())


def test_keyword_filter_answers_agree_with_the_sorter():
    """Would the minister's name hide a fair question, and does a scam address catch the campaign's spam?"""
    assert sort_comment("Why did the minister skip the hearing?", ["minister"]).group == "filtered"
    spam = load_comments().query("category == 'spam'")["text"]
    assert spam.str.contains("quick-cash.example").any()


def test_campaign_peaks_are_womens_day_and_the_launch():
    """Are the two highest organic days 8 March (a Sunday) and 12 March (a Thursday)?"""
    top = tables.organic_by_day().nlargest(2).index
    assert {d.strftime("%m-%d %A") for d in top} == {"03-08 Sunday", "03-12 Thursday"}


def test_busiest_week_and_cost_per_click_come_from_the_data():
    """Are the busiest week's posts and the paid link clicks' cost what the exercises expect?"""
    frame = load_campaign_results()
    organic = frame[frame["delivery"] == "organic"]
    weeks = ((organic["date"] - organic["date"].min()).dt.days // 7).value_counts()
    assert week2.posts_in_busiest_week().answer == weeks.max() == 6
    paid_links = frame[(frame["delivery"] == "paid") & (frame["format"] == "link")]
    assert paid_links["spend_usd"].sum() == 80 and sorted(paid_links["post_id"]) == ["E10", "E13"]
    assert week2.cost_per_link_click().answer == pytest.approx(80 / paid_links["link_clicks"].sum(), abs=0.005)


def test_paid_rows_reach_more_but_engage_less_in_every_format():
    """For all rows and each boosted format, do paid rows reach more per row but engage a smaller share?"""
    frame = tables.campaign()
    for fmt in (None, "video", "link"):
        rows = frame if fmt is None else frame[frame["format"] == fmt]
        means = rows.groupby("delivery")[["reach", "engagement_rate"]].mean()
        assert means.loc["paid", "reach"] > means.loc["organic", "reach"], fmt
        assert means.loc["paid", "engagement_rate"] < means.loc["organic", "engagement_rate"], fmt


def test_signups_chart_story():
    """Did the form inside Facebook bring more sign-ups per person reached but a smaller share who came?"""
    table = tables.signups_by_destination()
    assert table.loc["lead_form", "per_thousand"] > table.loc["web_form", "per_thousand"]
    assert table.loc["lead_form", "came"] < table.loc["web_form", "came"]
    assert week2.signups_reading().answer == "more_but_fewer_came"


@pytest.mark.parametrize("figure", ["access_figure", "group_figure", "comments_figure", "campaign_days_figure",
                                    "reach_by_week_figure", "signups_figure"])
def test_every_chart_has_a_title_axis_titles_and_a_takeaway_with_numbers(figure):
    """Does each chart say what it shows (title, axis titles) and end with a takeaway that quotes the data?"""
    fig, takeaway = getattr(charts, figure)()
    assert fig.layout.title.text and fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    assert re.search(r"\d", takeaway)


def test_access_chart_takeaway_counts_the_list():
    """Does the access chart's takeaway give the number of full controls and leavers in the data?"""
    frame = load_page_access()
    _fig, takeaway = charts.access_figure()
    assert f"{(frame['access'] == 'full').sum()} people have full control" in takeaway
    assert f"{(~frame['on_team']).sum()} people who no longer work" in takeaway


def test_charts_build_in_arabic():
    """Do the charts and the data labels build in Arabic too (the catalogue falls back to English)?"""
    with i18n.language("ar"):
        for figure in ("access_figure", "comments_figure", "reach_by_week_figure"):
            fig, takeaway = getattr(charts, figure)()
            assert takeaway


# -- tools ---------------------------------------------------------------------------------------
def test_content_planner_makes_an_importable_calendar():
    """Does the planner turn the example into a table and a download link whose file imports, repeated weekly?"""
    planner = ContentPlanner()
    planner.load_example()
    planner.weeks.value = 4
    data = planner.make()
    events = Calendar.from_ical(data).walk("VEVENT")
    assert len(events) == 12
    link = re.search(r'href="data:text/calendar;charset=utf-8;base64,([^"]+)"', planner.result.value).group(1)
    assert base64.b64decode(link) == data
    assert "International Women" not in planner.result.value   # 8 March is already in the plan
    assert "content_plan.ics" in planner.result.value


def test_content_planner_names_bad_lines_and_makes_nothing_from_nothing():
    """Are bad lines named by number, and is an empty plan answered without a file?"""
    planner = ContentPlanner()
    planner.plan.value = "tomorrow | a photo\n2026-11-20 19:00 | Teaser for 25 November | L."
    data = planner.make()
    assert "Line 1 was skipped" in planner.result.value and data is not None
    assert "International Day for the Elimination of Violence against Women" in planner.result.value
    planner.plan.value = ""
    assert planner.make() is None


def test_page_access_auditor_on_the_example_list():
    """Does the auditor read the course's example list whole and put the leavers with power first?"""
    auditor = PageAccessAuditor()
    auditor.load_example()
    issues = auditor.run()
    assert "skipped" not in auditor.result.value
    assert issues[0].code == "left" and issues[0].person == "Maya Khoury"
    assert "Fix today" in auditor.result.value and "Fix this week" in auditor.result.value
    auditor.box.value = "A, full control, yes, yes\nB, full control, yes, yes"
    assert auditor.run() == [] and "Nothing to fix" in auditor.result.value


def test_comment_sorter_example():
    """Does the sorter hide the filtered insults in both languages, flag the spam and list questions first?"""
    sorter = CommentSorter()
    sorter.load_example()
    found = sorter.run()
    assert [s.group for s in found][:3] == ["filtered", "filtered", "spam"]
    assert "A person decides" in sorter.result.value
    sorter.comments.value = ""
    assert sorter.run() == []


@pytest.mark.parametrize("tool", [ContentPlanner, PageAccessAuditor, CommentSorter])
def test_tools_work_right_to_left_in_arabic(tool):
    """Does each tool build and answer in Arabic, laid out right to left?"""
    with i18n.language("ar"):
        widget = tool()
        widget.load_example()
        (widget.make if tool is ContentPlanner else widget.run)()
        assert "course-rtl" in widget._dom_classes and 'dir="rtl"' in widget.result.value


def test_the_planner_names_time_zones_by_their_city_in_the_learners_language():
    """Are the time zones offered as cities the learner can read (بيروت in Arabic), the zone kept as the value?"""
    with i18n.language("ar"):
        planner = ContentPlanner()
        labels = dict((value, label) for label, value in planner.zone.options)
        assert labels["Asia/Beirut"] == "بيروت" and labels["Africa/Cairo"] == "القاهرة"
        planner.load_example()
        planner.make()
        assert "Asia/Beirut" not in planner.result.value and "بيروت" in planner.result.value
    assert dict((v, l) for l, v in ContentPlanner().zone.options)["Asia/Beirut"] == "Beirut"


@pytest.mark.parametrize("tool", [ContentPlanner, PageAccessAuditor, CommentSorter])
def test_tools_keep_what_is_typed_to_themselves(tool, tmp_path, monkeypatch):
    """Does using a tool write no file (the calendar is a link made in the page)?"""
    monkeypatch.chdir(tmp_path)
    widget = tool()
    widget.load_example()
    (widget.make if tool is ContentPlanner else widget.run)()
    assert list(tmp_path.iterdir()) == []


def test_numbers_in_the_lesson_texts_match_the_data():
    """Do the figures the lessons quote (159 comments, four boosts and two lead ads for US$ 270, 6 October) match
    the datasets?"""
    def text(stem):
        return (ROOT / WEEK.id / "src" / f"{stem}.md").read_text(encoding="utf-8")
    comments = load_comments()
    assert f"sorts the {len(comments)} comments" in text("03_moderation")
    campaign = load_campaign_results()
    paid = campaign[campaign["delivery"] == "paid"]
    boosts, lead_ads = (paid["format"] != "lead_ad").sum(), (paid["format"] == "lead_ad").sum()
    assert (boosts, lead_ads) == (4, 2)
    assert f"boosted four posts and ran two lead ads, US$ {paid['spend_usd'].sum():.0f} in all" in text(
        "05_boosting_and_ads")
    assert "On 6 October the admins switched on three membership questions" in text("02_working_in_groups")
    assert tables.QUESTIONS_FROM == pd.Timestamp("2025-10-06")


@pytest.mark.parametrize("rule", [
    "لا تنشر رقم هاتف أحد أو عنوانه أبداً؛ سيزيل المسؤولون المنشور ويطردون من يكرّر ذلك.",
    "يُحظر نشر صور الأعضاء الشخصية دون إذنهم، وسيحذف المشرف المنشور.",
    "Never post someone's phone number or address; admins will remove the post.",
])
def test_a_group_rule_written_naturally_in_either_language_passes(rule):
    """Does a rule a learner would naturally write, in Arabic or English, meet the exercise's three checks?"""
    with i18n.language("ar" if re.search("[\u0600-\u06FF]", rule) else "en"):
        feedback = answered("write_a_group_rule", rule).check()
    assert feedback.status is Status.RIGHT, feedback.text()


@pytest.mark.parametrize("typed, level", [("التحكم الكامل", "full"), ("الوصول إلى المهام", "task"),
                                          ("مدير المجتمع", "community"), ("تحكم جزئي", "partial"),
                                          ("التَّحكُّم الكامل", "full"), ("Full control", "full")])
def test_the_access_auditor_reads_access_as_the_lessons_name_it(typed, level):
    """Does the auditor read the access names the way the Arabic lessons write them (article, «الوصول إلى»)?"""
    from course.toolkit.page_access import parse_access_list
    members, bad = parse_access_list(f"رنا حداد، {typed}، نعم، نعم")
    assert bad == [] and members[0].access == level and members[0].typed_as == ""


def test_the_tools_load_an_example_in_the_learners_language():
    """Do the planner and the sorter load an Arabic example for an Arabic learner, and an English one otherwise?"""
    with i18n.language("ar"):
        planner, sorter = ContentPlanner(), CommentSorter()
        planner.load_example()
        sorter.load_example()
        assert "فيديو" in planner.plan.value and not re.search("[A-Za-z]{3}", planner.plan.value)
        assert sorter.run() and not re.search(r"\b[A-Za-z]{3,}\b(?!\.example)", sorter.comments.value.replace(
            "quick-cash.example/start", ""))
    planner = ContentPlanner()
    planner.load_example()
    assert "Campaign teaser video" in planner.plan.value
