"""Helpers shared by the built-in rules (private)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Final

from govfin.amounts import ZERO
from govfin.report import Column, Report, Row, Table
from govfin.rules._context import Context
from govfin.rules._finding import Finding

__all__ = [
    "CODE_TABLES",
    "KINDS",
    "LEVEL_NAMES",
    "amount_columns",
    "both_kinds",
    "column_sums",
    "is_empty",
    "parent_code",
    "row_sums",
    "sum_cells",
    "table_of",
    "total_row",
]

KINDS: Final = ("final", "budget")
"""The prefixes of the schema ids: a table of a 决算 (``final.``) or of a 预算 (``budget.``)."""

CODE_TABLES: Final = (
    "income",
    "expenditure",
    "general_budget",
    "general_basic",
    "fund_budget",
    "state_capital",
)
"""The standard tables whose rows carry classification codes (类/款/项), by name."""


def both_kinds(*names: str) -> tuple[str, ...]:
    """The schema ids of the tables *names* in a 决算, then in a 预算.

    >>> both_kinds("summary", "income")
    ('final.summary', 'final.income', 'budget.summary', 'budget.income')
    """
    return tuple(f"{kind}.{name}" for kind in KINDS for name in names)


LEVEL_NAMES: Final = {3: "类", 5: "款", 7: "项", 9: "目"}
"""The level of a classification code, by its number of digits."""

TOTAL_KEYS: Final = ("total", "合计")
TOTAL_LABELS: Final = frozenset({"合计", "总计", "合  计", "合计数"})


_SCHEMAS: list[tuple[Report, dict[str, Table]]] = []


def table_of(report: Report, schema: str) -> Table | None:
    """The report's table of *schema* (its first), through a per-report index."""
    if not _SCHEMAS or _SCHEMAS[0][0] is not report:
        index: dict[str, Table] = {}
        for table in report.tables:
            if table.schema is not None:
                index.setdefault(table.schema, table)
        _SCHEMAS[:] = [(report, index)]
    return _SCHEMAS[0][1].get(schema)


def amount_columns(table: Table) -> tuple[Column, ...]:
    """The columns that hold money (a precision, not text)."""
    return tuple(c for c in table.columns if c.precision is not None)


def parent_code(code: str) -> str | None:
    """The code one level up (``2010301`` → ``20103``), ``None`` for a 类."""
    return code[:-2] if len(code) > 3 else None


def total_row(table: Table) -> Row | None:
    """The 合计 row of a code table (by line key, else by label), or ``None``."""
    for key in TOTAL_KEYS:
        found = table.get(key)
        if found is not None and found.code is None:
            return found
    for row in table.rows:
        if row.code is not None or row.side is not None or "." in row.key:
            continue
        if row.label.replace(" ", "").replace("\u3000", "") in TOTAL_LABELS:
            return row
    return None


def is_empty(table: Table) -> bool:
    """Whether no amount cell of *table* holds a non-zero number."""
    cols = amount_columns(table)
    return not any(row.value(c.key) for row in table.rows for c in cols)


def _value(row: Row | None, column: str) -> Decimal:
    if row is None:
        return ZERO
    if column[:1] == "-":
        cell = row.cells.get(column[1:])
        return ZERO if cell is None or cell.value is None else -cell.value
    cell = row.cells.get(column)
    if cell is None or cell.value is None:
        return ZERO
    return cell.value


def sum_cells(
    ctx: Context,
    total: tuple[Table, Row | None, str],
    parts: Iterable[tuple[Table, Row | None, str]],
    **fields: object,
) -> Finding | None:
    """Like :meth:`Context.sum_cells`, with a fast path for the exact case.

    A column key written ``-key`` subtracts that cell instead of adding it.

    Exact equality (blank cells read as 0) is by far the common case; it is
    counted as a pass without building anything, unless pass records are kept
    (``Context.keep_passes``): then :meth:`Context.sum_cells` records it.
    """
    part_list = list(parts)
    if not ctx.keep_passes:
        _, t_row, t_col = total
        s = ZERO
        for _tb, rw, cl in part_list:
            s += _value(rw, cl)
        if s == _value(t_row, t_col):
            ctx.passed()
            return None
    return ctx.sum_cells(total, part_list, **fields)


def column_sums(
    ctx: Context,
    table: Table,
    total: Row,
    parts: Sequence[Row],
    columns: Iterable[str],
    **fields: object,
) -> Iterator[Finding]:
    """For each column, *total* equals the sum of *parts* (all rows of *table*).

    The hot loop of the rollups: exact matches are counted in one go and
    nothing is built for them (unless pass records are kept, as in :func:`sum_cells`).
    The sum is written out here and in :func:`row_sums` (rows of one column there,
    columns of one row here): a shared helper would cost a call and a list per
    comparison, twice the time of this loop.
    """
    fast = not ctx.keep_passes
    passes = 0
    total_cells = total.cells
    part_cells = [p.cells for p in parts]
    for key in columns:
        if fast:
            cell = total_cells.get(key)
            expected = cell.value if cell is not None and cell.value is not None else ZERO
            s = ZERO
            for cells in part_cells:
                c = cells.get(key)
                if c is not None and c.value is not None:
                    s += c.value
            if s == expected:
                passes += 1
                continue
        found = ctx.sum_cells((table, total, key), [(table, p, key) for p in parts], **fields)
        if found is not None:
            yield found
    ctx.passed(passes)


def row_sums(
    ctx: Context,
    table: Table,
    rows: Iterable[Row],
    total: str,
    parts: Sequence[str],
    **fields: object,
) -> Iterator[Finding]:
    """On each row, column *total* equals the sum of columns *parts*.

    Exact matches are counted as in :func:`column_sums`.
    """
    fast = not ctx.keep_passes
    passes = 0
    for row in rows:
        cells = row.cells
        if not cells:
            continue
        if fast:
            cell = cells.get(total)
            expected = cell.value if cell is not None and cell.value is not None else ZERO
            s = ZERO
            for key in parts:
                c = cells.get(key)
                if c is not None and c.value is not None:
                    s += c.value
            if s == expected:
                passes += 1
                continue
        found = ctx.sum_cells((table, row, total), [(table, row, k) for k in parts], **fields)
        if found is not None:
            yield found
    ctx.passed(passes)
