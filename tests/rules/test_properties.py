"""The two properties of issue 4: consistent reports pass, one broken cell is found."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govfin.report import Report
from govfin.rules import Severity, check
from govfin.testing import budget_reports, final_reports, perturbations


@pytest.mark.slow
@given(final_reports())
def test_a_consistent_report_has_no_error(report: Report) -> None:
    result = check(report)
    errors = [f.message for f in result.findings if f.severity is Severity.ERROR]
    assert errors == []
    assert result.summary.passes > 0


@pytest.mark.slow
@settings(deadline=None)
@given(st.data())
def test_one_changed_amount_is_an_error_at_that_cell(data: st.DataObject) -> None:
    report = data.draw(final_reports())
    change, broken = data.draw(perturbations(report))
    errors = [f for f in check(broken).findings if f.severity is Severity.ERROR]
    located = [
        f
        for f in errors
        for loc in f.locations
        if (loc.table, loc.row, loc.column) == (change.table, change.row, change.column)
    ]
    assert located, (change, [f.message for f in errors])


@pytest.mark.slow
@given(budget_reports())
def test_a_consistent_budget_has_no_error(report: Report) -> None:
    errors = [f.message for f in check(report).findings if f.severity is Severity.ERROR]
    assert errors == []


@pytest.mark.slow
@settings(deadline=None)
@given(st.data())
def test_one_changed_budget_amount_is_an_error_at_that_cell(data: st.DataObject) -> None:
    report = data.draw(budget_reports())
    change, broken = data.draw(perturbations(report))
    errors = [f for f in check(broken).findings if f.severity is Severity.ERROR]
    assert any(
        (loc.table, loc.row, loc.column) == (change.table, change.row, change.column)
        for f in errors
        for loc in f.locations
    ), (change, [f.message for f in errors])
