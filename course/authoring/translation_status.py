"""Which blocks of a lesson's Arabic source are missing or stale, by the pins they carry.

The English blocks and the Arabic blocks are lined up by their pins (the
longest run of matching hashes first, as ``difflib`` does), so an English
paragraph that changed flags exactly the Arabic block that translated it, a
new English paragraph is *missing*, and an Arabic block whose English
paragraph was removed is *left over*.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from ..layout import CourseLayout
from .lesson_source import SOURCE_FOLDER, Block, LessonSource, SourceError, Unit, read_lesson, read_translation

TRANSLATED = ("ar",)


def translation_path(source: Path, language: str = "ar") -> Path:
    """``src/NN_topic.md`` -> ``src/NN_topic.ar.md``."""
    return source.with_name(f"{source.name.removesuffix('.md')}.{language}.md")


@dataclass
class Status:
    """One lesson's translation into one language, block by block."""
    lesson: str
    language: str
    path: Path
    exists: bool
    english: list[Block] = field(default_factory=list)
    texts: list[str | None] = field(default_factory=list)      # the translation of each English block, or None
    missing: list[Block] = field(default_factory=list)
    stale: list[tuple[Block, Unit]] = field(default_factory=list)
    left_over: list[Unit] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return self.exists and not (self.missing or self.stale or self.left_over)

    @property
    def translated(self) -> int:
        return sum(text is not None for text in self.texts) - len(self.stale)

    def summary(self) -> str:
        name = f"{self.lesson} ({self.language})"
        if not self.exists:
            return f"{name}: not translated yet, {len(self.english)} blocks ({self.path.name} does not exist)"
        parts = [f"{len(self.missing)} missing", f"{len(self.stale)} stale"]
        if self.left_over:
            parts.append(f"{len(self.left_over)} left over")
        return f"{name}: {self.translated} of {len(self.english)} blocks translated; {', '.join(parts)}"

    def lines(self) -> list[str]:
        """One line per missing, stale or left-over block, with where it is and the pin to write."""
        out = [f"missing: {b.where} {b.preview!r}; write its translation after <!-- en: {b.hash} -->"
               for b in self.missing]
        for block, unit in self.stale:
            why = "has no pin" if unit.pin is None else f"pins en: {unit.pin}"
            out.append(f"stale: {unit.where} of {self.path.name} {why}, but the English {block.where} "
                       f"{block.preview!r} is now en: {block.hash}; check the translation, then update its pin")
        out += [f"left over: {u.where} of {self.path.name} (en: {u.pin}) translates no English block; "
                "remove it or pin it to the block it translates" for u in self.left_over]
        return out


def align(english: list[Block], units: list[Unit]) -> tuple[list[str | None], list[Block],
                                                            list[tuple[Block, Unit]], list[Unit]]:
    """``(texts, missing, stale, left_over)``: each English block's translation (None if missing)."""
    texts: list[str | None] = [None] * len(english)
    missing, stale, left_over = [], [], []
    matcher = SequenceMatcher(None, [b.hash for b in english], [u.pin for u in units], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        pairs = list(zip(range(i1, i2), range(j1, j2)))
        for i, j in pairs:
            if not units[j].text:
                missing.append(english[i])
                continue
            texts[i] = units[j].text
            if op != "equal":
                stale.append((english[i], units[j]))
        missing += english[i1 + len(pairs):i2]
        left_over += units[j1 + len(pairs):j2]
    missing.sort(key=english.index)
    return texts, missing, stale, left_over


def status(source: LessonSource, language: str = "ar") -> Status:
    """How far ``source`` is translated into ``language``."""
    path = translation_path(source.path, language)
    english = source.blocks()
    result = Status(source.stem, language, path, path.exists(), english, [None] * len(english))
    if result.exists:
        result.texts, result.missing, result.stale, result.left_over = align(english, read_translation(path))
    else:
        result.missing = list(english)
    return result


def week_status(layout: CourseLayout, week_id: str, language: str = "ar") -> list[Status]:
    """The translation status of every lesson of a week that has a source."""
    week = layout.syllabus.week(week_id)
    out = []
    for lesson in week.lessons:
        path = layout.week_folder(week_id) / SOURCE_FOLDER / f"{lesson.removesuffix('.ipynb')}.md"
        if path.exists():
            out.append(status(read_lesson(path), language))
    return out


def report(layout: CourseLayout, week_id: str, language: str = "ar") -> tuple[list[str], list[str], list[str]]:
    """``(problems, notes, details)`` for ``course check``: stale or left-over blocks of a translation are
    problems; missing blocks and lessons not translated yet are notes, with counts; details list every block."""
    problems, notes, details = [], [], []
    try:
        statuses = week_status(layout, week_id, language)
    except SourceError as exc:
        return [f"{week_id}: translations cannot be read: {exc}"], [], []
    for s in statuses:
        line = f"translation {s.summary()}"
        (problems if s.stale or s.left_over else notes).append(line)
        details += [f"{s.lesson} ({language}) {d}" for d in s.lines()] if s.exists else []
    started = [s for s in statuses if s.exists]
    missing = sum(len(s.missing) for s in started)
    waiting = sum(len(s.english) for s in statuses if not s.exists)
    notes.append(f"translation ({language}) of {week_id}: {len(started)} of {len(statuses)} lessons started, "
                 f"{missing} blocks missing, {sum(len(s.stale) for s in started)} stale"
                 + (f"; {waiting} blocks in lessons not started" if waiting else ""))
    return problems, notes, details
