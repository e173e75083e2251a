// What every course widget needs from the page and plain ipywidgets cannot give it.
// One hidden view of this module sits in each `.course-widget` box (see assistive.py); it
//  1. keeps keys pressed in the box from reaching JupyterLab, whose notebook would take them as
//     shortcuts (`d d` deletes the cell, arrow keys move to the next cell). JupyterLab listens
//     for keys on the document as they bubble up (it starts with bubblingKeydown), so stopping
//     them at the box leaves the controls' own keys alone (arrows move between options, Space
//     ticks, Enter presses a button). Combinations with Ctrl or ⌘ still reach JupyterLab (saving,
//     the command palette), except Ctrl/⌘+Enter, which would run the cell again;
//  2. names the answer by its question: the element with class `course-prompt` labels each
//     element with class `course-answer` (a radio group, a group of boxes or buttons, a text box);
//  3. gives radio buttons of one question one group name, so Tab enters the group once and the
//     arrow keys choose, as in any form;
//  4. says which toggle button is chosen (aria-pressed) and names a button whose face is only a
//     symbol (class `course-named`) by its tooltip.
// The marks are set again whenever ipywidgets redraws part of the box.

function keepKeys(event) {
  if ((event.ctrlKey || event.metaKey) && event.key !== "Enter") return;
  event.stopPropagation();
}

function uniqueId(prefix) {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}

function setAttr(element, name, value) {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
}

function nameAnswer(answer, promptId) {
  const field = answer.matches("input, textarea, select") ? answer
    : answer.querySelector(":scope > input, :scope > textarea");
  const radios = answer.querySelectorAll("input[type=radio]");
  if (field && !radios.length) {
    setAttr(field, "aria-labelledby", promptId);
    return;
  }
  setAttr(answer, "role", radios.length ? "radiogroup" : "group");
  setAttr(answer, "aria-labelledby", promptId);
  if (radios.length) {
    answer.dataset.courseGroup = answer.dataset.courseGroup || uniqueId("course-choice");
    for (const radio of radios) setAttr(radio, "name", answer.dataset.courseGroup);
  }
}

function decorate(root) {
  const prompt = root.querySelector(":scope > .course-prompt");
  if (prompt) {
    if (!prompt.id) prompt.id = uniqueId("course-prompt");
    for (const answer of root.querySelectorAll(".course-answer")) nameAnswer(answer, prompt.id);
  }
  for (const button of root.querySelectorAll("button.course-named")) {
    if (button.title) setAttr(button, "aria-label", button.title);
  }
  for (const button of root.querySelectorAll("button.widget-toggle-button")) {
    setAttr(button, "aria-pressed", String(button.classList.contains("mod-active")));
  }
}

function render({ el }) {
  let root = null;
  let observer = null;
  let timer = null;
  let tries = 0;
  // ipywidgets puts this view into its box only after rendering it: wait until it is there.
  const attach = () => {
    root = el.closest(".course-widget");
    if (!root) {
      if (++tries < 400) timer = setTimeout(attach, 25);
      return;
    }
    root.addEventListener("keydown", keepKeys);
    decorate(root);
    observer = new MutationObserver(() => decorate(root));
    observer.observe(root, { subtree: true, childList: true, attributes: true,
                             attributeFilter: ["class", "title"] });
  };
  attach();
  return () => {
    clearTimeout(timer);
    if (observer) observer.disconnect();
    if (root) root.removeEventListener("keydown", keepKeys);
  };
}

export default { render };
