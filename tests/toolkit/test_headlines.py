"""Headline and readability checks: English and Arabic judged by the same measures; stuffing never looks good."""
from __future__ import annotations

import pytest

from course.toolkit.headlines import (MAX_LENGTH, check_headline, language_of, readability, repeated_words,
                                      word_key)

pytestmark = pytest.mark.usefixtures("english")

GOOD = ["Five ways parents in Hit can get safe water at school",
        "Clean water for Hit: what our 2025 survey found",
        "مياه آمنة لكل مدرسة: خمس خطوات يستطيع الأهل القيام بها",
        "ما وجدناه في مسح مياه المدارس في هيت لعام 2025"]


@pytest.mark.parametrize("headline", GOOD)
def test_a_clear_headline_in_either_language_passes(headline):
    """Does a clear headline of the right length pass, in English and in Arabic alike?"""
    check = check_headline(headline)
    assert check.ok, [i.english for i in check.issues]


@pytest.mark.parametrize("headline", ["water water water", "ماء ماء ماء", "Water, WATER and water for schools",
                                      "الماء والمياه والماء في المدارس"])
def test_keyword_stuffing_is_caught(headline):
    """Is a repeated word named, whatever its case, article or conjunction?"""
    check = check_headline(headline)
    assert not check.ok and "repeated" in check.issue_keys


def test_water_water_water_gets_every_fitting_complaint():
    """Is 'water water water' too short, repetitive and saying nothing, all at once?"""
    assert set(check_headline("water water water").issue_keys) == {"too_short", "repeated", "says_nothing"}


@pytest.mark.parametrize("headline,key", [
    ("Our news", "says_nothing"),
    ("IMPORTANT UPDATE FOR ALL PARENTS IN HIT", "shouting"),
    ("Safe water for every school in Hit!!!", "exclamations"),
    ("Everything you always wanted to know about our association and all our work in 2025", "too_long"),
    ("أخبارنا", "says_nothing"),
    ("", "empty"),
])
def test_common_headline_mistakes_are_named(headline, key):
    """Is each typical mistake named by its own finding?"""
    assert key in check_headline(headline).issue_keys


def test_arabic_is_never_blamed_for_missing_capitals_and_counts_letters_once():
    """Is an Arabic headline measured in characters like English, with no shouting finding?"""
    headline = GOOD[2]
    check = check_headline(headline)
    assert check.language == "ar" and check.length == len(headline) <= MAX_LENGTH
    assert "shouting" not in check.issue_keys


def test_a_short_arabic_headline_is_not_held_to_the_english_length():
    """Is a three-word Arabic headline of 17 letters accepted, while an English one of that length is not?"""
    assert check_headline("مياه آمنة للمدارس").ok
    assert "too_short" in check_headline("Safe school taps").issue_keys


def test_arabic_words_are_compared_without_marks_article_or_conjunction():
    """Are الماء, والماء and ماءُ the same word for the repetition check?"""
    assert word_key("الماء") == word_key("والماء") == word_key("ماء")
    assert repeated_words("المياهُ والمياه") and not repeated_words("المياه في المدارس")


def test_small_words_may_repeat():
    """Are 'in' and 'في' allowed twice (they are not keyword stuffing)?"""
    assert check_headline("Safe water in schools and in homes across Hit").ok
    assert not repeated_words("مياه في المدارس وفي البيوت")


@pytest.mark.parametrize("text,language", [("Safe water", "en"), ("مياه آمنة", "ar"), ("مياه آمنة in Hit", "ar")])
def test_language_is_the_alphabet_most_used(text, language):
    assert language_of(text) == language


PLAIN_EN = ("Our survey visited 40 schools in Hit. In 31 of them, children had no safe drinking water. Parents told "
            "us they buy bottled water every day. That costs a family about a tenth of its income. We ask the "
            "council to fix the pipes before winter.")
DENSE_EN = ("The implementation of comprehensive infrastructural rehabilitation programmes necessitates substantial "
            "intergovernmental coordination, notwithstanding considerable administrative, institutional and "
            "budgetary constraints affecting municipal authorities throughout the governorate and its "
            "surrounding districts, particularly regarding procurement.")
PLAIN_AR = ("زرنا أربعين مدرسة في هيت. في إحدى وثلاثين منها لا يجد الأطفال ماء صالحا للشرب. قال لنا الأهل إنهم "
            "يشترون الماء كل يوم. وهذا يكلف الأسرة عشر دخلها تقريبا. نطلب من المجلس إصلاح الأنابيب قبل الشتاء.")
DENSE_AR = ("تقتضي عمليات إعادة التأهيل المؤسساتي والمجتمعي المتكاملة للبنى التحتية الاستراتيجية تنسيقا "
            "حكوميا بينيا واسعا وموازنات استثنائية متعددة السنوات، بالاستناد إلى الاستراتيجيات الوطنية "
            "والمحلية والتشريعات التنظيمية والإجرائية المعتمدة لدى المؤسسات الحكومية والبلديات والمحافظات.")


def test_plain_english_scores_easy_and_dense_english_hard():
    """Does Flesch reading ease put the plain paragraph high and the dense one low, with advice for the latter?"""
    plain, dense = readability(PLAIN_EN), readability(DENSE_EN)
    assert plain.measure == "Flesch reading ease" and plain.band == "easy" and not plain.issues
    assert dense.band == "hard" and {"hard", "long_sentences"} <= {i.key for i in dense.issues}


def test_arabic_is_scored_with_osman():
    """Is Arabic scored with OSMAN, plain text easier than dense text?"""
    plain, dense = readability(PLAIN_AR), readability(DENSE_AR)
    assert plain.measure == dense.measure == "OSMAN" and plain.language == "ar"
    assert plain.band == "easy" and plain.score > dense.score and dense.band != "easy"


def test_a_headline_gets_no_readability_score():
    """Is a score withheld for a text too short to score?"""
    result = readability(GOOD[0])
    assert result.score is None and result.band is None and result.issues[0].key == "too_little_text"
