"""The widgets' messages: every key in English and Arabic, with the same placeholders."""
from __future__ import annotations

import ast
import re
from pathlib import Path
from string import Formatter

from course.i18n import catalogue

WIDGETS = Path(__file__).resolve().parents[2] / "course" / "widgets"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


def used_keys() -> set[str]:
    """Every literal key passed to _() in the widget files (and f-string prefixes such as chart.title.)."""
    keys = set()
    for path in WIDGETS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "_" and node.args:
                arg = node.args[0]
                if isinstance(arg, ast.Constant):
                    keys.add(arg.value)
                elif isinstance(arg, ast.IfExp):
                    keys.update(a.value for a in (arg.body, arg.orelse) if isinstance(a, ast.Constant))
        keys.update(re.findall(r'"((?:widget|audit)\.[a-z_.]+)"', path.read_text(encoding="utf-8")))
    return keys


def test_every_english_key_has_an_arabic_translation():
    """Is every message translated into Arabic, with the same {placeholders}?"""
    en, ar = catalogue("en"), catalogue("ar")
    assert set(en) == set(ar)
    for key in en:
        assert placeholders(en[key]) == placeholders(ar[key]), key
        words = re.sub(r"\{[^}]*\}", "", en[key])
        assert ar[key] != en[key] or not re.search("[A-Za-z]{3}", words), f"{key} is not translated"


def test_arabic_messages_are_in_arabic_script():
    """Are the Arabic widget messages written in Arabic letters (not left in English)?"""
    ar = catalogue("ar")
    for key in (k for k in ar if k.split(".")[0] in ("widget", "choices", "truefalse", "order", "pairs",
                                                        "text", "number", "audit", "chart", "ask")):
        if key == "audit.advice":
            continue   # only placeholders
        assert re.search("[\u0600-\u06FF]", ar[key]), key


def test_every_key_the_widgets_use_exists():
    """Does every message key used by a widget exist in the English catalogue?"""
    en = catalogue("en")
    missing = sorted(k for k in used_keys() if k not in en and not k.endswith("."))
    assert not missing
    for how in ("sum", "mean", "max", "min", "count"):
        assert f"chart.title.{how}" in en


def test_catalogues_are_split_by_area_with_the_same_files_in_each_language():
    """Does every language have the same area files, each holding the same keys as its English twin?"""
    import tomllib
    from course.i18n import folder
    en_files = {p.name: p for p in folder("en").glob("*.toml")}
    ar_files = {p.name: p for p in folder("ar").glob("*.toml")}
    assert en_files.keys() == ar_files.keys() and {"gate.toml", "widgets.toml", "week1_facebook.toml"} <= en_files.keys()
    for name in en_files:
        en = tomllib.loads(en_files[name].read_text(encoding="utf-8"))
        ar = tomllib.loads(ar_files[name].read_text(encoding="utf-8"))
        assert en.keys() == ar.keys(), name
