"""Tests for course.toolkit.threads (splitting a long text into numbered X posts)."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from twitter_text import extract_urls

from course.toolkit.hashtags import X_MAX_LENGTH, find_hashtags, post_length
from course.toolkit.threads import numbering, split_thread

EN_SENTENCES = [
    "Every year thousands of girls in our region are married before they turn eighteen.",
    "Early marriage ends their schooling, harms their health and keeps families poor.",
    "Our campaign asks lawmakers to set the minimum age at eighteen, with no exceptions.",
    "You can help: talk to your family, sign the petition and share what you learn.",
    "Together we can change the law, one conversation at a time!",
    "Thank you for reading, and for standing with us.",
]
AR_SENTENCES = [
    "في كل عام تُزوَّج آلاف الفتيات في منطقتنا قبل بلوغ الثامنة عشرة، وهذا ينهي تعليمهن ويضر بصحتهن.",
    "تطالب حملتنا المشرعين بتحديد سن الزواج الأدنى بثماني عشرة سنة دون استثناء؛ فهل تنضم إلينا؟",
    "تحدث مع عائلتك، ووقّع العريضة، وشارك ما تتعلمه مع أصدقائك.",
    "معاً نستطيع أن نغيّر القانون، حديثاً بعد حديث!",
    "شكراً لقراءتك، ولوقوفك معنا.",
]
NUMBER = re.compile(r" ([0-9٠-٩]+)/([0-9٠-٩]+)$")


def words_of(text):
    return text.split()


def assert_a_good_thread(text, thread, limit=X_MAX_LENGTH):
    """Every post fits as X counts it, is numbered in order, and the words are all there, in order, uncut."""
    assert len(thread) >= 2
    for number, post in enumerate(thread, 1):
        assert post_length(post.text) == post.length <= limit, post.text
        assert post.fits
        assert post.text.endswith(" " + numbering(number, len(thread), post.text[-1] in "٠١٢٣٤٥٦٧٨٩"))
        assert post.text == f"{post.body} {numbering(number, len(thread), post.text[-1] in '٠١٢٣٤٥٦٧٨٩')}"
        assert post.body == post.body.strip() and post.body
    assert [w for post in thread for w in words_of(post.body)] == words_of(text)


# ------------------------------------------------------------------ short texts


def test_empty_text_gives_no_post():
    """Does a blank text give an empty thread?"""
    assert len(split_thread("  \n ")) == 0


def test_a_text_that_fits_stays_one_post_without_a_number():
    """Is a text of exactly 280 weighted characters one post, with no 1/1?"""
    text = ("abcd " * 60)[:X_MAX_LENGTH - 1] + "!"
    assert post_length(text) == X_MAX_LENGTH
    thread = split_thread(text)
    assert len(thread) == 1 and thread[0].text == text and thread[0].fits and thread.ok


def test_one_character_over_makes_a_thread():
    """Does one weighted character over 280 make two numbered posts?"""
    text = ("abcd " * 60)[:X_MAX_LENGTH - 1] + "!!"
    assert post_length(text) == X_MAX_LENGTH + 1
    thread = split_thread(text)
    assert len(thread) == 2
    assert_a_good_thread(text, thread)


# ------------------------------------------------------------------ English


def test_long_english_text_ends_posts_at_sentence_ends():
    """Is a long English text split into numbered posts that each end a sentence?"""
    text = " ".join(EN_SENTENCES * 3)
    thread = split_thread(text)
    assert_a_good_thread(text, thread)
    assert thread[0].text.endswith(f" 1/{len(thread)}")
    for post in thread:
        assert post.body[-1] in ".!", post.body


def test_clause_ends_are_second_best():
    """With no sentence end in reach, does a post end after a comma rather than mid-clause?"""
    clause = "we ask for schools, clinics and safe roads for every village in the region"
    text = ", ".join([clause] * 12) + "."
    thread = split_thread(text)
    assert_a_good_thread(text, thread)
    assert all(post.body.endswith(",") for post in thread.posts[:-1])


def test_without_any_punctuation_posts_are_filled():
    """With no punctuation at all, is each post but the last filled close to the limit?"""
    text = " ".join(["advocacy"] * 120)
    thread = split_thread(text)
    assert_a_good_thread(text, thread)
    assert all(post.length > X_MAX_LENGTH - 10 for post in thread.posts[:-1])


def test_paragraph_breaks_are_kept_and_preferred():
    """Are line breaks inside a post kept, and does a post prefer to end where a paragraph ends?"""
    paragraph = " ".join(EN_SENTENCES[:2])
    text = "\n\n".join([paragraph] * 4)
    thread = split_thread(text)
    assert_a_good_thread(text, thread)
    assert all(post.body.endswith(EN_SENTENCES[1]) for post in thread)


# ------------------------------------------------------------------ Arabic


def test_long_arabic_text_uses_arabic_digits_and_arabic_punctuation():
    """Is a long Arabic text numbered ١/٤ and cut after ؟ . or ! rather than mid-sentence?"""
    text = " ".join(AR_SENTENCES * 3)
    thread = split_thread(text)
    assert_a_good_thread(text, thread)
    total = numbering(len(thread), len(thread), True)
    assert thread[0].text.endswith(" ١/" + total.split("/")[1])
    assert not re.search(r"[0-9]", "".join(p.text for p in thread))
    for post in thread:
        assert post.body[-1] in ".؟!", post.body


def test_arabic_digits_can_be_turned_off():
    """Can an Arabic thread be numbered with 1/4 digits instead?"""
    thread = split_thread(" ".join(AR_SENTENCES * 3), arabic_digits=False)
    assert NUMBER.search(thread[0].text).group(1) == "1"


def test_an_english_text_quoting_arabic_keeps_latin_digits():
    """Does a mostly English text keep 1/4 even with an Arabic hashtag in it?"""
    text = " ".join(EN_SENTENCES * 3) + " #حقوق_المرأة"
    assert split_thread(text)[0].text.endswith(" 1/" + str(len(split_thread(text))))


# ------------------------------------------------------------------ links, hashtags, emoji


def test_every_link_counts_23_and_is_never_cut():
    """Do long links count 23 each (so a post holds more than 280 letters) and stay whole?"""
    links = [f"https://example.org/reports/2025/part-{n}/" + "details-" * 12 for n in range(8)]
    text = " ".join(f"Read part {n} here: {link} ." for n, link in enumerate(links))
    thread = split_thread(text)
    assert_a_good_thread(text, thread)
    assert any(len(post.text) > X_MAX_LENGTH for post in thread)
    assert [u for post in thread for u in extract_urls(post.text)] == links


def test_hashtags_are_never_cut():
    """Is every hashtag of the text found whole in the posts?"""
    text = " ".join(f"Day {n} of the campaign: #EndChildMarriage #حقوق_المرأة #Youth{n}" for n in range(20))
    thread = split_thread(text)
    assert_a_good_thread(text, thread)
    assert [t for post in thread for t in find_hashtags(post.body)] == find_hashtags(text)


def test_emoji_count_two_each():
    """Does a post full of emoji stay within the limit, each emoji (and family) counting 2?"""
    text = " ".join(["💪", "👩\u200d👩\u200d👧\u200d👦", "solidarity"] * 40)
    thread = split_thread(text)
    assert_a_good_thread(text, thread)
    assert all(post.length > X_MAX_LENGTH - 20 for post in thread.posts[:-1])


def test_ten_posts_or_more_leave_room_for_two_digit_numbers():
    """With 10 or more posts, does every post still fit with a number such as 10/12?"""
    text = " ".join(["solidarity"] * 400)
    thread = split_thread(text)
    assert len(thread) >= 10
    assert_a_good_thread(text, thread)
    assert thread[9].text.endswith(f" 10/{len(thread)}")


def test_invisible_characters_x_refuses_are_left_out():
    """Is a byte-order mark pasted with the text dropped, so the posts are accepted?"""
    text = "\ufeff" + " ".join(EN_SENTENCES * 3).replace(" ", " \ufeff", 5)
    thread = split_thread(text)
    assert thread.ok and "\ufeff" not in "".join(post.text for post in thread)
    assert_a_good_thread(text.replace("\ufeff", ""), thread)


# ------------------------------------------------------------------ a word longer than a post


def test_a_word_longer_than_a_post_is_alone_and_flagged():
    """Is a 300-letter word kept whole, alone in a post that does not fit, and reported?"""
    long_word = "x" * 300
    text = " ".join(EN_SENTENCES) + f" {long_word} " + " ".join(EN_SENTENCES)
    thread = split_thread(text)
    assert thread.too_long_words == (long_word,)
    alone = [post for post in thread if long_word in post.body]
    assert len(alone) == 1 and alone[0].body == long_word and not alone[0].fits
    assert not thread.ok
    assert all(post.fits for post in thread if post is not alone[0])
    assert [w for post in thread for w in words_of(post.body)] == words_of(text)


def test_a_long_word_that_fits_is_not_flagged():
    """Is a 250-letter word, which fits with its number, not reported?"""
    text = "Start. " + "y" * 250 + " end of the text here."
    thread = split_thread(text)
    assert thread.too_long_words == () and thread.ok


# ------------------------------------------------------------------ any text

WORDS = st.sampled_from(["hope", "حقوق", "المرأة،", "rights.", "نعم؟", "💪", "https://example.org/a",
                         "#IWD", "#حقوق_الطفل", "and", "schools,", "日本", "e\u0301te", "\n"])


@settings(max_examples=150, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=300))
def test_any_text_splits_into_posts_that_fit_and_keep_every_word(words):
    """For any mix of words, links, hashtags, emoji and line breaks, does every post fit and keep the words?"""
    text = " ".join(words)
    thread = split_thread(text)
    if post_length(text.strip()) <= X_MAX_LENGTH:
        assert len(thread) <= 1
    else:
        assert_a_good_thread(text, thread)
