"""Week 3's lesson tools as a learner uses them: the thread splitter, the YouTube upload checker and the
rumour triage card, in English and in Arabic."""

import re

import pytest

from course.i18n import catalogue, language
from course.lessons import tools
from course.lessons.tools import RumourTriage, ThreadSplitter, UploadChecker
from course.toolkit.hashtags import post_length

LONG_EN = " ".join([
    "Every year thousands of girls in our region are married before they turn eighteen.",
    "Early marriage ends their schooling, harms their health and keeps families poor.",
    "Our campaign asks lawmakers to set the minimum age at eighteen, with no exceptions.",
    "Read our report: https://example.org/reports/2025/child-marriage-in-the-region-full-report.pdf",
] * 3)
LONG_AR = " ".join([
    "في كل عام تُزوَّج آلاف الفتيات في منطقتنا قبل بلوغ الثامنة عشرة، وهذا ينهي تعليمهن ويضر بصحتهن.",
    "تطالب حملتنا المشرعين بتحديد سن الزواج الأدنى بثماني عشرة سنة دون استثناء؛ فهل تنضم إلينا؟",
] * 4)
TOOL_PREFIXES = ("tool.thread.", "tool.youtube.", "tool.rumour.")


def test_the_tools_are_registered_and_built_with_no_arguments():
    """Can a lesson import each tool from course.lessons.tools and build it with no arguments?"""
    for name in ("ThreadSplitter", "UploadChecker", "RumourTriage"):
        assert name in tools.__all__
        widget = getattr(tools, name)()
        assert widget.layout.width == "auto" and widget.layout.max_width == "100%"


def test_english_and_arabic_have_the_same_keys():
    """Does every interface string of these tools exist in both languages, translated?"""
    en = {k: v for k, v in catalogue("en").items() if k.startswith(TOOL_PREFIXES)}
    ar = {k: v for k, v in catalogue("ar").items() if k.startswith(TOOL_PREFIXES)}
    assert set(en) == set(ar) and len(en) > 60
    assert all(re.search(r"[\u0600-\u06ff]", text) for text in ar.values())
    for key in en:
        assert set(re.findall(r"{\w+}", en[key])) == set(re.findall(r"{\w+}", ar[key])), key


# ------------------------------------------------------------------ thread splitter


def test_thread_splitter_waits_for_a_text():
    """Does the splitter say what to do while the box is empty?"""
    splitter = ThreadSplitter()
    assert splitter.split() is None and "Write or paste a text" in splitter.result.value


def test_thread_splitter_shows_numbered_posts_with_their_length():
    """Does a long text show as numbered posts, each with its length on X?"""
    splitter = ThreadSplitter()
    splitter.box.value = LONG_EN
    thread = splitter.split()
    assert len(thread) >= 2 and thread.ok
    shown = splitter.result.value
    assert f"Posts in the thread: {len(thread)}." in shown
    for post in thread:
        assert f"Post {post.number} of {len(thread)}" in shown
        assert f"Length on X: {post_length(post.text)} of 280 characters." in shown
    assert "⚠" not in shown


def test_thread_splitter_says_when_one_post_is_enough():
    """Does a short text get no thread, and its length?"""
    splitter = ThreadSplitter()
    splitter.box.value = "Join us on Saturday. #IWD"
    assert len(splitter.split()) == 1
    assert "It fits in one post (25 of 280 characters)" in splitter.result.value


def test_thread_splitter_warns_about_a_word_longer_than_a_post():
    """Is a word too long for any post flagged, and its post shown over the limit?"""
    splitter = ThreadSplitter()
    splitter.box.value = LONG_EN + " " + "z" * 300
    assert not splitter.split().ok
    assert "over the limit of 280" in splitter.result.value and "longer than a whole post" in splitter.result.value


def test_thread_splitter_in_arabic():
    """In Arabic, is the tool right to left, numbered with Arabic digits, with Arabic labels?"""
    with language("ar"):
        splitter = ThreadSplitter()
        splitter.box.value = LONG_AR
        thread = splitter.split()
    assert splitter.direction == "rtl" and 'dir="rtl"' in splitter.result.value
    assert thread[0].text.endswith(f" ١/{'٠١٢٣٤٥٦٧٨٩'[len(thread)]}")
    assert f"المنشور 1 من {len(thread)}" in splitter.result.value


def test_a_post_starting_with_a_link_still_reads_right_to_left():
    """Is an Arabic post that starts with a link shown right to left, and an English one left to right?"""
    splitter = ThreadSplitter()
    splitter.box.value = "https://example.org/ar " + LONG_AR
    first = splitter.split()[0].text
    assert first.startswith("https://") and f'<div dir="rtl" style="white-space:pre-wrap' in splitter.result.value
    splitter.box.value = "https://example.org " + LONG_EN
    assert 'dir="rtl"' not in splitter.result.value


def test_thread_splitter_shows_text_as_text():
    """Is HTML typed into the box shown as text, not run?"""
    splitter = ThreadSplitter()
    splitter.box.value = "<script>alert(1)</script> " * 20
    assert "<script>" not in splitter.result.value and "&lt;script&gt;" in splitter.result.value


# ------------------------------------------------------------------ upload checker


def test_upload_checker_accepts_good_details_and_lists_chapters():
    """Do good details pass, with their counts and the chapters found?"""
    checker = UploadChecker()
    assert checker.check() is None and "Type a title" in checker.result.value
    checker.title.value = "Three ways to help end child marriage"
    checker.description.value = "0:00 Introduction\n0:45 What we ask\n2:10 How to help"
    checker.tags.value = "child marriage, human rights"
    assert checker.check().ok
    shown = checker.result.value
    assert "Nothing to fix" in shown and "Chapters found: 3" in shown and "How to help" in shown
    assert "Tags: 31 of 500 characters" in shown     # 14 + 2 quotes, 12 + 2 quotes, 1 comma


def test_upload_checker_names_each_problem():
    """Is each broken rule shown as its own sentence?"""
    checker = UploadChecker()
    checker.title.value = "A" * 101
    checker.description.value = "ح" * 2501 + "\n0:05 Start\n0:10 End"
    checker.tags.value = "x" * 501
    report = checker.check()
    assert set(report.finding_keys) == {"title_too_long", "description_too_long", "tags_too_long",
                                        "chapters_first_not_zero", "chapters_too_few", "chapter_too_short"}
    shown = checker.result.value
    assert "To fix before uploading" in shown
    assert "The title has 101 characters; YouTube allows 100." in shown
    assert "The description takes 5022 bytes; YouTube allows 5000." in shown
    assert "starts at 0:05" in shown and "Only 2 chapter times found" in shown


def test_upload_checker_in_arabic():
    """In Arabic, are the counts and problems Arabic, right to left?"""
    with language("ar"):
        checker = UploadChecker()
        checker.title.value = "عنوان <فيديو>"
        checker.check()
    shown = checker.result.value
    assert checker.direction == "rtl" and 'dir="rtl"' in shown
    assert "ما يجب تصحيحه قبل الرفع" in shown and "لا يسمح يوتيوب بالعلامتين" in shown
    assert "العنوان: عدد الأحرف 13 من أصل 100." in shown


# ------------------------------------------------------------------ rumour triage


def test_rumour_triage_waits_for_both_levels():
    """Does the card wait until both reach and harm are chosen?"""
    card = RumourTriage()
    assert card.update() is None and "Choose how far" in card.result.value
    card.reach.value = "high"
    assert card.update() is None


@pytest.mark.parametrize("reach, harm, expected", [
    ("low", "low", "Don't amplify it: watch it."),
    ("low", "high", "It could hurt people: correct it quickly where it is"),
    ("high", "high", "Correct it quickly, with your partners."),
    ("high", "low", "correct it calmly, once."),
])
def test_rumour_triage_shows_the_card_for_the_levels_chosen(reach, harm, expected):
    """Does choosing reach and harm show the matching advice?"""
    card = RumourTriage()
    card.reach.value, card.harm.value = reach, harm
    assert card.update().action_key.endswith(card.update().action)
    assert expected in card.result.value.replace("&#x27;", "'")


def test_rumour_triage_asks_for_the_sift_checks_until_ticked():
    """Does the card remind the learner of unticked SIFT checks, and stop once all four are ticked?"""
    card = RumourTriage()
    card.reach.value, card.harm.value = "medium", "high"
    assert "Finish these checks" in card.result.value and "Trace claims" in card.result.value
    for box in card.sift.values():
        box.value = True
    assert "Finish these checks" not in card.result.value
    assert "truth sandwich" in card.result.value


def test_rumour_triage_in_arabic():
    """In Arabic, are the choices, the card and the SIFT checks Arabic, right to left?"""
    with language("ar"):
        card = RumourTriage()
        card.reach.value, card.harm.value = "low", "low"
    assert card.direction == "rtl"
    assert card.reach.options[0][0].startswith("منخفض")
    assert "لا تضخّمه: راقبه." in card.result.value and "أكمل هذه الخطوات" in card.result.value
    assert not re.search(r"[A-Za-z]{3,}", re.sub(r"<[^>]+>", "", card.result.value))
