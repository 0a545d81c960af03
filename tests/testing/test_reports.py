from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govfin.report import Report, ReportKind
from govfin.tables import FINAL_IDS
from govfin.testing import (
    Perturbation,
    allowance,
    amount_cells,
    final_reports,
    perturb,
    perturbations,
)


class TestFinalReports:
    @settings(max_examples=20, deadline=None)
    @given(final_reports())
    def test_nine_tables_of_a_final_report(self, report: Report) -> None:
        assert report.kind is ReportKind.FINAL
        assert {t.schema for t in report.tables} == set(FINAL_IDS)

    @pytest.mark.slow
    @settings(max_examples=20, deadline=None)
    @given(final_reports(precision=2))
    def test_published_at_the_column_precision(self, report: Report) -> None:
        for schema, row, col in amount_cells(report):
            value = report.table(schema).value(row, col)
            assert value is None or -value.as_tuple().exponent <= 2  # type: ignore[operator]

    @settings(max_examples=20, deadline=None)
    @given(final_reports())
    def test_classes_roll_up_exactly_before_rounding(self, report: Report) -> None:
        t03 = report.table("final.expenditure")
        total = t03.row("total").value("total") or Decimal(0)
        classes = [r.value("total") or Decimal(0) for r in t03.code_rows(level=1)]
        # rounded parts and rounded total differ by at most the rounding of each
        assert abs(total - sum(classes, Decimal(0))) <= Decimal("0.005") * (len(classes) + 1)


class TestPerturbations:
    @pytest.mark.slow
    @settings(max_examples=20, deadline=None)
    @given(st.data())
    def test_one_cell_changed_by_more_than_the_allowance(self, data: st.DataObject) -> None:
        report = data.draw(final_reports())
        change, bad = data.draw(perturbations(report))
        assert isinstance(change, Perturbation)
        assert abs(change.new - (change.old or Decimal(0))) > allowance(report, change.table)
        assert bad.table(change.table).value(change.row, change.column) == change.new
        changed = [
            c
            for c in amount_cells(bad)
            if bad.table(c[0]).value(c[1], c[2]) != report.table(c[0]).value(c[1], c[2])
        ]
        assert changed == [(change.table, change.row, change.column)]

    @settings(max_examples=5, deadline=None)
    @given(final_reports())
    def test_perturb_is_a_copy(self, report: Report) -> None:
        schema, row, col = next(iter(amount_cells(report)))
        new = perturb(report, Perturbation(schema, row, col, None, Decimal("123.45")))
        assert new.table(schema).value(row, col) == Decimal("123.45")
        assert report.table(schema).value(row, col) != Decimal("123.45")
