"""A batch's results (:func:`govfin.batch.check_many`) as a summary, JSON Lines and a dataset.

- :func:`summary`: the text table that ends ``govfin check`` over several
  inputs: one row per checked file (errors, warnings, info, tables
  recognised of those read, seconds), a total, then every file that could
  not be checked, once, with its reason.
- :func:`jsonl_line`: one line of ``--format jsonl``, **one per input**: the
  report's entry of the findings format (:func:`govfin.render.json.report_dict`,
  with the report's department, region, year and kind added), or
  ``{"source", "error"}`` for an input that could not be read.
- :func:`finding_rows` and :func:`write_parquet`: **one row per finding**,
  with the report's department, region, year, kind, the file and the page
  or line, for pandas, DuckDB or any Parquet reader (``--format parquet``).
  An input that could not be read gives one row with ``error`` set and no
  rule, so that it is not silently missing; a report without findings gives
  no row (its summary is in the JSON Lines).

Amounts stay exact: they are decimal strings, as in the JSON format (cast
them in the analysis, e.g. ``CAST(difference AS DECIMAL(38, 6))`` in DuckDB).

>>> from govfin.batch import check_many
>>> from govfin.io import example_path
>>> items = list(check_many([example_path(), "missing.json"], select=["GF-R002"]))
>>> print(summary(items, display=lambda s: s.rsplit("/", 1)[-1], times=False))
source                      errors  warnings  info  tables
lukou-xzspj-2024-final.txt       0         0     1     9/9
total                            0         0     1     9/9
<BLANKLINE>
1 of 2 files could not be checked:
  missing.json: no such file
>>> rows = list(finding_rows(items))
>>> [(r["rule"], r["department"], r["year"], r["error"]) for r in rows][-1]
(None, None, None, 'missing.json: no such file')
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Final

from govfin._install import install_hint
from govfin.batch import FileResult
from govfin.errors import LoadError
from govfin.io._atomic import replacing
from govfin.render.json import dumps, report_dict
from govfin.rules import Finding, Summary

__all__ = ["COLUMNS", "finding_rows", "jsonl_line", "summary", "write_parquet"]

COLUMNS: Final = (
    ("file", "string"),
    ("department", "string"),
    ("region", "string"),
    ("year", "int32"),
    ("kind", "string"),
    ("scope", "string"),
    ("rule", "string"),
    ("title", "string"),
    ("severity", "string"),
    ("outcome", "string"),
    ("message", "string"),
    ("expected", "string"),
    ("actual", "string"),
    ("difference", "string"),
    ("tolerance", "string"),
    ("unit", "string"),
    ("table", "string"),
    ("table_label", "string"),
    ("row", "string"),
    ("row_label", "string"),
    ("column", "string"),
    ("column_title", "string"),
    ("section", "string"),
    ("sentence", "string"),
    ("page", "int32"),
    ("line", "int32"),
    ("error", "string"),
)
"""The columns of the findings dataset, in order, with their Arrow types.

One row per finding: the file and the report's department, region, year,
kind (``决算`` / ``预算``) and scope; the rule, its title, severity, outcome
and Chinese message; expected / actual / difference / tolerance as exact
decimal strings and their unit; the first location's table, row, column or
prose section and sentence, and the page (PDF) or line (text) of the file;
``error`` only on the row of an input that could not be read.
"""


def _name(item: FileResult, display: Callable[[str], str] | None) -> str:
    return display(item.source) if display is not None else item.source


def summary(
    items: Sequence[FileResult],
    *,
    display: Callable[[str], str] | None = None,
    times: bool = True,
) -> str:
    """The batch summary: a row per checked file and a total, then the failures with reasons.

    *display* turns a source into the name shown; *times* adds the seconds
    each file took (load and check, in its worker).
    """
    header = ["source", "errors", "warnings", "info", "tables"]
    if times:
        header.append("time")
    body: list[list[str]] = []
    total = Summary(reports=0)
    read = recognised = 0
    seconds = 0.0
    checked = [item for item in items if item.result is not None]
    for item in checked:
        assert item.result is not None  # for mypy: filtered above
        s = item.result.summary
        total = total + s
        info = item.info
        got, of = (info.recognised, info.tables) if info is not None else (0, 0)
        read += of
        recognised += got
        seconds += item.elapsed
        body.append(_row(_name(item, display), s, f"{got}/{of}", item.elapsed, times))
    if checked:
        body.append(_row("total", total, f"{recognised}/{read}", seconds, times))
    lines = _align([header, *body]) if checked else []
    failed = [item for item in items if item.failure is not None]
    if failed:
        if lines:
            lines.append("")
        lines.append(f"{len(failed)} of {len(items)} files could not be checked:")
        for item in failed:
            assert item.failure is not None  # for mypy: filtered above
            lines.append(f"  {_reason(item, _name(item, display))}")
    return "\n".join(lines)


def _reason(item: FileResult, name: str) -> str:
    """``name: why`` (the file named once, the exception's kind when not a LoadError)."""
    failure = item.failure
    assert failure is not None  # for mypy: only called for failures
    message = failure.message
    if message.startswith(item.source) and message[len(item.source) : len(item.source) + 1] in ":,":
        text = name + message[len(item.source) :]
    else:
        text = f"{name}: {message}"
    return text if failure.type == "LoadError" else f"{text} [{failure.type}]"


def _row(name: str, s: Summary, tables: str, seconds: float, times: bool) -> list[str]:
    row = [name, str(s.errors), str(s.warnings), str(s.infos), tables]
    if times:
        row.append(f"{seconds:.2f}s")
    return row


def _align(rows: Sequence[Sequence[str]]) -> list[str]:
    width = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for r in rows:
        cells = [r[0].ljust(width[0]), *(c.rjust(w) for c, w in zip(r[1:], width[1:], strict=True))]
        out.append("  ".join(cells).rstrip())
    return out


def jsonl_line(item: FileResult, *, display: Callable[[str], str] | None = None) -> str:
    """One input as one line of JSON Lines (ending in a newline).

    A checked report gives its findings-format entry with ``department``,
    ``region``, ``year`` and ``kind`` added; an input that could not be read
    gives ``{"source": …, "error": …}``.
    """
    source = _name(item, display)
    if item.result is None:
        message = item.failure.message if item.failure is not None else "not checked"
        return dumps({"source": source, "error": message}, indent=None) + "\n"
    meta: dict[str, Any] = {}
    if item.info is not None:
        meta = {
            "department": item.info.department,
            "region": item.info.region,
            "year": item.info.year,
            "kind": item.info.kind,
        }
    return dumps(report_dict(item.result, source=source, meta=meta), indent=None) + "\n"


def _dec(value: object) -> str | None:
    return None if value is None else f"{value:f}"


def _finding_row(base: dict[str, Any], f: Finding) -> dict[str, Any]:
    loc = f.location
    prov = loc.provenance if loc is not None else None
    row = dict(base)
    row.update(
        rule=f.rule,
        title=f.title,
        severity=f.severity.value,
        outcome=f.outcome.value,
        message=f.message,
        expected=_dec(f.expected),
        actual=_dec(f.actual),
        difference=_dec(f.difference),
        tolerance=_dec(f.tolerance),
        unit=f.unit.value if f.unit is not None else None,
        table=loc.table if loc else None,
        table_label=loc.table_label if loc else None,
        row=loc.row if loc else None,
        row_label=loc.row_label if loc else None,
        column=loc.column if loc else None,
        column_title=loc.column_title if loc else None,
        section=loc.section if loc else None,
        sentence=loc.sentence if loc else None,
        page=prov.page if prov else None,
        line=prov.line if prov else None,
    )
    return row


def finding_rows(
    items: Iterable[FileResult], *, display: Callable[[str], str] | None = None
) -> Iterator[dict[str, Any]]:
    """One dict per finding (keys: :data:`COLUMNS`), streaming over *items*."""
    empty = dict.fromkeys(name for name, _ in COLUMNS)
    for item in items:
        base = dict(empty)
        base["file"] = _name(item, display)
        if item.info is not None:
            base.update(
                department=item.info.department,
                region=item.info.region,
                year=item.info.year,
                kind=item.info.kind,
                scope=item.info.scope,
            )
        if item.result is None:
            failure = item.failure
            base["error"] = failure.message if failure is not None else "not checked"
            if failure is not None:
                base["page"], base["line"] = failure.page, failure.line
            yield base
            continue
        for f in item.result.findings:
            yield _finding_row(base, f)


def write_parquet(
    items: Iterable[FileResult],
    path: str | os.PathLike[str],
    *,
    display: Callable[[str], str] | None = None,
    rows_per_group: int = 10_000,
) -> int:
    """Write the findings dataset of *items* to a Parquet file; return the number of rows.

    Rows are written in groups of *rows_per_group* as the items arrive, so a
    run over many thousand files never holds all its findings at once.  The
    file is written atomically, like every file govfin writes: a temporary
    file beside *path*, renamed over it at the end, so that a run that fails
    half-way (an unreadable input raising, a full disk, Ctrl-C) leaves no
    half-written Parquet file and an older *path* as it was.

    Raises:
        LoadError: when pyarrow (the ``parquet`` extra) is not installed.
        WriteError: when the file cannot be written; *path* is then unchanged.
    """
    try:
        import pyarrow as pa  # noqa: PLC0415 - the optional parquet extra
        import pyarrow.parquet as pq  # noqa: PLC0415
    except ModuleNotFoundError as exc:
        raise LoadError(
            f"--format parquet needs the 'parquet' extra ({install_hint('parquet')}); "
            f"missing module {exc.name!r}",
            file=os.fspath(path),
        ) from exc
    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind in COLUMNS])
    written = 0
    buffer: list[dict[str, Any]] = []
    with replacing(path) as tmp, pq.ParquetWriter(tmp, schema) as writer:
        for row in finding_rows(items, display=display):
            buffer.append(row)
            if len(buffer) >= rows_per_group:
                writer.write_table(pa.Table.from_pylist(buffer, schema=schema))
                written += len(buffer)
                buffer.clear()
        if buffer or not written:
            writer.write_table(pa.Table.from_pylist(buffer, schema=schema))
            written += len(buffer)
    return written
