"""Tests for course.toolkit.youtube (title, description, tags and chapters before an upload)."""

import re

import pytest

from course.i18n import language
from course.toolkit.findings import FSI, PDI
from course.toolkit.youtube import (
    DESCRIPTION_MAX_BYTES, TAGS_MAX_CHARACTERS, TITLE_MAX_CHARACTERS, check_chapters, check_description,
    check_tags, check_title, check_upload, clock, description_bytes, parse_tags, seconds_of, tag_length,
    tags_length,
)


def keys(findings):
    return tuple(f.key for f in findings)


CHAPTERS = "Our campaign in three parts.\n0:00 Introduction\n0:45 What we ask\n2:10 How to help\n"

# ------------------------------------------------------------------ title


def test_a_title_of_100_characters_is_accepted_and_101_is_not():
    """Is the 100-character limit applied exactly?"""
    assert check_title("a" * TITLE_MAX_CHARACTERS) == ()
    found = check_title("a" * (TITLE_MAX_CHARACTERS + 1))
    assert keys(found) == ("title_too_long",)
    assert "101" in found[0].english and "100" in found[0].english


def test_an_arabic_title_counts_characters_not_bytes():
    """Do 100 Arabic letters (200 bytes) still fit in a title?"""
    assert check_title("ح" * 100) == ()
    assert keys(check_title("ح" * 101)) == ("title_too_long",)


@pytest.mark.parametrize("title", ["", "   ", "\n"])
def test_an_empty_title_is_flagged(title):
    """Is a title with nothing in it (or only spaces) flagged?"""
    assert keys(check_title(title)) == ("title_empty",)


@pytest.mark.parametrize("title", ["Rights <now>", "a > b", "<"])
def test_angle_brackets_in_a_title_are_flagged(title):
    """Is a title holding < or > flagged?"""
    assert keys(check_title(title)) == ("title_forbidden",)


def test_other_signs_in_a_title_are_fine():
    """Are quotes, ampersands and Arabic punctuation allowed in a title?"""
    assert check_title("\"Youth & rights\": what now? ماذا بعد؟") == ()


# ------------------------------------------------------------------ description


def test_a_description_of_5000_bytes_is_accepted_and_5001_is_not():
    """Is the 5000-byte limit applied exactly to Latin text?"""
    assert check_description("a" * DESCRIPTION_MAX_BYTES) == ()
    found = check_description("a" * (DESCRIPTION_MAX_BYTES + 1))
    assert keys(found) == ("description_too_long",)
    assert "5001" in found[0].english and "at least 1 byte" in found[0].english


def test_arabic_letters_take_two_bytes_in_a_description():
    """Do 2500 Arabic letters fit (5000 bytes) and 2501 not, though they are far fewer than 5000 characters?"""
    assert description_bytes("ح" * 2500) == 5000
    assert check_description("ح" * 2500) == ()
    assert keys(check_description("ح" * 2501)) == ("description_too_long",)


def test_emoji_take_four_bytes():
    """Does an emoji count 4 bytes?"""
    assert description_bytes("🎥") == 4
    assert keys(check_description("🎥" * 1251)) == ("description_too_long",)
    assert check_description("🎥" * 1250) == ()


def test_angle_brackets_in_a_description_are_flagged():
    """Is a description holding < or > flagged?"""
    assert keys(check_description("See <b>this</b>")) == ("description_forbidden",)
    assert check_description("See this: https://example.org") == ()


# ------------------------------------------------------------------ tags


def test_tags_are_separated_by_latin_or_arabic_commas():
    """Are tags split at , and ، with spaces around them dropped and empty ones ignored?"""
    assert parse_tags(" human rights, youth،لبنان ,, ") == ["human rights", "youth", "لبنان"]


def test_a_tag_with_a_space_counts_its_quotation_marks():
    """Does 'Foo Baz' count 9 and 'Foo-Baz' 7, as YouTube's documentation says?"""
    assert tag_length("Foo-Baz") == 7
    assert tag_length("Foo Baz") == 9


def test_commas_between_tags_count():
    """Do three tags of 3 letters count 3 x 3 + 2 commas?"""
    assert tags_length(["abc", "def", "ghi"]) == 11
    assert tags_length("abc, def, ghi") == 11
    assert tags_length([]) == 0


def test_tags_of_500_characters_are_accepted_and_501_are_not():
    """Is the 500-character limit applied exactly, commas included?"""
    tags = ["a" * 99] * 5                       # 5 x 99 + 4 commas = 499
    assert tags_length(tags) == 499
    at_limit = ["a" * 100] + tags[1:]            # 500
    assert tags_length(at_limit) == TAGS_MAX_CHARACTERS and check_tags(at_limit) == ()
    over = ["a" * 101] + tags[1:]                # 501
    assert keys(check_tags(over)) == ("tags_too_long",)


def test_a_space_in_a_tag_can_push_the_tags_over():
    """Do the quotes around a tag with a space make 500 letters' worth of tags go over?"""
    tags = ["a" * 98, "b" * 99, "c" * 99, "d" * 99, "e e" + "e" * 97]   # letters and commas: 499
    assert sum(map(len, tags)) + 4 == 499
    assert tags_length(tags) == 501
    assert keys(check_tags(tags)) == ("tags_too_long",)


def test_a_tag_with_angle_brackets_is_flagged():
    """Is a tag holding < or > flagged, by name?"""
    found = check_tags("youth, <rights>")
    assert keys(found) == ("tag_forbidden",) and "<rights>" in found[0].english


# ------------------------------------------------------------------ chapters


def test_times_are_read_as_seconds():
    """Are m:ss, mm:ss and h:mm:ss read, and impossible times refused?"""
    assert seconds_of("0:00") == 0 and seconds_of("2:10") == 130 and seconds_of("1:02:03") == 3723
    assert seconds_of("1:75") is None and seconds_of("1:5") is None
    assert clock(130) == "2:10" and clock(3723) == "1:02:03"


def test_good_chapters_are_read_with_their_titles():
    """Are three ascending chapters from 0:00, each 10 s or more, read with no problem?"""
    chapters, found = check_chapters(CHAPTERS)
    assert found == ()
    assert [(c.start, c.title) for c in chapters] == [(0, "Introduction"), (45, "What we ask"), (130, "How to help")]


def test_arabic_chapters_and_times_at_the_end_of_lines():
    """Are Arabic chapter titles read, with the time before or after the title?"""
    text = "٠ فصول الفيديو:\n0:00 مقدمة\nماذا نطلب - 0:45\n(2:10) كيف تساعد"
    chapters, found = check_chapters(text)
    assert found == ()
    assert [(c.stamp, c.title) for c in chapters] == [("0:00", "مقدمة"), ("0:45", "ماذا نطلب"),
                                                       ("2:10", "كيف تساعد")]


def test_a_description_without_times_has_no_chapters_and_no_problem():
    """Is a description without any time left alone (chapters are optional)?"""
    assert check_chapters("Watch our video about youth rights. Share it!") == ((), ())


def test_the_first_chapter_must_start_at_zero():
    """Is a list starting at 0:05 flagged, and 0:00 accepted?"""
    _, found = check_chapters(CHAPTERS.replace("0:00", "0:05"))
    assert keys(found) == ("chapters_first_not_zero",)
    assert "0:05" in found[0].english
    assert check_chapters(CHAPTERS.replace("0:00", "00:00"))[1] == ()


def test_at_least_three_chapters():
    """Are two chapters flagged and three accepted?"""
    two = "0:00 Introduction\n0:45 What we ask\n"
    _, found = check_chapters(two)
    assert keys(found) == ("chapters_too_few",)
    assert "2" in found[0].english and "3" in found[0].english
    assert check_chapters(two + "1:30 How to help")[1] == ()


def test_chapters_must_go_in_ascending_order():
    """Is a time that goes back flagged?"""
    _, found = check_chapters("0:00 Start\n2:10 End\n0:45 Middle\n")
    assert keys(found) == ("chapters_not_ascending",)
    _, found = check_chapters("0:00 Start\n0:45 Middle\n0:45 Again\n1:30 End")
    assert keys(found) == ("chapters_not_ascending",)


def test_each_chapter_lasts_at_least_ten_seconds():
    """Is a 9-second chapter flagged and a 10-second one accepted?"""
    _, found = check_chapters("0:00 Start\n0:09 Too soon\n0:30 End")
    assert keys(found) == ("chapter_too_short",)
    assert "9" in found[0].english and "10" in found[0].english
    assert check_chapters("0:00 Start\n0:10 Just enough\n0:30 End")[1] == ()


def test_the_last_chapter_is_checked_when_the_video_length_is_known():
    """With the video's length, is a last chapter under 10 s flagged?"""
    assert check_chapters(CHAPTERS, video_seconds=140)[1] == ()
    assert keys(check_chapters(CHAPTERS, video_seconds=139)[1]) == ("last_chapter_too_short",)


def test_impossible_times_and_arabic_indic_digits_are_flagged():
    """Is 1:75 flagged as not a time, and ٠:٠٠ as written with digits YouTube may not read?"""
    _, found = check_chapters(CHAPTERS + "1:75 Oops\n")
    assert keys(found) == ("chapter_bad_time",) and "Line 5" in found[0].english
    chapters, found = check_chapters("٠:٠٠ مقدمة\n٠:٤٥ ماذا نطلب\n٢:١٠ كيف تساعد")
    assert chapters == () and keys(found) == ("chapter_arabic_digits",) * 3


# ------------------------------------------------------------------ everything at once


def test_a_good_upload_passes():
    """Does a correct title, description with chapters and tags pass?"""
    report = check_upload("Three ways to help child brides", CHAPTERS, "child marriage, human rights, Yemen")
    assert report.ok and len(report.found_chapters) == 3


def test_every_problem_is_reported_by_part():
    """Is each problem reported under its part, in order?"""
    report = check_upload("", "x" * 5001 + "\n0:05 a\n0:30 b", "a" * 501)
    assert keys(report.title) == ("title_empty",)
    assert keys(report.description) == ("description_too_long",)
    assert keys(report.tags) == ("tags_too_long",)
    assert keys(report.chapters) == ("chapters_first_not_zero", "chapters_too_few")
    assert not report.ok


ALL_PROBLEMS = check_upload("<" + "a" * 100, "<" + "ح" * 2600 + "\n0:05 a\n0:09 b\n0:08 c\n1:75 d\n٠:٣٠ e",
                            "<x>, " + "b" * 500, video_seconds=12)


@pytest.mark.parametrize("finding", ALL_PROBLEMS.findings, ids=lambda f: f.key)
def test_each_problem_reads_in_arabic(finding):
    """Is every problem's sentence Arabic in Arabic (Latin only inside isolated values)?"""
    with language("ar"):
        text = finding.text
    outside = re.sub(f"{FSI}.*?{PDI}", "", text)
    assert re.search(r"[\u0600-\u06ff]", outside)
    assert not re.search(r"[A-Za-z]", outside.replace("0-9", "")), text
    assert text != finding.english


def test_every_kind_of_problem_is_in_the_arabic_test():
    """Does the Arabic test above meet every kind of problem the checker can report?"""
    assert set(keys(ALL_PROBLEMS.findings)) == {
        "title_too_long", "title_forbidden", "description_too_long", "description_forbidden", "tags_too_long",
        "tag_forbidden", "chapter_bad_time", "chapter_arabic_digits", "chapters_first_not_zero",
        "chapter_too_short", "chapters_not_ascending", "last_chapter_too_short"}
    with language("ar"):
        assert "فارغ" in check_title("")[0].text
