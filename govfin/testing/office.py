"""Write a report as a Word document or a legacy ``.xls`` workbook, laid out as printed.

For round-trip tests of the ``.docx`` and ``.xls`` readers (and fixtures):
each table is laid out exactly as :func:`govfin.io.excel.save_xlsx` lays it
out for a finance officer (title, number, captions, the header rows as
printed with their merged cells, the 栏次 row, the body, the notes), then
copied cell for cell into the other format.  Nothing of govfin's own
bookkeeping goes along (no hidden sheet), so reading the file back tests the
reader and the shared binding alone.

* :func:`write_docx` (python-docx): the prose as paragraphs (each section's
  heading, then its text), each table as a Word table with the merged cells
  merged; its title, number and captions as paragraphs above it
  (*heading_in_table* ``False``, the usual layout) or typed into its first
  rows, and its notes as paragraphs after it.  Amounts are written as the
  spreadsheet shows them, with thousands separators when the format has them
  (``1,234.50``).
* :func:`write_xls` (xlwt): every sheet with its cells, number formats and
  merged ranges; amounts as number cells, codes and names as text cells,
  blank cells left empty.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from govfin.io.excel import META_SHEET, NARRATIVE_SHEET, save_xlsx, shown_text
from govfin.report import Report

__all__ = ["write_docx", "write_xls"]


@attrs.frozen
class _XCell:
    value: object
    number_format: str


@attrs.frozen
class _Sheet:
    name: str
    cells: dict[tuple[int, int], _XCell]  # 0-based (row, column)
    merges: tuple[tuple[int, int, int, int], ...]  # 0-based r1, c1, r2, c2 (inclusive)
    rows: int
    cols: int


def _sheets(report: Report) -> Iterator[_Sheet]:
    """The report's sheets as :func:`~govfin.io.excel.save_xlsx` lays them out."""
    import openpyxl  # noqa: PLC0415 - the excel extra

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "layout.xlsx"
        save_xlsx(report, path)
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            if ws.title == META_SHEET:
                continue
            cells = {
                (int(c.row) - 1, int(c.column) - 1): _XCell(c.value, str(c.number_format))
                for row in ws.iter_rows()
                for c in row
                if c.value is not None and c.value != ""
            }
            merges = tuple(
                (m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1)
                for m in ws.merged_cells.ranges
            )
            yield _Sheet(str(ws.title), cells, merges, int(ws.max_row), int(ws.max_column))


def _printed(cell: _XCell) -> str:
    text = shown_text(cell.value, cell.number_format)
    if isinstance(cell.value, int | float) and "#,##" in cell.number_format:
        value = Decimal(text)
        places = -value.as_tuple().exponent  # type: ignore[operator]
        text = f"{value:,.{max(places, 0)}f}"
    return text


def _row_texts(sheet: _Sheet, r: int) -> list[str]:
    return [_printed(sheet.cells[(r, c)]) for c in range(sheet.cols) if (r, c) in sheet.cells]


def _grid_bounds(sheet: _Sheet) -> tuple[int, int]:
    """The first grid row (after title, number and captions) and the first notes row."""
    start = 0
    while start < sheet.rows and len(_row_texts(sheet, start)) < 2:
        start += 1
    # the captions row (部门：… | 单位：万元) holds two texts, but no header title
    while start < sheet.rows and all(
        t.startswith(("部门", "单位", "编制")) for t in _row_texts(sheet, start)
    ):
        start += 1
    end = sheet.rows
    while end > start and len(_row_texts(sheet, end - 1)) <= 1:
        end -= 1
    return start, end


def _word_table(
    document: Any, sheet: _Sheet, rows: list[int], head: list[int], *, heading_in_table: bool
) -> None:
    """One sheet's *rows* as a Word table, merged cells merged."""
    table = document.add_table(rows=len(rows), cols=sheet.cols)
    at = {r: k for k, r in enumerate(rows)}
    # The cells once, row by row: Table.cell() lays out the whole grid on every call.
    grid = table._cells
    width = sheet.cols

    def cell(r: int, c: int) -> Any:
        return grid[at[r] * width + c]

    for r in rows:
        for c in range(width):
            xcell = sheet.cells.get((r, c))
            if xcell is not None:
                cell(r, c).text = _printed(xcell)
    for r1, c1, r2, c2 in sheet.merges:
        if r1 in at and r2 in at and (r1, c1) != (r2, c2):
            cell(r1, c1).merge(cell(r2, c2))
    if heading_in_table:  # title and captions typed across the whole first rows
        for r in head:
            texts = _row_texts(sheet, r)
            if (
                len(texts) == 1
                and width > 1
                and not any(m[0] == r and m[1] == 0 and m[3] == width - 1 for m in sheet.merges)
            ):
                for c in range(width):
                    cell(r, c).text = ""
                cell(r, 0).merge(cell(r, width - 1)).text = texts[0]


def write_docx(
    report: Report, path: str | os.PathLike[str], *, heading_in_table: bool = False
) -> None:
    """Write *report* as a ``.docx`` laid out as departments publish it (see the module text)."""
    import docx  # noqa: PLC0415 - the docx extra

    document = docx.Document()
    for section in report.narrative.sections:
        if section.heading:
            document.add_paragraph(section.heading)
        for line in section.text.split("\n"):
            if line.strip():
                document.add_paragraph(line)
    for sheet in _sheets(report):
        if sheet.name == NARRATIVE_SHEET:
            continue
        start, end = _grid_bounds(sheet)
        head = [r for r in range(start) if _row_texts(sheet, r)]
        if not heading_in_table:
            for r in head:
                document.add_paragraph("\t".join(_row_texts(sheet, r)))
        rows = (head if heading_in_table else []) + list(range(start, end))
        if not rows or sheet.cols == 0:
            continue
        _word_table(document, sheet, rows, head, heading_in_table=heading_in_table)
        for r in range(end, sheet.rows):
            for text in _row_texts(sheet, r):
                document.add_paragraph(text)
    document.save(os.fspath(path))


def write_xls(report: Report, path: str | os.PathLike[str]) -> None:
    """Write *report* as an ``.xls`` workbook laid out as printed (see the module text)."""
    import xlwt  # noqa: PLC0415 - a test dependency

    book = xlwt.Workbook(encoding="utf-8")
    styles: dict[str, Any] = {}

    def style(fmt: str) -> Any:
        if fmt not in styles:
            styles[fmt] = xlwt.easyxf(num_format_str=fmt or "General")
        return styles[fmt]

    for sheet in _sheets(report):
        ws = book.add_sheet(sheet.name, cell_overwrite_ok=True)
        covered: set[tuple[int, int]] = set()
        for r1, c1, r2, c2 in sheet.merges:
            top = sheet.cells.get((r1, c1))
            value = "" if top is None else top.value
            fmt = "@" if top is None else top.number_format
            ws.write_merge(r1, r2, c1, c2, _xls_value(value), style(fmt))
            covered.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1))
        for (r, c), cell in sheet.cells.items():
            if (r, c) not in covered:
                ws.write(r, c, _xls_value(cell.value), style(cell.number_format))
    book.save(os.fspath(path))


def _xls_value(value: object) -> object:
    if isinstance(value, Decimal):
        return float(value)  # as openpyxl stores it: the shown text is what is read
    return value
