"""The widgets' small stylesheet, injected once: one hidden HTML widget that every widget shows.

It lets long labels wrap on phones, lays out ``course-rtl`` boxes right to
left (ipywidgets floats radio buttons to the left, so they are moved), stacks
a matching item above its dropdown, draws a coloured edge beside feedback,
which only adds to the icon and the words that carry the meaning, and rings
the control that has the keyboard's focus: 2 px, 6.3:1 against the light
theme's white and 5.4:1 on a grey button (JupyterLab's own ring is 1 px at 2.2:1), a
light blue in a dark theme.
"""
from __future__ import annotations

import ipywidgets as w

STYLE = """<style>
.course-widget { max-width: 100%; }
.course-widget label, .course-widget .widget-label { white-space: normal; height: auto; line-height: 1.35; }
.course-widget .widget-html, .course-widget .widget-html-content { height: auto; line-height: 1.45; }
.course-widget .widget-checkbox { height: auto; min-height: var(--jp-widgets-inline-height, 28px); }
.course-widget .widget-checkbox .widget-label-basic { align-items: flex-start; }
.course-widget .widget-checkbox input { flex: 0 0 auto; margin-top: 0.2em; }
.course-widget .widget-radio-box label, .course-widget .widget-checkbox label { overflow: visible; }
.course-rtl, .course-rtl .widget-html-content, .course-rtl .widget-radio-box { direction: rtl; text-align: right; }
.course-rtl .widget-radio-box input { float: right; margin: 0 1px 0 8px; }
.course-rtl .widget-checkbox input { margin: 0.2em 0 0 6px; }
.course-match { flex-direction: column; align-items: stretch; height: auto; margin-bottom: 6px; }
.course-match > .widget-label { width: auto; max-width: 100%; white-space: normal; overflow: visible;
  text-align: start; line-height: 1.35; padding-bottom: 2px; }
.course-match > select { flex: 0 0 auto; height: var(--jp-widgets-inline-height, 28px); width: 100%; max-width: 24em; }
.course-widget ol, .course-widget ul { margin: 2px 0; padding-inline-start: 1.4em; }
.course-feedback { padding-inline-start: 6px; border-inline-start: 4px solid transparent; }
.course-feedback.course-right { border-color: #2e7d32; }
.course-feedback.course-partly { border-color: #b26a00; }
.course-feedback.course-wrong, .course-feedback.course-problem { border-color: #c62828; }
/* room for the ring: the output area clips what lies outside it */
.course-widget { --course-focus: #1a5fb4; padding: 4px; box-sizing: border-box; }
body[data-jp-theme-light="false"] .course-widget { --course-focus: #99c1f1; }
/* !important: ipywidgets removes the outline of text boxes with its own !important rule. Inside the
   control's edge, where no box clips it; around radio buttons and boxes, which have no edge of their own */
.course-widget.course-widget :is(button, input, select, textarea, [tabindex]):focus-visible {
  outline: 2px solid var(--course-focus) !important; outline-offset: -2px; }
.course-widget.course-widget :is(input[type=radio], input[type=checkbox]):focus-visible { outline-offset: 2px; }
</style>"""
_stylesheets: dict[str, w.HTML] = {}


def stylesheet(css: str) -> w.HTML:
    """One hidden HTML widget per stylesheet, made once and shared (made again if it was closed)."""
    widget = _stylesheets.get(css)
    if widget is None or getattr(widget, "comm", True) is None:
        widget = _stylesheets[css] = w.HTML(css, layout=w.Layout(display="none"))
    return widget


def style_widget() -> w.HTML:
    """The course's small stylesheet, shared by every widget."""
    return stylesheet(STYLE)
