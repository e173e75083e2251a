"""``course new-lesson WEEK NAME``: a starter source for the week's next lesson, listed in the syllabus."""
from __future__ import annotations

import re
from pathlib import Path

from ..layout import CourseLayout
from ..syllabus import PACKAGED_SYLLABUS
from .lesson_source import SOURCE_FOLDER

NAME = re.compile(r"^[a-z][a-z0-9_]*$")

STARTER = """---
title: {title}
minutes: 30
intro: |
  One or two sentences: why this matters for an organisation's campaign. In this lesson you will:
objectives:
- first thing the learner will be able to do;
- second thing.
remember:
- the first thing to remember.
mentor_corner: |
  Bring this question to the week's live chat: *a question about the learner's own organisation.*
---

> **Screens change.** Say where menus may differ between the app, the website and countries.

+++

## First section

Write the lesson here, in short paragraphs. A blank line separates paragraphs; each paragraph is one
block for the translator.

```{{exercise}} {exercise}
```
"""


def next_number(layout: CourseLayout, week_id: str) -> int:
    """One more than the highest lesson number of the week (in the syllabus or in src/)."""
    week = layout.syllabus.week(week_id)
    names = [*week.lessons, *(p.name for p in (layout.week_folder(week_id) / SOURCE_FOLDER).glob("*.md"))]
    numbers = [int(n[:2]) for n in names if n[:2].isdigit()]
    return max(numbers, default=0) + 1


def syllabus_path(layout: CourseLayout) -> Path:
    return layout.syllabus_file or PACKAGED_SYLLABUS


def add_to_syllabus(path: Path, week_id: str, lesson: str) -> None:
    """Append ``lesson`` to the week's ``lessons = [...]`` line, keeping the file's comments and layout."""
    text = path.read_text(encoding="utf-8")
    block = re.search(rf'(?ms)^\[\[weeks\]\]\s*\nid = "{re.escape(week_id)}"\n.*?^lessons = \[(?P<list>[^\]]*)\]', text)
    if block is None:
        raise ValueError(f"{path}: cannot find the `lessons = [...]` line of {week_id}; add \"{lesson}\" there by hand")
    items = block["list"].strip()
    new = f'{items}, "{lesson}"' if items else f'"{lesson}"'
    text = text[:block.start("list")] + new + text[block.end("list"):]
    path.write_text(text, encoding="utf-8")


def new_lesson(layout: CourseLayout, week_id: str, name: str) -> tuple[Path, list[str]]:
    """Write ``<week>/src/NN_name.md`` and list it in the syllabus; the path and what the author does next."""
    if not NAME.match(name):
        raise ValueError(f"the lesson name {name!r} must be lower-case letters, digits and _ (e.g. page_insights)")
    week = layout.syllabus.week(week_id)
    stem = f"{next_number(layout, week_id):02d}_{name}"
    path = layout.week_folder(week_id) / SOURCE_FOLDER / f"{stem}.md"
    exercise = f"{name}_first_question"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(STARTER.format(title=name.replace("_", " ").capitalize(), exercise=exercise), encoding="utf-8")
    add_to_syllabus(syllabus_path(layout), week_id, f"{stem}.ipynb")
    module = f"course/lessons/week{week.number}/{name}.py"
    steps = [
        f"1. Write the lesson in {path.relative_to(layout.root)} (front matter, then the body; see AUTHORING.md).",
        f"2. Write the exercise {exercise} in {module}: a function decorated with @exercise that returns a "
        f"widget, its texts in course/i18n/en/{week_id}.toml and course/i18n/ar/{week_id}.toml.",
        f"3. Run `course build {week_id}`: it writes {week_id}/{stem}.ipynb.",
        f"4. Run the lesson tests: .venv/bin/python -m pytest tests/authoring -q",
        f"5. For Arabic, write {path.with_name(stem + '.ar.md').relative_to(layout.root)}; "
        f"`course check --translations {week_id}` lists each block and the pin to write.",
    ]
    return path, steps
