"""Status icons that show on a machine with no emoji font: START_HERE and the widgets' feedback."""
import datetime as dt
import unicodedata

import pytest

from course import gate
from course.home import progress_html
from course.i18n import language
from course.progress import Attempt, LearnerRecord, learner_progress
from course.widgets.base import Feedback, Status

# Code points drawn as emoji only (Unicode's Emoji_Presentation, BMP part); everything from U+1F000 too.
EMOJI_PRESENTATION = {0x231A, 0x231B, 0x23E9, 0x23EA, 0x23EB, 0x23EC, 0x23F0, 0x23F3, 0x25FD, 0x25FE,
                      0x2614, 0x2615, *range(0x2648, 0x2654), 0x267F, 0x2693, 0x26A1, 0x26AA, 0x26AB,
                      0x26BD, 0x26BE, 0x26C4, 0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2, 0x26F3, 0x26F5,
                      0x26FA, 0x26FD, 0x2705, 0x270A, 0x270B, 0x2728, 0x274C, 0x274E, 0x2753, 0x2754,
                      0x2755, 0x2757, 0x2795, 0x2796, 0x2797, 0x27B0, 0x27BF, 0x2B1B, 0x2B1C, 0x2B50,
                      0x2B55, 0xFE0F}
# Symbols checked present in DejaVu Sans (fc-query --format='%{charset}' DejaVuSans.ttf).
IN_DEJAVU_SANS = set("✔✘◐…ℹ✎⚠←→↑↓·›‹✓✗—–«»،؛؟")


def symbols(page: str) -> set[str]:
    """The characters of ``page`` that are neither letters, digits, punctuation of ASCII nor spaces."""
    return {c for c in page if ord(c) > 0x7F and not unicodedata.category(c).startswith(("L", "M", "N", "Z"))}


def assert_draws_without_emoji_font(page: str) -> None:
    emoji = sorted(f"U+{ord(c):04X}" for c in page if ord(c) in EMOJI_PRESENTATION or ord(c) >= 0x1F000)
    assert emoji == [], f"emoji-only code points: {emoji}"
    assert symbols(page) <= IN_DEJAVU_SANS, sorted(symbols(page) - IN_DEJAVU_SANS)


def _every_state(layout):
    """Learners whose gates show every state: locked, open, submitted, waiting for review, passed, failed."""
    week1, week2 = layout.syllabus.weeks[:2]
    at = dt.datetime(2026, 12, 10)
    records = {
        "new": LearnerRecord(),
        "passed": LearnerRecord(attempts=(Attempt(week1.id, at, 9, 10),)),
        "failed": LearnerRecord(attempts=(Attempt(week1.id, at, 2, 10),)),
        "waiting": LearnerRecord(waiting=frozenset({week1.id})),
        "review": LearnerRecord(attempts=(Attempt(week1.id, at, 5, 10, pending_points=4),)),
        "used_up": LearnerRecord(attempts=tuple(Attempt(week1.id, at + dt.timedelta(hours=i), 1, 10)
                                                for i in range(week1.attempts))),
    }
    states = set()
    for learner, record in records.items():
        progress = learner_progress(layout.syllabus, record)
        gate.publish(layout.gate_dir, layout.syllabus, learner, progress)
        states |= {wp.state.value for wp in progress.values()}
    assert states == {"locked", "unlocked", "submitted", "awaiting_review", "passed", "failed"}
    return records


@pytest.mark.parametrize("code", ["en", "ar"])
def test_home_page_icons_need_no_emoji_font(layout, tmp_path, code):
    """In every state and both languages, is each START_HERE status icon an inline SVG beside its label,
    with no emoji-only code point left?"""
    for learner in _every_state(layout):
        with language(code):
            page = progress_html(layout, learner, tmp_path)
        assert_draws_without_emoji_font(page)
        assert page.count('<svg class="course-state-icon"') == len(layout.syllabus.weeks)


@pytest.mark.parametrize("code", ["en", "ar"])
@pytest.mark.parametrize("status", list(Status))
def test_widget_feedback_icons_need_no_emoji_font(code, status):
    """Is every widget feedback icon a character DejaVu Sans draws, with its word beside it?"""
    with language(code):
        page = Feedback(status, "message", details=("✔ one rule", "✘ another")).to_html()
    assert_draws_without_emoji_font(page)
    assert 'class="course-icon"' in page


def test_the_check_catches_an_emoji():
    """Would an emoji icon (the old lock) be caught?"""
    with pytest.raises(AssertionError, match="U\\+1F512"):
        assert_draws_without_emoji_font("<td>\U0001F512 <b>Locked</b></td>")
    with pytest.raises(AssertionError, match="U\\+2705"):
        assert_draws_without_emoji_font("\u2705 Passed")


def test_lesson_tools_and_interface_strings_draw_no_emoji():
    """Does any lesson tool or interface string (outside the sample messages quoted in exercises) use an
    emoji-only code point, which shows as an empty box on a machine with no emoji font?"""
    from pathlib import Path
    course = Path(__file__).resolve().parents[1] / "course"
    found = []
    for path in [*(course / "lessons").rglob("*.py"), *(course / "widgets").glob("*.py"), course / "home.py",
                 *(course / "grading").glob("feedback.py"), *(course / "i18n").rglob("*.toml")]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ".message." in line:          # realistic phishing messages quote what scammers write
                continue
            if any(ord(c) in EMOJI_PRESENTATION or ord(c) >= 0x1F000 for c in line):
                found.append(f"{path.relative_to(course)}:{number}")
    assert found == []
