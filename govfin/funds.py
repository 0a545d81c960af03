"""Fund sources, revenue sources, spending kinds and the 人员经费 / 公用经费 grouping.

The enum values are the stable snake_case keys govfin uses for table columns
and lines (:mod:`govfin.tables`): ``RevenueSource.UPPER_GRANT.value`` is the
``upper_grant`` column of 收入决算表 and the ``income.upper_grant`` line of
收入支出决算总表.  Every member knows its Chinese name (:attr:`~RevenueSource.zh`),
its English name (:attr:`~RevenueSource.en`), and recognises the variants
printed in real reports (:meth:`~RevenueSource.parse`).

>>> RevenueSource.parse("一、一般公共预算财政拨款收入")
<RevenueSource.GENERAL_BUDGET: 'general_budget'>
>>> RevenueSource.parse("事业单位经营收入").zh
'经营收入'
>>> SpendingKind.parse("对附属单位补助支出").en
'subsidies to affiliated units'
>>> expense_group("30214"), expense_group("303"), expense_group("2010301")
(<ExpenseGroup.PUBLIC: 'public'>, <ExpenseGroup.PERSONNEL: 'personnel'>, None)

The 人员经费 / 公用经费 grouping (:func:`expense_group`)
--------------------------------------------------------
The 部门决算 public table 一般公共预算财政拨款基本支出决算（明细）表 (公开06表,
财政部 national template used since the 2019 决算, seen in the 2024 seed)
prints the basic spending of the general budget by 部门预算支出经济分类 in
three panels and closes with 人员经费合计 under the first panel (301
工资福利支出 and 303 对个人和家庭的补助) and 公用经费合计 under the others (302
商品和服务支出, 307 债务利息及费用支出, 310 资本性支出 and 399 其他支出).  So:

* 人员经费 (personnel) = 301 + 303;
* 公用经费 (public) = 302 + 307 + 310 + 399.

Checked on the seed (渌口区行政审批服务局 2024): 人员经费合计 340.64 = 321.41 +
19.23 and 公用经费合计 385.74 = 375.84 + 9.90 (307 and 399 are empty there).
Unsure: the seed cannot confirm 307 and 399, since both are empty; the
wording of many local 名词解释 ("公用经费…包括商品和服务支出、资本性支出")
lists 302 and 310 only.  The 类 309 (资本性支出（基本建设）), 311–313 (对企业补助,
对社会保障基金补助) are not printed in the basic-spending table and are
grouped in neither (``None``).  Rules should say which definition they apply.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from typing import Final, Self

__all__ = [
    "INCOME_COLUMNS",
    "PERSONNEL_CLASSES",
    "PUBLIC_CLASSES",
    "ExpenseGroup",
    "FiscalFund",
    "RevenueSource",
    "SpendingKind",
    "expense_group",
]


def _norm(text: str) -> str:
    norm = unicodedata.normalize("NFKC", text)
    norm = re.sub(
        r"^\s*(?:[一二三四五六七八九十]+[、.]|[(][一二三四五六七八九十0-9]+[)]|[0-9]+[、.])",
        "",
        norm,
    )
    return re.sub(r"[\s\u3000“”\"']", "", norm)


class _Named(enum.Enum):
    """An enum whose members carry Chinese and English names and printed variants."""

    def __str__(self) -> str:
        return str(self.value)

    @property
    def zh(self) -> str:
        """The Chinese name as printed in the national templates."""
        return _NAMES[self][0]

    @property
    def en(self) -> str:
        """The English name."""
        return _NAMES[self][1]

    @property
    def variants(self) -> tuple[str, ...]:
        """Other printed names recognised by :meth:`parse`."""
        return _NAMES[self][2]

    @classmethod
    def get(cls, text: str) -> Self | None:
        """The member named by *text* (Chinese name, a variant, the key or the English name).

        Leading ordinals (``一、``) and spaces are ignored; ``None`` when unknown.
        """
        norm = _norm(text)
        for member in cls:
            names = (member.zh, *member.variants)
            if norm in (_norm(n) for n in names) or norm in (member.value, member.en):
                return member
        return None

    @classmethod
    def parse(cls, text: str) -> Self:
        """Like :meth:`get`, but raise :class:`ValueError` naming the text when unknown."""
        found = cls.get(text)
        if found is None:
            names = "、".join(m.zh for m in cls)
            raise ValueError(f"{text!r} is not a {cls.__name__} (expected one of {names})")
        return found


class FiscalFund(_Named):
    """The three budgets a fiscal appropriation (财政拨款) comes from."""

    GENERAL_BUDGET = "general_budget"
    FUND_BUDGET = "fund_budget"
    STATE_CAPITAL = "state_capital"


class RevenueSource(_Named):
    """Where a unit's money comes from (收入 lines and columns).

    ``FISCAL`` (财政拨款收入) is the sum of the three fiscal funds, printed as one
    column in 收入决算表.  ``NON_FISCAL_BALANCE`` and ``CARRYOVER`` are not
    income of the year but sources of the 总计.
    """

    FISCAL = "fiscal"
    GENERAL_BUDGET = "general_budget"
    FUND_BUDGET = "fund_budget"
    STATE_CAPITAL = "state_capital"
    UPPER_GRANT = "upper_grant"
    SERVICE = "service"
    BUSINESS = "business"
    SUBSIDIARY = "subsidiary"
    OTHER = "other"
    NON_FISCAL_BALANCE = "non_fiscal_balance"
    CARRYOVER = "carryover"

    @property
    def fiscal_fund(self) -> FiscalFund | None:
        """The fiscal fund of a fiscal-appropriation source, else ``None``."""
        return FiscalFund.get(self.value)

    @property
    def is_income_of_year(self) -> bool:
        """Whether the source counts in 本年收入合计 (not a balance or carry-over)."""
        return self not in (RevenueSource.NON_FISCAL_BALANCE, RevenueSource.CARRYOVER)


class SpendingKind(_Named):
    """What money is spent on, as the 支出决算表 columns split it."""

    BASIC = "basic"
    PROJECT = "project"
    UPPER_REMIT = "upper_remit"
    BUSINESS = "business"
    SUBSIDIARY = "subsidiary"


INCOME_COLUMNS: Final = (
    RevenueSource.FISCAL,
    RevenueSource.UPPER_GRANT,
    RevenueSource.SERVICE,
    RevenueSource.BUSINESS,
    RevenueSource.SUBSIDIARY,
    RevenueSource.OTHER,
)
"""The sources a 收入决算表 prints as columns after 本年收入合计, in their printed order."""

_NAMES: Final[dict[enum.Enum, tuple[str, str, tuple[str, ...]]]] = {
    FiscalFund.GENERAL_BUDGET: (
        "一般公共预算财政拨款",
        "general public budget appropriation",
        ("一般公共预算", "一般公共预算拨款", "一般公共预算财政拨款收入"),
    ),
    FiscalFund.FUND_BUDGET: (
        "政府性基金预算财政拨款",
        "government fund budget appropriation",
        ("政府性基金预算", "政府性基金预算拨款", "政府性基金预算财政拨款收入"),
    ),
    FiscalFund.STATE_CAPITAL: (
        "国有资本经营预算财政拨款",
        "state capital operation budget appropriation",
        ("国有资本经营预算", "国有资本经营预算拨款", "国有资本经营预算财政拨款收入"),
    ),
    RevenueSource.FISCAL: (
        "财政拨款收入",
        "fiscal appropriation income",
        ("财政拨款",),
    ),
    RevenueSource.GENERAL_BUDGET: (
        "一般公共预算财政拨款收入",
        "general public budget appropriation income",
        ("一般公共预算财政拨款", "一般公共预算拨款收入", "一般公共预算收入"),
    ),
    RevenueSource.FUND_BUDGET: (
        "政府性基金预算财政拨款收入",
        "government fund budget appropriation income",
        ("政府性基金预算财政拨款", "政府性基金预算拨款收入", "政府性基金预算收入"),
    ),
    RevenueSource.STATE_CAPITAL: (
        "国有资本经营预算财政拨款收入",
        "state capital operation budget appropriation income",
        ("国有资本经营预算财政拨款", "国有资本经营预算拨款收入", "国有资本经营预算收入"),
    ),
    RevenueSource.UPPER_GRANT: ("上级补助收入", "grants from higher-level units", ()),
    RevenueSource.SERVICE: ("事业收入", "public service income", ("事业收入（不含教育收费）",)),
    RevenueSource.BUSINESS: ("经营收入", "business income", ("事业单位经营收入",)),
    RevenueSource.SUBSIDIARY: (
        "附属单位上缴收入",
        "remittances from affiliated units",
        ("附属单位缴款",),
    ),
    RevenueSource.OTHER: ("其他收入", "other income", ()),
    RevenueSource.NON_FISCAL_BALANCE: (
        "使用非财政拨款结余",
        "use of non-appropriation balances",
        (
            "使用非财政拨款结余（含专用结余）",
            "用事业基金弥补收支差额",
            "使用非财政拨款结余和专用结余",
        ),
    ),
    RevenueSource.CARRYOVER: (
        "年初结转和结余",
        "carry-over and balances at the start of the year",
        ("上年结转", "年初结转结余", "上年结转结余", "年初财政拨款结转和结余"),
    ),
    SpendingKind.BASIC: ("基本支出", "basic expenditure", ("基本支出合计",)),
    SpendingKind.PROJECT: ("项目支出", "project expenditure", ("项目支出合计",)),
    SpendingKind.UPPER_REMIT: ("上缴上级支出", "remittances to higher-level units", ()),
    SpendingKind.BUSINESS: ("经营支出", "business expenditure", ("事业单位经营支出",)),
    SpendingKind.SUBSIDIARY: (
        "对附属单位补助支出",
        "subsidies to affiliated units",
        ("对附属单位补助",),
    ),
}


class ExpenseGroup(enum.Enum):
    """The two groups of basic spending: 人员经费 and 公用经费."""

    def __str__(self) -> str:
        return str(self.value)

    PERSONNEL = "personnel"
    PUBLIC = "public"

    @property
    def zh(self) -> str:
        """``人员经费`` or ``公用经费``."""
        return "人员经费" if self is ExpenseGroup.PERSONNEL else "公用经费"

    @property
    def classes(self) -> frozenset[str]:
        """The economic 类 codes of the group (see the module docstring)."""
        return PERSONNEL_CLASSES if self is ExpenseGroup.PERSONNEL else PUBLIC_CLASSES


PERSONNEL_CLASSES: Final = frozenset({"301", "303"})
"""部门预算支出经济分类 类 counted as 人员经费: 工资福利支出, 对个人和家庭的补助."""

PUBLIC_CLASSES: Final = frozenset({"302", "307", "310", "399"})
"""类 counted as 公用经费: 商品和服务支出, 债务利息及费用支出, 资本性支出, 其他支出."""


def expense_group(economic_code: str) -> ExpenseGroup | None:
    """The group (人员经费 / 公用经费) of a 部门预算支出经济分类 code, or ``None``.

    Works for a 类 (``"301"``) or a 款 (``"30101"``); a code that is not an
    economic code of basic spending (a functional code, ``309``, junk) gives
    ``None``.

    >>> expense_group("301"), expense_group("31007")
    (<ExpenseGroup.PERSONNEL: 'personnel'>, <ExpenseGroup.PUBLIC: 'public'>)
    >>> expense_group("309") is None, expense_group("abc") is None
    (True, True)
    """
    code = unicodedata.normalize("NFKC", economic_code).strip()
    if not code.isdigit() or len(code) not in (3, 5):
        return None
    head = code[:3]
    if head in PERSONNEL_CLASSES:
        return ExpenseGroup.PERSONNEL
    if head in PUBLIC_CLASSES:
        return ExpenseGroup.PUBLIC
    return None
