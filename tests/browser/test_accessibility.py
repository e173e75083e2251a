"""Keyboard and assistive technology in a real JupyterLab: every kind of exercise answered with the keyboard
alone, keys pressed in an exercise kept from the notebook, a focus ring a learner can see, the names a screen
reader reads, and an axe-core audit of a lesson, an assessment and a feedback page.

The audits cover the course's own markup only (its widgets, the markdown it wrote, its feedback page):
JupyterLab's own menus, toolbars and cells are JupyterLab's to fix and are left out. To audit another page,
add one line to ``test_pages_have_no_serious_accessibility_violation``'s table (a way to open the page and
the selector of the course's part of it); `audit` does the rest.
"""
from __future__ import annotations

import nbformat
import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from course.answer_key import load_key
from course.cli import main
from course.reference import fill
from course.scaffold import init_course

from .conftest import TOKEN, learner_lab
from .helpers import open_notebook, run_all

pytestmark = [pytest.mark.browser, pytest.mark.slow]
W1 = "week1_facebook"
SERIOUS = ("serious", "critical")

# A lesson of one exercise of each kind the keyboard test answers (the right answer is never the first).
EXERCISES = "exercises.ipynb"
CELLS = [
    "from course.widgets import *",
    'SingleChoice("k_single", "Where should the survey results live?", {"story": "In a story", '
    '"blog": "In a blog post"}, answer="blog", why={"story": "A story disappears.", "blog": "It stays online."})',
    'MultipleChoice("k_multi", "Which make a hashtag work?", {"camel": "Capitalise each word", '
    '"many": "Add fifteen hashtags", "short": "Keep it short"}, answer=["camel", "short"])',
    'TrueFalse("k_tf", "An SMS code stops a fake login page.", answer=False, '
    'why={True: "Think about what the fake page asks for next.", False: "The fake page asks for the code too."})',
    'Ordering("k_order", "Put the steps in order.", {"goal": "Set objectives", "who": "Know your audience", '
    '"where": "Pick the channels"}, answer=["goal", "who", "where"])',
    'TextAnswer("k_text", "Write a search for pages on smex.org.", rules=[Rule(r"site:smex\\.org", "Use site:smex.org")])',
    'NumberAnswer("k_number", "2,400 people reached, 84 engaged: the engagement rate in %?", answer=3.5, '
    'tolerance=0.05, unit="%")',
    'Matching("k_match", "Which access does Rana need?", {"rana": "Rana adds the Page managers"}, '
    '{"analyst": "Analyst", "admin": "Admin"}, answer={"rana": "admin"})',
]
PROMPTS = {kind: cell.split('"')[3] for kind, cell in zip(
    ["single", "multi", "tf", "order", "text", "number", "match"], CELLS[1:])}
ARABIC_STEPS = {"goal": "حدّد الأهداف", "who": "اعرف جمهورك", "where": "اختر القنوات"}
CELLS.append('from course.i18n import language\nwith language("ar"):\n'
             f'    arabic = Ordering("k_order_ar", "رتّب الخطوات.", {ARABIC_STEPS!r}, answer={list(ARABIC_STEPS)!r})\n'
             'arabic')
PROMPTS["order_ar"] = "رتّب الخطوات."


def write_exercises(layout) -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS], metadata={
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}})
    nbformat.write(nb, layout.workspace / EXERCISES)


@pytest.fixture(scope="module")
def exercise_lab(tmp_path_factory):
    with learner_lab(tmp_path_factory, learner="keys", prepare=write_exercises) as running:
        yield running


@pytest.fixture
def exercises(exercise_lab, page):
    """The exercises notebook open and run; gives the page."""
    base, _layout = exercise_lab
    open_notebook(page, base, EXERCISES)
    run_all(page)
    page.locator(".course-widget").nth(len(PROMPTS) - 1).wait_for()
    page.wait_for_function("(n) => document.querySelectorAll('.course-widget .course-prompt[id]').length >= n",
                           arg=len(PROMPTS))
    page.evaluate(WATCH_KERNEL)
    return page


def widget(page, kind: str):
    return page.locator(".course-widget").filter(has=page.locator(".course-prompt", has_text=PROMPTS[kind]))


# -- the audit ----------------------------------------------------------------------------------------------
def audit(page, include_selector: str) -> list[dict]:
    """The serious and critical axe-core violations in the elements matching ``include_selector``.

    axe counts as invisible what an ``overflow: hidden`` box hides, and JupyterLab's ``<body>`` is such a
    box 0 px tall (the lab is drawn over it): the body is given the window's height first, or every
    label on the page would count as hidden. For the same reason each element is scrolled into view
    and audited on its own."""
    elements = page.locator(include_selector)
    assert elements.count(), f"nothing to audit: no {include_selector!r} on the page"
    page.evaluate("document.body.style.minHeight = '100vh'")
    axe, found = Axe(), []
    for i in range(elements.count()):
        element = elements.nth(i)
        element.scroll_into_view_if_needed()
        element.evaluate("(e, i) => e.setAttribute('data-course-audit', String(i))", i)
        results = axe.run(page, context={"include": [[f'[data-course-audit="{i}"]']]},
                          options={"resultTypes": ["violations"]})
        element.evaluate("e => e.removeAttribute('data-course-audit')")
        found += [v for v in results.response["violations"] if v["impact"] in SERIOUS]
    return found


def described(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}: " + " | ".join(n["html"][:160] for n in v["nodes"])
                     for v in violations)


COURSE_MARKUP = ".course-widget, .jp-MarkdownCell .jp-RenderedMarkdown"


def lesson(lab_fixture: str, path: str):
    def open_page(request, page):
        base, _layout = request.getfixturevalue(lab_fixture)
        open_notebook(page, base, path)
        run_all(page)
        page.locator(".course-widget").first.wait_for()
        page.wait_for_function("() => document.querySelector('.course-widget .course-prompt[id]')")
    return open_page


def feedback_page(language: str | None):
    """A week 1 feedback page as grading writes it (half the answers right), opened from its file."""
    def open_page(request, page):
        root = request.getfixturevalue("tmp_path_factory").mktemp(f"feedback-{language or 'en'}")
        layout = init_course(root, learner="fadi", language=language)
        fill(layout.workspace / W1 / "assessment.ipynb", layout.week_folder(W1) / "assessment.ipynb",
             load_key(layout.keys, W1), "partial")
        assert main(["--root", str(root), "submit", W1]) == 0
        pages = sorted((layout.feedback / "fadi" / W1).glob("*.html"))
        assert pages, "grading wrote no feedback page"
        page.goto(pages[0].as_uri())
        page.locator("section.card").first.wait_for()
    return open_page


def course_home(lab_fixture: str):
    """The course home as `make lab` opens it (the lab server's own page: all of it is the course's)."""
    def open_page(request, page):
        base, _layout = request.getfixturevalue(lab_fixture)
        page.goto(f"{base}/course/home?token={TOKEN}")
        page.locator("#ch-main section.ch-week").first.wait_for()
    return open_page


PAGES = {   # page: (how to open it, the course's part of it)
    "course_home": (course_home("exercise_lab"), "body"),
    "course_home_arabic": (course_home("arabic_lab"), "body"),
    "week1_lesson1": (lesson("exercise_lab", f"{W1}/01_presence_on_facebook.ipynb"), COURSE_MARKUP),
    "week1_lesson1_arabic": (lesson("arabic_lab", f"{W1}/01_presence_on_facebook.ipynb"), COURSE_MARKUP),
    "week1_assessment": (lesson("exercise_lab", f"{W1}/assessment.ipynb"), COURSE_MARKUP),
    "all_exercise_kinds": (lesson("exercise_lab", EXERCISES), ".course-widget"),
    "week1_feedback": (feedback_page(None), "body"),
    "week1_feedback_arabic": (feedback_page("ar"), "body"),
}


@pytest.mark.parametrize("name", PAGES)
def test_pages_have_no_serious_accessibility_violation(request, page, name):
    """Does axe-core find no serious or critical violation in the course's own markup on the page?"""
    open_page, include = PAGES[name]
    open_page(request, page)
    violations = audit(page, include)
    assert violations == [], described(violations)


# -- the keyboard -------------------------------------------------------------------------------------------
FOCUSED_NAME = """() => { const e = document.activeElement; if (!e) return '';
    return (e.getAttribute('aria-label') || e.textContent || '').trim(); }"""


def focus_on(page, box, css: str, name: str | None = None, presses: int = 80) -> None:
    """Move the keyboard focus with Tab (then Shift+Tab) to the control of ``box`` that matches ``css`` and,
    if given, whose name (aria-label or text) is ``name``. The search starts where the focus is, or at
    the box's question, clicked like any text a reader points at."""
    box_handle = box.element_handle()
    here = """([box, css, name]) => { const e = document.activeElement;
        return !!e && box.contains(e) && e.matches(css) &&
               (!name || (e.getAttribute('aria-label') || e.textContent || '').trim() === name); }"""
    inside = "(box) => box.contains(document.activeElement)"
    if not page.evaluate(inside, box_handle):
        box.locator(".course-prompt").click()
    for key in ("Tab", "Shift+Tab"):
        entered = page.evaluate(inside, box_handle)
        for _ in range(presses):
            if page.evaluate(here, [box_handle, css, name]):
                return
            page.keyboard.press(key)
            now_inside = page.evaluate(inside, box_handle)
            if entered and not now_inside:
                break                      # went past the box's last control: search the other way
            entered = entered or now_inside
    raise AssertionError(f"Tab never reached {css} {name or ''} in the exercise")


WATCH_KERNEL = """() => { const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
    const sent = window.__courseSent = new Set(), done = window.__courseDone = new Set();
    kernel.anyMessage.connect((_k, {msg, direction}) => {
        if (direction === 'send' && msg.header.msg_type === 'comm_msg') sent.add(msg.header.msg_id);
        if (direction === 'recv' && msg.header.msg_type === 'status' && msg.content.execution_state === 'idle')
            done.add(msg.parent_header.msg_id); }); }"""
KERNEL_HAS_ALL = "() => [...window.__courseSent].every(id => window.__courseDone.has(id))"


def check_with_the_keyboard(page, box) -> str:
    """Tab to Check, press Enter, and give the feedback once it is there. What was typed reaches the kernel
    first: ipywidgets holds back a box's later changes until the kernel has taken the earlier one, and a
    click is not held back, so a Check pressed at a test's speed could be judged on half the typing."""
    page.wait_for_function(KERNEL_HAS_ALL)
    focus_on(page, box, "button", "Check")
    page.keyboard.press("Enter")
    verdict = ":is(.course-right, .course-partly, .course-wrong, .course-empty, .course-problem)"
    feedback = box.locator(f".course-feedback[role=status]{verdict}").first
    feedback.wait_for()
    return feedback.inner_text()


def order_of(box) -> list[str]:
    """The steps as the ordering exercise shows them now, top to bottom."""
    rows = box.locator(".widget-hbox .widget-html-content").all_inner_texts()
    return [row.split(".", 1)[1].strip() for row in rows if row[:1].isdigit()]


def test_every_kind_of_exercise_is_answered_with_the_keyboard_alone(exercises):
    """Tab, arrow keys, Space and Enter only: does each exercise take the right answer and say Correct?"""
    page = exercises
    box = widget(page, "single")
    focus_on(page, box, "input[type=radio]")
    page.keyboard.press("ArrowDown")            # the group's next option, as in any form
    assert box.get_by_role("radio", name="In a blog post").is_checked()
    assert "Correct." in check_with_the_keyboard(page, box)

    box = widget(page, "multi")
    focus_on(page, box, "input[type=checkbox]")
    for tick in (True, False, True):            # Capitalise each word, (not) Add fifteen hashtags, Keep it short
        if tick:
            page.keyboard.press("Space")
        page.keyboard.press("Tab")
    assert "Correct." in check_with_the_keyboard(page, box)

    box = widget(page, "tf")
    focus_on(page, box, "button.widget-toggle-button", "False")
    page.keyboard.press("Space")
    assert "Correct." in check_with_the_keyboard(page, box)

    box = widget(page, "order")
    right = ["Set objectives", "Know your audience", "Pick the channels"]
    for place, step in enumerate(right):
        while order_of(box).index(step) > place:
            focus_on(page, box, "button", f"Move “{step}” up")
            page.keyboard.press("Enter")
            box.locator(".course-feedback", has_text=step).wait_for()   # "moved to place n" is announced
    assert order_of(box) == right
    assert "Correct." in check_with_the_keyboard(page, box)

    for kind, typed in (("text", "digital rights site:smex.org"), ("number", "3.5")):
        box = widget(page, kind)
        focus_on(page, box, "input[type=text]")
        page.keyboard.type(typed)
        assert "Correct." in check_with_the_keyboard(page, box)


NOTEBOOK = """() => { const nb = window.jupyterapp.shell.currentWidget.content;
    return {cells: nb.widgets.map(c => c.model.type + ':' + c.model.sharedModel.getSource().slice(0, 30)),
            active: nb.activeCellIndex, mode: nb.mode}; }"""
# Notebook shortcuts in command mode: delete (d d), insert above/below, cut, copy, paste, markdown, code,
# undo, the arrows that move between cells, Enter that edits the cell, Shift+Enter that runs it.
STRAY_KEYS = ["d", "d", "a", "b", "x", "c", "v", "m", "y", "z", "ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight",
              "Enter", "Shift+Enter", "Escape"]
CONTROLS = [("single", "input[type=radio]"), ("multi", "input[type=checkbox]"),
            ("tf", "button.widget-toggle-button"), ("order", "button.course-named:not([disabled])"),
            ("single", "button"), ("text", "input[type=text]"), ("match", "select")]


@pytest.mark.parametrize("kind, css", CONTROLS, ids=[f"{k}-{c.split('[')[0].split('.')[0]}" for k, c in CONTROLS])
def test_keys_pressed_in_an_exercise_never_reach_the_notebook(exercises, kind, css):
    """With a control of an exercise focused, do the notebook's shortcut keys leave the notebook as it was
    (same cells, same active cell, same mode) and the focus in the exercise?"""
    page = exercises
    box = widget(page, kind)
    focus_on(page, box, css)
    before = page.evaluate(NOTEBOOK)
    for key in STRAY_KEYS:
        page.keyboard.press(key)
    page.wait_for_timeout(300)   # a shortcut that did run has changed the notebook by now; nothing to poll for
    assert page.evaluate(NOTEBOOK) == before
    assert page.evaluate("(box) => box.contains(document.activeElement)", box.element_handle())


# -- the focus ring -----------------------------------------------------------------------------------------
RING = """() => { const e = document.activeElement, s = getComputedStyle(e);
    let n = e, background = 'rgba(0, 0, 0, 0)';
    while (n && n.nodeType === 1) { const b = getComputedStyle(n).backgroundColor;
        if (!/rgba\\(.*, 0\\)$/.test(b) && b !== 'transparent') { background = b; break; } n = n.parentElement; }
    return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor, background,
            tag: e.tagName + (e.type ? ':' + e.type : '')}; }"""


def luminance(css_colour: str) -> float:
    channels = [float(c) for c in css_colour[css_colour.index("(") + 1:-1].split(",")[:3]]
    lin = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize("kind, css", [("single", "input[type=radio]"), ("multi", "input[type=checkbox]"),
                                       ("tf", "button.widget-toggle-button"), ("single", "button"),
                                       ("text", "input[type=text]"), ("match", "select")],
                         ids=["radio", "checkbox", "toggle", "button", "text", "dropdown"])
def test_the_focused_control_has_a_visible_ring(exercises, kind, css):
    """Reached with Tab, is the control ringed at least 2 px wide, at 3:1 or more against what is behind it?"""
    page = exercises
    focus_on(page, widget(page, kind), css)
    ring = page.evaluate(RING)
    assert ring["style"] not in ("none", "hidden") and ring["width"] >= 2, ring
    assert "rgba" not in ring["colour"] or ring["colour"].endswith(", 1)"), ring   # no see-through ring
    assert contrast(ring["colour"], ring["background"]) >= 3, ring


# -- names for screen readers -------------------------------------------------------------------------------
def test_screen_readers_hear_the_question_the_steps_and_the_choice(exercises):
    """Is each answer named by its question, is every ordering arrow named after its step (in Arabic too),
    and does true/false say which answer is chosen?"""
    page = exercises
    expect(widget(page, "single").get_by_role("radiogroup", name=PROMPTS["single"], exact=True)).to_have_count(1)
    expect(widget(page, "multi").get_by_role("group", name=PROMPTS["multi"], exact=True)).to_have_count(1)
    expect(widget(page, "match").get_by_role("group", name=PROMPTS["match"], exact=True)).to_have_count(1)
    for kind in ("text", "number"):
        expect(widget(page, kind).get_by_role("textbox", name=PROMPTS[kind], exact=True)).to_have_count(1)

    box = widget(page, "order")
    expect(box.get_by_role("group", name=PROMPTS["order"], exact=True)).to_have_count(1)
    for step in ("Set objectives", "Know your audience", "Pick the channels"):
        for way in ("up", "down"):
            expect(box.get_by_role("button", name=f"Move “{step}” {way}", exact=True)).to_have_count(1)
    box = widget(page, "order_ar")
    for step in ARABIC_STEPS.values():
        expect(box.get_by_role("button", name=f"انقل «{step}» إلى الأعلى", exact=True)).to_have_count(1)
        expect(box.get_by_role("button", name=f"انقل «{step}» إلى الأسفل", exact=True)).to_have_count(1)

    box = widget(page, "tf")
    expect(box.get_by_role("group", name=PROMPTS["tf"], exact=True)).to_have_count(1)
    expect(box.get_by_role("button", pressed=True)).to_have_count(0)
    focus_on(page, box, "button.widget-toggle-button", "False")
    page.keyboard.press("Space")
    expect(box.get_by_role("button", name="False", pressed=True, exact=True)).to_have_count(1)
    expect(box.get_by_role("button", name="True", pressed=False, exact=True)).to_have_count(1)


def test_ctrl_s_in_an_exercise_still_saves_the_notebook(exercises):
    """Keys with Ctrl go on to JupyterLab: does Ctrl+S pressed on a radio button save the notebook (and not
    open the browser's own "Save page")?"""
    page = exercises
    page.evaluate("""() => { const run = window.__courseRun = [];   // JupyterLab's autosave runs no command
        window.jupyterapp.commands.commandExecuted.connect((_r, {id}) => run.push(id)); }""")
    focus_on(page, widget(page, "single"), "input[type=radio]")
    page.keyboard.press("Control+s")
    page.wait_for_function("() => window.__courseRun.includes('docmanager:save')")
    page.wait_for_function("() => !window.jupyterapp.shell.currentWidget.context.model.dirty")
