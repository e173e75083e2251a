"""Chart explorer: pick a metric (and a filter) from dropdowns and watch a chart change.

The chart is a plotly figure shown in an Output; its title and axis labels
say what is plotted ("Reach (total) by weekday · Format: video"), and a line
of text under it names the highest and lowest bars, for screen readers and
slow phones. With ``options`` the explorer asks a question about the data,
answered like a single choice (``choice`` key kind in an assessment);
without, it is a free exploration with nothing to check or save.
"""
from __future__ import annotations

import json
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as w
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from ..answers import AnswerStore
from ..i18n import _, direction
from .base import Exercise, Feedback, esc, html_block, names_answer, require_mode, speaks
from .single_choice import check_options, evaluate_choice

AGGREGATES = ("sum", "mean", "max", "min", "count")
TITLE_WIDTH = 34   # characters per title line: fits a phone held upright
CHARTS = ("bar", "line")


def aggregate(data: pd.DataFrame, x: str, metric: str, how: str = "sum",
              filter_by: str | None = None, filter_value: Any = None) -> pd.Series:
    """``metric`` per value of ``x`` (in order of first appearance), optionally for one filter value."""
    frame = data if filter_by is None or filter_value is None else data[data[filter_by] == filter_value]
    return frame.groupby(x, sort=False)[metric].agg(how)


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}".rstrip("0").rstrip(".")


def chart_title(metric_label: str, x_label: str, how: str, filter_text: str | None = None) -> str:
    title = _(f"chart.title.{how}", metric=metric_label, x=x_label)
    return f"{title} · {filter_text}" if filter_text else title


def summary(series: pd.Series) -> str:
    """The highest and lowest values in words."""
    if series.empty:
        return _("chart.empty")
    return _("chart.summary", high=series.idxmax(), high_value=_fmt(series.max()),
             low=series.idxmin(), low_value=_fmt(series.min()))


def values_text(series: pd.Series) -> str:
    """Every value in the chart's own order, without naming the highest or lowest (for a chart that
    asks a question: a screen reader reads what the eye reads, and no more)."""
    if series.empty:
        return _("chart.empty")
    return _("chart.values", values=_("chart.values_separator").join(f"{i}: {_fmt(v)}" for i, v in series.items()))


def build_figure(series: pd.Series, title: str, x_label: str, y_label: str, chart: str = "bar") -> go.Figure:
    trace = (go.Bar(x=[str(i) for i in series.index], y=series.tolist(), name=y_label)
             if chart == "bar" else
             go.Scatter(x=[str(i) for i in series.index], y=series.tolist(), mode="lines+markers", name=y_label))
    fig = go.Figure(trace)
    lines = textwrap.wrap(title, TITLE_WIDTH) or [title]   # plotly never wraps a title; phones are narrow
    fig.update_layout(title={"text": "<br>".join(lines), "font": {"size": 14}},
                      xaxis_title=x_label, yaxis_title=y_label, height=300 + 20 * len(lines), autosize=True,
                      margin={"l": 50, "r": 10, "t": 30 + 20 * len(lines), "b": 50})
    return right_to_left(fig)


def right_to_left(fig: go.Figure) -> go.Figure:
    """In a right-to-left language: title on the right, categories read from the right, values on the right."""
    if direction() == "rtl":
        fig.update_layout(title={"x": 0.98, "xanchor": "right"})
        fig.update_xaxes(autorange="reversed")
        fig.update_yaxes(side="right")
        fig.update_layout(margin={"l": fig.layout.margin.r or 10, "r": fig.layout.margin.l or 50})
    return fig


def display_data(fig: go.Figure, text: str) -> dict:
    """One Output entry: the figure for JupyterLab's plotly renderer, and text for everything else."""
    spec = json.loads(pio.to_json(fig))
    spec["config"] = {"displaylogo": False, "displayModeBar": False}
    return {"output_type": "display_data", "metadata": {},
            "data": {"application/vnd.plotly.v1+json": spec, "text/plain": text}}


class ChartExplorer(Exercise):
    """``ChartExplorer(question, prompt, data, x="weekday", metrics={"reach": "Reach"},
    filter_by="format", options={...}, answer=..., why={...})``."""


    def __init__(self, question: str, prompt: str, data: pd.DataFrame, *, x: str,
                 metrics: Mapping[str, str], x_label: str | None = None,
                 filter_by: str | None = None, filter_label: str | None = None,
                 chart: str = "bar", how: str = "sum",
                 options: Mapping[str, str] | None = None, answer: str | None = None,
                 why: Mapping[str, str] | None = None, store: AnswerStore | None = None,
                 hints: Sequence[str] = (), show_answer_after: int | None = 2):
        if options is not None:
            require_mode(answer, store)
        elif answer is not None or store is not None:
            raise ValueError("a chart without options= asks nothing: give no answer= or store=")
        missing = [c for c in [x, *metrics, *([filter_by] if filter_by else [])] if c not in data.columns]
        if missing or not metrics:
            raise ValueError(f"columns not in the data: {missing or 'no metrics'}")
        if chart not in CHARTS or how not in AGGREGATES:
            raise ValueError(f"chart is one of {CHARTS}, how one of {AGGREGATES}")
        super().__init__(question, prompt, store=store, hints=hints, show_answer_after=show_answer_after)
        self.data, self.x, self.x_label = data, x, x_label or x
        self.metrics, self.chart, self.how = dict(metrics), chart, how
        self.filter_by, self.filter_label = filter_by, filter_label or filter_by
        self.options = check_options(options, answer) if options is not None else None
        self.answer, self.why = answer, dict(why or {})
        self.metric_menu = w.Dropdown(options=[(label, col) for col, label in self.metrics.items()],
                                      description=_("chart.metric"), tooltip=_("chart.metric_tooltip"),
                                      style={"description_width": "initial"}, layout=w.Layout(width="auto"))
        controls = [self.metric_menu]
        self.filter_menu = None
        if filter_by:
            values = [v for v in pd.unique(data[filter_by]) if pd.notna(v)]
            self.filter_menu = w.Dropdown(options=[(_("chart.all"), "")] + [(str(v), v) for v in values],
                                          value="", description=self.filter_label,
                                          tooltip=_("chart.filter_tooltip", filter=self.filter_label),
                                          style={"description_width": "initial"}, layout=w.Layout(width="auto"))
            controls.append(self.filter_menu)
        for menu in controls:
            menu.observe(lambda _c: self.redraw(), names="value")
        self.output = w.Output(layout=w.Layout(width="100%", max_width="100%"))
        self.caption = w.HTML(layout=w.Layout(width="auto"))
        self.figure: go.Figure | None = None
        body = [w.HBox(controls, layout=w.Layout(flex_flow="row wrap", width="auto")),
                self.output, self.caption]
        self.choices = None
        if self.options is not None:
            self.choices = w.RadioButtons(options=[(label, key) for key, label in self.options.items()],
                                          value=None, tooltip=_("widget.choose"),
                                          layout=w.Layout(width="auto", max_width="100%"))
            body.append(names_answer(self.choices))
        self.redraw()
        self._finish(body, observe=[self.choices] if self.choices else [],
                     checkable=self.options is not None)

    # -- the chart ----------------------------------------------------------------------------
    @property
    def view(self) -> dict[str, Any]:
        """What the chart shows now: ``{"metric": column, "filter": value or None}``."""
        chosen = self.filter_menu.value if self.filter_menu is not None else ""
        return {"metric": self.metric_menu.value, "filter": None if chosen == "" else chosen}

    def series(self) -> pd.Series:
        view = self.view
        return aggregate(self.data, self.x, view["metric"], self.how, self.filter_by, view["filter"])

    @speaks
    def redraw(self) -> None:
        view, series = self.view, self.series()
        filter_text = f"{self.filter_label}: {view['filter']}" if view["filter"] is not None else None
        title = chart_title(self.metrics[view["metric"]], self.x_label, self.how, filter_text)
        self.figure = build_figure(series, title, self.x_label, self.metrics[view["metric"]], self.chart)
        words = summary(series) if self.options is None else values_text(series)
        self.output.outputs = (display_data(self.figure, f"{title}\n{words}"),)
        self.caption.value = html_block(esc(words), tag="p", extra=' role="status" aria-live="polite"')

    # -- the question -------------------------------------------------------------------------
    @property
    def value(self) -> str | None:
        return self.choices.value if self.choices is not None else None

    @value.setter
    def value(self, key: str | None) -> None:
        if self.choices is None:
            raise ValueError("this chart asks no question")
        if key is not None and key not in self.options:
            raise ValueError(f"{key!r} is not one of the options")
        self.choices.value = key

    def describe(self, value) -> str:
        return (self.options or {}).get(value, str(value))

    def evaluate(self, value) -> Feedback:
        return evaluate_choice(value, self.answer, self.why)

    def reference_text(self) -> str | None:
        return self.options[self.answer] if self.options and self.answer is not None else None

    def explanation(self) -> str:
        return self.why.get(self.answer, "") if self.options and self.answer is not None else ""
