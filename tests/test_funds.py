from __future__ import annotations

from decimal import Decimal

import pytest

from govfin import funds
from govfin.funds import (
    ExpenseGroup,
    FiscalFund,
    RevenueSource,
    SpendingKind,
    expense_group,
)


class TestNames:
    @pytest.mark.parametrize("enum_cls", [FiscalFund, RevenueSource, SpendingKind])
    def test_every_member_has_names(self, enum_cls: type[FiscalFund]) -> None:
        for member in enum_cls:
            assert member.zh
            assert member.en.isascii()
            assert enum_cls.parse(member.zh) is member
            assert enum_cls.parse(member.value) is member
            for variant in member.variants:
                assert enum_cls.parse(variant) is member

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("一、一般公共预算财政拨款收入", RevenueSource.GENERAL_BUDGET),
            ("四、上级补助收入", RevenueSource.UPPER_GRANT),
            ("事业单位经营收入", RevenueSource.BUSINESS),
            ("使用非财政拨款结余（含专用结余）", RevenueSource.NON_FISCAL_BALANCE),
            ("使用非财政拨款结余(含专用结余)", RevenueSource.NON_FISCAL_BALANCE),
            ("年初结转和结余", RevenueSource.CARRYOVER),
            ("其他收入", RevenueSource.OTHER),
        ],
    )
    def test_revenue_variants(self, text: str, expected: RevenueSource) -> None:
        assert RevenueSource.parse(text) is expected

    def test_spending_kinds_are_the_table_columns(self) -> None:
        assert [k.value for k in SpendingKind] == [
            "basic",
            "project",
            "upper_remit",
            "business",
            "subsidiary",
        ]
        assert SpendingKind.parse("对附属单位补助支出") is SpendingKind.SUBSIDIARY

    def test_unknown_name(self) -> None:
        assert RevenueSource.get("工资福利支出") is None
        with pytest.raises(ValueError, match="工资福利支出"):
            SpendingKind.parse("工资福利支出")

    def test_fiscal_fund_of_source(self) -> None:
        assert RevenueSource.FUND_BUDGET.fiscal_fund is FiscalFund.FUND_BUDGET
        assert RevenueSource.SERVICE.fiscal_fund is None
        assert not RevenueSource.CARRYOVER.is_income_of_year
        assert RevenueSource.OTHER.is_income_of_year


class TestExpenseGroup:
    @pytest.mark.parametrize(
        ("code", "expected"),
        [
            ("301", ExpenseGroup.PERSONNEL),
            ("30101", ExpenseGroup.PERSONNEL),
            ("303", ExpenseGroup.PERSONNEL),
            ("30399", ExpenseGroup.PERSONNEL),
            ("302", ExpenseGroup.PUBLIC),
            ("30214", ExpenseGroup.PUBLIC),
            ("310", ExpenseGroup.PUBLIC),
            ("31007", ExpenseGroup.PUBLIC),
            ("307", ExpenseGroup.PUBLIC),
            ("399", ExpenseGroup.PUBLIC),
            ("３０１", ExpenseGroup.PERSONNEL),
        ],
    )
    def test_groups(self, code: str, expected: ExpenseGroup) -> None:
        assert expense_group(code) is expected

    @pytest.mark.parametrize("code", ["309", "311", "2010301", "201", "", "30x", "3011"])
    def test_not_grouped(self, code: str) -> None:
        assert expense_group(code) is None

    def test_classes_are_disjoint(self) -> None:
        assert not funds.PERSONNEL_CLASSES & funds.PUBLIC_CLASSES
        assert ExpenseGroup.PERSONNEL.classes == {"301", "303"}
        assert ExpenseGroup.PUBLIC.zh == "公用经费"

    def test_seed_sums(self) -> None:
        # 公开06表 of the seed: 人员经费合计 340.64, 公用经费合计 385.74.
        by_class = {
            "301": Decimal("321.41"),
            "302": Decimal("375.84"),
            "303": Decimal("19.23"),
            "310": Decimal("9.9"),
        }
        personnel = sum(
            (v for c, v in by_class.items() if expense_group(c) is ExpenseGroup.PERSONNEL),
            Decimal(0),
        )
        public = sum(
            (v for c, v in by_class.items() if expense_group(c) is ExpenseGroup.PUBLIC),
            Decimal(0),
        )
        assert (personnel, public) == (Decimal("340.64"), Decimal("385.74"))
