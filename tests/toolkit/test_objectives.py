"""Objectives: specific (what people do), measurable (a number) and dated (a deadline), in English and Arabic,
with Arabic-Indic digits read as numbers."""
from __future__ import annotations

import pytest

from course.toolkit.objectives import check_objective, counted_numbers, deadline_of, normalise

pytestmark = pytest.mark.usefixtures("english")

GOOD = [
    "By 30 June 2026, 500 parents in Hit sign our petition for safe water in schools",
    "We want 200 people to attend the town hall meeting within 6 weeks",
    "بحلول حزيران ٢٠٢٦ يوقّع ٥٠٠ من أهالي هيت على عريضتنا من أجل مياه آمنة في المدارس",
    "خلال ۸ أسابيع ينضم 40 متطوعا جديدا إلى فريق الحملة",
]


@pytest.mark.parametrize("objective", GOOD)
def test_a_full_objective_passes_in_either_language(objective):
    """Is a specific, measurable, dated objective accepted, in English, Arabic and either kind of digits?"""
    check = check_objective(objective)
    assert check.ok and not check.issues, [i.english for i in check.issues]


@pytest.mark.parametrize("objective,missing", [
    ("Raise awareness about water in schools", {"not_specific", "not_measurable", "not_dated", "vague"}),
    ("500 parents sign our petition for safe water", {"not_dated"}),
    ("Parents sign our petition for safe water by June 2026", {"not_measurable"}),
    ("Reach 10,000 people by December 2026", {"not_specific"}),
    ("زيادة الوعي بقضية المياه في المدارس", {"not_specific", "not_measurable", "not_dated", "vague"}),
    ("يوقع الأهالي على العريضة من أجل المياه", {"not_measurable", "not_dated"}),
])
def test_what_is_missing_is_named(objective, missing):
    """Is each missing part named, and only those?"""
    check = check_objective(objective)
    assert set(check.issue_keys) == missing and not check.ok


def test_the_date_is_not_taken_for_the_target():
    """Are the day and year of the deadline left out of the numbers to reach?"""
    assert counted_numbers(GOOD[0]) == ["500"]
    assert counted_numbers("By 2026-06-30, 40% of parents sign") == ["40%"]


def test_arabic_indic_digits_are_read():
    """Are ٥٠٠ and ۸ read as 500 and 8?"""
    assert normalise("٥٠٠ و ۸") == "500 و 8"
    assert counted_numbers(GOOD[2]) == ["500"]


@pytest.mark.parametrize("text", ["Parents may sign 300 letters to the council", "30 may attend"])
def test_the_verb_may_is_not_a_deadline(text):
    """Is the verb 'may' never taken for the month of May?"""
    assert deadline_of(text) is None


@pytest.mark.parametrize("text,deadline", [("in May 2026", "in May"), ("by the end of the month", "end of the month"),
                                           ("نهاية العام", "نهاية العام"), ("30/06/2026", "30/06/2026")])
def test_deadlines_are_found(text, deadline):
    assert deadline in deadline_of(text)
