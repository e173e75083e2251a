"""CSV downloads of the dashboard's tables, as links that carry the file in a ``data:`` URI.

A link works in JupyterLab, in Voila and in a saved HTML page, with no file
written on the server. The CSV is UTF-8 with a byte-order mark, so
spreadsheet programs show Arabic names right. A text cell that starts with
``=``, ``+``, ``-``, ``@`` or a tab is prefixed with ``'`` so a spreadsheet
shows it as text instead of running it as a formula (learners write some of
these cells: names, questions).
"""
from __future__ import annotations

import base64
import html
import re

import pandas as pd

_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9_-]+")


def _defuse(value):
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return value


def csv_text(frame: pd.DataFrame) -> str:
    """The table as CSV text (no index; times as ``YYYY-MM-DD HH:MM:SS``; formulas defused)."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(_defuse)
    return safe.to_csv(index=False, date_format="%Y-%m-%d %H:%M:%S", lineterminator="\n")


def csv_data_uri(frame: pd.DataFrame) -> str:
    payload = ("\ufeff" + csv_text(frame)).encode("utf-8")
    return "data:text/csv;charset=utf-8;base64," + base64.b64encode(payload).decode("ascii")


def safe_filename(name: str) -> str:
    stem = _SAFE_NAME.sub("_", name.removesuffix(".csv")).strip("_") or "table"
    return stem + ".csv"


def download_link(frame: pd.DataFrame, filename: str, label: str | None = None) -> str:
    """An HTML link that downloads ``frame`` as ``filename`` (a CSV file)."""
    filename = safe_filename(filename)
    rows = len(frame)
    text = label or f"Download this table as CSV ({rows} row{'s' if rows != 1 else ''})"
    return (f'<a class="course-download" download="{html.escape(filename)}" '
            f'href="{csv_data_uri(frame)}" title="{html.escape(filename)}">⤓ {html.escape(text)}</a>')
