"""Write generated reports through real PDF producers: the producer zoo of ``tests/data/zoo``.

Departments publish PDFs made by many programs, and each lays text out its
own way: the fonts, the order glyphs are drawn in, whether rules are drawn,
how a table continues on the next page.  This script draws consistent reports
from :mod:`govfin.testing`, keeps each as native JSON (the truth), and prints
every one through several real producers:

========================  ==============================================================
producer                  how the PDF is made
========================  ==============================================================
``calc``                  the report's official-layout workbook (``save_xlsx``), fitted
                          to the page width, exported by LibreOffice Calc
``calc-unruled``          the same workbook with every border removed (tables with no
                          ruling, as many Excel exports are), exported by Calc
``writer-html``           the workbook's sheets as an HTML page, exported by LibreOffice
                          Writer
``chromium``              the same HTML page printed by headless Chromium
``reportlab-cid``         drawn with reportlab in the built-in CID font STSong-Light
                          (not embedded: the reader has only the font's name), ruled
``reportlab-glyphs``      reportlab again, every glyph drawn by its own text operation,
                          with horizontal rules only (partial ruling)
``reportlab-threeline``   reportlab, each table a 三线表 (booktabs): a rule above the
                          header, one below it and one below the last row, nothing else
``writer-docx``           the report as a Word document (``govfin.testing.office``),
                          tables in Word's ``Table Grid`` style on landscape A4, exported
                          by LibreOffice Writer: Word's column widths, wrapped headers
========================  ==============================================================

``tests/io/test_zoo.py`` reads every PDF back and compares each cell of each
table with the truth (value, decimals, blank against 0).  CI reads the
committed files; it needs none of these programs.  To make the files again
(LibreOffice, ``chromium-headless-shell``, ``fonts-noto-cjk`` from Debian;
``reportlab`` from PyPI)::

    python scripts/make_producer_zoo.py --out tests/data/zoo

Each report is the richest of the first examples hypothesis draws with a fixed
seed; the JSON written beside the PDFs is what the tests compare with, so a
change of hypothesis's drawing changes nothing until the files are made again.
A sweep (``--shift N``, other seeds) is read back with
``python scripts/check_sweep.py DIR ...``: a line per PDF and the counts of PDFs
read right, with errors, misread silently and not checked in full.

When ``{name}.json`` is already in the output folder, that report is printed
again rather than a new one drawn (``--redraw`` draws anew): a producer added
later prints the same reports as the others::

    python scripts/make_producer_zoo.py --out tests/data/zoo --producers writer-docx
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import attrs
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.styles import Border
from openpyxl.worksheet.properties import PageSetupProperties
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from govfin.amounts import Unit
from govfin.io.excel import save_xlsx
from govfin.io.jsonio import load_json, save_json
from govfin.report import Cell, Report
from govfin.testing import budget_reports, narrated_reports
from govfin.testing.office import write_docx

REPORTS: Final[dict[str, tuple[Callable[[], st.SearchStrategy[Report]], int]]] = {
    "final": (lambda: narrated_reports(max_classes=4), 2024),
    "final-long": (lambda: narrated_reports(max_classes=9), 2025),
    "budget": (lambda: budget_reports(max_classes=4, unit=Unit.YUAN), 2026),
}
"""Name → (strategy, seed) of each generated report."""

PRODUCERS: Final = (
    "calc",
    "calc-unruled",
    "writer-html",
    "chromium",
    "reportlab-cid",
    "reportlab-glyphs",
    "reportlab-threeline",
    "writer-docx",
)


def draw_report(name: str, shift: int = 0) -> Report:
    """The report with the most rows among the first examples of *name*'s strategy.

    *shift* moves the fixed seed: other reports of the same kind, for a
    wider sweep than the committed zoo.
    """
    strategy, fixed = REPORTS[name]
    fixed += shift
    drawn: list[Report] = []

    @settings(
        max_examples=25,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @seed(fixed)
    @given(strategy())
    def grab(report: Report) -> None:
        drawn.append(report)

    grab()
    return max(drawn, key=lambda r: sum(len(t.rows) for t in r.tables))


@attrs.frozen
class GridCell:
    """One cell of a printed sheet: its text, its span and which of its sides are ruled."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    ruled: bool = False
    number: bool = False


Grid = list[list[GridCell | None]]
"""A sheet as printed: rows of cells; ``None`` where a merged cell covers the place."""


def _shown(cell: Any) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, int | float):
        places = cell.number_format.split(".")[1].count("0") if "." in cell.number_format else 0
        exact = Decimal(repr(value)).quantize(Decimal(1).scaleb(-places))
        return f"{exact:,f}" if "," in cell.number_format else f"{exact:f}"
    return str(value)


def sheet_grids(workbook: Path) -> Iterator[tuple[str, Grid]]:
    """The visible sheets of *workbook* as printed grids (name, rows)."""
    book = load_workbook(workbook)
    for ws in book.worksheets:
        if ws.sheet_state != "visible":
            continue
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        covered: set[tuple[int, int]] = set()
        for rng in ws.merged_cells.ranges:
            spans[(rng.min_row, rng.min_col)] = (
                rng.max_row - rng.min_row + 1,
                rng.max_col - rng.min_col + 1,
            )
            covered.update(
                (r, c)
                for r in range(rng.min_row, rng.max_row + 1)
                for c in range(rng.min_col, rng.max_col + 1)
            )
        grid: Grid = []
        for r in range(1, ws.max_row + 1):
            row: list[GridCell | None] = []
            for c in range(1, ws.max_column + 1):
                if (r, c) in covered and (r, c) not in spans:
                    row.append(None)
                    continue
                cell = ws.cell(r, c)
                rowspan, colspan = spans.get((r, c), (1, 1))
                row.append(
                    GridCell(
                        _shown(cell),
                        colspan=colspan,
                        rowspan=rowspan,
                        ruled=bool(cell.border.left and cell.border.left.style),
                        number=isinstance(cell.value, int | float),
                    )
                )
            grid.append(row)
        yield ws.title, grid


def fit_to_width(workbook: Path, *, ruled: bool) -> None:
    """Lay every visible sheet on landscape pages one page wide; drop borders unless *ruled*."""
    book = load_workbook(workbook)
    for ws in book.worksheets:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_setup.orientation = "landscape"
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        if not ruled:
            for row in ws.iter_rows():
                for cell in row:
                    cell.border = Border()
    book.save(workbook)


def to_html(grids: list[tuple[str, Grid]], title: str) -> str:
    """One HTML page: the 情况说明 as paragraphs, each table sheet as an HTML table."""
    out = [
        "<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>",
        f"<title>{html.escape(title)}</title><style>",
        "body{font-family:'Noto Sans CJK SC','Noto Serif CJK SC',sans-serif;font-size:10pt}",
        "table{border-collapse:collapse;margin-bottom:2em;page-break-after:always}",
        "td{padding:1pt 4pt}td.r{border:0.5pt solid #000}td.n{text-align:right}",
        "@page{size:A4 landscape;margin:12mm}",
        "</style></head><body>",
    ]
    for name, grid in grids:
        if name == "情况说明":
            for row in grid[1:]:
                texts = [c.text for c in row if c is not None and c.text]
                if texts:
                    out.append(f"<p>{html.escape(texts[-1])}</p>")
            continue
        out.append("<table>")
        for row in grid:
            out.append("<tr>")
            for c in row:
                if c is None:
                    continue
                cls = " ".join(k for k, on in (("r", c.ruled), ("n", c.number)) if on)
                attrs_ = f" class='{cls}'" if cls else ""
                if c.colspan > 1:
                    attrs_ += f" colspan='{c.colspan}'"
                if c.rowspan > 1:
                    attrs_ += f" rowspan='{c.rowspan}'"
                out.append(f"<td{attrs_}>{html.escape(c.text)}</td>")
            out.append("</tr>")
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


def _width(text: str) -> float:
    return sum(1.0 if ord(ch) > 0x2E80 else 0.55 for ch in text)


def _body_start(grid: Grid) -> int:
    """Where the header of *grid* ends: after its 栏次 row, else at the first row of the body.

    A body row holds a number, or starts with a classification code (its
    figures may all be blank: the rule under the header never goes below such a row).
    """
    texts = [[c.text.strip() for c in row if c is not None and c.text.strip()] for row in grid]
    numbered = [i for i, row in enumerate(texts) if row and row[0].replace(" ", "") == "栏次"]
    if numbered:
        return numbered[-1] + 1
    return next(
        (
            i
            for i, row in enumerate(grid)
            if any(c is not None and c.number for c in row)
            or (texts[i] and re.fullmatch(r"[0-9]{3}(?:[0-9]{2}){0,2}", texts[i][0]))
        ),
        len(grid),
    )


def to_reportlab(  # noqa: PLR0915 - one page layout, read top to bottom
    grids: list[tuple[str, Grid]], path: Path, *, per_glyph: bool, threeline: bool = False
) -> None:
    """Draw the sheets with reportlab in STSong-Light (not embedded).

    With *per_glyph*, every glyph is its own text operation and only
    horizontal rules are drawn; with *threeline*, each table (on each page)
    gets three rules only: above its header, below its header and below its
    last row; otherwise text runs are drawn whole and every ruled cell is
    boxed.
    """
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    width, height = landscape(A4)
    canvas = Canvas(str(path), pagesize=(width, height), pageCompression=1)
    size, line, margin = 8.0, 13.0, 30.0

    def text(x: float, y: float, s: str) -> None:
        canvas.setFont("STSong-Light", size)
        if not per_glyph:
            canvas.drawString(x, y, s)
            return
        for ch in s:
            canvas.drawString(x, y, ch)
            x += pdfmetrics.stringWidth(ch, "STSong-Light", size)

    for name, grid in grids:
        if name == "情况说明":
            y = height - margin
            for row in grid[1:]:
                for c in row:
                    if c is None or not c.text:
                        continue
                    chunk = int((width - 2 * margin) / size)
                    for start in range(0, len(c.text), chunk):
                        if y < margin:
                            canvas.showPage()
                            y = height - margin
                        text(margin, y, c.text[start : start + chunk])
                        y -= line
            canvas.showPage()
            continue
        ncols = max(len(r) for r in grid)
        widths = [4.0] * ncols
        for row in grid:
            for i, c in enumerate(row):
                if c is not None and c.colspan == 1:
                    widths[i] = max(widths[i], _width(c.text) + 1.5)
        scale = min(size, (width - 2 * margin) / sum(widths))
        xs = [margin]
        for w in widths:
            xs.append(xs[-1] + w * scale)
        y = height - margin
        body = _body_start(grid)
        top: float | None = None  # where this page's part of the ruled table began
        bottom = y

        def close(
            top: float | None, bottom: float, left: float = xs[0], right: float = xs[-1]
        ) -> None:
            if threeline and top is not None:
                canvas.line(left, top, right, top)
                canvas.line(left, bottom, right, bottom)

        for index, row in enumerate(grid):
            if y < margin + line:
                close(top, bottom)
                canvas.showPage()
                y = height - margin
                top = None
            ruled = any(c is not None and c.ruled for c in row)
            if threeline and ruled:
                if top is None:
                    top = y
                if index == body:
                    canvas.line(xs[0], y, xs[-1], y)
                bottom = y - line
            for i, c in enumerate(row):
                if c is None:
                    continue
                x0, x1 = xs[i], xs[min(i + c.colspan, ncols)]
                w = _width(c.text) * size
                if c.number:
                    tx = x1 - 2 - pdfmetrics.stringWidth(c.text, "STSong-Light", size)
                elif c.colspan > 1 and not c.ruled:
                    tx = (x0 + x1 - w) / 2
                else:
                    tx = x0 + 2
                if c.text:
                    text(tx, y - line + 3.5, c.text)
                if c.ruled and not threeline:
                    if per_glyph:
                        canvas.line(x0, y, x1, y)
                        canvas.line(x0, y - line, x1, y - line)
                    else:
                        canvas.rect(x0, y - line, x1 - x0, line)
            y -= line
        close(top, bottom)
        canvas.showPage()
    canvas.save()


def to_docx(report: Report, path: Path) -> None:
    """*report* as a Word document whose tables are ruled (``Table Grid``), on landscape A4."""
    import docx  # noqa: PLC0415 - the docx extra
    from docx.enum.section import WD_ORIENT  # noqa: PLC0415
    from docx.shared import Mm  # noqa: PLC0415

    write_docx(report, path)
    document = docx.Document(str(path))
    for section in document.sections:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.left_margin = section.right_margin = Mm(15)
    for table in document.tables:
        table.style = document.styles["Table Grid"]
    document.save(str(path))


def _run(cmd: list[str], cwd: Path) -> None:
    subprocess.run(cmd, cwd=cwd, check=True, capture_output=True, timeout=300)


def as_shown(report: Report) -> Report:
    """*report* with every amount as a workbook shows it: at its column's decimals, with commas.

    The producers print the official-layout workbook, whose number cells show
    the column's precision (``0`` in a column of 2 decimals shows ``0.00``):
    that, not the text hypothesis drew, is what a reader finds on the page.
    """
    tables = []
    for table in report.tables:
        places = {c.key: c.precision for c in table.columns}
        rows = []
        for row in table.rows:
            cells = dict(row.cells)
            for key, cell in row.cells.items():
                precision = places.get(key)
                if cell.value is not None and precision is not None:
                    value = cell.value.quantize(Decimal(1).scaleb(-precision))
                    cells[key] = Cell(f"{value:,f}", cell.state, value)
            rows.append(attrs.evolve(row, cells=cells))
        tables.append(attrs.evolve(table, rows=tuple(rows)))
    return report.evolve(tables=tuple(tables))


def produce(report: Report, name: str, out: Path, producers: tuple[str, ...]) -> None:
    """Write *report* as ``{name}.json`` and one ``{name}--{producer}.pdf`` per producer."""
    report = as_shown(report)
    save_json(report, out / f"{name}.json")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        book = tmp / f"{name}.xlsx"
        save_xlsx(report, book)
        grids = list(sheet_grids(book))
        page = tmp / f"{name}.html"
        page.write_text(to_html(grids, name), encoding="utf-8")
        soffice = ["soffice", "--headless", "--norestore", "--convert-to"]
        for producer in producers:
            target = out / f"{name}--{producer}.pdf"
            if producer in ("calc", "calc-unruled"):
                copy = tmp / f"{producer}.xlsx"
                shutil.copy(book, copy)
                fit_to_width(copy, ruled=producer == "calc")
                _run([*soffice, "pdf", copy.name], tmp)
                shutil.move(tmp / f"{producer}.pdf", target)
            elif producer == "writer-html":
                _run([*soffice, "pdf:writer_web_pdf_Export", page.name], tmp)
                shutil.move(tmp / f"{name}.pdf", target)
            elif producer == "chromium":
                browser = shutil.which("chromium-headless-shell") or "chromium"
                _run(
                    [
                        browser,
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-pdf-header-footer",
                        f"--print-to-pdf={target.resolve()}",
                        page.as_uri(),
                    ],
                    tmp,
                )
            elif producer == "writer-docx":
                word = tmp / f"{name}.docx"
                to_docx(report, word)
                _run([*soffice, "pdf", word.name], tmp)
                shutil.move(tmp / f"{name}.pdf", target)
            else:
                to_reportlab(
                    grids,
                    target,
                    per_glyph=producer == "reportlab-glyphs",
                    threeline=producer == "reportlab-threeline",
                )
            print(f"{target.name}: {target.stat().st_size // 1024} KiB")


def main(argv: list[str] | None = None) -> int:
    """Make the zoo."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("tests/data/zoo"))
    parser.add_argument("--producers", default=",".join(PRODUCERS))
    parser.add_argument("--reports", default=",".join(REPORTS))
    parser.add_argument(
        "--redraw", action="store_true", help="draw new reports even where their JSON exists"
    )
    parser.add_argument(
        "--shift",
        type=int,
        default=0,
        help="move every report's seed by this much (other reports: a sweep, not the zoo)",
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    producers = tuple(p for p in args.producers.split(",") if p)
    unknown = set(producers) - set(PRODUCERS)
    if unknown:
        parser.error(f"unknown producers: {', '.join(sorted(unknown))}")
    for name in args.reports.split(","):
        truth = args.out / f"{name}.json"
        fresh = args.redraw or not truth.exists()
        report = draw_report(name, args.shift) if fresh else load_json(truth)
        produce(report, name, args.out, producers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
