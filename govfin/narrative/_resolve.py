"""Resolving what a claim speaks of to the table cells that hold it.

A subject is resolved by its name (``人员经费`` → 公开06 人员经费合计), by its
类/款/项 path (→ the 公开05 row of that code) and by the section it sits in
(``基本支出`` is a column of 公开03 under 三、支出决算, the 公开06 total under
六、基本支出, a column of 公开07 under 八、政府性基金).

A 预算 is resolved to the ``budget.*`` tables (:mod:`govfin.tables.budget`):
收入预算 to 财务收支预算总表, 财政拨款支出预算 by fund to 财政拨款收支预算总表, a
类/款/项 path to the 一般公共预算支出功能分类预算表, the 三公 and 机关运行经费
to their table.  Those tables are in 元 while the prose is in 万元: every cell is
converted exactly with :meth:`govfin.amounts.Amount.to`, its precision shifting
with the decimal point (0.01 元 is 0.000001 万元), so values and intervals are
compared in one unit.  A blank cell carries no rounding error, and a table
printed without any figure (“本表无数据”) reads as exact zeros.
"""

from __future__ import annotations

import enum
import functools
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Final

import attrs

from govfin.amounts import ZERO, Amount, Interval, Unit
from govfin.funds import INCOME_COLUMNS, FiscalFund, SpendingKind
from govfin.narrative._extract import normalise_name
from govfin.report import Report, ReportKind, Row, Table
from govfin.tables import get_schema

__all__ = [
    "CellRef",
    "Resolved",
    "Topic",
    "budget_name",
    "canonical",
    "quoted",
    "resolve",
    "topic_of",
]


def quoted(name: str) -> str:
    """*name* in Chinese quotes; quotes inside it become single quotes (“‘三公’经费”).

    >>> quoted("“纪委调剂办案经费”项目")
    '“‘纪委调剂办案经费’项目”'
    """
    inner = name.replace("“", "‘").replace("”", "’").replace('"', "")
    return f"“{inner}”"


class Topic(enum.Enum):
    """The part of the 情况说明 a sentence belongs to (by its headings); see :func:`topic_of`.

    >>> Topic.BASIC.value
    '一般公共预算财政拨款基本支出'
    """

    def __str__(self) -> str:
        return str(self.value)

    SUMMARY = "收入支出决算总体情况"
    INCOME = "收入决算"
    EXPENDITURE = "支出决算"
    FISCAL = "财政拨款收入支出决算总体情况"
    GENERAL = "一般公共预算财政拨款支出"
    BASIC = "一般公共预算财政拨款基本支出"
    THREE_PUBLIC = "“三公”经费"
    FUND = "政府性基金"
    CAPITAL = "国有资本经营"
    OFFICE = "机关运行经费"
    GENERAL_SPENDING = "一般性支出"
    PROCUREMENT = "政府采购"
    ASSETS = "国有资产"
    PERFORMANCE = "绩效"
    OTHER = "其他"


_TOPIC_WORDS: Final[tuple[tuple[str, Topic], ...]] = (
    ("三公", Topic.THREE_PUBLIC),
    ("机关运行经费", Topic.OFFICE),
    ("一般性支出", Topic.GENERAL_SPENDING),
    ("政府采购", Topic.PROCUREMENT),
    ("国有资产", Topic.ASSETS),
    ("政府性基金", Topic.FUND),
    ("国有资本经营", Topic.CAPITAL),
    ("基本支出决算", Topic.BASIC),
    ("基本支出情况", Topic.GENERAL),
    ("一般公共预算财政拨款支出", Topic.GENERAL),
    ("一般公共预算支出", Topic.GENERAL),
    ("财政拨款收入支出决算总体", Topic.FISCAL),
    ("收入支出决算总体", Topic.SUMMARY),
    ("财政拨款收支预算总", Topic.FISCAL),
    ("收支预算总表", Topic.SUMMARY),  # a 预算's 收支预算总表: every fund, 类 by 类
    ("收支预算总体", Topic.SUMMARY),
    ("收入决算", Topic.INCOME),
    ("支出决算情况", Topic.EXPENDITURE),
    ("项目支出情况", Topic.GENERAL),
    ("绩效", Topic.PERFORMANCE),
    ("年度预算安排", Topic.PERFORMANCE),  # a project's own budget lines (预算 项目经费情况说明)
)


def topic_of(headings: Sequence[str]) -> Topic:
    """The topic of the innermost heading that names one.

    >>> topic_of(("六、一般公共预算财政拨款基本支出决算情况说明",))
    <Topic.BASIC: '一般公共预算财政拨款基本支出'>
    >>> topic_of(("五、一般公共预算财政拨款支出决算情况说明", "（二）结构情况"))
    <Topic.GENERAL: '一般公共预算财政拨款支出'>
    """
    for head in reversed(headings):
        for word, topic in _TOPIC_WORDS:
            if word in head:
                return topic
    return Topic.OTHER


@attrs.frozen
class CellRef:
    """One table cell a resolved figure is read from.

    >>> from govfin.io import load_example
    >>> t = load_example().table("final.general_budget")
    >>> ref = CellRef(t, t.get("208"), "total")
    >>> ref.value, ref.precision
    (Decimal('22.3'), 2)
    >>> ref.describe()
    '公开05表 一般公共预算财政拨款支出决算表, 208 社会保障和就业支出, 小计'
    """

    table: Table
    row: Row | None
    column: str

    @property
    def value(self) -> Decimal:
        """The cell's exact value; blank, dashed or absent reads as zero (as the tables mean)."""
        if self.row is None:
            return ZERO
        value = self.row.value(self.column)
        return ZERO if value is None else value

    @property
    def precision(self) -> int:
        """The column's published precision (2 when unknown)."""
        col = self.table.column(self.column)
        return 2 if col is None or col.precision is None else col.precision

    def amount(self, unit: Unit | None = None) -> Amount:
        """The cell as an amount, converted exactly into *unit* (the table's by default).

        A blank or dashed cell, or a cell of a table printed without any figure,
        is an exact zero (no precision: nothing was rounded); a printed ``0.00``
        is a rounded figure like any other (it may stand for 0.003), as in
        :mod:`govfin.rules`.

        >>> from govfin.io import load_example
        >>> t = load_example().table("final.general_budget")
        >>> CellRef(t, t.get("208"), "total").amount(Unit.YUAN)
        Amount('223000', '元', precision=-2)
        """
        if self.row is None or not self.row.cell(self.column).is_number:
            return Amount(ZERO, unit or self.table.unit)
        found = Amount(self.value, self.table.unit, precision=self.precision)
        return found if unit is None else found.to(unit)

    def describe(self) -> str:
        """``公开05表 一般公共预算财政拨款支出决算表, 201 一般公共服务支出, 小计``."""
        col = self.table.column(self.column)
        row = ""
        if self.row is not None:
            row = f"{self.row.code} {self.row.label}" if self.row.code else self.row.label
            row = row.strip()
        elif not _has_figures(self.table):
            row = "（表内无数据）"
        parts = [self.table.label, row, col.title if col else self.column]
        return ", ".join(p for p in parts if p)


_NO_DATA_WORDS: Final = ("本表无数据", "无数据", "此表为空", "本表为空", "空表")


def _has_no_data_note(table: Table) -> bool:
    """Whether the table says it holds no data (“本表无数据”, “本表为空表”)."""
    return any(word in note for note in table.notes for word in _NO_DATA_WORDS)


def _has_figures(table: Table) -> bool:
    """Whether any cell of *table* holds a number (a table printed empty holds none)."""
    return any(cell.is_number for row in table.rows for cell in row.cells.values())


@attrs.frozen
class Resolved:
    """What a subject resolves to: a value, its interval, the cells and a description.

    >>> from govfin.io import load_example
    >>> r = resolve(load_example(), "基本支出", Topic.BASIC)
    >>> r.value, r.interval
    (Decimal('726.38'), Interval('726.370', '726.390'))
    """

    value: Decimal
    interval: Interval
    cells: tuple[CellRef, ...]
    description: str
    unit: Unit = Unit.WANYUAN
    precision: int | None = None
    """The coarsest precision of the cells in *unit* (``None`` when all are exact zeros)."""
    bound: str = ""
    """When not empty, the cells are only an upper bound of the subject, and why
    (机关运行经费 is the 公用经费 of 行政单位 and 参公事业单位 only: at most 公用经费合计)."""

    @classmethod
    def of(cls, *cells: CellRef, description: str = "", unit: Unit = Unit.WANYUAN) -> Resolved:
        """The sum of *cells* (usually one) in *unit* (the prose's), with the interval of the sum.

        Cells in another unit are converted exactly (a 2-decimal 元 cell is a
        6-decimal 万元 figure); blank cells add no rounding error.

        >>> from govfin.report import Column, Row, Table
        >>> t = Table("budget.general_budget", "预算表", Unit.YUAN, (Column("total", "合计"),),
        ...           (Row.of("201", "一般公共服务支出", {"total": "9389913.00"}, code="201"),))
        >>> r = Resolved.of(CellRef(t, t.get("201"), "total"))
        >>> r.value, r.interval, r.precision
        (Decimal('938.991300'), Interval('938.9912995', '938.9913005'), 6)
        """
        value = ZERO
        iv = Interval.point(ZERO)
        precision: int | None = None
        for c in cells:
            amount = c.amount(unit)
            value += amount.value
            iv = iv + amount.interval()
            if amount.precision is not None:
                found = amount.precision
                precision = found if precision is None else min(precision, found)
        desc = description or " + ".join(c.describe() for c in cells)
        return cls(value, iv, cells, desc, unit, precision)


Resolution = Resolved | str
"""A :class:`Resolved` value, or the reason the subject could not be resolved."""


def _schema_title(schema: str) -> str:
    """The Chinese title of a standard table (its id when govfin does not know it)."""
    try:
        return get_schema(schema).title
    except KeyError:
        return schema


def _column_title(schema: str, column: str) -> str:
    try:
        found = get_schema(schema)
    except KeyError:
        return column
    return next((c.title for c in found.columns if c.key == column), column)


def _line_label(schema: str, row: str) -> str:
    try:
        found = get_schema(schema)
    except KeyError:
        return row
    lines = getattr(found, "lines", ())
    return next(
        (line.label for line in lines if line.key == row), "合计" if row == "total" else row
    )


def _missing_table(schema: str) -> str:
    """Why a figure of *schema* cannot be checked: the report has no such table (in Chinese).

    >>> _missing_table("budget.general_budget")
    '报告中没有“一般公共预算支出功能分类预算表”（或未能识别）'
    """
    return f"报告中没有{quoted(_schema_title(schema))}（或未能识别）"


def _cell(report: Report, schema: str, row: str, column: str) -> CellRef | str:
    table = report.get_table(schema)
    if table is None:
        return _missing_table(schema)
    if table.column(column) is None:
        return f"{table.label}没有{quoted(_column_title(schema, column))}栏（或未能识别）"
    found = table.get(row)
    if found is None:
        if not _has_figures(table):  # printed empty: every figure is zero
            return CellRef(table, None, column)
        return f"{table.label}中没有{quoted(_line_label(schema, row))}行（或未能识别）"
    if (
        ("total" in found.key or "合计" in found.label or "总计" in found.label)
        and not found.cell(column).is_number
        and not any(cell.is_number for cell in found.cells.values())
        and _has_figures(table)
        and not _has_no_data_note(table)
    ):
        # a 合计 row printed without any figure in a table that holds figures: the
        # figures were not read (or not printed), which is no zero to check against
        return f"{table.label}的{quoted(found.label or row)}行没有读出数字，无法核对"
    return CellRef(table, found, column)


def _one(report: Report, schema: str, row: str, column: str, desc: str = "") -> Resolution:
    found = _cell(report, schema, row, column)
    return found if isinstance(found, str) else Resolved.of(found, description=desc)


def _sum(report: Report, schema: str, rows: Sequence[str], column: str, desc: str) -> Resolution:
    cells: list[CellRef] = []
    for row in rows:
        found = _cell(report, schema, row, column)
        if isinstance(found, str):
            return found
        cells.append(found)
    return Resolved.of(*cells, description=desc)


_QUALIFIERS: Final = re.compile(r"^(?:一般公共预算财政拨款|一般公共预算|财政拨款)")


_OF_FINAL: Final = re.compile(r"(?<=.)(?:决算数|决算|执行数)$")


@functools.lru_cache(maxsize=4096)
def canonical(subject: str) -> str:
    """The subject without the fund qualifiers and a trailing 支出, for matching.

    >>> canonical("一般公共预算财政拨款基本支出"), canonical("“三公”经费财政拨款支出")
    ('基本支出', '三公经费财政拨款支出')
    """
    name = _OF_FINAL.sub("", normalise_name(subject).replace("收、支", "收支")) or "决算"
    stripped = _QUALIFIERS.sub("", name)
    return name if stripped in ("收入", "") else stripped


_INCOME_COLUMNS: Final = {source.zh: source.value for source in INCOME_COLUMNS}
_SPENDING_COLUMNS: Final = {kind.zh: kind.value for kind in SpendingKind}
_THREE_PUBLIC: Final = {
    "三公经费": "total",
    "三公经费财政拨款支出": "total",
    "三公经费支出": "total",
    "因公出国(境)费": "abroad",
    "因公出国(境)费支出": "abroad",
    "因公出国(境)费用": "abroad",
    "公务用车购置费及运行维护费": "vehicle",
    "公务用车购置费及运行维护费支出": "vehicle",
    "公务用车购置及运行维护费": "vehicle",
    "公务用车购置及运行维护费支出": "vehicle",
    "公务用车购置费": "vehicle_purchase",
    "公务用车购置费支出": "vehicle_purchase",
    "公务用车购置及运行费": "vehicle",
    "公务用车购置及运行费支出": "vehicle",
    "公务用车运行维护费": "vehicle_operation",
    "公务用车运行费": "vehicle_operation",
    "公务用车运行费支出": "vehicle_operation",
    "公务用车运行维护费支出": "vehicle_operation",
    "公务接待费": "reception",
    "公务接待费支出": "reception",
}
_FUND_COLUMNS: Final = {
    "政府性基金预算财政拨款收入": "income",
    "国有资本经营预算财政拨款收入": "income",
    "本年收入": "income",
    "收入": "income",
    "年初结转和结余": "carryover",
    "支出": "total",
    "本年支出": "total",
    "政府性基金预算财政拨款支出": "total",
    "国有资本经营预算财政拨款支出": "total",
    "基本支出": "basic",
    "项目支出": "project",
    "年末结转和结余": "balance",
}


def _by_label(table: Table, name: str, rows: Sequence[Row] | None = None) -> Row | None:
    wanted = canonical(name)
    for row in rows if rows is not None else table.rows:
        label = canonical(row.label)
        if wanted in (label, label.removesuffix("支出"), label + "支出"):
            return row
    return None


_CODED_RE: Final = re.compile(r"^(?P<code>\d{3,7})\s*(?P<name>.*)$")


_CODE_LENGTHS: Final = {1: 3, 2: 5, 3: 7, 4: 9}
"""The length of a code of each level (as :attr:`govfin.report.Row.level` reads it)."""


def _code_rows(table: Table, level: int, prefix: str = "") -> list[Row]:
    """``table.code_rows(level)`` under the code *prefix*, told by the codes' lengths."""
    length = _CODE_LENGTHS.get(level)
    return [r for r in table.rows if r.code and len(r.code) == length and r.code.startswith(prefix)]


def _path_row(table: Table, path: Sequence[str]) -> Row | str:
    """The row a 类/款/项 path names: by its printed code when given, else by names."""
    rows: Sequence[Row] = _code_rows(table, 1)
    found: Row | None = None
    for depth, step in enumerate(path, start=1):
        coded = _CODED_RE.match(step)
        if coded is not None:
            found = next((r for r in rows if r.code == coded.group("code")), None)
            if found is None and coded.group("name"):
                found = _by_label(table, coded.group("name"), rows)
        else:
            found = _by_label(table, step, rows)
        if found is None:
            return f"{table.label}中找不到{quoted('／'.join(path[:depth]))}"
        prefix = found.code or ""
        rows = _code_rows(table, depth + 1, prefix)
    assert found is not None
    return found


def resolve(
    report: Report,
    subject: str,
    topic: Topic,
    *,
    path: Sequence[str] = (),
    role: str = "final",
) -> Resolution:
    """Resolve *subject* (as written in a sentence of *topic*) to the table cells it names.

    *role* is ``"final"`` (决算数) or ``"budget"`` (预算数: only the 三公 table
    has budget columns in a 决算).  Returns a :class:`Resolved` value, or the
    reason (in Chinese) it could not be resolved.

    >>> from govfin.io import load_example
    >>> report = load_example()
    >>> resolve(report, "人员经费", Topic.BASIC).value
    Decimal('340.64')
    >>> path = ("住房保障支出", "住房改革支出", "住房公积金")
    >>> resolve(report, "住房公积金", Topic.GENERAL, path=path).cells[0].describe()
    '公开05表 一般公共预算财政拨款支出决算表, 2210201 住房公积金, 小计'
    >>> resolve(report, "财政拨款收、支总计", Topic.OTHER).cells[0].describe()
    '公开04表 财政拨款收入支出决算总表, 总计, 金额'
    >>> resolve(report, "政府采购支出总额", Topic.PROCUREMENT)
    '决算公开报表不含政府采购数据，“政府采购支出总额”无法与报表核对'
    """
    name = canonical(subject)
    if not name or not normalise_name(subject):
        return "句中未写明所述项目"
    kind = report.kind.value
    if report.kind is ReportKind.BUDGET:
        found_budget = _budget(report, subject, topic, tuple(path))
        if found_budget is not None:
            return found_budget
    else:
        if name in _GRAND_TOTALS and "财政拨款" in normalise_name(subject):
            topic = Topic.FISCAL  # “财政拨款收、支总计” names its table whatever the heading
        for resolver in _RESOLVERS:
            found = resolver(report, name, topic, tuple(path), role)
            if found is not None:
                return found
    reason = _NOT_IN_TABLES.get(topic)
    if reason is not None:
        return f"{kind}公开报表不含{reason}，{quoted(subject)}无法与报表核对"
    return f"未能将{quoted(subject)}对应到表中的数据"


_GRAND_TOTALS: Final = frozenset(("收支总计", "收入支出总计", "收入总计", "支出总计", "总计"))
"""Names of a 总表's grand total (收、支总计): the 财政拨款 总表's under a 财政拨款 heading."""

_NOT_IN_TABLES: Final = {
    Topic.PROCUREMENT: "政府采购数据",
    Topic.PERFORMANCE: "项目及绩效数据",
    Topic.ASSETS: "国有资产数据",
}


_Resolver = Callable[[Report, str, Topic, tuple[str, ...], str], Resolution | None]


def _three_public(
    report: Report, name: str, topic: Topic, path: tuple[str, ...], role: str
) -> Resolution | None:
    key = _THREE_PUBLIC.get(name.replace("（", "(").replace("）", ")"))
    if key is None or topic not in (Topic.THREE_PUBLIC, Topic.OTHER):
        return None
    prefix = "budget" if role == "budget" else "final"
    return _one(report, "final.three_public", "total", f"{prefix}_{key}")


def _budget_role(
    report: Report, name: str, topic: Topic, path: tuple[str, ...], role: str
) -> Resolution | None:
    if role == "budget":
        return "决算公开报表不列预算数（仅“三公”经费表有预算数），无法核对"
    return None


def _code_path(
    report: Report, name: str, topic: Topic, path: tuple[str, ...], role: str
) -> Resolution | None:
    if not path:
        return None
    table = report.get_table("final.general_budget")
    if table is None:
        return _missing_table("final.general_budget")
    row = _path_row(table, path)
    if isinstance(row, str):
        return row
    return Resolved.of(CellRef(table, row, "total"))


def _totals(
    report: Report, name: str, topic: Topic, path: tuple[str, ...], role: str
) -> Resolution | None:
    if name in _GRAND_TOTALS:
        if topic is Topic.FISCAL:
            return _one(report, "final.fiscal_summary", "income.grand_total", "amount")
        return _one(report, "final.summary", "income.grand_total", "amount")
    if name in ("收入合计", "本年收入合计", "收入"):
        return _first(
            _one(report, "final.income", "total", "total"),
            _one(report, "final.summary", "income.total", "amount"),
        )
    if name in ("支出合计", "本年支出合计") and topic not in (Topic.FUND, Topic.CAPITAL):
        return _first(
            _one(report, "final.expenditure", "total", "total"),
            _one(report, "final.summary", "expenditure.total", "amount"),
        )
    return None


def _first(*found: Resolution) -> Resolution:
    """The first resolved value, else the first reason."""
    return next((f for f in found if not isinstance(f, str)), found[0])


def _columns(
    report: Report, name: str, topic: Topic, path: tuple[str, ...], role: str
) -> Resolution | None:
    if topic in (Topic.FUND, Topic.CAPITAL) and name in _FUND_COLUMNS:
        schema = "final.fund_budget" if topic is Topic.FUND else "final.state_capital"
        return _one(report, schema, "total", _FUND_COLUMNS[name])
    if topic is Topic.INCOME and name in _INCOME_COLUMNS:
        return _one(report, "final.income", "total", _INCOME_COLUMNS[name])
    if name in _SPENDING_COLUMNS:
        if topic is Topic.EXPENDITURE:
            return _one(report, "final.expenditure", "total", _SPENDING_COLUMNS[name])
        if name == "基本支出" and topic is Topic.BASIC:
            return _sum(
                report,
                "final.general_basic",
                ("personnel_total", "public_total"),
                "amount",
                "公开06表 人员经费合计 + 公用经费合计",
            )
        if name in ("基本支出", "项目支出") and topic in (Topic.GENERAL, Topic.BASIC):
            return _one(report, "final.general_budget", "total", _SPENDING_COLUMNS[name])
    return None


def _general(
    report: Report, name: str, topic: Topic, path: tuple[str, ...], role: str
) -> Resolution | None:
    if name in ("财政拨款支出", "支出", "本年支出") and topic is Topic.GENERAL:
        return _one(report, "final.general_budget", "total", "total")
    if name in ("整体支出",) and topic is Topic.PERFORMANCE:
        return _one(report, "final.general_budget", "total", "total")
    if topic in (Topic.GENERAL, Topic.OTHER):
        table = report.get_table("final.general_budget")
        if table is not None:
            row = _by_label(table, name, _code_rows(table, 1))
            if row is not None:
                return Resolved.of(CellRef(table, row, "total"))
    return None


def _basic(
    report: Report, name: str, topic: Topic, path: tuple[str, ...], role: str
) -> Resolution | None:
    if name in ("人员经费", "人员经费合计"):
        return _one(report, "final.general_basic", "personnel_total", "amount")
    if name in ("公用经费", "公用经费合计"):
        return _one(report, "final.general_basic", "public_total", "amount")
    if name in ("机关运行经费", "机关运行经费支出", "机关运行费"):
        found = _one(report, "final.general_basic", "public_total", "amount")
        if isinstance(found, str):
            return found
        return attrs.evolve(
            found,
            bound="机关运行经费只含行政单位和参照公务员法管理事业单位的公用经费，"
            "部门含其他事业单位时小于公用经费合计，报表未单列",
        )
    if topic in (Topic.BASIC, Topic.GENERAL_SPENDING, Topic.GENERAL):
        table = report.get_table("final.general_basic")
        if table is not None:
            row = _by_label(table, name, table.code_rows())
            if row is not None:
                return Resolved.of(CellRef(table, row, "amount"))
    return None


_RESOLVERS: Final[tuple[_Resolver, ...]] = (
    _three_public,
    _budget_role,
    _code_path,
    _totals,
    _columns,
    _basic,
    _general,
)


# ---------------------------------------------------------------- 预算 (budget.* tables)

_BUDGET_LINES: Final[dict[str, tuple[str, str, str]]] = {
    **dict.fromkeys(
        ("收入", "收入总计", "收入合计", "本年收入合计", "部门收入", "单位收入", "总收入"),
        ("budget.summary", "income.total", "amount"),
    ),
    **dict.fromkeys(
        ("财政拨款收入", "财政拨款", "财政拨款收入总计", "财政拨款收入合计"),
        ("budget.summary", "income.fiscal", "amount"),
    ),
    **dict.fromkeys(
        (
            "一般公共预算拨款收入",
            "一般公共预算收入",
            "一般公共预算资金",
            "一般公共预算财政拨款收入",
        ),
        ("budget.summary", "income.general_budget", "amount"),
    ),
    **dict.fromkeys(
        ("政府性基金拨款收入", "政府性基金预算拨款收入", "政府性基金收入"),
        ("budget.summary", "income.fund_budget", "amount"),
    ),
    **dict.fromkeys(
        ("国有资本经营预算拨款收入", "国有资本经营预算收入"),
        ("budget.summary", "income.state_capital", "amount"),
    ),
    "事业收入": ("budget.summary", "income.service", "amount"),
    "事业单位经营收入": ("budget.summary", "income.business", "amount"),
    "经营收入": ("budget.summary", "income.business", "amount"),
    "其他收入": ("budget.summary", "income.other", "amount"),
    **dict.fromkeys(
        ("上年结转结余", "上年结转", "上年结转和结余"),
        ("budget.summary", "income.carryover", "amount"),
    ),
    **dict.fromkeys(
        ("支出", "支出总计", "支出合计", "本年支出合计", "总支出"),
        ("budget.summary", "expenditure.total", "amount"),
    ),
    **dict.fromkeys(
        ("财政拨款支出", "财政拨款收支", "财政拨款收入支出"),
        ("budget.fiscal_summary", "expenditure.total", "total"),
    ),
    **dict.fromkeys(
        (
            "一般公共预算拨款支出",
            "一般公共预算支出",
            "一般公共预算财政拨款支出",
            "一般公共预算资金支出",
        ),
        ("budget.fiscal_summary", "expenditure.total", FiscalFund.GENERAL_BUDGET.value),
    ),
    **dict.fromkeys(
        ("政府性基金拨款支出", "政府性基金预算拨款支出", "政府性基金预算支出", "政府性基金支出"),
        ("budget.fiscal_summary", "expenditure.total", FiscalFund.FUND_BUDGET.value),
    ),
    **dict.fromkeys(
        ("国有资本经营预算拨款支出", "国有资本经营预算支出", "国有资本经营支出"),
        ("budget.fiscal_summary", "expenditure.total", FiscalFund.STATE_CAPITAL.value),
    ),
    "基本支出": ("budget.expenditure", "total", "basic"),
    "项目支出": ("budget.expenditure", "total", "project"),
    "人员经费": ("budget.general_basic", "total", "personnel"),
    "公用经费": ("budget.general_basic", "total", "public"),
}
"""What a 预算 sentence names (without 预算/预算数) → (schema, row key, column key)."""

_BUDGET_FUNCTIONAL: Final = ("budget.general_budget", "budget.fund_budget", "budget.state_capital")
_SUFFIX_RE: Final = re.compile(r"(?<=.)(?:预算数|预算安排|预算)$")
_LEAD_RE: Final = re.compile(r"^(?:(?:19|20)\d{2}年度?|本部门|本单位|部门|单位|[，,、])+")
_BUDGET_TOTAL_RE: Final = re.compile(r"预算(?=总计|合计)")


def budget_name(subject: str, department: str | None = None) -> str:
    """A 预算 subject without the department, the year and a trailing 预算/预算数.

    >>> budget_name("上海市普陀区商务委员会收入预算", "上海市普陀区商务委员会")
    '收入'
    >>> budget_name("“三公”经费预算数"), budget_name("一般公共预算拨款支出预算")
    ('三公经费', '一般公共预算拨款支出')
    >>> budget_name("本年收入预算合计"), budget_name("财政拨款收入预算总计")
    ('收入合计', '财政拨款收入总计')
    """
    name = normalise_name(subject)
    if department:
        dept = normalise_name(department)
        if name.startswith(dept):
            name = name[len(dept) :]
    name = _LEAD_RE.sub("", name)
    if "预算" not in name:  # nothing for the patterns below to take
        return name.removeprefix("本年")
    # “收入预算总计”, “本年支出预算合计”: the total of the budget's income or spending
    name = _BUDGET_TOTAL_RE.sub("", name).removeprefix("本年")
    return _SUFFIX_RE.sub("", name)


def _budget(report: Report, subject: str, topic: Topic, path: tuple[str, ...]) -> Resolution | None:
    """Resolve a subject of a 预算's prose to the ``budget.*`` tables (``None``: not found)."""
    if topic in _NOT_IN_TABLES:
        return None
    name = budget_name(subject, report.department)
    if path:
        return _budget_path(report, path, topic)
    if "机关运行经费" in name:
        return _one(report, "budget.three_public", "total", "operating")
    key = _THREE_PUBLIC.get(name)
    if key is not None or "三公" in name:
        return _one(report, "budget.three_public", "total", key or "total")
    line = _BUDGET_LINES.get(name)
    if line is not None:
        return _one(report, *line)
    # a 类 by name (“科学技术支出”): of every fund in the 收支预算总表's section, else of
    # the 一般公共预算 table
    places = [("budget.general_budget", "total")]
    if topic is Topic.SUMMARY:
        places.insert(0, ("budget.summary", "amount"))
    for schema, column in places:
        table = report.get_table(schema)
        row = _by_label(table, name, _code_rows(table, 1)) if table is not None else None
        if table is not None and row is not None:
            return Resolved.of(CellRef(table, row, column))
    return None


def _budget_path(report: Report, path: tuple[str, ...], topic: Topic = Topic.OTHER) -> Resolution:
    """A 类/款/项 path in the first functional 预算 table that holds it.

    In the 收支预算总表's section (*topic* ``SUMMARY``) a 类 is first looked for
    among the 总表's 类 lines, which count every fund: the 一般公共预算 table
    holds only that fund's part.
    """
    places = [(schema, "total") for schema in _BUDGET_FUNCTIONAL]
    if topic is Topic.SUMMARY and len(path) == 1:
        places.insert(0, ("budget.summary", "amount"))
    reason: str | None = None
    for schema, column in places:
        table = report.get_table(schema)
        if table is None:
            continue
        row = _path_row(table, path)
        if isinstance(row, str):
            reason = reason or row
            continue
        return Resolved.of(CellRef(table, row, column))
    return reason or _missing_table("budget.general_budget")
