"""The dashboard's figures (plotly), each with the data it plots and a sentence that says it.

- :func:`funnel`: per week, how many learners opened it, handed in its
  assessment and passed it (:func:`funnel_counts`).
- :func:`score_distributions`: per week, a histogram of learners' scores as a
  share of the week's points, with the pass mark as a dashed, labelled line
  (:func:`score_bins`).
- :func:`item_analysis_chart`: every question's mean share of points, by its
  title; hardest first among the questions with enough graded answers to say
  (:data:`~course.mentor.data.MIN_ANSWERS`), the others after them in grey,
  marked "too few answers" (the table is :func:`course.mentor.data.item_analysis`).

Every figure has a title that says what it shows, axis titles with units, and
hover text in words. Meaning never rests on colour alone: bars carry their
numbers as text, the funnel's stages differ in pattern too, and the pass mark
is a labelled line. The colours are the Okabe-Ito palette, readable with the
common colour-vision deficiencies. A figure with no data says so in words.

Nothing overlaps: the title and its subtitle sit in the top margin, anchored to
its top, and the margin is made tall enough for them and, in a figure of
panels, for the panels' titles below them (:func:`_base_layout`); a pass-mark
label sits inside its panel, under the panel's title.
"""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..progress import State
from ..syllabus import Syllabus
from .data import MIN_ANSWERS

FUNNEL_TITLE = "Cohort funnel: learners who opened, handed in and passed each week"
SCORES_TITLE = "Score distribution per week (% of the week's points; dashed line: pass mark)"
ITEMS_TITLE = "Item analysis: mean share of points per question, hardest first"

BLUE, ORANGE, GREEN, GREY, LIGHT_GREY = "#0072B2", "#E69F00", "#009E73", "#555555", "#BBBBBB"
STAGES = (("opened", "Opened the week", BLUE, ""),
          ("submitted", "Handed in the assessment", ORANGE, "/"),
          ("passed", "Passed", GREEN, "x"))
BIN_WIDTH = 10   # percent

# the top margin, in pixels from the top of the figure: title, subtitle, then (figures of panels) panel titles
TITLE_SIZE, SUBTITLE_SIZE, PANEL_TITLE_SIZE = 18, 13, 13
LINE_HEIGHT = 1.4   # a line of text takes this many times its font size
TOP_PAD, GAP = 10, 14


def top_margin(subtitle_lines: int, panel_titles: bool) -> int:
    """The top margin that holds the title, the subtitle's lines and the panels' titles one under the other."""
    height = TOP_PAD + TITLE_SIZE * LINE_HEIGHT + GAP
    if subtitle_lines:
        height += subtitle_lines * SUBTITLE_SIZE * LINE_HEIGHT + 4
    if panel_titles:
        height += PANEL_TITLE_SIZE * LINE_HEIGHT + GAP
    return math.ceil(height)


def _base_layout(fig: go.Figure, title: str, subtitle: str | list[str] = "", height: int = 420,
                 panel_titles: bool = False) -> go.Figure:
    """Title (and subtitle: one line per item of a list) in a top margin made to hold them."""
    lines = [line for line in ([subtitle] if isinstance(subtitle, str) else subtitle) if line]
    subtitle = "<br>".join(lines)
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "xref": "container", "yref": "container",
               "y": 1, "yanchor": "top", "pad": {"t": TOP_PAD, "l": 12}, "font": {"size": TITLE_SIZE},
               "subtitle": {"text": subtitle, "font": {"size": SUBTITLE_SIZE}}},
        template="plotly_white", height=height, font={"size": 14},
        hoverlabel={"font_size": 14, "align": "left"},
        margin={"l": 70, "r": 30, "t": top_margin(len(lines), panel_titles), "b": 70},
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0})
    return fig


def _no_data(fig: go.Figure, message: str) -> go.Figure:
    fig.add_annotation(text=message, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False,
                       font={"size": 16, "color": GREY})
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False)
    fig.update_yaxes(showticklabels=False, showgrid=False, zeroline=False)
    return fig


def _percent(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "–"


# -- funnel -----------------------------------------------------------------------------------
def funnel_counts(progress: pd.DataFrame, syllabus: Syllabus) -> pd.DataFrame:
    """Per week: learners in the table, and how many opened it, handed in anything, passed it."""
    learners = progress["learner"].nunique()
    rows = []
    for week in syllabus.weeks:
        p = progress[progress["week"] == week.id]
        rows.append({"week": week.id, "week_number": week.number, "title": week.title,
                     "learners": learners,
                     "opened": int((p["state"] != State.LOCKED.value).sum()),
                     "submitted": int((p["submissions"] > 0).sum()),
                     "passed": int((p["state"] == State.PASSED.value).sum())})
    return pd.DataFrame(rows, columns=["week", "week_number", "title", "learners", "opened",
                                       "submitted", "passed"])


def funnel_summary(counts: pd.DataFrame) -> str:
    """The funnel in words (for screen readers, and for anyone who prefers text)."""
    if counts.empty or not counts["learners"].max():
        return "No learners yet."
    parts = [f"Week {r.week_number}: {r.opened} opened, {r.submitted} handed in, {r.passed} passed"
             for r in counts.itertuples()]
    return f"Of {counts['learners'].max()} learners. " + "; ".join(parts) + "."


def funnel(progress: pd.DataFrame, syllabus: Syllabus, subtitle: str = "") -> go.Figure:
    """Grouped bars per week: opened, handed in, passed (numbers on the bars)."""
    counts = funnel_counts(progress, syllabus)
    fig = go.Figure()
    _base_layout(fig, FUNNEL_TITLE, subtitle)
    fig.update_xaxes(title_text=f"Course week (1–{len(syllabus.weeks)})")
    fig.update_yaxes(title_text="Learners (count)", rangemode="tozero")
    if not counts["learners"].max():
        return _no_data(fig, "No learners yet")
    labels = [f"Week {n}" for n in counts["week_number"]]
    for column, name, colour, pattern in STAGES:
        hover = [f"<b>Week {r.week_number}: {r.title}</b><br>{name}: {getattr(r, column)} of "
                 f"{r.learners} learners ({_percent(getattr(r, column), r.learners)})"
                 for r in counts.itertuples()]
        fig.add_bar(x=labels, y=counts[column], name=name, marker_color=colour,
                    marker_pattern_shape=pattern, text=counts[column], textposition="outside",
                    hovertext=hover, hoverinfo="text")
    fig.update_layout(barmode="group", legend_title_text="Stage: ",
                      legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0},
                      margin={"b": 110})
    fig.update_yaxes(range=[0, counts["learners"].max() * 1.15 + 0.5], dtick=max(1, math.ceil(
        counts["learners"].max() / 8)))
    return fig


# -- score distributions --------------------------------------------------------------------------
def score_bins(progress: pd.DataFrame, syllabus: Syllabus) -> pd.DataFrame:
    """Per week and 10 % band of the week's points: how many learners' scores fall in it.
    The score is the gate's (the best passing score, else the latest); the top band is 90-100 %."""
    rows = []
    for week in syllabus.weeks:
        p = progress[(progress["week"] == week.id) & progress["score"].notna() & (progress["max_score"] > 0)]
        percent = 100 * p["score"] / p["max_score"]
        band = (percent // BIN_WIDTH).clip(upper=100 // BIN_WIDTH - 1).astype(int) * BIN_WIDTH
        for start in range(0, 100, BIN_WIDTH):
            rows.append({"week": week.id, "week_number": week.number, "title": week.title,
                         "start": start, "end": start + BIN_WIDTH,
                         "learners": int((band == start).sum()),
                         "pass_mark": 100 * week.pass_mark})
    return pd.DataFrame(rows, columns=["week", "week_number", "title", "start", "end", "learners",
                                       "pass_mark"])


def scores_summary(progress: pd.DataFrame, syllabus: Syllabus) -> str:
    parts = []
    for week in syllabus.weeks:
        p = progress[(progress["week"] == week.id) & progress["score"].notna()]
        if p.empty:
            parts.append(f"Week {week.number}: no scores yet")
            continue
        share = 100 * p["score"] / p["max_score"]
        above = int((share + 1e-9 >= 100 * week.pass_mark).sum())
        parts.append(f"Week {week.number}: {len(p)} scored, median {share.median():.0f} %, "
                     f"{above} at or above the pass mark of {100 * week.pass_mark:.0f} %")
    return "; ".join(parts) + "."


def score_distributions(progress: pd.DataFrame, syllabus: Syllabus, subtitle: str = "") -> go.Figure:
    """One histogram per week (2 per row), with the pass mark as a dashed, labelled line."""
    bins = score_bins(progress, syllabus)
    weeks = list(syllabus.weeks)
    cols = min(2, len(weeks))
    rows = math.ceil(len(weeks) / cols)
    fig = make_subplots(rows=rows, cols=cols, shared_yaxes=True, horizontal_spacing=0.08,
                        vertical_spacing=0.22 if rows > 1 else 0.1,
                        subplot_titles=[f"Week {w.number}: {w.title}" for w in weeks])
    _base_layout(fig, SCORES_TITLE, subtitle, height=320 * rows + 120, panel_titles=True)
    fig.update_annotations(font_size=PANEL_TITLE_SIZE)
    top = max(1, int(bins["learners"].max()) if len(bins) else 1)
    for i, week in enumerate(weeks):
        row, col = i // cols + 1, i % cols + 1
        b = bins[bins["week"] == week.id]
        hover = [f"<b>Week {week.number}</b><br>Score {r.start}–{r.end if r.end == 100 else r.end - 1} %: "
                 f"{r.learners} learner{'s' if r.learners != 1 else ''}" for r in b.itertuples()]
        fig.add_bar(x=b["start"] + BIN_WIDTH / 2, y=b["learners"], width=BIN_WIDTH * 0.95,
                    marker_color=BLUE, text=[n if n else "" for n in b["learners"]],
                    textposition="outside", hovertext=hover, hoverinfo="text", showlegend=False,
                    name=f"Week {week.number}", row=row, col=col)
        fig.add_vline(x=100 * week.pass_mark, line_dash="dash", line_color=GREY, line_width=2,
                      row=row, col=col)
        axis = "" if i == 0 else str(i + 1)
        fig.add_annotation(text=f"pass mark {100 * week.pass_mark:.0f} %", x=100 * week.pass_mark,
                           y=1, xref=f"x{axis}", yref=f"y{axis} domain", xanchor="right", yanchor="top",
                           xshift=-4, showarrow=False, font={"size": 12, "color": GREY})
        fig.update_xaxes(range=[0, 100], dtick=20, ticksuffix=" %", row=row, col=col,
                         title_text="Score (% of the week's points)" if row == rows else None)
        fig.update_yaxes(range=[0, top * 1.3 + 0.5], dtick=max(1, math.ceil(top / 5)), row=row, col=col,
                         title_text="Learners (count)" if col == 1 else None)
    if not bins["learners"].sum():
        fig.add_annotation(text="No scores yet", x=0.5, y=0.5, xref="paper", yref="paper",
                           showarrow=False, font={"size": 16, "color": GREY})
    return fig


# -- item analysis --------------------------------------------------------------------------------
LABEL_CHARACTERS = 42   # a question's title is cut to this on the chart's axis (whole in the hover text)


def question_label(week_number, title: str) -> str:
    short = title if len(title) <= LABEL_CHARACTERS else title[:LABEL_CHARACTERS - 1].rstrip() + "…"
    return f"W{week_number} · {short}"


def _answers(count: int) -> str:
    return f"{count} graded answer{'s' if count != 1 else ''}"


def items_summary(items: pd.DataFrame, hardest: int = 3, min_answers: int = MIN_ANSWERS) -> str:
    """The hardest questions in words, each with the number of answers it rests on; or why none is named."""
    graded = items[items["graded"] > 0]
    if graded.empty:
        return "No graded answers yet."
    ranked = graded[graded["ranked"]]
    if ranked.empty:
        return (f"Too few answers to say which questions are hardest: a question is ranked once it has "
                f"{min_answers} graded answers, and the most any has is {int(graded['graded'].max())}.")
    parts = [f"{r.title} (week {r.week_number}): {100 * r.mean_share:.0f} % of points, {r.full_marks} of "
             f"{r.graded} with full marks, based on {_answers(r.graded)}" for r in ranked.head(hardest).itertuples()]
    text = f"Hardest questions (ranked once they have {min_answers} graded answers): " + "; ".join(parts) + "."
    fewer = len(graded) - len(ranked)
    if fewer:
        text += (f" {fewer} question{'s have' if fewer != 1 else ' has'} fewer graded answers and "
                 f"{'are' if fewer != 1 else 'is'} not ranked yet.")
    return text


def item_analysis_chart(items: pd.DataFrame, subtitle: str = "", min_answers: int = MIN_ANSWERS) -> go.Figure:
    """Horizontal bars of each question's mean share of points, labelled by title: the ranked questions
    (at least ``min_answers`` graded answers) hardest first at the top, then the others in grey, marked
    "too few answers". Questions with no graded answer yet are left out, and the figure says how many."""
    graded = items[items["graded"] > 0]
    waiting = int((items["graded"] == 0).sum())
    fig = go.Figure()
    notes = [subtitle] if subtitle else []
    fewer = int((~graded["ranked"]).sum()) if len(graded) else 0
    if fewer:
        notes.append(f"grey: {fewer} question{'s' if fewer != 1 else ''} with fewer than {min_answers} "
                     "graded answers, not ranked")
    if waiting:
        notes.append(f"not shown: {waiting} question{'s' if waiting != 1 else ''} with no graded answer yet")
    _base_layout(fig, ITEMS_TITLE, notes, height=max(300, 34 * len(graded) + 170 + 20 * len(notes)))
    fig.update_xaxes(title_text="Mean share of points (%)", range=[0, 150], tickvals=list(range(0, 101, 20)),
                     ticksuffix=" %")
    fig.update_yaxes(title_text="Question (week · title)", autorange="reversed")
    if graded.empty:
        return _no_data(fig, "No graded answers yet")
    labels = [question_label(n, t) for n, t in zip(graded["week_number"], graded["title"])]
    seen: set[str] = set()
    for i, (label, question) in enumerate(zip(labels, graded["question"])):
        if label in seen:   # two questions with one title: the grade id tells them apart
            labels[i] = f"{label} ({question})"
        seen.add(labels[i])
    text = [f"{100 * r.mean_share:.0f} % · {r.full_marks}/{r.graded} full marks"
            + ("" if r.ranked else " (too few)") for r in graded.itertuples()]
    hover = [f"<b>Week {r.week_number} · {r.title}</b><br>Grade id: {r.question}"
             f"<br>Mean share of points: {100 * r.mean_share:.0f} %"
             f"<br>Full marks: {r.full_marks} of {r.graded} graded answers ({_percent(r.full_marks, r.graded)})"
             + ("" if r.ranked else f"<br>Not ranked: fewer than {min_answers} graded answers")
             + f"<br>Waiting for a mentor's grade: {r.pending}" for r in graded.itertuples()]
    fig.add_bar(y=labels, x=100 * graded["mean_share"], orientation="h",
                marker_color=[ORANGE if r else LIGHT_GREY for r in graded["ranked"]],
                marker_pattern_shape=["" if r else "." for r in graded["ranked"]],
                text=text, textposition="outside", cliponaxis=False, hovertext=hover, hoverinfo="text",
                name="Mean share of points")
    fig.update_layout(showlegend=False, margin={"l": 330})
    return fig
