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

Two refinements model how publishers really round (see the rounding page of
the documentation for when each applies):

* **舍位平衡.**  Tables kept in 元 and published in 万元 are rounded cell by
  cell, then a few rounded cells are shifted by one unit so that each table
  still adds up.  A balanced figure is the true value rounded down or up, so
  it stands for ``(v − 10⁻ᵈ, v + 10⁻ᵈ)``.  An identity *across* tables
  (``compare_sum(..., balancing=True)``) admits that: two printings of one
  quantity may differ by one unit (:attr:`Reason.BALANCING`), never by two.
  Sums within one table keep the n·½-unit tolerance: the balancing is done
  precisely so that they hold.
* **Figures computed from printed figures.**  A figure in the prose may be
  computed from figures as printed rather than from the exact amounts:
  :func:`compare_printed` accepts any of several :class:`Candidate`
  computations and says which one the printed figure matched.

This module is the one home of rounding: the printed-figure interval
(:func:`printed_interval`, :class:`Figure`), the sum comparison
(:func:`compare_sum`), the half-open "meets" test (:func:`meets`), truncation
and :func:`fit` (what a printed figure is to the values it may stand for).
The table rules, the narrative rules and the calculators (:mod:`govfin.calc`)
all use it; it is built on the interval primitives of :mod:`govfin.amounts`.
The public names are re-exported by :mod:`govfin.rules`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from decimal import ROUND_DOWN, ROUND_UP, Decimal
from typing import Final

import attrs

from govfin._severity import Outcome, Reason
from govfin.amounts import ZERO, Amount, Fit, Interval, Unit, fit, printouts, quantize
from govfin.report import Cell, Report, Table

__all__ = [
    "Candidate",
    "Comparison",
    "Figure",
    "Fit",
    "Match",
    "balances",
    "compare_equal",
    "compare_printed",
    "compare_sum",
    "figure",
    "fit",
    "meets",
    "meets_tolerance",
    "printed_interval",
    "printouts",
    "table_precision",
]

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
    reason: Reason | None = None

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
    balancing: bool = False,
) -> Comparison:
    """Compare a published *total* with the sum of published *parts*.

    Bare values and cells take *precision* (the table column's number of
    decimals); Amounts and Figures keep their own.  Blank parts read as an
    exact 0; a blank total with non-zero parts is inconsistent.

    With *balancing* (an identity across tables published in a larger unit
    than they are kept in, see :func:`balances`), every figure may sit one
    unit from its own rounding (舍位平衡): the figures agree when the
    difference is below the sum of their units, twice the rounding tolerance.

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
    >>> c = compare_sum(d("326.72"), [d("326.71")], balancing=True)  # across tables
    >>> c.outcome.value, c.reason.value, c.tolerance
    ('rounding_residue', '舍位平衡', Decimal('0.020'))
    >>> compare_sum(d("326.73"), [d("326.71")], balancing=True).outcome  # two units: an error
    <Outcome.INCONSISTENT: 'inconsistent'>
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
            Outcome.ROUNDING_RESIDUE,
            expected,
            actual,
            difference,
            tolerance,
            False,
            blank_total,
            Reason.ROUNDING,
        )
    if balancing and t.value is not None and abs(difference) < 2 * tolerance:
        return Comparison(
            Outcome.ROUNDING_RESIDUE,
            expected,
            actual,
            difference,
            2 * tolerance,
            False,
            False,
            Reason.BALANCING,
        )
    trunc_total = t.truncated()
    lo = hi = ZERO
    for f in fs:
        iv = f.truncated()
        lo += iv.lo
        hi += iv.hi
    # half-open intervals: touching at one end is not meeting (see the module notes)
    truncation = t.value is not None and trunc_total.lo < hi and lo < trunc_total.hi
    if truncation:
        return Comparison(
            Outcome.TRUNCATION_RESIDUE,
            expected,
            actual,
            difference,
            tolerance,
            True,
            blank_total,
            Reason.TRUNCATION,
        )
    return Comparison(
        Outcome.INCONSISTENT, expected, actual, difference, tolerance, False, blank_total
    )


def compare_equal(
    left: FigureLike, right: FigureLike, *, precision: int | None = 2, balancing: bool = False
) -> Comparison:
    """Compare two published figures that should be equal (*left* is the "actual").

    >>> compare_equal(Decimal("726.38"), Decimal("726.39")).outcome
    <Outcome.INCONSISTENT: 'inconsistent'>
    >>> compare_equal(Decimal("22.3"), Decimal("22.34"), precision=None).outcome
    <Outcome.INCONSISTENT: 'inconsistent'>
    >>> compare_equal(Amount(Decimal("22.3"), "万元", precision=1),
    ...               Amount(Decimal("22.34"), "万元", precision=2)).outcome
    <Outcome.ROUNDING_RESIDUE: 'rounding_residue'>
    """
    return compare_sum(left, [right], precision=precision, balancing=balancing)


# ---------------------------------------------------------------- printed figures


def printed_interval(value: Decimal, decimals: int | None) -> Interval:
    """The values a figure printed with *decimals* places stands for (a printed 0 is exact).

    A figure's precision is what it prints: “17,192万元” stands for ±0.5 万元,
    “87.70万元” for ±0.005 万元.  ``None`` decimals is an exact figure.

    >>> printed_interval(Decimal("17192"), 0)
    Interval('17191.5', '17192.5')
    >>> printed_interval(Decimal("0"), 2)
    Interval('0', '0')
    """
    if value == 0 or decimals is None:
        return Interval.point(value)
    return Interval.around(value, decimals)


def meets(a: Interval, b: Interval) -> bool:
    """Whether one true value could be printed as both figures (half-open intervals).

    四舍五入 maps a half-open interval to a printed figure, so two intervals
    that only touch do not meet: 326.71 and 326.72 cannot be one value.

    >>> meets(printed_interval(Decimal("326.71"), 2), printed_interval(Decimal("326.72"), 2))
    False
    >>> meets(printed_interval(Decimal("326.7"), 1), printed_interval(Decimal("326.72"), 2))
    True
    """
    return a.coincides(b)


def meets_tolerance(a: Interval, b: Interval) -> Decimal:
    """The largest difference of the midpoints of *a* and *b* that rounding explains.

    The half-widths added up, as :attr:`Comparison.tolerance` for a sum.

    >>> meets_tolerance(printed_interval(Decimal("5"), 0), printed_interval(Decimal("5.2"), 1))
    Decimal('0.55')
    """
    return (a.width + b.width) / 2


@attrs.frozen
class Candidate:
    """One way a printed figure may have been computed.

    *exact* is the result of the computation on exact inputs; *values* every
    result when the inputs lie anywhere in their intervals (``None``: the
    computation is exact, as on figures taken as printed); *reason* says what
    the computation is when it is not the one from the tables' kept amounts
    (:attr:`Reason.FROM_PRINTED` for a computation on printed figures).

    >>> Candidate(Decimal("3355.65"), reason=Reason.FROM_PRINTED).range()
    Interval('3355.65', '3355.65')
    """

    exact: Decimal
    values: Interval | None = None
    reason: Reason | None = None

    def range(self) -> Interval:
        """*values*, or the point *exact* when the computation is exact."""
        return self.values if self.values is not None else Interval.point(self.exact)


@attrs.frozen
class Match:
    """How a printed figure matched its :class:`Candidate` computations.

    *outcome* is ``exact`` when it is the first (table) computation rounded
    half-up to the printed decimals, ``rounding_residue`` when it is a
    rounding of a possible value of any computation, ``truncation_residue``
    when only a truncation gives it, ``inconsistent`` otherwise.  *expected*
    is the matched computation (the first one when none matched) rounded to the
    printed decimals; *reason* says why a residue is one; *candidate* is the
    computation it matched (``None`` when inconsistent); *tolerance* the
    largest difference between the printed figure and the (matched, else first)
    computation that rounding explains: half a unit of the printed decimals and
    the spread of the computation's inputs.
    """

    outcome: Outcome
    expected: Decimal
    reason: Reason | None = None
    candidate: Candidate | None = None
    tolerance: Decimal | None = None

    @property
    def consistent(self) -> bool:
        """Whether the printed figure is exact or a residue (never an error)."""
        return self.outcome is not Outcome.INCONSISTENT


def _rounded(value: Decimal, decimals: int) -> Decimal:
    return quantize(value, decimals)


def _tolerance(candidate: Candidate, decimals: int) -> Decimal:
    """Half a printed unit plus the spread of the computation, rounded up past two more places."""
    values = candidate.range()
    spread = max(candidate.exact - values.lo, values.hi - candidate.exact, ZERO)
    return quantize(_half(decimals) + spread, decimals + 2, ROUND_UP)


def compare_printed(printed: Decimal, decimals: int, candidates: Iterable[Candidate]) -> Match:
    """Compare a figure printed with *decimals* places with the ways it may have been computed.

    *candidates* are tried in order, the exact computation from the tables
    first: matching it exactly (the exact value rounded half-up to the printed
    decimals) is ``exact``; matching another computation exactly, or any
    computation within the rounding of its inputs, is ``rounding_residue``
    with the reason (:attr:`Reason.FROM_PRINTED` for a computation on printed
    figures, else :attr:`Reason.ROUNDING`); matching only by truncation is
    ``truncation_residue`` (:attr:`Reason.TRUNCATION`).  The half-open
    reading of printed figures applies (see :func:`govfin.calc.printouts`).

    The change 18976.76 − 15621.11 printed as 3355.65 万元, where the exact
    元 amounts give 3355.64:

    >>> d = Decimal
    >>> tables = Candidate(d("3355.6449"), Interval(d("3355.644895"), d("3355.644905")))
    >>> printed = Candidate(d("18976.76") - d("15621.11"), reason=Reason.FROM_PRINTED)
    >>> m = compare_printed(d("3355.65"), 2, [tables, printed])
    >>> m.outcome.value, m.reason.value, m.expected
    ('rounding_residue', '由印出数计算', Decimal('3355.65'))
    >>> compare_printed(d("3355.64"), 2, [tables, printed]).outcome.value
    'exact'
    >>> compare_printed(d("3355.66"), 2, [tables, printed]).outcome.value
    'inconsistent'

    A 说明 that truncates: 87.70 万元 for 877 080 元:

    >>> m = compare_printed(d("87.70"), 2, [Candidate(d("87.7080"))])
    >>> m.outcome.value, m.reason.value
    ('truncation_residue', '截尾')

    Raises:
        ValueError: when *candidates* is empty.
    """
    cands = list(candidates)
    if not cands:
        raise ValueError("compare_printed needs at least one candidate computation")
    for c in cands:
        if _rounded(c.exact, decimals) == printed:
            if c.reason is None:
                return Match(Outcome.EXACT, printed, None, c, _tolerance(c, decimals))
            return Match(Outcome.ROUNDING_RESIDUE, printed, c.reason, c, _tolerance(c, decimals))
    for c in cands:
        if fit(printed, c.range(), decimals) is Fit.ROUNDED:
            return Match(
                Outcome.ROUNDING_RESIDUE,
                _rounded(c.exact, decimals),
                c.reason or Reason.ROUNDING,
                c,
                _tolerance(c, decimals),
            )
    for c in cands:
        if (
            quantize(c.exact, decimals, ROUND_DOWN) == printed
            or fit(printed, c.range(), decimals) is Fit.TRUNCATED
        ):
            return Match(
                Outcome.TRUNCATION_RESIDUE,
                _rounded(c.exact, decimals),
                Reason.TRUNCATION,
                c,
                _tolerance(c, decimals),
            )
    first = cands[0]
    return Match(
        Outcome.INCONSISTENT,
        _rounded(first.exact, decimals),
        None,
        None,
        _tolerance(first, decimals),
    )


# ---------------------------------------------------------------- a table's own precision

_DECIMALS_RE: Final = re.compile(r"[.．](\d+)")
_PRECISIONS: dict[int, tuple[Table, int | None]] = {}


def _printed_decimals(table: Table) -> int | None:
    """The most decimals any amount cell of *table* prints (``None``: no amount printed)."""
    found = _PRECISIONS.get(id(table))
    if found is not None and found[0] is table:
        return found[1]
    keys = [c.key for c in table.columns if c.precision is not None]
    most: int | None = None
    for row in table.rows:
        for key in keys:
            cell = row.cells.get(key)
            if cell is None or cell.value is None:
                continue
            m = _DECIMALS_RE.search(cell.text)
            n = len(m.group(1)) if m else 0
            if most is None or n > most:
                most = n
    if len(_PRECISIONS) > 256:
        _PRECISIONS.clear()
    _PRECISIONS[id(table)] = (table, most)
    return most


def table_precision(table: Table, precision: int | None, *, whole_yuan: bool = False) -> int | None:
    """The precision a figure of *table* carries, for a column published at *precision*.

    A figure's precision is what it prints.  The column's precision holds when
    the table prints decimals anywhere (a 2-decimal 万元 column printing ``160``
    is 160.00); a 元 table that prints no decimal at all is rounded to whole
    元 (±0.5 元 a figure) — unless the document states that its amounts are
    whole 元 (*whole_yuan*), when such figures are exact.

    >>> from govfin.report import Column, Row
    >>> t = Table("final.income", "收入", Unit.YUAN, (Column("total", "合计"),),
    ...           (Row.of("201", "一般公共服务支出", {"total": "1,234"}, code="201"),))
    >>> table_precision(t, 2), table_precision(t, 2, whole_yuan=True)
    (0, None)
    """
    if precision is None or table.unit is not Unit.YUAN:
        return precision
    printed = _printed_decimals(table)
    if printed is None or printed >= min(precision, 1):
        return precision
    return None if whole_yuan else 0


_KEPT_EXPONENT: Final = -2
"""Amounts are kept to the 分 (10⁻² 元) unless the document says they are whole 元."""


def balances(table: Table, precision: int | None, report: Report | None = None) -> bool:
    """Whether figures of *table* at *precision* may carry 舍位平衡 (a change of unit).

    True when the printed unit is larger than the unit the amounts are kept in:
    2-decimal 万元 figures (kept in 元 with 分, or in whole 元), whole-元 figures
    of amounts kept with 分; not 元 printed with 分.

    >>> from govfin.report import Column
    >>> t = Table("final.income", "收入", Unit.WANYUAN, (Column("total", "合计"),), ())
    >>> balances(t, 2), balances(attrs.evolve(t, unit=Unit.YUAN), 2)
    (True, False)
    """
    if precision is None:
        return False
    kept = 0 if report is not None and report.rounding.whole_yuan else _KEPT_EXPONENT
    return table.unit.exponent - precision > kept
