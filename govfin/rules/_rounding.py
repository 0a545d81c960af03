"""The rounding model as reusable comparisons (XBRL Calculations 1.1 style).

A figure published with *d* decimals stands for ``[v − ½·10⁻ᵈ, v + ½·10⁻ᵈ]``;
a total is consistent with its parts when its interval meets the sum of the
parts' intervals.  A blank or dashed cell is an exact zero (nothing was
rounded), while a printed ``0`` or ``0.00`` is a rounded figure like any other.

One refinement of the closed-interval picture: 四舍五入 (half-up) maps the
half-open interval ``[v − ½·10⁻ᵈ, v + ½·10⁻ᵈ)`` to *v* (mirrored for negative
values), so intervals that only *touch* cannot come from one true value.  The
test is therefore strict: ``|difference| < tolerance``.  This matters most for
two printings of the same figure: 326.71 in one table and 326.72 in another
touch at 326.715, yet no value rounds half-up to both, so they are
inconsistent, not a residue.  For a sum of *n* parts the residue of correct
rounding is always strictly below the tolerance ``(n + 1) · ½·10⁻ᵈ``, so no
correct table is flagged.  Truncated figures (``[v, v + 10⁻ᵈ)``) are compared
the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Final

import attrs

from govfin.amounts import ZERO, Amount, Interval
from govfin.report import Cell
from govfin.rules._finding import Outcome

__all__ = ["Comparison", "Figure", "compare_equal", "compare_sum", "figure"]

_HALVES: Final = {d: Decimal("0.5").scaleb(-d) for d in range(13)}


@attrs.frozen
class Figure:
    """A published figure: its exact value (``None`` when blank or dashed) and precision.

    *precision* is the number of decimals of the column it was published in
    (``None`` for an exact, computed value).

    >>> Figure(Decimal("321.41"), 2).interval()
    Interval('321.405', '321.415')
    >>> Figure(None, 2).interval()
    Interval('0', '0')
    """

    value: Decimal | None
    precision: int | None = 2

    @property
    def blank(self) -> bool:
        """Whether the cell was blank or dashed (read as an exact zero)."""
        return self.value is None

    def interval(self) -> Interval:
        """The values a correct author could have rounded to this figure."""
        if self.value is None:
            return Interval(ZERO, ZERO)
        return Interval.around(self.value, self.precision)

    def truncated(self) -> Interval:
        """The values a correct author could have truncated to this figure."""
        if self.value is None:
            return Interval(ZERO, ZERO)
        if self.precision is None:
            return Interval(self.value, self.value)
        return Interval.truncated(self.value, self.precision)


FigureLike = Figure | Amount | Cell | Decimal | int | None
"""What the comparisons accept: a :class:`Figure`, an Amount (its own precision),
a report Cell, an exact Decimal/int, or ``None`` (blank)."""


def figure(value: FigureLike, precision: int | None = 2) -> Figure:
    """Coerce *value* into a :class:`Figure`, with *precision* for bare values and cells.

    >>> figure(Amount(Decimal("1.5"), "万元", precision=1))
    Figure(value=Decimal('1.5'), precision=1)
    >>> figure(Decimal("2"), 2)
    Figure(value=Decimal('2'), precision=2)
    """
    if isinstance(value, Figure):
        return value
    if value is None:
        return Figure(None, precision)
    if isinstance(value, Amount):
        return Figure(value.value, value.precision)
    if isinstance(value, Cell):
        return Figure(value.value, precision)
    if isinstance(value, bool | float):
        raise TypeError(f"{type(value).__name__} {value!r} is not a figure")
    if isinstance(value, int):
        return Figure(Decimal(value), precision)
    return Figure(value, precision)


@attrs.frozen
class Comparison:
    """The verdict of comparing a published total with the sum of its parts.

    *expected* is the exact sum of the parts as printed, *actual* the total
    as printed (0 when blank), *difference* ``actual - expected`` and
    *tolerance* the largest difference rounding can explain (the half-widths
    of all the figures added up).  *truncation* says whether the figures
    agree if truncated rather than rounded; *blank_total* whether the total
    cell was left blank.
    """

    outcome: Outcome
    expected: Decimal
    actual: Decimal
    difference: Decimal
    tolerance: Decimal
    truncation: bool = False
    blank_total: bool = False

    @property
    def consistent(self) -> bool:
        """Whether the figures agree exactly or within rounding."""
        return self.outcome in (Outcome.EXACT, Outcome.ROUNDING_RESIDUE)


def _half(precision: int | None) -> Decimal:
    if precision is None:
        return ZERO
    found = _HALVES.get(precision)
    return found if found is not None else Decimal("0.5").scaleb(-precision)


def compare_sum(
    total: FigureLike,
    parts: Iterable[FigureLike],
    *,
    precision: int | None = 2,
) -> Comparison:
    """Compare a published *total* with the sum of published *parts*.

    Bare values and cells take *precision* (the table column's number of
    decimals); Amounts and Figures keep their own.  Blank parts read as an
    exact 0; a blank total with non-zero parts is inconsistent.

    >>> d = Decimal
    >>> compare_sum(d("972.81"), [d("683.64"), d("289.17")]).outcome
    <Outcome.EXACT: 'exact'>
    >>> c = compare_sum(d("321.41"), [d("70.89"), d("26.59"), d("46.09"), d("19.88"),
    ...     d("23.74"), d("10.42"), d("0.45"), d("20.67"), d("6.34"), d("96.33")])
    >>> c.outcome
    <Outcome.ROUNDING_RESIDUE: 'rounding_residue'>
    >>> c.expected, c.difference, c.tolerance
    (Decimal('321.40'), Decimal('0.01'), Decimal('0.055'))
    >>> compare_sum(d("10.00"), [d("5.00"), d("5.05")]).outcome
    <Outcome.INCONSISTENT: 'inconsistent'>
    >>> compare_sum(d("326.72"), [d("326.71")]).outcome  # touching is not meeting
    <Outcome.INCONSISTENT: 'inconsistent'>
    >>> compare_sum(d("10.1"), [d("3.3"), d("3.3"), d("3.3")], precision=1).outcome
    <Outcome.TRUNCATION_RESIDUE: 'truncation_residue'>
    """
    t = figure(total, precision)
    fs: Sequence[Figure] = [figure(p, precision) for p in parts]
    actual = t.value if t.value is not None else ZERO
    expected = sum((f.value for f in fs if f.value is not None), ZERO)
    difference = actual - expected
    tolerance = (_half(t.precision) if t.value is not None else ZERO) + sum(
        (_half(f.precision) for f in fs if f.value is not None), ZERO
    )
    blank_total = t.value is None and any(f.value for f in fs)
    if difference == 0:
        return Comparison(Outcome.EXACT, expected, actual, difference, tolerance)
    if abs(difference) < tolerance:
        return Comparison(
            Outcome.ROUNDING_RESIDUE, expected, actual, difference, tolerance, False, blank_total
        )
    trunc_total = t.truncated()
    lo = hi = ZERO
    for f in fs:
        iv = f.truncated()
        lo += iv.lo
        hi += iv.hi
    # half-open intervals: touching at one end is not meeting (see the module notes)
    truncation = t.value is not None and trunc_total.lo < hi and lo < trunc_total.hi
    outcome = Outcome.TRUNCATION_RESIDUE if truncation else Outcome.INCONSISTENT
    return Comparison(outcome, expected, actual, difference, tolerance, truncation, blank_total)


def compare_equal(left: FigureLike, right: FigureLike, *, precision: int | None = 2) -> Comparison:
    """Compare two published figures that should be equal (*left* is the "actual").

    >>> compare_equal(Decimal("726.38"), Decimal("726.39")).outcome
    <Outcome.INCONSISTENT: 'inconsistent'>
    >>> compare_equal(Decimal("22.3"), Decimal("22.34"), precision=None).outcome
    <Outcome.INCONSISTENT: 'inconsistent'>
    >>> compare_equal(Amount(Decimal("22.3"), "万元", precision=1),
    ...               Amount(Decimal("22.34"), "万元", precision=2)).outcome
    <Outcome.ROUNDING_RESIDUE: 'rounding_residue'>
    """
    return compare_sum(left, [right], precision=precision)
