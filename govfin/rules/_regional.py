"""Built-in rules for the 预算 tables of other regions' sets (江苏 2017–2018).

The tables of :data:`govfin.tables.REGIONAL_IDS` (收入预算总表 by source,
支出预算总表 by use, 财政拨款支出/基本支出预算表, “三公”经费、会议费、培训费支出预算表)
and the 支出用途 lines of a 江苏 收支预算总表 / 财政拨款收支预算总表.  Rules
within a table are ``GF-T02x``, across tables ``GF-X02x``; the rollups (GF-R)
apply to these tables as to every table with code rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from govfin.report import Table
from govfin.rules._common import sum_cells, table_of, total_row
from govfin.rules._context import Context
from govfin.rules._finding import Finding
from govfin.rules._registry import REGISTRY
from govfin.rules._tables import Ref, has_column, ref

__all__: list[str] = []

_SAYS: Final = "{table}{what}为{actual}{unit}，{rhs}为{expected}{unit}"

_SOURCE_PARTS: Final = (
    (
        "income.total",
        "收入总计",
        (
            "income.general_budget",
            "income.fund_budget",
            "income.special_account",
            "income.other_funds",
            "income.carryover",
        ),
        "各项资金小计与上年结转和结余资金之和",
    ),
    (
        "income.general_budget",
        "一般公共预算资金小计",
        ("income.general_budget.appropriation", "income.general_budget.special"),
        "公共财政拨款（补助）资金与专项收入之和",
    ),
    (
        "income.special_account",
        "财政专户管理资金小计",
        ("income.special_account.education", "income.special_account.other_nontax"),
        "专户管理教育收费与其他非税收入之和",
    ),
    (
        "income.other_funds",
        "其他资金小计",
        ("income.service", "income.business", "income.other", "income.debt"),
        "事业收入、经营收入、其他收入与债务资金之和",
    ),
)

_USES: Final = ("expenditure.basic", "expenditure.project", "expenditure.reserve")


def _table(ctx: Context, schema: str) -> Table | None:
    return table_of(ctx.report, schema)


@REGISTRY.rule(
    "GF-T021",
    title="收入预算总表 (by source): 收入总计 and each 小计 equal their parts",
    message=_SAYS,
    tags=("row-identity", "income", "regional"),
    reads=("budget.income_sources",),
)
def income_sources_add_up(ctx: Context) -> Iterator[Finding | None]:
    """收入总计 = the funds' 小计 + 上年结转和结余资金; each 小计 = its parts (those printed)."""
    table = _table(ctx, "budget.income_sources")
    if table is None:
        return
    for total, what, parts, rhs in _SOURCE_PARTS:
        row = table.get(total)
        present = [p for p in parts if table.get(p) is not None]
        if row is None or not present:
            continue
        yield sum_cells(
            ctx,
            (table, row, "amount"),
            [ref(table, p, "amount") for p in present],
            what=what,
            rhs=rhs,
        )


@REGISTRY.rule(
    "GF-T022",
    title="收支预算总表 (江苏): 当年小计, 合计 and the 支出用途 lines add up",
    message=_SAYS,
    tags=("row-identity", "balance", "regional"),
    reads=("budget.summary", "budget.fiscal_summary"),
)
def summary_uses_add_up(ctx: Context) -> Iterator[Finding | None]:
    """当年收入小计 + 上年结转 = 收入合计; 当年支出小计 + 结转下年 = 支出合计.

    基本支出 + 项目支出 + 单位预留机动经费 = 当年支出小计 (or 支出合计 where no 小计 is printed).
    """
    for schema, column in (("budget.summary", "amount"), ("budget.fiscal_summary", "total")):
        table = _table(ctx, schema)
        if table is None:
            continue
        current = table.get("expenditure.current")
        if table.get("income.current") is not None and table.get("income.total") is not None:
            yield sum_cells(
                ctx,
                ref(table, "income.total", "amount"),
                [ref(table, "income.current", "amount"), ref(table, "income.carryover", "amount")],
                what="收入合计",
                rhs="当年收入小计与上年结转资金之和",
            )
        if current is not None and table.get("expenditure.total") is not None:
            yield sum_cells(
                ctx,
                ref(table, "expenditure.total", column),
                [(table, current, column), ref(table, "expenditure.balance", column)],
                what="支出合计",
                rhs="当年支出小计与结转下年资金之和",
            )
        uses = [u for u in _USES if table.get(u) is not None]
        if not uses:
            continue
        target = current if current is not None else table.get("expenditure.total")
        if target is None:
            continue
        yield sum_cells(
            ctx,
            (table, target, column),
            [ref(table, u, column) for u in uses],
            what="当年支出小计" if current is not None else "支出合计",
            rhs="基本支出、项目支出与单位预留机动经费之和",
        )


@REGISTRY.rule(
    "GF-T023",
    title="支出预算总表 (by use): 合计 = 基本 + 项目 + 单位预留机动经费 + 结转下年",
    message=_SAYS,
    tags=("row-identity", "expenditure", "regional"),
    reads=("budget.spending_kinds",),
)
def spending_kinds_add_up(ctx: Context) -> Iterator[Finding | None]:
    """The one line of the 支出预算总表: 合计 is the sum of the uses printed."""
    table = _table(ctx, "budget.spending_kinds")
    if table is None:
        return
    parts = [k for k in ("basic", "project", "reserve", "balance") if has_column(table, k)]
    for row in table.rows:
        yield sum_cells(
            ctx,
            (table, row, "total"),
            [(table, row, k) for k in parts],
            what="合计",
            rhs="基本支出、项目支出、单位预留机动经费与结转下年资金之和",
        )


@REGISTRY.rule(
    "GF-T024",
    title="“三公”经费、会议费、培训费: 合计, “三公”小计 and 公务用车小计 add up",
    message=_SAYS,
    tags=("row-identity", "three-public", "regional"),
    reads=("budget.three_public_meetings",),
)
def three_public_meetings_add_up(ctx: Context) -> Iterator[Finding | None]:
    """合计 = “三公”经费 + 会议费 + 培训费; “三公”经费 = 出国 + 公务用车 + 接待.

    And 公务用车 = 购置 + 运行维护.
    """
    table = _table(ctx, "budget.three_public_meetings")
    if table is None:
        return
    checks = (
        ("grand_total", ("total", "meeting", "training"), "合计", "“三公”经费、会议费与培训费之和"),
        (
            "total",
            ("abroad", "vehicle", "reception"),
            "“三公”经费小计",
            "因公出国（境）费、公务用车购置及运行维护费与公务接待费之和",
        ),
        (
            "vehicle",
            ("vehicle_purchase", "vehicle_operation"),
            "公务用车购置及运行维护费",
            "公务用车购置费与运行维护费之和",
        ),
    )
    for row in table.rows:
        for total, parts, what, rhs in checks:
            if not has_column(table, total):
                continue
            yield sum_cells(
                ctx,
                (table, row, total),
                [(table, row, k) for k in parts if has_column(table, k)],
                what=what,
                rhs=rhs,
            )


_AGREES: Final = "{table}{what}为{actual}{unit}，{other}为{expected}{unit}"


@REGISTRY.rule(
    "GF-X021",
    title="收支预算总表 income agrees with the 收入预算总表 (by source)",
    message=_AGREES,
    tags=("cross-table", "income", "regional"),
    reads=("budget.summary", "budget.income_sources"),
)
def summary_matches_income_sources(ctx: Context) -> Iterator[Finding | None]:
    """收入合计, 一般公共预算, 政府性基金, 财政专户, 其他资金 and 上年结转 agree line by line."""
    summary = _table(ctx, "budget.summary")
    sources = _table(ctx, "budget.income_sources")
    if summary is None or sources is None:
        return
    for key, name in (
        ("income.total", "收入合计"),
        ("income.general_budget", "一般公共预算"),
        ("income.fund_budget", "政府性基金预算"),
        ("income.special_account", "财政专户管理资金"),
        ("income.other_funds", "其他资金"),
        ("income.carryover", "上年结转资金"),
    ):
        if summary.get(key) is None or sources.get(key) is None:
            continue
        yield sum_cells(
            ctx,
            ref(summary, key, "amount"),
            [ref(sources, key, "amount")],
            what=name,
            other=f"{sources.label}{name}",
        )


@REGISTRY.rule(
    "GF-X022",
    title="收支预算总表 支出用途 agrees with the 支出预算总表 (by use)",
    message=_AGREES,
    tags=("cross-table", "expenditure", "regional"),
    reads=("budget.summary", "budget.spending_kinds"),
)
def summary_matches_spending_kinds(ctx: Context) -> Iterator[Finding | None]:
    """支出合计, 基本支出, 项目支出, 单位预留机动经费 and 结转下年资金 agree."""
    summary = _table(ctx, "budget.summary")
    kinds = _table(ctx, "budget.spending_kinds")
    if summary is None or kinds is None or not kinds.rows:
        return
    line = kinds.rows[0]
    for key, column, name in (
        ("expenditure.total", "total", "支出合计"),
        ("expenditure.basic", "basic", "基本支出"),
        ("expenditure.project", "project", "项目支出"),
        ("expenditure.reserve", "reserve", "单位预留机动经费"),
        ("expenditure.balance", "balance", "结转下年资金"),
    ):
        if summary.get(key) is None or not has_column(kinds, column):
            continue
        yield sum_cells(
            ctx,
            ref(summary, key, "amount"),
            [(kinds, line, column)],
            what=name,
            other=f"{kinds.label}{name}",
        )


def _total(table: Table) -> Ref:
    return (table, total_row(table), "total")


@REGISTRY.rule(
    "GF-X023",
    title="财政拨款收支预算总表 agrees with the 财政拨款支出 and 基本支出 预算表",
    message=_AGREES,
    tags=("cross-table", "fiscal", "regional"),
    reads=("budget.fiscal_summary", "budget.fiscal_expenditure", "budget.fiscal_basic"),
)
def fiscal_summary_matches_fiscal_tables(ctx: Context) -> Iterator[Finding | None]:
    """支出合计 = the 财政拨款支出预算表 合计; 基本支出 = the 财政拨款基本支出预算表 合计."""
    fiscal = _table(ctx, "budget.fiscal_summary")
    if fiscal is None or not has_column(fiscal, "total"):
        return
    for key, schema, name in (
        ("expenditure.total", "budget.fiscal_expenditure", "支出合计"),
        ("expenditure.basic", "budget.fiscal_basic", "基本支出"),
    ):
        other = _table(ctx, schema)
        if other is None or fiscal.get(key) is None or total_row(other) is None:
            continue
        yield sum_cells(
            ctx,
            ref(fiscal, key, "total"),
            [_total(other)],
            what=name,
            other=f"{other.label}合计",
        )


@REGISTRY.rule(
    "GF-X024",
    title="财政拨款支出 = 一般公共预算支出 + 政府性基金支出, in total and by code",
    message=_AGREES,
    tags=("cross-table", "fiscal", "regional"),
    reads=("budget.fiscal_expenditure", "budget.general_budget", "budget.fund_budget"),
)
def fiscal_expenditure_is_sum_of_funds(ctx: Context) -> Iterator[Finding | None]:
    """Each row of the 财政拨款支出预算表 is the sum of the same row in the fund tables.

    合计 and every code: 一般公共预算 + 政府性基金 (+ 国有资本经营, when printed).
    """
    fiscal = _table(ctx, "budget.fiscal_expenditure")
    if fiscal is None:
        return
    funds = [
        t
        for s in ("budget.general_budget", "budget.fund_budget", "budget.state_capital")
        if (t := _table(ctx, s)) is not None
    ]
    if not funds:
        return
    total = total_row(fiscal)
    if total is not None:
        yield sum_cells(
            ctx,
            (fiscal, total, "total"),
            [_total(t) for t in funds],
            what="合计",
            other="各类财政拨款支出预算表合计之和",
        )
    codes = sorted({r.code for t in (fiscal, *funds) for r in t.rows if r.code})
    for code in codes:
        row = fiscal.get(code)
        parts = [(t, t.get(code), "total") for t in funds]
        if row is None and all(p[1] is None or p[1].value("total") is None for p in parts):
            continue
        yield sum_cells(
            ctx,
            (fiscal, row, "total"),
            parts,
            what=f"「{code}」",
            other="各类财政拨款支出预算表同一科目之和",
        )
