"""A lesson's text source, read into blocks: ``weekN_*/src/NN_topic.md`` and its Arabic ``NN_topic.ar.md``.

Sources are jupytext MyST Markdown. The YAML front matter declares the parts
every lesson has once (``title``, ``minutes``, ``intro``, ``objectives``,
``remember``, ``mentor_corner``); the body is markdown, cells separated by
``+++``; the body's first cell, unless it starts with a heading, continues
the title cell (the lesson's opening). An exercise, tool or chart is placed
with a one-line directive block::

    ```{exercise} where_to_plan
    ```

A *block* is what one translation covers: the title, the intro, each
objective, each "what to remember" item, the Mentor corner, and each body
paragraph (text between blank lines; a list, a table or a fenced example
counts as one). The Arabic source has the same blocks in the same order,
each opened by a pin ``<!-- en: 3f2a9c1b -->`` naming the hash of the English
block it translates (:func:`block_hash`).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import jupytext

SOURCE_FOLDER = "src"
PLACEMENT_KINDS = ("exercise", "tool", "chart")
DIRECTIVE = re.compile(r"^```\{(?P<kind>[\w-]+)\}[ \t]*(?P<name>\S*)[ \t]*\n```[ \t]*$")
PIN = re.compile(r"<!--\s*en:\s*(?P<hash>[0-9a-fA-F]{8,12})\s*-->[ \t]*\n?")
HASH_LENGTH = 8
REQUIRED = ("title", "minutes", "mentor_corner")
FRONT_TEXT = ("title", "intro", "mentor_corner")
FRONT_LISTS = ("objectives", "remember")


class SourceError(ValueError):
    """A lesson source that cannot be read; the message names the file and what to fix."""


def block_hash(text: str) -> str:
    """The pin of an English block: the first 8 hex digits of the SHA-256 of its text (trailing spaces ignored)."""
    normal = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:HASH_LENGTH]


@dataclass(frozen=True)
class Block:
    """One translatable block: where it is (``title``, ``objective 2``, ``line 34``...) and its text."""
    where: str
    text: str

    @property
    def hash(self) -> str:
        return block_hash(self.text)

    @property
    def preview(self) -> str:
        first = " ".join(self.text.split())
        return first if len(first) <= 60 else first[:59] + "…"


@dataclass(frozen=True)
class Placement:
    """An exercise, tool or chart placed in the lesson: ```{kind} name```."""
    kind: str
    name: str
    line: int


@dataclass
class LessonSource:
    """An English lesson source: the declared-once parts and the body's cells (each a list of blocks, or a placement)."""
    path: Path
    title: Block
    minutes: int
    intro: Block | None
    objectives: list[Block]
    remember: list[Block]
    mentor_corner: Block
    opening: list[Block]
    cells: list[list[Block] | Placement] = field(default_factory=list)

    @property
    def stem(self) -> str:
        return self.path.name.removesuffix(".md")

    def front_blocks(self) -> list[Block]:
        return [self.title, *([self.intro] if self.intro else []), *self.objectives, *self.remember,
                self.mentor_corner]

    def blocks(self) -> list[Block]:
        """Every translatable block, in the order the Arabic source follows."""
        body = [b for cell in self.cells if not isinstance(cell, Placement) for b in cell]
        return [*self.front_blocks(), *self.opening, *body]

    def placements(self) -> list[Placement]:
        return [cell for cell in self.cells if isinstance(cell, Placement)]


@dataclass(frozen=True)
class Unit:
    """One block of an Arabic source: the pin it carries (None: no pin) and its text."""
    where: str
    pin: str | None
    text: str


# -- reading -------------------------------------------------------------------------------------
def _read(path: Path):
    try:
        text = path.read_text(encoding="utf-8")
        return text, jupytext.reads(text, fmt="md:myst")
    except OSError as exc:
        raise SourceError(f"{path}: cannot be read ({exc.strerror})") from None
    except Exception as exc:   # jupytext and YAML raise many kinds
        raise SourceError(f"{path}: not valid MyST Markdown with YAML front matter ({exc})") from None


def _chunks(text: str) -> list[str]:
    """Paragraphs of markdown: text between blank lines, a fenced block kept whole."""
    chunks, current, fence = [], [], None
    for line in text.splitlines():
        stripped = line.strip()
        if fence is None and not stripped:
            if current:
                chunks.append("\n".join(current))
                current = []
            continue
        if stripped.startswith(("```", "~~~")):
            marker = stripped[:3]
            if fence is None:
                fence = marker
            elif stripped.rstrip(marker[0]) == "" and marker == fence:
                fence = None
        current.append(line.rstrip())
    if current:
        chunks.append("\n".join(current))
    return chunks


class _Lines:
    """Finds the line of each block in the raw source, in order."""
    def __init__(self, raw: str, after_front_matter: bool = False):
        self.raw, self.pos = raw, 0
        if after_front_matter and raw.startswith("---"):
            end = raw.find("\n---", 3)
            self.pos = end + 4 if end >= 0 else 0

    def line_of(self, text: str) -> int:
        first = text.splitlines()[0] if text else ""
        at = self.raw.find(first, self.pos)
        if at < 0:
            return 0
        self.pos = at + len(first)
        return self.raw.count("\n", 0, at) + 1


def _text(value, path: Path, name: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SourceError(f"{path}: `{name}` in the front matter must be text")
    return value.strip()


def _list(value, path: Path, name: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise SourceError(f"{path}: `{name}` in the front matter must be a list of texts (one `- ` line each)")
    return [v.strip() for v in value]


def read_lesson(path: Path | str) -> LessonSource:
    """Read an English lesson source; :class:`SourceError` says what is wrong and where."""
    path = Path(path)
    raw, nb = _read(path)
    meta = nb.metadata
    missing = [name for name in REQUIRED if name not in meta]
    if missing:
        raise SourceError(f"{path}: the front matter needs `{missing[0]}`")
    if not isinstance(meta["minutes"], int) or meta["minutes"] <= 0:
        raise SourceError(f"{path}: `minutes` must be a whole number of minutes")
    intro = meta.get("intro")
    lesson = LessonSource(
        path=path, title=Block("title", _text(meta["title"], path, "title")), minutes=meta["minutes"],
        intro=Block("intro", _text(intro, path, "intro")) if intro is not None else None,
        objectives=[Block(f"objective {i}", t) for i, t in enumerate(_list(meta.get("objectives"), path, "objectives"), 1)],
        remember=[Block(f"remember {i}", t) for i, t in enumerate(_list(meta.get("remember"), path, "remember"), 1)],
        mentor_corner=Block("mentor corner", _text(meta["mentor_corner"], path, "mentor_corner")),
        opening=[])
    lines = _Lines(raw, after_front_matter=True)
    for number, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown":
            raise SourceError(f"{path}: write code in a lesson module and place it with ```{{exercise}} name```, "
                              f"not as a code cell (cell {number + 1})")
        current: list[Block] = []
        for chunk in _chunks(cell.source):
            line = lines.line_of(chunk)
            directive = DIRECTIVE.match(chunk)
            if directive:
                kind, name = directive["kind"], directive["name"]
                if kind not in PLACEMENT_KINDS or not name.isidentifier():
                    raise SourceError(f"{path}, line {line}: write a placement as ```{{exercise}} name``` "
                                      f"(or tool, chart) with the function's name, not {chunk.splitlines()[0]!r}")
                if current:
                    lesson.cells.append(current)
                    current = []
                lesson.cells.append(Placement(kind, name, line))
            else:
                current.append(Block(f"line {line}", chunk))
        if current:
            lesson.cells.append(current)
    first = lesson.cells[0] if lesson.cells else None
    if isinstance(first, list) and not first[0].text.startswith("#"):
        lesson.opening = lesson.cells.pop(0)
    return lesson


def read_translation(path: Path | str) -> list[Unit]:
    """The blocks of a translated source, in order: front matter (same fields), then the body's pinned blocks."""
    path = Path(path)
    raw, nb = _read(path)
    meta = nb.metadata
    units: list[Unit] = []
    for name in ("title", "intro", *FRONT_LISTS, "mentor_corner"):
        value = meta.get(name)
        values = value if isinstance(value, list) else [] if value is None else [value]
        label = {"objectives": "objective", "remember": "remember"}.get(name, name.replace("_", " "))
        for i, item in enumerate(values, 1):
            where = f"{label} {i}" if name in FRONT_LISTS else label
            units.extend(_split_pins(str(item), where))
    lines = _Lines(raw, after_front_matter=True)
    for cell in nb.cells:
        for unit in _split_pins(cell.source, "body"):
            units.append(Unit(f"line {lines.line_of(unit.text)}", unit.pin, unit.text))
    return units


def _split_pins(text: str, where: str) -> list[Unit]:
    """``text`` cut at each pin: the text after a pin belongs to it (text before the first pin has none).
    Directive blocks are left out: they need no translation."""
    out: list[Unit] = []
    matches = list(PIN.finditer(text))
    head = text[:matches[0].start()] if matches else text
    head = _without_directives(head)
    if head.strip():
        out.append(Unit(where, None, head.strip()))
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        out.append(Unit(where, match["hash"].lower()[:HASH_LENGTH], _without_directives(text[match.end():end]).strip()))
    return out


COMMENT = re.compile(r"^<!--.*-->$", re.S)


def _without_directives(text: str) -> str:
    """The text without directive blocks (the same in every language) and without comments (notes to translators)."""
    return "\n\n".join(c for c in _chunks(text) if not DIRECTIVE.match(c) and not COMMENT.match(c.strip()))
