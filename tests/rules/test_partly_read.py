"""A table not read in full: its inconsistencies are warnings, and the check is not complete.

An error finding must be a defect of the document.  When the reading of a
table is known to be incomplete (the loader could not read part of it: a
column missing, two rows read as one; or figures of it stand in a column
with no title, where no rule reads them), a difference found in it may come
from the reading: it is reported as a warning with a note saying so, and the
report's coverage says it was not checked in full (exit 1).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from govfin.report import Cell, Column, Problem, Report, Table
from govfin.rules import Finding, Severity, check
from govfin.testing import (
    Perturbation,
    allowance,
    budget_reports,
    perturb,
    tied_cells,
)

SOME = settings(max_examples=15, deadline=None)


def _perturbed(report: Report, pick: int, units: int) -> tuple[Report, Perturbation]:
    targets = list(tied_cells(report))
    schema, row_key, column = targets[pick % len(targets)]
    old = report.table(schema).value(row_key, column)
    col = report.table(schema).column(column)
    precision = col.precision if col is not None and col.precision is not None else 2
    new = (old or Decimal(0)) + allowance(report, schema) + Decimal(units).scaleb(-precision)
    change = Perturbation(schema, row_key, column, old, new)
    return perturb(report, change), change


def _on(change: Perturbation, findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if any(loc.table == change.table for loc in f.locations)]


def _with_untitled_figure(report: Report, schema: str) -> Report:
    """*report* with a figure of *schema*'s table in a column with no title (a column lost)."""
    table = report.table(schema)
    first = table.rows[0]
    row = attrs.evolve(first, cells={**first.cells, "col9": Cell.parse("12.34")})
    changed = attrs.evolve(
        table, columns=(*table.columns, Column("col9", "")), rows=(row, *table.rows[1:])
    )
    return report.evolve(tables=tuple(changed if t is table else t for t in report.tables))


@SOME
@given(budget_reports(), st.integers(0, 10**9), st.integers(1, 10**6), st.booleans())
def test_a_table_not_read_in_full_has_no_error(
    report: Report, pick: int, units: int, untitled: bool
) -> None:
    bad, change = _perturbed(report, pick, units)
    assert _on(change, check(bad).errors), "the perturbed figure is an error when read in full"
    table: Table = bad.table(change.table)
    if untitled:
        partly = _with_untitled_figure(bad, change.table)
    else:  # a problem naming the table as printed (number and title), as loaders do
        problem = Problem("missing column '合计'", "error", table=table.label)
        partly = bad.evolve(problems=(*bad.problems, problem))
    result = check(partly)
    assert not _on(change, result.errors)
    warned = [
        f
        for f in _on(change, result.findings)
        if f.severity is Severity.WARNING and f.note and "未能完整读取" in f.note
    ]
    assert warned, "the difference is still told, as a warning naming the table's reading"
    assert not result.complete
    assert not result.ok
