"""govfin's native JSON format: a lossless, versioned image of a :class:`~govfin.report.Report`.

The document is one object::

    {
      "format": "govfin-report", "version": 1,
      "kind": "决算", "scope": "部门", "department": "…", "region": "…",
      "year": 2024, "source": "report.txt",
      "tables": [
        {"schema": "final.summary", "title": "收入支出决算总表", "number": "公开01表",
         "unit": "万元", "notes": ["注：…"], "provenance": {"line": 43},
         "columns": [{"key": "amount", "title": "决算数", "precision": 2}],
         "rows": [
           {"key": "income.total", "label": "本年收入合计", "code": null,
            "line_no": "27", "side": "income", "provenance": {"line": 267},
            "cells": {"amount": {"text": "972.81", "state": "number",
                                 "value": "972.81", "provenance": {"line": 268}}}}]}],
      "narrative": [{"heading": "一、…", "text": "…", "provenance": {"line": 1816}}],
      "problems": [{"message": "…", "severity": "info", "table": "…", "row": null,
                    "column": null, "provenance": {"line": 1545}}]
    }

* Every amount is a **string** holding the exact :class:`~decimal.Decimal`
  (``"22.3"`` stays ``"22.3"``; never a JSON number, never a float).
* ``text`` is the cell exactly as printed and ``state`` is ``number``,
  ``blank`` or ``dash``; ``value`` is ``null`` unless the state is ``number``.
* ``schema`` is the stable schema id, ``null`` for a table govfin did not
  recognise; ``title`` is the title as printed.
* A provenance lists ``file``, ``page``, ``line``, ``bbox``, ``sheet`` and ``cell`` when known; the
  ``file`` is left out when it is the report's ``source`` (and written as
  ``null`` when it is unknown while the source is not).
* Readers must reject a document whose ``format`` is not ``govfin-report`` or
  whose ``version`` is greater than the one they know.

The JSON Schema is shipped as ``govfin/data/schema/report.schema.json``
(:func:`schema_path`).

>>> from govfin.io import load_example
>>> text = to_json(load_example())
>>> from_json(text) == load_example()
True
"""

from __future__ import annotations

import json
import math
import os
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any, Final

from govfin.amounts import CellState, Unit, parse_cell
from govfin.errors import AmountError, LoadError, UnitError, WriteError, shorten
from govfin.io._atomic import write_text
from govfin.io._limits import (
    MAX_FIELD,
    MAX_PRECISION,
    MAX_PROSE,
    check_decimal,
    check_text,
    read_file,
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
    RoundingNote,
    Row,
    Scope,
    Section,
    Table,
)

__all__ = [
    "FORMAT",
    "VERSION",
    "from_dict",
    "from_json",
    "load_json",
    "save_json",
    "schema_path",
    "to_dict",
    "to_json",
]

FORMAT: Final = "govfin-report"
"""The value of the ``format`` member."""
VERSION: Final = 1
"""The version written; readers accept versions up to this one."""


def schema_path() -> Path:
    """The JSON Schema of the format, shipped in the package.

    >>> schema_path().name
    'report.schema.json'
    """
    return Path(str(resources.files("govfin").joinpath("data", "schema", "report.schema.json")))


# ---------------------------------------------------------------- writing


def _prov(p: Provenance | None, source: str | None) -> dict[str, Any] | None:
    return None if p is None else p.as_dict(source=source)


def _cell(c: Cell, source: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "text": c.text,
        "state": c.state.value,
        "value": None if c.value is None else str(c.value),
    }
    if c.provenance is not None:
        out["provenance"] = _prov(c.provenance, source)
    return out


def _row(r: Row, source: str | None) -> dict[str, Any]:
    return {
        "key": r.key,
        "label": r.label,
        "code": r.code,
        "line_no": r.line_no,
        "side": r.side,
        "provenance": _prov(r.provenance, source),
        "cells": {k: _cell(c, source) for k, c in r.cells.items()},
    }


def _table(t: Table, source: str | None) -> dict[str, Any]:
    return {
        "schema": t.schema,
        "title": t.title,
        "number": t.number,
        "unit": t.unit.value,
        "notes": list(t.notes),
        "provenance": _prov(t.provenance, source),
        "columns": [{"key": c.key, "title": c.title, "precision": c.precision} for c in t.columns],
        "rows": [_row(r, source) for r in t.rows],
    }


def to_dict(report: Report) -> dict[str, Any]:
    """The report as JSON-ready data (amounts as strings)."""
    src = report.source
    return {
        "format": FORMAT,
        "version": VERSION,
        "kind": report.kind.value,
        "scope": report.scope.value,
        "department": report.department,
        "region": report.region,
        "year": report.year,
        "source": src,
        "tables": [_table(t, src) for t in report.tables],
        "narrative": [
            {"heading": s.heading, "text": s.text, "provenance": _prov(s.provenance, src)}
            for s in report.narrative.sections
        ],
        "problems": [
            {
                "message": p.message,
                "severity": p.severity,
                "table": p.table,
                "row": p.row,
                "column": p.column,
                "provenance": _prov(p.provenance, src),
            }
            for p in report.problems
        ],
        "rounding": {"note": report.rounding.note, "whole_yuan": report.rounding.whole_yuan},
    }


def to_json(report: Report, *, indent: int | None = 1) -> str:
    """The report as a JSON document (UTF-8 text, Chinese kept readable)."""
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


def save_json(report: Report, path: str | os.PathLike[str]) -> None:
    """Write the report to *path* in the native JSON format, atomically.

    Raises:
        WriteError: when the report holds what govfin would not read back (an
            unpaired surrogate, an amount or a text beyond the loaders' bounds)
            or the file cannot be written; *path* is then unchanged.
    """
    problem = unwritable(report)
    if problem:
        raise WriteError(f"not written: {problem}", file=os.fspath(path))
    write_text(path, to_json(report) + "\n")


# ---------------------------------------------------------------- reading


class _Reader:
    def __init__(self, file: str | None) -> None:
        self.file = file
        self.source: str | None = None

    def fail(self, message: str, where: str = "") -> LoadError:
        return LoadError(f"{where}: {message}" if where else message, file=self.file)

    def get(
        self, obj: Any, key: str, types: tuple[type, ...], where: str, limit: int = MAX_FIELD
    ) -> Any:
        if not isinstance(obj, dict):
            raise self.fail(f"expected an object, found {type(obj).__name__}", where)
        if key not in obj:
            raise self.fail(f"missing member {key!r}", where)
        value = obj[key]
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            names = " or ".join("null" if t is type(None) else t.__name__ for t in types)
            raise self.fail(f"member {key!r} must be {names}", where)
        if isinstance(value, str):
            self.text(value, f"member {key!r}", where, limit)
        return value

    def text(self, value: str, what: str, where: str, limit: int = MAX_FIELD) -> str:
        problem = check_text(value, what, limit)
        if problem:
            raise self.fail(problem, where)
        return value

    def opt(self, obj: dict[str, Any], key: str, types: tuple[type, ...], where: str) -> Any:
        if key not in obj:
            return None
        return self.get(obj, key, (*types, type(None)), where)

    def prov(self, data: Any, where: str) -> Provenance | None:
        if data is None:
            return None
        if not isinstance(data, dict):
            raise self.fail("provenance must be an object or null", where)
        file = self.get(data, "file", (str, type(None)), where) if "file" in data else self.source
        bbox = self.opt(data, "bbox", (list,), where)
        box: tuple[float, float, float, float] | None = None
        if bbox is not None:
            if len(bbox) != 4 or not all(
                isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
                for v in bbox
            ):
                raise self.fail("bbox must be four finite numbers", where)
            box = (bbox[0], bbox[1], bbox[2], bbox[3])
        return Provenance(
            file=file,
            page=self.opt(data, "page", (int,), where),
            line=self.opt(data, "line", (int,), where),
            bbox=box,
            sheet=self.opt(data, "sheet", (str,), where),
            cell=self.opt(data, "cell", (str,), where),
        )

    def cell(self, data: Any, where: str) -> Cell:
        text = self.get(data, "text", (str,), where)
        state_text = self.get(data, "state", (str,), where)
        try:
            state = CellState(state_text)
        except ValueError:
            raise self.fail(f"unknown cell state {state_text!r}", where) from None
        raw = self.get(data, "value", (str, type(None)), where)
        value: Decimal | None = None
        if raw is not None:
            if len(raw) > 2 * MAX_DIGITS_TEXT:
                raise self.fail(f"value {shorten(raw)} is too long for an amount", where)
            try:
                value = Decimal(raw)
            except InvalidOperation:
                raise self.fail(f"value {shorten(raw)} is not a decimal number", where) from None
            problem = check_decimal(value, "value")
            if problem:
                raise self.fail(problem, where)
        if (value is None) != (state is not CellState.NUMBER):
            raise self.fail(f"state {state.value!r} does not fit value {shorten(str(raw))}", where)
        try:
            printed = parse_cell(text)
        except AmountError:
            printed = None  # a text govfin could not read, kept as printed (a problem says so)
        if printed is not None and (printed.state, printed.value) != (state, value):
            shown = "blank" if printed.value is None else str(printed.value)
            raise self.fail(
                f"value {shorten(str(raw))} ({state.value}) contradicts the printed text "
                f"{shorten(text)}, which reads {shown}",
                where,
            )
        return Cell(text, state, value, self.prov(data.get("provenance"), where))

    def row(self, data: Any, where: str) -> Row:
        key = self.get(data, "key", (str,), where)
        where = f"{where}, row {key}"
        cells_data = self.get(data, "cells", (dict,), where)
        cells = {
            self.text(str(k), "column key", where): self.cell(v, f"{where}, column {k}")
            for k, v in cells_data.items()
        }
        return Row(
            key,
            self.get(data, "label", (str,), where),
            cells,
            code=self.opt(data, "code", (str,), where),
            line_no=self.opt(data, "line_no", (str,), where),
            side=self.opt(data, "side", (str,), where),
            provenance=self.prov(data.get("provenance"), where),
        )

    def table(self, data: Any, index: int) -> Table:
        where = f"tables[{index}]"
        title = self.get(data, "title", (str,), where)
        where = f"{where} ({title})"
        unit_text = self.get(data, "unit", (str,), where)
        try:
            unit = Unit.parse(unit_text)
        except UnitError as exc:
            raise self.fail(str(exc), where) from None
        columns = []
        for c in self.get(data, "columns", (list,), where):
            precision = self.get(c, "precision", (int, type(None)), where)
            if precision is not None and not 0 <= precision <= MAX_PRECISION:
                raise self.fail(
                    f"precision {precision} is not between 0 and {MAX_PRECISION} decimals", where
                )
            columns.append(
                Column(
                    self.get(c, "key", (str,), where),
                    self.get(c, "title", (str,), where),
                    precision,
                )
            )
        notes = self.get(data, "notes", (list,), where)
        if not all(isinstance(n, str) for n in notes):
            raise self.fail("notes must be strings", where)
        for n in notes:
            self.text(n, "a note", where)
        keys = [c.key for c in columns]
        if len(set(keys)) != len(keys):
            raise self.fail(f"column key {_first_duplicate(keys)!r} appears twice", where)
        schema = self.get(data, "schema", (str, type(None)), where)
        if schema is not None:
            _known_schema(schema, lambda m: self.fail(m, where))
        rows = tuple(self.row(r, where) for r in self.get(data, "rows", (list,), where))
        row_keys = [r.key for r in rows]
        if len(set(row_keys)) != len(row_keys):
            raise self.fail(f"row key {_first_duplicate(row_keys)!r} appears twice", where)
        return Table(
            schema=schema,
            title=title,
            unit=unit,
            columns=tuple(columns),
            rows=rows,
            number=self.opt(data, "number", (str,), where),
            notes=tuple(notes),
            provenance=self.prov(data.get("provenance"), where),
        )

    def report(self, data: Any) -> Report:
        fmt = self.get(data, "format", (str,), "")
        if fmt != FORMAT:
            raise self.fail(f"not a govfin report (format {fmt!r}, expected {FORMAT!r})")
        version = self.get(data, "version", (int,), "")
        if version > VERSION or version < 1:
            raise self.fail(f"unsupported version {version} (this govfin reads up to {VERSION})")
        self.source = self.opt(data, "source", (str,), "")
        try:
            kind = ReportKind(self.get(data, "kind", (str,), ""))
            scope = Scope(self.get(data, "scope", (str,), ""))
        except ValueError as exc:
            raise self.fail(str(exc)) from None
        sections = tuple(
            Section(
                self.get(s, "heading", (str,), f"narrative[{i}]"),
                self.get(s, "text", (str,), f"narrative[{i}]", MAX_PROSE),
                self.prov(s.get("provenance"), f"narrative[{i}]"),
            )
            for i, s in enumerate(self.get(data, "narrative", (list,), ""))
        )
        problems = tuple(
            Problem(
                self.get(p, "message", (str,), f"problems[{i}]"),
                self.get(p, "severity", (str,), f"problems[{i}]"),
                table=self.opt(p, "table", (str,), f"problems[{i}]"),
                row=self.opt(p, "row", (str,), f"problems[{i}]"),
                column=self.opt(p, "column", (str,), f"problems[{i}]"),
                provenance=self.prov(p.get("provenance"), f"problems[{i}]"),
            )
            for i, p in enumerate(self.get(data, "problems", (list,), ""))
        )
        extra: dict[str, Any] = {}
        rounding = self.opt(data, "rounding", (dict,), "")
        if rounding is not None:
            extra["rounding"] = RoundingNote(
                self.opt(rounding, "note", (str,), "rounding"),
                bool(self.opt(rounding, "whole_yuan", (bool,), "rounding")),
            )
        year = self.opt(data, "year", (int,), "")
        if year is not None and not _YEARS[0] <= year <= _YEARS[1]:
            raise self.fail(f"year {shorten(str(year))} is not a year of a report")
        return Report(
            kind=kind,
            tables=tuple(
                self.table(t, i) for i, t in enumerate(self.get(data, "tables", (list,), ""))
            ),
            department=self.opt(data, "department", (str,), ""),
            region=self.opt(data, "region", (str,), ""),
            year=year,
            scope=scope,
            narrative=Narrative(sections),
            source=self.source,
            problems=problems,
            **extra,
        )


_YEARS: Final = (1949, 2999)
MAX_DIGITS_TEXT: Final = 128


def _first_duplicate(keys: list[str]) -> str:
    seen: set[str] = set()
    for k in keys:
        if k in seen:
            return k
        seen.add(k)
    return ""


def _known_schema(schema: str, fail: Any) -> None:
    from govfin.tables.registry import get_schema  # noqa: PLC0415 - keeps the import light

    try:
        get_schema(schema)
    except KeyError:
        raise fail(f"unknown table schema {shorten(schema)}") from None


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Duplicate(key)
        out[key] = value
    return out


class _Duplicate(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def from_dict(data: Any, *, file: str | None = None) -> Report:
    """Build a report from data in the native format (as :func:`json.loads` gives it).

    Raises:
        LoadError: naming the member at fault (``tables[2] (…), row 201, column total``).
    """
    return _Reader(file).report(data)


def from_json(text: str, *, file: str | None = None) -> Report:
    """Read a report from native JSON text.

    Raises:
        LoadError: when the text is not JSON (naming the line) or not a govfin report.
    """
    if len(text) > MAX_PROSE:
        raise LoadError(f"{len(text):,} characters: too large for a report", file=file)
    try:
        data = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        raise LoadError(
            f"not JSON: {exc.msg} (column {exc.colno})", file=file, line=exc.lineno
        ) from exc
    except _Duplicate as exc:
        raise LoadError(
            f"member {shorten(exc.key)} appears twice in one object (which one counts?)",
            file=file,
        ) from exc
    except RecursionError as exc:
        raise LoadError("nested too deeply for a report", file=file) from exc
    except ValueError as exc:  # NaN/Infinity; an integer of thousands of digits
        raise LoadError(f"not a number govfin reads: {shorten(str(exc))}", file=file) from exc
    return from_dict(data, file=file)


def load_json(path: str | os.PathLike[str]) -> Report:
    """Read a report written by :func:`save_json`.

    Raises:
        LoadError: when the file is missing, not UTF-8 JSON, or not a govfin report.
    """
    name = os.fspath(path)
    data = read_file(name)
    try:
        text = data.decode("utf-8-sig")  # a UTF-8 byte order mark is allowed, as for .txt
    except UnicodeDecodeError as exc:
        raise LoadError(f"not UTF-8 text (byte {exc.start})", file=name) from exc
    return from_json(text, file=name)
