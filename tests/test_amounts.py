"""Tests of govfin.amounts: cell parsing, exactness, conversion, rounding, Money, intervals."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from moneyed import Money

import govfin.amounts as module
from govfin.amounts import (
    ZERO,
    Amount,
    CellState,
    Interval,
    ParsedCell,
    Unit,
    parse_cell,
    parse_decimal,
    quantize,
    to_decimal,
)
from govfin.errors import AmountError, GovfinError, UnitError
from govfin.testing import amounts, decimals_at, intervals

D = Decimal


class TestParseCell:
    @pytest.mark.parametrize(
        ("text", "value", "decimals"),
        [
            ("972.81", D("972.81"), 2),
            ("972.81\u3000", D("972.81"), 2),
            ("0", D("0"), 0),
            ("1,234.56", D("1234.56"), 2),
            ("１２３.４５", D("123.45"), 2),
            ("(12.30)", D("-12.30"), 2),
            ("（12.30）", D("-12.30"), 2),
            ("-12.30", D("-12.30"), 2),
            ("\u221212.30", D("-12.30"), 2),
            (" 1,234,567 ", D("1234567"), 0),
            ("0.00", D("0.00"), 2),
        ],
    )
    def test_numbers(self, text: str, value: Decimal, decimals: int) -> None:
        parsed = parse_cell(text)
        assert parsed == ParsedCell(CellState.NUMBER, value, decimals, text)
        assert str(parsed.value) == str(value)  # the printed digits are kept, not just the value

    @pytest.mark.parametrize("text", ["", "   ", "\u3000", "\u3000\u3000", "\t\n"])
    def test_blank(self, text: str) -> None:
        assert parse_cell(text) == ParsedCell(CellState.BLANK, None, None, text)

    @pytest.mark.parametrize("text", ["-", "－", "—", "——", "--", " - ", "\u2212"])
    def test_dash(self, text: str) -> None:
        assert parse_cell(text) == ParsedCell(CellState.DASH, None, None, text)

    def test_three_states_differ(self) -> None:
        assert [parse_cell(t).state for t in ("0", "", "-")] == [
            CellState.NUMBER,
            CellState.BLANK,
            CellState.DASH,
        ]

    @pytest.mark.parametrize(("text", "value"), [("70.28%", D("70.28")), ("5.1 ％", D("5.1"))])
    def test_percent(self, text: str, value: Decimal) -> None:
        assert parse_cell(text, percent=True).value == value

    def test_percent_where_amount_expected(self) -> None:
        with pytest.raises(AmountError, match=r"percentage where an amount is expected: '70.28%'"):
            parse_cell("70.28%")

    @pytest.mark.parametrize(
        "text",
        ["12,3a", "abc", "1,23", "1.2.3", "--5", "(-12.30)", "12.30)", "1e5", "NaN", "Infinity",
         "5.", "%", "70%%", "一百", "1 2", "12 34", "683.64 289.17"],
    )  # fmt: skip
    def test_junk_raises_quoting_input(self, text: str) -> None:
        with pytest.raises(AmountError) as info:
            parse_cell(text)
        assert repr(text) in str(info.value)
        assert info.value.text == text
        assert isinstance(info.value, GovfinError)
        assert isinstance(info.value, ValueError)

    @pytest.mark.parametrize(("text", "value"), [("1 234.5", "1234.5"), ("( 12.30 )", "-12.30")])
    def test_inner_spaces(self, text: str, value: str) -> None:
        assert parse_cell(text).value == D(value)

    def test_where_in_message(self) -> None:
        with pytest.raises(AmountError, match=r"^公开01表, row 3: not an amount: 'x'$"):
            parse_cell("x", where="公开01表, row 3")

    def test_not_text(self) -> None:
        with pytest.raises(TypeError):
            parse_cell(12.3)  # type: ignore[arg-type]


class TestParseDecimal:
    def test_number(self) -> None:
        assert parse_decimal("１２３.４５") == D("123.45")

    @pytest.mark.parametrize("text", ["", "-", "—"])
    def test_blank_or_dash_refused(self, text: str) -> None:
        with pytest.raises(AmountError, match="expected a number"):
            parse_decimal(text)


class TestAmountParse:
    def test_precision_from_digits(self) -> None:
        assert Amount.parse("972.81", unit="万元") == Amount(D("972.81"), Unit.WANYUAN, precision=2)

    def test_precision_from_column(self) -> None:
        amount = Amount.parse("22.3", unit="万元", precision=2)
        assert amount.precision == 2
        assert amount.format() == "22.30"
        assert amount.interval() == Interval(D("22.295"), D("22.305"))

    @pytest.mark.parametrize("text", ["", "\u3000", "-", "－", "—"])
    def test_no_amount_in_blank_or_dash(self, text: str) -> None:
        with pytest.raises(AmountError, match="no amount"):
            Amount.parse(text)


class TestFloatRefused:
    def test_constructor(self) -> None:
        with pytest.raises(TypeError, match="float"):
            Amount(0.1, "元")  # type: ignore[arg-type]

    def test_to_decimal(self) -> None:
        with pytest.raises(TypeError, match=r"float 0\.1 refused"):
            to_decimal(0.1)  # type: ignore[arg-type]

    def test_quantize(self) -> None:
        with pytest.raises(TypeError, match="float"):
            quantize(0.125, 2)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "operation",
        [
            lambda a: a + 0.1,
            lambda a: 0.1 + a,
            lambda a: a - 0.1,
            lambda a: a * 0.5,
            lambda a: 0.5 * a,
            lambda a: a < 0.1,
        ],
    )
    def test_arithmetic(self, operation: object) -> None:
        amount = Amount(D("1.00"), "元")
        with pytest.raises(TypeError):
            operation(amount)  # type: ignore[operator]

    def test_interval(self) -> None:
        with pytest.raises(TypeError, match="float"):
            Interval.around(1.5, 1)  # type: ignore[arg-type]
        with pytest.raises(TypeError, match="float"):
            Interval(D(1), D(2)).scale(0.5)  # type: ignore[arg-type]
        with pytest.raises(TypeError):
            Interval(D(1), D(2)) + 0.5  # type: ignore[operator]

    def test_bool_refused(self) -> None:
        with pytest.raises(TypeError):
            to_decimal(True)

    def test_int_and_str_accepted(self) -> None:
        assert to_decimal(3) == D(3)
        assert to_decimal("1,234.5") == D("1234.5")


class TestUnits:
    @pytest.mark.parametrize(
        ("text", "unit"),
        [("元", Unit.YUAN), ("单位：万元", Unit.WANYUAN), ("金额单位:亿元", Unit.YIYUAN),
         ("千元", Unit.QIANYUAN), ("CNY", Unit.YUAN)],
    )  # fmt: skip
    def test_parse(self, text: str, unit: Unit) -> None:
        assert Unit.parse(text) is unit

    def test_unknown(self) -> None:
        with pytest.raises(UnitError, match="美元"):
            Unit.parse("美元")

    def test_conversion(self) -> None:
        amount = Amount.parse("972.81", unit="万元")
        assert amount.to("元") == Amount(D("9728100"), "元", precision=-2)
        assert amount.to("亿元") == Amount(D("0.0972810"), "亿元", precision=6)
        assert amount.to("千元").value == D("9728.1")

    def test_converted_interval_is_the_same_set(self) -> None:
        amount = Amount.parse("972.81", unit="万元")
        assert amount.to("元").interval() == Interval(D("9728050"), D("9728150"))

    def test_exact_amount_stays_exact(self) -> None:
        assert Amount(D("1.5"), "万元").to("元") == Amount(D("15000"), "元")

    def test_add_different_units_refused(self) -> None:
        with pytest.raises(UnitError, match="convert one"):
            Amount(D(1), "万元") + Amount(D(1), "元")

    def test_compare_different_units_refused(self) -> None:
        with pytest.raises(UnitError):
            _ = Amount(D(1), "万元") < Amount(D(1), "元")


class TestArithmetic:
    def test_add_keeps_coarser_precision(self) -> None:
        total = Amount.parse("683.64", unit="万元") + Amount.parse("289.2", unit="万元")
        assert total == Amount(D("972.84"), "万元", precision=1)

    def test_sum_from_zero(self) -> None:
        parts = [Amount.parse(t, unit="万元") for t in ("683.64", "289.17")]
        assert sum(parts, Amount.zero("万元")) == Amount(D("972.81"), "万元", precision=2)

    def test_neg_abs_mul(self) -> None:
        amount = Amount.parse("-1.25", unit="元")
        assert -amount == Amount(D("1.25"), "元", precision=2)
        assert abs(amount) == Amount(D("1.25"), "元", precision=2)
        assert amount * 2 == Amount(D("-2.50"), "元")
        assert 3 * amount == Amount(D("-3.75"), "元")

    def test_str(self) -> None:
        assert str(Amount.parse("1.50", unit="万元")) == "1.50万元"


class TestRounding:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [("0.125", "0.13"), ("0.135", "0.14"), ("2.345", "2.35"), ("-2.345", "-2.35"),
         ("1.004", "1.00"), ("0.005", "0.01")],
    )  # fmt: skip
    def test_half_up(self, value: str, expected: str) -> None:
        rounded = Amount(D(value), "万元").round(2)
        assert rounded == Amount(D(expected), "万元", precision=2)
        assert str(rounded.value) == expected

    def test_truncate(self) -> None:
        assert Amount(D("2.349"), "元").truncate(2).value == D("2.34")
        assert Amount(D("-2.349"), "元").truncate(2).value == D("-2.34")

    def test_format_rounds_half_up_to_precision(self) -> None:
        assert Amount(D("1234.565"), "元", precision=2).format(thousands=True) == "1,234.57"


class TestMoney:
    def test_to_money(self) -> None:
        assert Amount.parse("972.81", unit="万元").to_money() == Money("9728100", "CNY")

    def test_from_money(self) -> None:
        assert Amount.from_money(Money("9728100", "CNY"), unit="万元").value == D("972.81")

    def test_other_currency(self) -> None:
        with pytest.raises(UnitError, match="CNY"):
            Amount.from_money(Money("1", "USD"))

    def test_our_round_is_half_up_unlike_money_round(self) -> None:
        money = Money("0.125", "CNY")
        assert money.round(2).amount == D("0.12")  # py-moneyed: banker's rounding
        assert Amount.from_money(money).round(2).value == D("0.13")  # govfin: 四舍五入


class TestIntervalExamples:
    def test_around(self) -> None:
        assert Interval.around(D("1.2"), 1) == Interval(D("1.15"), D("1.25"))
        assert Interval.around(D("1.2"), None) == Interval.point(D("1.2"))

    def test_truncated(self) -> None:
        assert Interval.truncated(D("1.2"), 1) == Interval(D("1.2"), D("1.3"))
        assert Interval.truncated(D("-1.2"), 1) == Interval(D("-1.3"), D("-1.2"))

    def test_empty_refused(self) -> None:
        with pytest.raises(ValueError, match="empty interval"):
            Interval(D(2), D(1))

    def test_distance_and_hull(self) -> None:
        a, b = Interval(D(0), D(1)), Interval(D(3), D(4))
        assert a.distance(b) == D(2) == b.distance(a)
        assert a.hull(b) == Interval(D(0), D(4))
        assert D("0.5") in a
        assert "0.5" not in a


def test_public_names_are_documented() -> None:
    for name in module.__all__:
        obj = getattr(module, name)
        if name == "ZERO":
            continue  # a Decimal constant, documented by its attribute docstring
        assert obj.__doc__, name


# --------------------------------------------------------------------------- properties


@given(amounts())
def test_parse_format_round_trip(amount: Amount) -> None:
    for thousands in (False, True):
        text = amount.format(thousands=thousands)
        assert Amount.parse(text, unit=amount.unit) == amount
        assert Amount.parse(text, unit=amount.unit, precision=amount.precision) == amount


@given(amounts(), st.sampled_from(Unit), st.sampled_from(Unit))
def test_conversion_round_trip_is_exact(amount: Amount, via: Unit, back: Unit) -> None:
    assert amount.to(via).to(amount.unit) == amount
    converted = amount.to(via)
    assert converted.value.scaleb(via.exponent) == amount.value.scaleb(amount.unit.exponent)
    assert converted.interval().scale(via.factor) == amount.interval().scale(amount.unit.factor)
    assert converted.to(back).to_money() == amount.to_money()


@given(amounts())
def test_money_round_trip(amount: Amount) -> None:
    back = Amount.from_money(amount.to_money(), unit=amount.unit)
    assert back.value == amount.value
    assert back.unit is amount.unit


@given(decimals_at(6), st.integers(0, 4))
def test_round_agrees_with_quantize_half_up(value: Decimal, decimals: int) -> None:
    expected = value.quantize(D(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    assert Amount(value, "元").round(decimals).value == expected
    assert quantize(value, decimals) == expected
    truncated = value.quantize(D(1).scaleb(-decimals), rounding=ROUND_DOWN)
    assert Amount(value, "元").truncate(decimals).value == truncated


@given(decimals_at(6), decimals_at(6), st.integers(0, 4))
def test_round_is_monotone(a: Decimal, b: Decimal, decimals: int) -> None:
    lo, hi = min(a, b), max(a, b)
    assert quantize(lo, decimals) <= quantize(hi, decimals)


@given(decimals_at(6), st.integers(0, 4))
def test_rounded_value_lies_in_its_interval(value: Decimal, decimals: int) -> None:
    rounded = Amount(value, "元").round(decimals)
    assert value in rounded.interval()


@given(intervals(), intervals(), intervals())
def test_interval_addition(a: Interval, b: Interval, c: Interval) -> None:
    assert a + b == b + a
    assert (a + b) + c == a + (b + c)
    assert (a + b).width == a.width + b.width
    assert a + Interval.point(ZERO) == a


@given(intervals(), intervals(), decimals_at(2), decimals_at(2))
def test_interval_sums_hold_sums_of_members(
    a: Interval, b: Interval, x: Decimal, y: Decimal
) -> None:
    x = min(max(x, a.lo), a.hi)
    y = min(max(y, b.lo), b.hi)
    assert x + y in a + b
    assert x - y in a - b
    assert -x in -a


@given(intervals(), intervals())
def test_interval_meets_and_distance(a: Interval, b: Interval) -> None:
    assert a.meets(b) == b.meets(a) == (a.distance(b) == ZERO)
    assert a.distance(b) >= ZERO
    hull = a.hull(b)
    assert hull.lo <= min(a.lo, b.lo)
    assert hull.hi >= max(a.hi, b.hi)


@given(intervals(), st.integers(-5, 5))
def test_interval_scale(a: Interval, factor: int) -> None:
    scaled = a.scale(D(factor))
    assert scaled.width == a.width * abs(factor)
    assert a.mid * factor == scaled.mid


@given(
    st.decimals(min_value=-10_000, max_value=10_000, places=6, allow_nan=False),
    st.integers(min_value=0, max_value=4),
)
def test_a_value_coincides_with_its_rounding_and_no_neighbour(exact: Decimal, places: int) -> None:
    """四舍五入 rounds halves away from zero, so a negative figure's interval is
    ``(lo, hi]``: −0.00015 prints as −0.0002, coincides with it and not with −0.0001."""
    printed = quantize(exact, places)
    step = Decimal(1).scaleb(-places)
    assert Interval.point(exact).coincides(Interval.around(printed, places))
    assert Interval.around(printed, places).coincides(Interval.point(exact))
    for neighbour in (printed - step, printed + step):
        assert not Interval.point(exact).coincides(Interval.around(neighbour, places))


def test_negative_halves_belong_to_the_figure_away_from_zero() -> None:
    half = Decimal("-0.00015")
    assert Interval.point(half).coincides(Interval.around(Decimal("-0.0002"), 4))
    assert not Interval.point(half).coincides(Interval.around(Decimal("-0.0001"), 4))
    # two printed figures touching at a half: one value cannot print as both
    a, b = Interval.around(Decimal("-0.0002"), 4), Interval.around(Decimal("-0.0001"), 4)
    assert not a.coincides(b)
    assert Interval.around(Decimal("-0.0002"), 4).coincides(Interval.around(Decimal("-0.00015"), 5))
