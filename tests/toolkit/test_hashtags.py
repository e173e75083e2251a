"""Tests for course.toolkit.hashtags (hashtags and X post length)."""

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course.toolkit.hashtags import (
    MAX_READABLE_LENGTH, X_MAX_LENGTH, check_hashtag, find_hashtags, find_hashtags_with_indices, fits_on_x,
    is_hashtag, post_length,
)

# ------------------------------------------------------------------ finding


def test_finds_latin_and_arabic_hashtags_in_order():
    """Are English and Arabic hashtags in one post all found, in order?"""
    text = "Join us! #HumanRights #حقوق_المرأة and #IWD2025 today"
    assert find_hashtags(text) == ["#HumanRights", "#حقوق_المرأة", "#IWD2025"]


def test_hashtag_stops_at_punctuation_and_emoji():
    """Does a hashtag end at punctuation or an emoji?"""
    assert find_hashtags("Great day #Beirut! #love❤️ #women's") == ["#Beirut", "#love", "#women"]


def test_only_digits_is_not_a_hashtag():
    """Is #2025 ignored while #Beirut2025 counts?"""
    assert find_hashtags("#2025 #Beirut2025 #2025Beirut") == ["#Beirut2025", "#2025Beirut"]


def test_hash_inside_words_and_entities_is_ignored():
    """Are a#b, &#123; and a # with a space not hashtags?"""
    assert find_hashtags("a#b &#123; # space") == []


def test_hash_in_a_link_is_not_a_hashtag():
    """Is the #fragment of a web address left alone?"""
    assert find_hashtags("see https://example.org/page#section #Real") == ["#Real"]


def test_arabic_diacritics_and_arabic_digits_stay_in_the_hashtag():
    """Do Arabic short-vowel marks and Arabic-Indic digits stay inside the hashtag?"""
    assert find_hashtags("#حُقوق #لبنان٢٠٢٥") == ["#حُقوق", "#لبنان٢٠٢٥"]


def test_fullwidth_hash_sign_is_accepted():
    """Is the full-width ＃ sign read as a hashtag sign?"""
    assert find_hashtags("＃Beirut") == ["#Beirut"]


def test_hashtag_right_after_an_emoji_with_a_variation_selector_is_found():
    """Is a hashtag typed straight after ❤️ or ✌︎ (emoji ending in a variation selector) found?"""
    assert find_hashtags("❤️#حقوق") == ["#حقوق"]
    assert find_hashtags("a ✌︎#hashtag here") == ["#hashtag"]
    assert find_hashtags("❤#حقوق") == ["#حقوق"]
    assert find_hashtags("a\u0301#hashtag") == []   # any other mark still glues the # to the word


def test_hashtags_with_indices_point_at_the_sign():
    """Does each (tag, start, end) cover the hashtag, its sign included?"""
    text = "نحن مع ＃حقوق_المرأة و #IWD"
    found = find_hashtags_with_indices(text)
    assert [tag for tag, _, _ in found] == ["#حقوق_المرأة", "#IWD"]
    assert [text[a:b] for _, a, b in found] == ["＃حقوق_المرأة", "#IWD"]


def test_is_hashtag_needs_the_sign_and_the_whole_text():
    """Is a text a hashtag only if it starts with # and X links all of it?"""
    assert is_hashtag("#حقوق_المرأة") and is_hashtag("＃Beirut")
    assert not is_hashtag("Beirut") and not is_hashtag("#human rights") and not is_hashtag("#2025")


def test_keycap_emoji_is_not_a_hashtag():
    """Is the keycap emoji #️⃣ not mistaken for a hashtag?"""
    assert find_hashtags("#\ufe0f\u20e3 #\u20e3") == []


# ------------------------------------------------------------------ checking


def test_good_camel_case_hashtag_passes():
    """Does a well-formed CamelCase hashtag pass with no issues?"""
    check = check_hashtag("#MakeItAccessible")
    assert check.ok and check.issues == () and check.suggestion is None


def test_good_arabic_hashtag_passes():
    """Does an Arabic hashtag with an underscore pass, with no demand for capitals?"""
    assert check_hashtag("#حقوق_المرأة").ok


def test_single_lowercase_word_passes():
    """Is a single lowercase English word (#beirut) accepted?"""
    assert check_hashtag("beirut").ok


def test_space_breaks_latin_hashtag_with_camel_case_suggestion():
    """Does a space in an English hashtag get flagged, suggesting CamelCase?"""
    check = check_hashtag("#human rights")
    assert check.issue_keys == ("space_breaks",)
    assert check.suggestion == "#HumanRights"
    assert "#human" in check.issues[0].text


def test_space_breaks_arabic_hashtag_with_underscore_suggestion():
    """Does a space in an Arabic hashtag get flagged, suggesting an underscore?"""
    check = check_hashtag("#حقوق المرأة")
    assert check.issue_keys == ("space_breaks_arabic",)
    assert check.suggestion == "#حقوق_المرأة"


def test_punctuation_breaks_hashtag():
    """Is an apostrophe that cuts the hashtag short flagged?"""
    check = check_hashtag("#women's_rights")
    assert check.issue_keys == ("character_breaks",)
    assert check.suggestion == "#womens_rights"


def test_only_digits_flagged():
    """Is a hashtag of digits only flagged?"""
    assert check_hashtag("#2025").issue_keys == ("only_digits",)


def test_emoji_only_flagged():
    """Is an emoji-only hashtag flagged as having no letters?"""
    assert check_hashtag("#🌍").issue_keys == ("no_letters",)


def test_empty_hashtag_flagged():
    """Is a bare # flagged as empty?"""
    assert check_hashtag("#").issue_keys == ("empty",)


def test_too_long_is_flagged_with_reason():
    """Is a hashtag over 30 characters flagged, with the reason and the limit?"""
    tag = "#" + "Ab" * 16  # 32 characters
    check = check_hashtag(tag)
    assert "too_long" in check.issue_keys
    text = next(i.text for i in check.issues if i.key == "too_long")
    assert "32" in text and str(MAX_READABLE_LENGTH) in text and "hard to read" in text


def test_thirty_characters_is_not_too_long():
    """Is a hashtag of exactly 30 characters accepted as length goes?"""
    assert "too_long" not in check_hashtag("#" + "Ab" * 15).issue_keys


@pytest.mark.parametrize("tag, suggestion", [
    ("#humanrights", "#HumanRights"),
    ("#endchildmarriage", "#EndChildMarriage"),
    ("#worldrefugeeday", "#WorldRefugeeDay"),
    ("#womensday2025", "#WomensDay2025"),
])
def test_glued_lowercase_words_get_camel_case_suggestion(tag, suggestion):
    """Are glued lowercase English words flagged with a reliable CamelCase suggestion?"""
    check = check_hashtag(tag)
    assert check.issue_keys == ("not_camel_case",)
    assert check.suggestion == suggestion
    assert "screen reader" in check.issues[0].text.lower()


def test_unsplittable_glued_words_get_general_advice():
    """When the words cannot be split reliably, is the advice just to capitalise each word?"""
    check = check_hashtag("#blacklivesmatter")
    assert check.issue_keys == ("maybe_glued",)
    assert check.suggestion is None
    assert "capitalise" in check.issues[0].text


def test_arabic_is_never_asked_for_camel_case():
    """Is an Arabic hashtag never flagged for CamelCase?"""
    check = check_hashtag("#الصحةالنفسية")
    assert not {"not_camel_case", "maybe_glued"} & set(check.issue_keys)


def test_mixed_scripts_flagged():
    """Is a hashtag mixing Latin and Arabic letters flagged?"""
    check = check_hashtag("#Lebanonلبنان")
    assert "mixed_scripts" in check.issue_keys
    assert "Latin" in check.issues[0].text and "Arabic" in check.issues[0].text


def test_cyrillic_lookalike_in_hashtag_flagged_as_mixed():
    """Is a Cyrillic 'а' hidden in a Latin hashtag flagged as mixing alphabets?"""
    assert "mixed_scripts" in check_hashtag("#fаcebook").issue_keys


def test_tatweel_and_harakat_flagged():
    """Are the tatweel stroke and short-vowel marks flagged, with a clean suggestion?"""
    assert check_hashtag("#حقـوق").suggestion == "#حقوق"
    check = check_hashtag("#حُقوق")
    assert check.issue_keys == ("arabic_marks",)
    assert check.suggestion == "#حقوق"


# ------------------------------------------------------------------ post length


def test_url_counts_23_whatever_its_length():
    """Does every URL count 23, short or long?"""
    assert post_length("https://t.co/x") == 23
    assert post_length("https://example.org/" + "a" * 100) == 23
    assert post_length("see https://example.org") == 4 + 23


def test_basic_arabic_letters_weigh_one():
    """Do basic Arabic letters (U+0600-06FF) count 1 each?"""
    assert post_length("مرحبا بالعالم") == 13


def test_arabic_presentation_forms_weigh_two():
    """Do Arabic presentation forms (U+FB50-FDFF, U+FE70-FEFF) count 2?"""
    assert post_length("\ufefb") == 2
    assert post_length("\ufdf2") == 2


def test_emoji_weigh_two_including_zwj_sequences():
    """Does every emoji count 2, even a family made of several joined emoji?"""
    assert post_length("😷") == 2
    assert post_length("👩\u200d👩\u200d👧\u200d👦") == 2
    assert post_length("🇱🇧") == 2


def test_cjk_weighs_two_and_latin_one():
    """Do Chinese/Japanese characters count 2 and Latin letters 1?"""
    assert post_length("日本語") == 6
    assert post_length("abc") == 3


def test_text_is_normalised_first():
    """Is 'e' plus a combining accent counted as one character after normalisation?"""
    assert post_length("e\u0301") == 1


def test_fits_on_x_at_the_limit():
    """Do exactly 280 weighted characters fit, and 281 not?"""
    assert fits_on_x("a" * X_MAX_LENGTH)
    assert not fits_on_x("a" * (X_MAX_LENGTH + 1))
    assert not fits_on_x("😷" * 141)


def test_an_empty_post_does_not_fit():
    """Is an empty post refused, as X refuses it?"""
    assert not fits_on_x("")


def test_a_character_x_refuses_makes_the_post_unfit():
    """Is a short post holding U+FEFF (or U+FFFF) refused though its length is fine?"""
    assert fits_on_x("Join us #IWD")
    assert not fits_on_x("Join us\ufeff #IWD")
    assert not fits_on_x("Join us\uffff")


# ------------------------------------------------------------------ properties

ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=120)
PLAIN = st.text(st.one_of(st.characters(min_codepoint=0x0621, max_codepoint=0x064A),
                          st.sampled_from(list("abcdefghij "))), max_size=60)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_find_hashtags_never_crashes_and_finds_real_tags(text):
    """Does any text give hashtags that start with #, contain a letter and appear in the text?"""
    for tag in find_hashtags(text):
        assert tag.startswith("#") and len(tag) > 1
        assert any(unicodedata.category(ch).startswith("L") for ch in tag)
        assert tag[1:] in text


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_check_hashtag_never_crashes_and_suggestions_are_valid(text):
    """For any input, does check_hashtag return, and is every suggestion itself a whole hashtag?"""
    check = check_hashtag(text)
    assert all(issue.text for issue in check.issues)
    if check.suggestion is not None:
        assert find_hashtags(check.suggestion) == [check.suggestion]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Human", "Rights", "Youth", "Voices", "Beirut", "Day"]), min_size=1, max_size=4))
def test_camel_case_words_are_never_asked_for_capitals(words):
    """Is a hashtag of capitalised words never told to capitalise its words?"""
    check = check_hashtag("#" + "".join(words))
    assert not {"not_camel_case", "maybe_glued"} & set(check.issue_keys)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_post_length_is_never_negative(text):
    """Is the weighted length of any text a whole number of at least zero?"""
    length = post_length(text)
    assert isinstance(length, int) and length >= 0
    assert (length == 0) == (text == "")


@settings(max_examples=200, deadline=None)
@given(PLAIN, st.text(st.sampled_from(list("abcxyz0123456789")), max_size=60))
def test_adding_a_url_adds_exactly_23_plus_the_space(text, path):
    """Does adding ' https://example.org/<anything>' add exactly 24, however long the path?"""
    assert post_length(f"{text} https://example.org/{path}") == post_length(text) + 24


@settings(max_examples=200, deadline=None)
@given(PLAIN)
def test_plain_arabic_and_latin_weigh_one_per_character(text):
    """Do basic Arabic and Latin letters and spaces count exactly one each?"""
    assert post_length(text) == len(text)
