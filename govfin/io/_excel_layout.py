"""Reading a workbook by layout: each sheet a printed table (:func:`read_xlsx`).

For workbooks made by hand or by another program (no hidden sheet): above the
grid the title, number and captions, then the grid, then the notes; formulas
whose value the file does not hold and figures in merged cells are reported.
"""

from __future__ import annotations

import os
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Final
from xml.etree import ElementTree as ET

from govfin.amounts import CellState, parse_cell
from govfin.errors import (
    AmountError,
    LoadError,
    shorten,
)
from govfin.io._excel_cells import (
    _NARRATIVE_NAMES,
    META_SHEET,
    _coord,
    _open,
    _read_sheet,
    _Sheet,
)
from govfin.report import (
    Problem,
    Provenance,
)
from govfin.tables._vocabulary import NOTE_RE, TABLE_NUMBER_LINE_RE, is_caption
from govfin.tables.raw import RawCell, RawDocument, RawParagraph, RawTable


def _is_empty_row(sheet: _Sheet, r: int) -> bool:
    return not any(sheet.text(r, c).strip() for c in range(1, sheet.max_col + 1))


def _row_texts(sheet: _Sheet, r: int) -> list[tuple[int, str]]:
    return [(c, sheet.text(r, c)) for c in range(1, sheet.max_col + 1) if sheet.text(r, c).strip()]


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _raw_table(file: str, sheet: _Sheet) -> RawTable | None:
    """A sheet in the printed layout as a :class:`RawTable` (``None`` when the sheet is empty)."""
    r = 1
    while r <= sheet.max_row and _is_empty_row(sheet, r):
        r += 1
    if r > sheet.max_row:
        return None
    title = ""
    number: str | None = None
    captions: list[str] = []
    title_row = r
    # Above the grid: the title (one text), the number and the captions, in any order.
    while r <= sheet.max_row:
        texts = [t.strip() for _, t in _row_texts(sheet, r)]
        numbers = [t for t in texts if TABLE_NUMBER_LINE_RE.match(_norm(t))]
        captioned = [t for t in texts if is_caption(_norm(t))]
        others = [t for t in texts if t not in numbers and t not in captioned]
        if others and (title or len(others) > 1):
            break
        if others:
            title, title_row = others[0], r
        for t in numbers:
            if number is None:
                number = t
            else:
                captions.append(t)
        captions.extend(captioned)
        r += 1
    grid_start = r
    # Notes: from the first row that is only a 注/说明 text, or single texts after an
    # empty row, to the end.
    end = sheet.max_row
    notes_at = end + 1
    seen_empty = False
    for rr in range(grid_start, end + 1):
        cells = _row_texts(sheet, rr)
        if not cells:
            seen_empty = True
            continue
        single = len(cells) == 1
        if single and NOTE_RE.match(_norm(cells[0][1])):
            notes_at = rr
            break
        if seen_empty and all(len(_row_texts(sheet, k)) <= 1 for k in range(rr, end + 1)):
            notes_at = rr
            break
    notes = tuple(
        t.strip() for rr in range(notes_at, end + 1) for _, t in _row_texts(sheet, rr) if t.strip()
    )
    grid_rows = [rr for rr in range(grid_start, notes_at) if not _is_empty_row(sheet, rr)]
    width = max((c for rr in grid_rows for c, _ in _row_texts(sheet, rr)), default=0)
    rows = tuple(
        tuple(
            RawCell(
                sheet.text(rr, c),
                Provenance(file, line=rr, sheet=sheet.name, cell=_coord(rr, c)),
            )
            for c in range(1, width + 1)
        )
        for rr in grid_rows
    )
    return RawTable(
        title=title,
        rows=rows,
        number=number,
        captions=tuple(captions),
        notes=notes,
        provenance=Provenance(file, line=title_row, sheet=sheet.name),
    )


def _paragraphs(file: str, sheet: _Sheet) -> Iterator[RawParagraph]:
    start = 2 if _norm(sheet.text(1, 1)) in {"章节", "标题"} else 1
    for r in range(start, sheet.max_row + 1):
        for c in range(1, sheet.max_col + 1):
            text = sheet.text(r, c)
            prov = Provenance(file, line=r, sheet=sheet.name, cell=_coord(r, c))
            for line in text.split("\n"):
                if line.strip():
                    yield RawParagraph(line, prov)


def read_xlsx(path: str | os.PathLike[str]) -> RawDocument:
    """Read every sheet of a workbook by layout, as printed tables and prose.

    Each sheet but ``_govfin`` and the narrative sheet (``情况说明``) holds one
    table and becomes a :class:`~govfin.tables.raw.RawTable`.  Above the grid,
    in any order: the title (the one other text of its row), the number (a
    ``公开01表``-like text) and the ``部门：`` / ``单位：`` captions.  The grid runs
    down to the notes (the rows from a ``注：`` / ``说明：`` text on, or the single
    texts after an empty row).  Every cell's provenance names the file, the sheet, the cell and, as
    ``line``, the row.  Number cells are read as the text they show (see
    :func:`shown_text`).

    Raises:
        LoadError: when the file is missing or not an ``.xlsx`` workbook.
    """
    name = os.fspath(path)
    wb = _open(name)
    return _raw_document(name, wb)


_MAIN_NS: Final = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_NS: Final = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL_NS: Final = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REF_RE: Final = re.compile(r"^([A-Z]+)([0-9]+)$")


def _ref(ref: str) -> tuple[int, int] | None:
    m = _REF_RE.match(ref)
    if m is None:
        return None
    col = 0
    for ch in m.group(1):
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)), col


def _sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the part that holds it (``xl/worksheets/sheet1.xml``)."""
    rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    targets = {
        r.get("Id"): str(r.get("Target", "")) for r in rels.iter(f"{_PKG_REL_NS}Relationship")
    }
    book = ET.fromstring(zf.read("xl/workbook.xml"))
    parts: dict[str, str] = {}
    for sheet in book.iter(f"{_MAIN_NS}sheet"):
        target = targets.get(sheet.get(f"{_REL_NS}id"), "")
        if target:
            part = target.lstrip("/") if target.startswith("/") else "xl/" + target
            parts[str(sheet.get("name"))] = part
    return parts


def _formulas(name: str) -> dict[str, dict[tuple[int, int], str]]:
    """The formula cells that hold no computed value, by sheet and (row, column).

    Read from the sheets' XML (a cell ``<c>`` with an ``<f>`` and no ``<v>``),
    one element at a time, so a sparse sheet costs what it holds.
    """
    found: dict[str, dict[tuple[int, int], str]] = {}
    try:
        with zipfile.ZipFile(name) as zf:
            for sheet, part in _sheet_parts(zf).items():
                cells = found.setdefault(sheet, {})
                with zf.open(part) as fh:
                    for _, elem in ET.iterparse(fh):
                        if elem.tag != f"{_MAIN_NS}c":
                            continue
                        formula = elem.find(f"{_MAIN_NS}f")
                        value = elem.find(f"{_MAIN_NS}v")
                        if formula is not None and (value is None or not value.text):
                            at = _ref(str(elem.get("r", "")))
                            if at is not None:
                                cells[at] = "=" + (formula.text or "")
                        elem.clear()
    except (KeyError, zipfile.BadZipFile, ET.ParseError, OSError, zlib.error) as exc:
        raise LoadError(f"not a readable .xlsx workbook ({exc})", file=name) from exc
    return found


def _uncached(name: str, sheet: str, formulas: Mapping[tuple[int, int], str]) -> list[Problem]:
    return [
        Problem(
            f"formula {formula if len(formula) <= 80 else shorten(formula)} has no computed "
            "value; open and save the workbook in a spreadsheet program so that it stores one",
            "error",
            provenance=Provenance(name, line=r, sheet=sheet, cell=_coord(r, c)),
        )
        for (r, c), formula in sorted(formulas.items())
    ]


def _merged_figures(name: str, ws: Any, sheet: _Sheet) -> Iterator[Problem]:
    """A problem for each merged range holding a figure: the cells it covers read blank."""
    for merged in getattr(ws, "merged_cells", None) or ():
        r, c = int(merged.min_row), int(merged.min_col)
        text = sheet.text(r, c)
        if not text or (merged.max_row == r and merged.max_col == c):
            continue
        try:
            parsed = parse_cell(text)
        except AmountError:
            continue
        if parsed.state is not CellState.NUMBER:
            continue
        yield Problem(
            f"cells {merged.coord} are merged: the figure {shorten(text)} stands in "
            f"{_coord(r, c)} only and the other cells of the range read blank",
            "warning",
            provenance=Provenance(name, line=r, sheet=str(ws.title), cell=_coord(r, c)),
        )


def _raw_document(name: str, wb: Any) -> RawDocument:
    problems: list[Problem] = []
    formulas = _formulas(name)

    def sheets() -> Iterator[_Sheet]:
        for ws in wb.worksheets:
            if str(ws.title) == META_SHEET:
                continue
            sheet = _read_sheet(ws, problems, name)
            problems.extend(_uncached(name, sheet.name, formulas.get(sheet.name, {})))
            problems.extend(_merged_figures(name, ws, sheet))
            yield sheet

    return _sheets_document(name, sheets(), problems)


def _layout_document(
    name: str,
    sheets: Iterable[tuple[str, Mapping[tuple[int, int], str]]],
    problems: Iterable[Problem] = (),
) -> RawDocument:
    """Read sheets given as their shown texts (1-based ``(row, column)`` → text) by layout.

    The entry point other workbook readers share (:mod:`govfin.io.xls`): each
    sheet is read exactly as :func:`read_xlsx` reads an ``.xlsx`` sheet.
    """

    def read() -> Iterator[_Sheet]:
        for title, texts in sheets:
            keys = [k for k, t in texts.items() if t != ""]
            yield _Sheet(
                title,
                {k: texts[k] for k in keys},
                max((r for r, _ in keys), default=0),
                max((c for _, c in keys), default=0),
            )

    return _sheets_document(name, read(), list(problems))


def _sheets_document(name: str, sheets: Iterable[_Sheet], problems: list[Problem]) -> RawDocument:
    """Each sheet a table, the narrative sheet prose; *problems* grows as *sheets* is read."""
    tables: list[RawTable] = []
    paragraphs: list[RawParagraph] = []
    for sheet in sheets:
        if sheet.name == META_SHEET:
            continue
        if sheet.name in _NARRATIVE_NAMES:
            paragraphs.extend(_paragraphs(name, sheet))
            continue
        raw = _raw_table(name, sheet)
        if raw is None:
            problems.append(
                Problem(
                    "empty sheet skipped", "info", provenance=Provenance(name, sheet=sheet.name)
                )
            )
            continue
        tables.append(raw)
    return RawDocument(name, tuple(tables), tuple(paragraphs), tuple(problems))
