"""Writing a report as an ``.xlsx`` workbook in the official layout (:func:`save_xlsx`).

Each table's sheet is laid out as printed (title, number, captions, header
rows, body, notes); what the visible sheets cannot carry goes to the hidden
``_govfin`` sheet as JSON records (see :mod:`govfin.io.excel`).
"""

from __future__ import annotations

import io
import json
import os
from typing import Any, Final

import attrs

from govfin.amounts import CellState
from govfin.errors import (
    AmountError,
    SchemaError,
    WriteError,
)
from govfin.io._atomic import write_bytes
from govfin.io._excel_cells import (
    _CHUNK,
    _NARRATIVE_NAMES,
    _SAFE_DIGITS,
    _SHEET_BAD_RE,
    _TEXT_FORMAT,
    _TITLE_FONT_SIZE,
    FORMAT,
    FORMAT_VERSION,
    META_SHEET,
    NARRATIVE_SHEET,
    _coord,
    _number_format,
    _openpyxl,
    _shown_decimal,
    _significant,
    _visible,
)
from govfin.io._limits import (
    unwritable,
)
from govfin.report import (
    Cell,
    Problem,
    Provenance,
    Report,
    Row,
    Table,
)

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
        schema = get_schema(table.schema)
    except (KeyError, LookupError, SchemaError, ValueError):
        return None
    return schema if schema.checked else None  # a kept table is written as printed


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
    return None if p is None else p.as_dict()


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
