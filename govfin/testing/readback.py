"""What a reader got wrong: a report read back from a file against the report it was made from.

A producer zoo (``scripts/make_producer_zoo.py``) prints generated reports
through real programs and reads each PDF back; :func:`differences` lists
every way the reading differs from the truth, table by table: a table not
recognised, rows missing or extra, and each cell whose value, printed
decimals or state (blank against 0) differs.  An empty list: read right.

>>> from govfin.io import load_example
>>> report = load_example()
>>> differences(report, report)
()
>>> table = report.table("公开06表")
>>> row = table.row("30214")
>>> cells = {**row.cells, "amount": Cell.parse("160.0")}
>>> changed = attrs.evolve(table, rows=tuple(
...     attrs.evolve(r, cells=cells) if r is row else r for r in table.rows))
>>> read = report.evolve(tables=tuple(changed if t is table else t for t in report.tables))
>>> [d.describe() for d in differences(report, read)]
["final.general_basic 30214 amount: '160.0' for '160'"]
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from govfin.amounts import CellState
from govfin.report import Cell, Report

__all__ = ["Difference", "differences", "printed"]


@attrs.frozen
class Difference:
    """One way a report read back differs from the truth.

    *row* and *column* are ``None`` for a table not recognised (*got* is
    ``None`` too) and for rows that differ (*expected* and *got* then list the
    row keys missing and extra).
    """

    table: str
    """The schema id of the truth's table."""
    row: str | None = None
    column: str | None = None
    expected: str = ""
    """What the truth prints (a cell's text; the rows missing)."""
    got: str | None = None
    """What was read (``None``: nothing there)."""

    def describe(self) -> str:
        """The difference on one line."""
        if self.row is None and self.column is None:
            if self.got is None:
                return f"{self.table}: not recognised"
            return f"{self.table}: rows missing {self.expected}, extra {self.got}"
        if self.got is None:
            return f"{self.table} {self.row} {self.column}: no cell"
        return f"{self.table} {self.row} {self.column}: {self.got!r} for {self.expected!r}"


def printed(cell: Cell) -> tuple[CellState, Decimal | None, int | None]:
    """What a reader must get back from a cell: its state, value and printed decimals."""
    if cell.value is None:
        return cell.state, None, None
    exponent = cell.value.as_tuple().exponent
    assert isinstance(exponent, int)  # (a finite Decimal)
    return cell.state, cell.value, -exponent


def differences(truth: Report, read: Report) -> tuple[Difference, ...]:
    """Every way *read* differs from *truth*, table by table (see the module docstring).

    Each table of *truth* must be recognised in *read* (by schema), with the
    same rows in the same order; then every cell of the truth must be read
    with the same :func:`printed` value.  Tables *read* holds beyond the
    truth's are not compared.
    """
    out: list[Difference] = []
    for table in truth.tables:
        if table.schema is None:
            continue
        got = read.get_table(table.schema)
        if got is None:
            out.append(Difference(table.schema))
            continue
        keys = [r.key for r in table.rows]
        got_keys = [r.key for r in got.rows]
        if keys != got_keys:
            missing = [k for k in keys if k not in got_keys]
            extra = [k for k in got_keys if k not in keys]
            out.append(Difference(table.schema, expected=str(missing), got=str(extra)))
            continue
        for row in table.rows:
            got_row = got.row(row.key)
            for column, cell in row.cells.items():
                other = got_row.cells.get(column)
                if other is None:
                    out.append(Difference(table.schema, row.key, column, cell.text))
                elif printed(other) != printed(cell):
                    out.append(Difference(table.schema, row.key, column, cell.text, other.text))
    return tuple(out)
