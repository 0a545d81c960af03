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

import io
import json
import math
import os
import re
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from pathlib import Path
from typing import Any, Final
from xml.etree import ElementTree as ET

import attrs

from govfin._install import install_hint
from govfin.amounts import CellState, Unit, parse_cell
from govfin.errors import (
    AmountError,
    GovfinError,
    LoadError,
    SchemaError,
    UnitError,
    WriteError,
    shorten,
)
from govfin.io._atomic import write_bytes
from govfin.io._limits import (
    MAX_FIELD,
    MAX_FILE_BYTES,
    MAX_PRECISION,
    MAX_PROSE,
    MAX_XML_MEMBER,
    MAX_XML_TOTAL,
    check_decimal,
    check_text,
    unwritable,
)
from govfin.report import (
    Cell,
    Column,
    Narrative,
    Problem,
    Provenance,
    Report,
    ReportKind,
    Row,
    Scope,
    Section,
    Table,
)
from govfin.tables._vocabulary import NOTE_RE, TABLE_NUMBER_LINE_RE, is_caption
from govfin.tables.raw import RawCell, RawDocument, RawParagraph, RawTable

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

FORMAT: Final = "govfin-xlsx"
"""The marker in cell ``A1`` of the hidden sheet."""

FORMAT_VERSION: Final = 1
"""The version of the hidden sheet's layout; a reader refuses a newer one."""

META_SHEET: Final = "_govfin"
"""The name of the hidden sheet that makes the round trip lossless."""

NARRATIVE_SHEET: Final = "情况说明"
"""The name of the sheet holding the narrative sections."""

_NARRATIVE_NAMES: Final = frozenset({NARRATIVE_SHEET, "说明", "文字说明", "narrative"})
_CHUNK: Final = 32000  # a cell holds at most 32,767 characters
_SAFE_DIGITS: Final = 14  # amounts up to this many significant digits go into number cells
_SHOWN_DIGITS: Final = 15  # a spreadsheet shows a double with 15 significant digits
_ILLEGAL_RE: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SHEET_BAD_RE: Final = re.compile(r"[\[\]:*?/\\]")

_TITLE_FONT_SIZE: Final = 16
_TEXT_FORMAT: Final = "@"


# ---------------------------------------------------------------- openpyxl boundary


def _openpyxl() -> Any:
    """Import openpyxl on first use, with a clear error when the extra is missing."""
    try:
        import openpyxl  # noqa: PLC0415 - optional back end, imported lazily
    except ModuleNotFoundError as exc:
        raise LoadError(
            "reading or writing .xlsx files needs the 'excel' extra "
            f"({install_hint('excel')}); missing module 'openpyxl'"
        ) from exc
    return openpyxl


def _coord(row: int, col: int) -> str:
    """``(7, 2)`` → ``"B7"``."""
    letters = ""
    n = col
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row}"


def _visible(text: str) -> str:
    r"""What a spreadsheet cell can hold of *text* (XML-legal, ``\\r`` folded, length capped)."""
    out = _ILLEGAL_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return out[:32767]


# ---------------------------------------------------------------- shown text


def _format_decimals(number_format: str) -> tuple[int, int] | None:
    """The (least, most) decimals a number format shows; ``None`` for General-like formats."""
    section = number_format.split(";", 1)[0]
    section = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.', "", section)
    if not section or section.lower() == "general" or "%" in section:
        return None
    if re.search(r"[eE][+-]", section):
        return None
    frac = re.search(r"\.([0#?]+)", section)
    if frac:
        digits = frac.group(1)
        return digits.count("0"), len(digits)
    if re.search(r"[0#?]", section):
        return 0, 0
    return None


def _plain(value: Decimal) -> str:
    """A decimal in positional notation (no exponent)."""
    if value.as_tuple().exponent > 0:  # type: ignore[operator]
        value = value.quantize(Decimal(1))
    return f"{value:f}"


def _shown_decimal(value: Decimal, number_format: str) -> str:
    try:
        with localcontext() as ctx:
            ctx.prec = 400  # room for any double (< 1.8e308) at 12 decimals
            return _shown_in_context(value, number_format)
    except InvalidOperation:  # beyond even that: the digits as they are
        return str(value)


def _shown_in_context(value: Decimal, number_format: str) -> str:
    places = _format_decimals(number_format)
    if places is None:
        return _plain(value.normalize()) if value else "0"
    least, most = places
    shown = value.quantize(Decimal(1).scaleb(-most), rounding=ROUND_HALF_UP)
    text = _plain(shown)
    if most > least and "." in text:
        keep = len(text) - (most - least)
        trimmed = text.rstrip("0")
        text = trimmed if len(trimmed) >= keep else text[:keep]
        text = text.rstrip(".")
    return text


def shown_text(value: object, number_format: str = "General") -> str:
    """The text a spreadsheet cell shows, as govfin reads it.

    A number is shown at its number format's decimals (四舍五入), with at most
    15 significant digits and without thousands separators; this text, never
    the binary float, is what becomes an amount.  Text is returned as is,
    an empty cell as ``""``.

    Args:
        value: the cell's value as openpyxl gives it (``None``, ``str``,
            ``int``, ``float``, ``bool``, a date or time).
        number_format: the cell's number format (``"#,##0.00"``, ``"General"`` …).

    >>> shown_text(972.81, "#,##0.00"), shown_text(22.3, "0.00"), shown_text(0.1 + 0.2)
    ('972.81', '22.30', '0.3')
    >>> shown_text(2010301), shown_text(None), shown_text("－")
    ('2010301', '', '－')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return _shown_decimal(Decimal(value), number_format)
    if isinstance(value, float):
        if not math.isfinite(value):
            return "#NUM!"
        return _shown_decimal(Decimal(f"{value:.{_SHOWN_DIGITS}g}"), number_format)
    if isinstance(value, Decimal):
        return _shown_decimal(value, number_format)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def _number_format(precision: int) -> str:
    return "#,##0" if precision == 0 else "#,##0." + "0" * precision


def _significant(value: Decimal) -> int:
    return len(value.normalize().as_tuple().digits)


# ---------------------------------------------------------------- layout


@attrs.frozen
class _Slot:
    """One printed column of a table's sheet."""

    kind: str  # "code", "name", "line_no" or "value"
    title: str
    key: str | None = None  # the column key of a value slot
    groups: tuple[str, ...] = ()
    precision: int | None = None


@attrs.frozen
class _Segment:
    """A side of a two-sided table (or the whole table): its columns and rows."""

    side: str | None
    slots: tuple[_Slot, ...]
    rows: tuple[tuple[int, Row], ...]  # (index in the table, row)
    side_title: str | None = None


def _schema_of(table: Table) -> Any:
    """The registered schema of *table*, or ``None`` (unrecognised or unknown id)."""
    if table.schema is None:
        return None
    from govfin.tables.registry import get_schema  # noqa: PLC0415 - heavy, and only here

    try:
        return get_schema(table.schema)
    except (KeyError, LookupError, SchemaError, ValueError):
        return None


_SIDE_TITLES: Final = {"income": "收入", "expenditure": "支出"}


def _segments(table: Table) -> list[_Segment]:
    """Lay the table out: its segments (sides), each with its printed columns and rows."""
    schema = _schema_of(table)
    if schema is not None:
        return _schema_segments(table, schema)
    return _plain_segments(table)


def _schema_segments(table: Table, schema: Any) -> list[_Segment]:
    """The layout the schema prints: its sides, text columns, groups and titles."""
    from govfin.tables.schema import ColumnKind, Layout  # noqa: PLC0415

    columns = {c.key: c for c in table.columns}
    two_sided = schema.layout is Layout.TWO_SIDED
    sides: list[str | None] = ["income", "expenditure"] if two_sided else [None]
    slot_lists: list[list[_Slot]] = []
    placed: set[str] = set()
    for side in sides:
        slots: list[_Slot] = []
        for spec in schema.columns:
            if spec.side is not None and (side is None or spec.side.value != side):
                continue
            if schema.layout is Layout.PANELED and spec.panel != 0:
                continue
            groups = tuple(g.split("|")[0] for g in spec.groups)
            if spec.kind is ColumnKind.CODE:
                slots.append(_Slot("code", spec.title))
            elif spec.kind is ColumnKind.NAME:
                slots.append(_Slot("name", spec.title))
            elif spec.kind is ColumnKind.LINE_NO:
                slots.append(_Slot("line_no", spec.title))
            elif spec.key in columns and all(s.key != spec.key for s in slots):
                col = columns[spec.key]
                slots.append(_Slot("value", col.title, col.key, groups, col.precision))
                placed.add(col.key)
        slot_lists.append(slots)
    for col in table.columns:  # columns the schema does not name (kept as ``col7``)
        if col.key in placed:
            continue
        at = 1 if two_sided and col.key.startswith("expenditure_") else 0
        slot_lists[at].append(_Slot("value", col.title, col.key, (), col.precision))
    segs: list[_Segment] = []
    for side, slots in zip(sides, slot_lists, strict=True):
        rows = tuple(
            (i, r)
            for i, r in enumerate(table.rows)
            if r.side == side or (side == sides[0] and r.side not in sides)
        )
        segs.append(_Segment(side, tuple(slots), rows, _SIDE_TITLES.get(side or "")))
    return segs


def _plain_segments(table: Table) -> list[_Segment]:
    """No schema: the table as govfin kept it, or a hand-built table.

    An unrecognised table holds every printed column as a text column, so no
    code or name column is added to it.
    """
    all_text = bool(table.columns) and all(c.precision is None for c in table.columns)
    order: list[str | None] = []
    for r in table.rows:
        if r.side not in order:
            order.append(r.side)
    if not order:
        order = [None]
    seg_rows = [tuple((i, r) for i, r in enumerate(table.rows) if r.side == side) for side in order]
    used = [{k for _, r in rows for k in r.cells} for rows in seg_rows]
    segs = []
    for i, (side, rows) in enumerate(zip(order, seg_rows, strict=True)):
        slots = []
        if not all_text:
            if any(r.code for _, r in rows):
                slots.append(_Slot("code", "科目编码"))
            slots.append(_Slot("name", "项目"))
            if any(r.line_no for _, r in rows):
                slots.append(_Slot("line_no", "行次"))
        slots += [
            _Slot("value", c.title, c.key, (), c.precision)
            for c in table.columns
            if c.key in used[i] or (i == 0 and not any(c.key in u for u in used))
        ]
        segs.append(_Segment(side, tuple(slots), rows, _SIDE_TITLES.get(side or "", side)))
    return segs


# ---------------------------------------------------------------- metadata encoding


def _prov_out(p: Provenance | None) -> dict[str, Any] | None:
    if p is None:
        return None
    out: dict[str, Any] = {}
    for name in ("file", "page", "line", "sheet", "cell"):
        value = getattr(p, name)
        if value is not None:
            out[name] = value
    if p.bbox is not None:
        out["bbox"] = list(p.bbox)
    return out


def _problem_out(p: Problem) -> dict[str, Any]:
    return {
        "message": p.message,
        "severity": p.severity,
        "table": p.table,
        "row": p.row,
        "column": p.column,
        "provenance": _prov_out(p.provenance),
    }


def _cell_out(cell: Cell) -> dict[str, Any]:
    return {
        "t": cell.text,
        "s": cell.state.value,
        "v": None if cell.value is None else str(cell.value),
    }


def _parse_equal(cell: Cell) -> bool:
    """Whether reading the cell's own text gives the cell back."""
    try:
        return Cell.parse(cell.text) == cell
    except AmountError:
        return False


# ---------------------------------------------------------------- writing


class _Writer:
    """Writes one report into an openpyxl workbook."""

    def __init__(self, report: Report) -> None:
        self.report = report
        opx = _openpyxl()
        self.opx = opx
        self.wb = opx.Workbook()
        self.styles = opx.styles
        self.names: set[str] = {n.lower() for n in (META_SHEET, *_NARRATIVE_NAMES)}
        self.registered: set[str] = set()

    def sheet_name(self, table: Table, index: int) -> str:
        base = table.number or table.title or f"表{index}"
        base = _SHEET_BAD_RE.sub("_", _visible(base)).strip().strip("'") or f"表{index}"
        base = base[:31]
        name, n = base, 1
        while name.lower() in self.names or name.lower() == "history":
            n += 1
            suffix = f" ({n})"
            name = base[: 31 - len(suffix)] + suffix
        self.names.add(name.lower())
        return name

    def style(self, name: str) -> str:
        """Register the named style *name* on first use and return its name.

        Named styles are set on a cell in one step, several times faster than
        setting font, border, alignment and number format one by one.
        """
        full = f"govfin-{name}"
        if full in self.registered:
            return full
        st = self.styles
        thin = st.Side(style="thin")
        box = st.Border(left=thin, right=thin, top=thin, bottom=thin)
        center = st.Alignment(horizontal="center", vertical="center", wrap_text=True)
        right = st.Alignment(horizontal="right")
        specs: dict[str, dict[str, Any]] = {
            "title": {"font": st.Font(bold=True, size=_TITLE_FONT_SIZE), "alignment": center},
            "text": {},
            "right": {"alignment": right},
            "bold": {"font": st.Font(bold=True)},
            "wrap": {"alignment": st.Alignment(wrap_text=True, vertical="top")},
            "head": {"font": st.Font(bold=True), "alignment": center, "border": box},
            "number": {"alignment": center, "border": box},
            "body": {"border": box},
            "dash": {"alignment": right, "border": box},
        }
        if name.startswith("amount"):
            fmt = _number_format(int(name.removeprefix("amount")))
            named = st.NamedStyle(name=full, border=box, alignment=right, number_format=fmt)
        else:
            named = st.NamedStyle(name=full, number_format=_TEXT_FORMAT, **specs[name])
        self.wb.add_named_style(named)
        self.registered.add(full)
        return full

    def put(self, ws: Any, row: int, col: int, value: object, style: str = "text") -> Any:
        cell = ws.cell(row=row, column=col)
        cell.style = self.style(style)
        if isinstance(value, str):
            cell.value = _visible(value)
            cell.data_type = "s"  # never a formula, never a number
        else:
            cell.value = value
        return cell

    def write(self) -> Any:
        ws0 = self.wb.active
        tables_meta = []
        for i, table in enumerate(self.report.tables, start=1):
            ws = ws0 if i == 1 else self.wb.create_sheet()
            ws.title = self.sheet_name(table, i)
            tables_meta.append(self.write_table(ws, table))
        nws = ws0 if not self.report.tables else self.wb.create_sheet()
        nws.title = NARRATIVE_SHEET
        self.write_narrative(nws)
        self.write_meta(tables_meta)
        return self.wb

    def write_narrative(self, ws: Any) -> None:
        self.put(ws, 1, 1, "章节", "bold")
        self.put(ws, 1, 2, "内容", "bold")
        ws.column_dimensions["A"].width = 36
        ws.column_dimensions["B"].width = 100
        r = 2
        for section in self.report.narrative.sections:
            self.put(ws, r, 1, section.heading, "bold")
            pieces = [section.text[k : k + _CHUNK] for k in range(0, len(section.text), _CHUNK)]
            for k, piece in enumerate(pieces or [""]):
                self.put(ws, r + k, 2, piece, "wrap")
            r += max(1, len(pieces))

    def write_captions(self, ws: Any, table: Table, width: int) -> None:
        """Title merged across the columns, the number at the right, 部门 and 单位 captions."""
        self.put(ws, 1, 1, table.title, "title")
        if width > 1:
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        if table.number:
            self.put(ws, 2, width, table.number, "right")
        if self.report.department:
            self.put(ws, 3, 1, f"部门：{self.report.department}")
        unit_col = width if (width > 1 or not self.report.department) else 2
        self.put(ws, 3, unit_col, f"单位：{table.unit.value}", "right")

    def write_header(self, ws: Any, segs: list[_Segment], starts: list[int]) -> int:
        """Write the header rows as printed and the 栏次 row; return the 栏次 row's number."""
        two_sided = len(segs) > 1 or segs[0].side is not None
        top = 4
        depth = max((len(s.groups) for seg in segs for s in seg.slots), default=0)
        side_row = 1 if two_sided and any(seg.side_title for seg in segs) else 0
        leaf_row = top + side_row + depth

        def head(r: int, c: int, text: str, r2: int, c2: int) -> None:
            self.put(ws, r, c, text, "head")
            for rr in range(r, r2 + 1):
                for cc in range(c, c2 + 1):
                    if (rr, cc) != (r, c):
                        ws.cell(row=rr, column=cc).style = self.style("head")
            if (r, c) != (r2, c2):
                ws.merge_cells(start_row=r, start_column=c, end_row=r2, end_column=c2)

        for seg, start in zip(segs, starts, strict=True):
            if not seg.slots:
                continue
            if side_row:
                end = start + len(seg.slots) - 1
                head(top, start, seg.side_title or "", top, end)
            base = top + side_row
            for level in range(depth):
                j = 0
                while j < len(seg.slots):
                    slot = seg.slots[j]
                    if slot.kind != "value" or len(slot.groups) <= level:
                        j += 1
                        continue
                    k = j
                    while (
                        k + 1 < len(seg.slots)
                        and seg.slots[k + 1].kind == "value"
                        and seg.slots[k + 1].groups[: level + 1] == slot.groups[: level + 1]
                    ):
                        k += 1
                    head(base + level, start + j, slot.groups[level], base + level, start + k)
                    j = k + 1
            for j, slot in enumerate(seg.slots):
                first = base + (len(slot.groups) if slot.kind == "value" else 0)
                head(first, start + j, slot.title, leaf_row, start + j)
        # 栏次 row: "栏次" over the text columns, the amount columns numbered 1, 2, …
        numbering = leaf_row + 1
        n = 0
        for seg, start in zip(segs, starts, strict=True):
            text_slots = [j for j, s in enumerate(seg.slots) if s.kind != "value"]
            for j, slot in enumerate(seg.slots):
                c = start + j
                if slot.kind == "value":
                    n += 1
                    self.put(ws, numbering, c, str(n), "number")
                elif j == text_slots[0]:
                    self.put(ws, numbering, c, "栏次", "number")
                else:
                    ws.cell(row=numbering, column=c).style = self.style("number")
        return numbering

    def write_table(self, ws: Any, table: Table) -> dict[str, Any]:
        segs = _segments(table)
        starts: list[int] = []
        col = 1
        for seg in segs:
            starts.append(col)
            col += len(seg.slots)
        width = max(col - 1, 1)
        self.write_captions(ws, table, width)
        body = self.write_header(ws, segs, starts) + 1
        # Body.
        rows_meta: list[tuple[int, dict[str, Any]]] = []
        height = max((len(seg.rows) for seg in segs), default=0)
        for si, (seg, start) in enumerate(zip(segs, starts, strict=True)):
            has_code = any(s.kind == "code" for s in seg.slots)
            for ri, (index, row) in enumerate(seg.rows):
                meta = self.write_row(
                    ws, body + ri, start=start, si=si, seg=seg, row=row, has_code=has_code
                )
                rows_meta.append((index, meta))
        for r in range(body, body + height):
            for c in range(1, width + 1):
                cell = ws.cell(row=r, column=c)
                if not cell.has_style:
                    cell.style = self.style("body")
        # Notes, after one empty row.
        r = body + height + 1
        for note in table.notes:
            self.put(ws, r, 1, note, "wrap")
            if width > 1:
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
            r += 1
        # Column widths.
        for seg, start in zip(segs, starts, strict=True):
            for j, slot in enumerate(seg.slots):
                letter = _coord(1, start + j)[:-1]
                size = {"code": 12, "name": 34, "line_no": 6}.get(slot.kind, 14)
                ws.column_dimensions[letter].width = size
        ws.freeze_panes = ws.cell(row=body, column=1)
        return {
            "sheet": ws.title,
            "schema": table.schema,
            "title": table.title,
            "number": table.number,
            "unit": table.unit.value,
            "notes": list(table.notes),
            "provenance": _prov_out(table.provenance),
            "columns": [
                {"key": c.key, "title": c.title, "precision": c.precision} for c in table.columns
            ],
            "segments": [
                {
                    "side": seg.side,
                    "cols": {s.key: start + j for j, s in enumerate(seg.slots) if s.key},
                }
                for seg, start in zip(segs, starts, strict=True)
            ],
            "rows": [meta for _, meta in sorted(rows_meta, key=lambda im: im[0])],
        }

    def write_row(
        self, ws: Any, r: int, *, start: int, si: int, seg: _Segment, row: Row, has_code: bool
    ) -> dict[str, Any]:
        at: dict[str, list[Any]] = {}
        positions = {s.kind: start + j for j, s in enumerate(seg.slots) if s.kind != "value"}
        if "code" in positions and row.code is not None:
            self.put(ws, r, positions["code"], row.code, "body")
            at["code"] = [positions["code"], row.code]
        if has_code and row.code is None:
            # 合计 and the other fixed lines are printed across the code and name columns.
            self.put(ws, r, positions["code"], row.label, "body")
            at["label"] = [positions["code"], row.label]
            if "name" in positions and positions["name"] == positions["code"] + 1:
                ws.merge_cells(
                    start_row=r,
                    start_column=positions["code"],
                    end_row=r,
                    end_column=positions["name"],
                )
        elif "name" in positions:
            self.put(ws, r, positions["name"], row.label, "body")
            at["label"] = [positions["name"], row.label]
        if "line_no" in positions and row.line_no is not None:
            self.put(ws, r, positions["line_no"], row.line_no, "body")
            at["line_no"] = [positions["line_no"], row.line_no]
        cells: dict[str, Any] = {}
        cols = {s.key: (start + j, s) for j, s in enumerate(seg.slots) if s.key}
        for key, cell in row.cells.items():
            entry: dict[str, Any] = {}
            if key in cols:
                c, slot = cols[key]
                shown = self.write_cell(ws, r, c, cell, slot.precision)
                if shown != cell.text or not _parse_equal(cell):
                    entry["w"] = shown
                    entry["t"] = cell.text
                    if not _parse_equal(cell):
                        entry.update(_cell_out(cell))
            else:
                entry = {"x": True, **_cell_out(cell)}
            if cell.provenance is not None:
                entry["p"] = _prov_out(cell.provenance)
            if entry:
                cells[key] = entry
        meta: dict[str, Any] = {
            "key": row.key,
            "label": row.label,
            "code": row.code,
            "line_no": row.line_no,
            "side": row.side,
            "seg": si,
            "r": r,
            "at": at,
        }
        absent = [k for k in cols if k not in row.cells]
        if absent:
            meta["absent"] = absent
        if cells:
            meta["cells"] = cells
        if row.provenance is not None:
            meta["p"] = _prov_out(row.provenance)
        return meta

    def write_cell(self, ws: Any, r: int, c: int, cell: Cell, precision: int | None) -> str:
        """Write one cell; return the text the reader will see there."""
        value = cell.value
        if (
            cell.state is CellState.NUMBER
            and value is not None
            and precision is not None
            and value.is_finite()
            and value.adjusted() < _SAFE_DIGITS
            and value.as_tuple().exponent >= -_SAFE_DIGITS  # type: ignore[operator]
            and _significant(value) <= _SAFE_DIGITS
            and not (value.is_zero() and value.is_signed())  # -0.00: a double shows 0
        ):
            self.put(ws, r, c, value, f"amount{precision}")
            return _shown_decimal(value, _number_format(precision))
        if cell.state is CellState.BLANK and not cell.text.strip():
            return ""
        text = cell.text
        if cell.state is CellState.NUMBER and precision is not None:
            text = text or (str(value) if value is not None else "")
        if not text:
            return ""
        self.put(ws, r, c, text, "dash" if cell.state is not CellState.BLANK else "body")
        return _visible(text)

    def write_meta(self, tables: list[dict[str, Any]]) -> None:
        ws = self.wb.create_sheet(META_SHEET)
        ws.sheet_state = "hidden"
        r = self.report
        records: list[tuple[str, dict[str, Any]]] = [
            (
                "report",
                {
                    "kind": r.kind.value,
                    "scope": r.scope.value,
                    "department": r.department,
                    "region": r.region,
                    "year": r.year,
                    "source": r.source,
                    "narrative": [
                        {"heading": s.heading, "text": s.text, "p": _prov_out(s.provenance)}
                        for s in r.narrative.sections
                    ],
                    "problems": [_problem_out(p) for p in r.problems],
                },
            ),
            *(("table", t) for t in tables),
        ]
        self.put(ws, 1, 1, FORMAT)
        ws.cell(row=1, column=2).value = FORMAT_VERSION
        for i, (kind, record) in enumerate(records, start=2):
            text = json.dumps(record, ensure_ascii=True, separators=(",", ":"))
            self.put(ws, i, 1, kind)
            for k in range(0, len(text), _CHUNK):
                self.put(ws, i, 2 + k // _CHUNK, text[k : k + _CHUNK])


def save_xlsx(report: Report, path: str | os.PathLike[str]) -> None:
    """Write *report* as an ``.xlsx`` workbook in the official layout.

    One sheet per table (named by its number, ``公开01表`` …), a ``情况说明``
    sheet for the narrative, and the hidden ``_govfin`` sheet that lets
    :func:`load_xlsx` read the workbook back to an equal report.  See the
    module documentation for the layout and for how amounts stay exact.

    Args:
        report: the report to write.
        path: the ``.xlsx`` file to create (overwritten if it exists).

    Raises:
        LoadError: when openpyxl (the ``excel`` extra) is missing.
        WriteError: when the report holds what govfin would not read back (an
            unpaired surrogate, an amount or a text beyond the bounds of
            ``govfin.io``) or the file cannot be written; the file at
            *path* is then as it was (the workbook is written to a temporary
            file beside it, then renamed).
    """
    name = os.fspath(path)
    _writable(report, name)
    wb = _Writer(report).write()
    buffer = io.BytesIO()
    wb.save(buffer)
    write_bytes(name, buffer.getvalue())


def _writable(report: Report, name: str) -> None:
    """Refuse a report govfin could not read back (before writing anything)."""
    problem = unwritable(report)
    if problem:
        raise WriteError(f"not written: {problem}", file=name)


# ---------------------------------------------------------------- reading


@attrs.frozen
class _Sheet:
    """A sheet's cells as shown texts, 1-based, with its name."""

    name: str
    texts: Mapping[tuple[int, int], str]
    max_row: int
    max_col: int

    def text(self, r: int, c: int) -> str:
        return self.texts.get((r, c), "")


_FAR: Final = 200  # rows or columns of nothing that part a stray cell from the table


def _sheet_cells(ws: Any) -> Iterator[Any]:
    """The cells a sheet holds, without walking the empty range between them."""
    cells = getattr(ws, "_cells", None)
    if isinstance(cells, dict):  # openpyxl keeps the cells it read by (row, column)
        yield from cells.values()
        return
    for row in ws.iter_rows():  # pragma: no cover - other openpyxl versions
        yield from row


def _block(indices: set[int]) -> int:
    """The last index of the run that starts at the first one, gaps below :data:`_FAR`."""
    ordered = sorted(indices)
    end = ordered[0]
    for i in ordered[1:]:
        if i - end > _FAR:
            break
        end = i
    return end


def _read_sheet(ws: Any, stray: list[Problem] | None = None, file: str | None = None) -> _Sheet:
    """The texts of a sheet's cells, by (row, column).

    Only the block that holds the table is read: a cell lying more than
    :data:`_FAR` empty rows or columns beyond the rest (``XFD1048576`` typed by
    mistake) is left out, and named in a problem added to *stray*.
    """
    texts: dict[tuple[int, int], str] = {}
    for cell in _sheet_cells(ws):
        value = cell.value
        if value is None:
            continue
        text = shown_text(value, str(cell.number_format or "General"))
        if text == "":
            continue
        texts[(int(cell.row), int(cell.column))] = text
    if not texts:
        return _Sheet(str(ws.title), texts, 0, 0)
    max_row = _block({r for r, _ in texts})
    max_col = _block({c for r, c in texts if r <= max_row})
    far = sorted(k for k in texts if k[0] > max_row or k[1] > max_col)
    for r, c in far:
        if stray is not None:
            stray.append(
                Problem(
                    f"cell {_coord(r, c)} ({shorten(texts[(r, c)])}) lies far outside the "
                    "table and was not read",
                    "warning",
                    provenance=Provenance(file, line=r, sheet=str(ws.title), cell=_coord(r, c)),
                )
            )
        del texts[(r, c)]
    return _Sheet(str(ws.title), texts, max_row, max_col)


def _check_zip(name: str) -> None:
    """Refuse a file that is no zip, or whose parts unpack beyond what a report holds."""
    path = Path(name)
    if path.is_dir():
        raise LoadError("a folder, not a file", file=name)
    if not path.is_file():
        raise LoadError("no such file", file=name)
    if path.stat().st_size > MAX_FILE_BYTES:
        raise LoadError(f"larger than {MAX_FILE_BYTES:,} bytes: not a report", file=name)
    try:
        with zipfile.ZipFile(name) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise LoadError(
            f"not a readable .xlsx workbook (not a zip archive: {exc})", file=name
        ) from exc
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_XML_MEMBER:
            raise LoadError(
                f"part {info.filename} unpacks to {info.file_size:,} bytes (at most "
                f"{MAX_XML_MEMBER:,}): far more than a report holds",
                file=name,
            )
    if total > MAX_XML_TOTAL:
        raise LoadError(
            f"unpacks to {total:,} bytes (at most {MAX_XML_TOTAL:,}): far more than a report holds",
            file=name,
        )


def _open(name: str) -> Any:
    opx = _openpyxl()
    _check_zip(name)
    try:
        with open(name, "rb") as fh, warnings.catch_warnings():  # closed even when it fails
            warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
            return opx.load_workbook(fh, data_only=True)
    except (MemoryError, RecursionError) as exc:
        raise LoadError(f"not a readable .xlsx workbook ({type(exc).__name__})", file=name) from exc
    except Exception as exc:  # a damaged part: zlib.error, BadZipFile, parse errors, IndexError
        what = f"{type(exc).__name__}: {shorten(str(exc), 120)}"
        raise LoadError(f"not a readable .xlsx workbook ({what})", file=name) from exc


class _MetaReader:
    """Reads a workbook written by :func:`save_xlsx`, guided by its hidden sheet."""

    def __init__(self, file: str, wb: Any, records: list[tuple[str, Any]]) -> None:
        self.file = file
        self.wb = wb
        self.records = records
        self.stray: list[Problem] = []  # cells far outside a table, not read

    def fail(self, message: str, **where: Any) -> LoadError:
        return LoadError(message, file=self.file, **where)

    def prov(self, data: Any) -> Provenance | None:
        if data is None:
            return None
        if not isinstance(data, dict):
            raise self.fail(f"{META_SHEET}: a provenance must be an object, not {data!r}")
        bbox = data.get("bbox")
        return Provenance(
            file=data.get("file"),
            page=data.get("page"),
            line=data.get("line"),
            bbox=tuple(bbox) if bbox is not None else None,
            sheet=data.get("sheet"),
            cell=data.get("cell"),
        )

    def report(self) -> Report:
        head = [d for k, d in self.records if k == "report"]
        if len(head) != 1:
            raise self.fail(f"{META_SHEET}: expected one 'report' record, found {len(head)}")
        data = head[0]
        tables = tuple(self.table(d) for k, d in self.records if k == "table")
        try:
            return Report(
                kind=ReportKind(data["kind"]),
                tables=tables,
                department=data.get("department"),
                region=data.get("region"),
                year=data.get("year"),
                scope=Scope(data["scope"]),
                narrative=Narrative(
                    tuple(
                        Section(s["heading"], s["text"], self.prov(s.get("p")))
                        for s in data.get("narrative", [])
                    )
                ),
                source=data.get("source"),
                problems=(
                    *(
                        Problem(
                            p["message"],
                            p["severity"],
                            table=p.get("table"),
                            row=p.get("row"),
                            column=p.get("column"),
                            provenance=self.prov(p.get("provenance")),
                        )
                        for p in data.get("problems", [])
                    ),
                    *self.stray,
                ),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise self.fail(f"{META_SHEET}: malformed report record ({exc!r})") from exc

    def table(self, data: Any) -> Table:
        try:
            name = data["sheet"]
            label = f"{data['number']} {data['title']}" if data.get("number") else data["title"]
            if name not in self.wb.sheetnames:
                raise self.fail(f"sheet {name!r} is missing", table=label)
            sheet = _read_sheet(self.wb[name], self.stray, self.file)
            columns = tuple(Column(c["key"], c["title"], c["precision"]) for c in data["columns"])
            segments = data["segments"]
            rows = tuple(self.row(sheet, label, segments, r) for r in data["rows"])
            return Table(
                schema=data["schema"],
                title=data["title"],
                unit=Unit.parse(data["unit"]),
                columns=columns,
                rows=rows,
                number=data.get("number"),
                notes=tuple(data.get("notes", ())),
                provenance=self.prov(data.get("provenance")),
            )
        except LoadError:
            raise
        except (KeyError, TypeError, ValueError, IndexError, UnitError) as exc:
            raise self.fail(f"{META_SHEET}: malformed table record ({exc!r})") from exc

    def row(self, sheet: _Sheet, label: str, segments: list[Any], data: Any) -> Row:
        r = int(data["r"])
        key = data["key"]
        for what, (c, expected) in data.get("at", {}).items():
            found = sheet.text(r, c)
            if found != _visible(expected):
                raise self.fail(
                    f"sheet {sheet.name!r} cell {_coord(r, c)}: {what} {found!r} where "
                    f"govfin wrote {expected!r}; the sheet was edited since it was written "
                    f"(delete the hidden sheet {META_SHEET!r} to read it by layout)",
                    line=r,
                    table=label,
                    row=key,
                    column=_coord(r, c)[: -len(str(r))],
                )
        seg = segments[int(data["seg"])]
        meta_cells: dict[str, Any] = data.get("cells", {})
        absent = set(data.get("absent", ()))
        cells: dict[str, Cell] = {}
        for col_key, c in seg["cols"].items():
            if col_key in absent:
                continue
            entry = meta_cells.get(col_key, {})
            cells[col_key] = self.cell(
                sheet, r, int(c), entry=entry, label=label, row=key, column=col_key
            )
        for col_key, entry in meta_cells.items():
            if entry.get("x"):
                cells[col_key] = self.stored(entry)
        return Row(
            key,
            data["label"],
            cells,
            code=data.get("code"),
            line_no=data.get("line_no"),
            side=data.get("side"),
            provenance=self.prov(data.get("p")),
        )

    def stored(self, entry: Mapping[str, Any]) -> Cell:
        value = entry.get("v")
        try:
            exact = None if value is None else Decimal(value)
        except InvalidOperation as exc:
            raise self.fail(f"{META_SHEET}: not an exact value {value!r}") from exc
        return Cell(entry["t"], CellState(entry["s"]), exact, self.prov(entry.get("p")))

    def cell(
        self,
        sheet: _Sheet,
        r: int,
        c: int,
        *,
        entry: Mapping[str, Any],
        label: str,
        row: str,
        column: str,
    ) -> Cell:
        shown = sheet.text(r, c)
        prov = self.prov(entry.get("p"))
        if "w" in entry and entry["w"] == shown:
            if "s" in entry:
                return self.stored({**entry, "p": entry.get("p")})
            text = entry["t"]
        else:  # no stored text, or the cell was edited since: what it shows now
            text = shown
            if "w" in entry:
                prov = Provenance(self.file, line=r, sheet=sheet.name, cell=_coord(r, c))
        try:
            return Cell.parse(text, prov)
        except AmountError as exc:
            raise self.fail(
                f"sheet {sheet.name!r} cell {_coord(r, c)}: {exc.reason}: {text!r}",
                line=r,
                table=label,
                row=row,
                column=column,
            ) from exc


class _Invalid(Exception):
    """A malformed hidden-sheet record (turned into a :class:`LoadError`)."""


_NONE: Final = type(None)


class _Validator:
    """Checks the hidden sheet's records as strictly as the JSON loader checks a document.

    Types, NaN and infinities (refused by the JSON parser), text years, precisions
    beyond :data:`~govfin.io._limits.MAX_PRECISION`, unknown schemas, duplicate
    row and column keys, values that contradict their printed text, oversized
    or surrogate text: each is refused with a message naming the record.
    """

    def __init__(self) -> None:
        self.where = ""

    def fail(self, message: str) -> _Invalid:
        return _Invalid(f"{self.where}: {message}" if self.where else message)

    def get(self, obj: Any, key: str, types: tuple[type, ...], *, required: bool = True) -> Any:
        if not isinstance(obj, dict):
            raise self.fail(f"expected an object, found {type(obj).__name__}")
        if key not in obj:
            if required:
                raise self.fail(f"missing member {key!r}")
            return None
        value = obj[key]
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            names = " or ".join("null" if t is _NONE else t.__name__ for t in types)
            raise self.fail(f"member {key!r} must be {names}, not {shorten(repr(value))}")
        if isinstance(value, str):
            self.text(value, f"member {key!r}", MAX_PROSE if key == "text" else MAX_FIELD)
        return value

    def text(self, value: Any, what: str, limit: int = MAX_FIELD) -> str:
        if not isinstance(value, str):
            raise self.fail(f"{what} must be text, not {shorten(repr(value))}")
        problem = check_text(value, what, limit)
        if problem:
            raise self.fail(problem)
        return value

    def strings(self, obj: Any, key: str) -> list[str]:
        values = self.get(obj, key, (list,), required=False) or []
        return [self.text(v, f"an item of {key!r}") for v in values]

    def integer(self, obj: Any, key: str, low: int, high: int, *, required: bool = True) -> None:
        value = self.get(obj, key, (int, _NONE) if not required else (int,), required=required)
        if value is not None and not low <= value <= high:
            raise self.fail(
                f"member {key!r} is {shorten(str(value))}, not between {low} and {high}"
            )

    def prov(self, data: Any) -> None:
        if data is None:
            return
        if not isinstance(data, dict):
            raise self.fail(f"a provenance must be an object, not {shorten(repr(data))}")
        for key in ("file", "sheet", "cell"):
            self.get(data, key, (str, _NONE), required=False)
        for key in ("page", "line"):
            self.integer(data, key, 0, 10**9, required=False)
        bbox = self.get(data, "bbox", (list, _NONE), required=False)
        if bbox is not None and (
            len(bbox) != 4
            or not all(
                isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
                for v in bbox
            )
        ):
            raise self.fail("bbox must be four finite numbers")

    def report(self, data: Any) -> None:
        self.where = "report record"
        for key, enum in (("kind", ReportKind), ("scope", Scope)):
            value = self.get(data, key, (str,))
            if value not in {m.value for m in enum}:
                raise self.fail(f"unknown {key} {shorten(value)}")
        for key in ("department", "region", "source"):
            self.get(data, key, (str, _NONE), required=False)
        self.integer(data, "year", 1949, 2999, required=False)
        for i, section in enumerate(self.get(data, "narrative", (list,), required=False) or []):
            self.where = f"report record, narrative[{i}]"
            self.get(section, "heading", (str,))
            self.get(section, "text", (str,))
            self.prov(section.get("p"))
        for i, problem in enumerate(self.get(data, "problems", (list,), required=False) or []):
            self.where = f"report record, problems[{i}]"
            self.get(problem, "message", (str,))
            if self.get(problem, "severity", (str,)) not in {"error", "warning", "info"}:
                raise self.fail(f"unknown severity {shorten(problem['severity'])}")
            for key in ("table", "row", "column"):
                self.get(problem, key, (str, _NONE), required=False)
            self.prov(problem.get("provenance"))

    def table(self, data: Any, index: int) -> None:
        self.where = f"table record {index}"
        self.get(data, "sheet", (str,))
        title = self.get(data, "title", (str,))
        self.where = f"table record {index} ({shorten(title)})"
        self.get(data, "number", (str, _NONE), required=False)
        schema = self.get(data, "schema", (str, _NONE))
        if schema is not None:
            from govfin.tables.registry import get_schema  # noqa: PLC0415

            try:
                get_schema(schema)
            except KeyError:
                raise self.fail(f"unknown table schema {shorten(schema)}") from None
        try:
            Unit.parse(self.get(data, "unit", (str,)))
        except UnitError as exc:
            raise self.fail(str(exc)) from None
        self.strings(data, "notes")
        self.prov(data.get("provenance"))
        keys: set[str] = set()
        for column in self.get(data, "columns", (list,)):
            key = self.get(column, "key", (str,))
            if key in keys:
                raise self.fail(f"column key {shorten(key)} appears twice")
            keys.add(key)
            self.get(column, "title", (str,))
            self.integer(column, "precision", 0, MAX_PRECISION, required=False)
        segments = self.get(data, "segments", (list,))
        for segment in segments:
            cols = self.get(segment, "cols", (dict,))
            for key, col in cols.items():
                if not isinstance(col, int) or isinstance(col, bool) or not 1 <= col <= 16384:
                    raise self.fail(f"column {shorten(key)} is at {shorten(repr(col))}")
        rows: set[str] = set()
        for row in self.get(data, "rows", (list,)):
            key = self.row(row, len(segments))
            if key in rows:
                raise self.fail(f"row key {shorten(key)} appears twice")
            rows.add(key)

    def row(self, data: Any, segments: int) -> str:
        key: str = self.get(data, "key", (str,))
        self.get(data, "label", (str,))
        for name in ("code", "line_no", "side"):
            self.get(data, name, (str, _NONE), required=False)
        self.integer(data, "seg", 0, segments - 1)
        self.integer(data, "r", 1, 1_048_576)
        for what, place in (self.get(data, "at", (dict,), required=False) or {}).items():
            if (
                not isinstance(place, list)
                or len(place) != 2
                or not isinstance(place[0], int)
                or isinstance(place[0], bool)
                or not 1 <= place[0] <= 16384
                or not isinstance(place[1], str)
            ):
                raise self.fail(
                    f"row {shorten(key)}: the place of its {shorten(what)} is malformed"
                )
        self.strings(data, "absent")
        self.prov(data.get("p"))
        for column, entry in (self.get(data, "cells", (dict,), required=False) or {}).items():
            self.cell(entry, f"row {shorten(key)}, column {shorten(column)}")
        return key

    def cell(self, entry: Any, where: str) -> None:
        if not isinstance(entry, dict):
            raise self.fail(f"{where}: a cell must be an object")
        for name in ("t", "w"):
            if name in entry:
                self.text(entry[name], f"{where}: {name!r}")
        self.get(entry, "x", (bool,), required=False)
        self.prov(entry.get("p"))
        if "s" not in entry:
            if entry.get("x"):
                raise self.fail(f"{where}: a stored cell needs its state")
            return
        text = self.text(entry.get("t"), f"{where}: 't'")
        state_text = self.get(entry, "s", (str,))
        if state_text not in {s.value for s in CellState}:
            raise self.fail(f"{where}: unknown cell state {shorten(state_text)}")
        state = CellState(state_text)
        raw = self.get(entry, "v", (str, _NONE))
        value: Decimal | None = None
        if raw is not None:
            try:
                value = Decimal(raw[:200]) if len(raw) <= 200 else None
            except InvalidOperation:
                value = None
            if value is None:
                raise self.fail(f"{where}: not an exact value {shorten(raw)}")
            problem = check_decimal(value, "value")
            if problem:
                raise self.fail(f"{where}: {problem}")
        # A stored cell is kept exactly as the report held it: its state need not
        # follow its text (a loader keeps an unreadable text as a blank cell).
        del state, text


def _validate(file: str, records: list[tuple[str, Any]], wb: Any) -> None:
    """Refuse malformed hidden-sheet records before reading them (see :class:`_Validator`)."""
    check = _Validator()
    try:
        tables = 0
        for kind, data in records:
            if kind == "report":
                check.report(data)
            elif kind == "table":
                check.table(data, tables)
                tables += 1
            else:
                raise _Invalid(f"unknown record kind {shorten(kind)}")
    except _Invalid as exc:
        raise LoadError(f"sheet {META_SHEET!r}: {exc}", file=file) from None
    if tables == 0:
        others = [
            str(ws.title)
            for ws in wb.worksheets
            if str(ws.title) not in {META_SHEET, *_NARRATIVE_NAMES} and ws.max_row > 1
        ]
        if others:
            raise LoadError(
                f"sheet {META_SHEET!r} lists no table, but the workbook holds sheet(s) "
                f"{', '.join(shorten(o) for o in others[:5])}; delete the hidden sheet to "
                "read them by layout",
                file=file,
            )


def _meta_records(file: str, wb: Any) -> list[tuple[str, Any]] | None:
    if META_SHEET not in wb.sheetnames:
        return None
    ws = wb[META_SHEET]
    marker = ws.cell(row=1, column=1).value
    version = ws.cell(row=1, column=2).value
    if marker != FORMAT:
        raise LoadError(f"sheet {META_SHEET!r} is not govfin's (A1 is {marker!r})", file=file)
    if not isinstance(version, int) or isinstance(version, bool) or version > FORMAT_VERSION:
        raise LoadError(
            f"sheet {META_SHEET!r}: format version {version!r} is newer than this govfin "
            f"reads ({FORMAT_VERSION}); upgrade govfin",
            file=file,
        )
    records: list[tuple[str, Any]] = []
    for row in ws.iter_rows(min_row=2, values_only=True):
        if not row or row[0] is None:
            continue
        kind = str(row[0])
        text = "".join(str(v) for v in row[1:] if v is not None)
        try:
            records.append((kind, json.loads(text, parse_constant=_no_constant)))
        except (ValueError, RecursionError) as exc:
            raise LoadError(
                f"sheet {META_SHEET!r}: corrupt {shorten(kind)} record ({shorten(str(exc))})",
                file=file,
            ) from exc
    _validate(file, records, wb)
    return records


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


# ---------------------------------------------------------------- reading by layout


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
    tables: list[RawTable] = []
    paragraphs: list[RawParagraph] = []
    problems: list[Problem] = []
    formulas = _formulas(name)
    for ws in wb.worksheets:
        title = str(ws.title)
        if title == META_SHEET:
            continue
        sheet = _read_sheet(ws, problems, name)
        problems.extend(_uncached(name, title, formulas.get(title, {})))
        problems.extend(_merged_figures(name, ws, sheet))
        if title in _NARRATIVE_NAMES:
            paragraphs.extend(_paragraphs(name, sheet))
            continue
        raw = _raw_table(name, sheet)
        if raw is None:
            problems.append(
                Problem(
                    "empty sheet skipped",
                    "info",
                    provenance=Provenance(name, sheet=title),
                )
            )
            continue
        tables.append(raw)
    return RawDocument(name, tuple(tables), tuple(paragraphs), tuple(problems))


def _layout_document(
    name: str,
    sheets: Iterable[tuple[str, Mapping[tuple[int, int], str]]],
    problems: Iterable[Problem] = (),
) -> RawDocument:
    """Read sheets given as their shown texts (1-based ``(row, column)`` → text) by layout.

    The entry point other workbook readers share (:mod:`govfin.io.xls`): each
    sheet is read exactly as :func:`read_xlsx` reads an ``.xlsx`` sheet.
    """
    tables: list[RawTable] = []
    paragraphs: list[RawParagraph] = []
    found: list[Problem] = list(problems)
    for title, texts in sheets:
        if title == META_SHEET:
            continue
        keys = [k for k, t in texts.items() if t != ""]
        sheet = _Sheet(
            title,
            {k: texts[k] for k in keys},
            max((r for r, _ in keys), default=0),
            max((c for _, c in keys), default=0),
        )
        if title in _NARRATIVE_NAMES:
            paragraphs.extend(_paragraphs(name, sheet))
            continue
        raw = _raw_table(name, sheet)
        if raw is None:
            found.append(
                Problem("empty sheet skipped", "info", provenance=Provenance(name, sheet=title))
            )
            continue
        tables.append(raw)
    return RawDocument(name, tuple(tables), tuple(paragraphs), tuple(found))


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
