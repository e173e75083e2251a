"""Lessons built from their sources: the committed notebooks equal their build, a hand edit is caught and
named, translations are pinned block by block, and the Arabic notebook reads right to left."""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from course.authoring.lesson_build import build_week_lessons, check_placements, write_week_lessons
from course.authoring.lesson_drift import lesson_differences
from course.authoring.lesson_source import SourceError, block_hash, read_lesson
from course.authoring.translation_status import status
from course.cli import main
from course.layout import CourseLayout
from course.scaffold import copy_course
from course.syllabus import load_syllabus

ROOT = Path(__file__).resolve().parents[2]
WEEKS = load_syllabus().week_ids
LESSON_1 = "week1_facebook/src/01_presence_on_facebook.md"


@pytest.fixture
def course(tmp_path) -> CourseLayout:
    copy_course(tmp_path / "course", source=ROOT)
    return CourseLayout.at(tmp_path / "course")


@pytest.mark.parametrize("week", WEEKS)
def test_committed_lessons_equal_their_build(week):
    """Is every committed lesson notebook (both languages) byte for byte what `course build` writes?"""
    layout = CourseLayout.at(ROOT)
    assert lesson_differences(layout, week) == []
    assert all(b.text == build.text for b, build in zip(build_week_lessons(layout, week),
                                                        build_week_lessons(layout, week)))


def test_a_hand_edited_lesson_is_named_with_its_first_differing_cell(course):
    """If a built notebook is edited by hand, does the check name the lesson, the cell and the fix?"""
    path = course.week_folder("week1_facebook") / "02_google_search.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"][3]["source"] = ["Edited by hand."]
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    problems = lesson_differences(course, "week1_facebook")
    assert len(problems) == 1
    assert "02_google_search.ipynb differs from its build at cell 4 (l2-03)" in problems[0]
    assert "run `course build week1_facebook`" in problems[0]


def test_a_changed_source_needs_a_build_then_passes(course):
    """Does a source changed without building fail the check, and pass once `course build` ran?"""
    source = course.root / LESSON_1
    source.write_text(source.read_text(encoding="utf-8").replace("minutes: 30", "minutes: 35"), encoding="utf-8")
    assert any("01_presence_on_facebook.ipynb differs" in p for p in lesson_differences(course, "week1_facebook"))
    write_week_lessons(course, "week1_facebook")
    assert lesson_differences(course, "week1_facebook") == []
    first = nbformat.read(course.week_folder("week1_facebook") / "01_presence_on_facebook.ipynb", as_version=4)
    assert "*About 35 minutes · Week 1, lesson 1 of 5*" in first.cells[0].source


def test_generated_parts_are_declared_once(course):
    """Are the title line, objectives, What to remember, Mentor corner and Ask-your-mentor cell written from
    the front matter, with the lesson's own name in AskMentor?"""
    cells = nbformat.read(course.week_folder("week1_facebook") / "04_tips_and_tricks.ipynb", as_version=4).cells
    source = read_lesson(course.root / "week1_facebook/src/04_tips_and_tricks.md")
    assert cells[0].source.startswith(f"# {source.title.text}\n\n*About {source.minutes} minutes · Week 1, lesson 4 of 5*")
    assert all(f"- {b.text}" in cells[0].source for b in source.objectives)
    assert all(f"- {b.text}" in cells[-3].source for b in source.remember)
    assert "**What to remember**" in cells[-3].source and "## Mentor corner" in cells[-3].source
    assert source.mentor_corner.text in cells[-3].source
    assert cells[-2].source == 'from course.widgets import AskMentor; AskMentor("04_tips_and_tricks")'
    assert cells[-1].source.endswith("](05_digital_security.ipynb)\n\n" + cells[-1].source.split("\n\n")[-1])


def test_placements_must_name_a_registered_function_of_the_right_kind(tmp_path):
    """Is a misspelt exercise, or a tool placed as an exercise, refused with a message that says what to do?"""
    week = load_syllabus().week("week1_facebook")
    path = tmp_path / "01_presence_on_facebook.md"
    text = (ROOT / LESSON_1).read_text(encoding="utf-8")
    path.write_text(text.replace("{exercise} where_to_plan", "{exercise} where_to_plna"), encoding="utf-8")
    with pytest.raises(SourceError, match="no exercise called where_to_plna in course.lessons.week1"):
        check_placements(read_lesson(path), week)
    path.write_text(text.replace("{exercise} where_to_plan", "{exercise} query_builder"), encoding="utf-8")
    with pytest.raises(SourceError, match=r"registered as a tool, so place it with ```\{tool\} query_builder```"):
        check_placements(read_lesson(path), week)


def test_code_in_a_source_is_refused(tmp_path):
    """Is a code cell in a lesson source refused (code lives in the lesson module)?"""
    path = tmp_path / "01_x.md"
    path.write_text("---\ntitle: X\nminutes: 5\nmentor_corner: Ask.\n---\n\n## A\n\n```{code-cell} ipython3\n"
                    "print(1)\n```\n", encoding="utf-8")
    with pytest.raises(SourceError, match="not as a code cell"):
        read_lesson(path)


# -- translations pinned to their source ---------------------------------------------------------
ENGLISH = """---
title: Tags
minutes: 20
objectives:
  - tag with consent;
  - write readable hashtags.
mentor_corner: Bring your hashtag.
---

## Tagging

First paragraph.

Second paragraph.

```{exercise} tag_the_volunteer
```

Third paragraph.
"""


def _pinned(english: Path) -> str:
    """A complete Arabic source for ``english``, each block pinned to its English block."""
    s = read_lesson(english)
    front = [f'title: "<!-- en: {s.title.hash} --> وسوم"', "objectives:"]
    front += [f'  - "<!-- en: {b.hash} --> هدف {i}"' for i, b in enumerate(s.objectives, 1)]
    front.append(f'mentor_corner: "<!-- en: {s.mentor_corner.hash} --> أحضر وسمك."')
    body = [f"<!-- en: {b.hash} -->\nفقرة {i}" for i, b in enumerate(s.blocks()[len(s.front_blocks()):], 1)]
    body.insert(3, "```{exercise} tag_the_volunteer\n```")
    return "---\n" + "\n".join(front) + "\n---\n\n" + "\n\n".join(body) + "\n"


@pytest.fixture
def pair(tmp_path) -> tuple[Path, Path]:
    english = tmp_path / "03_tags.md"
    english.write_text(ENGLISH, encoding="utf-8")
    arabic = tmp_path / "03_tags.ar.md"
    arabic.write_text(_pinned(english), encoding="utf-8")
    return english, arabic


def test_a_complete_translation_has_nothing_missing_or_stale(pair):
    """Does an Arabic source with every block pinned to the current English report complete?"""
    result = status(read_lesson(pair[0]))
    assert result.complete and result.translated == len(result.english) == 8


def test_changing_one_english_paragraph_flags_exactly_its_arabic_counterpart(pair):
    """When one English paragraph changes, is exactly its Arabic block stale, and nothing missing?"""
    english, _arabic = pair
    english.write_text(ENGLISH.replace("Second paragraph.", "Second paragraph, reworded."), encoding="utf-8")
    result = status(read_lesson(english))
    assert [(b.text, u.text) for b, u in result.stale] == [("Second paragraph, reworded.", "فقرة 3")]
    assert result.missing == [] and result.left_over == []
    assert "is now en: " + block_hash("Second paragraph, reworded.") in result.lines()[0]


def test_changing_an_objective_flags_exactly_that_objective(pair):
    """Do front-matter blocks (here the second objective) carry their own pins too?"""
    english, _arabic = pair
    english.write_text(ENGLISH.replace("write readable hashtags.", "write hashtags people can read."),
                       encoding="utf-8")
    result = status(read_lesson(english))
    assert [(b.where, u.text) for b, u in result.stale] == [("objective 2", "هدف 2")]


def test_a_new_paragraph_is_missing_and_a_removed_one_is_left_over(pair):
    """Is a paragraph added in English reported missing, and the translation of a removed one left over?"""
    english, _arabic = pair
    english.write_text(ENGLISH.replace("Third paragraph.", "Third paragraph.\n\nA new fourth one.")
                       .replace("First paragraph.\n\n", ""), encoding="utf-8")
    result = status(read_lesson(english))
    assert [b.text for b in result.missing] == ["A new fourth one."]
    assert [u.text for u in result.left_over] == ["فقرة 2"]
    assert result.stale == []


def test_arabic_text_without_a_pin_is_reported(pair):
    """Is Arabic text written without its pin reported: at the start of a cell as a block with no pin, after
    another block (which it joins) as its English block missing?"""
    english, arabic = pair
    text = arabic.read_text(encoding="utf-8")
    arabic.write_text(re.sub(r"<!-- en: \w+ -->\n(فقرة [13])", r"\1", text), encoding="utf-8")
    result = status(read_lesson(english))
    assert [(b.text, u.pin) for b, u in result.stale] == [("## Tagging", None)]
    assert "has no pin" in result.lines()[-1]
    assert [b.text for b in result.missing] == ["Second paragraph."]


def test_the_example_translation_pins_the_title_block_and_lists_the_rest():
    """Does lesson 1's Arabic source pin its title, intro and objectives to the current English, and list every
    other block as missing with the pin to write?"""
    result = status(read_lesson(ROOT / LESSON_1))
    assert result.exists and not result.stale and not result.left_over
    translated = {b.where for b, text in zip(result.english, result.texts) if text}
    assert {"title", "intro", "objective 1", "objective 2", "objective 3"} <= translated
    assert len(result.missing) == len(result.english) - len(translated)
    assert all(f"<!-- en: {b.hash} -->" in line for b, line in zip(result.missing, result.lines()))


def test_check_translations_command_lists_and_fails_on_a_stale_block(course, capsys):
    """Does `course check --translations` name a stale Arabic block and fail, and pass a week not yet started?"""
    source = course.root / LESSON_1
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("In this lesson you will:", "In this lesson, you will:"), encoding="utf-8")
    assert main(["--root", str(course.root), "check", "--translations", "week1_facebook"]) == 1
    out = capsys.readouterr().out
    assert re.search(r"stale: intro of 01_presence_on_facebook\.ar\.md pins en: ea8f1bbb, but the English intro", out)
    (course.root / "week2_groups_pages" / "src" / "01_pages_and_roles.ar.md").unlink()   # a week not started
    assert main(["--root", str(course.root), "check", "--translations", "week2_groups_pages"]) == 0
    assert "01_pages_and_roles (ar): not translated yet" in capsys.readouterr().out


def test_arabic_notebook_reads_right_to_left_with_code_left_to_right():
    """Is every markdown cell of the Arabic notebook inside <div dir="rtl" lang="ar">, the code cells the
    English ones unchanged, and the notebook marked as Arabic?"""
    english = nbformat.read(ROOT / "week1_facebook/01_presence_on_facebook.ipynb", as_version=4)
    arabic = nbformat.read(ROOT / "week1_facebook/01_presence_on_facebook.ar.ipynb", as_version=4)
    assert arabic.metadata["course"]["language"] == "ar" and english.metadata["course"]["language"] == "en"
    assert [c.cell_type for c in arabic.cells] == [c.cell_type for c in english.cells]
    for en, ar in zip(english.cells, arabic.cells):
        if ar.cell_type == "code":
            assert ar.source == en.source and ar.metadata == en.metadata and not ar.outputs
        else:
            assert ar.source.startswith('<div dir="rtl" lang="ar">\n\n') and ar.source.endswith("\n\n</div>")
    assert arabic.cells[0].source.splitlines()[2] == "# حضور منظمتك على فيسبوك"
    assert "الأسبوع 1، الدرس 1 من 5" in arabic.cells[0].source and "## ركن المرشد" in arabic.cells[-3].source
    assert "[الدرس 2: " in arabic.cells[-1].source and "](02_google_search.ipynb)" in arabic.cells[-1].source


@pytest.mark.slow
def test_release_ships_both_languages_and_never_the_sources(course):
    """Does a week's release hold each lesson and its Arabic notebook, and nothing of src/?"""
    from course import grading
    released = grading.release(course, "week1_facebook")
    names = {p.name for p in released.rglob("*")}
    assert {"01_presence_on_facebook.ipynb", "01_presence_on_facebook.ar.ipynb", "05_digital_security.ipynb"} <= names
    assert "src" not in names and not any(n.endswith(".md") for n in names)


def test_new_lesson_writes_a_starter_lists_it_and_says_what_next(course, capsys):
    """Does `course new-lesson` write the week's next source, add it to the syllabus, and does the build then
    ask for the example exercise to be written with @exercise?"""
    before = CourseLayout.at(course.root).syllabus.week("week2_groups_pages").lessons
    assert main(["--root", str(course.root), "new-lesson", "week2_groups_pages", "live_sessions"]) == 0
    out = capsys.readouterr().out
    stem = f"{len(before) + 1:02d}_live_sessions"
    source = course.root / "week2_groups_pages" / "src" / f"{stem}.md"
    assert source.exists() and "course build week2_groups_pages" in out and "@exercise" in out
    assert CourseLayout.at(course.root).syllabus.week("week2_groups_pages").lessons == before + (f"{stem}.ipynb",)
    lesson = read_lesson(source)
    assert lesson.title.text == "Live sessions" and [p.name for p in lesson.placements()] == [
        "live_sessions_first_question"]
    with pytest.raises(SourceError, match="no exercise called live_sessions_first_question in course.lessons.week2"):
        build_week_lessons(CourseLayout.at(course.root), "week2_groups_pages")
    assert main(["--root", str(course.root), "new-lesson", "week2_groups_pages", "Bad Name"]) != 0
