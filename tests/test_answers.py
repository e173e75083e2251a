"""The answers store: atomic, reloaded on re-execution, never crashing on a bad file."""
import json

from course.answers import MAX_BYTES, AnswerStore, answers_path


def test_saved_answers_survive_a_new_store(tmp_path):
    """Does an answer saved by one kernel come back in the next (restart and run all)?"""
    AnswerStore("assessment", tmp_path).save("q1", "page")
    again = AnswerStore("assessment", tmp_path)
    assert again.get("q1") == "page" and again.problem is None
    assert answers_path("assessment.ipynb", tmp_path).name == "assessment.answers.json"


def test_write_is_atomic_and_leaves_no_temp_files(tmp_path):
    """Does saving leave exactly one well-formed file and no temporary file?"""
    store = AnswerStore("assessment", tmp_path)
    for i in range(5):
        store.save(f"q{i}", ["a", "ب", i])
    files = sorted(p.name for p in tmp_path.iterdir())
    assert files == ["assessment.answers.json"]
    data = json.loads((tmp_path / files[0]).read_text(encoding="utf-8"))
    assert data["answers"]["q4"] == ["a", "ب", 4]


def test_corrupt_file_is_kept_aside_and_reported(tmp_path):
    """Does a corrupt answers file give a clear message and an empty answer, losing nothing?"""
    path = tmp_path / "assessment.answers.json"
    path.write_text("{not json", encoding="utf-8")
    store = AnswerStore("assessment", tmp_path)
    assert store.all() == {}
    assert "could not be read" in store.problem
    kept = [p for p in tmp_path.iterdir() if ".unreadable-" in p.name]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == "{not json"
    store.save("q1", "a")   # and the learner can go on answering
    assert AnswerStore("assessment", tmp_path).get("q1") == "a"


def test_oversized_or_wrong_shape_files_are_not_trusted(tmp_path):
    """Are a huge file and a JSON file of the wrong shape both treated as empty, with a message?"""
    path = tmp_path / "assessment.answers.json"
    path.write_text(json.dumps({"answers": {"q": "x" * (MAX_BYTES + 10)}}), encoding="utf-8")
    assert AnswerStore("assessment", tmp_path).problem
    path.write_text(json.dumps(["not", "a", "dict"]), encoding="utf-8")
    store = AnswerStore("assessment", tmp_path)
    assert store.all() == {} and "not an answers file" in store.problem


def test_missing_file_is_simply_empty(tmp_path):
    """Is a notebook with no answers yet just empty, with no warning?"""
    store = AnswerStore("assessment", tmp_path)
    assert store.all() == {} and store.problem is None
