"""The nine tables of the 部门预算 public set, as Shanghai districts publish them.

Written from the 2025 区级部门预算 and 单位预算 of 上海市普陀区 (人民政府办公室,
商务委员会): tables in 元 with two decimals, except the 三公 table in 万元.
Their numbering (``1.`` … ``9.`` in the contents only) and titles differ from the
national 公开01–09表 of the 决算; the title printed over each table carries the
year and the scope (``2025年部门收入预算总表`` / ``2025年预算单位收入预算总表``),
which recognition ignores (a title ending with the schema's title matches).

The 单位预算 variant of 财务收支预算总表 splits 支出 into 合计, 基本支出 (人员经费,
公用经费) and 项目支出 where the 部门预算 prints one 预算数 column: those
columns are optional here.  Keys follow :mod:`govfin.funds` and
:mod:`govfin.tables.final`, so that a rule speaks of ``basic`` or
``general_budget`` alike in a 决算 and a 预算.

============================  ==================================================
schema id                     columns (amount) / fixed lines
============================  ==================================================
``budget.summary``            two-sided; 收入 ``amount`` (预算数); 支出 ``amount``
                              (预算数, or 合计 in 单位预算) and optional
                              ``personnel`` ``public`` (基本支出) ``project``.
                              Lines ``income.fiscal`` 财政拨款收入,
                              ``income.general_budget`` ``income.fund_budget``
                              ``income.state_capital`` (its parts),
                              ``income.service`` ``income.business``
                              ``income.other`` ``income.carryover``
                              ``income.total`` 收入总计; 支出 lines keyed by 类
                              code, ``expenditure.total`` 支出总计.
``budget.income``             ``total`` ``fiscal`` ``service`` ``business``
                              ``other`` (optional ``general_budget`` …
                              ``carryover``); rows by functional code, ``total``.
``budget.expenditure``        ``total`` ``basic`` ``project`` (optional
                              ``upper_remit`` ``business`` ``subsidiary``);
                              functional codes, ``total``.
``budget.fiscal_summary``     two-sided; 收入 ``amount``; 支出 ``total``
                              ``general_budget`` ``fund_budget`` ``state_capital``.
                              Lines ``income.general_budget`` ``income.fund_budget``
                              ``income.state_capital`` ``income.total``; 类 codes,
                              ``expenditure.total``.
``budget.general_budget``     ``total`` ``basic`` ``project``; functional codes, ``total``.
``budget.fund_budget``        as ``budget.general_budget`` (政府性基金预算支出).
``budget.state_capital``      as ``budget.general_budget`` (国有资本经营预算支出).
``budget.general_basic``      ``total`` ``personnel`` 人员经费 ``public`` 公用经费;
                              rows by 部门预算经济分类 code (类, 款), ``total``.
``budget.three_public``       in 万元: ``total`` ``abroad`` ``reception``
                              ``vehicle`` (小计) ``vehicle_purchase``
                              ``vehicle_operation``, ``operating`` 机关运行经费;
                              one line ``total`` (printed without a label).
============================  ==================================================

>>> BUDGET_INCOME.id, BUDGET_INCOME.unit.value
('budget.income', '元')
>>> [c.key for c in BUDGET_THREE_PUBLIC.amount_columns]
['total', 'abroad', 'reception', 'vehicle', 'vehicle_purchase', 'vehicle_operation', 'operating']
>>> BUDGET_THREE_PUBLIC.unit.value
'万元'
"""

from __future__ import annotations

from typing import Final

from govfin.amounts import Unit
from govfin.report import ReportKind
from govfin.tables.final import class_lines
from govfin.tables.schema import (
    ColumnKind,
    ColumnSpec,
    Layout,
    LineSpec,
    RowKeyKind,
    Side,
    TableSchema,
)

__all__ = [
    "BUDGET_EXPENDITURE",
    "BUDGET_FISCAL_SUMMARY",
    "BUDGET_FUND_BUDGET",
    "BUDGET_GENERAL_BASIC",
    "BUDGET_GENERAL_BUDGET",
    "BUDGET_INCOME",
    "BUDGET_SCHEMAS",
    "BUDGET_STATE_CAPITAL",
    "BUDGET_SUMMARY",
    "BUDGET_THREE_PUBLIC",
]


def _scoped(*titles: str) -> tuple[str, ...]:
    """Each title as printed for a 部门 and for a 单位 (预算单位)."""
    return tuple(f"{scope}{t}" for t in titles for scope in ("部门", "预算单位", "单位"))


def _code(title: str = "功能分类科目编码") -> ColumnSpec:
    return ColumnSpec(
        "code",
        title,
        variants=("科目编码", "功能分类科目编码", "功能科目编码", "科目代码", "编码"),
        kind=ColumnKind.CODE,
        description="functional classification code (类 款 项)",
    )


def _name() -> ColumnSpec:
    return ColumnSpec(
        "name",
        "功能分类科目名称",
        variants=("科目名称", "项目", "名称"),
        kind=ColumnKind.NAME,
        description="name of the code",
    )


def _amount(
    key: str,
    title: str,
    *variants: str,
    groups: tuple[str, ...] = (),
    side: Side | None = None,
    required: bool = True,
    description: str = "",
) -> ColumnSpec:
    return ColumnSpec(
        key,
        title,
        variants=variants,
        groups=groups,
        side=side,
        required=required,
        description=description,
    )


def _item(side: Side) -> ColumnSpec:
    return ColumnSpec(
        "item",
        "项目",
        variants=("项 目",),
        kind=ColumnKind.NAME,
        side=side,
        description=f"{side.value} line",
    )


_TOTAL_LINE: Final = LineSpec(
    "total", "合计", variants=("总计", "合  计"), required=True, description="total"
)

_INCOME_FUND_LINES: Final = (
    LineSpec(
        "income.general_budget",
        "一般公共预算资金",
        variants=("一般公共预算", "一般公共预算拨款", "一般公共预算财政拨款"),
        side=Side.INCOME,
        description="of which general-budget appropriation",
    ),
    LineSpec(
        "income.fund_budget",
        "政府性基金",
        variants=("政府性基金预算", "政府性基金拨款", "政府性基金预算财政拨款"),
        side=Side.INCOME,
        description="of which government-fund appropriation",
    ),
    LineSpec(
        "income.state_capital",
        "国有资本经营预算",
        variants=("国有资本经营预算拨款", "国有资本经营预算财政拨款", "国有资本经营预算资金"),
        side=Side.INCOME,
        description="of which state-capital appropriation",
    ),
)

BUDGET_SUMMARY: Final = TableSchema(
    id="budget.summary",
    kind=ReportKind.BUDGET,
    title="财务收支预算总表",
    title_variants=(*_scoped("财务收支预算总表"), "收支预算总表", "部门收支预算总表"),
    layout=Layout.TWO_SIDED,
    row_key=RowKeyKind.LINE,
    unit=Unit.YUAN,
    columns=(
        _item(Side.INCOME),
        _amount("amount", "预算数", "金额", "本年预算数", side=Side.INCOME),
        _item(Side.EXPENDITURE),
        _amount(
            "amount",
            "预算数",
            "合计",
            "金额",
            "本年预算数",
            side=Side.EXPENDITURE,
            description="total (预算数; 合计 under 预算数 in a 单位预算)",
        ),
        _amount(
            "personnel",
            "人员经费",
            side=Side.EXPENDITURE,
            required=False,
            description="basic spending: personnel (单位预算 only)",
        ),
        _amount(
            "public",
            "公用经费",
            side=Side.EXPENDITURE,
            required=False,
            description="basic spending: public (单位预算 only)",
        ),
        _amount(
            "project",
            "项目支出",
            side=Side.EXPENDITURE,
            required=False,
            description="project spending (单位预算 only)",
        ),
    ),
    lines=(
        LineSpec(
            "income.fiscal",
            "财政拨款收入",
            variants=("财政拨款",),
            side=Side.INCOME,
            required=True,
        ),
        *_INCOME_FUND_LINES,
        LineSpec("income.service", "事业收入", side=Side.INCOME),
        LineSpec(
            "income.business",
            "事业单位经营收入",
            variants=("经营收入",),
            side=Side.INCOME,
        ),
        LineSpec("income.other", "其他收入", side=Side.INCOME),
        LineSpec(
            "income.carryover",
            "上年结转结余",
            variants=("上年结转", "年初结转和结余", "上年结转和结余"),
            side=Side.INCOME,
        ),
        LineSpec(
            "income.total",
            "收入总计",
            variants=("本年收入合计", "收入合计"),
            side=Side.INCOME,
            required=True,
        ),
        *class_lines(None),
        LineSpec(
            "expenditure.balance",
            "年末结转结余",
            variants=("年终结转结余", "年末结转和结余"),
            side=Side.EXPENDITURE,
        ),
        LineSpec(
            "expenditure.total",
            "支出总计",
            variants=("本年支出合计", "支出合计"),
            side=Side.EXPENDITURE,
            required=True,
        ),
    ),
    description="Budgeted income by source and expenditure by functional class, all funds.",
)
"""The 财务收支预算总表 schema (``budget.summary``)."""

BUDGET_INCOME: Final = TableSchema(
    id="budget.income",
    kind=ReportKind.BUDGET,
    title="收入预算总表",
    title_variants=_scoped("收入预算总表"),
    classification="functional",
    unit=Unit.YUAN,
    columns=(
        _code(),
        _name(),
        _amount("total", "合计", "收入合计", "本年收入合计"),
        _amount("fiscal", "财政拨款收入", "财政拨款"),
        _amount(
            "general_budget",
            "一般公共预算",
            "一般公共预算资金",
            "一般公共预算拨款收入",
            required=False,
        ),
        _amount("fund_budget", "政府性基金", "政府性基金预算", required=False),
        _amount("state_capital", "国有资本经营预算", required=False),
        _amount("service", "事业收入"),
        _amount("business", "事业单位经营收入", "经营收入"),
        _amount("other", "其他收入"),
        _amount("carryover", "上年结转结余", "上年结转", required=False),
    ),
    lines=(_TOTAL_LINE,),
    description="Budgeted income by functional code and source.",
)
"""The 收入预算总表 schema (``budget.income``)."""

BUDGET_EXPENDITURE: Final = TableSchema(
    id="budget.expenditure",
    kind=ReportKind.BUDGET,
    title="支出预算总表",
    title_variants=_scoped("支出预算总表"),
    classification="functional",
    unit=Unit.YUAN,
    columns=(
        _code(),
        _name(),
        _amount("total", "合计", "支出合计", "本年支出合计"),
        _amount("basic", "基本支出"),
        _amount("project", "项目支出"),
        _amount("upper_remit", "上缴上级支出", required=False),
        _amount("business", "事业单位经营支出", "经营支出", required=False),
        _amount("subsidiary", "对附属单位补助支出", required=False),
    ),
    lines=(_TOTAL_LINE,),
    description="Budgeted expenditure by functional code and spending kind.",
)
"""The 支出预算总表 schema (``budget.expenditure``)."""

BUDGET_FISCAL_SUMMARY: Final = TableSchema(
    id="budget.fiscal_summary",
    kind=ReportKind.BUDGET,
    title="财政拨款收支预算总表",
    title_variants=(*_scoped("财政拨款收支预算总表"), "财政拨款收入支出预算总表"),
    layout=Layout.TWO_SIDED,
    row_key=RowKeyKind.LINE,
    unit=Unit.YUAN,
    columns=(
        _item(Side.INCOME),
        _amount("amount", "预算数", "金额", side=Side.INCOME),
        _item(Side.EXPENDITURE),
        _amount("total", "合计", "小计", side=Side.EXPENDITURE),
        _amount(
            "general_budget",
            "一般公共预算",
            "一般公共预算资金",
            "一般公共预算拨款",
            side=Side.EXPENDITURE,
        ),
        _amount(
            "fund_budget",
            "政府性基金预算",
            "政府性基金",
            "政府性基金拨款",
            side=Side.EXPENDITURE,
        ),
        _amount(
            "state_capital",
            "国有资本经营预算",
            "国有资本经营预算拨款",
            side=Side.EXPENDITURE,
        ),
    ),
    lines=(
        *_INCOME_FUND_LINES,
        LineSpec(
            "income.total",
            "收入总计",
            variants=("本年收入合计", "收入合计"),
            side=Side.INCOME,
            required=True,
        ),
        *class_lines(None),
        LineSpec(
            "expenditure.total",
            "支出总计",
            variants=("本年支出合计", "支出合计"),
            side=Side.EXPENDITURE,
            required=True,
        ),
    ),
    description="Fiscal appropriations by fund: income, and spending by functional class.",
)
"""The 财政拨款收支预算总表 schema (``budget.fiscal_summary``)."""


def _functional(schema_id: str, title: str, description: str) -> TableSchema:
    return TableSchema(
        id=schema_id,
        kind=ReportKind.BUDGET,
        title=title,
        title_variants=_scoped(title),
        classification="functional",
        unit=Unit.YUAN,
        columns=(
            _code(),
            _name(),
            _amount("total", "合计", "小计"),
            _amount("basic", "基本支出"),
            _amount("project", "项目支出"),
        ),
        lines=(_TOTAL_LINE,),
        description=description,
    )


BUDGET_GENERAL_BUDGET: Final = _functional(
    "budget.general_budget",
    "一般公共预算支出功能分类预算表",
    "General-budget spending by functional code: basic and project.",
)
"""The 一般公共预算支出功能分类预算表 schema (``budget.general_budget``)."""

BUDGET_FUND_BUDGET: Final = _functional(
    "budget.fund_budget",
    "政府性基金预算支出功能分类预算表",
    "Government-fund spending by functional code: basic and project.",
)
"""The 政府性基金预算支出功能分类预算表 schema (``budget.fund_budget``)."""

BUDGET_STATE_CAPITAL: Final = _functional(
    "budget.state_capital",
    "国有资本经营预算支出功能分类预算表",
    "State-capital spending by functional code: basic and project.",
)
"""The 国有资本经营预算支出功能分类预算表 schema (``budget.state_capital``)."""

BUDGET_GENERAL_BASIC: Final = TableSchema(
    id="budget.general_basic",
    kind=ReportKind.BUDGET,
    title="一般公共预算基本支出部门预算经济分类预算表",
    title_variants=(
        *_scoped("一般公共预算基本支出部门预算经济分类预算表"),
        "一般公共预算基本支出经济分类预算表",
        "一般公共预算基本支出预算表",
    ),
    classification="economic",
    unit=Unit.YUAN,
    columns=(
        ColumnSpec(
            "code",
            "部门预算经济分类科目编码",
            variants=("经济分类科目编码", "科目编码", "编码", "部门预算经济分类科目"),
            kind=ColumnKind.CODE,
            description="部门预算支出经济分类 code (类 款)",
        ),
        ColumnSpec(
            "name",
            "经济分类科目名称",
            variants=("部门经济分类科目名称", "部门预算经济分类科目名称", "科目名称", "名称"),
            kind=ColumnKind.NAME,
            description="name of the code",
        ),
        _amount("total", "合计", "小计"),
        _amount("personnel", "人员经费"),
        _amount("public", "公用经费"),
    ),
    lines=(_TOTAL_LINE,),
    description="General-budget basic spending by economic code: personnel and public.",
)
"""The 一般公共预算基本支出部门预算经济分类预算表 schema (``budget.general_basic``)."""

_VEHICLE: Final = "公务用车购置及运行费|公务用车购置及运行维护费"

BUDGET_THREE_PUBLIC: Final = TableSchema(
    id="budget.three_public",
    kind=ReportKind.BUDGET,
    title="“三公”经费和机关运行经费预算表",
    title_variants=(
        *_scoped("“三公”经费和机关运行经费预算表"),
        "财政拨款“三公”经费和机关运行经费预算表",
        "“三公”经费预算表",
    ),
    row_key=RowKeyKind.LINE,
    unit=Unit.WANYUAN,
    columns=(
        _amount("total", "合计", "“三公”经费合计"),
        _amount(
            "abroad",
            "因公出国(境)费",
            "因公出国（境）费",
            "因公出国（境）费用",
        ),
        _amount("reception", "公务接待费"),
        _amount("vehicle", "小计", groups=(_VEHICLE,)),
        _amount(
            "vehicle_purchase",
            "购置费",
            "公务用车购置费",
            groups=(_VEHICLE,),
        ),
        _amount(
            "vehicle_operation",
            "运行费",
            "公务用车运行费",
            "运行维护费",
            "公务用车运行维护费",
            groups=(_VEHICLE,),
        ),
        _amount(
            "operating",
            "机关运行经费预算数",
            "机关运行经费预算",
            "机关运行经费",
            description="机关运行经费 (the public expenses of the administration)",
        ),
    ),
    lines=(
        LineSpec(
            "total",
            "合计",
            variants=("金额", "预算数"),
            description="the only line (printed without a label)",
        ),
    ),
    description="三公 budget (abroad, vehicles, reception) and 机关运行经费, in 万元.",
)
"""The “三公”经费和机关运行经费预算表 schema (``budget.three_public``)."""

BUDGET_SCHEMAS: Final = (
    BUDGET_SUMMARY,
    BUDGET_INCOME,
    BUDGET_EXPENDITURE,
    BUDGET_FISCAL_SUMMARY,
    BUDGET_GENERAL_BUDGET,
    BUDGET_FUND_BUDGET,
    BUDGET_STATE_CAPITAL,
    BUDGET_GENERAL_BASIC,
    BUDGET_THREE_PUBLIC,
)
"""The nine 预算 schemas in the order the Shanghai documents print them."""
