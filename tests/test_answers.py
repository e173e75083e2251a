"""The answers store of an assessment notebook (course/answers.py): atomic, reloadable, never crashing."""
from __future__ import annotations

import json
import os

import pytest

from course import i18n
from course.answers import MAX_BYTES, AnswerStore, AnswerStoreError


pytestmark = pytest.mark.usefixtures("english")


def test_saved_answers_come_back_in_a_new_store(tmp_path):
    """Does an answer saved in one run come back when the notebook runs again?"""
    AnswerStore("assessment", tmp_path).save("q1", ["a", "b"])
    again = AnswerStore("assessment", tmp_path)
    assert again.get("q1") == ["a", "b"] and again.has("q1") and again.problem is None


def test_file_is_plain_json_beside_the_notebook(tmp_path):
    """Is the file assessment.answers.json, readable JSON with a format number?"""
    store = AnswerStore("assessment.ipynb", tmp_path)
    store.save("q", {"left": "right"})
    assert store.path == tmp_path / "assessment.answers.json"
    assert json.loads(store.path.read_text(encoding="utf-8")) == {"format": 1, "answers": {"q": {"left": "right"}}}


def test_arabic_text_is_kept(tmp_path):
    """Is Arabic text saved and read back unchanged?"""
    AnswerStore("assessment", tmp_path).save("q", "حملة المياه النظيفة")
    assert AnswerStore("assessment", tmp_path).get("q") == "حملة المياه النظيفة"


def test_missing_file_is_empty_and_says_so(tmp_path):
    """Does a missing file give an empty store, no problem message, and `missing` set?"""
    store = AnswerStore("assessment", tmp_path)
    assert store.all() == {} and store.problem is None and store.missing


@pytest.mark.parametrize("content, words", [
    ('{"answers": {"q": "a"', "damaged"),
    ("[1, 2, 3]", "does not hold answers"),
    ('{"format": 1, "answers": [1]}', "does not hold answers"),
    (b"\xff\xfe\x00garbage", "damaged"),
])
def test_corrupt_file_gives_a_message_and_an_empty_answer(tmp_path, content, words):
    """Does a damaged file give a plain message, keep a copy aside, and leave the store empty?"""
    path = tmp_path / "assessment.answers.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    store = AnswerStore("assessment", tmp_path)
    assert store.all() == {}
    assert words in store.problem and "answer the questions again" in store.problem
    backups = list(tmp_path.glob("assessment.answers.json.unreadable-*"))
    assert len(backups) == 1 and not path.exists()
    store.save("q", "new")   # and the store keeps working
    assert AnswerStore("assessment", tmp_path).get("q") == "new"


def test_oversized_file_is_not_trusted(tmp_path):
    """Is a file larger than the limit set aside with a message, not read?"""
    path = tmp_path / "assessment.answers.json"
    path.write_text(json.dumps({"format": 1, "answers": {"q": "x" * (MAX_BYTES + 10)}}), encoding="utf-8")
    store = AnswerStore("assessment", tmp_path)
    assert store.all() == {} and "larger than 256 KiB" in store.problem


def test_a_folder_in_place_of_the_file(tmp_path):
    """If something that is not a file sits where the answers belong, is that a message, not a crash?"""
    (tmp_path / "assessment.answers.json").mkdir()
    store = AnswerStore("assessment", tmp_path)
    assert store.all() == {} and "not a file" in store.problem


def test_problem_message_is_translated(tmp_path):
    """Is the corrupt-file message in Arabic for an Arabic learner?"""
    (tmp_path / "assessment.answers.json").write_text("{", encoding="utf-8")
    with i18n.language("ar"):
        store = AnswerStore("assessment", tmp_path)
    assert "تعذّرت قراءة ملف إجاباتك" in store.problem


def test_too_large_answer_is_refused_and_the_file_kept(tmp_path):
    """Is an answer that would make the file too large refused, keeping the answers saved before?"""
    store = AnswerStore("assessment", tmp_path)
    store.save("q1", "kept")
    with pytest.raises(AnswerStoreError, match="too long"):
        store.save("q2", "x" * MAX_BYTES)
    assert store.get("q2") is None and AnswerStore("assessment", tmp_path).all() == {"q1": "kept"}


@pytest.mark.parametrize("value", [object(), float("nan"), {1, 2}])
def test_values_that_cannot_be_stored_are_refused(tmp_path, value):
    """Is a value that JSON cannot hold refused before the file is touched?"""
    store = AnswerStore("assessment", tmp_path)
    store.save("q1", "kept")
    before = store.path.read_bytes()
    with pytest.raises(AnswerStoreError):
        store.save("q2", value)
    assert store.path.read_bytes() == before and not store.has("q2")


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    """If writing fails half-way, is the previous file intact and no temporary file left?"""
    store = AnswerStore("assessment", tmp_path)
    store.save("q1", "kept")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(AnswerStoreError, match="No space left"):
        store.save("q1", "changed")
    monkeypatch.undo()
    assert AnswerStore("assessment", tmp_path).get("q1") == "kept" and store.get("q1") == "kept"
    assert [p.name for p in tmp_path.iterdir()] == ["assessment.answers.json"]


def test_clear_removes_one_answer(tmp_path):
    """Does clearing an answer remove it from the file and keep the others?"""
    store = AnswerStore("assessment", tmp_path)
    store.save("q1", "a")
    store.save("q2", "b")
    store.clear("q1")
    store.clear("nothing")
    assert AnswerStore("assessment", tmp_path).all() == {"q2": "b"}


def test_reload_sees_changes_from_another_run(tmp_path):
    """Does reload() read answers written by another store (the widget cell vs the grading cell)?"""
    reader = AnswerStore("assessment", tmp_path)
    AnswerStore("assessment", tmp_path).save("q", "late")
    assert reader.get("q") is None
    reader.reload()
    assert reader.get("q") == "late" and not reader.missing
