"""Tests of govfin.calc: real figures from the seed report, and properties of every calculator."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from govfin.amounts import ZERO, Amount, Interval, quantize
from govfin.calc import (
    BasicSplit,
    Change,
    Direction,
    Fit,
    Undefined,
    UndefinedRate,
    change,
    change_rate,
    change_rate_interval,
    difference_interval,
    execution_rate,
    fit,
    largest_remainder,
    magnitude,
    office_running_cost,
    percent,
    percent_interval,
    personnel_public,
    printouts,
    procurement,
    rate_from_change_interval,
    round_percent,
    shares,
    sum_interval,
    three_public,
)
from govfin.testing import decimals_at

D = Decimal
W = "万元"


def published(text: str) -> Amount:
    return Amount.parse(text, unit=W, precision=2)


positive = decimals_at(2, min_value=0, max_value=10**7).filter(lambda d: d > 0)
non_negative = decimals_at(2, min_value=0, max_value=10**7)


class TestShares:
    def test_seed_structure_shares_use_largest_remainder(self) -> None:
        parts = [D("683.64"), D("246.89"), D("22.30"), D("19.98")]
        assert shares(parts) == (D("70.28"), D("25.38"), D("2.29"), D("2.05"))
        # plain rounding of each share gives 70.27 and a sum of 99.99
        assert round_percent(percent(D("683.64"), D("972.81"))) == D("70.27")

    def test_seed_basic_and_project(self) -> None:
        assert shares([D("726.39"), D("246.42")]) == (D("74.67"), D("25.33"))

    def test_seed_personnel_public(self) -> None:
        assert shares([D("340.64"), D("385.74")]) == (D("46.90"), D("53.10"))

    def test_tie_break_prefers_larger_then_earlier(self) -> None:
        assert shares([D(1), D(1), D(1)]) == (D("33.34"), D("33.33"), D("33.33"))
        assert shares([D(1), D(2)], decimals=0) == (D(33), D(67))

    def test_total_other_than_the_sum(self) -> None:
        assert shares([D(1), D(1)], D(3)) == (D("33.34"), D("33.33"))  # sums to 66.67

    def test_zero_total_is_undefined(self) -> None:
        with pytest.raises(UndefinedRate):
            shares([D(0), D(0)])

    def test_negative_part_refused(self) -> None:
        with pytest.raises(ValueError, match="non-negative"):
            shares([D(-1), D(2)])

    @given(st.lists(non_negative, min_size=1, max_size=12), st.integers(0, 3))
    def test_sum_to_exactly_100(self, parts: list[Decimal], places: int) -> None:
        assume(sum(parts, ZERO) > 0)
        result = shares(parts, decimals=places)
        assert sum(result, ZERO) == D(100)
        for part, share in zip(parts, result, strict=True):
            exact = percent(part, sum(parts, ZERO))
            # each share is the exact share cut down or rounded up by one unit
            assert abs(share - exact) < D(1).scaleb(-places)
            assert share.as_tuple().exponent == -places

    @given(st.lists(non_negative, min_size=1, max_size=8))
    def test_largest_remainder_keeps_order_of_values(self, parts: list[Decimal]) -> None:
        assume(sum(parts, ZERO) > 0)
        result = shares(parts)
        for (a, sa), (b, sb) in zip(
            zip(parts, result, strict=True), zip(parts[1:], result[1:], strict=True), strict=False
        ):
            if a > b:
                assert sa >= sb

    @given(
        st.lists(decimals_at(4, min_value=0, max_value=1000), min_size=1, max_size=10),
        st.integers(0, 3),
    )
    def test_largest_remainder_hits_any_reachable_target(
        self, values: list[Decimal], places: int
    ) -> None:
        unit = D(1).scaleb(-places)
        floors = sum((v.quantize(unit, rounding="ROUND_FLOOR") for v in values), ZERO)
        for extra in range(len(values) + 1):
            target = floors + extra * unit
            result = largest_remainder(values, target, places)
            assert sum(result, ZERO) == target
            floors_each = [v.quantize(unit, rounding="ROUND_FLOOR") for v in values]
            assert all(r - f in (0, unit) for r, f in zip(result, floors_each, strict=True))

    def test_largest_remainder_unreachable_target(self) -> None:
        with pytest.raises(ValueError, match="cannot allocate"):
            largest_remainder([D("1.5")], D(10), 0)


class TestChange:
    def test_seed_total_change(self) -> None:
        c = change(D("972.81"), D("1021.48"))
        assert c.difference == D("-48.67")
        assert c.direction is Direction.DOWN
        assert (c.direction.amount_word, c.direction.rate_word) == ("减少", "降低")
        assert c.rounded_rate() == D("-4.76")

    def test_seed_office_running_cost_against_budget(self) -> None:
        assert change(D("385.74"), D("70.19")).rounded_rate() == D("449.57")

    def test_seed_office_running_cost_against_last_year(self) -> None:
        assert change(D("385.74"), D("680.04")).rounded_rate() == D("-43.28")

    def test_zero_base_is_undefined_never_zero(self) -> None:
        c = change(D(0), D(0))
        assert isinstance(c.rate, Undefined)
        assert isinstance(c.rounded_rate(), Undefined)
        assert c.direction is Direction.FLAT
        assert c.direction.amount_word == "持平"
        with pytest.raises(UndefinedRate):
            change_rate(D(5), D(0))

    def test_direction_words(self) -> None:
        assert Direction.parse("下降") is Direction.DOWN
        assert Direction.parse("增长") is Direction.UP
        assert Direction.parse("持平") is Direction.FLAT
        with pytest.raises(ValueError, match="direction"):
            Direction.parse("不知")

    def test_amounts_are_read_exactly(self) -> None:
        assert change(published("19.98"), published("18.21")) == Change(D("19.98"), D("18.21"))

    def test_float_refused(self) -> None:
        with pytest.raises(TypeError):
            change(1.5, D(1))  # type: ignore[arg-type]

    @given(non_negative, positive)
    def test_rate_agrees_with_difference(self, current: Decimal, previous: Decimal) -> None:
        c = change(current, previous)
        rate = c.rate
        assert isinstance(rate, Decimal)
        assert Direction.of(rate) is c.direction
        assert abs(rate * previous / 100 - c.difference) < D("1e-30")
        assert rate == change_rate(current, previous)

    @given(non_negative, positive)
    def test_interval_contains_exact(self, current: Decimal, previous: Decimal) -> None:
        cur, prev = Amount(current, W, precision=2), Amount(previous, W, precision=2)
        assume(prev.interval().lo > 0)
        exact = change_rate(current, previous)
        assert exact in change_rate_interval(cur, prev)
        assert round_percent(exact) in printouts(change_rate_interval(cur, prev), 2)

    @given(non_negative, positive)
    def test_rate_from_change_contains_exact(self, current: Decimal, previous: Decimal) -> None:
        diff = current - previous
        cur, d = Amount(current, W, precision=2), Amount(diff, W, precision=2)
        assume((cur.interval() - d.interval()).lo > 0)
        exact = change_rate(current, previous)
        assert exact in rate_from_change_interval(d, cur)


class TestExecutionRate:
    @pytest.mark.parametrize(
        ("final", "budget", "expected"),
        [
            ("972.81", "722.85", "134.58"),
            ("668.17", "682.57", "97.89"),
            ("19.98", "18.21", "109.72"),
            ("22.06", "22.06", "100.00"),
        ],
    )
    def test_seed(self, final: str, budget: str, expected: str) -> None:
        assert round_percent(execution_rate(D(final), D(budget))) == D(expected)
        iv = percent_interval(published(final), published(budget))
        assert fit(D(expected), iv, 2) is Fit.ROUNDED

    def test_zero_budget_is_undefined(self) -> None:
        with pytest.raises(UndefinedRate, match="zero base"):
            execution_rate(D("3.08"), D(0))
        with pytest.raises(UndefinedRate, match="may be zero"):
            percent_interval(published("3.08"), published("0"))

    @given(non_negative, positive)
    def test_interval_contains_exact(self, final: Decimal, budget: Decimal) -> None:
        f, b = Amount(final, W, precision=2), Amount(budget, W, precision=2)
        assume(b.interval().lo > 0)
        exact = execution_rate(final, budget)
        iv = percent_interval(f, b)
        assert exact in iv
        assert fit(round_percent(exact), iv, 2) is Fit.ROUNDED
        assert quantize(exact, 2, ROUND_DOWN) in printouts(iv, 2, ROUND_DOWN)


class TestIntervals:
    def test_seed_share_70_28_only_thanks_to_rounding_of_inputs(self) -> None:
        iv = percent_interval(published("683.64"), published("972.81"))
        assert list(printouts(iv, 2)) == [D("70.27"), D("70.28")]
        assert fit(D("70.29"), iv, 2) is Fit.NONE

    def test_wrong_rate_is_none(self) -> None:
        iv = rate_from_change_interval(published("315.55"), published("385.74"))
        assert fit(D("523.39"), iv, 2) is Fit.NONE
        assert fit(D("449.57"), iv, 2) is Fit.ROUNDED

    def test_truncation_only(self) -> None:
        iv = Interval(D("4.7666"), D("4.7668"))
        assert fit(D("4.76"), iv, 2) is Fit.TRUNCATED
        assert fit(D("4.77"), iv, 2) is Fit.ROUNDED

    def test_sum_and_difference(self) -> None:
        total = sum_interval([published("321.41"), published("19.23")])
        assert total == Interval(D("340.630"), D("340.650"))
        assert difference_interval(D(5), D(3)) == Interval.point(D(2))

    def test_magnitude(self) -> None:
        assert magnitude(Interval(D(-3), D(-1))) == Interval(D(1), D(3))
        assert magnitude(Interval(D(-1), D(2))) == Interval(D(0), D(2))

    @given(non_negative, positive)
    def test_percent_interval_contains_exact(self, part: Decimal, whole: Decimal) -> None:
        p, w = Amount(part, W, precision=2), Amount(whole, W, precision=2)
        assume(w.interval().lo > 0)
        assert percent(part, whole) in percent_interval(p, w)

    @given(st.lists(non_negative, min_size=1, max_size=6))
    def test_sum_interval_contains_sum(self, parts: list[Decimal]) -> None:
        amounts = [Amount(p, W, precision=2) for p in parts]
        assert sum(parts, ZERO) in sum_interval(amounts)


class TestBreakdowns:
    SEED_06 = (
        ("301", D("321.41")),
        ("30101", D("70.89")),
        ("302", D("375.84")),
        ("30201", D("13.28")),
        ("303", D("19.23")),
        ("310", D("9.9")),
        ("31007", D("9.9")),
    )

    def test_seed_personnel_public(self) -> None:
        split = personnel_public(self.SEED_06)
        assert split == BasicSplit(D("340.64"), D("385.74"))
        assert split.total == D("726.38")
        assert split.shares() == (D("46.90"), D("53.10"))

    def test_seed_office_running_cost(self) -> None:
        assert office_running_cost(self.SEED_06) == D("385.74")

    def test_codes_of_neither_group_are_left_out(self) -> None:
        split = personnel_public([("301", D(1)), ("309", D(5)), ("307", D(2)), ("399", D(3))])
        assert split == BasicSplit(D(1), D(5))

    @given(st.lists(st.tuples(st.sampled_from(["301", "302", "303", "310", "399"]), non_negative)))
    def test_office_running_cost_is_the_public_part(self, items: list[tuple[str, Decimal]]) -> None:
        public = sum((v for c, v in items if c not in ("301", "303")), ZERO)
        assert office_running_cost(items) == public

    def test_custom_grouping(self) -> None:
        split = personnel_public(self.SEED_06, is_personnel=lambda c: c.startswith("301"))
        assert split.personnel == D("321.41")

    @given(st.lists(st.tuples(st.sampled_from(["301", "302", "303", "310"]), non_negative)))
    def test_split_adds_up(self, items: list[tuple[str, Decimal]]) -> None:
        split = personnel_public(items)
        assert split.total == sum((v for _, v in items), ZERO)

    def test_three_public(self) -> None:
        t = three_public(D(0), D(0), D(0), D(0))
        assert t.total == D(0)
        t = three_public(D("1.5"), published("20"), D("3.25"), D("0.75"))
        assert (t.vehicles, t.total) == (D("23.25"), D("25.5"))

    @given(non_negative, non_negative, non_negative, non_negative)
    def test_three_public_total(self, a: Decimal, b: Decimal, c: Decimal, d: Decimal) -> None:
        t = three_public(a, b, c, d)
        assert t.total == a + b + c + d
        assert t.vehicles == b + c

    def test_seed_procurement(self) -> None:
        p = procurement(D("448.77"), D(0), D(0), sme=D("448.77"), small_micro=D("448.77"))
        assert p.total == D("448.77")
        assert p.shares() == (D("100.00"), D("0.00"), D("0.00"))
        assert p.sme_share() == D(100)
        assert p.small_micro_share() == D(100)

    def test_procurement_undefined(self) -> None:
        p = procurement(D(0), D(0), D(0), sme=D(0), small_micro=D(0))
        with pytest.raises(UndefinedRate):
            p.sme_share()
        with pytest.raises(ValueError, match="not known"):
            procurement(D(1), D(0), D(0)).sme_share()

    @given(non_negative, non_negative, non_negative)
    def test_procurement_shares_sum(self, g: Decimal, w: Decimal, s: Decimal) -> None:
        assume(g + w + s > 0)
        assert sum(procurement(g, w, s).shares(), ZERO) == D(100)
