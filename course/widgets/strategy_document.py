"""The learner's strategy as a one-page document they keep: ``my_strategy.html`` and ``my_strategy.pdf``.

Both are written beside the notebook, in the learner's language: the HTML page
carries ``lang`` and ``dir`` (Arabic reads right to left) and prints on one
A4 page; the PDF is made with fpdf2, whose text shaping (HarfBuzz, through
uharfbuzz) joins Arabic letters and orders mixed right-to-left and
left-to-right text. Its font must have Arabic letters: the first font of
:data:`FONTS` that exists and covers both scripts is used (``make lab``
installs DejaVu Sans where it is missing). The font size shrinks until the
strategy fits one page, down to a floor; a longer strategy flows onto a second.

Every text the learner wrote is escaped in the HTML and drawn as plain text in
the PDF. Files are written whole (a temporary file, then a rename). Nothing
here raises for a learner: :func:`export` returns what it made and, when the
PDF could not be made, why, in the learner's language.
"""
from __future__ import annotations

import datetime as dt
import html
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _, direction
from ..json_file import write_bytes_atomically

HTML_NAME, PDF_NAME = "my_strategy.html", "my_strategy.pdf"
# (regular, bold) font files, best first; each must cover Latin and Arabic letters.
FONTS = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/local/share/fonts/DejaVuSans.ttf", "/usr/local/share/fonts/DejaVuSans-Bold.ttf"),
    ("/opt/homebrew/share/fonts/dejavu/DejaVuSans.ttf", "/opt/homebrew/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
    ("/Library/Fonts/DejaVuSans.ttf", "/Library/Fonts/DejaVuSans-Bold.ttf"),
)
SIZES = (10.5, 9.5, 8.5, 7.5)        # font sizes tried until the strategy fits one page
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Step:
    """One step of the strategy as the document shows it."""
    title: str
    question: str
    text: str


@dataclass(frozen=True)
class Exported:
    html: Path | None
    pdf: Path | None
    problem: str = ""        # why a file is missing, in the learner's language
    pages: int = 0           # pages of the PDF


def clean(text: str) -> str:
    """Control characters out (line breaks stay)."""
    return _CONTROL.sub("", text or "").strip()


def html_page(steps: list[Step], language: str, today: dt.date) -> str:
    """The one-page HTML document."""
    rtl = direction(language) == "rtl"
    items = "".join(
        f'<section><h2>{n}. {html.escape(s.title)}</h2>'
        + (f'<p>{html.escape(clean(s.text)).replace(chr(10), "<br>")}</p>' if clean(s.text)
           else f'<p class="empty">{html.escape(_("capstone.not_written"))}</p>')
        + "</section>" for n, s in enumerate(steps, 1))
    font = "'DejaVu Sans', 'Noto Naskh Arabic', 'Noto Sans Arabic', Tahoma, sans-serif" if rtl else "sans-serif"
    return (f'<!DOCTYPE html><html lang="{language}" dir="{"rtl" if rtl else "ltr"}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(_('capstone.doc_title'))}</title><style>"
            f"body{{font-family:{font};max-width:46em;margin:1em auto;padding:0 1em;line-height:1.4;color:#111}}"
            "h1{font-size:1.5em;margin:.2em 0}.sub{color:#555;margin:0 0 1em}"
            "h2{font-size:1.05em;margin:.8em 0 .2em;color:#1f4e79}p{margin:0}.empty{color:#888}"
            "@page{size:A4;margin:14mm}@media print{body{margin:0;max-width:none;font-size:10pt}}"
            "</style></head><body>"
            f"<h1>{html.escape(_('capstone.doc_title'))}</h1>"
            '<p class="sub">' + html.escape(_("capstone.doc_subtitle", course=_("capstone.course"), date="\x00"))
            .replace("\x00", f'<bdi dir="ltr" style="white-space:nowrap">{today.isoformat()}</bdi>') + "</p>"
            f"{items}</body></html>")


def find_font() -> tuple[str, str] | None:
    """The first (regular, bold) font pair of :data:`FONTS` that exists and has Latin and Arabic letters."""
    for regular, bold in FONTS:
        if os.path.isfile(regular) and _covers(regular):
            return regular, bold if os.path.isfile(bold) else regular
    for path in _fontconfig_arabic():       # elsewhere: any installed font fontconfig knows for Arabic
        if _covers(path):
            return path, path
    return None


def _fontconfig_arabic() -> list[str]:
    import shutil
    import subprocess
    if shutil.which("fc-list") is None:
        return []
    try:
        out = subprocess.run(["fc-list", ":lang=ar", "file"], capture_output=True, text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted(p.strip().rstrip(":") for p in out.splitlines() if p.strip().endswith((".ttf", ".ttf:")))


def _covers(path: str) -> bool:
    try:
        from fontTools.ttLib import TTFont
        cmap = TTFont(path, lazy=True).getBestCmap() or {}
    except Exception:  # noqa: BLE001 - an unreadable font is simply not used
        return False
    return all(ord(ch) in cmap for ch in "Aaz09بتجعكلمنهوي")


def pdf_bytes(steps: list[Step], language: str, today: dt.date) -> tuple[bytes, int]:
    """The PDF (and its number of pages): the largest font size of :data:`SIZES` that fits one page.
    Raises LookupError without a usable font, ImportError without fpdf2."""
    font = find_font()
    if font is None:
        raise LookupError(_("capstone.no_font"))
    best = b"", 0
    for size in SIZES:
        data, pages = _pdf(steps, language, today, font, size)
        best = data, pages
        if pages <= 1:
            break
    return best


def _pdf(steps, language, today, font, size) -> tuple[bytes, int]:
    from fpdf import FPDF
    rtl = direction(language) == "rtl"
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(14, 14, 14)
    pdf.set_auto_page_break(True, margin=14)
    pdf.set_title(_("capstone.doc_title"))
    pdf.set_lang(language)
    pdf.add_font("Doc", "", font[0])
    pdf.add_font("Doc", "B", font[1])
    pdf.set_text_shaping(use_shaping_engine=True, direction="rtl" if rtl else "ltr",
                         script="arab" if rtl else "latn", language=language)
    align = "R" if rtl else "L"
    pdf.add_page()
    line = size * 0.5
    pdf.set_font("Doc", "B", size + 6)
    pdf.multi_cell(0, (size + 6) * 0.5, _("capstone.doc_title"), align=align, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Doc", "", size - 1)
    pdf.set_text_color(85, 85, 85)
    pdf.multi_cell(0, line, _("capstone.doc_subtitle", course=_("capstone.course"), date=today.isoformat()),
                   align=align, new_x="LMARGIN", new_y="NEXT")
    for number, step in enumerate(steps, 1):
        pdf.ln(line * 0.6)
        pdf.set_font("Doc", "B", size + 1)
        pdf.set_text_color(31, 78, 121)
        pdf.multi_cell(0, line + 0.3, f"{number}. {step.title}", align=align, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Doc", "", size)
        text = clean(step.text)
        pdf.set_text_color(17, 17, 17) if text else pdf.set_text_color(136, 136, 136)
        pdf.multi_cell(0, line, text or _("capstone.not_written"), align=align, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output()), pdf.pages_count


def _write(path: Path, data: bytes) -> None:
    write_bytes_atomically(path, data, mode=0o644)


def export(folder: Path | str, steps: list[Step], language: str, today: dt.date | None = None) -> Exported:
    """Write ``my_strategy.html`` and ``my_strategy.pdf`` into ``folder``; what was made, and why not."""
    folder, today = Path(folder), today or dt.date.today()
    html_path, pdf_path = folder / HTML_NAME, folder / PDF_NAME
    try:
        _write(html_path, html_page(steps, language, today).encode("utf-8"))
    except OSError as exc:
        return Exported(None, None, _("capstone.cannot_write", path=html_path.name, problem=exc.strerror or exc))
    try:
        data, pages = pdf_bytes(steps, language, today)
    except ImportError:
        return Exported(html_path, None, _("capstone.no_pdf", problem=_("capstone.pdf_library_missing")))
    except LookupError as exc:
        return Exported(html_path, None, _("capstone.no_pdf", problem=str(exc).strip("'\"")))
    except Exception as exc:  # noqa: BLE001 - a PDF that cannot be made still leaves the HTML page
        return Exported(html_path, None, _("capstone.no_pdf", problem=f"{type(exc).__name__}: {exc}"[:200]))
    try:
        _write(pdf_path, data)
    except OSError as exc:
        return Exported(html_path, None, _("capstone.cannot_write", path=pdf_path.name, problem=exc.strerror or exc))
    return Exported(html_path, pdf_path, pages=pages)
