"""Excel workbooks in the official layout: :func:`save_xlsx` and :func:`load_xlsx`.

Needs the ``excel`` extra (openpyxl), imported on first use only.

**Writing.**  :func:`save_xlsx` writes one sheet per table, laid out as the
table is printed, so that a finance officer recognises it: the title merged
across the columns, the number (``公开01表``) at the right, the ``部门：…`` and
``单位：万元`` captions, the header rows as printed (收入 | 支出 over the two
sides of a 总表, the groups such as 本年支出 over their columns, the column
titles, the 栏次 row numbering the amount columns), then the body rows, then
the notes.  Codes, names and 行次 are **text** cells (``2010301`` never becomes
a number); amounts are number cells formatted with the column's published
precision (``#,##0.00``); blank cells are left empty and dash cells hold the
dash as printed.  A sheet named ``情况说明`` holds the narrative sections, and a
hidden sheet ``_govfin`` holds what the visible sheets cannot carry (below).

**Exactness.**  A spreadsheet stores numbers as binary doubles, and openpyxl
writes even a :class:`~decimal.Decimal` through ``float`` (``"%.16g"``), so a
number cell cannot be trusted to hold an amount exactly.  govfin therefore
never takes an amount from a float: a number cell is read as **the text it
shows**, that is its value at its number format's decimals (15 significant
digits, as the spreadsheet shows it, 四舍五入, no thousands separators), and
that text is parsed exactly like any printed cell.  On writing, every amount
below 10¹⁴ with at most 14 significant digits is a number cell, whose shown
text is provably its exact value at the column's precision (a double holds 15
significant digits, and openpyxl writes 16); any other amount is written as a
text cell.  Whenever the cell's text as published differs from the shown
text (``22.3`` in a column of 2 decimals shows ``22.30``; ``1,234.00``;
``(12.30)``; a full-width space in a blank cell), the exact text goes to the
hidden sheet along with the shown text it stands for.

**The hidden sheet ``_govfin``** (``A1`` ``govfin-xlsx``, ``B1`` the format
version :data:`FORMAT_VERSION`) holds JSON records, each split over the cells
of one row: the report's fields, narrative and problems; per table its sheet,
schema id, title, number, unit, notes, columns (key, title, precision), and
per row its key, label, code, 行次, side, where its texts and cells are on the
sheet, the provenance of the row and its cells, and the exact texts of the
cells whose shown text differs (with the shown text, so that a cell edited in
a spreadsheet since is detected and read as edited).

**Reading.**  :func:`load_xlsx` reads a workbook written by :func:`save_xlsx`
back to an equal :class:`~govfin.report.Report`, taking the amounts from the
visible cells (so that corrections made in a spreadsheet are read) and the
structure from the hidden sheet, after checking that each row's code, label
and 行次 are still where they were written.  A workbook made by hand in the
same layout (no hidden sheet) is read by layout: each sheet becomes a
:class:`~govfin.tables.raw.RawTable` whose cells carry their provenance
(``file``, ``sheet``, ``cell`` such as ``"B7"``, and ``line``, the row number),
and is recognised and bound by :mod:`govfin.tables.bind` like any printed
table.

>>> import tempfile, pathlib
>>> from govfin.io import load_example
>>> path = pathlib.Path(tempfile.mkdtemp()) / "seed.xlsx"
>>> save_xlsx(load_example(), path)
>>> load_xlsx(path) == load_example()
True
"""

from __future__ import annotations

import os

from govfin.errors import GovfinError, LoadError
from govfin.io._excel_cells import (
    FORMAT,
    FORMAT_VERSION,
    META_SHEET,
    NARRATIVE_SHEET,
    _open,
    shown_text,
)
from govfin.io._excel_layout import _formulas, _raw_document, _uncached, read_xlsx
from govfin.io._excel_lossless import _meta_records, _MetaReader
from govfin.io._excel_write import save_xlsx
from govfin.report import Report

__all__ = [
    "FORMAT",
    "FORMAT_VERSION",
    "META_SHEET",
    "NARRATIVE_SHEET",
    "load_xlsx",
    "read_xlsx",
    "save_xlsx",
    "shown_text",
]


def _raise_first_error(report: Report) -> None:
    for p in report.problems:
        if p.severity != "error":
            continue
        prov = p.provenance
        where = ""
        if prov is not None and prov.sheet:
            where = f"sheet {prov.sheet!r}" + (f" cell {prov.cell}" if prov.cell else "") + ": "
        raise LoadError(
            where + p.message,
            file=prov.file if prov else None,
            line=prov.line if prov else None,
            table=p.table,
            row=p.row,
            column=p.column,
        )


def load_xlsx(path: str | os.PathLike[str], *, strict: bool = False) -> Report:
    """Read an ``.xlsx`` workbook into a :class:`~govfin.report.Report`.

    A workbook written by :func:`save_xlsx` reads back to an equal report:
    the structure comes from its hidden ``_govfin`` sheet, the amounts from
    the visible cells (as the text they show, never as floats) with the exact
    printed texts kept in the hidden sheet.  A workbook without the hidden
    sheet is read by layout (:func:`read_xlsx`) and bound by
    :func:`govfin.tables.bind.bind_document`, which recognises each table by
    its title and header.

    Args:
        path: the ``.xlsx`` file.
        strict: for a workbook read by layout, raise at the first cell that is
            not an amount or the first missing column; by default keep them as
            :attr:`~govfin.report.Report.problems` (as every loader does), which
            ``govfin check`` reports as errors.

    Raises:
        LoadError: for a missing file, a file that is not an ``.xlsx``
            workbook, a corrupt or newer hidden sheet, a sheet edited so that
            its rows no longer match the hidden sheet, a cell that is not an
            amount, a missing column, or (read by layout) a formula whose
            computed value the file does not hold; the message names the file, the sheet
            and cell, the table, the row and the column.
    """
    name = os.fspath(path)
    wb = _open(name)
    records = _meta_records(name, wb)
    if records is not None:
        report = _MetaReader(name, wb, records).report()
        uncached = [
            p for sheet, cells in _formulas(name).items() for p in _uncached(name, sheet, cells)
        ]
        if uncached:
            report = report.evolve(problems=(*report.problems, *uncached))
            if strict:
                _raise_first_error(report)
        return report
    from govfin.tables.bind import bind_document  # noqa: PLC0415 - keeps import light

    raw = _raw_document(name, wb)
    try:
        report = bind_document(raw)
    except LoadError:
        raise
    except GovfinError as exc:
        raise LoadError(str(exc), file=name) from exc
    if strict:
        _raise_first_error(report)
    return report
