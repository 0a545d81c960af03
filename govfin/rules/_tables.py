"""Built-in rules: identities within one table (GF-T), for 决算 and 预算 alike.

Each rule looks for the tables it knows under the ``final.`` and ``budget.``
schema ids and checks those the report holds; the absence of a table is
reported once by GF-S001, so these rules need no table to run.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Final

from govfin.funds import PERSONNEL_CLASSES, PUBLIC_CLASSES
from govfin.report import Row, Table
from govfin.rules._common import KINDS, both_kinds, row_sums, sum_cells, table_of
from govfin.rules._context import Context
from govfin.rules._finding import Finding, Severity, column_of
from govfin.rules._registry import REGISTRY

__all__: list[str] = []

Ref = tuple[Table, Row | None, str]

INCOME_SOURCES: Final = (
    "income.general_budget",
    "income.fund_budget",
    "income.state_capital",
    "income.fiscal",
    "income.upper_grant",
    "income.service",
    "income.business",
    "income.subsidiary",
    "income.other",
    "income.special_account",
    "income.other_funds",
)
"""The source lines of 本年收入合计 in a 收入支出总表."""

INCOME_COLUMNS: Final = ("fiscal", "upper_grant", "service", "business", "subsidiary", "other")
"""The source columns of 本年收入合计 in a 收入表."""

FUNDS: Final = ("general_budget", "fund_budget", "state_capital")
"""The three kinds of 财政拨款."""

FUND_NAMES: Final = {
    "general_budget": "一般公共预算财政拨款",
    "fund_budget": "政府性基金预算财政拨款",
    "state_capital": "国有资本经营预算财政拨款",
}
"""The printed name of each kind of 财政拨款."""

SPENDING_KINDS: Final = ("basic", "project", "upper_remit", "business", "subsidiary")
"""The kinds of spending that make 本年支出合计."""


def _is_budget(table: Table) -> bool:
    return (table.schema or "").startswith("budget.")


def tables(ctx: Context, name: str) -> Iterator[Table]:
    """The report's ``final.<name>`` and ``budget.<name>`` tables."""
    for kind in KINDS:
        table = table_of(ctx.report, f"{kind}.{name}")
        if table is not None:
            yield table


def ref(table: Table, key: str, column: str) -> Ref:
    """The cell at line/code *key* and *column* (row ``None`` when absent)."""
    return (table, table.get(key), column)


def has_column(table: Table, key: str) -> bool:
    """Whether the table printed the column *key*."""
    return column_of(table, key) is not None


def side_rows(table: Table, side: str) -> tuple[Row, ...]:
    """The 类 lines (code rows) of one side of a two-sided table."""
    return tuple(r for r in table.rows if r.code and (r.side is None or r.side == side))


def _row_sums(
    ctx: Context,
    table: Table,
    total: str,
    parts: Sequence[str],
    what: str,
) -> Iterator[Finding | None]:
    """Per row: column *total* equals the sum of columns *parts* (those printed)."""
    if not has_column(table, total):
        return
    present = [p for p in parts if has_column(table, p)]
    if not present:
        return
    yield from row_sums(ctx, table, table.rows, total, present, what=what)


@REGISTRY.rule(
    "GF-T001",
    title="本年收入合计 equals the sum of the income sources",
    message="{table}{row}「{label}」本年收入合计为{actual}{unit}，各项收入之和为{expected}{unit}",
    tags=("row-identity", "income"),
    reads=both_kinds("summary", "income", "fiscal_summary"),
)
def income_total_is_sum_of_sources(ctx: Context) -> Iterator[Finding | None]:
    """本年收入合计 is the sum of the income sources.

    In the 收入支出总表 the 本年收入合计 line is the sum of the source lines; in
    the 收入表 the 本年收入合计 column is, row by row, the sum of the source
    columns (财政拨款 being split by fund where the table prints the split);
    in the 财政拨款收入支出总表 the 本年收入合计 line is the sum of the three funds.
    """
    for table in tables(ctx, "summary"):
        total = table.get("income.total")
        fiscal = table.get("income.fiscal")
        split = [f"income.{f}" for f in FUNDS if table.get(f"income.{f}") is not None]
        if fiscal is not None and split:
            # 财政拨款收入 printed with its funds under it (预算): the funds are not added again
            yield sum_cells(
                ctx,
                (table, fiscal, "amount"),
                [ref(table, k, "amount") for k in split],
            )
        if total is None:
            continue
        keys = [
            k
            for k in INCOME_SOURCES
            if table.get(k) is not None and not (fiscal is not None and k in split)
        ]
        if _is_budget(table):  # 预算: 收入总计 includes 上年结转结余
            keys.append("income.carryover")
        parts = [ref(table, k, "amount") for k in keys if table.get(k) is not None]
        yield sum_cells(ctx, (table, total, "amount"), parts)
    for table in tables(ctx, "income"):
        budget_only = ("carryover", "special_account", "non_fiscal_balance")
        columns = INCOME_COLUMNS + (budget_only if _is_budget(table) else ())
        if not has_column(table, "fiscal"):  # the funds printed without 财政拨款收入 over them
            columns = FUNDS + columns
        yield from _row_sums(ctx, table, "total", columns, "本年收入合计")
        if has_column(table, "fiscal"):
            yield from _row_sums(ctx, table, "fiscal", FUNDS, "财政拨款收入")
    for table in tables(ctx, "fiscal_summary"):
        total = table.get("income.total")
        if total is None:
            continue
        parts = [ref(table, f"income.{f}", "amount") for f in FUNDS]
        yield sum_cells(ctx, (table, total, "amount"), parts)


@REGISTRY.rule(
    "GF-T002",
    title="本年支出合计 equals 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助",
    message="{table}{row}「{label}」本年支出合计为{actual}{unit}，各类支出之和为{expected}{unit}",
    tags=("row-identity", "expenditure"),
    reads=both_kinds("summary", "expenditure"),
)
def expenditure_total_is_sum_of_kinds(ctx: Context) -> Iterator[Finding | None]:
    """Every row's 本年支出合计 is the sum of the spending kinds.

    In the 支出表 the kinds are 基本, 项目, 上缴上级, 经营 and 对附属单位补助 (those
    printed); in a 单位预算's 财务收支预算总表, 人员经费 + 公用经费 + 项目支出.
    """
    for table in tables(ctx, "expenditure"):
        yield from _row_sums(ctx, table, "total", SPENDING_KINDS, "本年支出合计")
    for table in tables(ctx, "summary"):
        if not has_column(table, "project"):
            continue
        for row in side_rows(table, "expenditure"):
            yield sum_cells(
                ctx,
                (table, row, "amount"),
                [(table, row, k) for k in ("personnel", "public", "project")],
            )


@REGISTRY.rule(
    "GF-T003",
    title="小计 equals 基本支出 + 项目支出",
    message="{table}{row}「{label}」小计为{actual}{unit}，基本支出与项目支出之和为{expected}{unit}",
    tags=("row-identity", "expenditure"),
    reads=both_kinds("general_budget", "fund_budget", "state_capital"),
)
def subtotal_is_basic_plus_project(ctx: Context) -> Iterator[Finding | None]:
    """In the 一般公共预算, 政府性基金 and 国有资本经营 tables, 小计 = 基本 + 项目 on every row."""
    for name in ("general_budget", "fund_budget", "state_capital"):
        for table in tables(ctx, name):
            yield from _row_sums(ctx, table, "total", ("basic", "project"), "小计")


def _class_total(ctx: Context, table: Table, column: str) -> Finding | None:
    total = table.get("expenditure.total")
    classes = side_rows(table, "expenditure")
    if total is None or not classes:  # spending printed by use only (江苏 财政拨款收支预算总表)
        return None
    parts: list[Ref] = [(table, r, column) for r in classes]
    if _is_budget(table) and table.get("expenditure.balance") is not None:
        parts.append(ref(table, "expenditure.balance", column))  # 预算: 支出总计 includes it
    return sum_cells(ctx, (table, total, column), parts)


@REGISTRY.rule(
    "GF-T004",
    title="本年支出合计 equals the sum of the 类 lines of a 总表",
    message="{table}本年支出合计{column}为{actual}{unit}，各功能分类类级支出之和为{expected}{unit}",
    tags=("row-identity", "expenditure"),
    reads=both_kinds("summary", "fiscal_summary"),
)
def summary_expenditure_is_sum_of_classes(ctx: Context) -> Iterator[Finding | None]:
    """In the 收入支出总表 and the 财政拨款收入支出总表, 本年支出合计 is the sum of the 类 lines."""
    for table in tables(ctx, "summary"):
        yield _class_total(ctx, table, "amount")
    for table in tables(ctx, "fiscal_summary"):
        for col in ("total", *FUNDS):
            if has_column(table, col):
                yield _class_total(ctx, table, col)


@REGISTRY.rule(
    "GF-T005",
    title="收入支出总表 balances: 总计 on both sides",
    message="{table}{what}为{actual}{unit}，{rhs}为{expected}{unit}",
    tags=("balance",),
    reads=both_kinds("summary"),
)
def summary_balances(ctx: Context) -> Iterator[Finding | None]:
    """The 收入支出总表 balances on both sides.

    本年收入合计 + 使用非财政拨款结余 + 年初结转和结余 = 总计
    = 本年支出合计 + 结余分配 + 年末结转和结余.
    """
    for table in tables(ctx, "summary"):
        income = table.get("income.grand_total")
        spend = table.get("expenditure.grand_total")
        if income is not None:
            yield sum_cells(
                ctx,
                (table, income, "amount"),
                [
                    ref(table, "income.total", "amount"),
                    ref(table, "income.non_fiscal_balance", "amount"),
                    ref(table, "income.carryover", "amount"),
                ],
                what="收入总计",
                rhs="本年收入合计、使用非财政拨款结余与年初结转和结余之和",
            )
        if spend is not None:
            yield sum_cells(
                ctx,
                (table, spend, "amount"),
                [
                    ref(table, "expenditure.total", "amount"),
                    ref(table, "expenditure.distribution", "amount"),
                    ref(table, "expenditure.balance", "amount"),
                ],
                what="支出总计",
                rhs="本年支出合计、结余分配与年末结转和结余之和",
            )
        if income is not None and spend is not None:
            yield sum_cells(
                ctx,
                (table, income, "amount"),
                [(table, spend, "amount")],
                what="收入总计",
                rhs="支出总计",
            )
        if income is None and spend is None and _is_budget(table):
            inc, exp = table.get("income.total"), table.get("expenditure.total")
            if inc is not None and exp is not None:
                yield sum_cells(
                    ctx,
                    (table, inc, "amount"),
                    [(table, exp, "amount")],
                    what="收入总计",
                    rhs="支出总计",
                )


def _fund_balance(table: Table, fund: str) -> Ref:
    """年末结转和结余 of one fund: the 年末 row's fund column, else the fund's own line.

    The national template prints it in the fund's column of the 年末 row; some
    regions print one line per fund instead, with the figure in 合计 or in the
    fund's column.
    """
    row = table.get("expenditure.balance")
    if row is not None and row.value(fund) is not None:
        return (table, row, fund)
    line = table.get(f"expenditure.balance.{fund}")
    if line is not None:
        if line.value(fund) is None and line.value("total") is not None:
            return (table, line, "total")
        return (table, line, fund)
    return (table, row, fund)


@REGISTRY.rule(
    "GF-T006",
    title="财政拨款收入支出总表 balances, in total and fund by fund",
    message="{table}{what}为{actual}{unit}，{rhs}为{expected}{unit}",
    tags=("balance", "fiscal"),
    reads=both_kinds("fiscal_summary"),
)
def fiscal_summary_balances(ctx: Context) -> Iterator[Finding | None]:
    """The 财政拨款 总表 balances in total and for each fund.

    本年收入合计 + 年初财政拨款结转和结余 = 总计 = 本年支出合计 + 年末财政拨款结转和结余;
    年初/年末结转和结余 are the sums of their fund lines; and for each fund,
    本年收入 + 年初结转 = 本年支出 + 年末结转.
    """
    for table in tables(ctx, "fiscal_summary"):
        inc = table.get("income.grand_total")
        exp = table.get("expenditure.grand_total")
        if inc is None and exp is None and _is_budget(table):
            yield sum_cells(
                ctx,
                ref(table, "income.total", "amount"),
                [ref(table, "expenditure.total", "total")],
                what="收入总计",
                rhs="支出总计",
            )
            continue
        if inc is not None:
            yield sum_cells(
                ctx,
                (table, inc, "amount"),
                [ref(table, "income.total", "amount"), ref(table, "income.carryover", "amount")],
                what="收入总计",
                rhs="本年收入合计与年初财政拨款结转和结余之和",
            )
        carry = table.get("income.carryover")
        if carry is not None:
            yield sum_cells(
                ctx,
                (table, carry, "amount"),
                [ref(table, f"income.carryover.{f}", "amount") for f in FUNDS],
                what="年初财政拨款结转和结余",
                rhs="分资金来源之和",
            )
        if exp is not None:
            for col in ("total", *FUNDS):
                if not has_column(table, col):
                    continue
                yield sum_cells(
                    ctx,
                    (table, exp, col),
                    [
                        ref(table, "expenditure.total", col),
                        _fund_balance(table, col)
                        if col != "total"
                        else ref(table, "expenditure.balance", col),
                    ],
                    what=f"支出总计（{_COL_NAMES[col]}）",
                    rhs="本年支出合计与年末财政拨款结转和结余之和",
                )
        bal = table.get("expenditure.balance")
        if bal is not None and any(table.get(f"expenditure.balance.{f}") for f in FUNDS):
            by_column = any(bal.value(f) is not None for f in FUNDS)
            if by_column:  # each fund line repeats the 年末 row's fund column
                for f in FUNDS:
                    line = table.get(f"expenditure.balance.{f}")
                    if line is None:
                        continue
                    col = f if line.value(f) is not None or line.value("total") is None else "total"
                    yield sum_cells(
                        ctx,
                        (table, line, col),
                        [(table, bal, f)],
                        what=f"年末财政拨款结转和结余（{_COL_NAMES[f]}）",
                        rhs="年末财政拨款结转和结余行的同一资金来源",
                    )
            else:
                yield sum_cells(
                    ctx,
                    (table, bal, "total"),
                    [_fund_balance(table, f) for f in FUNDS],
                    what="年末财政拨款结转和结余",
                    rhs="分资金来源之和",
                )
        if inc is not None and exp is not None:
            yield sum_cells(
                ctx,
                (table, inc, "amount"),
                [(table, exp, "total")],
                what="收入总计",
                rhs="支出总计",
            )
        for fund in FUNDS:
            income_row = table.get(f"income.{fund}")
            if income_row is None or not has_column(table, fund):
                continue
            yield sum_cells(
                ctx,
                (table, income_row, "amount"),
                [
                    ref(table, "expenditure.total", fund),
                    _fund_balance(table, fund),
                    _neg(table, f"income.carryover.{fund}"),
                ],
                what=f"{_COL_NAMES[fund]}本年收入",
                rhs="本年支出与年末结转和结余之和减年初结转和结余",
            )


def _neg(table: Table, key: str) -> Ref:
    """A reference read negated (a ``-`` before the column key subtracts the cell)."""
    return (table, table.get(key), "-amount")


_COL_NAMES: Final = {"total": "合计", **FUND_NAMES}


@REGISTRY.rule(
    "GF-T007",
    title="财政拨款 合计 equals the sum of the three funds, line by line",
    message="{table}{row}「{label}」合计为{actual}{unit}，三类财政拨款之和为{expected}{unit}",
    tags=("row-identity", "fiscal"),
    reads=both_kinds("fiscal_summary"),
)
def fiscal_total_is_sum_of_funds(ctx: Context) -> Iterator[Finding | None]:
    """In the 财政拨款收入支出总表 支出 side, 合计 = 一般公共预算 + 政府性基金 + 国有资本经营."""
    for table in tables(ctx, "fiscal_summary"):
        funds = [f for f in FUNDS if has_column(table, f)]
        if not has_column(table, "total") or not funds:
            continue
        rows = [
            row
            for row in table.rows
            if row.side != "income"
            and not row.key.startswith("income.")
            # a fund line: its figure may sit in 合计 or in its fund column
            and not row.key.startswith("expenditure.balance.")
        ]
        yield from row_sums(ctx, table, rows, "total", funds)


_THREE: Final = ("abroad", "vehicle", "reception")
_VEHICLE: Final = ("vehicle_purchase", "vehicle_operation")


@REGISTRY.rule(
    "GF-T008",
    title="“三公”经费 合计 = 出国 + 公务用车 + 接待; 公务用车 = 购置 + 运行维护",
    message="{table}{what}为{actual}{unit}，{rhs}为{expected}{unit}",
    tags=("row-identity", "three-public"),
    reads=both_kinds("three_public"),
)
def three_public_totals(ctx: Context) -> Iterator[Finding | None]:
    """The “三公”经费 totals add up, for the 预算数 and the 决算数 alike.

    合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费, and
    公务用车购置及运行维护费 = 购置费 + 运行维护费.
    """
    for table in tables(ctx, "three_public"):
        for prefix, name in (("budget", "预算数"), ("final", "决算数"), ("", "")):
            total_key = f"{prefix}_total" if prefix else "total"
            if not has_column(table, total_key):
                continue
            pre = f"{prefix}_" if prefix else ""
            for row in table.rows:
                yield sum_cells(
                    ctx,
                    (table, row, total_key),
                    [(table, row, pre + k) for k in _THREE],
                    what=f"{name}合计",
                    rhs="因公出国（境）费、公务用车购置及运行维护费与公务接待费之和",
                )
                yield sum_cells(
                    ctx,
                    (table, row, pre + "vehicle"),
                    [(table, row, pre + k) for k in _VEHICLE],
                    what=f"{name}公务用车购置及运行维护费",
                    rhs="公务用车购置费与运行维护费之和",
                )


def personnel_public_codes() -> tuple[frozenset[str], frozenset[str]]:
    """The economic 类 codes of 人员经费 and of 公用经费 (official, :mod:`govfin.funds`)."""
    return PERSONNEL_CLASSES, PUBLIC_CLASSES


@REGISTRY.rule(
    "GF-T009",
    title="人员经费合计 and 公用经费合计 equal their economic 类",
    message="{table}{what}为{actual}{unit}，{rhs}之和为{expected}{unit}",
    tags=("row-identity", "basic"),
    reads=("final.general_basic",),
)
def personnel_and_public_totals(ctx: Context) -> Iterator[Finding | None]:
    """In the 基本支出 table, 人员经费合计 = 301 + 303 and 公用经费合计 = 302 + 310 (+ 307, 399).

    The grouping follows the official definition (:mod:`govfin.funds`).
    """
    personnel, public = personnel_public_codes()
    for table in tables(ctx, "general_basic"):
        for key, codes, what in (
            ("personnel_total", personnel, "人员经费合计"),
            ("public_total", public, "公用经费合计"),
        ):
            row = table.get(key)
            if row is None:
                continue
            parts = [ref(table, c, "amount") for c in sorted(codes)]
            yield sum_cells(
                ctx,
                (table, row, "amount"),
                parts,
                what=what,
                rhs="、".join(sorted(codes)),
            )


@REGISTRY.rule(
    "GF-T010",
    title="政府性基金 年末结转和结余 = 年初 + 本年收入 − 本年支出",
    message="{table}{row}「{label}」年末结转和结余为{actual}{unit}，年初结转和结余加本年收入减本年支出为{expected}{unit}",
    severity=Severity.WARNING,
    tags=("row-identity", "plausibility"),
    reads=both_kinds("fund_budget", "state_capital"),
)
def fund_balance_rolls_forward(ctx: Context) -> Iterator[Finding | None]:
    """In the 政府性基金 (and 国有资本经营, when it prints 结转) table, 年末 = 年初 + 收入 − 支出.

    A warning: transfers (调入调出) and returns (缴回) can explain a difference.
    """
    for name in ("fund_budget", "state_capital"):
        for table in tables(ctx, name):
            if not all(has_column(table, c) for c in ("carryover", "income", "balance", "total")):
                continue
            for row in table.rows:
                if not row.cells:
                    continue
                yield sum_cells(
                    ctx,
                    (table, row, "balance"),
                    [(table, row, "carryover"), (table, row, "income"), (table, row, "-total")],
                )


@REGISTRY.rule(
    "GF-T011",
    title="基本支出 合计 equals 人员经费 + 公用经费, row by row",
    message="{table}{row}「{label}」合计为{actual}{unit}，人员经费与公用经费之和为{expected}{unit}",
    tags=("row-identity", "basic"),
    reads=("budget.general_basic",),
)
def basic_total_is_personnel_plus_public(ctx: Context) -> Iterator[Finding | None]:
    """In the 预算 基本支出 table, every row's 合计 = 人员经费 + 公用经费."""
    for table in tables(ctx, "general_basic"):
        yield from _row_sums(ctx, table, "total", ("personnel", "public"), "合计")
