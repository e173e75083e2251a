"""The shares of credit shared by practice feedback and grading (course/scoring.py)."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from course import scoring


def test_choices():
    """Do right picks count, wrong picks cancel them, and the share never go below 0?"""
    assert scoring.share_choices(["a", "b"], ["a", "b"]) == 1
    assert scoring.share_choices(["a"], ["a", "b"]) == 0.5
    assert scoring.share_choices(["a", "c"], ["a", "b"]) == 0
    assert scoring.share_choices(["c", "d"], ["a", "b"]) == 0


def test_order_by_position():
    """Is each step in its right place worth an equal share?"""
    right = ["a", "b", "c", "d"]
    assert scoring.share_order(right, right) == 1
    assert scoring.share_order(["a", "b", "d", "c"], right) == 0.5
    assert scoring.share_order(["b", "c", "d", "a"], right) == 0
    assert scoring.share_order(["a"], right) == 0.25
    assert scoring.misplaced(["b", "a", "c"], ["a", "b", "c"]) == {"b": 1, "a": -1}


def test_pairs():
    """Is each right pair worth an equal share, extra pairs ignored?"""
    right = {"x": "1", "y": "2"}
    assert scoring.share_pairs({"x": "1", "y": "2", "z": "3"}, right) == 1
    assert scoring.share_pairs({"x": "1", "y": "1"}, right) == 0.5
    assert scoring.share_pairs({}, right) == 0


def test_weighted():
    """Is the share the ticked weight over all positive weights, a bad tick costing its weight?"""
    weights = {"a": 3, "b": 1, "bad": -2}
    assert scoring.share_weighted(["a", "b"], weights) == 1
    assert scoring.share_weighted(["a"], weights) == 0.75
    assert scoring.share_weighted(["a", "bad"], weights) == 0.25
    assert scoring.share_weighted(["b", "bad"], weights) == 0


def test_within():
    """Is a number right within the tolerance (and never when it is not finite)?"""
    assert scoring.within(5.0, 150 / 3000 * 100)
    assert scoring.within(5.01, 5.0, 0.01) and not scoring.within(5.02, 5.0, 0.01)
    assert not scoring.within(float("nan"), 5.0, 1)


@given(st.lists(st.sampled_from("abcdef"), unique=True), st.lists(st.sampled_from("abcdef"), unique=True, min_size=1))
def test_shares_stay_between_0_and_1(picked, right):
    """Whatever is picked, does every share stay within 0..1?"""
    for share in (scoring.share_choices(picked, right), scoring.share_order(picked, right),
                  scoring.share_pairs(dict(zip(picked, right)), dict(zip(right, right))),
                  scoring.share_weighted(picked, {k: 1 for k in right})):
        assert 0 <= share <= 1


@pytest.mark.parametrize("results, share", [([], 0), ([True], 1), ([True, False], 0.5)])
def test_rules(results, share):
    """Is the share of rules met right, and 0 when there is no rule?"""
    assert scoring.share_met(results) == share
