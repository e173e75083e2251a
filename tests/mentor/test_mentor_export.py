"""CSV downloads of the dashboard's tables: the file a mentor gets is the table, safe to open in a spreadsheet."""
from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import re

import pandas as pd

from course.mentor.export import csv_data_uri, csv_text, download_link, safe_filename


def decoded(uri: str) -> bytes:
    head, payload = uri.split(",", 1)
    assert head == "data:text/csv;charset=utf-8;base64"
    return base64.b64decode(payload)


def test_the_download_is_the_table_with_arabic_kept():
    """Does the data: URI hold the table's rows as UTF-8 CSV (with a BOM for spreadsheets), Arabic intact?"""
    frame = pd.DataFrame({"learner": ["l1", "l2"], "name": ["أمل منصور", "Omar"], "score": [8.0, 4.5],
                          "asked": [dt.datetime(2026, 12, 15, 18, 4), dt.datetime(2026, 12, 16, 9, 0)]})
    raw = decoded(csv_data_uri(frame))
    assert raw.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows == [["learner", "name", "score", "asked"], ["l1", "أمل منصور", "8.0", "2026-12-15 18:04:00"],
                    ["l2", "Omar", "4.5", "2026-12-16 09:00:00"]]


def test_text_that_looks_like_a_formula_is_kept_as_text():
    """Is a learner's text starting with = + - or @ prefixed so a spreadsheet does not run it?"""
    frame = pd.DataFrame({"question": ["=HYPERLINK(\"http://x\")", "+1", "-2", "@me", "fine = ok"],
                          "points": [1, -2, 3, 4, 5]})
    rows = list(csv.reader(io.StringIO(csv_text(frame))))[1:]
    assert [r[0] for r in rows] == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@me", "fine = ok"]
    assert [r[1] for r in rows] == ["1", "-2", "3", "4", "5"]      # numbers are left alone


def test_the_link_names_a_safe_file_and_counts_rows():
    """Does the link download under a safe file name and say how many rows it holds?"""
    frame = pd.DataFrame({"a": [1, 2, 3]})
    link = download_link(frame, "at risk/m_rima 2026-12-15")
    assert 'download="at_risk_m_rima_2026-12-15.csv"' in link and "(3 rows)" in link
    assert re.search(r'href="data:text/csv;charset=utf-8;base64,[A-Za-z0-9+/=]+"', link)
    assert safe_filename("../../etc/passwd") == "etc_passwd.csv"
    assert "(1 row)" in download_link(frame.head(1), "x")
