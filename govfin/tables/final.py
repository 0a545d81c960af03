"""The nine tables of the 部门决算 public set (公开01表 … 公开09表).

Written from the national template as used in 2024 (the seed report, 株洲市渌口区
行政审批服务局 2024年度部门决算), with the regional variants known so far kept
as data: title variants, other numbering (上海 prints 三公 as 七 and 政府性基金 as
八), 24 or 26 支出 lines in 收入支出决算总表 (every functional 类 line is
optional and matched by its label, never by position), 结转 columns in the
国有资本经营 table.

Keys (rows keyed by code also carry ``Row.code``; code/name/行次 are row
attributes, not cells):

============================= ==================================================
schema id                     columns (amount) / fixed lines
============================= ==================================================
``final.summary`` (01)        two-sided; column ``amount`` (决算数) on both sides.
                              Lines: ``income.general_budget`` ``income.fund_budget``
                              ``income.state_capital`` ``income.upper_grant``
                              ``income.service`` ``income.business``
                              ``income.subsidiary`` ``income.other``
                              (``income.fiscal`` in older templates),
                              ``income.total`` 本年收入合计,
                              ``income.non_fiscal_balance`` 使用非财政拨款结余,
                              ``income.carryover`` 年初结转和结余,
                              ``income.grand_total`` 总计; 支出 lines keyed by
                              their 类 code ``201`` … ``234``,
                              ``expenditure.total`` 本年支出合计,
                              ``expenditure.distribution`` 结余分配,
                              ``expenditure.balance`` 年末结转和结余,
                              ``expenditure.grand_total`` 总计.
``final.income`` (02)         ``total`` ``fiscal`` ``upper_grant`` ``service``
                              ``business`` ``subsidiary`` ``other`` (optional
                              ``general_budget`` ``fund_budget`` ``state_capital``);
                              rows by functional code, line ``total`` 合计.
``final.expenditure`` (03)    ``total`` ``basic`` ``project`` ``upper_remit``
                              ``business`` ``subsidiary``; codes, ``total``.
``final.fiscal_summary`` (04) two-sided; 收入 column ``amount``; 支出 columns
                              ``total`` ``general_budget`` ``fund_budget``
                              ``state_capital``.  Lines ``income.general_budget``
                              ``income.fund_budget`` ``income.state_capital``
                              ``income.total`` ``income.carryover``
                              ``income.carryover.general_budget`` (…``fund_budget``,
                              …``state_capital``) ``income.grand_total``; 类 codes,
                              ``expenditure.total`` ``expenditure.balance``
                              ``expenditure.balance.general_budget`` (…)
                              ``expenditure.grand_total``.
``final.general_budget`` (05) ``total`` (小计) ``basic`` ``project``; codes, ``total``.
``final.general_basic`` (06)  paneled (code, name, ``amount``) × 3; rows by
                              economic code; lines ``personnel_total`` 人员经费合计,
                              ``public_total`` 公用经费合计.
``final.fund_budget`` (07)    ``carryover`` 年初结转和结余, ``income`` 本年收入,
                              ``total`` (本年支出 小计) ``basic`` ``project``,
                              ``balance`` 年末结转和结余; codes, ``total``.
``final.state_capital`` (08)  ``total`` ``basic`` ``project`` (optional
                              ``carryover`` ``income`` ``balance``); codes, ``total``.
``final.three_public`` (09)   ``budget_total`` ``budget_abroad`` ``budget_vehicle``
                              ``budget_vehicle_purchase`` ``budget_vehicle_operation``
                              ``budget_reception`` and the same with ``final_``;
                              one line ``total``.
============================= ==================================================

>>> FINAL_SUMMARY.id, FINAL_SUMMARY.number
('final.summary', '公开01表')
>>> [c.key for c in FINAL_EXPENDITURE.amount_columns]
['total', 'basic', 'project', 'upper_remit', 'business', 'subsidiary']
"""

from __future__ import annotations

from typing import Final

from govfin.funds import FiscalFund, RevenueSource, SpendingKind
from govfin.report import ReportKind
from govfin.tables.schema import (
    ColumnSpec,
    Layout,
    LineSpec,
    RowKeyKind,
    Side,
    TableSchema,
    amount_column,
    code_column,
    kept_table,
    name_column,
    side_columns,
)

__all__ = [
    "FINAL_EXPENDITURE",
    "FINAL_FISCAL_SUMMARY",
    "FINAL_FUND_BUDGET",
    "FINAL_GENERAL_BASIC",
    "FINAL_GENERAL_BUDGET",
    "FINAL_INCOME",
    "FINAL_KEPT_SCHEMAS",
    "FINAL_SCHEMAS",
    "FINAL_STATE_CAPITAL",
    "FINAL_SUMMARY",
    "FINAL_THREE_PUBLIC",
    "FUNCTION_CLASSES",
    "class_lines",
]

FUNCTION_CLASSES: Final[tuple[tuple[str, str, tuple[str, ...]], ...]] = (
    ("201", "一般公共服务支出", ()),
    ("202", "外交支出", ()),
    ("203", "国防支出", ()),
    ("204", "公共安全支出", ()),
    ("205", "教育支出", ()),
    ("206", "科学技术支出", ()),
    ("207", "文化旅游体育与传媒支出", ("文化体育与传媒支出",)),
    ("208", "社会保障和就业支出", ()),
    ("209", "社会保险基金支出", ()),
    ("210", "卫生健康支出", ("医疗卫生与计划生育支出",)),
    ("211", "节能环保支出", ()),
    ("212", "城乡社区支出", ()),
    ("213", "农林水支出", ()),
    ("214", "交通运输支出", ()),
    ("215", "资源勘探工业信息等支出", ("资源勘探信息等支出",)),
    ("216", "商业服务业等支出", ()),
    ("217", "金融支出", ()),
    ("219", "援助其他地区支出", ()),
    ("220", "自然资源海洋气象等支出", ("国土海洋气象等支出",)),
    ("221", "住房保障支出", ()),
    ("222", "粮油物资储备支出", ()),
    ("223", "国有资本经营预算支出", ()),
    ("224", "灾害防治及应急管理支出", ()),
    ("227", "预备费", ()),
    ("229", "其他支出", ()),
    ("230", "转移性支出", ()),
    ("231", "债务还本支出", ()),
    ("232", "债务付息支出", ()),
    ("233", "债务发行费用支出", ()),
    ("234", "抗疫特别国债安排的支出", ()),
)
"""The functional 类 (code, name, older names) a 总表 lists on its 支出 side."""

# 行次 of the 类 lines in the 2024 national template (26 lines), by code.
_CLASS_ORDER_2024: Final = [
    "201",
    "202",
    "203",
    "204",
    "205",
    "206",
    "207",
    "208",
    "210",
    "211",
    "212",
    "213",
    "214",
    "215",
    "216",
    "217",
    "219",
    "220",
    "221",
    "222",
    "223",
    "224",
    "229",
    "231",
    "232",
    "234",
]


def class_lines(first_line_no: int | None) -> tuple[LineSpec, ...]:
    """The 支出 lines of a 总表, one per functional 类, keyed by the 类 code.

    *first_line_no* is the 行次 of 一般公共服务支出 in the national template;
    the 行次 is recorded for the 26 lines of the 2024 template only.

    >>> lines = class_lines(31)
    >>> lines[0].key, lines[0].line_no, lines[0].side.value
    ('201', '31', 'expenditure')
    """
    numbers = (
        {code: str(first_line_no + i) for i, code in enumerate(_CLASS_ORDER_2024)}
        if first_line_no is not None
        else {}
    )
    return tuple(
        LineSpec(
            code,
            name,
            variants=older,
            side=Side.EXPENDITURE,
            line_no=numbers.get(code),
            code=code,
            description=f"functional class {code}",
        )
        for code, name, older in FUNCTION_CLASSES
    )


_CODE_VARIANTS: Final = (
    "科目编码",
    "功能分类科目编码",
    "科目代码",
    "功能科目编码",
    "编码",
    "代码",
    "支出功能分类科目编码",  # 上海: 政府性基金 / 国有资本经营 tables
)


def _code(title: str = "功能分类科目编码", *, panel: int = 0) -> ColumnSpec:
    return code_column(title, *_CODE_VARIANTS, panel=panel)


def _name(*, panel: int = 0) -> ColumnSpec:
    return name_column(
        "科目名称", "项目", "功能分类科目名称", "科目", "名称", "经济分类科目名称", panel=panel
    )


_TOTAL_LINE: Final = LineSpec(
    "total", "合计", variants=("总计", "合  计"), required=True, description="total"
)

FINAL_SUMMARY: Final = TableSchema(
    id="final.summary",
    kind=ReportKind.FINAL,
    title="收入支出决算总表",
    title_variants=("部门收入支出决算总表", "收入支出决算总表（部门）"),
    number="公开01表",
    numbers=("表一", "表1"),
    layout=Layout.TWO_SIDED,
    row_key=RowKeyKind.LINE,
    columns=(
        *side_columns(
            Side.INCOME,
            amount_column("amount", "决算数", "金额", "本年决算数", "决算金额", side=Side.INCOME),
        ),
        *side_columns(
            Side.EXPENDITURE,
            amount_column(
                "amount", "决算数", "金额", "本年决算数", "决算金额", side=Side.EXPENDITURE
            ),
        ),
    ),
    lines=(
        LineSpec(
            "income.general_budget",
            "一般公共预算财政拨款收入",
            variants=("一般公共预算拨款收入",),
            side=Side.INCOME,
            line_no="1",
        ),
        LineSpec(
            "income.fund_budget",
            "政府性基金预算财政拨款收入",
            variants=("政府性基金预算拨款收入",),
            side=Side.INCOME,
            line_no="2",
        ),
        LineSpec(
            "income.state_capital",
            "国有资本经营预算财政拨款收入",
            variants=("国有资本经营预算拨款收入",),
            side=Side.INCOME,
            line_no="3",
        ),
        LineSpec("income.upper_grant", "上级补助收入", side=Side.INCOME, line_no="4"),
        LineSpec("income.service", "事业收入", side=Side.INCOME, line_no="5"),
        LineSpec(
            "income.business",
            "经营收入",
            variants=("事业单位经营收入",),
            side=Side.INCOME,
            line_no="6",
        ),
        LineSpec("income.subsidiary", "附属单位上缴收入", side=Side.INCOME, line_no="7"),
        LineSpec("income.other", "其他收入", side=Side.INCOME, line_no="8"),
        LineSpec("income.fiscal", "财政拨款收入", side=Side.INCOME),
        LineSpec(
            "income.total",
            "本年收入合计",
            variants=("本年收入小计",),
            side=Side.INCOME,
            line_no="27",
            required=True,
        ),
        LineSpec(
            "income.non_fiscal_balance",
            "使用非财政拨款结余（含专用结余）",
            variants=("使用非财政拨款结余", "用事业基金弥补收支差额"),
            side=Side.INCOME,
            line_no="28",
        ),
        LineSpec(
            "income.carryover",
            "年初结转和结余",
            variants=("上年结转", "年初结转结余", "上年结转和结余"),
            side=Side.INCOME,
            line_no="29",
        ),
        LineSpec(
            "income.grand_total",
            "总计",
            variants=("收入总计",),
            side=Side.INCOME,
            line_no="30",
            required=True,
        ),
        *class_lines(31),
        LineSpec(
            "expenditure.total",
            "本年支出合计",
            variants=("本年支出小计",),
            side=Side.EXPENDITURE,
            line_no="57",
            required=True,
        ),
        LineSpec(
            "expenditure.distribution",
            "结余分配",
            side=Side.EXPENDITURE,
            line_no="58",
        ),
        LineSpec(
            "expenditure.balance",
            "年末结转和结余",
            variants=("年末结转结余",),
            side=Side.EXPENDITURE,
            line_no="59",
        ),
        LineSpec(
            "expenditure.grand_total",
            "总计",
            variants=("支出总计",),
            side=Side.EXPENDITURE,
            line_no="60",
            required=True,
        ),
    ),
    description="Total income and expenditure of the department, sources by line, "
    "spending by functional class.",
)
"""The 公开01表 收入支出决算总表 schema (``final.summary``)."""

FINAL_INCOME: Final = TableSchema(
    id="final.income",
    kind=ReportKind.FINAL,
    title="收入决算表",
    # 收入决算总表: 陕西 (柞水县 2020)
    title_variants=("部门收入决算表", "收入决算总表", "部门收入决算总表"),
    number="公开02表",
    numbers=("表二", "表2"),
    classification="functional",
    columns=(
        _code(),
        _name(),
        amount_column("total", "本年收入合计", "合计", "收入合计", description="total income"),
        amount_column(
            RevenueSource.FISCAL,
            "财政拨款收入",
            "财政拨款",
            description="fiscal appropriation income",
        ),
        amount_column(
            RevenueSource.GENERAL_BUDGET,
            "一般公共预算财政拨款收入",
            "一般公共预算财政拨款",
            required=False,
        ),
        amount_column(
            RevenueSource.FUND_BUDGET,
            "政府性基金预算财政拨款收入",
            "政府性基金预算财政拨款",
            required=False,
        ),
        amount_column(
            RevenueSource.STATE_CAPITAL,
            "国有资本经营预算财政拨款收入",
            "国有资本经营预算财政拨款",
            required=False,
        ),
        amount_column(RevenueSource.UPPER_GRANT, "上级补助收入"),
        amount_column(RevenueSource.SERVICE, "事业收入"),
        amount_column(RevenueSource.BUSINESS, "经营收入", "事业单位经营收入"),
        amount_column(RevenueSource.SUBSIDIARY, "附属单位上缴收入"),
        amount_column(RevenueSource.OTHER, "其他收入"),
    ),
    lines=(_TOTAL_LINE,),
    description="Income by functional code and source.",
)
"""The 公开02表 收入决算表 schema (``final.income``)."""

FINAL_EXPENDITURE: Final = TableSchema(
    id="final.expenditure",
    kind=ReportKind.FINAL,
    title="支出决算表",
    # 支出决算总表: 陕西 (柞水县 2020)
    title_variants=("部门支出决算表", "支出决算总表", "部门支出决算总表"),
    number="公开03表",
    numbers=("表三", "表3"),
    classification="functional",
    columns=(
        _code(),
        _name(),
        amount_column("total", "本年支出合计", "合计", "支出合计"),
        amount_column(SpendingKind.BASIC, "基本支出"),
        amount_column(SpendingKind.PROJECT, "项目支出"),
        amount_column(SpendingKind.UPPER_REMIT, "上缴上级支出"),
        amount_column(SpendingKind.BUSINESS, "经营支出"),
        amount_column(SpendingKind.SUBSIDIARY, "对附属单位补助支出"),
    ),
    lines=(_TOTAL_LINE,),
    description="Expenditure by functional code and spending kind.",
)
"""The 公开03表 支出决算表 schema (``final.expenditure``)."""

_FUND_COLUMNS: Final = (
    amount_column("total", "合计", "小计", side=Side.EXPENDITURE),
    amount_column(
        FiscalFund.GENERAL_BUDGET,
        "一般公共预算财政拨款",
        "一般公共预算",
        "一般公共预算财政拨款支出",
        side=Side.EXPENDITURE,
    ),
    amount_column(
        FiscalFund.FUND_BUDGET,
        "政府性基金预算财政拨款",
        "政府性基金预算",
        "政府性基金预算财政拨款支出",
        side=Side.EXPENDITURE,
    ),
    amount_column(
        FiscalFund.STATE_CAPITAL,
        "国有资本经营预算财政拨款",
        "国有资本经营预算",
        "国有资本经营预算财政拨款支出",
        side=Side.EXPENDITURE,
    ),
)

FINAL_FISCAL_SUMMARY: Final = TableSchema(
    id="final.fiscal_summary",
    kind=ReportKind.FINAL,
    title="财政拨款收入支出决算总表",
    title_variants=("部门财政拨款收入支出决算总表", "财政拨款收支决算总表"),
    number="公开04表",
    numbers=("表四", "表4"),
    layout=Layout.TWO_SIDED,
    row_key=RowKeyKind.LINE,
    columns=(
        *side_columns(
            Side.INCOME, amount_column("amount", "金额", "决算数", "合计", side=Side.INCOME)
        ),
        *side_columns(Side.EXPENDITURE, *_FUND_COLUMNS),
    ),
    lines=(
        LineSpec(
            "income.general_budget",
            "一般公共预算财政拨款",
            variants=("一般公共预算财政拨款收入",),
            side=Side.INCOME,
            line_no="1",
        ),
        LineSpec(
            "income.fund_budget",
            "政府性基金预算财政拨款",
            variants=("政府性基金预算财政拨款收入",),
            side=Side.INCOME,
            line_no="2",
        ),
        LineSpec(
            "income.state_capital",
            "国有资本经营预算财政拨款",
            variants=("国有资本经营预算财政拨款收入",),
            side=Side.INCOME,
            line_no="3",
        ),
        LineSpec("income.total", "本年收入合计", side=Side.INCOME, line_no="27", required=True),
        LineSpec(
            "income.carryover",
            "年初财政拨款结转和结余",
            variants=("年初结转和结余",),
            side=Side.INCOME,
            line_no="28",
        ),
        LineSpec(
            "income.carryover.general_budget",
            "一般公共预算财政拨款",
            side=Side.INCOME,
            line_no="29",
        ),
        LineSpec(
            "income.carryover.fund_budget",
            "政府性基金预算财政拨款",
            side=Side.INCOME,
            line_no="30",
        ),
        LineSpec(
            "income.carryover.state_capital",
            "国有资本经营预算财政拨款",
            side=Side.INCOME,
            line_no="31",
        ),
        LineSpec("income.grand_total", "总计", side=Side.INCOME, line_no="32", required=True),
        *class_lines(33),
        LineSpec(
            "expenditure.total",
            "本年支出合计",
            side=Side.EXPENDITURE,
            line_no="59",
            required=True,
        ),
        LineSpec(
            "expenditure.balance",
            "年末财政拨款结转和结余",
            variants=("年末结转和结余",),
            side=Side.EXPENDITURE,
            line_no="60",
        ),
        LineSpec(
            "expenditure.balance.general_budget",
            "一般公共预算财政拨款",
            side=Side.EXPENDITURE,
            line_no="61",
        ),
        LineSpec(
            "expenditure.balance.fund_budget",
            "政府性基金预算财政拨款",
            side=Side.EXPENDITURE,
            line_no="62",
        ),
        LineSpec(
            "expenditure.balance.state_capital",
            "国有资本经营预算财政拨款",
            side=Side.EXPENDITURE,
            line_no="63",
        ),
        LineSpec(
            "expenditure.grand_total",
            "总计",
            side=Side.EXPENDITURE,
            line_no="64",
            required=True,
        ),
    ),
    description="Fiscal appropriations by fund: income, carry-over, spending by class.",
)
"""The 公开04表 财政拨款收入支出决算总表 schema (``final.fiscal_summary``)."""

FINAL_GENERAL_BUDGET: Final = TableSchema(
    id="final.general_budget",
    kind=ReportKind.FINAL,
    title="一般公共预算财政拨款支出决算表",
    # 一般公共预算财政拨款收入支出决算表: 云南 2017, with the 结转 columns of 公开07表.
    # Not 一般公共预算财政拨款支出决算明细表: 四川 prints that beside this one
    # (``final.general_detail``).
    title_variants=("一般公共预算支出决算表", "一般公共预算财政拨款收入支出决算表"),
    number="公开05表",
    numbers=("表五", "表5"),
    classification="functional",
    columns=(
        _code(),
        _name(),
        amount_column(RevenueSource.CARRYOVER, "年初结转和结余", required=False),
        amount_column("income", "本年收入", required=False),
        amount_column("total", "小计", "合计", "本年支出合计"),
        amount_column(SpendingKind.BASIC, "基本支出"),
        amount_column(SpendingKind.PROJECT, "项目支出"),
        amount_column("balance", "年末结转和结余", required=False),
    ),
    lines=(_TOTAL_LINE,),
    description="General-budget appropriation spending by functional code "
    "(with 结转 columns in some regions).",
)
"""The 公开05表 一般公共预算财政拨款支出决算表 schema (``final.general_budget``)."""

FINAL_GENERAL_BASIC: Final = TableSchema(
    id="final.general_basic",
    kind=ReportKind.FINAL,
    title="一般公共预算财政拨款基本支出决算明细表",
    title_variants=("一般公共预算财政拨款基本支出决算表",),
    number="公开06表",
    numbers=("表六", "表6"),
    classification="economic",
    layout=Layout.PANELED,
    columns=(
        code_column(
            "经济分类科目编码", "科目编码", "经济分类科目代码", "科目代码", "编码", description=""
        ),
        name_column("科目名称", "经济分类科目名称", "项目", "名称", description=""),
        amount_column("amount", "决算数", "金额", "决算金额", "合计"),
    ),
    lines=(
        LineSpec(
            "personnel_total",
            "人员经费合计",
            variants=("人员经费",),
            required=True,
            description="personnel expenses (301 + 303)",
        ),
        LineSpec(
            "public_total",
            "公用经费合计",
            variants=("公用经费",),
            required=True,
            description="public expenses (302 + 307 + 310 + 399)",
        ),
    ),
    description="General-budget basic spending by economic code, in three panels.",
)
"""The 公开06表 一般公共预算财政拨款基本支出决算明细表 schema (``final.general_basic``)."""

FINAL_FUND_BUDGET: Final = TableSchema(
    id="final.fund_budget",
    kind=ReportKind.FINAL,
    title="政府性基金预算财政拨款收入支出决算表",
    title_variants=("政府性基金预算财政拨款支出决算表",),
    number="公开07表",
    numbers=("表七", "表八", "表7", "表8"),
    classification="functional",
    columns=(
        _code("科目代码"),
        _name(),
        amount_column(RevenueSource.CARRYOVER, "年初结转和结余"),
        amount_column("income", "本年收入"),
        amount_column("total", "小计", "合计", groups=("本年支出",)),
        amount_column(SpendingKind.BASIC, "基本支出", groups=("本年支出",)),
        amount_column(SpendingKind.PROJECT, "项目支出", groups=("本年支出",)),
        amount_column("balance", "年末结转和结余"),
    ),
    lines=(_TOTAL_LINE,),
    description="Government-fund appropriations: carry-over, income, spending, balance.",
)
"""The 公开07表 政府性基金预算财政拨款收入支出决算表 schema (``final.fund_budget``)."""

FINAL_STATE_CAPITAL: Final = TableSchema(
    id="final.state_capital",
    kind=ReportKind.FINAL,
    title="国有资本经营预算财政拨款支出决算表",
    title_variants=("国有资本经营预算财政拨款收入支出决算表",),
    number="公开08表",
    numbers=("表八", "表九", "表8"),
    classification="functional",
    columns=(
        _code("科目代码"),
        _name(),
        amount_column(RevenueSource.CARRYOVER, "年初结转和结余", required=False),
        amount_column("income", "本年收入", required=False),
        amount_column("total", "合计", "小计", "本年支出合计"),
        amount_column(SpendingKind.BASIC, "基本支出"),
        amount_column(SpendingKind.PROJECT, "项目支出"),
        amount_column("balance", "年末结转和结余", required=False),
    ),
    lines=(_TOTAL_LINE,),
    description="State-capital appropriation spending (with 结转 columns in some regions).",
)
"""The 公开08表 国有资本经营预算财政拨款支出决算表 schema (``final.state_capital``)."""


def _three_public(prefix: str, group: str) -> tuple[ColumnSpec, ...]:
    vehicle = "公务用车购置及运行维护费|公务用车购置及运行费"
    return (
        amount_column(f"{prefix}_total", "合计", groups=(group,)),
        amount_column(f"{prefix}_abroad", "因公出国（境）费", "因公出国(境)费用", groups=(group,)),
        amount_column(f"{prefix}_vehicle", "小计", groups=(group, vehicle)),
        amount_column(
            f"{prefix}_vehicle_purchase",
            "公务用车购置费",
            "购置费",
            groups=(group, vehicle),
        ),
        amount_column(
            f"{prefix}_vehicle_operation",
            "公务用车运行维护费",
            "运行维护费",
            "公务用车运行费",  # 上海 2024 决算
            "运行费",
            groups=(group, vehicle),
        ),
        amount_column(f"{prefix}_reception", "公务接待费", groups=(group,)),
    )


FINAL_THREE_PUBLIC: Final = TableSchema(
    id="final.three_public",
    kind=ReportKind.FINAL,
    title="财政拨款“三公”经费支出决算表",
    title_variants=(
        "“三公”经费支出决算表",
        "一般公共预算财政拨款“三公”经费支出决算表",
        "部门财政拨款“三公”经费支出决算表",
    ),
    number="公开09表",
    numbers=("表九", "表七", "表9"),
    row_key=RowKeyKind.LINE,
    columns=(
        *_three_public("budget", "预算数|全年预算数|年初预算数"),
        *_three_public("final", "决算数"),
    ),
    lines=(LineSpec("total", "合计", variants=("金额",), description="the only line"),),
    description="三公 spending, budget and final, with the vehicle subtotal.",
)
"""The 公开09表 财政拨款“三公”经费支出决算表 schema (``final.three_public``)."""

FINAL_KEPT_SCHEMAS: Final = (
    kept_table(
        "final.fiscal_detail",
        ReportKind.FINAL,
        "财政拨款支出决算明细表",
        description="fiscal-appropriation spending by functional code and economic class (四川)",
    ),
    kept_table(
        "final.general_detail",
        ReportKind.FINAL,
        "一般公共预算财政拨款支出决算明细表",
        description="general-budget spending by functional code and economic class (四川)",
    ),
    kept_table(
        "final.general_project",
        ReportKind.FINAL,
        "一般公共预算财政拨款项目支出决算表",
        "一般公共预算财政拨款项目支出决算明细表",
        description="general-budget project spending (四川)",
    ),
    kept_table(
        "final.three_public_meetings",
        ReportKind.FINAL,
        "一般公共预算财政拨款“三公”经费及会议费、培训费支出决算表",
        "“三公”经费及会议费、培训费支出决算表",
        "财政拨款“三公”经费及会议费、培训费支出决算表",
        "一般公共预算财政拨款“三公”经费、会议费、培训费支出决算表",
        description="三公 with 会议费 and 培训费, budget and final (陕西); its layout varies",
    ),
    kept_table(
        "final.three_public_operating",
        ReportKind.FINAL,
        "“三公”经费、行政参公单位机关运行经费情况表",
        "“三公”经费、机关运行经费情况表",
        description="三公 and 机关运行经费 of administrative units (云南 2017)",
    ),
    kept_table(
        "final.operating",
        ReportKind.FINAL,
        "机关运行经费支出决算表",
        "机关运行经费支出情况表",
        description="机关运行经费 by economic class",
    ),
    kept_table(
        "final.procurement",
        ReportKind.FINAL,
        "政府采购情况表",
        "政府采购支出情况表",
        "政府采购支出决算表",
        description="government procurement of the year",
    ),
    kept_table(
        "final.special_account",
        ReportKind.FINAL,
        "财政专户管理资金收入支出决算表",
        "财政专户管理资金支出决算表",
        description="funds managed in a fiscal special account (云南 2017)",
    ),
    kept_table(
        "final.assets",
        ReportKind.FINAL,
        "国有资产占用情况表",
        "国有资产占用情况决算表",
        description="state assets held at year end",
    ),
)
"""The 决算 tables govfin knows by title but keeps as printed, unchecked (:data:`KEPT_IDS
<govfin.tables.registry.KEPT_IDS>`): regions print them beside the nine."""

FINAL_SCHEMAS: Final = (
    FINAL_SUMMARY,
    FINAL_INCOME,
    FINAL_EXPENDITURE,
    FINAL_FISCAL_SUMMARY,
    FINAL_GENERAL_BUDGET,
    FINAL_GENERAL_BASIC,
    FINAL_FUND_BUDGET,
    FINAL_STATE_CAPITAL,
    FINAL_THREE_PUBLIC,
)
"""The nine 决算 schemas in national order (公开01表 … 公开09表)."""
