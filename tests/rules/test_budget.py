"""The 预算 variants of the table and cross-table rules, on a small hand-made 部门预算."""

from __future__ import annotations

import pytest

from govfin.amounts import Unit
from govfin.report import Column, Report, ReportKind, Row, Table
from govfin.rules import Severity

from .helpers import at, change, errors, run


def _t(schema: str, columns: tuple[str, ...], rows: list[Row], unit: Unit = Unit.YUAN) -> Table:
    return Table(schema, schema, unit, tuple(Column(c, c) for c in columns), tuple(rows))


def _r(key: str, label: str, side: str | None = None, code: str | None = None, **cells: str) -> Row:
    return Row.of(key, label, cells, code=code, side=side)


def budget() -> Report:
    """A consistent 2025 部门预算 in 元 (三公 in 万元)."""
    summary = _t(
        "budget.summary",
        ("amount", "personnel", "public", "project"),
        [
            _r("income.fiscal", "财政拨款收入", "income", amount="100.00"),
            _r("income.general_budget", "一般公共预算", "income", amount="80.00"),
            _r("income.fund_budget", "政府性基金", "income", amount="20.00"),
            _r("income.service", "事业收入", "income", amount="10.00"),
            _r("income.other", "其他收入", "income", amount="5.00"),
            _r("income.carryover", "上年结转结余", "income", amount="15.00"),
            _r("income.total", "收入总计", "income", amount="130.00"),
            _r(
                "201",
                "一般公共服务支出",
                "expenditure",
                "201",
                amount="90.00",
                personnel="40.00",
                public="20.00",
                project="30.00",
            ),
            _r(
                "208",
                "社会保障和就业支出",
                "expenditure",
                "208",
                amount="30.00",
                personnel="15.00",
                public="5.00",
                project="10.00",
            ),
            _r("expenditure.balance", "年末结转结余", "expenditure", amount="10.00"),
            _r("expenditure.total", "支出总计", "expenditure", amount="130.00"),
        ],
    )
    income = _t(
        "budget.income",
        ("total", "fiscal", "service", "business", "other", "carryover"),
        [
            _r(
                "total",
                "合计",
                total="130.00",
                fiscal="100.00",
                service="10.00",
                other="5.00",
                carryover="15.00",
            ),
            _r(
                "201",
                "一般公共服务支出",
                None,
                "201",
                total="95.00",
                fiscal="70.00",
                service="10.00",
                other="5.00",
                carryover="10.00",
            ),
            _r(
                "208",
                "社会保障和就业支出",
                None,
                "208",
                total="35.00",
                fiscal="30.00",
                carryover="5.00",
            ),
        ],
    )
    spend = _t(
        "budget.expenditure",
        ("total", "basic", "project"),
        [
            _r("total", "合计", total="120.00", basic="80.00", project="40.00"),
            _r(
                "201",
                "一般公共服务支出",
                None,
                "201",
                total="90.00",
                basic="60.00",
                project="30.00",
            ),
            _r(
                "208",
                "社会保障和就业支出",
                None,
                "208",
                total="30.00",
                basic="20.00",
                project="10.00",
            ),
        ],
    )
    fiscal = _t(
        "budget.fiscal_summary",
        ("amount", "total", "general_budget", "fund_budget", "state_capital"),
        [
            _r("income.general_budget", "一般公共预算", "income", amount="80.00"),
            _r("income.fund_budget", "政府性基金预算", "income", amount="20.00"),
            _r("income.total", "收入总计", "income", amount="100.00"),
            _r(
                "201",
                "一般公共服务支出",
                "expenditure",
                "201",
                total="80.00",
                general_budget="60.00",
                fund_budget="20.00",
            ),
            _r(
                "208",
                "社会保障和就业支出",
                "expenditure",
                "208",
                total="20.00",
                general_budget="20.00",
            ),
            _r(
                "expenditure.total",
                "支出总计",
                "expenditure",
                total="100.00",
                general_budget="80.00",
                fund_budget="20.00",
            ),
        ],
    )
    general = _t(
        "budget.general_budget",
        ("total", "basic", "project"),
        [
            _r("total", "合计", total="80.00", basic="55.00", project="25.00"),
            _r(
                "201",
                "一般公共服务支出",
                None,
                "201",
                total="60.00",
                basic="40.00",
                project="20.00",
            ),
            _r(
                "208",
                "社会保障和就业支出",
                None,
                "208",
                total="20.00",
                basic="15.00",
                project="5.00",
            ),
        ],
    )
    fund = _t(
        "budget.fund_budget",
        ("total", "basic", "project"),
        [
            _r("total", "合计", total="20.00", project="20.00"),
            _r("201", "一般公共服务支出", None, "201", total="20.00", project="20.00"),
        ],
    )
    capital = _t("budget.state_capital", ("total", "basic", "project"), [_r("total", "合计")])
    basic = _t(
        "budget.general_basic",
        ("total", "personnel", "public"),
        [
            _r("total", "合计", total="55.00", personnel="40.00", public="15.00"),
            _r("301", "工资福利支出", None, "301", total="40.00", personnel="40.00"),
            _r("30101", "基本工资", None, "30101", total="25.00", personnel="25.00"),
            _r("30102", "津贴补贴", None, "30102", total="15.00", personnel="15.00"),
            _r("302", "商品和服务支出", None, "302", total="15.00", public="15.00"),
            _r("30201", "办公费", None, "30201", total="15.00", public="15.00"),
        ],
    )
    three = _t(
        "budget.three_public",
        (
            "total",
            "abroad",
            "reception",
            "vehicle",
            "vehicle_purchase",
            "vehicle_operation",
            "operating",
        ),
        [
            _r(
                "total",
                "",
                total="3.00",
                abroad="0",
                reception="1.00",
                vehicle="2.00",
                vehicle_purchase="0.50",
                vehicle_operation="1.50",
                operating="50.00",
            ),
        ],
        Unit.WANYUAN,
    )
    tables = (summary, income, spend, fiscal, general, fund, capital, basic, three)
    return Report(ReportKind.BUDGET, tables, department="某局", year=2025)


def test_a_consistent_budget_has_no_error() -> None:
    result = run(budget())
    assert errors(result) == []
    assert result.summary.passes > 50


BUDGET_NEGATIVE = [
    ("GF-T001", "budget.summary", "income.fiscal", "amount", "101.00"),
    ("GF-T001", "budget.summary", "income.carryover", "amount", "16.00"),
    ("GF-T001", "budget.income", "201", "carryover", "11.00"),
    ("GF-T002", "budget.expenditure", "208", "basic", "21.00"),
    ("GF-T002", "budget.summary", "201", "public", "21.00"),
    ("GF-T003", "budget.general_budget", "201", "project", "21.00"),
    ("GF-T003", "budget.fund_budget", "201", "project", "21.00"),
    ("GF-T004", "budget.summary", "expenditure.balance", "amount", "11.00"),
    ("GF-T004", "budget.fiscal_summary", "208", "general_budget", "21.00"),
    ("GF-T005", "budget.summary", "expenditure.total", "amount", "131.00"),
    ("GF-T006", "budget.fiscal_summary", "income.total", "amount", "101.00"),
    ("GF-T007", "budget.fiscal_summary", "201", "fund_budget", "21.00"),
    ("GF-T008", "budget.three_public", "total", "vehicle_operation", "1.60"),
    ("GF-T011", "budget.general_basic", "301", "personnel", "41.00"),
    ("GF-R001", "budget.general_basic", "total", "public", "16.00"),
    ("GF-R002", "budget.general_basic", "30102", "total", "16.00"),
    ("GF-X001", "budget.income", "total", "service", "11.00"),
    ("GF-X001", "budget.income", "total", "carryover", "16.00"),
    ("GF-X002", "budget.expenditure", "total", "total", "121.00"),
    ("GF-X002", "budget.summary", "208", "amount", "31.00"),
    ("GF-X003", "budget.fiscal_summary", "income.fund_budget", "amount", "21.00"),
    ("GF-X004", "budget.general_budget", "total", "total", "81.00"),
    ("GF-X005", "budget.fund_budget", "201", "total", "21.00"),
    ("GF-X006", "budget.state_capital", "total", "total", "1.00"),
    ("GF-X007", "budget.general_basic", "total", "total", "56.00"),
]


@pytest.mark.parametrize(("rule", "table", "row", "column", "new"), BUDGET_NEGATIVE)
def test_negative(rule: str, table: str, row: str, column: str, new: str) -> None:
    broken = change(budget(), table, row, column, new)
    assert at(errors(run(broken, rule), rule), table, row, column), (
        f"{rule} did not flag {table} {row} {column}"
    )


@pytest.mark.parametrize("rule", sorted({n[0] for n in BUDGET_NEGATIVE}))
def test_positive(rule: str) -> None:
    result = run(budget(), rule)
    assert errors(result) == []
    assert result.summary.passes > 0


def test_final_only_rules_do_not_complain_about_a_budget() -> None:
    result = run(budget(), "GF-S001")
    assert result.findings == ()
    assert all(f.severity is not Severity.ERROR for f in run(budget()).findings)
