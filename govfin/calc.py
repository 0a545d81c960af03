"""Exact calculators for the figures quoted in a 情况说明, and their interval forms.

Every function here is pure and works on exact :class:`~decimal.Decimal` values
(an :class:`~govfin.amounts.Amount` is accepted wherever a value is, and read
as its exact value).  Percentages are returned *unrounded* as exact percent
values (``70.2748…`` for 70.27%) computed at 50 significant digits; rounding
is a separate, explicit step (:func:`round_percent`, 四舍五入 with
:data:`~decimal.ROUND_HALF_UP`, or :func:`shares` for a set that must sum to
exactly 100).  A rate on a zero base is undefined: the exact functions raise
:class:`UndefinedRate`, and :class:`Change` holds an :class:`Undefined` value.
Never 0%, never 100%.

The *interval forms* answer the checker's question: given published inputs
with their precision (an :class:`~govfin.amounts.Interval` each, see
:meth:`Amount.interval <govfin.amounts.Amount.interval>`), which results could
a correct author have computed, and which printouts follow from them:

* totals of a breakdown (人员经费/公用经费, 机关运行经费, “三公”, 政府采购):
  :func:`sum_interval`, :func:`difference_interval`;
* shares, execution rates, 中小企业 shares: :func:`percent_interval`;
* changes: :func:`change_rate_interval` (from both figures) and
  :func:`rate_from_change_interval` (from the change and the current figure);
* what may be printed: :func:`printouts` (四舍五入 or truncation) and
  :func:`fit`, which also tells a figure that is right only if truncated.

>>> from decimal import Decimal as D
>>> shares([D("683.64"), D("246.89"), D("22.30"), D("19.98")])
(Decimal('70.28'), Decimal('25.38'), Decimal('2.29'), Decimal('2.05'))
>>> round_percent(percent(D("683.64"), D("972.81")))
Decimal('70.27')
>>> c = change(D("385.74"), D("70.19"))
>>> c.direction.amount_word, c.direction.rate_word, round_percent(c.rate)
('增加', '增长', Decimal('449.57'))
>>> from govfin.amounts import Amount
>>> rates = percent_interval(Amount.parse("683.64").interval(), Amount.parse("972.81").interval())
>>> printouts(rates, 2)
Printouts(lo=Decimal('70.27'), hi=Decimal('70.28'), decimals=2)
>>> fit(D("70.29"), rates, 2)
<Fit.NONE: 'none'>
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from typing import Final

import attrs

from govfin._rounding import fit, printouts
from govfin.amounts import ZERO, Amount, Fit, Interval, Printouts, quantize
from govfin.errors import GovfinError
from govfin.funds import ExpenseGroup, expense_group

__all__ = [
    "HUNDRED",
    "BasicSplit",
    "Change",
    "Direction",
    "Fit",
    "Printouts",
    "Procurement",
    "ThreePublic",
    "Undefined",
    "UndefinedRate",
    "change",
    "change_rate",
    "change_rate_interval",
    "difference_interval",
    "execution_rate",
    "fit",
    "largest_remainder",
    "magnitude",
    "office_running_cost",
    "percent",
    "percent_interval",
    "personnel_public",
    "printouts",
    "procurement",
    "rate_from_change_interval",
    "round_percent",
    "shares",
    "sum_interval",
    "three_public",
]

HUNDRED: Final = Decimal(100)
"""One hundred percent."""

_CONTEXT: Final = Context(prec=50)

Number = Decimal | Amount
"""A value: an exact decimal, or an amount read as its exact value."""


class UndefinedRate(GovfinError, ZeroDivisionError):
    """A percentage or rate asked of a zero base (or of a base interval that holds zero).

    >>> percent(Decimal(5), Decimal(0))
    Traceback (most recent call last):
    govfin.calc.UndefinedRate: a rate of 5 on a zero base is undefined
    """

    def __init__(self, part: Decimal | str, reason: str = "") -> None:
        self.part = part
        super().__init__(reason or f"a rate of {part} on a zero base is undefined")


@attrs.frozen
class Undefined:
    """The value of a rate that does not exist, with the reason (a zero base).

    >>> change(Decimal(0), Decimal(0)).rate
    Undefined(reason='上年数为0，无法计算增减率')
    """

    reason: str


def _v(value: Number) -> Decimal:
    if isinstance(value, Amount):
        return value.value
    if not isinstance(value, Decimal):
        raise TypeError(f"expected a Decimal or an Amount, not {type(value).__name__}")
    return value


def _div(a: Decimal, b: Decimal) -> Decimal:
    with localcontext(_CONTEXT):
        return a / b


def percent(part: Number, whole: Number) -> Decimal:
    """The exact percentage *part* is of *whole* (``part / whole × 100``), unrounded.

    Rounding: none; the quotient is computed to 50 significant digits.

    >>> percent(Decimal("48.67"), Decimal("1021.48"))
    Decimal('4.76465520617143752202686298312252809648744958295...')

    Raises:
        UndefinedRate: when *whole* is zero.
    """
    p, w = _v(part), _v(whole)
    if w == 0:
        raise UndefinedRate(p)
    return _div(p * HUNDRED, w)


def round_percent(value: Decimal, decimals: int = 2) -> Decimal:
    """Round a percent value 四舍五入 to *decimals* places (2 by default).

    >>> round_percent(Decimal("134.5805"))
    Decimal('134.58')
    >>> round_percent(Decimal("0.005"))
    Decimal('0.01')
    """
    return quantize(value, decimals, ROUND_HALF_UP)


def largest_remainder(
    values: Sequence[Decimal], target: Decimal, decimals: int
) -> tuple[Decimal, ...]:
    """Round *values* to *decimals* places so that they sum to exactly *target* (Hamilton).

    Each value is first cut down (toward minus infinity) to the grid; the units
    still missing to reach *target* go one each to the values with the largest
    cut-off remainders.  Ties are broken deterministically: the larger exact
    value first, then the earlier position.  *target* must lie on the grid and
    within one unit per value of the floors' sum.

    >>> largest_remainder([Decimal("33.3333"), Decimal("33.3333"), Decimal("33.3334")],
    ...                   Decimal(100), 2)
    (Decimal('33.33'), Decimal('33.33'), Decimal('33.34'))

    Raises:
        ValueError: when *target* cannot be reached that way.
    """
    unit = Decimal(1).scaleb(-decimals)
    floors = [v.quantize(unit, rounding="ROUND_FLOOR") for v in values]
    missing = (target - sum(floors, ZERO)) / unit
    if missing != missing.to_integral_value() or not 0 <= missing <= len(values):
        raise ValueError(f"cannot allocate {target} over {len(values)} values at {decimals} places")
    order = sorted(range(len(values)), key=lambda i: (-(values[i] - floors[i]), -values[i], i))
    for i in order[: int(missing)]:
        floors[i] += unit
    return tuple(f.quantize(unit) for f in floors)


def shares(
    parts: Iterable[Number], total: Number | None = None, *, decimals: int = 2
) -> tuple[Decimal, ...]:
    """The percentage of each part of *total*, rounded so the set sums to exactly 100.

    *total* defaults to the sum of the parts.  When the parts make up the
    total, the shares sum to exactly ``100.00`` (largest remainder, see
    :func:`largest_remainder` for the documented tie-break); when they do not,
    they sum to the sum of their exact shares rounded 四舍五入.

    >>> shares([Decimal("726.39"), Decimal("246.42"), Decimal(0)])
    (Decimal('74.67'), Decimal('25.33'), Decimal('0.00'))
    >>> shares([Decimal(1), Decimal(1), Decimal(1)])
    (Decimal('33.34'), Decimal('33.33'), Decimal('33.33'))

    Raises:
        UndefinedRate: when the total is zero.
        ValueError: for a negative part.
    """
    values = [_v(p) for p in parts]
    if any(v < 0 for v in values):
        raise ValueError("shares are of non-negative parts")
    base = sum(values, ZERO) if total is None else _v(total)
    if base == 0:
        raise UndefinedRate("shares", "shares of a zero total are undefined")
    exact = [_div(v * HUNDRED, base) for v in values]
    whole = sum(values, ZERO) == base
    target = HUNDRED if whole else round_percent(sum(exact, ZERO), decimals)
    return largest_remainder(exact, quantize(target, decimals), decimals)


class Direction(enum.Enum):
    """The direction of a change and the words that describe it.

    >>> Direction.of(Decimal("-48.67")).amount_word, Direction.parse("降低")
    ('减少', <Direction.DOWN: 'down'>)
    """

    def __str__(self) -> str:
        return str(self.value)

    UP = "up"
    DOWN = "down"
    FLAT = "flat"

    @classmethod
    def of(cls, difference: Number) -> Direction:
        """The direction of a signed *difference*."""
        d = _v(difference)
        return cls.UP if d > 0 else cls.DOWN if d < 0 else cls.FLAT

    @classmethod
    def parse(cls, word: str) -> Direction:
        """Read a direction word (增加/增长/上升/提高, 减少/降低/下降, 持平/一致…).

        Raises:
            ValueError: for a word that names no direction.
        """
        found = _DIRECTION_WORDS.get(word)
        if found is None:
            raise ValueError(f"{word!r} is not a direction word")
        return found

    @property
    def amount_word(self) -> str:
        """The customary word before an amount: 增加, 减少 or 持平."""
        return {"up": "增加", "down": "减少", "flat": "持平"}[self.value]

    @property
    def rate_word(self) -> str:
        """The customary word before a rate: 增长, 降低 or 持平 (下降 is also read)."""
        return {"up": "增长", "down": "降低", "flat": "持平"}[self.value]


_DIRECTION_WORDS: Final[Mapping[str, Direction]] = {
    **dict.fromkeys(("增加", "增长", "上升", "提高", "增多", "超出"), Direction.UP),
    **dict.fromkeys(("减少", "降低", "下降", "减", "下降了", "节约", "节省"), Direction.DOWN),
    **dict.fromkeys(("持平", "一致", "相等", "相同", "无变化", "不变"), Direction.FLAT),
}


@attrs.frozen
class Change:
    """A change from *previous* to *current*: its amount, direction and rate.

    Rounding: :attr:`difference` is exact; :attr:`rate` is the exact percent
    (unrounded); :meth:`rounded_rate` rounds it 四舍五入.

    >>> c = change(Decimal("972.81"), Decimal("1021.48"))
    >>> c.difference, c.direction.rate_word, c.rounded_rate()
    (Decimal('-48.67'), '降低', Decimal('-4.76'))
    """

    current: Decimal
    previous: Decimal

    @property
    def difference(self) -> Decimal:
        """``current - previous`` (signed, exact)."""
        return self.current - self.previous

    @property
    def direction(self) -> Direction:
        """Up, down or flat."""
        return Direction.of(self.difference)

    @property
    def rate(self) -> Decimal | Undefined:
        """The signed change rate in percent, or :class:`Undefined` on a zero base."""
        if self.previous == 0:
            return Undefined("上年数为0，无法计算增减率")
        return _div(self.difference * HUNDRED, self.previous)

    def rounded_rate(self, decimals: int = 2) -> Decimal | Undefined:
        """:attr:`rate` rounded 四舍五入 to *decimals* places."""
        rate = self.rate
        return rate if isinstance(rate, Undefined) else round_percent(rate, decimals)


def change(current: Number, previous: Number) -> Change:
    """The :class:`Change` from *previous* to *current*.

    >>> change(Decimal("385.74"), Decimal("680.04")).rounded_rate()
    Decimal('-43.28')
    """
    return Change(_v(current), _v(previous))


def change_rate(current: Number, previous: Number) -> Decimal:
    """The exact, signed change rate in percent ``(current - previous) / previous × 100``.

    >>> round_percent(change_rate(Decimal("19.98"), Decimal("18.21")))
    Decimal('9.72')

    Raises:
        UndefinedRate: when *previous* is zero.
    """
    c, p = _v(current), _v(previous)
    if p == 0:
        raise UndefinedRate(c - p)
    return _div((c - p) * HUNDRED, p)


def execution_rate(final: Number, budget: Number) -> Decimal:
    """完成年初预算的百分比: *final* as an exact percentage of the initial *budget*.

    >>> round_percent(execution_rate(Decimal("972.81"), Decimal("722.85")))
    Decimal('134.58')

    Raises:
        UndefinedRate: when the budget is zero (the prose says 无法计算).
    """
    return percent(final, budget)


# ---------------------------------------------------------------- breakdowns


@attrs.frozen
class BasicSplit:
    """基本支出 split into 人员经费 and 公用经费 (exact sums).

    >>> s = BasicSplit(Decimal("340.64"), Decimal("385.74"))
    >>> s.total, s.shares()
    (Decimal('726.38'), (Decimal('46.90'), Decimal('53.10')))
    """

    personnel: Decimal
    public: Decimal

    @property
    def total(self) -> Decimal:
        """人员经费 + 公用经费."""
        return self.personnel + self.public

    def shares(self, decimals: int = 2) -> tuple[Decimal, Decimal]:
        """The two shares of the total, summing to exactly 100 (largest remainder)."""
        p, q = shares((self.personnel, self.public), decimals=decimals)
        return p, q


def _top_level(items: Iterable[tuple[str, Number]]) -> Iterator[tuple[str, Decimal]]:
    """Keep each value once: drop a code when one of its ancestors is also listed."""
    pairs = [(code.strip(), _v(v)) for code, v in items]
    codes = {c for c, _ in pairs}
    for code, value in pairs:
        if not any(code != other and code.startswith(other) for other in codes):
            yield code, value


def personnel_public(
    items: Iterable[tuple[str, Number]],
    *,
    is_personnel: Callable[[str], bool] | None = None,
) -> BasicSplit:
    """Split an economic-classification breakdown of 基本支出 into 人员经费 and 公用经费.

    *items* are ``(code, value)`` pairs of 部门预算支出经济分类 codes (``301``,
    ``30101`` …) at any mix of levels; a code is skipped when an ancestor of it
    is also listed, so passing both a 类 and its 款 counts the money once.
    By default the grouping is :func:`govfin.funds.expense_group`'s: 人员经费
    is 工资福利支出 (301) plus 对个人和家庭的补助 (303); 公用经费 is 302
    商品和服务支出, 307 债务利息及费用支出, 310 资本性支出 and 399 其他支出;
    codes of neither group (such as 309) are left out.  Pass *is_personnel*
    to use another grouping (then every code not personnel is public).

    Rounding: none; the sums are exact.

    >>> personnel_public([("301", Decimal("321.41")), ("30101", Decimal("70.89")),
    ...                   ("302", Decimal("375.84")), ("303", Decimal("19.23")),
    ...                   ("310", Decimal("9.9"))])
    BasicSplit(personnel=Decimal('340.64'), public=Decimal('385.74'))
    """
    personnel, public = ZERO, ZERO
    for code, value in _top_level(items):
        if is_personnel is not None:
            group = ExpenseGroup.PERSONNEL if is_personnel(code) else ExpenseGroup.PUBLIC
        else:
            found = expense_group(code)
            if found is None:
                continue
            group = found
        if group is ExpenseGroup.PERSONNEL:
            personnel += value
        else:
            public += value
    return BasicSplit(personnel, public)


def office_running_cost(
    items: Iterable[tuple[str, Number]],
    *,
    is_personnel: Callable[[str], bool] | None = None,
) -> Decimal:
    """机关运行经费: the 公用经费 of 基本支出 (of the 行政单位 and 参公事业单位).

    The 决算 templates define 机关运行经费 as the 公用经费 paid from
    一般公共预算财政拨款 基本支出; for a department of 行政 and 参公 units it
    is therefore the 公用经费 of the 公开06 breakdown.  Rounding: none.

    >>> office_running_cost([("301", Decimal("321.41")), ("302", Decimal("375.84")),
    ...                      ("310", Decimal("9.9"))])
    Decimal('385.74')
    """
    return personnel_public(items, is_personnel=is_personnel).public


@attrs.frozen
class ThreePublic:
    """The “三公”经费: 因公出国（境）费, 公务用车购置及运行维护费, 公务接待费.

    >>> t = three_public(Decimal(0), Decimal("20"), Decimal("3.5"), Decimal("1.25"))
    >>> t.vehicles, t.total
    (Decimal('23.5'), Decimal('24.75'))
    """

    abroad: Decimal
    vehicle_purchase: Decimal
    vehicle_operation: Decimal
    reception: Decimal

    @property
    def vehicles(self) -> Decimal:
        """公务用车购置及运行维护费 = 购置费 + 运行维护费."""
        return self.vehicle_purchase + self.vehicle_operation

    @property
    def total(self) -> Decimal:
        """The 三公 total (exact)."""
        return self.abroad + self.vehicles + self.reception


def three_public(
    abroad: Number, vehicle_purchase: Number, vehicle_operation: Number, reception: Number
) -> ThreePublic:
    """The :class:`ThreePublic` figures from the four leaf amounts (exact sums).

    >>> three_public(Decimal(0), Decimal(0), Decimal(0), Decimal(0)).total
    Decimal('0')
    """
    return ThreePublic(_v(abroad), _v(vehicle_purchase), _v(vehicle_operation), _v(reception))


@attrs.frozen
class Procurement:
    """政府采购 spending: 货物/工程/服务 and what went to 中小企业 and 小微企业.

    >>> p = procurement(Decimal("448.77"), Decimal(0), Decimal(0),
    ...                 sme=Decimal("448.77"), small_micro=Decimal("448.77"))
    >>> p.total, p.shares(), round_percent(p.sme_share(), 0)
    (Decimal('448.77'), (Decimal('100.00'), Decimal('0.00'), Decimal('0.00')), Decimal('100'))
    """

    goods: Decimal
    works: Decimal
    services: Decimal
    sme: Decimal | None = None
    small_micro: Decimal | None = None

    @property
    def total(self) -> Decimal:
        """政府采购支出总额 = 货物 + 工程 + 服务."""
        return self.goods + self.works + self.services

    def shares(self, decimals: int = 2) -> tuple[Decimal, Decimal, Decimal]:
        """The 货物/工程/服务 shares of the total, summing to exactly 100."""
        g, w, s = shares((self.goods, self.works, self.services), decimals=decimals)
        return g, w, s

    def sme_share(self) -> Decimal:
        """授予中小企业合同金额占政府采购支出总额的百分比 (exact).

        Raises:
            UndefinedRate: when the total is zero.
            ValueError: when the SME amount is unknown.
        """
        if self.sme is None:
            raise ValueError("the amount awarded to 中小企业 is not known")
        return percent(self.sme, self.total)

    def small_micro_share(self) -> Decimal:
        """授予小微企业合同金额占授予中小企业合同金额的百分比 (exact).

        Raises:
            UndefinedRate: when the SME amount is zero.
            ValueError: when an amount is unknown.
        """
        if self.sme is None or self.small_micro is None:
            raise ValueError("the amounts awarded to 中小企业 and 小微企业 must be known")
        return percent(self.small_micro, self.sme)


def procurement(
    goods: Number,
    works: Number,
    services: Number,
    *,
    sme: Number | None = None,
    small_micro: Number | None = None,
) -> Procurement:
    """The :class:`Procurement` split from its three kinds and the SME awards.

    >>> procurement(Decimal("30"), Decimal("60"), Decimal("10")).shares()
    (Decimal('30.00'), Decimal('60.00'), Decimal('10.00'))
    """
    return Procurement(
        _v(goods),
        _v(works),
        _v(services),
        None if sme is None else _v(sme),
        None if small_micro is None else _v(small_micro),
    )


# ---------------------------------------------------------------- interval forms


def _iv(value: Interval | Amount | Decimal) -> Interval:
    if isinstance(value, Interval):
        return value
    if isinstance(value, Amount):
        return value.interval()
    return Interval.point(_v(value))


def _corners(fn: Callable[..., Decimal], *intervals: Interval) -> Interval:
    """The hull of *fn* at the corners of a box where it is monotone in each variable."""
    values = [fn(*point) for point in itertools.product(*((i.lo, i.hi) for i in intervals))]
    return Interval(min(values), max(values))


def sum_interval(items: Iterable[Interval | Amount | Decimal]) -> Interval:
    """The interval of a sum of published values (the ends add up).

    >>> sum_interval([Amount.parse("321.41"), Amount.parse("19.23")])
    Interval('340.630', '340.650')
    """
    total = Interval.point(ZERO)
    for item in items:
        total = total + _iv(item)
    return total


def difference_interval(
    current: Interval | Amount | Decimal, previous: Interval | Amount | Decimal
) -> Interval:
    """The interval of ``current - previous``.

    >>> difference_interval(Amount.parse("385.74"), Amount.parse("70.19"))
    Interval('315.540', '315.560')
    """
    return _iv(current) - _iv(previous)


def percent_interval(
    part: Interval | Amount | Decimal, whole: Interval | Amount | Decimal
) -> Interval:
    """Every exact percentage ``part / whole × 100`` with part and whole in their intervals.

    >>> r = percent_interval(Amount.parse("668.17"), Amount.parse("682.57"))
    >>> round_percent(r.lo, 4), round_percent(r.hi, 4)
    (Decimal('97.8889'), Decimal('97.8918'))
    >>> printouts(r, 2)
    Printouts(lo=Decimal('97.89'), hi=Decimal('97.89'), decimals=2)

    Raises:
        UndefinedRate: when the interval of *whole* holds zero.
    """
    p, w = _iv(part), _iv(whole)
    if w.lo <= 0 <= w.hi:
        raise UndefinedRate(str(p.mid), f"the base {w!r} may be zero: the rate is undefined")
    return _corners(lambda a, b: _div(a * HUNDRED, b), p, w)


def change_rate_interval(
    current: Interval | Amount | Decimal, previous: Interval | Amount | Decimal
) -> Interval:
    """Every signed change rate in percent with both figures in their intervals.

    >>> printouts(change_rate_interval(Amount.parse("385.74"), Amount.parse("680.04")), 2)
    Printouts(lo=Decimal('-43.28'), hi=Decimal('-43.28'), decimals=2)

    Raises:
        UndefinedRate: when the interval of *previous* holds zero.
    """
    r = percent_interval(current, previous)
    return Interval(r.lo - HUNDRED, r.hi - HUNDRED)


def rate_from_change_interval(
    difference: Interval | Amount | Decimal, current: Interval | Amount | Decimal
) -> Interval:
    """The change rate implied by a signed change amount and the current figure.

    This is the check of “本年X万元，比上年增加D万元，增长R%”: the previous
    figure is ``X - D`` and the rate ``D / (X - D) × 100``, monotone in each of
    the two published figures.

    >>> printouts(rate_from_change_interval(Amount.parse("315.55"), Amount.parse("385.74")), 2)
    Printouts(lo=Decimal('449.49'), hi=Decimal('449.64'), decimals=2)

    Raises:
        UndefinedRate: when the implied previous figure may be zero.
    """
    d, c = _iv(difference), _iv(current)
    base = c - d
    if base.lo <= 0 <= base.hi:
        raise UndefinedRate(str(d.mid), f"the previous figure {base!r} may be zero")
    return _corners(lambda dd, cc: _div(dd * HUNDRED, cc - dd), d, c)


def magnitude(values: Interval) -> Interval:
    """The interval of absolute values.

    >>> magnitude(Interval(Decimal("-4.77"), Decimal("-4.76")))
    Interval('4.76', '4.77')
    >>> magnitude(Interval(Decimal("-1"), Decimal("2")))
    Interval('0', '2')
    """
    if values.lo >= 0:
        return values
    if values.hi <= 0:
        return -values
    return Interval(ZERO, max(-values.lo, values.hi))
