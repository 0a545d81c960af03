"""Hypothesis strategies for govfin's value types, reusable by downstream projects.

Importing this module needs :mod:`hypothesis` (the ``test`` extra).  The
strategies are registered with :func:`hypothesis.strategies.register_type_strategy`
when hypothesis loads (through its ``hypothesis`` entry point), so
``st.from_type(Amount)`` works in any project that has govfin installed.

What there is, all built constructively (never by filtering):

* codes — :func:`codes` (:class:`~govfin.classification.Code` values),
  :func:`code_digits`, :func:`printed_codes` (spaced, dashed, full-width) and
  :func:`malformed_codes` (each wrong in one way), per classification;
* amounts and cells — :func:`amounts` (unit and precision), :func:`intervals`,
  :func:`cells` (numbers, blanks and dashes as printed);
* consistent tables and reports — :func:`final_reports` (决算) and
  :func:`budget_reports` (预算): leaves first, then totals, then rounding to the
  published precision; :func:`tables` for one table of any schema;
  :func:`reports` for either kind; :func:`narrated_reports` with the drafted
  情况说明;
* defects — :func:`perturbations` (one figure beyond its rounding allowance),
  :func:`misplaced_rows` (a row under the wrong parent), :func:`flipped_claims`
  (a claim's word flipped in the 情况说明);
* reading — :func:`differences`: every way a report read back from a file
  (a PDF a producer printed) differs from the report it was made from.

``st.from_type`` draws :class:`~govfin.amounts.Amount`,
:class:`~govfin.amounts.Interval`, :class:`~govfin.classification.Code`,
:class:`~govfin.report.Cell`, :class:`~govfin.report.Table` and
:class:`~govfin.report.Report` values from these.

>>> from hypothesis import given, settings, strategies as st
>>> from govfin.classification import Code
>>> from govfin.rules import check
>>> @settings(max_examples=5, deadline=None)
... @given(st.from_type(Code), reports())
... def test(code, report):
...     assert code.digits.isdigit() and check(report).ok
>>> test()
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from govfin.amounts import Amount, Interval, Unit
from govfin.testing.codes import (
    classifications,
    code_digits,
    codes,
    malformed_codes,
    printed_codes,
)
from govfin.testing.perturb import (
    FLIPS,
    Flip,
    Misplacement,
    flip,
    flipped_claims,
    misplace,
    misplaced_rows,
    narrated,
    narrated_reports,
)
from govfin.testing.readback import Difference, differences
from govfin.testing.reports import (
    UNTIED_COLUMNS,
    Perturbation,
    allowance,
    amount_cells,
    final_reports,
    perturb,
    perturbations,
    tied_cells,
)
from govfin.testing.tables import budget_reports, tables
from govfin.testing.values import cells, reports

__all__ = [
    "FLIPS",
    "UNTIED_COLUMNS",
    "Difference",
    "Flip",
    "Misplacement",
    "Perturbation",
    "allowance",
    "amount_cells",
    "amounts",
    "budget_reports",
    "cells",
    "classifications",
    "code_digits",
    "codes",
    "decimals_at",
    "differences",
    "final_reports",
    "flip",
    "flipped_claims",
    "intervals",
    "malformed_codes",
    "misplace",
    "misplaced_rows",
    "narrated",
    "narrated_reports",
    "perturb",
    "perturbations",
    "printed_codes",
    "reports",
    "tables",
    "tied_cells",
]


def decimals_at(
    precision: int, *, min_value: int = -(10**9), max_value: int = 10**9
) -> st.SearchStrategy[Decimal]:
    """Exact decimals with exactly *precision* places between the bounds (in whole units)."""
    scale = 10**precision
    return st.integers(min_value * scale, max_value * scale).map(
        lambda n: Decimal(n).scaleb(-precision)
    )


@st.composite
def amounts(
    draw: st.DrawFn,
    *,
    units: st.SearchStrategy[Unit] | None = None,
    precision: st.SearchStrategy[int] | None = None,
    min_value: int = -(10**9),
    max_value: int = 10**9,
) -> Amount:
    """Amounts of any unit, published at a precision from 0 to 4 decimals."""
    unit = draw(units if units is not None else st.sampled_from(Unit))
    places = draw(precision if precision is not None else st.integers(0, 4))
    value = draw(decimals_at(places, min_value=min_value, max_value=max_value))
    return Amount(value, unit, precision=places)


@st.composite
def intervals(draw: st.DrawFn, *, precision: int = 2) -> Interval:
    """Non-empty closed intervals with ends at *precision* decimals."""
    a = draw(decimals_at(precision))
    b = draw(decimals_at(precision))
    return Interval(min(a, b), max(a, b))
