"""How lessons show things that are not exercise widgets: a chart with its takeaway, a small table, a card.

A chart is a plotly figure sent with JupyterLab's plotly MIME type and a plain
text version (its title and takeaway) for every other front end; the takeaway
follows as a line of text, so the point of the chart never depends on seeing it.
"""
from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable, Sequence

import plotly.graph_objects as go
from IPython.display import HTML, display

from ..i18n import _, direction
from ..widgets.chart_explorer import TITLE_WIDTH, display_data


def wrap_title(text: str) -> str:
    """A chart title broken into lines that fit a phone held upright."""
    return "<br>".join(textwrap.wrap(text, TITLE_WIDTH) or [text])


def phone_layout(fig: go.Figure, title: str, x_title: str, y_title: str, height: int = 380) -> go.Figure:
    """Title, axis titles and a layout that resizes with the window."""
    lines = wrap_title(title).count("<br>") + 1
    fig.update_layout(title={"text": wrap_title(title), "font": {"size": 14}}, autosize=True,
                      height=height + 20 * lines, xaxis_title=x_title, yaxis_title=y_title,
                      margin={"l": 55, "r": 10, "t": 30 + 20 * lines, "b": 55},
                      font={"size": 12}, showlegend=False)
    return fig


def takeaway_html(text: str) -> str:
    return (f'<p dir="{direction()}" style="max-width:40em" role="note">'
            f"<b>{html.escape(_('ui.takeaway'))}</b> {html.escape(text)}</p>")


def show_chart(fig: go.Figure, takeaway: str) -> None:
    """Display a figure, then its one-line takeaway."""
    title = (fig.layout.title.text or "").replace("<br>", " ")
    display(display_data(fig, f"{title}\n{takeaway}")["data"], raw=True)
    display(HTML(takeaway_html(takeaway)))


def table_html(headers: Sequence[str], rows: Iterable[Sequence[object]], caption: str = "") -> str:
    """A small table (keep it to four columns or fewer, for phones)."""
    if len(headers) > 4:
        raise ValueError("tables in lessons have at most four columns (phones are narrow)")
    head = "".join(f"<th>{html.escape(str(h))}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in row) + "</tr>"
                   for row in rows)
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (f'<table dir="{direction()}" style="max-width:100%">{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")


def show_table(headers: Sequence[str], rows: Iterable[Sequence[object]], caption: str = "",
               takeaway: str = "") -> None:
    display(HTML(table_html(headers, rows, caption) + (takeaway_html(takeaway) if takeaway else "")))


def card_html(title: str, body_html: str, *, note: str = "") -> str:
    """A bordered box, e.g. a message a learner received."""
    extra = f'<div style="font-size:90%;opacity:.85">{html.escape(note)}</div>' if note else ""
    return (f'<div dir="{direction()}" style="border:1px solid #999;border-radius:8px;padding:8px 12px;'
            f'margin:6px 0;max-width:36em;overflow-wrap:anywhere"><div><b>{html.escape(title)}</b></div>{extra}'
            f'<div style="margin-top:4px">{body_html}</div></div>')
