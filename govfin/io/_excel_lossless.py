"""Reading back a workbook that :func:`~govfin.io.excel.save_xlsx` wrote, losslessly.

The structure comes from the hidden ``_govfin`` sheet (validated record by
record), the amounts from the visible cells as the text they show, after
checking that each row's code, label and 行次 are still where they were written.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, Final

from govfin.amounts import CellState, Unit
from govfin.errors import (
    AmountError,
    LoadError,
    UnitError,
    shorten,
)
from govfin.io._excel_cells import (
    _NARRATIVE_NAMES,
    FORMAT,
    FORMAT_VERSION,
    META_SHEET,
    _coord,
    _read_sheet,
    _Sheet,
    _visible,
)
from govfin.io._limits import (
    MAX_FIELD,
    MAX_PRECISION,
    MAX_PROSE,
    check_decimal,
    check_text,
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
