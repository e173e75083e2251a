"""The capstone: a strategy question (declaration, build, key), its builder widget and export, and its grading.

The grading tests run the real pipeline on a scratch course: a reference capstone waits for a mentor and
passes week 4 only after the mentor's grade, a blank one scores 0 at once, and a learner who edits the
notebook or the answers file to claim points gains nothing.
"""
from __future__ import annotations

import copy
import io
import json
import re
import zlib

import nbformat
import pytest

from course import gate, grading, i18n
from course.answer_key import load_key
from course.answers import STEP_CHARS
from course.assess import Assessment
from course.authoring.assessment_build import build_week, catalogue_path
from course.authoring.declaration import DeclarationError, _question, load_declaration
from course.layout import CourseLayout
from course.reference import fill

try:
    import tomllib
except ModuleNotFoundError:  # pragma: no cover - Python 3.10
    import tomli as tomllib

W4, Q = "week4_blogging", "capstone_strategy"
STEPS = ["objectives", "audience", "channels", "content", "dissemination", "monitoring", "adapting"]
RUBRIC = {"objective": 2, "audience": 1, "channels_content": 2, "plan": 2, "monitoring": 2, "adapting": 1}


@pytest.fixture(scope="module")
def course():
    return CourseLayout.at()


@pytest.fixture(scope="module")
def declared(course):
    raw = tomllib.loads((course.grading / "assessments" / f"{W4}.toml").read_text(encoding="utf-8"))
    return next(q for q in raw["questions"] if q["id"] == Q)


# -- the declaration --------------------------------------------------------------------------------
def test_the_capstone_is_the_last_question_worth_ten_points(course):
    """Is the capstone declared last in week 4, a strategy of seven steps worth 10 points?"""
    decl = load_declaration(course.grading / "assessments" / f"{W4}.toml")
    last = decl.questions[-1]
    assert (last.id, last.kind, last["points"], list(last.step_ids)) == (Q, "strategy", 10, STEPS)
    assert last.mentor_graded and last.key_kind == "manual"


@pytest.mark.parametrize("change, complaint", [
    (lambda q: q["rubric"][0].update(points=3, levels=dict(q["rubric"][0]["levels"], **{"3": "All."})),
     "add up to 11"),
    (lambda q: q["rubric"][0]["levels"].pop("1"), "levels"),
    (lambda q: q["reference"].pop("adapting"), "every step"),
    (lambda q: q["steps"][1].update(id="objectives"), "used once"),
    (lambda q: q["steps"][2].pop("placeholder"), "needs exactly"),
    (lambda q: q.pop("rubric"), "needs rubric"),
])
def test_a_strategy_that_does_not_fit_is_refused(declared, change, complaint):
    """Is a rubric that does not add up, a missing level, step or reference text refused with its reason?"""
    table = copy.deepcopy(declared)
    _question(table, "here", None)                   # as declared: accepted
    change(table)
    with pytest.raises(DeclarationError, match=complaint):
        _question(table, "here", None)


# -- the build --------------------------------------------------------------------------------------
def test_the_build_has_a_builder_and_a_mentor_graded_cell_with_no_reference(course, declared):
    """Does the notebook call the builder with ids only, grade the capstone in a hidden markdown cell a
    mentor scores, and hold no reference step and no rubric text (those come from the catalogue)?"""
    built = build_week(course, W4)
    cells = {c["id"]: c for c in json.loads(built.notebook_text)["cells"]}
    widget = "".join(cells[f"{Q}_widget"]["source"])
    assert f'assessment.strategy(\n    "{Q}",' in widget and json.dumps(STEPS) in widget
    grade = cells[Q]
    meta = grade["metadata"]["nbgrader"]
    assert grade["cell_type"] == "markdown" and meta["grade"] and meta["solution"] and meta["points"] == 10
    assert grade["metadata"]["jupyter"]["source_hidden"] and "".join(grade["source"]) == "✎"
    for text in declared["reference"].values():
        assert text not in built.notebook_text
        assert all(text not in catalogue for _path, catalogue in built.catalogues)   # learner-readable
    assert declared["rubric"][0]["levels"]["2"] not in built.notebook_text


def test_the_catalogues_carry_steps_and_rubric_in_both_languages(course):
    """Are every step's texts and every rubric level in the English and the Arabic catalogue, the Arabic
    translated (not English) and pinned to the current English?"""
    built = build_week(course, W4)
    assert not [p for p in built.translation_problems if Q in p]
    texts = {path.parent.name: tomllib.loads(text) for path, text in built.catalogues}
    prefix = f"assessment.{W4}.{Q}"
    for lang in ("en", "ar"):
        for step in STEPS:
            for field in ("title", "question", "placeholder"):
                assert texts[lang][f"{prefix}.steps.{step}.{field}"].strip()
        for criterion, points in RUBRIC.items():
            for n in range(points + 1):
                assert texts[lang][f"{prefix}.rubric.{criterion}.levels.{n}"].strip()
    arabic = re.compile(r"[\u0600-\u06ff]")
    assert all(arabic.search(v) for k, v in texts["ar"].items() if k.startswith(f"{prefix}.steps.")
               and not k.endswith(".placeholder"))
    assert texts["ar"][f"{prefix}.steps.objectives.title"] == "الأهداف"


def test_the_key_is_a_manual_question_with_its_rubric_and_steps(course, declared):
    """Is the capstone in the key a mentor-graded question (no automatic points) whose scheme is the rubric
    and whose reference gives every step?"""
    key = load_key(course.keys, W4)
    entry = key.entries[Q]
    assert entry.kind == "manual" and entry.structured and entry.steps == tuple(STEPS)
    assert key.auto_points == sum(e.points for e in key.entries.values() if e.kind != "manual")
    for criterion in declared["rubric"]:
        assert criterion["title"] in entry.scheme
        assert all(level in entry.scheme for level in criterion["levels"].values())
    assert entry.reference_answer() == declared["reference"]
    assert entry.card_text("labels", "ar")["objectives"] == "الأهداف"
    assert "هدف قابل للقياس" in entry.card_text("scheme", "ar")


# -- the builder ------------------------------------------------------------------------------------
def builder(folder, language="en"):
    with i18n.language(language):
        assessment = Assessment(W4, folder=folder)
        return assessment, assessment.strategy(Q, steps=STEPS, rubric=RUBRIC)


def test_the_rubric_comes_first_collapsed_with_every_level(tmp_path, english, declared):
    """Is the marking grid the first thing shown, collapsed, with every criterion, its points and levels?"""
    _a, widget = builder(tmp_path)
    first = [c for c in widget.children if getattr(c.layout, "display", None) != "none"][0]
    assert first is widget.rubric_panel and widget.rubric_panel.selected_index is None
    assert widget.rubric_panel.get_title(0) == "How your strategy will be marked"
    shown = widget.rubric_panel.children[0].value
    assert "10 points in all" in shown
    for criterion in declared["rubric"]:
        assert criterion["title"] in shown and all(level.replace('"', "&quot;") in shown
                                                   for level in criterion["levels"].values())


def test_steps_are_saved_as_structured_answers_and_restored(tmp_path, english):
    """Is each written step saved in the answers file as {step: text} (empty ones left out), and are they
    back when the notebook runs again?"""
    _a, widget = builder(tmp_path)
    widget.boxes["objectives"].value = "By 30 June 2027, 500 parents sign our petition."
    widget.boxes["audience"].value = "Parents in Hit district."
    saved = json.loads((tmp_path / "assessment.answers.json").read_text(encoding="utf-8"))["answers"][Q]
    assert saved == {"objectives": "By 30 June 2027, 500 parents sign our petition.",
                     "audience": "Parents in Hit district."}
    assert "2 of 7 steps written" in widget.feedback.value
    _a, again = builder(tmp_path)
    assert again.boxes["audience"].value == "Parents in Hit district." and again.boxes["content"].value == ""
    again.boxes["objectives"].value = again.boxes["audience"].value = ""
    assert Q not in json.loads((tmp_path / "assessment.answers.json").read_text(encoding="utf-8"))["answers"]


def test_gentle_checks_name_empty_steps_and_what_the_objective_lacks(tmp_path, english):
    """Do the instant checks list the empty steps and say when the objective has no number or no date,
    in English and in Arabic, without any verdict?"""
    _a, widget = builder(tmp_path)
    widget.boxes["objectives"].value = "More people care about clean water"
    advice = " ".join(widget.advice())
    assert "Still to write: Audience, Channels" in advice and "no number" in advice and "no date" in advice
    widget.boxes["objectives"].value = "By 30 June 2027, 500 parents sign"
    assert not any("objective" in a for a in widget.advice())
    for step in STEPS:
        widget.boxes[step].value = widget.boxes[step].value or "Written."
    assert widget.advice() == [] and "All seven steps are written" in widget.checks.value
    assert "Correct" not in widget.checks.value and "points" not in widget.checks.value
    _a, arabic = builder(tmp_path / "ar", "ar")
    arabic.boxes["objectives"].value = "أن يهتم الناس بالمياه النظيفة"
    assert any("لا رقم" in a for a in arabic.advice()) and any("لا موعد" in a for a in arabic.advice())
    arabic.boxes["objectives"].value = "بحلول حزيران، يوقّع ٥٠٠ من الأهالي"
    assert not any("هدفك" in a for a in arabic.advice())


def test_a_step_too_long_is_saved_cut_with_a_message(tmp_path, english):
    """Is a step longer than the limit saved cut to the limit, with a message asking to shorten it?"""
    _a, widget = builder(tmp_path)
    widget.boxes["content"].value = "x" * (STEP_CHARS + 500)
    saved = json.loads((tmp_path / "assessment.answers.json").read_text(encoding="utf-8"))["answers"][Q]
    assert len(saved["content"]) == STEP_CHARS
    assert any("only the first 1,500 are saved" in a for a in widget.advice())


def test_every_box_fits_a_phone(tmp_path, english):
    """Does every text area take the window's width (at most 40em), with buttons that wrap?"""
    _a, widget = builder(tmp_path)
    assert all(b.layout.width == "100%" and b.layout.max_width == "40em" for b in widget.boxes.values())
    assert widget.layout.max_width == "100%"
    row = next(c for c in widget.children if widget.save_button in getattr(c, "children", ()))
    assert row.layout.flex_flow == "row wrap"


def _embedded_glyphs(pdf: bytes) -> set[str]:
    """Glyph names of the fonts embedded in a PDF (fpdf2 embeds the subset it drew with)."""
    from fontTools.ttLib import TTFont
    names = set()
    for match in re.finditer(rb"stream\r?\n", pdf):
        raw = pdf[match.end():pdf.find(b"endstream", match.end())]
        try:
            names |= set(TTFont(io.BytesIO(zlib.decompress(raw))).getGlyphOrder())
        except Exception:  # noqa: BLE001 - not a font stream
            continue
    return names


@pytest.mark.parametrize("language", ["en", "ar"])
def test_export_writes_a_one_page_html_and_pdf_in_the_learners_language(tmp_path, language, course):
    """Does Export write my_strategy.html and my_strategy.pdf beside the notebook, one page, in the
    learner's language and direction, with links to them and the learner's text escaped?"""
    _a, widget = builder(tmp_path, language)
    reference = load_key(course.keys, W4).entries[Q].reference_answer()
    for step in STEPS:
        widget.boxes[step].value = reference[step]
    widget.boxes["adapting"].value += " <script>alert(1)</script>"
    made = widget.export()
    assert made.problem == "" and made.html == tmp_path / "my_strategy.html" and made.pdf == tmp_path / "my_strategy.pdf"
    page = made.html.read_text(encoding="utf-8")
    assert f'lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}"' in page
    assert "<script>" not in page and "&lt;script&gt;" in page and reference["objectives"] in page
    assert ("الأهداف" in page) == (language == "ar") and ("Objectives" in page) == (language == "en")
    pdf = made.pdf.read_bytes()
    assert pdf.startswith(b"%PDF") and made.pages == 1
    assert 'href="my_strategy.html"' in widget.links_html and 'href="my_strategy.pdf" download' in widget.links_html


def test_the_arabic_pdf_joins_its_letters(tmp_path):
    """Is Arabic in the PDF drawn with its joined (initial, medial, final) letter forms, not as isolated
    letters: the text was shaped?"""
    _a, widget = builder(tmp_path, "ar")
    widget.boxes["objectives"].value = "بحلول حزيران ٢٠٢٧ يوقّع خمسمئة من الأهالي على عريضتنا"
    glyphs = _embedded_glyphs(widget.export().pdf.read_bytes())
    joined = {g for g in glyphs if re.fullmatch(r"uniFE[89A-F][0-9A-F]", g)}     # Arabic presentation forms B
    assert "uniFE91" in joined and len(joined) >= 8, sorted(glyphs)   # beh initial (بحلول) among many


def test_without_a_font_the_html_is_still_made_and_the_reason_given(tmp_path, english, monkeypatch):
    """With no font that has Arabic letters, is the HTML page still written and the learner told why
    there is no PDF?"""
    from course.widgets import strategy_document
    monkeypatch.setattr(strategy_document, "find_font", lambda: None)
    _a, widget = builder(tmp_path)
    widget.boxes["objectives"].value = "By 2027, 500 parents sign."
    made = widget.export()
    assert made.html.exists() and made.pdf is None and not (tmp_path / "my_strategy.pdf").exists()
    assert "no font with Arabic letters" in widget.feedback.value and "my_strategy.html" in widget.links_html


# -- grading (the real pipeline on a scratch course) --------------------------------------------------
@pytest.fixture(scope="module")
def layout(tmp_path_factory):
    """A scratch course (cohort mode) with week 4 released, as `course check` makes one."""
    from course.scaffold import copy_course
    root = tmp_path_factory.mktemp("capstone") / "course"
    copy_course(root)
    # lessons listed in the syllabus but not built yet (being written) are left out: grading never reads them
    syllabus = root / "syllabus.toml"
    text = syllabus.read_text(encoding="utf-8")
    for week in ("week1_facebook", "week2_groups_pages", "week3_twitter_youtube", W4):
        text = re.sub(r'(id = "%s"\n(?:.*\n)*?lessons = )(\[.*\])' % week,
                      lambda m, w=week: m.group(1) + json.dumps([n for n in json.loads(m.group(2))
                                                                  if (root / w / n).exists()]), text, count=1)
    syllabus.write_text(text, encoding="utf-8")
    scratch = CourseLayout.at(root)
    grading.release(scratch, W4)
    return scratch


def _answers(folder):
    return folder / "assessment.answers.json"


def _hand_in(layout, learner, quality="full", edit=None):
    """Open week 4 for ``learner``, answer it at ``quality``, apply ``edit(folder)``, submit and grade."""
    grading.unlock(layout, learner, W4, "capstone test", by="test")
    workspace = layout.root / "learners" / learner
    folder = grading.fetch(layout, W4, learner, workspace)
    fill(folder / "assessment.ipynb", None, load_key(layout.keys, W4), quality)
    if edit:
        edit(folder)
    grading.submit(layout, W4, learner, workspace)
    report = grading.grade(layout, W4, learners=[learner])
    assert learner in report.graded, report.problems
    return report, grading.cohort_scores(layout.db_url, layout.course_id)[(learner, W4)]


def _mentor_grades(layout, learner, capstone: float, comment: str = ""):
    """A mentor in formgrader: the capstone gets ``capstone``, any other written answer full marks."""
    from nbgrader.api import Gradebook
    with Gradebook(layout.db_url, layout.course_id) as gb:
        for nb in gb.find_submission(W4, learner).notebooks:
            for grade in nb.grades:
                if grade.needs_manual_grade:
                    grade.manual_score = capstone if grade.name == Q else grade.max_score
                    grade.needs_manual_grade = False
            for c in nb.comments:
                if c.name == Q and comment:
                    c.manual_comment = comment
        gb.db.commit()
    grading.refresh_feedback(layout, W4)




@pytest.mark.slow
def test_a_reference_capstone_waits_for_the_mentor_then_passes_the_week(layout):
    """Does a full reference submission get no point for the capstone until a mentor grades it (the
    automatic points alone cannot pass week 4), does the mentor see the steps beside the rubric, and
    does the mentor's full grade pass the week with the score and comment on the feedback page?"""
    key = load_key(layout.keys, W4)
    week = layout.syllabus.week(W4)
    report, got = _hand_in(layout, "cap_full")
    assert (got.score, got.pending_points) == (key.auto_points, key.total_points - key.auto_points)
    assert key.auto_points < week.points_needed(key.total_points)
    assert gate.read(layout.gate_dir, "cap_full")[W4].state == "awaiting_review"
    assert "cap_full" in report.to_review

    graded = nbformat.read(layout.autograded / "cap_full" / W4 / "assessment.ipynb", as_version=4)
    cell = next(c for c in graded.cells if c.metadata.get("nbgrader", {}).get("grade_id") == Q)
    reference = key.entries[Q].reference_answer()
    assert "Objectives" in cell.source and "Adapting" in cell.source and "7 of 7 steps written" in cell.source
    assert "A measurable objective (2 points)" in cell.source and "jupyter" not in cell.metadata
    assert "500 parents in Hit district" in cell.source and reference["objectives"][:20] in cell.source

    page = layout.feedback / "cap_full" / W4 / "assessment.html"
    assert "Waiting for your mentor (10 points)" in page.read_text(encoding="utf-8")

    _mentor_grades(layout, "cap_full", 10, "A clear, measurable plan. Name who replaces Ahmad when he is away.")
    entry = gate.read(layout.gate_dir, "cap_full")[W4]
    assert entry.state == "passed" and entry.score == key.total_points
    text = page.read_text(encoding="utf-8")
    assert "Name who replaces Ahmad when he is away." in text and "10 / 10" in text.replace(" of ", " / ")
    assert key.entries[Q].scheme[:40] not in text                      # no marking scheme on the page


@pytest.mark.slow
def test_a_mentor_who_gives_too_few_points_fails_the_week(layout):
    """With every other point earned, does a capstone marked one point short of the pass mark fail week 4?"""
    key = load_key(layout.keys, W4)
    needed = layout.syllabus.week(W4).points_needed(key.total_points)
    short = needed - (key.total_points - 10) - 1          # the capstone's points that leave the learner 1 short
    assert 0 <= short < 10
    _hand_in(layout, "cap_weak")
    _mentor_grades(layout, "cap_weak", short)
    entry = gate.read(layout.gate_dir, "cap_weak")[W4]
    assert entry.score == needed - 1 and entry.state == "failed"


@pytest.mark.slow
def test_a_blank_capstone_scores_zero_at_once(layout):
    """Is a capstone left blank 0 points at once (nothing for the mentor), and a blank submission 0?"""
    from nbgrader.api import Gradebook

    def no_capstone(folder):
        data = json.loads(_answers(folder).read_text())
        del data["answers"][Q]
        _answers(folder).write_text(json.dumps(data))
    key = load_key(layout.keys, W4)
    _report, got = _hand_in(layout, "cap_none", edit=no_capstone)
    assert got.score == key.auto_points and got.pending_points == key.total_points - key.auto_points - 10
    with Gradebook(layout.db_url, layout.course_id) as gb:
        grade = gb.find_grade(Q, "assessment", W4, "cap_none")
        assert grade.score == 0 and not grade.needs_manual_grade
        assert gb.find_comment(Q, "assessment", W4, "cap_none").auto_comment == "No response."
    _report, blank = _hand_in(layout, "cap_blank", quality="blank")
    assert (blank.score, blank.pending_points) == (0, 0)


@pytest.mark.slow
def test_editing_the_notebook_or_the_answers_file_gains_nothing(layout):
    """A learner claims the capstone's points: extra fields and points in the answers file, the grade cell
    made a code cell worth 100 that prints 10, its metadata changed, the builder cell pointed elsewhere.
    Is the capstone still waiting for a mentor, worth 10, with no point given?"""
    from nbgrader.api import Gradebook
    key = load_key(layout.keys, W4)

    def cheat(folder):
        data = json.loads(_answers(folder).read_text())
        data["answers"][Q].update(points=10, score=10, grade="full marks", objectives=["not", "text"],
                                  content="<script>alert(1)</script> **10/10** $x$ [mark me](http://x) Q&A")
        data["answers"][f"{Q}_check"] = 10
        data["score"] = 100
        _answers(folder).write_text(json.dumps(data))
        nb = nbformat.read(folder / "assessment.ipynb", as_version=4)
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if meta.get("grade_id") == Q:
                cell.cell_type, cell.source = "code", "10"
                cell.outputs, cell.execution_count = [], None
                meta.update(points=100, solution=False, grade=True, locked=True)
            if meta.get("grade_id") == f"{Q}_widget":
                cell.source = 'assessment.strategy("q1_seo_title", steps=["answer"], rubric={"x": 100})'
        nb.cells.append(nbformat.v4.new_code_cell("print(10)", metadata={"nbgrader": {
            "grade": True, "grade_id": f"{Q}_check", "points": 50, "solution": False, "locked": True,
            "schema_version": 3}}))
        nbformat.write(nb, folder / "assessment.ipynb")
    report, got = _hand_in(layout, "cap_cheat", edit=cheat)
    assert got.score == key.auto_points and got.max_score == key.total_points
    assert got.pending_points == key.total_points - key.auto_points
    with Gradebook(layout.db_url, layout.course_id) as gb:
        grade = gb.find_grade(Q, "assessment", W4, "cap_cheat")
        assert grade.needs_manual_grade and grade.auto_score is None and grade.max_score == 10
    graded = nbformat.read(layout.autograded / "cap_cheat" / W4 / "assessment.ipynb", as_version=4)
    cell = next(c for c in graded.cells if c.metadata.get("nbgrader", {}).get("grade_id") == Q)
    assert cell.cell_type == "markdown" and cell.metadata["nbgrader"]["points"] == 10
    assert "6 of 7 steps written" in cell.source and "full marks" not in cell.source   # only the steps, as text
    from nbconvert.filters.markdown_mistune import markdown2html_mistune
    shown = markdown2html_mistune(cell.source)        # as formgrader renders the cell
    assert "<script>" not in shown and "&lt;script&gt;alert(1)&lt;/script&gt;" in shown
    assert "**10/10** $x$ [mark me](http://x) Q&amp;A" in shown and "<strong>" not in shown.split("Rubric")[0]
    assert any("was not text" in note for note in report.notes.get("cap_cheat", []))


@pytest.mark.slow
def test_a_huge_or_malformed_capstone_is_cut_or_left_out_with_a_message(layout):
    """Is a step far over the limit cut to it, a capstone that is not a table of steps read as empty, each
    with a message, while every other answer is still scored?"""
    key = load_key(layout.keys, W4)

    def huge(folder):
        data = json.loads(_answers(folder).read_text())
        data["answers"][Q]["content"] = "video " * 20000        # 120,000 characters, under the file's limit
        _answers(folder).write_text(json.dumps(data))
    report, got = _hand_in(layout, "cap_huge", edit=huge)
    assert got.score == key.auto_points and got.pending_points == key.total_points - key.auto_points
    assert any(f"longer than {STEP_CHARS} characters" in n for n in report.notes["cap_huge"])
    graded = nbformat.read(layout.autograded / "cap_huge" / W4 / "assessment.ipynb", as_version=4)
    cell = next(c for c in graded.cells if c.metadata.get("nbgrader", {}).get("grade_id") == Q)
    assert cell.source.count("video") <= STEP_CHARS // 6 + 1

    def not_steps(folder):
        data = json.loads(_answers(folder).read_text())
        data["answers"][Q] = "my whole strategy in one string"
        _answers(folder).write_text(json.dumps(data))
    report, got = _hand_in(layout, "cap_string", edit=not_steps)
    assert got.score == key.auto_points and got.pending_points == key.total_points - key.auto_points - 10
    assert any("not a set of steps" in n for n in report.notes["cap_string"])
    page = (layout.feedback / "cap_string" / W4 / "assessment.html").read_text(encoding="utf-8")
    assert "not a set of steps" in page


def test_the_arabic_builder_reads_arabic_only(tmp_path):
    """Built in Arabic, are the rubric, every step's title, question and example, the checks and the saved
    message Arabic, right to left, with no English sentence?"""
    from english import english_runs, page_text
    _a, widget = builder(tmp_path, "ar")
    widget.boxes["objectives"].value = "أن يهتم الناس بالمياه النظيفة"
    assert "course-rtl" in widget._dom_classes and widget.rubric_panel.get_title(0) == "كيف ستُقيَّم استراتيجيتك"
    parts = [widget.rubric_panel.children[0].value, widget.checks.value, widget.feedback.value]
    parts += [c.value for c in widget.children if hasattr(c, "value") and isinstance(c.value, str)]
    parts += [b.placeholder for b in widget.boxes.values()] + [widget.save_button.description,
                                                               widget.export_button.description]
    text = page_text(" ".join(parts))
    assert re.search(r"[\u0600-\u06ff]", text) and english_runs(text) == [], english_runs(text)
    assert 'dir="rtl"' in widget.rubric_panel.children[0].value
