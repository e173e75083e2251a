"""What the tools share: the course stylesheet, right-to-left layout and small HTML helpers."""
from __future__ import annotations

import html

import ipywidgets as w

from ...i18n import direction
from ...widgets.assistive import assistive
from ...widgets.style import style_widget, stylesheet


class Tool(w.VBox):
    """A box with the course's look; subclasses set ``self.children`` through :meth:`_lay_out`."""

    def __init__(self):
        super().__init__(layout=w.Layout(width="auto", max_width="100%"))
        self.add_class("course-widget")
        self.add_class("course-tool")
        self.direction = direction()
        if self.direction == "rtl":
            self.add_class("course-rtl")

    def _lay_out(self, title: str, children: list[w.Widget]) -> None:
        heading = w.HTML(block(f"<b>{html.escape(title)}</b>", self.direction))
        self.children = [style_widget(), assistive(), tool_style(), heading, *children]


TOOL_STYLE = """<style>
.course-tool .course-match > input, .course-tool .course-match > textarea {
  width: 100%; max-width: 40em; box-sizing: border-box; flex: 0 0 auto; }
.course-tool .course-match > textarea { min-height: 4.5em; }
</style>"""


def tool_style() -> w.HTML:
    """The tools' few extra style rules: text boxes as wide as the screen allows, never wider."""
    return stylesheet(TOOL_STYLE)


def block(inner_html: str, dir_: str | None = None, tag: str = "div", extra: str = "") -> str:
    return f'<{tag} dir="{dir_ or direction()}"{extra}>{inner_html}</{tag}>'


def items(lines, icon: str = "") -> str:
    """An HTML list of plain-text lines (escaped)."""
    lines = list(lines)
    if not lines:
        return ""
    prefix = f"{icon} " if icon else ""
    return "<ul>" + "".join(f"<li>{prefix}{html.escape(str(line))}</li>" for line in lines) + "</ul>"


def text_box(label: str, placeholder: str = "", *, wide: bool = True, area: bool = False) -> w.Text:
    """A labelled text field that takes the whole width on a phone."""
    kind = w.Textarea if area else w.Text
    box = kind(value="", placeholder=placeholder, description=label, continuous_update=True,
               style={"description_width": "initial"},
               layout=w.Layout(width="auto" if wide else "14em", max_width="40em"))
    box.add_class("course-match")   # label above the field, so long labels wrap on phones
    return box


def code(text: str, dir_: str = "ltr") -> str:
    """Code-like text (a link, a hashtag, a code) that keeps its own direction in Arabic and wraps on phones.
    Use ``dir_="auto"`` for text that may be Arabic, such as a hashtag."""
    return (f'<code dir="{dir_}" style="overflow-wrap:anywhere;word-break:break-all">'
            f"{html.escape(str(text))}</code>")


def live_region() -> w.HTML:
    """An output area that screen readers announce when it changes."""
    return w.HTML(layout=w.Layout(width="auto", min_height="1.5em"))


def status(inner_html: str) -> str:
    return block(inner_html, extra=' role="status" aria-live="polite"')
