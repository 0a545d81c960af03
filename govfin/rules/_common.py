"""Helpers shared by the built-in rules (private)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Final

from govfin.amounts import ZERO
from govfin.report import Column, Row, Table
from govfin.rules._engine import Context
from govfin.rules._finding import Finding

__all__ = [
    "amount_columns",
    "is_empty",
    "parent_code",
    "sum_cells",
    "total_row",
]

TOTAL_KEYS: Final = ("total", "合计")
TOTAL_LABELS: Final = frozenset({"合计", "总计", "合  计", "合计数"})


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

    Exact equality with every cell of the same state as the total is by far
    the common case; it is counted as a pass without building anything.
    """
    part_list = list(parts)
    _, t_row, t_col = total
    total_cell = t_row.cells.get(t_col) if t_row is not None else None
    if total_cell is not None and total_cell.value is not None:
        s = ZERO
        for _tb, rw, cl in part_list:
            s += _value(rw, cl)
        if s == total_cell.value:
            ctx.passed()
            return None
    return ctx.sum_cells(total, part_list, **fields)
