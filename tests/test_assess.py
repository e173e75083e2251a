"""The grading call of assessment notebooks: no verdict before submitting, points for nbgrader after."""
from pathlib import Path

import pytest

from course.assess import KEYS_ENV, Assessment, GradeResult, PendingResult

KEYS = Path(__file__).resolve().parent.parent / "grading" / "keys"


def test_learner_sees_what_was_saved_but_no_verdict(tmp_path, monkeypatch):
    """Before submitting, does grading only confirm the saved answer, without saying right or wrong?"""
    monkeypatch.delenv(KEYS_ENV, raising=False)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    a = Assessment("week1_facebook", folder=tmp_path)
    a.single_choice("q1_page_or_profile", "What?", {"page": "A Facebook Page", "group": "A group"}).value = "group"
    result = a.grade("q1_page_or_profile")
    assert isinstance(result, PendingResult)
    html = result._repr_html_()
    assert "A group" in html and "Right" not in html and "Not right" not in html


def test_grader_scores_with_the_key_and_reports_points(tmp_path, monkeypatch):
    """With the keys visible, is the text result the points nbgrader reads, and the card the verdict?"""
    monkeypatch.setenv(KEYS_ENV, str(KEYS))
    a = Assessment("week1_facebook", folder=tmp_path)
    a.single_choice("q1_page_or_profile", "What?", {"page": "A Facebook Page", "group": "A group"}).value = "page"
    right = a.grade("q1_page_or_profile")
    assert isinstance(right, GradeResult) and repr(right) == "2.0"
    assert "A Facebook Page" in right._repr_html_() and "Right" in right._repr_html_()
    partly = a.grade("q3_search_query", "site:ilo.org filetype:pdf youth")
    assert repr(partly) == "1.33" and "Partly" in partly._repr_html_()
    assert repr(a.grade("q2_phishing_resistant")) == "0.0"   # not answered


def test_autograde_without_keys_is_an_error_not_full_marks(tmp_path, monkeypatch):
    """If the grader forgot the keys, does the test cell fail (0 points) instead of passing?"""
    monkeypatch.delenv(KEYS_ENV, raising=False)
    monkeypatch.setenv("NBGRADER_EXECUTION", "autograde")
    with pytest.raises(RuntimeError, match="no answer keys"):
        Assessment("week1_facebook", folder=tmp_path).grade("q1_page_or_profile")
