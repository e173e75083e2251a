"""Query builder: fill in the parts of a Google search, see the query and what every part does.

The builder writes the query with :func:`course.toolkit.search.build_query`;
the box below it can also be edited by hand, and every change is read back with
:func:`~course.toolkit.search.parse_query` and explained part by part, with
any mistake or retired operator (cache:, +, ~) pointed out. A link opens the
search on Google in a new tab; nothing is fetched unless the learner clicks it.
"""
from __future__ import annotations

import html
import re
from urllib.parse import quote_plus

import ipywidgets as w

from ...i18n import _
from ...toolkit.search import build_query, explain, parse_query
from ...widgets.base import button
from .base import Tool, block, items, live_region, status, text_box

FIELDS = ("terms", "exact", "any_of", "exclude", "site", "filetype", "intitle", "after", "before")
FILETYPES = ("pdf", "docx", "xlsx", "pptx", "csv")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _commas(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


class QueryBuilder(Tool):
    """``QueryBuilder()``: fields for each operator, a Build button, an editable query, its explanation."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, w.Widget] = {
            name: text_box(_(f"tool.query.{name}"), _(f"tool.query.{name}_placeholder"))
            for name in FIELDS if name != "filetype"}
        self.fields["filetype"] = w.Dropdown(
            options=[(_("tool.query.filetype_any"), "")] + [(f".{t}", t) for t in FILETYPES], value="",
            description=_("tool.query.filetype"), style={"description_width": "initial"},
            layout=w.Layout(width="auto", max_width="100%"))
        self.fields["filetype"].add_class("course-match")
        self.build_button = button(_("tool.query.build"), icon="search")
        self.build_button.on_click(lambda _b: self.build())
        self.problem = live_region()
        self.query = text_box(_("tool.query.query"), _("tool.query.query_placeholder"))
        self.query.observe(lambda _c: self.explain(), names="value")
        self.explanation = live_region()
        fields = [self.fields[name] for name in FIELDS]
        self._lay_out(_("tool.query.title"), [
            w.HTML(block(html.escape(_("tool.query.intro")))), *fields, self.build_button, self.problem,
            self.query, self.explanation])
        self.explain()

    def parts(self) -> dict[str, object]:
        """What the fields hold, in the form :func:`build_query` takes."""
        value = {name: field.value.strip() for name, field in self.fields.items()}
        return {"terms": value["terms"] or None,
                "exact": _commas(value["exact"]) or None,
                "any_of": _commas(value["any_of"]) or None,
                "exclude": _commas(value["exclude"]) or None,
                "site": value["site"] or None, "filetype": value["filetype"] or None,
                "intitle": value["intitle"] or None,
                "after": value["after"] or None, "before": value["before"] or None}

    def build(self) -> str | None:
        """Write the query from the fields into the query box; None (and a message) if a field is wrong."""
        parts = self.parts()
        for name in ("after", "before"):
            if parts[name] and not _DATE.fullmatch(str(parts[name])):
                return self._problem(_("tool.query.bad_date", field=_(f"tool.query.{name}")))
        if parts["any_of"] is not None and len(parts["any_of"]) < 2:
            return self._problem(_("tool.query.or_needs_two"))
        try:
            text = build_query(**parts)
        except (ValueError, TypeError):
            return self._problem(_("tool.query.cannot_build", field=self._faulty_field(parts)))
        if not text:
            return self._problem(_("tool.query.empty"))
        self.problem.value = ""
        self.query.value = text
        return text

    def explain(self) -> list[str]:
        """Explain the query box, part by part; returns the explanation lines."""
        text = self.query.value.strip()
        if not text:
            self.explanation.value = status(html.escape(_("tool.query.nothing_yet")))
            return []
        query = parse_query(text)
        lines = explain(query)
        link = f"https://www.google.com/search?q={quote_plus(text)}"
        parts = [f"<b>{html.escape(_('tool.query.means'))}</b>", items(lines, "•")]
        if query.problems:
            parts += [f"<b>{html.escape(_('tool.query.problems'))}</b>", items(query.problems, "⚠")]
        parts.append(f'<a href="{html.escape(link)}" target="_blank" rel="noopener noreferrer">'
                     f"{html.escape(_('tool.query.open'))}</a>")
        self.explanation.value = status("".join(parts))
        return lines

    def _problem(self, message: str) -> None:
        self.problem.value = status(f"⚠ {html.escape(message)}")
        return None

    def _faulty_field(self, parts: dict[str, object]) -> str:
        for name, value in parts.items():
            if value is None:
                continue
            try:
                build_query(**{name: value})
            except (ValueError, TypeError):
                return _(f"tool.query.{name}")
        return _("tool.query.query")
