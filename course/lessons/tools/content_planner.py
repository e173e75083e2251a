"""A content planner: type the month's posts, get a calendar file (.ics) to import into any calendar.

Built on :mod:`course.toolkit.content_calendar`. The plan stays in the widget: the file is offered as a
download link made in the page (a ``data:`` link), never written to disk or sent anywhere.
"""
from __future__ import annotations

import base64
import html
from datetime import timedelta

import ipywidgets as w

from ...i18n import _, current_language
from ...toolkit.content_calendar import calendar_ics, parse_plan, repeat_weekly, yearly_dates
from ...widgets.base import button
from .base import Tool, block, code, items, live_region, status, text_box

#: Time zones offered: the region the course serves (the tz database's names).
TIME_ZONES = ("Asia/Beirut", "Asia/Amman", "Asia/Damascus", "Asia/Baghdad", "Asia/Gaza", "Africa/Cairo",
              "Africa/Khartoum", "Asia/Riyadh", "Asia/Aden", "Africa/Tunis", "Africa/Casablanca")
WEEKS = (1, 2, 4, 8, 13)


def zone_name(zone: str, language: str | None = None) -> str:
    """A time zone as the learner reads it: its city in their language (Babel's CLDR names)."""
    from babel.dates import get_timezone_location
    try:
        return get_timezone_location(zone, locale=language or current_language(), return_city=True)
    except Exception:  # noqa: BLE001 - an unknown locale or zone still shows the zone's own name
        return zone


def download_link(data: bytes, filename: str, label: str) -> str:
    """An HTML link that downloads ``data`` as ``filename`` (a calendar file), made in the page."""
    encoded = base64.b64encode(data).decode("ascii")
    return (f'<a download="{html.escape(filename)}" href="data:text/calendar;charset=utf-8;base64,{encoded}" '
            f'style="font-weight:bold">{html.escape(label)}</a>')


class ContentPlanner(Tool):
    """``ContentPlanner()``: one post a line, a time zone, how many weeks; a table and a calendar file."""

    def __init__(self):
        super().__init__()
        self.plan = text_box(_("w2.tool.plan.label"), _("w2.tool.plan.example_text").split("\n")[0], area=True)
        self.name = text_box(_("w2.tool.plan.name"), _("w2.tool.plan.name_placeholder"))
        self.zone = w.Dropdown(options=[(zone_name(z), z) for z in TIME_ZONES], value="Asia/Beirut", description=_("w2.tool.plan.zone"),
                               style={"description_width": "initial"}, layout=w.Layout(width="auto"))
        self.weeks = w.Dropdown(options=[(_("w2.tool.plan.weeks_once"), 1)] +
                                [(_("w2.tool.plan.weeks_n", n=n), n) for n in WEEKS[1:]],
                                value=1, description=_("w2.tool.plan.repeat"),
                                style={"description_width": "initial"}, layout=w.Layout(width="auto"))
        self.example_button = button(_("w2.tool.plan.example"), icon="pencil")
        self.example_button.on_click(lambda _b: self.load_example())
        self.make_button = button(_("w2.tool.plan.make"), icon="calendar")
        self.make_button.on_click(lambda _b: self.make())
        self.result = live_region()
        note = block(f"<i>{html.escape(_('w2.tool.plan.how'))}</i>")
        self._lay_out(_("w2.tool.plan.title"), [
            w.HTML(note), self.plan, self.name, w.HBox([self.zone, self.weeks], layout=w.Layout(flex_flow="row wrap")),
            w.HBox([self.example_button, self.make_button], layout=w.Layout(flex_flow="row wrap")), self.result])

    def load_example(self) -> None:
        self.plan.value = _("w2.tool.plan.example_text")   # in the learner's language

    def make(self) -> bytes | None:
        """Show the plan as a table and a link to its calendar file; returns the file (None if no post)."""
        posts, problems = parse_plan(self.plan.value, self.zone.value)
        posts = sorted((p for post in posts for p in repeat_weekly(post, self.weeks.value)), key=lambda p: p.start)
        parts = [html.escape(_(f"w2.tool.plan.problem.{p.code}", number=p.number)) + " " + code(p.line, "auto")
                 for p in problems]
        if not posts:
            parts.append(html.escape(_("w2.tool.plan.nothing")))
            self.result.value = status("<br>".join(parts))
            return None
        rows = "".join(f"<tr><td>{p.start:%Y-%m-%d}</td><td>{p.start:%H:%M}</td>"
                       f"<td>{html.escape(p.title)}</td><td>{html.escape(p.owner)}</td></tr>" for p in posts)
        head = "".join(f"<th>{html.escape(_(f'w2.tool.plan.col.{c}'))}</th>" for c in ("day", "time", "what", "who"))
        table = f'<table dir="auto" style="max-width:100%"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
        name = self.name.value.strip() or _("w2.tool.plan.name_placeholder")
        data = calendar_ics(posts, name, owner_label=_("w2.tool.plan.owner_label"))
        parts.append(html.escape(_("w2.tool.plan.count", count=len(posts), zone=zone_name(self.zone.value))))
        parts.append(table)
        last = posts[-1].start.date()
        month_end = (last.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        days = yearly_dates(posts[0].start.date().replace(day=1), month_end)   # the whole months planned
        days = [d for d in days if d[0] not in {p.start.date() for p in posts}]
        if days:
            parts.append(html.escape(_("w2.tool.plan.dates")) +
                         items(f"{d:%Y-%m-%d}: {_(f'w2.tool.plan.day.{key}')}" for d, key in days))
        parts.append(download_link(data, "content_plan.ics", _("w2.tool.plan.download")))
        parts.append(html.escape(_("w2.tool.plan.import")))
        self.result.value = status("<br>".join(parts))
        return data
