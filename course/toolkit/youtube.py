"""YouTube upload details: check a video's title, description, tags and chapters before uploading.

The limits are YouTube's own (YouTube Data API, videos resource; chapters as
YouTube Help describes them):

- title: at most 100 characters, not empty, no ``<`` or ``>``;
- description: at most 5000 *bytes* in UTF-8 (an Arabic letter takes 2, most
  emoji 4), no ``<`` or ``>``;
- tags: at most 500 characters in all, counting the comma between two tags
  and the two quotation marks YouTube adds around a tag that has a space;
- chapters, read from the description's timestamps (``0:00 Introduction``):
  the first at 0:00, at least 3, in ascending order, each at least 10 seconds.

Every problem is a :class:`~course.toolkit.findings.Finding` whose sentence
is in the catalogues (``course/i18n/<lang>/tools.toml``, keys ``tool.youtube.issue.*``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .findings import Finding, Messages, make

TITLE_MAX_CHARACTERS = 100
DESCRIPTION_MAX_BYTES = 5000
TAGS_MAX_CHARACTERS = 500
CHAPTERS_MIN = 3
CHAPTER_MIN_SECONDS = 10
FORBIDDEN = "<>"

MESSAGES = Messages("tool.youtube.issue")

# A timestamp (m:ss, mm:ss or h:mm:ss) at the start of a line, after any bullet or bracket,
# or at its end; the rest of the line is the chapter's title.
_STAMP = r"([0-9]{1,2}(?::[0-9]{1,2}){1,2})"
_AT_START = re.compile(rf"^[\s\-–—•*·(\[]*{_STAMP}(?![0-9:])[\s\)\]\-–—:|.]*(.*)$")
_AT_END = re.compile(rf"^(.*?)[\s\-–—:|(\[]+{_STAMP}[\)\]]?\s*$")
# The same written with Arabic-Indic digits (٠:٠٠), at the start of a line.
_ARABIC_STAMP = re.compile(r"^[\s\-–—•*·(\[]*([٠-٩۰-۹]{1,2}(?::[٠-٩۰-۹]{1,2}){1,2})")


@dataclass(frozen=True)
class Chapter:
    """One chapter read from the description."""

    start: int          # seconds from the start of the video
    stamp: str          # as written, e.g. "1:05"
    title: str
    line: int           # line of the description, from 1


@dataclass(frozen=True)
class UploadReport:
    """What is wrong with each part of an upload (an empty tuple: nothing)."""

    title: tuple[Finding, ...]
    description: tuple[Finding, ...]
    tags: tuple[Finding, ...]
    chapters: tuple[Finding, ...]
    found_chapters: tuple[Chapter, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        return self.title + self.description + self.tags + self.chapters

    @property
    def ok(self) -> bool:
        return not self.findings

    @property
    def finding_keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.findings)


# ------------------------------------------------------------------ title and description


def title_length(title: str) -> int:
    """Characters in a title, as YouTube counts them for its limit of 100."""
    return len(title)


def description_bytes(description: str) -> int:
    """Bytes of a description in UTF-8, as YouTube counts them for its limit of 5000."""
    return len(description.encode("utf-8"))


def _forbidden(text: str) -> str:
    return " ".join(ch for ch in FORBIDDEN if ch in text)


def check_title(title: str) -> tuple[Finding, ...]:
    """Problems with a video title: empty, over 100 characters, or holding < or >."""
    issues = []
    if not title.strip():
        issues.append(make(MESSAGES, "title_empty"))
    elif title_length(title) > TITLE_MAX_CHARACTERS:
        issues.append(make(MESSAGES, "title_too_long", length=title_length(title), limit=TITLE_MAX_CHARACTERS))
    if _forbidden(title):
        issues.append(make(MESSAGES, "title_forbidden", chars=_forbidden(title)))
    return tuple(issues)


def check_description(description: str) -> tuple[Finding, ...]:
    """Problems with a description: over 5000 bytes in UTF-8, or holding < or >."""
    issues = []
    size = description_bytes(description)
    if size > DESCRIPTION_MAX_BYTES:
        issues.append(make(MESSAGES, "description_too_long", size=size, limit=DESCRIPTION_MAX_BYTES,
                           over=size - DESCRIPTION_MAX_BYTES))
    if _forbidden(description):
        issues.append(make(MESSAGES, "description_forbidden", chars=_forbidden(description)))
    return tuple(issues)


# ------------------------------------------------------------------ tags


def parse_tags(text: str) -> list[str]:
    """Tags typed as in YouTube Studio: separated by commas (, or ،), spaces around them dropped."""
    return [tag.strip() for tag in re.split(r"[,،]", text) if tag.strip()]


def tag_length(tag: str) -> int:
    """Characters one tag counts: its own, plus 2 for the quotation marks when it has a space."""
    return len(tag) + (2 if " " in tag else 0)


def tags_length(tags: list[str] | str) -> int:
    """Characters all tags count towards the limit of 500, commas between them included."""
    if isinstance(tags, str):
        tags = parse_tags(tags)
    return sum(tag_length(tag) for tag in tags) + max(len(tags) - 1, 0)


def check_tags(tags: list[str] | str) -> tuple[Finding, ...]:
    """Problems with the tags: over 500 characters in all, or a tag holding < or >."""
    if isinstance(tags, str):
        tags = parse_tags(tags)
    issues = []
    total = tags_length(tags)
    if total > TAGS_MAX_CHARACTERS:
        issues.append(make(MESSAGES, "tags_too_long", length=total, limit=TAGS_MAX_CHARACTERS))
    bad = [tag for tag in tags if _forbidden(tag)]
    if bad:
        issues.append(make(MESSAGES, "tag_forbidden", tag=bad[0]))
    return tuple(issues)


# ------------------------------------------------------------------ chapters


def seconds_of(stamp: str) -> int | None:
    """Seconds from the start for ``m:ss``, ``mm:ss`` or ``h:mm:ss``; None when it is not a real time."""
    parts = [int(p) for p in stamp.split(":")]
    if any(p >= 60 for p in parts[1:]) or any(len(p) != 2 for p in stamp.split(":")[1:]):
        return None
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + part
    return seconds


def read_chapters(description: str) -> tuple[list[Chapter], list[Finding]]:
    """The chapters a description lists (one timestamp per line) and the timestamps that are not times."""
    chapters, issues = [], []
    for number, line in enumerate(description.splitlines(), 1):
        match = _AT_START.match(line)
        stamp, title = (match.group(1), match.group(2)) if match else (None, "")
        if match is None:
            match = _AT_END.match(line)
            if match is not None:
                stamp, title = match.group(2), match.group(1)
        if stamp is None:
            arabic = _ARABIC_STAMP.match(line)
            if arabic is not None:
                issues.append(make(MESSAGES, "chapter_arabic_digits", stamp=arabic.group(1), line=number))
            continue
        start = seconds_of(stamp)
        if start is None:
            issues.append(make(MESSAGES, "chapter_bad_time", stamp=stamp, line=number))
            continue
        chapters.append(Chapter(start, stamp, title.strip(" -–—:|"), number))
    return chapters, issues


def clock(seconds: int) -> str:
    """Seconds as YouTube writes a timestamp: 1:05, 12:00, 1:02:03."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def check_chapters(description: str, video_seconds: int | None = None) -> tuple[tuple[Chapter, ...], tuple[Finding, ...]]:
    """The chapters of a description and what keeps YouTube from showing them.

    A description without timestamps has no chapters, which is allowed: no
    finding. ``video_seconds``, when known, also checks the last chapter's length.
    """
    chapters, issues = read_chapters(description)
    if not chapters:
        return (), tuple(issues)
    if chapters[0].start != 0:
        issues.append(make(MESSAGES, "chapters_first_not_zero", stamp=chapters[0].stamp))
    if len(chapters) < CHAPTERS_MIN:
        issues.append(make(MESSAGES, "chapters_too_few", count=len(chapters), minimum=CHAPTERS_MIN))
    for before, after in zip(chapters, chapters[1:]):
        if after.start <= before.start:
            issues.append(make(MESSAGES, "chapters_not_ascending", stamp=after.stamp, previous=before.stamp))
        elif after.start - before.start < CHAPTER_MIN_SECONDS:
            issues.append(make(MESSAGES, "chapter_too_short", stamp=before.stamp, next=after.stamp,
                               seconds=after.start - before.start, minimum=CHAPTER_MIN_SECONDS))
    if video_seconds is not None and chapters:
        last = chapters[-1]
        if video_seconds - last.start < CHAPTER_MIN_SECONDS:
            issues.append(make(MESSAGES, "last_chapter_too_short", stamp=last.stamp, end=clock(video_seconds),
                               seconds=max(video_seconds - last.start, 0), minimum=CHAPTER_MIN_SECONDS))
    return tuple(chapters), tuple(issues)


def check_upload(title: str, description: str = "", tags: list[str] | str = "",
                 video_seconds: int | None = None) -> UploadReport:
    """Check everything YouTube limits before an upload."""
    chapters, chapter_issues = check_chapters(description, video_seconds)
    return UploadReport(check_title(title), check_description(description), check_tags(tags),
                        chapter_issues, chapters)
