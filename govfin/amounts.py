"""Exact amounts in 元, 千元, 万元 and 亿元, and the parsing of published table cells.

Every figure is a :class:`~decimal.Decimal`; a :class:`float` is refused with a
:class:`TypeError` wherever an amount is built, because a binary float cannot
hold 0.1 万元.  Rounding is always explicit: :meth:`Amount.round` uses
四舍五入 (:data:`~decimal.ROUND_HALF_UP`) unless told otherwise, and
:meth:`Amount.truncate` cuts digits off.

A figure printed with *d* decimals stands for every value in
``[v - ½·10⁻ᵈ, v + ½·10⁻ᵈ]``: :meth:`Amount.interval` gives that
:class:`Interval`, the basis of the rounding-aware checks.

>>> a = Amount.parse("972.81", unit="万元")
>>> a
Amount('972.81', '万元', precision=2)
>>> a.to("元")
Amount('9728100', '元', precision=-2)
>>> a.to("元").to("万元") == a
True
>>> a.interval()
Interval('972.805', '972.815')
>>> Amount.parse("22.3", unit="万元", precision=2).format()
'22.30'
>>> parse_cell("－")
ParsedCell(state=<CellState.DASH: 'dash'>, value=None, decimals=None, text='－')
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterator
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Final, Self

import attrs

from govfin.errors import AmountError, UnitError

if TYPE_CHECKING:
    from moneyed import Money

__all__ = [
    "ZERO",
    "Amount",
    "CellState",
    "Fit",
    "Interval",
    "ParsedCell",
    "Printouts",
    "Unit",
    "fit",
    "parse_cell",
    "parse_decimal",
    "printouts",
    "quantize",
    "to_decimal",
]

ZERO: Final = Decimal(0)
"""The exact zero, the start value of every sum (``sum(xs, ZERO)``)."""

_HALF: Final = Decimal("0.5")


def to_decimal(value: Decimal | int | str) -> Decimal:
    """Return *value* as an exact :class:`~decimal.Decimal`; refuse floats.

    >>> to_decimal("1.10"), to_decimal(3)
    (Decimal('1.10'), Decimal('3'))
    >>> to_decimal(0.1)
    Traceback (most recent call last):
    TypeError: float 0.1 refused: a float cannot hold an amount exactly; use str or Decimal
    """
    if isinstance(value, bool):
        raise TypeError(f"bool {value!r} is not an amount")
    if isinstance(value, float):
        raise TypeError(
            f"float {value!r} refused: a float cannot hold an amount exactly; use str or Decimal"
        )
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise AmountError(str(value), "not a finite amount")
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        return parse_decimal(value)
    raise TypeError(f"{type(value).__name__} {value!r} is not an amount")


def quantize(value: Decimal, decimals: int, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Round *value* to *decimals* places, 四舍五入 by default.

    A negative *decimals* rounds to tens, hundreds … (``-2`` to hundreds).

    >>> quantize(Decimal("2.345"), 2), quantize(Decimal("-2.345"), 2)
    (Decimal('2.35'), Decimal('-2.35'))
    >>> quantize(Decimal("2.349"), 2, ROUND_DOWN)
    Decimal('2.34')

    Raises:
        TypeError: when *value* is a float (or anything but a Decimal).
    """
    _require_decimal(value)
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=rounding)


def _require_decimal(value: object) -> None:
    if isinstance(value, Decimal):
        return
    if isinstance(value, float):
        raise TypeError(
            f"float {value!r} refused: a float cannot hold an amount exactly; use str or Decimal"
        )
    raise TypeError(f"expected a Decimal, not {type(value).__name__} {value!r}")


class Unit(enum.Enum):
    """The money units tables are published in; the value is the printed name.

    >>> Unit.parse("单位：万元")
    <Unit.WANYUAN: '万元'>
    >>> Unit.WANYUAN.factor
    Decimal('10000')
    """

    def __str__(self) -> str:
        return str(self.value)

    YUAN = "元"
    QIANYUAN = "千元"
    WANYUAN = "万元"
    YIYUAN = "亿元"

    @property
    def factor(self) -> Decimal:
        """How many 元 one of this unit is."""
        return _FACTORS[self]

    @property
    def exponent(self) -> int:
        """The power of ten of :attr:`factor` (元 0, 千元 3, 万元 4, 亿元 8)."""
        return _EXPONENTS[self]

    @classmethod
    def parse(cls, text: str | Unit) -> Unit:
        """Read a unit from its name, an English alias, or a ``单位：万元`` caption.

        Raises:
            UnitError: when *text* names no known unit.
        """
        if isinstance(text, Unit):
            return text
        norm = unicodedata.normalize("NFKC", text).strip().lower()
        norm = re.sub(r"^(金额)?单位[:：]?\s*", "", norm).strip()
        found = _UNIT_ALIASES.get(norm)
        if found is None:
            raise UnitError(f"unknown unit {text!r}; expected one of 元, 千元, 万元, 亿元")
        return found


_FACTORS: Final = {
    Unit.YUAN: Decimal(1),
    Unit.QIANYUAN: Decimal(1000),
    Unit.WANYUAN: Decimal(10000),
    Unit.YIYUAN: Decimal(100000000),
}
_EXPONENTS: Final = {Unit.YUAN: 0, Unit.QIANYUAN: 3, Unit.WANYUAN: 4, Unit.YIYUAN: 8}
_UNIT_ALIASES: Final = {
    "元": Unit.YUAN,
    "yuan": Unit.YUAN,
    "cny": Unit.YUAN,
    "千元": Unit.QIANYUAN,
    "qianyuan": Unit.QIANYUAN,
    "万元": Unit.WANYUAN,
    "wanyuan": Unit.WANYUAN,
    "亿元": Unit.YIYUAN,
    "yiyuan": Unit.YIYUAN,
}


def _check_decimal(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is Decimal:  # (the common case first: a finite Decimal passes)
        if not value.is_finite():
            raise ValueError(f"{attribute.name} must be finite, not {value}")
        return
    if isinstance(value, float):
        raise TypeError(
            f"{attribute.name}: float {value!r} refused: a binary float cannot hold an "
            "amount exactly; pass a str or Decimal"
        )
    if not isinstance(value, Decimal):
        raise TypeError(f"{attribute.name} must be a Decimal, not {type(value).__name__}")
    if not value.is_finite():
        raise ValueError(f"{attribute.name} must be finite, not {value}")


_MAX_PRECISION: Final = 12


def _check_precision(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not -_MAX_PRECISION <= value <= _MAX_PRECISION
    ):
        raise ValueError(
            f"{attribute.name} must be a number of decimals from -{_MAX_PRECISION} to "
            f"{_MAX_PRECISION}, not {value!r}"
        )


@attrs.frozen(order=False)
class Interval:
    """A closed interval ``[lo, hi]`` of exact values.

    >>> Interval.around(Decimal("1.2"), 1) + Interval.around(Decimal("3.4"), 1)
    Interval('4.50', '4.70')
    >>> Interval.around(Decimal("4.7"), 1).meets(Interval(Decimal("4.50"), Decimal("4.70")))
    True
    """

    lo: Decimal = attrs.field(validator=_check_decimal)
    hi: Decimal = attrs.field(validator=_check_decimal)

    def __attrs_post_init__(self) -> None:
        if self.lo > self.hi:
            raise ValueError(f"empty interval: lo {self.lo} > hi {self.hi}")

    @classmethod
    def point(cls, value: Decimal) -> Self:
        """The degenerate interval ``[value, value]``."""
        return cls(value, value)

    @classmethod
    def around(cls, value: Decimal, decimals: int | None) -> Self:
        """Every value that prints as *value* when rounded half-up to *decimals* places.

        ``None`` decimals means the value is exact; negative decimals mean the
        figure was rounded to tens, hundreds ….
        """
        _require_decimal(value)
        if decimals is None:
            return cls(value, value)
        half = _HALF.scaleb(-decimals)
        return cls(value - half, value + half)

    @classmethod
    def truncated(cls, value: Decimal, decimals: int) -> Self:
        """Every value that prints as *value* when truncated to *decimals* places."""
        _require_decimal(value)
        step = Decimal(1).scaleb(-decimals)
        if value >= 0:
            return cls(value, value + step)
        return cls(value - step, value)

    @property
    def width(self) -> Decimal:
        """``hi - lo``."""
        return self.hi - self.lo

    @property
    def mid(self) -> Decimal:
        """The midpoint."""
        return (self.lo + self.hi) / 2

    def __add__(self, other: Interval) -> Interval:
        if not isinstance(other, Interval):
            return NotImplemented
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        if not isinstance(other, Interval):
            return NotImplemented
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def scale(self, factor: Decimal) -> Interval:
        """Multiply both ends by an exact *factor* (the ends swap for a negative one)."""
        _require_decimal(factor)
        a, b = self.lo * factor, self.hi * factor
        return Interval(min(a, b), max(a, b))

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, Decimal):
            return False
        return self.lo <= value <= self.hi

    def meets(self, other: Interval) -> bool:
        """Whether the two intervals share at least one value."""
        return self.lo <= other.hi and other.lo <= self.hi

    def coincides(self, other: Interval) -> bool:
        """Whether one true value could be printed as both figures (the half-open test).

        四舍五入 maps ``[v − ½·10⁻ᵈ, v + ½·10⁻ᵈ)`` to *v*, so intervals of printed
        figures that only touch (326.71 and 326.72) cannot come from one value,
        unlike :meth:`meets`.  A point (an exact figure: a blank cell, a
        printed 0) is closed.  Negative figures are mirrored (四舍五入 rounds
        −0.00015 to −0.0002, away from zero).

        >>> a, b = Interval.around(Decimal("326.71"), 2), Interval.around(Decimal("326.72"), 2)
        >>> a.meets(b), a.coincides(b)
        (True, False)
        >>> Interval.point(Decimal("251.25")).coincides(Interval.around(Decimal("251.25"), 2))
        True
        >>> Interval.point(Decimal("-0.15")).coincides(Interval.around(Decimal("-0.2"), 1))
        True
        >>> Interval.point(Decimal("-0.25")).coincides(Interval.around(Decimal("-0.2"), 1))
        False
        """
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        if lo < hi:
            return True
        return lo == hi and self._holds(lo) and other._holds(lo)

    def _holds(self, value: Decimal) -> bool:
        """Whether *value* is in the half-open interval of a printed figure.

        四舍五入 rounds halves away from zero: a positive figure's interval is
        ``[lo, hi)``, a negative one's ``(lo, hi]``, one round 0 ``(lo, hi)``.
        """
        if self.width == 0:
            return value == self.lo
        if value == self.lo:
            return self.mid > 0
        if value == self.hi:
            return self.mid < 0
        return self.lo < value < self.hi

    def distance(self, other: Interval) -> Decimal:
        """The gap between the two intervals (0 when they meet)."""
        if self.meets(other):
            return ZERO
        return max(other.lo - self.hi, self.lo - other.hi)

    def hull(self, other: Interval) -> Interval:
        """The smallest interval that holds both."""
        return Interval(min(self.lo, other.lo), max(self.hi, other.hi))

    def __repr__(self) -> str:
        return f"Interval({str(self.lo)!r}, {str(self.hi)!r})"


# ---------------------------------------------------------------- printouts of intervals


@attrs.frozen
class Printouts:
    """The range of printouts at *decimals* places that a set of exact values rounds to.

    >>> p = Printouts(Decimal("4.76"), Decimal("4.77"), 2)
    >>> Decimal("4.77") in p, Decimal("4.78") in p, list(p)
    (True, False, [Decimal('4.76'), Decimal('4.77')])
    """

    lo: Decimal
    hi: Decimal
    decimals: int

    def __contains__(self, printed: object) -> bool:
        if not isinstance(printed, Decimal):
            return False
        return self.lo <= printed <= self.hi

    def __iter__(self) -> Iterator[Decimal]:
        unit = Decimal(1).scaleb(-self.decimals)
        value = self.lo
        while value <= self.hi:
            yield value
            value += unit


def printouts(values: Interval, decimals: int, rounding: str = ROUND_HALF_UP) -> Printouts:
    """What a correct author could print at *decimals* places for any value in *values*.

    Rounding: 四舍五入 by default; pass :data:`~decimal.ROUND_DOWN` for truncation.

    *values* is read as printed figures are: half-open, ``[lo, hi)`` for
    positive values (mirrored for negative ones, which 四舍五入 rounds away
    from zero), a point closed.  An end that only touches the next printout
    does not reach it: 326.71 ± 0.005 prints as 326.71, never as 326.72.

    >>> printouts(Interval(Decimal("4.7642"), Decimal("4.7651")), 2)
    Printouts(lo=Decimal('4.76'), hi=Decimal('4.77'), decimals=2)
    >>> printouts(Interval.around(Decimal("326.71"), 2), 2)
    Printouts(lo=Decimal('326.71'), hi=Decimal('326.71'), decimals=2)
    >>> printouts(Interval.truncated(Decimal("3.3"), 1), 1, ROUND_DOWN)
    Printouts(lo=Decimal('3.3'), hi=Decimal('3.3'), decimals=1)
    """
    lo = quantize(values.lo, decimals, rounding)
    hi = quantize(values.hi, decimals, rounding)
    if values.width > 0 and lo < hi:
        step = Decimal(1).scaleb(-decimals)
        half = step / 2
        down = rounding == ROUND_DOWN
        if values.hi > 0 and values.hi == (hi if down else hi - half):
            hi -= step  # the open top end only touches the next printout
        if values.lo < 0 and values.lo == (lo if down else lo + half) and lo < hi:
            lo += step  # mirrored for negative values
    return Printouts(lo, hi, decimals)


class Fit(enum.Enum):
    """How a printed figure fits the values it should have been computed from (see :func:`fit`).

    >>> Fit.TRUNCATED.value
    'truncated'
    """

    def __str__(self) -> str:
        return str(self.value)

    ROUNDED = "rounded"
    """It is a 四舍五入 rounding of a possible value: correct."""
    TRUNCATED = "truncated"
    """Only a truncation (digits cut off) of a possible value gives it."""
    NONE = "none"
    """Neither: the figure is wrong."""


def fit(printed: Decimal, values: Interval, decimals: int) -> Fit:
    """Whether *printed* (with *decimals* places) is a rounding, a truncation or neither.

    Printed figures in prose are magnitudes: pass the absolute value of a rate
    together with the interval of the magnitudes (see :func:`govfin.calc.magnitude`).

    >>> fit(Decimal("4.76"), Interval(Decimal("4.764"), Decimal("4.766")), 2)
    <Fit.ROUNDED: 'rounded'>
    >>> fit(Decimal("4.76"), Interval(Decimal("4.766"), Decimal("4.768")), 2)
    <Fit.TRUNCATED: 'truncated'>
    """
    if printed in printouts(values, decimals):
        return Fit.ROUNDED
    if printed in printouts(values, decimals, ROUND_DOWN):
        return Fit.TRUNCATED
    return Fit.NONE


def _unit_converter(value: Unit | str) -> Unit:
    return Unit.parse(value)


@attrs.frozen(order=False, repr=False)
class Amount:
    """An exact amount of money in a unit, with the precision it was published with.

    Build one with :meth:`parse` from printed text, or directly from a
    :class:`~decimal.Decimal`.  *precision* is the number of decimals the figure
    was published with; ``None`` means an exact, computed figure.  Precision
    belongs to the table column: ``22.3`` read from a 2-decimal 万元 column is
    22.30 at precision 2, so pass *precision* explicitly when you know it.

    A negative precision means the figure was rounded to tens, hundreds …, as
    happens when a 2-decimal 万元 figure is converted to 元 (precision -2).

    Arithmetic is exact and only between amounts of the same unit; the result's
    precision is the coarser of the two.  Start sums with :meth:`zero`:
    ``sum(amounts, Amount.zero("万元"))``.

    >>> Amount(Decimal("683.64"), "万元") + Amount(Decimal("289.17"), "万元")
    Amount('972.81', '万元')
    >>> Amount(Decimal("1"), "万元") + Amount(Decimal("1"), "元")
    Traceback (most recent call last):
    govfin.errors.UnitError: cannot add 万元 and 元: convert one with .to() first
    """

    value: Decimal = attrs.field(validator=_check_decimal)
    unit: Unit = attrs.field(default=Unit.YUAN, converter=_unit_converter)
    precision: int | None = attrs.field(default=None, validator=_check_precision, kw_only=True)

    @classmethod
    def parse(
        cls,
        text: str,
        *,
        unit: Unit | str = Unit.YUAN,
        precision: int | None = None,
    ) -> Self:
        """Read a printed figure such as ``'1,234.56'``, ``'(12.30)'`` or ``'１２３.４５'``.

        *precision* defaults to the number of decimals printed.  Blank cells and
        dashes are not amounts: use :func:`parse_cell` to tell them apart.

        Raises:
            AmountError: when *text* is not a number (its message quotes the text).
        """
        parsed = parse_cell(text)
        if parsed.value is None:
            raise AmountError(text, f"no amount in a {parsed.state.value} cell")
        decimals = parsed.decimals if precision is None else precision
        return cls(parsed.value, unit, precision=decimals)

    @classmethod
    def zero(cls, unit: Unit | str = Unit.YUAN) -> Self:
        """The exact zero in *unit*, the start value of a sum.

        >>> parts = [Amount.parse("1.20", unit="万元"), Amount.parse("3.4", unit="万元")]
        >>> sum(parts, Amount.zero("万元"))
        Amount('4.60', '万元', precision=1)
        """
        return cls(ZERO, unit)

    @classmethod
    def from_money(cls, money: Money, *, unit: Unit | str = Unit.YUAN) -> Self:
        """Build from a py-moneyed ``Money`` in CNY, converted exactly into *unit*.

        >>> from moneyed import Money
        >>> Amount.from_money(Money("12345.67", "CNY"), unit="万元")
        Amount('1.234567', '万元')

        Raises:
            UnitError: when the money is not in CNY.
        """
        if str(money.currency) != "CNY":
            raise UnitError(f"only CNY money can become an amount, not {money.currency}")
        target = Unit.parse(unit)
        return cls(to_decimal(money.amount).scaleb(-target.exponent), target)

    def to_money(self) -> Money:
        """The amount in 元 as a py-moneyed ``Money`` in CNY (exact; no rounding).

        Note that ``Money.round`` rounds half-even; round with :meth:`round` first.
        """
        from moneyed import Money  # noqa: PLC0415 - py-moneyed is only needed here

        return Money(self.value.scaleb(self.unit.exponent), "CNY")

    def interval(self) -> Interval:
        """The values a correct author could have rounded to this printed figure."""
        return Interval.around(self.value, self.precision)

    def to(self, unit: Unit | str) -> Amount:
        """Convert exactly into *unit*; the precision shifts with the decimal point.

        The converted amount stands for the same values: ``1.5`` 万元 published
        with one decimal is 15000 元 known to the nearest 1000 元 (precision -3),
        and converting back gives the amount again.

        >>> Amount.parse("1.5", unit="万元").to("元")
        Amount('15000', '元', precision=-3)
        >>> Amount.parse("1234", unit="元").to("万元")
        Amount('0.1234', '万元', precision=4)
        """
        target = Unit.parse(unit)
        shift = self.unit.exponent - target.exponent
        value = self.value.scaleb(shift)
        if value.as_tuple().exponent > 0:  # type: ignore[operator]
            value = value.quantize(Decimal(1))
        if self.precision is None:
            return Amount(value, target)
        precision = self.precision - shift
        if not -_MAX_PRECISION <= precision <= _MAX_PRECISION:
            raise UnitError(
                f"{self!r} cannot be converted to {target.value}: precision {precision}"
            )
        if precision >= 0:
            # Drop the trailing zeros the shift added, when no digit is lost.
            shorter = value.quantize(Decimal(1).scaleb(-precision))
            if shorter == value:
                value = shorter
        return Amount(value, target, precision=precision)

    def round(self, decimals: int = 2, rounding: str = ROUND_HALF_UP) -> Amount:
        """Round to *decimals* places (四舍五入 by default) and publish at that precision."""
        return Amount(quantize(self.value, decimals, rounding), self.unit, precision=decimals)

    def truncate(self, decimals: int = 2) -> Amount:
        """Cut to *decimals* places (toward zero), as some hand-made tables do."""
        return self.round(decimals, ROUND_DOWN)

    def format(self, *, thousands: bool = False) -> str:
        """Print with the published number of decimals (as is when exact).

        >>> Amount(Decimal("1234.5"), "元", precision=2).format(thousands=True)
        '1,234.50'
        """
        value = self.value
        if self.precision is not None:
            value = quantize(value, self.precision)
        return f"{value:,f}" if thousands else f"{value:f}"

    def _same_unit(self, other: object, verb: str) -> Amount:
        if isinstance(other, float):
            raise TypeError(f"cannot {verb} a float to an amount; use Decimal")
        if not isinstance(other, Amount):
            raise TypeError(f"cannot {verb} {type(other).__name__} and Amount")
        if other.unit is not self.unit:
            raise UnitError(
                f"cannot {verb} {self.unit.value} and {other.unit.value}: "
                "convert one with .to() first"
            )
        return other

    def _precision_with(self, other: Amount) -> int | None:
        if self.precision is None:
            return other.precision
        if other.precision is None:
            return self.precision
        return min(self.precision, other.precision)

    def __add__(self, other: Amount) -> Amount:
        other = self._same_unit(other, "add")
        return Amount(self.value + other.value, self.unit, precision=self._precision_with(other))

    def __sub__(self, other: Amount) -> Amount:
        other = self._same_unit(other, "subtract")
        return Amount(self.value - other.value, self.unit, precision=self._precision_with(other))

    def __neg__(self) -> Amount:
        return Amount(-self.value, self.unit, precision=self.precision)

    def __abs__(self) -> Amount:
        return Amount(abs(self.value), self.unit, precision=self.precision)

    def __mul__(self, factor: Decimal | int) -> Amount:
        if isinstance(factor, float | Amount | bool):
            raise TypeError(f"an amount can be multiplied by a Decimal or int, not {factor!r}")
        return Amount(self.value * to_decimal(factor), self.unit)

    __rmul__ = __mul__

    def _cmp(self, other: object) -> Decimal:
        return self._same_unit(other, "compare").value

    def __lt__(self, other: Amount) -> bool:
        return self.value < self._cmp(other)

    def __le__(self, other: Amount) -> bool:
        return self.value <= self._cmp(other)

    def __gt__(self, other: Amount) -> bool:
        return self.value > self._cmp(other)

    def __ge__(self, other: Amount) -> bool:
        return self.value >= self._cmp(other)

    def __bool__(self) -> bool:
        return bool(self.value)

    def __str__(self) -> str:
        return f"{self.format()}{self.unit.value}"

    def __repr__(self) -> str:
        extra = "" if self.precision is None else f", precision={self.precision}"
        return f"Amount({str(self.value)!r}, {self.unit.value!r}{extra})"


class CellState(enum.Enum):
    """The three states of a published cell: a number, left blank, or an explicit dash."""

    def __str__(self) -> str:
        return str(self.value)

    NUMBER = "number"
    BLANK = "blank"
    DASH = "dash"


@attrs.frozen
class ParsedCell:
    """The reading of one cell's text: its state, value and printed decimals."""

    state: CellState
    value: Decimal | None
    decimals: int | None
    text: str


_MINUS: Final = "\u2212"  # MINUS SIGN, which NFKC leaves alone; PDFs print it
_DASH_CHARS: Final = frozenset({"-", "—", "–", "─", _MINUS})
_DASHES: Final = frozenset({"/"})
_SPACE_RE: Final = re.compile(r"[\s\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff]+")
_NUMBER_RE: Final = re.compile(
    r"^(?P<sign>[-+]?)(?P<int>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<frac>\d+))?$", re.ASCII
)
_PLAIN_RE: Final = re.compile(
    r"(?P<sign>[-+]?)(?P<int>\d{1,3}(?:,\d{3})+|\d+)?(?:\.(?P<frac>\d+))?\Z", re.ASCII
)
""":data:`_NUMBER_RE` on a cell as printed: a figure that normalising leaves as it is."""
# Footnote marks printed after a figure (100², 12①, 30.5*): NFKC would fold
# superscripts and circled numbers into digits (100² → 1002), so they go first.
_FOOTNOTE_RE: Final = re.compile(
    r"(?<=[0-9０-９.)）%％])\s*(?:[\u00b9\u00b2\u00b3\u2070-\u2079]+|[\u2460-\u24ff\u3251-\u325f"
    r"\u32b1-\u32bf\u2776-\u2793]|[*＊※†‡])$"
)
_MARKS_RE: Final = re.compile(
    r"[\u00b9\u00b2\u00b3\u2070-\u2079\u2460-\u24ff\u3251-\u325f\u32b1-\u32bf\u2776-\u2793]"
)
_MAX_DIGITS: Final = 100  # a figure of more digits than this is no amount (and costs to sum)


_DIGIT_SPACE_RE: Final = re.compile(r"(?<=\d) (?=\d)")


def _normalise(text: str) -> str:
    # NFKC folds full-width digits, signs, parentheses, % and commas to ASCII.
    folded = _SPACE_RE.sub(" ", unicodedata.normalize("NFKC", text)).strip()
    # A space between digits is a thousands separator (``1 234``), checked as such;
    # elsewhere (``70.28 %``, ``( 12.30 )``) it is dropped.
    return _DIGIT_SPACE_RE.sub(",", folded).replace(" ", "").replace(_MINUS, "-")


def parse_cell(text: str, *, percent: bool = False, where: str = "") -> ParsedCell:
    """Read a published cell into its :class:`CellState` and exact value.

    Accepts blanks (also full-width spaces), dashes (``-``, ``－``, ``—``),
    thousands separators (``,`` or a space between groups of three digits;
    ``1 2`` is refused rather than read as 12), full-width digits, ``(12.30)`` and ``-12.30``
    negatives, and, with *percent*, a trailing ``%`` or ``％``.  A footnote mark
    printed after the figure (a superscript ``100²``, a circled ``12①``, ``*``,
    ``※``) is no digit: it is left out of the value (the text keeps it).  A
    figure of more than 100 digits is refused.

    >>> parse_cell("100²").value, parse_cell("12①").value, parse_cell("30.50*").value
    (Decimal('100'), Decimal('12'), Decimal('30.50'))

    >>> parse_cell("1,234.56").value
    Decimal('1234.56')
    >>> parse_cell("(12.30)").value, parse_cell("(12.30)").decimals
    (Decimal('-12.30'), 2)
    >>> parse_cell("\u3000").state
    <CellState.BLANK: 'blank'>
    >>> parse_cell("70.28 %", percent=True).value
    Decimal('70.28')

    Raises:
        AmountError: for anything else, quoting the text and *where*.
    """
    if not isinstance(text, str):
        raise TypeError(f"a cell is read from text, not {type(text).__name__}")
    if len(text) > 4 * _MAX_DIGITS:
        raise AmountError(text, f"{len(text):,} characters: too long for an amount", where)
    if not text:
        return ParsedCell(CellState.BLANK, None, None, text)
    negative = False
    norm = text
    match = _PLAIN_RE.match(text)  # (most cells: a figure in ASCII, nothing to normalise)
    if match is None or (match.group("int") is None and match.group("frac") is None):
        unmarked = _FOOTNOTE_RE.sub("", text)
        if _MARKS_RE.search(unmarked):  # a mark that does not follow a figure: no digit either
            raise AmountError(text, "a footnote mark is no figure", where)
        norm = _normalise(unmarked)
        if not norm:
            return ParsedCell(CellState.BLANK, None, None, text)
        if norm in _DASHES or set(norm) <= _DASH_CHARS:
            return ParsedCell(CellState.DASH, None, None, text)
        if percent and norm.endswith("%"):
            norm = norm[:-1]
        elif norm.endswith("%"):
            raise AmountError(text, "a percentage where an amount is expected", where)
        if norm.startswith("(") and norm.endswith(")"):
            negative = True
            norm = norm[1:-1]
        match = _NUMBER_RE.match(norm)
        if match is None or (match.group("int") is None and match.group("frac") is None):
            raise AmountError(text, "not a percentage" if percent else "not an amount", where)
        if negative and match.group("sign"):
            raise AmountError(text, "two signs", where)
    digits = norm.replace(",", "")
    if len(digits) > _MAX_DIGITS:
        raise AmountError(text, f"{len(digits)} digits: too many for an amount", where)
    try:
        value = Decimal(digits)
    except InvalidOperation as exc:  # pragma: no cover - the pattern admits only numbers
        raise AmountError(text, "not an amount", where) from exc
    if negative:
        value = -value
    frac = match.group("frac")
    return ParsedCell(CellState.NUMBER, value, len(frac) if frac else 0, text)


def parse_decimal(text: str, *, where: str = "") -> Decimal:
    """Read a number that must be present (no blank, no dash).

    >>> parse_decimal("１２３.４５")
    Decimal('123.45')
    """
    parsed = parse_cell(text, where=where)
    if parsed.value is None:
        raise AmountError(text, f"expected a number, found a {parsed.state.value} cell", where)
    return parsed.value
