"""``course build`` for lessons: each lesson's notebooks, written from its text source.

``weekN_*/src/NN_topic.md`` becomes ``weekN_*/NN_topic.ipynb`` and, when
``src/NN_topic.ar.md`` exists, ``NN_topic.ar.ipynb``. The builder writes the
title cell (title, "About N minutes · Week W, lesson L of K", intro,
objectives, the body's opening), one markdown cell per body cell, one hidden
one-line code cell per placed exercise, tool or chart, the "What to remember"
and Mentor corner cell, and the Ask-your-mentor cell. Outputs are empty and
the text is the same on every build, so ``course check`` can compare.

An Arabic notebook takes each block's text from the Arabic source (a block not
translated yet keeps its English text; ``course check`` lists it), wraps every
markdown cell in ``<div dir="rtl" lang="ar">`` and leaves code cells left to
right.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from .. import i18n
from ..i18n import _
from ..layout import CourseLayout
from ..lessons.registry import registry_of, week_module
from ..syllabus import Week
from .lesson_source import SOURCE_FOLDER, Block, LessonSource, Placement, SourceError, read_lesson
from .translation_status import TRANSLATED, status


@dataclass(frozen=True)
class BuiltLesson:
    """One notebook ``course build`` writes: where, and its exact text."""
    lesson: str
    language: str
    path: Path
    text: str


def source_path(layout: CourseLayout, week_id: str, lesson: str) -> Path:
    """``weekN_*/src/NN_topic.md`` for the syllabus's lesson ``NN_topic.ipynb``."""
    return layout.week_folder(week_id) / SOURCE_FOLDER / f"{lesson.removesuffix('.ipynb')}.md"


def notebook_name(lesson_stem: str, language: str) -> str:
    return f"{lesson_stem}.ipynb" if language == "en" else f"{lesson_stem}.{language}.ipynb"


def check_placements(source: LessonSource, week: Week) -> None:
    """Every placement names a function of the week registered with the same kind."""
    registry = registry_of(week.number)
    for place in source.placements():
        entry = registry.get(place.name)
        where = f"{source.path}, line {place.line}"
        if entry is None:
            raise SourceError(f"{where}: there is no {place.kind} called {place.name} in {week_module(week.number)}; "
                              f"define it in a lesson module there with @{place.kind}")
        if entry.kind != place.kind:
            raise SourceError(f"{where}: {place.name} is registered as a {entry.kind}, so place it with "
                              f"```{{{entry.kind}}} {place.name}```")


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def lesson_notebook(source: LessonSource, week: Week, language: str = "en",
                    texts: list[str | None] | None = None, next_title: str | None = None) -> nbformat.NotebookNode:
    """The notebook of ``source`` in ``language``; ``texts`` gives each block's translation (see ``blocks()``);
    ``next_title`` is the next lesson's title (None: the week's assessment comes next)."""
    blocks = source.blocks()
    translated = dict(zip(map(id, blocks), texts or [None] * len(blocks)))

    def t(block: Block) -> str:
        return translated.get(id(block)) or block.text

    number = week.lessons.index(f"{source.stem}.ipynb") + 1
    prefix = f"l{number}"
    cells = []

    def markdown(text: str):
        if language in i18n.RIGHT_TO_LEFT:
            text = f'<div dir="rtl" lang="{language}">\n\n{text}\n\n</div>'
        cells.append(new_markdown_cell(text, id=f"{prefix}-{len(cells):02d}"))

    def code(text: str):
        cells.append(new_code_cell(text, id=f"{prefix}-{len(cells):02d}",
                                   metadata={"jupyter": {"source_hidden": True}}))

    with i18n.language(language):
        about = _("lesson.about", minutes=source.minutes, week=week.number, lesson=number,
                  lessons=len(week.lessons))
        remember, corner, ask = _("lesson.remember"), _("lesson.mentor_corner"), _("lesson.ask")
    title = [f"# {t(source.title)}", about]
    if source.intro:
        title.append(t(source.intro))
    if source.objectives:
        title.append(_bullets([t(b) for b in source.objectives]))
    title += [t(b) for b in source.opening]
    markdown("\n\n".join(title))
    for cell in source.cells:
        if isinstance(cell, Placement):
            code(f"from {week_module(week.number)} import {cell.name}; {cell.name}()")
        else:
            markdown("\n\n".join(t(b) for b in cell))
    end = [f"---\n\n**{remember}**\n\n{_bullets([t(b) for b in source.remember])}"] if source.remember else []
    markdown("\n\n".join([*end, f"## {corner}", t(source.mentor_corner), ask]))
    code(f'from course.widgets import AskMentor; AskMentor("{source.stem}")')
    markdown(_next_step(week, number, next_title, language))
    exercises = [p.name for p in source.placements() if p.kind == "exercise"]
    metadata = {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
                "language_info": {"name": "python"}, "title": t(source.title),
                "course": {"language": language, "source": f"{SOURCE_FOLDER}/{source.stem}"
                                                              f"{'' if language == 'en' else '.' + language}.md",
                           "exercises": exercises}}
    return new_notebook(cells=cells, metadata=metadata)


def _next_step(week: Week, number: int, next_title: str | None, language: str) -> str:
    """The lesson's last cell: a link to the next lesson (by its title) or to the week's assessment."""
    with i18n.language(language):
        if next_title is not None:
            target = week.lessons[number]
            link = _("lesson.next_lesson", number=number + 1, title=next_title)
        else:
            target, link = week.assessment, _("lesson.next_assessment")
        return f"---\n\n**{_('lesson.next')}** [{link}]({target})\n\n{_('lesson.progress_on_home')}"


def _next_title(layout: CourseLayout, week: Week, lesson: str, language: str) -> str | None:
    """The title of the lesson after ``lesson`` in ``language`` (its English one while untranslated)."""
    position = week.lessons.index(lesson)
    if position + 1 >= len(week.lessons):
        return None
    path = source_path(layout, week.id, week.lessons[position + 1])
    if not path.exists():
        return None
    following = read_lesson(path)
    if language != "en":
        translation = status(following, language)
        if translation.exists:
            texts = dict(zip(map(id, following.blocks()), translation.texts))
            return (texts.get(id(following.title)) or following.title.text).strip()
    return following.title.text.strip()


def build_lesson(layout: CourseLayout, week_id: str, lesson: str) -> list[BuiltLesson]:
    """The notebooks of one lesson of the syllabus: English, and each translation whose source exists."""
    week = layout.syllabus.week(week_id)
    path = source_path(layout, week_id, lesson)
    if not path.exists():
        raise SourceError(f"{path} is missing: the syllabus lists {lesson} in {week_id}, and every lesson "
                          "is built from its source (`course new-lesson` starts one)")
    source = read_lesson(path)
    check_placements(source, week)
    stem = source.stem
    built = [BuiltLesson(stem, "en", layout.week_folder(week_id) / notebook_name(stem, "en"),
                         _text(lesson_notebook(source, week,
                                               next_title=_next_title(layout, week, lesson, "en"))))]
    for language in TRANSLATED:
        translation = status(source, language)
        if translation.exists:
            nb = lesson_notebook(source, week, language, translation.texts,
                                 next_title=_next_title(layout, week, lesson, language))
            built.append(BuiltLesson(stem, language, layout.week_folder(week_id) / notebook_name(stem, language),
                                     _text(nb)))
    return built


def _text(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def build_week_lessons(layout: CourseLayout, week_id: str) -> list[BuiltLesson]:
    """Every lesson notebook of a week, as ``course build`` writes them."""
    week = layout.syllabus.week(week_id)
    unlisted = sorted(p.name for p in (layout.week_folder(week_id) / SOURCE_FOLDER).glob("*.md")
                      if p.name.count(".") == 1 and f"{p.name.removesuffix('.md')}.ipynb" not in week.lessons)
    if unlisted:
        raise SourceError(f"{week_id}/{SOURCE_FOLDER}/{unlisted[0]} is not in the week's `lessons` in the syllabus; "
                          "add it there (or delete the source)")
    return [b for lesson in week.lessons for b in build_lesson(layout, week_id, lesson)]


def write_week_lessons(layout: CourseLayout, week_id: str) -> list[BuiltLesson]:
    """Write every lesson notebook of a week; only files whose text changed are touched."""
    built = build_week_lessons(layout, week_id)
    for b in built:
        if not b.path.exists() or b.path.read_text(encoding="utf-8") != b.text:
            b.path.write_text(b.text, encoding="utf-8")
    return built
