"""govfin.testing.readback: a report read back against its truth, difference by difference."""

from __future__ import annotations

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from govfin.report import Cell, Report
from govfin.testing import Difference, differences, reports


def _with_cell(report: Report, schema: str, row_key: str, column: str, text: str) -> Report:
    table = report.table(schema)
    row = table.row(row_key)
    changed = attrs.evolve(row, cells={**row.cells, column: Cell.parse(text)})
    rows = tuple(changed if r is row else r for r in table.rows)
    new = attrs.evolve(table, rows=rows)
    return report.evolve(tables=tuple(new if t is table else t for t in report.tables))


@settings(max_examples=20, deadline=None)
@given(reports(), st.data())
def test_a_report_reads_back_as_itself_and_any_one_change_is_told(
    report: Report, data: st.DataObject
) -> None:
    assert differences(report, report) == ()
    cells = [
        (t.schema, r.key, c, cell)
        for t in report.tables
        for r in t.rows
        for c, cell in r.cells.items()
        if t.schema is not None and cell.value is not None
    ]
    schema, row, column, cell = data.draw(st.sampled_from(cells))
    assert schema is not None
    # the same value printed with one more decimal, or blank: both are a wrong reading
    text = data.draw(
        st.sampled_from(
            [f"{cell.value:f}0" if "." in f"{cell.value:f}" else f"{cell.value:f}.0", ""]
        )
    )
    read = _with_cell(report, schema, row, column, text)
    assert differences(report, read) == (Difference(schema, row, column, cell.text, text),)


@settings(max_examples=10, deadline=None)
@given(reports())
def test_a_table_lost_and_rows_merged_are_told(report: Report) -> None:
    first = report.tables[0]
    assert first.schema is not None
    lost = report.evolve(tables=report.tables[1:])
    assert Difference(first.schema) in differences(report, lost)
    assert "not recognised" in Difference(first.schema).describe()
    if len(first.rows) >= 2:
        merged = attrs.evolve(first, rows=first.rows[1:])
        read = report.evolve(tables=(merged, *report.tables[1:]))
        (diff,) = [d for d in differences(report, read) if d.table == first.schema]
        assert diff.expected == str([first.rows[0].key])
        assert diff.got == "[]"
