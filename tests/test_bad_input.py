"""Bad submissions in one grading run: each gets a clear reason, never gains points, never stops
the batch, and the original submission is kept."""
import datetime as dt
import html
import shutil

import nbformat
import pytest
from handing_in import hand_in

from course import grading
from course.answer_key import load_key
from course.gradebook import cohort_scores
from course.layout import CourseLayout
from course.storage import Ledger
from course.reference import fill
from course.scaffold import init_course

pytestmark = pytest.mark.slow
W1, W2 = "week1_facebook", "week2_groups_pages"
FULL = load_key(CourseLayout.at().keys, W1).auto_points   # every automatic point of week 1


def edit_cells(path, change):
    nb = nbformat.read(path, as_version=4)
    change(nb)
    nbformat.write(nb, path)


def cell(nb, grade_id):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    layout = init_course(root, solo=False)
    key = load_key(layout.keys, W1)
    source = layout.week_folder(W1) / "assessment.ipynb"

    def prepare(learner, quality="full", change=None, files=None):
        workspace = root / "learners" / learner
        folder = grading.fetch(layout, W1, learner, workspace)
        fill(folder / "assessment.ipynb", source, key, quality)
        if change:
            edit_cells(folder / "assessment.ipynb", change)
        for name, data in (files or {}).items():
            (folder / name).write_bytes(data)
        return workspace

    def submit(learner, **kw):
        grading.submit(layout, W1, learner, prepare(learner, **kw))

    submit("good")
    submit("broken_json", quality="broken")
    # another week's assessment handed in as week 1
    ws = prepare("wrong_week")
    shutil.copy(layout.release / W2 / "assessment.ipynb", ws / W1 / "assessment.ipynb")
    grading.submit(layout, W1, "wrong_week", ws)
    submit("edited_tests", quality="blank",
           change=lambda nb: [setattr(c, "source", "2.0") for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id", "").endswith("_check")])
    submit("edited_setup", quality="blank",
           change=lambda nb: setattr(cell(nb, "setup"), "source",
                                     cell(nb, "setup").source + "\nassessment.grade = lambda *a: 2.0"))
    submit("deleted_test", change=lambda nb: nb.cells.remove(cell(nb, "q12_phishing_resistant_check")))
    submit("retagged_test", change=lambda nb: cell(nb, "q1_page_or_profile_check").metadata["nbgrader"].update(
        {"grade": False, "solution": True}))
    submit("points_raised", quality="blank", change=lambda nb: cell(nb, "q2_tagged_audience_check").metadata[
        "nbgrader"].update({"points": 100}))
    submit("infinite_loop", change=lambda nb: nb.cells.insert(3, nbformat.v4.new_code_cell("while True:\n    pass")))
    submit("flood", change=lambda nb: nb.cells.insert(3, nbformat.v4.new_code_cell(
        "for i in range(200000):\n    print('spam', i)")))
    submit("corrupt_answers", files={"assessment.answers.json": b"{\x00 not json"})
    submit("huge_answers", files={"assessment.answers.json": b'{"answers": {"q": "' + b"x" * 400_000 + b'"}}'})
    submit("duplicate")
    first = grading.grade(layout, W1, learners=["duplicate"])
    grading.submit(layout, W1, "duplicate", root / "learners" / "duplicate")   # the same files again

    # too large for the learner-side limit: refused at once, with the reason
    big = prepare("too_big", files={"video.mp4": b"0" * (25 * 1024 * 1024)})
    with pytest.raises(grading.PipelineError, match="too big"):
        grading.submit(layout, W1, "too_big", big)
    # ...and one that reached the exchange anyway (copied by hand) is reported, not collected
    inbound = layout.exchange / layout.course_id / "inbound"
    dest = inbound / f"too_big+{W1}+2026-12-10 10:00:00.000000 UTC+abc"
    shutil.copytree(big / W1, dest)
    (dest / "timestamp.txt").write_text("2026-12-10 10:00:00.000000 UTC")

    report = grading.grade(layout, W1)
    return layout, report, first


def score(layout, learner):
    s = cohort_scores(layout.db_url, layout.course_id).get((learner, W1))
    return None if s is None else s.score


def test_the_batch_goes_on(graded):
    """Are the good submissions graded although many others in the same run are broken?"""
    layout, report, _ = graded
    assert "good" in report.graded and score(layout, "good") == FULL


@pytest.mark.parametrize("learner,reason", [
    ("broken_json", "is not a readable notebook"),
    ("wrong_week", "this is the assessment of week 2, not week 1"),
    ("too_big", "over the 20 MB limit"),
])
def test_ungradable_submissions_are_reported_and_told_to_the_learner(graded, learner, reason):
    """Is each ungradable submission reported with its reason, told to the learner, and kept?"""
    layout, report, _ = graded
    assert reason in report.problems[learner]
    assert score(layout, learner) is None
    page = html.unescape((layout.feedback / learner / W1 / "assessment.html").read_text(encoding="utf-8"))
    assert reason in page and "did not use up one of your attempts" in page
    inbound = layout.exchange / layout.course_id / "inbound"
    assert list(inbound.glob(f"{learner}+{W1}+*")), "the original submission is kept"


def test_ungradable_submission_uses_no_attempt(graded):
    """Does a broken submission leave all three attempts to the learner?"""
    layout, _, _ = graded
    progress = grading.cohort(layout)["broken_json"][W1]
    assert progress.attempts_used == 0 and progress.attempts_left == 3


@pytest.mark.parametrize("learner,quality", [
    ("edited_tests", "blank"), ("edited_setup", "blank"), ("points_raised", "blank"),
    ("deleted_test", "full"), ("retagged_test", "full"), ("infinite_loop", "full"), ("flood", "full")])
def test_tampered_cells_and_added_code_gain_nothing(graded, learner, quality):
    """Edited check or setup cells, raised points, deleted or re-tagged checks, an infinite loop or a flood of
    output in an added cell: is each graded from its answers alone, as if untouched (nothing of it runs)?"""
    layout, report, _ = graded
    assert learner in report.graded and score(layout, learner) == (FULL if quality == "full" else 0)
    page = (layout.feedback / learner / W1 / "assessment.html").read_text(encoding="utf-8")
    assert "spam" not in page


@pytest.mark.parametrize("learner", ["corrupt_answers", "huge_answers"])
def test_unreadable_answers_file_scores_the_widgets_zero_with_a_reason(graded, learner):
    """Is a corrupt or oversized answers file graded as unanswered, with the reason in report and feedback?"""
    layout, report, _ = graded
    assert score(layout, learner) == 0          # every automatic answer was in the file
    assert any("could not be read" in n for n in report.notes[learner])
    page = (layout.feedback / learner / W1 / "assessment.html").read_text(encoding="utf-8")
    assert "could not be read" in page
    kept = layout.submitted / learner / W1 / "assessment.answers.json"
    assert kept.exists(), "the learner's original file is kept as it was"


def test_duplicate_is_not_counted_twice(graded):
    """Is the same submission handed in twice graded once, and reported as a duplicate?"""
    layout, report, first = graded
    assert first.graded == ["duplicate"]
    assert "identical to the submission graded at" in report.duplicates["duplicate"]
    attempts = [a for a in Ledger(layout.db_url).attempts() if a["learner"] == "duplicate"]
    assert [a["problem"] for a in attempts] == [None, "duplicate"]
    assert grading.cohort(layout)["duplicate"][W1].attempts_used == 1


def test_unknown_learner_is_refused_once_a_roster_exists(tmp_path):
    """With a roster imported, is a submission from an id not in it reported and not graded?"""
    from course.roster import import_roster
    layout = init_course(tmp_path / "c", solo=False)
    (tmp_path / "l.csv").write_text("id,name,country,language,mentor\nknown,Known,Iraq,ar,\n"
                                    "huda,Huda,Yemen,ar,\n", encoding="utf-8")
    import_roster(Ledger(layout.db_url), tmp_path / "l.csv")
    for learner, quality in (("known", "full"), ("stranger", "full"), ("huda", "broken")):
        hand_in(layout, learner, quality, workspace=tmp_path / learner)
    report = grading.grade(layout, W1, learners=["known", "stranger", "huda"])
    assert report.graded == ["known"]
    # a refused submission's page is framed in the learner's language (Arabic, right to left)
    page = (layout.feedback / "huda" / W1 / "assessment.html").read_text(encoding="utf-8")
    assert 'lang="ar"' in page and 'dir="rtl"' in page and "تعذّر تصحيح تسليمك" in page
    assert "ليس دفتراً سليماً" in html.unescape(page)             # the reason itself in Arabic too
    assert "not a readable notebook" not in html.unescape(page) and "Expecting" not in page
    assert "'stranger' is not in the course roster" in report.problems["stranger"]
    # the roster says Arabic: the learner's gate speaks Arabic
    from course import gate
    assert "اجتز الأسبوع 2" in gate.read(layout.gate_dir, "known")["week3_twitter_youtube"].message


def test_late_submission_is_noted_and_penalised_as_the_syllabus_says(tmp_path):
    """Is a submission after the due date reported as late, with the syllabus's penalty applied?"""
    layout = init_course(tmp_path / "c", solo=False)
    syllabus = layout.root / "syllabus.toml"
    due = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M:%S+00:00")
    text = syllabus.read_text().replace("late_penalty_per_day = 0.0", "late_penalty_per_day = 0.25")
    text = text.replace("due = 2026-12-13T23:59:00+02:00", f"due = {due}", 1)
    syllabus.write_text(text)
    layout = CourseLayout.at(layout.root)
    grading.release(layout, W1, force=True)
    folder = grading.fetch(layout, W1, "late", tmp_path / "late")
    fill(folder / "assessment.ipynb", layout.week_folder(W1) / "assessment.ipynb", load_key(layout.keys, W1), "full")
    grading.submit(layout, W1, "late", tmp_path / "late")
    report = grading.grade(layout, W1)
    assert any("after the due date" in n for n in report.notes["late"])
    assert score(layout, "late") == FULL * 0.75      # less 25 % for one started day
