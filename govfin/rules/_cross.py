"""Built-in rules: identities across tables (GF-X), for 决算 and 预算 alike."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from govfin.report import Row, Table
from govfin.rules._common import KINDS, both_kinds, sum_cells, table_of, total_row
from govfin.rules._context import Context
from govfin.rules._finding import Finding
from govfin.rules._registry import REGISTRY
from govfin.rules._tables import FUND_NAMES, FUNDS, Ref, has_column, ref
from govfin.tables import normalise_label

__all__: list[str] = []

_AGREES: Final = "{table}{what}为{actual}{unit}，{other}为{expected}{unit}"
"""The message of the rules whose findings name *what* is compared and the *other* figure."""

_SOURCE_LINES: Final = (
    ("income.upper_grant", "upper_grant", "上级补助收入"),
    ("income.service", "service", "事业收入"),
    ("income.business", "business", "经营收入"),
    ("income.subsidiary", "subsidiary", "附属单位上缴收入"),
    ("income.other", "other", "其他收入"),
)


def _pairs(ctx: Context, a: str, b: str) -> Iterator[tuple[Table, Table]]:
    """The (``kind.a``, ``kind.b``) pairs of tables the report holds, 决算 and 预算."""
    for kind in KINDS:
        ta = table_of(ctx.report, f"{kind}.{a}")
        tb = table_of(ctx.report, f"{kind}.{b}")
        if ta is not None and tb is not None:
            yield ta, tb


def _classes(table: Table, side: str | None = None) -> dict[str, Row]:
    return {
        r.code: r
        for r in table.rows
        if r.code and len(r.code) == 3 and (side is None or r.side in (None, side))
    }


def _by_class(
    ctx: Context,
    left: Table,
    left_col: str,
    right: Table,
    right_col: str,
    *,
    left_side: str | None = None,
    what: str,
) -> Iterator[Finding | None]:
    """For every 类 printed in either table, the two figures agree."""
    lrows = _classes(left, left_side)
    rrows = _classes(right)
    for code in sorted(lrows.keys() | rrows.keys()):
        lrow, rrow = lrows.get(code), rrows.get(code)
        if lrow is None and rrow is not None and rrow.value(right_col) is None:
            continue
        if rrow is None and lrow is not None and lrow.value(left_col) is None:
            continue
        named = lrow if lrow is not None else rrow
        yield sum_cells(
            ctx,
            (left, lrow, left_col),
            [(right, rrow, right_col)],
            what=f"「{code} {normalise_label(named.label) if named is not None else ''}」{what}",
            other=right.label,
        )


@REGISTRY.rule(
    "GF-X001",
    title="收入支出总表 income agrees with the 收入表",
    message=_AGREES,
    tags=("cross-table", "income"),
    reads=both_kinds("summary", "income"),
)
def summary_income_matches_income_table(ctx: Context) -> Iterator[Finding | None]:
    """01 本年收入合计 and each source line equal the 合计 row of 02.

    财政拨款 is compared fund by fund where 02 prints the split, else as one sum.
    """
    for summary, income in _pairs(ctx, "summary", "income"):
        total = total_row(income)
        if total is None:
            continue
        budget = (summary.schema or "").startswith("budget.")
        lhs: list[Ref] = [(income, total, "total")]
        if budget and not has_column(income, "carryover"):
            lhs.append(ref(summary, "income.carryover", "-amount"))
        yield sum_cells(
            ctx,
            ref(summary, "income.total", "amount"),
            lhs,
            what="本年收入合计",
            other=f"{income.label}合计行本年收入合计",
        )
        for line, column, name in (
            ("income.fiscal", "fiscal", "财政拨款收入"),
            ("income.carryover", "carryover", "上年结转结余"),
        ):
            if summary.get(line) is not None and has_column(income, column):
                yield sum_cells(
                    ctx,
                    ref(summary, line, "amount"),
                    [(income, total, column)],
                    what=name,
                    other=f"{income.label}合计行{name}",
                )
        split = [f for f in FUNDS if has_column(income, f)]
        if split:
            for fund in split:
                yield sum_cells(
                    ctx,
                    ref(summary, f"income.{fund}", "amount"),
                    [(income, total, fund)],
                    what=f"{FUND_NAMES[fund]}收入",
                    other=f"{income.label}合计行",
                )
        elif has_column(income, "fiscal") and summary.get("income.fiscal") is None:
            yield sum_cells(
                ctx,
                (income, total, "fiscal"),
                [ref(summary, f"income.{f}", "amount") for f in FUNDS]
                + [ref(summary, "income.fiscal", "amount")],
                what="合计行财政拨款收入",
                other=f"{summary.label}三项财政拨款收入之和",
            )
        for line, column, name in _SOURCE_LINES:
            if not has_column(income, column):
                continue
            yield sum_cells(
                ctx,
                ref(summary, line, "amount"),
                [(income, total, column)],
                what=name,
                other=f"{income.label}合计行{name}",
            )


@REGISTRY.rule(
    "GF-X002",
    title="收入支出总表 spending agrees with the 支出表, in total and by 类",
    message=_AGREES,
    tags=("cross-table", "expenditure"),
    reads=both_kinds("summary", "expenditure"),
)
def summary_expenditure_matches_expenditure_table(ctx: Context) -> Iterator[Finding | None]:
    """01 本年支出合计 equals 03 合计, and every 类 line of 01 equals the 类 row of 03."""
    for summary, spend in _pairs(ctx, "summary", "expenditure"):
        total = total_row(spend)
        if total is not None:
            parts: list[Ref] = [(spend, total, "total")]
            if (summary.schema or "").startswith("budget."):  # 支出总计 includes 年末结转结余
                parts.append(ref(summary, "expenditure.balance", "amount"))
            yield sum_cells(
                ctx,
                ref(summary, "expenditure.total", "amount"),
                parts,
                what="本年支出合计",
                other=f"{spend.label}合计",
            )
        yield from _by_class(
            ctx, summary, "amount", spend, "total", left_side="expenditure", what=""
        )


@REGISTRY.rule(
    "GF-X003",
    title="收入支出总表 财政拨款 income agrees with the 财政拨款收入支出总表",
    message=_AGREES,
    tags=("cross-table", "fiscal"),
    reads=both_kinds("summary", "fiscal_summary"),
)
def summary_fiscal_matches_fiscal_summary(ctx: Context) -> Iterator[Finding | None]:
    """01's three 财政拨款收入 lines equal the income lines of 04."""
    for summary, fiscal in _pairs(ctx, "summary", "fiscal_summary"):
        if all(summary.get(f"income.{f}") is None for f in FUNDS):
            if summary.get("income.fiscal") is not None:
                yield sum_cells(
                    ctx,
                    ref(summary, "income.fiscal", "amount"),
                    [ref(fiscal, "income.total", "amount")],
                    what="财政拨款收入",
                    other=f"{fiscal.label}收入总计",
                )
            continue
        for fund in FUNDS:
            key = f"income.{fund}"
            if summary.get(key) is None and fiscal.get(key) is None:
                continue
            row = fiscal.get(key)
            yield sum_cells(
                ctx,
                ref(summary, key, "amount"),
                [(fiscal, row, "amount")],
                what=(row.label if row else key) + "收入",
                other=fiscal.label,
            )


def _fund_vs_table(
    ctx: Context, fiscal: Table, fund: str, other: Table
) -> Iterator[Finding | None]:
    """04's 支出 column of *fund* equals the *other* table's 本年支出 (合计 and by 类)."""
    if not has_column(fiscal, fund):
        return
    fund_name = FUND_NAMES[fund]
    total = total_row(other)
    if total is not None:
        yield sum_cells(
            ctx,
            ref(fiscal, "expenditure.total", fund),
            [(other, total, "total")],
            what=f"本年支出合计（{fund_name}）",
            other=f"{other.label}合计",
        )
    yield from _by_class(
        ctx,
        fiscal,
        fund,
        other,
        "total",
        left_side="expenditure",
        what=f"（{fund_name}）",
    )


def _fund_column_matches(ctx: Context, fund: str) -> Iterator[Finding | None]:
    """04's 支出 column of *fund* equals the table of that fund, 决算 and 预算 alike."""
    for fiscal, other in _pairs(ctx, "fiscal_summary", fund):
        yield from _fund_vs_table(ctx, fiscal, fund, other)


@REGISTRY.rule(
    "GF-X004",
    title="财政拨款总表 一般公共预算 column agrees with the 一般公共预算支出表",
    message=_AGREES,
    tags=("cross-table", "fiscal"),
    reads=both_kinds("fiscal_summary", "general_budget"),
)
def general_budget_matches(ctx: Context) -> Iterator[Finding | None]:
    """04's 一般公共预算财政拨款 支出 equals 05, in total and 类 by 类."""
    return _fund_column_matches(ctx, "general_budget")


@REGISTRY.rule(
    "GF-X005",
    title="财政拨款总表 政府性基金 column agrees with the 政府性基金 table",
    message=_AGREES,
    tags=("cross-table", "fiscal"),
    reads=both_kinds("fiscal_summary", "fund_budget"),
)
def fund_budget_matches(ctx: Context) -> Iterator[Finding | None]:
    """04's 政府性基金预算财政拨款 agrees with 07: 支出 in total and by 类, 收入, 结转, 结余."""
    for fiscal, fund in _pairs(ctx, "fiscal_summary", "fund_budget"):
        yield from _fund_vs_table(ctx, fiscal, "fund_budget", fund)
        total = total_row(fund)
        if total is None:
            continue
        for key, fiscal_col, col, name in (
            ("income.fund_budget", "amount", "income", "政府性基金预算财政拨款收入"),
            ("income.carryover.fund_budget", "amount", "carryover", "年初结转和结余（政府性基金）"),
            ("expenditure.balance.fund_budget", "total", "balance", "年末结转和结余（政府性基金）"),
        ):
            if fiscal.get(key) is None or not has_column(fund, col):
                continue
            yield sum_cells(
                ctx,
                ref(fiscal, key, fiscal_col),
                [(fund, total, col)],
                what=name,
                other=f"{fund.label}合计",
            )


@REGISTRY.rule(
    "GF-X006",
    title="财政拨款总表 国有资本经营 column agrees with the 国有资本经营 table",
    message=_AGREES,
    tags=("cross-table", "fiscal"),
    reads=both_kinds("fiscal_summary", "state_capital"),
)
def state_capital_matches(ctx: Context) -> Iterator[Finding | None]:
    """04's 国有资本经营预算财政拨款 支出 equals 08, in total and 类 by 类."""
    return _fund_column_matches(ctx, "state_capital")


@REGISTRY.rule(
    "GF-X007",
    title="一般公共预算 基本支出 equals 人员经费 + 公用经费 of the 基本支出 table",
    message="{table}合计行基本支出为{actual}{unit}，{other}为{expected}{unit}",
    tags=("cross-table", "basic"),
    reads=both_kinds("general_budget", "general_basic"),
)
def basic_matches_personnel_public(ctx: Context) -> Iterator[Finding | None]:
    """05 合计 基本支出 equals 06 人员经费合计 + 公用经费合计.

    In a 预算, the 合计 of the 一般公共预算基本支出 table.
    """
    for general, basic in _pairs(ctx, "general_budget", "general_basic"):
        total = total_row(general)
        if total is None or not has_column(general, "basic"):
            continue
        basic_total = total_row(basic)
        if basic.get("personnel_total") is None and basic_total is not None:
            yield sum_cells(
                ctx,
                (general, total, "basic"),
                [(basic, basic_total, "total")],
                other=f"{basic.label}合计",
            )
            continue
        yield sum_cells(
            ctx,
            (general, total, "basic"),
            [ref(basic, "personnel_total", "amount"), ref(basic, "public_total", "amount")],
            other=f"{basic.label}人员经费合计与公用经费合计之和",
        )
