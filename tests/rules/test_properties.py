"""The two properties of issue 4: consistent reports pass, one broken cell is found."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from govfin.amounts import Interval, quantize
from govfin.report import Report
from govfin.rules import (
    Candidate,
    Outcome,
    Severity,
    check,
    compare_printed,
    meets,
    printed_interval,
)
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


@settings(max_examples=200, deadline=None)
@given(
    st.decimals(min_value=-10_000, max_value=10_000, places=6, allow_nan=False),
    st.integers(min_value=0, max_value=4),
    st.integers(min_value=-3, max_value=3),
)
@example(Decimal("-0.000150"), 4, 0)  # a negative half: rounded away from zero
def test_a_printed_figure_within_its_tolerance(exact: Decimal, decimals: int, shift: int) -> None:
    """compare_printed: a consistent printing is within the tolerance it reports, and the
    half-open meets test agrees with the rounding of one value to both figures."""
    printed = quantize(exact, decimals) + Decimal(shift).scaleb(-decimals)
    match = compare_printed(printed, decimals, [Candidate(exact)])
    assert match.tolerance is not None
    if match.outcome is Outcome.EXACT:
        assert shift == 0
    if match.outcome is not Outcome.INCONSISTENT:
        # a rounding or a truncation of the exact value: within one printed unit
        assert abs(printed - exact) < match.tolerance * 2
    if shift == 0:
        assert match.outcome is Outcome.EXACT
        assert meets(Interval.around(printed, decimals), Interval.point(exact))
    else:
        assert not meets(printed_interval(printed, decimals), printed_interval(exact, None))
