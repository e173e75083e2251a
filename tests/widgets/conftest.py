"""Fixtures for the widget tests: an answers store in a temporary folder, and English by default."""
from __future__ import annotations

import json

import pytest

from course.answers import AnswerStore


@pytest.fixture(autouse=True)
def every_test_in_english(english):
    """Widget texts are checked in English (the ``english`` fixture of tests/conftest.py)."""


@pytest.fixture
def store(tmp_path):
    return AnswerStore("assessment", tmp_path)


@pytest.fixture
def saved(store):
    """The answers as written on disk (not the store's memory)."""
    def read():
        if not store.path.exists():
            return {}
        return json.loads(store.path.read_text(encoding="utf-8"))["answers"]
    return read


@pytest.fixture
def fresh(tmp_path):
    """A new store on the same folder: what the notebook sees when it runs again."""
    return lambda: AnswerStore("assessment", tmp_path)
