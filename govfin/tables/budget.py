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
from govfin.funds import FiscalFund, RevenueSource, SpendingKind
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
    amount_column,
    code_column,
    item_column,
    kept_table,
    name_column,
    text_column,
)

__all__ = [
    "BUDGET_EXPENDITURE",
    "BUDGET_FISCAL_BASIC",
    "BUDGET_FISCAL_EXPENDITURE",
    "BUDGET_FISCAL_SUMMARY",
    "BUDGET_FUND_BUDGET",
    "BUDGET_GENERAL_BASIC",
    "BUDGET_GENERAL_BUDGET",
    "BUDGET_INCOME",
    "BUDGET_INCOME_SOURCES",
    "BUDGET_KEPT_SCHEMAS",
    "BUDGET_OPERATING",
    "BUDGET_PROCUREMENT",
    "BUDGET_REGIONAL_SCHEMAS",
    "BUDGET_SCHEMAS",
    "BUDGET_SPENDING_KINDS",
    "BUDGET_STATE_CAPITAL",
    "BUDGET_SUMMARY",
    "BUDGET_THREE_PUBLIC",
    "BUDGET_THREE_PUBLIC_MEETINGS",
]


def _scoped(*titles: str) -> tuple[str, ...]:
    """Each title as printed for a 部门 and for a 单位 (预算单位)."""
    return tuple(f"{scope}{t}" for t in titles for scope in ("部门", "预算单位", "单位"))


def _code(title: str = "功能分类科目编码") -> ColumnSpec:
    return code_column(
        title,
        "科目编码",
        "功能分类科目编码",
        "功能科目编码",
        "功能科目代码",
        "科目代码",
        "编码",
        description="functional classification code (类 款 项)",
    )


def _name() -> ColumnSpec:
    return name_column("功能分类科目名称", "科目名称", "功能科目名称", "项目", "名称")


def _item(side: Side) -> ColumnSpec:
    return item_column(side, "项 目", "项目名称", "项目名", "功能科目名称", "科目名称")


_TOTAL_LINE: Final = LineSpec(
    "total", "合计", variants=("总计", "合  计"), required=True, description="total"
)

_INCOME_FUND_LINES: Final = (
    LineSpec(
        "income.general_budget",
        "一般公共预算资金",
        variants=(
            "一般公共预算",
            "一般公共预算拨款",
            "一般公共预算财政拨款",
            "一般公共预算拨款收入",
        ),
        side=Side.INCOME,
        description="of which general-budget appropriation",
    ),
    LineSpec(
        "income.fund_budget",
        "政府性基金",
        variants=(
            "政府性基金预算",
            "政府性基金拨款",
            "政府性基金预算财政拨款",
            "政府性基金预算拨款收入",
        ),
        side=Side.INCOME,
        description="of which government-fund appropriation",
    ),
    LineSpec(
        "income.state_capital",
        "国有资本经营预算",
        variants=(
            "国有资本经营预算拨款",
            "国有资本经营预算财政拨款",
            "国有资本经营预算资金",
            "国有资本经营预算拨款收入",
        ),
        side=Side.INCOME,
        description="of which state-capital appropriation",
    ),
)

_USE_LINES: Final = (
    LineSpec(
        "expenditure.basic",
        "基本支出",
        side=Side.EXPENDITURE,
        description="spending by use (支出用途): basic",
    ),
    LineSpec(
        "expenditure.project",
        "项目支出",
        side=Side.EXPENDITURE,
        description="spending by use (支出用途): project",
    ),
    LineSpec(
        "expenditure.reserve",
        "单位预留机动经费",
        variants=("预留机动经费", "机动经费"),
        side=Side.EXPENDITURE,
        description="spending by use (支出用途): the unit's reserve (江苏)",
    ),
)
"""The 支出用途 lines a 江苏 总表 prints beside the functional 类 (基本, 项目, 预留)."""

BUDGET_SUMMARY: Final = TableSchema(
    id="budget.summary",
    kind=ReportKind.BUDGET,
    title="财务收支预算总表",
    # 收支总表 / 部门收支总表 / 单位收支总表: the national template and 上海 from 2024
    title_variants=(
        *_scoped("财务收支预算总表"),
        "收支预算总表",
        "部门收支预算总表",
        *_scoped("收支总表", "财务收支总表"),
        "收支总表",
    ),
    layout=Layout.TWO_SIDED,
    row_key=RowKeyKind.LINE,
    unit=Unit.YUAN,
    columns=(
        _item(Side.INCOME),
        amount_column("amount", "预算数", "金额", "本年预算数", side=Side.INCOME),
        _item(Side.EXPENDITURE),
        amount_column(
            "amount",
            "预算数",
            "合计",
            "金额",
            "本年预算数",
            side=Side.EXPENDITURE,
            description="total (预算数; 合计 under 预算数 in a 单位预算)",
        ),
        amount_column(
            "personnel",
            "人员经费",
            side=Side.EXPENDITURE,
            required=False,
            description="basic spending: personnel (单位预算 only)",
        ),
        amount_column(
            "public",
            "公用经费",
            side=Side.EXPENDITURE,
            required=False,
            description="basic spending: public (单位预算 only)",
        ),
        amount_column(
            SpendingKind.PROJECT,
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
        LineSpec(
            "income.special_account",
            "财政专户管理资金",
            variants=("财政专户管理资金收入",),
            side=Side.INCOME,
            description="funds managed in a fiscal special account (江苏)",
        ),
        LineSpec(
            "income.other_funds",
            "其他资金",
            side=Side.INCOME,
            description="other funds: 事业收入, 经营收入, 其他收入 (江苏)",
        ),
        LineSpec("income.service", "事业收入", side=Side.INCOME),
        LineSpec(
            "income.business",
            "事业单位经营收入",
            variants=("经营收入",),
            side=Side.INCOME,
        ),
        LineSpec("income.other", "其他收入", side=Side.INCOME),
        LineSpec(
            "income.current",
            "当年收入小计",
            variants=("本年收入小计",),
            side=Side.INCOME,
            description="income of the year, before the carry-over (江苏)",
        ),
        LineSpec(
            "income.carryover",
            "上年结转结余",
            variants=("上年结转", "年初结转和结余", "上年结转和结余", "上年结转资金"),
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
        *_USE_LINES,
        LineSpec(
            "expenditure.current",
            "当年支出小计",
            variants=("本年支出小计",),
            side=Side.EXPENDITURE,
            description="spending of the year, before the carry-forward (江苏)",
        ),
        LineSpec(
            "expenditure.balance",
            "年末结转结余",
            variants=("年终结转结余", "年末结转和结余", "结转下年资金", "结转下年"),
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
    title_variants=(*_scoped("收入预算总表", "收入总表"), "收入总表"),
    classification="functional",
    unit=Unit.YUAN,
    columns=(
        _code(),
        _name(),
        amount_column("total", "合计", "收入合计", "本年收入合计"),
        # the national template prints the funds without 财政拨款收入 over them
        amount_column(RevenueSource.FISCAL, "财政拨款收入", "财政拨款", required=False),
        amount_column(
            RevenueSource.GENERAL_BUDGET,
            "一般公共预算",
            "一般公共预算资金",
            "一般公共预算拨款收入",
            "一般公共预算拨款",
            required=False,
        ),
        amount_column(
            RevenueSource.FUND_BUDGET,
            "政府性基金",
            "政府性基金预算",
            "政府性基金预算拨款收入",
            "政府性基金拨款收入",
            required=False,
        ),
        amount_column(
            RevenueSource.STATE_CAPITAL,
            "国有资本经营预算",
            "国有资本经营预算拨款收入",
            required=False,
        ),
        amount_column(
            "special_account",
            "财政专户管理资金收入",
            "财政专户管理资金",
            required=False,
            description="funds managed in a fiscal special account",
        ),
        amount_column(RevenueSource.UPPER_GRANT, "上级补助收入", required=False),
        amount_column(RevenueSource.SERVICE, "事业收入"),
        amount_column(RevenueSource.BUSINESS, "事业单位经营收入", "经营收入"),
        amount_column(
            RevenueSource.SUBSIDIARY, "附属单位上缴收入", "下级单位上缴收入", required=False
        ),
        amount_column(RevenueSource.OTHER, "其他收入"),
        amount_column(
            RevenueSource.NON_FISCAL_BALANCE,
            "用事业基金弥补收支差额",
            "使用非财政拨款结余",
            required=False,
        ),
        amount_column(
            RevenueSource.CARRYOVER, "上年结转结余", "上年结转", "上年结余", required=False
        ),
    ),
    lines=(_TOTAL_LINE,),
    description="Budgeted income by functional code and source.",
)
"""The 收入预算总表 schema (``budget.income``)."""

BUDGET_EXPENDITURE: Final = TableSchema(
    id="budget.expenditure",
    kind=ReportKind.BUDGET,
    title="支出预算总表",
    title_variants=(*_scoped("支出预算总表", "支出总表"), "支出总表"),
    classification="functional",
    unit=Unit.YUAN,
    columns=(
        _code(),
        _name(),
        amount_column("total", "合计", "支出合计", "本年支出合计"),
        amount_column(SpendingKind.BASIC, "基本支出"),
        amount_column(SpendingKind.PROJECT, "项目支出"),
        amount_column(SpendingKind.UPPER_REMIT, "上缴上级支出", required=False),
        amount_column(SpendingKind.BUSINESS, "事业单位经营支出", "经营支出", required=False),
        amount_column(
            SpendingKind.SUBSIDIARY, "对附属单位补助支出", "对下级单位补助支出", required=False
        ),
    ),
    lines=(_TOTAL_LINE,),
    description="Budgeted expenditure by functional code and spending kind.",
)
"""The 支出预算总表 schema (``budget.expenditure``)."""

BUDGET_FISCAL_SUMMARY: Final = TableSchema(
    id="budget.fiscal_summary",
    kind=ReportKind.BUDGET,
    title="财政拨款收支预算总表",
    title_variants=(
        *_scoped("财政拨款收支预算总表", "财政拨款收支总表"),
        "财政拨款收入支出预算总表",
        "财政拨款收支总表",
    ),
    layout=Layout.TWO_SIDED,
    row_key=RowKeyKind.LINE,
    unit=Unit.YUAN,
    columns=(
        _item(Side.INCOME),
        amount_column("amount", "预算数", "金额", side=Side.INCOME),
        _item(Side.EXPENDITURE),
        amount_column("total", "合计", "小计", "金额", side=Side.EXPENDITURE),
        amount_column(
            FiscalFund.GENERAL_BUDGET,
            "一般公共预算",
            "一般公共预算资金",
            "一般公共预算拨款",
            side=Side.EXPENDITURE,
            required=False,
        ),
        amount_column(
            FiscalFund.FUND_BUDGET,
            "政府性基金预算",
            "政府性基金",
            "政府性基金拨款",
            side=Side.EXPENDITURE,
            required=False,
        ),
        amount_column(
            FiscalFund.STATE_CAPITAL,
            "国有资本经营预算",
            "国有资本经营预算拨款",
            side=Side.EXPENDITURE,
            required=False,
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
        *_USE_LINES,
        LineSpec(
            "expenditure.total",
            "支出总计",
            variants=("本年支出合计", "支出合计"),
            side=Side.EXPENDITURE,
            required=True,
        ),
    ),
    description=(
        "Fiscal appropriations by fund: income, and spending by functional class "
        "(or, in 江苏, by use: 基本, 项目, 单位预留机动经费 in one 金额 column)."
    ),
)
"""The 财政拨款收支预算总表 schema (``budget.fiscal_summary``)."""


def _functional(schema_id: str, title: str, description: str, *variants: str) -> TableSchema:
    return TableSchema(
        id=schema_id,
        kind=ReportKind.BUDGET,
        title=title,
        title_variants=(*_scoped(title), *variants),
        classification="functional",
        unit=Unit.YUAN,
        columns=(
            _code(),
            _name(),
            amount_column("total", "合计", "小计", "金额"),
            # 江苏 prints one 金额 column: the split is optional
            amount_column(SpendingKind.BASIC, "基本支出", required=False),
            amount_column("personnel", "人员经费", required=False),
            amount_column("public", "公用经费", required=False),
            amount_column(SpendingKind.PROJECT, "项目支出", required=False),
        ),
        lines=(_TOTAL_LINE,),
        description=description,
    )


BUDGET_GENERAL_BUDGET: Final = _functional(
    "budget.general_budget",
    "一般公共预算支出功能分类预算表",
    "General-budget spending by functional code: basic and project.",
    "一般公共预算支出预算表",
    "一般公共预算财政拨款支出预算表",
    "一般公共预算支出表",  # the national template
    *_scoped("一般公共预算支出表", "一般公共预算拨款表"),  # 上海 单位预算 from 2024
    "一般公共预算拨款表",
)
"""The 一般公共预算支出功能分类预算表 schema (``budget.general_budget``)."""

BUDGET_FUND_BUDGET: Final = _functional(
    "budget.fund_budget",
    "政府性基金预算支出功能分类预算表",
    "Government-fund spending by functional code: basic and project.",
    "政府性基金支出预算表",
    "政府性基金预算支出预算表",
    "财政拨款政府性基金支出预算表",
    "政府性基金预算财政拨款支出预算表",
    "政府性基金预算支出表",  # the national template
    *_scoped("政府性基金预算支出表", "政府性基金拨款表"),  # 上海 单位预算 from 2024
    "政府性基金拨款表",
)
"""The 政府性基金预算支出功能分类预算表 schema (``budget.fund_budget``)."""

BUDGET_STATE_CAPITAL: Final = _functional(
    "budget.state_capital",
    "国有资本经营预算支出功能分类预算表",
    "State-capital spending by functional code: basic and project.",
    "国有资本经营预算支出表",  # the national template
    *_scoped("国有资本经营预算支出表", "国有资本经营预算拨款表"),  # 上海 单位预算 from 2024
    "国有资本经营预算拨款表",
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
        "一般公共预算基本支出表",  # the national template
        *_scoped("一般公共预算基本支出表", "一般公共预算拨款基本支出明细表"),
        "一般公共预算拨款基本支出明细表",  # 上海 单位预算 from 2024
    ),
    classification="economic",
    unit=Unit.YUAN,
    columns=(
        code_column(
            "部门预算经济分类科目编码",
            "经济分类科目编码",
            "科目编码",
            "编码",
            "部门预算经济分类科目",
            description="部门预算支出经济分类 code (类 款)",
        ),
        name_column(
            "经济分类科目名称",
            "部门经济分类科目名称",
            "部门预算经济分类科目名称",
            "科目名称",
            "名称",
        ),
        amount_column("total", "合计", "小计", "金额"),
        # 江苏 prints one 金额 column: the split is optional
        amount_column("personnel", "人员经费", required=False),
        amount_column("public", "公用经费", required=False),
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
        # the national template; 上海 单位预算 from 2024
        *_scoped("“三公”经费支出表", "“三公”经费和机关运行费预算表"),
        "“三公”经费支出表",
        "财政拨款“三公”经费支出表",
        "一般公共预算“三公”经费支出表",
        "“三公”经费和机关运行费预算表",
    ),
    row_key=RowKeyKind.LINE,
    unit=Unit.WANYUAN,
    columns=(
        amount_column("total", "合计", "“三公”经费合计"),
        amount_column(
            "abroad",
            "因公出国(境)费",
            "因公出国（境）费",
            "因公出国（境）费用",
        ),
        amount_column("reception", "公务接待费"),
        amount_column("vehicle", "小计", groups=(_VEHICLE,)),
        amount_column(
            "vehicle_purchase",
            "购置费",
            "公务用车购置费",
            groups=(_VEHICLE,),
        ),
        amount_column(
            "vehicle_operation",
            "运行费",
            "公务用车运行费",
            "运行维护费",
            "公务用车运行维护费",
            groups=(_VEHICLE,),
        ),
        amount_column(
            "operating",
            "机关运行经费预算数",
            "机关运行经费预算",
            "机关运行经费",
            "机关运行费",
            required=False,  # the national template's “三公” table does not print it
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

# --- 江苏 2017–2018 (and other provinces of that period): tables without a
# counterpart above.  Data only: the same declarations recognise the variants
# of these titles other regions print.


def _economic_code() -> ColumnSpec:
    return code_column(
        "部门预算经济分类科目编码",
        "经济分类科目编码",
        "经济科目编码",
        "科目编码",
        "科目代码",
        "编码",
        description="部门预算支出经济分类 code (类 款)",
    )


def _economic_name() -> ColumnSpec:
    return name_column("经济分类科目名称", "经济科目名称", "科目名称", "名称")


def _sources_line(
    key: str, label: str, *variants: str, required: bool = False, description: str = ""
) -> LineSpec:
    return LineSpec(key, label, variants=variants, required=required, description=description)


BUDGET_INCOME_SOURCES: Final = TableSchema(
    id="budget.income_sources",
    kind=ReportKind.BUDGET,
    title="收入预算总表",
    title_variants=_scoped("收入预算总表"),
    row_key=RowKeyKind.LINE,
    columns=(
        ColumnSpec(
            "item",
            "项目名称",
            variants=("项目", "收入项目"),
            kind=ColumnKind.NAME,
            description="income source (two levels: the fund, then its parts)",
        ),
        amount_column("amount", "金额", "预算数", "本年预算数"),
    ),
    lines=(
        _sources_line("income.total", "收入总计", "收入合计", required=True),
        _sources_line(
            "income.general_budget",
            "一般公共预算资金小计",
            "一般公共预算资金",
            "一般公共预算",
            description="general-budget funds",
        ),
        _sources_line(
            "income.general_budget.appropriation",
            "公共财政拨款(补助)资金",
            "公共财政拨款资金",
            "一般公共预算拨款",
            description="of which the appropriation",
        ),
        _sources_line(
            "income.general_budget.special",
            "专项收入",
            description="of which earmarked revenue",
        ),
        _sources_line(
            "income.fund_budget",
            "政府性基金小计",
            "政府性基金",
            "政府性基金预算",
            description="government-fund appropriation",
        ),
        _sources_line(
            "income.special_account",
            "财政专户管理资金小计",
            "财政专户管理资金",
            description="funds managed in a fiscal special account",
        ),
        _sources_line(
            "income.special_account.education",
            "专户管理教育收费",
            description="of which education fees",
        ),
        _sources_line(
            "income.special_account.other_nontax",
            "其他非税收入",
            description="of which other non-tax revenue",
        ),
        _sources_line(
            "income.other_funds",
            "其他资金小计",
            "其他资金",
            description="other funds (事业收入, 经营收入, 其他收入, 债务资金)",
        ),
        _sources_line("income.service", "事业收入", description="public service income"),
        _sources_line(
            "income.business", "经营收入", "事业单位经营收入", description="business income"
        ),
        _sources_line("income.other", "其他收入", description="other income"),
        _sources_line(
            "income.debt",
            "债务资金(银行贷款)",
            "债务资金",
            description="debt financing (bank loans)",
        ),
        _sources_line(
            "income.carryover",
            "上年结转和结余资金小计",
            "上年结转和结余资金",
            "上年结转资金",
            description="carry-over from the previous year",
        ),
        _sources_line(
            "income.carryover.used",
            "其中：动用上年结转和结余资金",
            "动用上年结转和结余资金",
            description="of which used this year",
        ),
    ),
    description=(
        "Budgeted income by source, one 金额 column (江苏): ``income.total`` = "
        "``income.general_budget`` + ``income.fund_budget`` + ``income.special_account`` "
        "+ ``income.other_funds`` + ``income.carryover``; each fund's 小计 is the sum "
        "of its parts."
    ),
)
"""The 收入预算总表 by source (``budget.income_sources``), as 江苏 prints it."""

BUDGET_SPENDING_KINDS: Final = TableSchema(
    id="budget.spending_kinds",
    kind=ReportKind.BUDGET,
    title="支出预算总表",
    title_variants=_scoped("支出预算总表"),
    row_key=RowKeyKind.LINE,
    columns=(
        amount_column("total", "合计", "支出合计", "总计"),
        amount_column(SpendingKind.BASIC, "基本支出"),
        amount_column(SpendingKind.PROJECT, "项目支出"),
        amount_column(
            "reserve",
            "单位预留机动经费",
            "预留机动经费",
            required=False,
            description="the unit's reserve",
        ),
        amount_column(
            "balance",
            "结转下年资金",
            "结转下年",
            "年末结转结余",
            required=False,
            description="carried forward to the next year",
        ),
    ),
    lines=(
        LineSpec(
            "total",
            "合计",
            variants=("金额",),
            description="the only line (printed without a label)",
        ),
    ),
    description=(
        "Budgeted spending by use in one line (江苏): ``total`` = ``basic`` + ``project`` "
        "+ ``reserve`` + ``balance``."
    ),
)
"""The 支出预算总表 by use (``budget.spending_kinds``), as 江苏 prints it."""

BUDGET_FISCAL_EXPENDITURE: Final = _functional(
    "budget.fiscal_expenditure",
    "财政拨款支出预算表",
    "Fiscal-appropriation spending (all funds) by functional code.",
    "财政拨款支出预算表(功能科目)",
    "财政拨款支出表",  # the national template
    *_scoped("财政拨款支出表"),
)
"""The 财政拨款支出预算表 schema (``budget.fiscal_expenditure``)."""


def _economic(schema_id: str, title: str, description: str, *variants: str) -> TableSchema:
    return TableSchema(
        id=schema_id,
        kind=ReportKind.BUDGET,
        title=title,
        title_variants=(*_scoped(title), *variants),
        classification="economic",
        unit=Unit.YUAN,
        columns=(
            _economic_code(),
            _economic_name(),
            amount_column("total", "合计", "小计", "金额"),
            amount_column("personnel", "人员经费", required=False),
            amount_column("public", "公用经费", required=False),
        ),
        lines=(_TOTAL_LINE,),
        description=description,
    )


BUDGET_FISCAL_BASIC: Final = _economic(
    "budget.fiscal_basic",
    "财政拨款基本支出预算表",
    "Fiscal-appropriation basic spending (all funds) by economic code.",
    "财政拨款基本支出经济分类预算表",
)
"""The 财政拨款基本支出预算表 schema (``budget.fiscal_basic``)."""

BUDGET_OPERATING: Final = TableSchema(
    id="budget.operating",
    kind=ReportKind.BUDGET,
    title="一般公共预算机关运行经费支出预算表",
    title_variants=(
        *_scoped("一般公共预算机关运行经费支出预算表"),
        "机关运行经费支出预算表",
        "一般公共预算机关运行经费预算表",
    ),
    classification="economic",
    unit=Unit.YUAN,
    columns=(
        _economic_code(),
        _economic_name(),
        amount_column("total", "机关运行经费支出", "机关运行经费", "金额", "合计", "预算数"),
    ),
    lines=(_TOTAL_LINE,),
    description="机关运行经费 (general budget) by economic code, one ``total`` column.",
)
"""The 一般公共预算机关运行经费支出预算表 schema (``budget.operating``)."""

_THREE: Final = "“三公”经费|三公经费"

BUDGET_THREE_PUBLIC_MEETINGS: Final = TableSchema(
    id="budget.three_public_meetings",
    kind=ReportKind.BUDGET,
    title="“三公”经费、会议费、培训费支出预算表",
    title_variants=(
        *_scoped("“三公”经费、会议费、培训费支出预算表"),
        "一般公共预算“三公”经费、会议费、培训费支出预算表",
        "“三公”经费、会议费和培训费支出预算表",
        "“三公”经费、会议费、培训费预算表",
    ),
    row_key=RowKeyKind.LINE,
    unit=Unit.WANYUAN,
    columns=(
        amount_column(
            "grand_total",
            "合计",
            "总计",
            description="“三公”经费 + 会议费 + 培训费",
        ),
        # vehicle before total: both are a 小计 under “三公”经费, vehicle also under 公务用车
        amount_column("vehicle", "小计", groups=(_VEHICLE,)),
        amount_column(
            "total",
            "小计",
            "合计",
            groups=(_THREE,),
            description="the “三公”经费 subtotal",
        ),
        amount_column("abroad", "因公出国(境)费", "因公出国（境）费", "因公出国（境）费用"),
        amount_column("vehicle_purchase", "购置费", "公务用车购置费", groups=(_VEHICLE,)),
        amount_column(
            "vehicle_operation",
            "运行费",
            "公务用车运行费",
            "运行维护费",
            "公务用车运行维护费",
            groups=(_VEHICLE,),
        ),
        amount_column("reception", "公务接待费"),
        amount_column("meeting", "会议费", description="meeting expenses"),
        amount_column("training", "培训费", description="training expenses"),
    ),
    lines=(
        LineSpec(
            "total",
            "合计",
            variants=("金额", "预算数"),
            description="the only line (printed without a label)",
        ),
    ),
    description=(
        "“三公”经费 with 会议费 and 培训费, in 万元 (江苏): ``grand_total`` = ``total`` "
        "+ ``meeting`` + ``training``; ``total`` = ``abroad`` + ``vehicle`` + ``reception``."
    ),
)
"""The “三公”经费、会议费、培训费支出预算表 schema (``budget.three_public_meetings``)."""


BUDGET_PROCUREMENT: Final = TableSchema(
    id="budget.procurement",
    kind=ReportKind.BUDGET,
    title="政府采购预算表",
    title_variants=(*_scoped("政府采购预算表"), "政府采购支出预算表"),
    row_key=RowKeyKind.OUTLINE,
    unit=Unit.WANYUAN,
    columns=(
        ColumnSpec(
            "category",
            "采购品目大类",
            variants=("品目大类", "采购品目"),
            kind=ColumnKind.NAME,
            description="category: 货物 A, 工程 B, 服务 C",
        ),
        text_column(
            "project", "专项名称", "项目名称", description="the project the purchase serves"
        ),
        text_column("economic", "经济科目", "经济分类科目", description="economic subject"),
        text_column(
            "item", "采购物品名称", "采购品目名称", "品目名称", description="what is bought"
        ),
        text_column("method", "采购组织形式", "组织形式", description="how it is procured"),
        amount_column("total", "总计", "合计", "金额", "预算数"),
    ),
    lines=(LineSpec("total", "合计", variants=("总计",), required=True, description="total"),),
    description=(
        "Government procurement as an outline (江苏): categories, their 专项 and 经济科目 rows "
        "and the items under them, kept in print order (no identity is checked on it: page "
        "breaks and wrapped cells make its outline unreliable to read)."
    ),
)
"""The 政府采购预算表 schema (``budget.procurement``)."""

BUDGET_KEPT_SCHEMAS: Final = (
    kept_table(
        "budget.projects",
        ReportKind.BUDGET,
        "项目支出表",
        "项目支出预算表",
        description="the projects of the budget (national template)",
    ),
    kept_table(
        "budget.performance_department",
        ReportKind.BUDGET,
        "部门整体支出绩效目标表",
        "整体支出绩效目标表",
        description="performance targets of the department as a whole",
    ),
    kept_table(
        "budget.performance_projects",
        ReportKind.BUDGET,
        "项目支出绩效目标表",
        "项目绩效目标表",
        description="performance targets of the projects",
    ),
    kept_table(
        "budget.purchase_services",
        ReportKind.BUDGET,
        "政府购买服务预算表",
        "政府购买服务预算明细表",
        description="government purchases of services",
    ),
    kept_table(
        "budget.assets",
        ReportKind.BUDGET,
        "国有资产占用情况表",
        description="state assets held",
    ),
)
"""The 预算 tables govfin knows by title but keeps as printed, unchecked (:data:`KEPT_IDS
<govfin.tables.registry.KEPT_IDS>`): the national template prints them after the nine."""

BUDGET_REGIONAL_SCHEMAS: Final = (
    BUDGET_INCOME_SOURCES,
    BUDGET_SPENDING_KINDS,
    BUDGET_FISCAL_EXPENDITURE,
    BUDGET_FISCAL_BASIC,
    BUDGET_OPERATING,
    BUDGET_THREE_PUBLIC_MEETINGS,
    BUDGET_PROCUREMENT,
)
"""The 预算 tables of other regions' sets (江苏 2017–2018) that have no national counterpart.

Registered after :data:`BUDGET_SCHEMAS`: where a title is shared (收入预算总表,
支出预算总表) the header decides, and with no header the national schema wins.
"""

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
