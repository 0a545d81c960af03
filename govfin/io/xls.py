"""Read legacy Excel workbooks (``.xls``, Excel 97–2003; the ``xls`` extra, xlrd).

An ``.xls`` workbook is read by layout exactly as an ``.xlsx`` workbook
without govfin's hidden sheet (:func:`govfin.io.excel.read_xlsx`): each sheet
holds one table (title, number and captions above the grid, notes below), a
sheet named ``情况说明`` holds the prose, and every cell's provenance names the
file, the sheet and the cell (``B7``).  The two readers share the layout
reading; this module only turns xlrd's cells into the texts they show:

* a number cell is read as **the text it shows** at its number format's
  decimals (:func:`govfin.io.excel.shown_text`), never through the binary
  float, so ``972.81`` in a ``#,##0.00`` cell is the amount ``972.81`` and
  ``22.3`` in a ``0.00`` cell reads ``22.30``;
* text cells stay text (a code ``2010301`` typed as text is never a number);
* an empty cell is blank, never zero; a date shows as its ISO date; an error
  cell as its error text (``#DIV/0!``), which binding then reports;
* a formula cell is read through the value Excel stored with it.

The workbook's own hidden sheet ``_govfin``, if a ``.xlsx`` written by govfin
was converted to ``.xls``, is ignored: the sheets are read by layout.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govfin.errors import GovfinError, LoadError
from govfin.io._excel_cells import shown_text
from govfin.io._excel_layout import _layout_document

if TYPE_CHECKING:
    from govfin.report import Report
    from govfin.tables.raw import RawDocument

__all__ = ["load_xls", "read_xls"]


def _xlrd() -> Any:
    try:
        import xlrd  # noqa: PLC0415 - optional dependency
    except ModuleNotFoundError as exc:
        raise LoadError(
            "reading .xls files needs the 'xls' extra (pip install 'govfin[xls]'); "
            "missing module 'xlrd'"
        ) from exc
    return xlrd


def _open(name: str) -> Any:
    xlrd = _xlrd()
    if not Path(name).is_file():
        raise LoadError("no such file", file=name)
    try:
        return xlrd.open_workbook(name, formatting_info=True, on_demand=False)
    except xlrd.XLRDError as exc:
        text = str(exc)
        if "xlsx" in text:
            raise LoadError(
                "an .xlsx workbook with an .xls name; rename it to .xlsx", file=name
            ) from exc
        raise LoadError(f"not a readable .xls workbook ({text})", file=name) from exc
    except (OSError, ValueError, AssertionError, IndexError, KeyError, EOFError) as exc:
        raise LoadError(f"not a readable .xls workbook ({exc!r})", file=name) from exc
    except Exception as exc:  # xlrd's CompDocError and other damage: never a traceback
        raise LoadError(f"not a readable .xls workbook ({exc!r})", file=name) from exc


def _format(book: Any, xf_index: int) -> str:
    try:
        key = book.xf_list[xf_index].format_key
        return str(book.format_map[key].format_str) or "General"
    except (IndexError, KeyError, AttributeError):
        return "General"


def _shown(book: Any, cell: Any) -> str:
    xlrd = _xlrd()
    kind = cell.ctype
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if kind == xlrd.XL_CELL_TEXT:
        return str(cell.value)
    if kind == xlrd.XL_CELL_NUMBER:
        return shown_text(float(cell.value), _format(book, cell.xf_index))
    if kind == xlrd.XL_CELL_BOOLEAN:
        return shown_text(bool(cell.value))
    if kind == xlrd.XL_CELL_DATE:
        try:
            return shown_text(xlrd.xldate_as_datetime(cell.value, book.datemode))
        except (ValueError, OverflowError, xlrd.XLDateError):
            return shown_text(float(cell.value), _format(book, cell.xf_index))
    if kind == xlrd.XL_CELL_ERROR:
        return str(xlrd.error_text_from_code.get(cell.value, "#ERROR"))
    return str(cell.value)


def _sheets(book: Any) -> Iterator[tuple[str, Mapping[tuple[int, int], str]]]:
    for sheet in book.sheets():
        texts: dict[tuple[int, int], str] = {}
        for r in range(sheet.nrows):
            for c in range(sheet.ncols):
                text = _shown(book, sheet.cell(r, c))
                if text:
                    texts[(r + 1, c + 1)] = text
        yield str(sheet.name), texts


def read_xls(path: str | os.PathLike[str]) -> RawDocument:
    """Read every sheet of an ``.xls`` workbook by layout, as printed tables and prose.

    Raises:
        LoadError: when the file is missing, is not an ``.xls`` workbook (an
            ``.xlsx`` under an ``.xls`` name is named as such), or when the
            ``xls`` extra (xlrd) is not installed.
    """
    name = os.fspath(path)
    book = _open(name)
    try:
        return _layout_document(name, _sheets(book))
    finally:
        book.release_resources()


def load_xls(path: str | os.PathLike[str], *, strict: bool = False) -> Report:
    """Read an ``.xls`` workbook into a :class:`~govfin.report.Report` (see :func:`read_xls`).

    Args:
        path: the ``.xls`` file.
        strict: raise at the first cell that is not an amount or the first
            missing column instead of recording a problem.

    Raises:
        LoadError: as :func:`read_xls`, and when no sheet holds a table.
    """
    from govfin.tables.bind import bind_document  # noqa: PLC0415 - keeps import light

    name = os.fspath(path)
    raw = read_xls(name)
    if not raw.tables:
        raise LoadError("no table found: every sheet is empty", file=name)
    try:
        return bind_document(raw, strict=strict)
    except LoadError:
        raise
    except GovfinError as exc:
        raise LoadError(str(exc), file=name) from exc
