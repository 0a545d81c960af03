"""Hypothesis strategies for whole, consistent reports, and for breaking them.

:func:`final_reports` builds a 部门决算 with its nine tables *constructively*:
exact leaf amounts first (whole 元, so exact in 万元 at four decimals), then
every total, subtotal and cross-table figure computed exactly from them, and
only then each published cell rounded half-up (四舍五入) to its column's
precision.  Nothing is filtered, so every generated report is consistent
within rounding, and every identity govfin checks holds up to 尾数误差.

:func:`perturbations` then changes one published amount by more than any
rounding can explain (:func:`allowance`), which must turn into an ``error``
naming that cell's table and row.

>>> from hypothesis import given, settings
>>> from govfin.rules import check
>>> @settings(max_examples=5, deadline=None)
... @given(final_reports())
... def test(report):
...     assert check(report).summary.errors == 0
>>> test()
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

import attrs
from hypothesis import strategies as st

from govfin.amounts import ZERO, Unit, quantize
from govfin.classification import bundled
from govfin.funds import FiscalFund, RevenueSource
from govfin.report import Cell, Column, Report, ReportKind, Row, Table
from govfin.tables import get_schema
from govfin.tables.final import FUNCTION_CLASSES

__all__ = [
    "UNTIED_COLUMNS",
    "Perturbation",
    "allowance",
    "amount_cells",
    "final_reports",
    "perturb",
    "perturbations",
    "tied_cells",
]

_FUNDS: Final = tuple(f.value for f in FiscalFund)
_FUND_LABELS: Final = {f.value: f.zh for f in FiscalFund}
_OTHER_SOURCES: Final = (
    RevenueSource.UPPER_GRANT,
    RevenueSource.SERVICE,
    RevenueSource.BUSINESS,
    RevenueSource.SUBSIDIARY,
    RevenueSource.OTHER,
)
_SOURCES: Final = tuple(s.value for s in _OTHER_SOURCES)
_SOURCE_LABELS: Final = tuple(s.zh for s in _OTHER_SOURCES)
_CLASS_NAMES: Final = {code: name for code, name, _ in FUNCTION_CLASSES}
_ECONOMIC: Final = {
    "301": ("工资福利支出", ("30101", "30102", "30103", "30107", "30108", "30113", "30199")),
    "302": ("商品和服务支出", ("30201", "30202", "30205", "30206", "30211", "30213", "30299")),
    "303": ("对个人和家庭的补助", ("30301", "30302", "30305", "30309")),
    "307": ("债务利息及费用支出", ("30701", "30702")),
    "310": ("资本性支出", ("31002", "31003", "31007")),
    "399": ("其他支出", ("39907", "39999")),
}
_ECONOMIC_NAMES: Final = {
    "30101": "基本工资",
    "30102": "津贴补贴",
    "30103": "奖金",
    "30107": "绩效工资",
    "30108": "机关事业单位基本养老保险缴费",
    "30113": "住房公积金",
    "30199": "其他工资福利支出",
    "30201": "办公费",
    "30202": "印刷费",
    "30205": "水费",
    "30206": "电费",
    "30211": "差旅费",
    "30213": "维修（护）费",
    "30299": "其他商品和服务支出",
    "30301": "离休费",
    "30302": "退休费",
    "30305": "生活补助",
    "30309": "奖励金",
    "30701": "国内债务付息",
    "30702": "国外债务付息",
    "31002": "办公设备购置",
    "31003": "专用设备购置",
    "31007": "信息网络及软件购置更新",
    "39907": "国家赔偿费用支出",
    "39999": "其他支出",
}

Exact = dict[str, Decimal]


def _name(code: str) -> str:
    """The bundled catalogue's name of a functional code, else a made-up one."""
    return bundled("functional", 2024).name(code) or f"科目{code}"


def _yuan(n: int) -> Decimal:
    """Whole 元 expressed in 万元 (exact, four decimals)."""
    return Decimal(n).scaleb(-4)


def _money(*, zero_weight: int = 1, top: int = 3_000_000) -> st.SearchStrategy[Decimal]:
    """Exact amounts in 万元: often zero, else 1 元 to *top* 元."""
    return st.one_of(*([st.just(ZERO)] * zero_weight), st.integers(1, top).map(_yuan))


def _add(*values: Decimal) -> Decimal:
    return sum(values, ZERO)


@attrs.frozen
class _Leaf:
    """The exact figures of one 项 (a leaf of the functional classification)."""

    code: str
    name: str
    basic: Mapping[str, Decimal]  # by fund, plus "other" (non-fiscal)
    project: Mapping[str, Decimal]
    upper_remit: Decimal
    business: Decimal
    subsidiary: Decimal
    income_extra: Decimal  # general-budget income not spent this year
    nonfiscal_income: Mapping[str, Decimal]  # by source

    def spend(self, fund: str) -> Decimal:
        return self.basic[fund] + self.project[fund]

    @property
    def fiscal_income(self) -> Decimal:
        return _add(*(self.spend(f) for f in _FUNDS), self.income_extra)


@st.composite
def _leaf(draw: st.DrawFn, code: str, *, funds: Sequence[str]) -> _Leaf:
    basic: Exact = {}
    project: Exact = {}
    for fund in (*_FUNDS, "other"):
        on = fund in funds or fund == "other"
        basic[fund] = draw(_money(zero_weight=2)) if on else ZERO
        project[fund] = draw(_money(zero_weight=2)) if on else ZERO
    upper_remit = draw(_money(zero_weight=6, top=200_000))
    business = draw(_money(zero_weight=6, top=200_000))
    subsidiary = draw(_money(zero_weight=6, top=200_000))
    nonfiscal = basic["other"] + project["other"] + upper_remit + business + subsidiary
    # split the non-fiscal spending among the sources, plus some unspent income
    shares = [draw(st.integers(0, 3)) for _ in _SOURCES]
    if not any(shares):
        shares[-1] = 1
    whole = sum(shares)
    income: Exact = {}
    left = nonfiscal
    for i, (src, share) in enumerate(zip(_SOURCES, shares, strict=True)):
        part = left if i == len(_SOURCES) - 1 else quantize(nonfiscal * share / whole, 4)
        part = min(part, left)
        income[src] = part
        left -= part
    income["other"] += draw(_money(zero_weight=4, top=100_000))
    return _Leaf(
        code=code,
        name=_name(code),
        basic=basic,
        project=project,
        upper_remit=upper_remit,
        business=business,
        subsidiary=subsidiary,
        income_extra=draw(_money(zero_weight=4, top=200_000)),
        nonfiscal_income=income,
    )


@st.composite
def _classification(
    draw: st.DrawFn, max_classes: int
) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """类 → 款 → 项 codes, each level a prefix of the next."""
    classes = draw(
        st.lists(
            st.sampled_from([c for c, _, _ in FUNCTION_CLASSES]),
            min_size=1,
            max_size=max_classes,
            unique=True,
        )
    )
    tree: list[tuple[str, list[tuple[str, list[str]]]]] = []
    for lei in sorted(classes):
        kuans = draw(st.lists(st.integers(1, 99), min_size=1, max_size=3, unique=True))
        branch: list[tuple[str, list[str]]] = []
        for k in sorted(kuans):
            kuan = f"{lei}{k:02d}"
            xiangs = draw(st.lists(st.integers(1, 99), min_size=1, max_size=3, unique=True))
            branch.append((kuan, [f"{kuan}{x:02d}" for x in sorted(xiangs)]))
        tree.append((lei, branch))
    return tree


class _Printer:
    """Rounds exact figures to published texts (四舍五入 to the column's precision)."""

    def __init__(self, precision: int, *, strip: bool, zero_blank: bool) -> None:
        self.precision = precision
        self.strip = strip
        self.zero_blank = zero_blank

    def text(self, value: Decimal, *, keep_zero: bool = False) -> str:
        if value == 0:
            return "0" if keep_zero or not self.zero_blank else ""
        rounded = quantize(value, self.precision, ROUND_HALF_UP)
        text = f"{rounded:f}"
        if self.strip and "." in text:
            text = text.rstrip("0").rstrip(".")
        return text

    def cells(self, values: Mapping[str, Decimal], *, keep_zero: bool = False) -> dict[str, Cell]:
        return {k: Cell.parse(self.text(v, keep_zero=keep_zero)) for k, v in values.items()}

    def line(
        self,
        key: str,
        label: str,
        side: str,
        line_no: str,
        values: Mapping[str, Decimal],
        *,
        keep_zero: bool = False,
    ) -> Row:
        """A numbered line of a 总表: *values* (exact, by column key) printed."""
        return Row(key, label, self.cells(values, keep_zero=keep_zero), side=side, line_no=line_no)


def _columns(schema_id: str, keys: Sequence[str] | None = None) -> tuple[Column, ...]:
    schema = get_schema(schema_id)
    seen: dict[str, Column] = {}
    for spec in schema.amount_columns:
        if spec.key in seen or (keys is not None and spec.key not in keys):
            continue
        seen[spec.key] = Column(spec.key, spec.title, spec.precision)
    if keys is not None:
        return tuple(seen[k] for k in keys if k in seen)
    return tuple(seen.values())


def _table(
    schema_id: str, rows: Sequence[Row], columns: tuple[Column, ...], notes: tuple[str, ...] = ()
) -> Table:
    schema = get_schema(schema_id)
    return Table(
        schema=schema_id,
        title=schema.title,
        unit=Unit.WANYUAN,
        columns=columns,
        rows=tuple(rows),
        number=schema.number,
        notes=notes,
    )


def _code_rows(
    tree: Sequence[tuple[str, Sequence[tuple[str, Sequence[str]]]]],
    values: Mapping[str, Mapping[str, Decimal]],
    names: Mapping[str, str],
    printer: _Printer,
) -> list[Row]:
    """The 合计 row then every 类/款/项 row with any non-zero figure, in printed order."""
    rows: list[Row] = []
    columns = list(next(iter(values.values())).keys()) if values else []
    total = {c: _add(*(values[lei][c] for lei, _ in tree if lei in values)) for c in columns}
    rows.append(Row("total", "合计", printer.cells(total, keep_zero=True)))
    for lei, branch in tree:
        for code in [lei, *[k for k, xs in branch for k in (k, *xs)]]:
            vals = values.get(code)
            if vals is None or not any(vals.values()):
                continue
            rows.append(Row(code, names[code], printer.cells(vals), code=code))
    return rows


def _rollup_values(
    tree: Sequence[tuple[str, Sequence[tuple[str, Sequence[str]]]]],
    leaf_values: Mapping[str, Mapping[str, Decimal]],
) -> dict[str, dict[str, Decimal]]:
    """Exact values of every 项, 款 and 类 (sums of the leaves under them)."""
    out: dict[str, dict[str, Decimal]] = {}
    for lei, branch in tree:
        lei_vals: dict[str, Decimal] = {}
        for kuan, xiangs in branch:
            kuan_vals: dict[str, Decimal] = {}
            for xiang in xiangs:
                vals = dict(leaf_values[xiang])
                out[xiang] = vals
                for k, v in vals.items():
                    kuan_vals[k] = kuan_vals.get(k, ZERO) + v
            out[kuan] = kuan_vals
            for k, v in kuan_vals.items():
                lei_vals[k] = lei_vals.get(k, ZERO) + v
        out[lei] = lei_vals
    return out


@st.composite
def final_reports(  # noqa: PLR0915 - one recipe, read top to bottom
    draw: st.DrawFn,
    *,
    max_classes: int = 4,
    precision: int = 2,
    year: int = 2024,
) -> Report:
    """Consistent 部门决算 reports (公开01–09表), built leaves first, rounded last.

    Args:
        draw: supplied by hypothesis.
        max_classes: at most this many functional 类 (each with 1–3 款 of 1–3 项).
        precision: the decimals every amount column is published with (万元).
        year: the report's year.
    """
    tree = draw(_classification(max_classes))
    printer = _Printer(precision, strip=draw(st.booleans()), zero_blank=draw(st.booleans()))
    fund_classes = set(draw(st.lists(st.sampled_from([t[0] for t in tree]), max_size=1)))
    capital_classes = set(draw(st.lists(st.sampled_from([t[0] for t in tree]), max_size=1)))
    leaves: dict[str, _Leaf] = {}
    names: dict[str, str] = {}
    for lei, branch in tree:
        names[lei] = _CLASS_NAMES.get(lei) or _name(lei)
        funds = ["general_budget"]
        if lei in fund_classes:
            funds.append("fund_budget")
        if lei in capital_classes:
            funds.append("state_capital")
        for kuan, xiangs in branch:
            names[kuan] = _name(kuan)
            for xiang in xiangs:
                leaves[xiang] = draw(_leaf(xiang, funds=funds))
                names[xiang] = leaves[xiang].name

    def by_leaf(fn: Callable[[_Leaf], dict[str, Decimal]]) -> dict[str, dict[str, Decimal]]:
        return _rollup_values(tree, {c: fn(leaf) for c, leaf in leaves.items()})

    # 政府性基金: income and carry-over at least what is spent, by 项
    fund_income: dict[str, Decimal] = {}
    fund_carry: dict[str, Decimal] = {}
    for c, lf in leaves.items():
        spent = lf.spend("fund_budget")
        fund_income[c] = spent + draw(_money(zero_weight=3, top=50_000)) if spent else ZERO
        fund_carry[c] = draw(_money(zero_weight=3, top=50_000)) if spent else ZERO

    def fiscal_income_of(lf: _Leaf) -> Decimal:
        return _add(
            lf.spend("general_budget"),
            lf.income_extra,
            fund_income[lf.code],
            lf.spend("state_capital"),
        )

    # 公开03 支出决算表
    exp03 = by_leaf(
        lambda lf: {
            "total": _add(
                *(lf.spend(f) for f in (*_FUNDS, "other")),
                lf.upper_remit,
                lf.business,
                lf.subsidiary,
            ),
            "basic": _add(*(lf.basic[f] for f in (*_FUNDS, "other"))),
            "project": _add(*(lf.project[f] for f in (*_FUNDS, "other"))),
            "upper_remit": lf.upper_remit,
            "business": lf.business,
            "subsidiary": lf.subsidiary,
        }
    )
    # 公开02 收入决算表
    inc02 = by_leaf(
        lambda lf: {
            "total": _add(fiscal_income_of(lf), *lf.nonfiscal_income.values()),
            "fiscal": fiscal_income_of(lf),
            **{s: lf.nonfiscal_income[s] for s in _SOURCES},
        }
    )
    # 公开05 / 07 / 08
    gb05 = by_leaf(
        lambda lf: {
            "total": lf.spend("general_budget"),
            "basic": lf.basic["general_budget"],
            "project": lf.project["general_budget"],
        }
    )
    fb07 = by_leaf(
        lambda lf: {
            "carryover": fund_carry[lf.code],
            "income": fund_income[lf.code],
            "total": lf.spend("fund_budget"),
            "basic": lf.basic["fund_budget"],
            "project": lf.project["fund_budget"],
            "balance": fund_carry[lf.code] + fund_income[lf.code] - lf.spend("fund_budget"),
        }
    )
    sc08 = by_leaf(
        lambda lf: {
            "total": lf.spend("state_capital"),
            "basic": lf.basic["state_capital"],
            "project": lf.project["state_capital"],
        }
    )
    classes = [lei for lei, _ in tree]

    def grand(values: Mapping[str, Mapping[str, Decimal]], col: str) -> Decimal:
        return _add(*(values[lei][col] for lei in classes))

    # exact totals of the 总表
    fiscal_income = {
        "general_budget": _add(
            *(lf.spend("general_budget") + lf.income_extra for lf in leaves.values())
        ),
        "fund_budget": grand(fb07, "income"),
        "state_capital": grand(sc08, "total"),
    }
    sources = {s: grand(inc02, s) for s in _SOURCES}
    income_total = _add(*fiscal_income.values(), *sources.values())
    spend_total = grand(exp03, "total")
    carry_by_fund = {
        "general_budget": draw(_money(zero_weight=2, top=500_000)),
        "fund_budget": grand(fb07, "carryover"),
        "state_capital": ZERO,
    }
    nonfiscal_carry = draw(_money(zero_weight=2, top=500_000))
    non_fiscal_balance = draw(_money(zero_weight=4, top=100_000))
    distribution = draw(_money(zero_weight=6, top=50_000))
    carryover = _add(*carry_by_fund.values(), nonfiscal_carry)
    balance = income_total + non_fiscal_balance + carryover - spend_total - distribution
    if balance < 0:
        nonfiscal_carry -= balance
        carryover -= balance
        balance = ZERO
    grand_total = income_total + non_fiscal_balance + carryover

    # 公开01
    income_lines = [
        *((f"income.{f}", f"{_FUND_LABELS[f]}收入", fiscal_income[f]) for f in _FUNDS),
        *((f"income.{s}", lb, sources[s]) for s, lb in zip(_SOURCES, _SOURCE_LABELS, strict=True)),
    ]
    summary_rows = [
        printer.line(key, label, "income", str(no), {"amount": value})
        for no, (key, label, value) in enumerate(income_lines, 1)
    ]
    summary_rows += [
        printer.line(
            "income.total", "本年收入合计", "income", "27", {"amount": income_total}, keep_zero=True
        ),
        printer.line(
            "income.non_fiscal_balance",
            "使用非财政拨款结余（含专用结余）",
            "income",
            "28",
            {"amount": non_fiscal_balance},
        ),
        printer.line("income.carryover", "年初结转和结余", "income", "29", {"amount": carryover}),
        printer.line(
            "income.grand_total", "总计", "income", "30", {"amount": grand_total}, keep_zero=True
        ),
    ]
    summary_rows += [
        Row(
            lei,
            names[lei],
            printer.cells({"amount": exp03[lei]["total"]}),
            code=lei,
            side="expenditure",
        )
        for lei in classes
    ]
    summary_rows += [
        printer.line(
            "expenditure.total",
            "本年支出合计",
            "expenditure",
            "57",
            {"amount": spend_total},
            keep_zero=True,
        ),
        printer.line(
            "expenditure.distribution", "结余分配", "expenditure", "58", {"amount": distribution}
        ),
        printer.line(
            "expenditure.balance", "年末结转和结余", "expenditure", "59", {"amount": balance}
        ),
        printer.line(
            "expenditure.grand_total",
            "总计",
            "expenditure",
            "60",
            {"amount": grand_total},
            keep_zero=True,
        ),
    ]
    t01 = _table("final.summary", summary_rows, (Column("amount", "决算数", precision),))

    # 公开04
    spend_by_fund = {
        "general_budget": grand(gb05, "total"),
        "fund_budget": grand(fb07, "total"),
        "state_capital": grand(sc08, "total"),
    }
    balance_by_fund = {f: fiscal_income[f] + carry_by_fund[f] - spend_by_fund[f] for f in _FUNDS}
    fiscal_carry = _add(*carry_by_fund.values())
    fiscal_income_total = _add(*fiscal_income.values())
    four_cols = ("total", *_FUNDS)

    def fund_vals(values: Mapping[str, Decimal]) -> dict[str, Decimal]:
        return {"total": _add(*values.values()), **values}

    fiscal_rows = [
        printer.line(
            f"income.{f}", _FUND_LABELS[f], "income", str(no), {"amount": fiscal_income[f]}
        )
        for no, f in enumerate(_FUNDS, 1)
    ]
    fiscal_rows += [
        printer.line(
            "income.total",
            "本年收入合计",
            "income",
            "27",
            {"amount": fiscal_income_total},
            keep_zero=True,
        ),
        printer.line(
            "income.carryover", "年初财政拨款结转和结余", "income", "28", {"amount": fiscal_carry}
        ),
        *(
            printer.line(
                f"income.carryover.{f}",
                _FUND_LABELS[f],
                "income",
                str(no),
                {"amount": carry_by_fund[f]},
            )
            for no, f in enumerate(_FUNDS, 29)
        ),
        printer.line(
            "income.grand_total",
            "总计",
            "income",
            "32",
            {"amount": fiscal_income_total + fiscal_carry},
            keep_zero=True,
        ),
    ]
    fiscal_rows += [
        Row(
            lei,
            names[lei],
            printer.cells(
                fund_vals(
                    {
                        "general_budget": gb05[lei]["total"],
                        "fund_budget": fb07[lei]["total"],
                        "state_capital": sc08[lei]["total"],
                    }
                )
            ),
            code=lei,
            side="expenditure",
        )
        for lei in classes
    ]
    fiscal_rows += [
        printer.line(
            "expenditure.total",
            "本年支出合计",
            "expenditure",
            "59",
            fund_vals(spend_by_fund),
            keep_zero=True,
        ),
        printer.line(
            "expenditure.balance",
            "年末财政拨款结转和结余",
            "expenditure",
            "60",
            fund_vals(balance_by_fund),
        ),
        *(
            printer.line(
                f"expenditure.balance.{f}",
                _FUND_LABELS[f],
                "expenditure",
                str(no),
                {"total": balance_by_fund[f]},
            )
            for no, f in enumerate(_FUNDS, 61)
        ),
        printer.line(
            "expenditure.grand_total",
            "总计",
            "expenditure",
            "64",
            fund_vals({f: spend_by_fund[f] + balance_by_fund[f] for f in _FUNDS}),
            keep_zero=True,
        ),
    ]
    t04 = _table(
        "final.fiscal_summary",
        fiscal_rows,
        (
            Column("amount", "金额", precision),
            *(
                Column(k, t, precision)
                for k, t in zip(four_cols, ("合计", *_FUND_LABELS.values()), strict=True)
            ),
        ),
    )

    # 公开06: split 05's basic total among economic 款
    basic_total = grand(gb05, "basic")
    econ = draw(_economic(basic_total))
    econ_rows: list[Row] = []
    for lei, (lei_name, kuans) in _ECONOMIC.items():
        lei_val = _add(*(econ.get(k, ZERO) for k in kuans))
        if lei_val == 0 and draw(st.booleans()):
            continue
        econ_rows.append(Row(lei, lei_name, printer.cells({"amount": lei_val}), code=lei))
        econ_rows.extend(
            Row(k, _ECONOMIC_NAMES[k], printer.cells({"amount": econ.get(k, ZERO)}), code=k)
            for k in kuans
        )
    personnel = _add(*(econ.get(k, ZERO) for c in ("301", "303") for k in _ECONOMIC[c][1]))
    public = basic_total - personnel
    econ_rows.append(
        Row("personnel_total", "人员经费合计", printer.cells({"amount": personnel}, keep_zero=True))
    )
    econ_rows.append(
        Row("public_total", "公用经费合计", printer.cells({"amount": public}, keep_zero=True))
    )
    t06 = _table("final.general_basic", econ_rows, (Column("amount", "决算数", precision),))

    # 公开09
    three = draw(_three_public())
    t09 = _table(
        "final.three_public",
        [Row("total", "合计", printer.cells(three, keep_zero=True))],
        _columns("final.three_public"),
        notes=() if any(three.values()) else ("说明：本单位无“三公”经费支出，故本表无数据。",),
    )

    def code_table(
        schema: str, values: dict[str, dict[str, Decimal]], keys: Sequence[str]
    ) -> Table:
        rows = _code_rows(tree, values, names, printer)
        empty = not any(v for vals in values.values() for v in vals.values())
        notes = ("说明：本单位无相关收支，故本表无数据。",) if empty else ()
        columns = tuple(Column(c.key, c.title, precision) for c in _columns(schema, keys))
        return _table(schema, rows, columns, notes)

    t02 = code_table("final.income", inc02, ("total", "fiscal", *_SOURCES))
    t03 = code_table(
        "final.expenditure",
        exp03,
        ("total", "basic", "project", "upper_remit", "business", "subsidiary"),
    )
    t05 = code_table("final.general_budget", gb05, ("total", "basic", "project"))
    t07 = code_table(
        "final.fund_budget", fb07, ("carryover", "income", "total", "basic", "project", "balance")
    )
    t08 = code_table("final.state_capital", sc08, ("total", "basic", "project"))
    return Report(
        kind=ReportKind.FINAL,
        tables=(t01, t02, t03, t04, t05, t06, t07, t08, t09),
        department="生成的部门",
        year=year,
        source="generated",
    )


@st.composite
def _economic(draw: st.DrawFn, total: Decimal) -> dict[str, Decimal]:
    """Split an exact *total* among economic 款, exactly (the last takes the rest)."""
    kuans = [k for _, ks in _ECONOMIC.values() for k in ks]
    chosen = draw(st.lists(st.sampled_from(kuans), min_size=1, max_size=8, unique=True))
    weights = [draw(st.integers(1, 10)) for _ in chosen]
    whole = sum(weights)
    out: dict[str, Decimal] = {}
    left = total
    for i, (k, w) in enumerate(zip(chosen, weights, strict=True)):
        part = left if i == len(chosen) - 1 else quantize(total * w / whole, 4)
        part = min(part, left)
        out[k] = part
        left -= part
    return out


@st.composite
def _three_public(draw: st.DrawFn) -> dict[str, Decimal]:
    out: dict[str, Decimal] = {}
    for prefix in ("budget", "final"):
        abroad = draw(_money(zero_weight=4, top=200_000))
        purchase = draw(_money(zero_weight=4, top=300_000))
        operation = draw(_money(zero_weight=2, top=200_000))
        reception = draw(_money(zero_weight=2, top=100_000))
        out |= {
            f"{prefix}_total": abroad + purchase + operation + reception,
            f"{prefix}_abroad": abroad,
            f"{prefix}_vehicle": purchase + operation,
            f"{prefix}_vehicle_purchase": purchase,
            f"{prefix}_vehicle_operation": operation,
            f"{prefix}_reception": reception,
        }
    return out


@attrs.frozen
class Perturbation:
    """One published amount changed: where, from what, to what."""

    table: str
    row: str
    column: str
    old: Decimal | None
    new: Decimal


def amount_cells(report: Report) -> Iterator[tuple[str, str, str]]:
    """Every ``(schema, row key, column key)`` of an amount column of *report*."""
    for table in report.tables:
        if table.schema is None:
            continue
        keys = [c.key for c in table.columns if c.precision is not None]
        for row in table.rows:
            for key in keys:
                if key in row.cells:
                    yield (table.schema, row.key, key)


UNTIED_COLUMNS: Final = frozenset({("budget.three_public", "operating")})
"""``(schema, column)`` pairs whose figures no identity ties to another printed figure.

The 机关运行经费 of the 预算 “三公” table is published on its own: it is neither
the sum of printed figures nor a part of a printed total, so a change to it can
only be caught by what the prose says of it, not by a table rule.
"""


def tied_cells(report: Report) -> Iterator[tuple[str, str, str]]:
    """The :func:`amount_cells` that enter at least one identity (all but :data:`UNTIED_COLUMNS`).

    These are the cells a one-figure perturbation must be caught at.
    """
    for schema, row, column in amount_cells(report):
        if (schema, column) not in UNTIED_COLUMNS:
            yield (schema, row, column)


def allowance(report: Report, schema: str) -> Decimal:
    """More than rounding can explain for any identity a cell of *schema* enters.

    Each identity's tolerance is at most (parts + 1) half-steps and a
    truncation band at most (parts + 1) steps; every identity govfin checks
    has fewer parts than the rows plus columns of the largest table, plus
    four.  Changing a published amount by more than this, twice over, leaves
    no identity it enters consistent.
    """
    table = report.table(schema)
    precision = max((c.precision or 0) for c in table.columns) if table.columns else 2
    biggest = max(len(t.rows) + len(t.columns) for t in report.tables)
    return Decimal(2 * (biggest + 6)).scaleb(-precision)


def perturb(report: Report, change: Perturbation) -> Report:
    """A copy of *report* with one cell printed as ``change.new``."""
    tables = []
    for table in report.tables:
        if table.schema != change.table:
            tables.append(table)
            continue
        rows = []
        for row in table.rows:
            if row.key == change.row:
                cells = dict(row.cells)
                cells[change.column] = Cell.parse(f"{change.new:f}")
                rows.append(attrs.evolve(row, cells=cells))
            else:
                rows.append(row)
        tables.append(attrs.evolve(table, rows=tuple(rows)))
    return report.evolve(tables=tuple(tables))


@st.composite
def perturbations(draw: st.DrawFn, report: Report) -> tuple[Perturbation, Report]:
    """One published amount of *report* changed by more than :func:`allowance`."""
    cells = list(tied_cells(report))
    schema, row_key, column = draw(st.sampled_from(cells))
    old = report.table(schema).value(row_key, column)
    table = report.table(schema)
    col = table.column(column)
    precision = col.precision if col is not None and col.precision is not None else 2
    step = allowance(report, schema)
    units = draw(st.integers(1, 10**6))
    delta = step + Decimal(units).scaleb(-precision)
    if draw(st.booleans()):
        delta = -delta
    new = (old if old is not None else ZERO) + delta
    change = Perturbation(schema, row_key, column, old, new)
    return change, perturb(report, change)
