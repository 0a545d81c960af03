"""Golden test: every cell of the nine tables of the seed report, pinned.

The fixture ``tests/data/golden/lukou-2024.json`` was generated once with
:func:`golden` and checked against the source text: every number printed in
each table's grid (amounts, codes, 行次) appears in the fixture exactly as often
as in the text, the 栏次 header numbers excepted, and the rows and columns were
read against the printed layout.  Regenerate with::

    python tests/tables/test_golden.py > tests/data/golden/lukou-2024.json
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from govfin.amounts import CellState, Unit
from govfin.io import load_example
from govfin.report import Report
from govfin.tables import FINAL_IDS

GOLDEN = Path(__file__).parents[1] / "data" / "golden" / "lukou-2024.json"


def golden(report: Report) -> dict[str, Any]:
    """Every table: schema, number, title, unit, columns; every row with its non-blank cells."""
    return {
        "department": report.department,
        "region": report.region,
        "year": report.year,
        "kind": report.kind.value,
        "scope": report.scope.value,
        "tables": [
            {
                "schema": t.schema,
                "number": t.number,
                "title": t.title,
                "unit": t.unit.value,
                "columns": [c.key for c in t.columns],
                "rows": [
                    {
                        "key": r.key,
                        "label": r.label,
                        **({"line_no": r.line_no} if r.line_no else {}),
                        **({"side": r.side} if r.side else {}),
                        "cells": {k: c.text for k, c in r.cells.items() if c.text},
                    }
                    for r in t.rows
                ],
            }
            for t in report.tables
        ],
    }


@pytest.fixture(scope="module")
def report() -> Report:
    return load_example()


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return data


class TestGolden:
    def test_metadata(self, report: Report, expected: dict[str, Any]) -> None:
        got = golden(report)
        for key in ("department", "region", "year", "kind", "scope"):
            assert got[key] == expected[key]

    def test_nine_tables_recognised_in_order(self, report: Report) -> None:
        assert [t.schema for t in report.tables] == list(FINAL_IDS)
        assert [t.number for t in report.tables] == [f"公开0{i}表" for i in range(1, 10)]
        assert all(t.unit is Unit.WANYUAN for t in report.tables)

    @pytest.mark.parametrize("index", range(9))
    def test_every_cell(self, report: Report, expected: dict[str, Any], index: int) -> None:
        got = golden(report)["tables"][index]
        want = expected["tables"][index]
        assert got["columns"] == want["columns"]
        assert [r["key"] for r in got["rows"]] == [r["key"] for r in want["rows"]]
        for g, w in zip(got["rows"], want["rows"], strict=True):
            assert g == w, g["key"]

    def test_cells_not_in_the_fixture_are_blank(self, report: Report) -> None:
        for table in report.tables:
            for row in table.rows:
                for column in table.columns:
                    cell = row.cell(column.key)
                    if not cell.text:
                        assert cell.state is CellState.BLANK
                        assert cell.value is None


class TestPinnedFigures:
    """A few figures quoted in the issue and the 情况说明, read through the public API."""

    @pytest.mark.parametrize(
        ("table", "row", "column", "value"),
        [
            ("final.summary", "income.grand_total", "amount", "972.81"),
            ("final.summary", "expenditure.grand_total", "amount", "972.81"),
            ("final.summary", "208", "amount", "22.3"),
            ("final.income", "total", "fiscal", "972.81"),
            ("final.expenditure", "total", "basic", "726.39"),
            ("final.expenditure", "total", "project", "246.42"),
            ("final.expenditure", "20699", "project", "30"),
            ("final.fiscal_summary", "expenditure.total", "general_budget", "972.81"),
            ("final.general_budget", "206", "basic", "5.47"),
            ("final.general_basic", "30214", "amount", "160"),
            ("final.general_basic", "301", "amount", "321.41"),
            ("final.general_basic", "personnel_total", "amount", "340.64"),
            ("final.general_basic", "public_total", "amount", "385.74"),
            ("final.fund_budget", "total", "balance", "0"),
            ("final.three_public", "total", "final_vehicle", "0"),
        ],
    )
    def test_value(self, report: Report, table: str, row: str, column: str, value: str) -> None:
        assert report.table(table).value(row, column) == Decimal(value)

    def test_amount_keeps_the_column_precision(self, report: Report) -> None:
        amount = report.table("公开06表").amount("30214", "amount")
        assert amount is not None
        assert amount.format() == "160.00"

    def test_codes_and_line_numbers_are_not_amounts(self, report: Report) -> None:
        summary = report.table("final.summary")
        row = summary.row("income.total")
        assert row.line_no == "27"
        assert set(row.cells) == {"amount"}
        assert summary.row("201").code == "201"
        detail = report.table("final.expenditure")
        assert all(c.key not in ("code", "name") for c in detail.columns)
        assert detail.row("2010301").label == "行政运行"
        assert detail.row("2010301").level == 3

    def test_blank_and_zero_differ(self, report: Report) -> None:
        state_capital = report.table("final.state_capital")
        assert state_capital.row("total").cell("total").state is CellState.BLANK
        assert state_capital.row("total").cell("basic").state is CellState.NUMBER
        assert state_capital.value("total", "basic") == 0

    def test_empty_tables_keep_their_notes(self, report: Report) -> None:
        assert any("本表无数据" in n for n in report.table("final.fund_budget").notes)
        assert any("本表无数据" in n for n in report.table("final.state_capital").notes)

    def test_provenance_names_file_and_line(self, report: Report) -> None:
        cell = report.table("final.general_basic").row("30214").cell("amount")
        assert cell.provenance is not None
        assert cell.provenance.file == "lukou-xzspj-2024-final.txt"
        assert cell.provenance.line == 1443

    def test_the_nested_table_is_reported_not_dropped(self, report: Report) -> None:
        folded = [p for p in report.problems if "nested table" in p.message]
        assert len(folded) == 1
        assert folded[0].severity == "info"
        assert folded[0].provenance is not None
        assert folded[0].provenance.line == 1545
        assert report.table("final.general_basic").row("39909").label.startswith("经常性赠与")
        assert not [p for p in report.problems if p.severity != "info"]


if __name__ == "__main__":  # pragma: no cover
    json.dump(golden(load_example()), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
