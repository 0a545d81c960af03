"""Hypothesis strategies for consistent 预算 reports and for consistent tables of any schema.

:func:`budget_reports` builds a 部门预算 with its nine tables the same way
:func:`~govfin.testing.final_reports` builds a 决算: *leaves first* (the exact
figures of each functional 项 and each economic 款, at two more decimals than
published), *then totals* (every 款, 类, 合计, fund and source total computed
exactly from the leaves), *then rounding* (each published cell rounded half-up,
四舍五入, to its column's precision).  Nothing is filtered, so every identity
govfin checks holds within rounding.

:func:`tables` gives one consistent table of any schema id (``final.*`` or
``budget.*``), cut from a consistent report.

>>> from hypothesis import given, settings
>>> from govfin.rules import check
>>> @settings(max_examples=5, deadline=None)
... @given(budget_reports())
... def test(report):
...     assert check(report).summary.errors == 0
>>> test()
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from hypothesis import strategies as st

from govfin.amounts import ZERO, Unit, quantize
from govfin.classification import bundled
from govfin.funds import PERSONNEL_CLASSES, FiscalFund
from govfin.report import Cell, Column, Report, ReportKind, Row, Table
from govfin.tables import BUDGET_IDS, FINAL_IDS, SCHEMA_IDS, Side, get_schema
from govfin.tables.final import FUNCTION_CLASSES
from govfin.testing.reports import final_reports

__all__ = ["budget_reports", "tables"]

_FUNDS: Final = tuple(f.value for f in FiscalFund)
_NON_FISCAL: Final = ("service", "business", "other", "carryover")
_CLASS_NAMES: Final = {code: name for code, name, _ in FUNCTION_CLASSES}

Tree = list[tuple[str, list[tuple[str, list[str]]]]]
Values = dict[str, dict[str, Decimal]]


def _add(*values: Decimal) -> Decimal:
    return sum(values, ZERO)


def _exact(places: int, top: int, *, zero_weight: int = 1) -> st.SearchStrategy[Decimal]:
    """Exact amounts with *places* decimals: often zero, else up to *top* whole units."""
    scale = 10**places
    some = st.integers(1, top * scale).map(lambda n: Decimal(n).scaleb(-places))
    return st.one_of(*([st.just(ZERO)] * zero_weight), some)


@st.composite
def _functional_tree(draw: st.DrawFn, max_classes: int) -> Tree:
    """类 → 款 → 项 codes, each level a prefix of the next, in printed order."""
    classes = draw(
        st.lists(
            st.sampled_from(sorted(_CLASS_NAMES)), min_size=1, max_size=max_classes, unique=True
        )
    )
    tree: Tree = []
    for lei in sorted(classes):
        branch: list[tuple[str, list[str]]] = []
        for k in sorted(draw(st.lists(st.integers(1, 99), min_size=1, max_size=3, unique=True))):
            kuan = f"{lei}{k:02d}"
            items = draw(st.lists(st.integers(1, 99), min_size=1, max_size=3, unique=True))
            branch.append((kuan, [f"{kuan}{x:02d}" for x in sorted(items)]))
        tree.append((lei, branch))
    return tree


def _names(tree: Tree) -> dict[str, str]:
    catalog = bundled("functional")
    names: dict[str, str] = {}
    for lei, branch in tree:
        names[lei] = _CLASS_NAMES[lei]
        for kuan, items in branch:
            for code in (kuan, *items):
                names[code] = catalog.name(code) or f"科目{code}"
    return names


def _rollup(tree: Tree, leaves: Mapping[str, Mapping[str, Decimal]]) -> Values:
    """Exact values of every 项, 款 and 类: each the sum of the leaves under it."""
    out: Values = {}
    for lei, branch in tree:
        lei_vals: dict[str, Decimal] = {}
        for kuan, items in branch:
            kuan_vals: dict[str, Decimal] = {}
            for item in items:
                out[item] = dict(leaves[item])
                for key, value in leaves[item].items():
                    kuan_vals[key] = kuan_vals.get(key, ZERO) + value
            out[kuan] = kuan_vals
            for key, value in kuan_vals.items():
                lei_vals[key] = lei_vals.get(key, ZERO) + value
        out[lei] = lei_vals
    return out


class _Printer:
    """Rounds exact figures to published texts, half-up to the precision (四舍五入)."""

    def __init__(self, precision: int, *, zero: str, thousands: bool) -> None:
        self.precision = precision
        self.zero = zero
        self.thousands = thousands

    def text(self, value: Decimal, *, keep_zero: bool = False) -> str:
        if value == 0:
            return self.zero if self.zero or not keep_zero else "0"
        rounded = quantize(value, self.precision, ROUND_HALF_UP)
        return f"{rounded:,f}" if self.thousands else f"{rounded:f}"

    def cells(self, values: Mapping[str, Decimal], *, keep_zero: bool = False) -> dict[str, Cell]:
        return {k: Cell.parse(self.text(v, keep_zero=keep_zero)) for k, v in values.items()}


def _columns(schema_id: str, keys: Sequence[str], precision: int) -> tuple[Column, ...]:
    schema = get_schema(schema_id)
    out: list[Column] = []
    for key in keys:
        spec = schema.column(key)
        if spec is None:  # pragma: no cover - the keys below are the schemas'
            raise KeyError(f"{schema_id} has no column {key!r}")
        out.append(Column(key, spec.title, precision))
    return tuple(out)


def _table(schema_id: str, rows: Sequence[Row], columns: tuple[Column, ...], unit: Unit) -> Table:
    schema = get_schema(schema_id)
    empty = not any(c.is_number and c.value for r in rows for c in r.cells.values())
    notes = (f"说明：本单位无相关收支，故{schema.empty_note}。",) if empty else ()
    return Table(schema_id, schema.title, unit, columns, tuple(rows), notes=notes)


def _code_rows(
    tree: Tree, values: Values, names: Mapping[str, str], columns: Sequence[str], p: _Printer
) -> list[Row]:
    """合计 then every 类/款/项 row that has a non-zero figure, in printed order."""
    total = {c: _add(*(values[lei][c] for lei, _ in tree)) for c in columns}
    rows = [Row("total", "合计", p.cells(total, keep_zero=True))]
    for lei, branch in tree:
        for code in (lei, *(c for kuan, items in branch for c in (kuan, *items))):
            vals = {c: values[code][c] for c in columns}
            if any(vals.values()):
                rows.append(Row(code, names[code], p.cells(vals), code=code))
    return rows


def _line(schema_id: str, key: str) -> str:
    spec = get_schema(schema_id).line(key)
    return spec.label if spec is not None else key


@st.composite
def _economic(draw: st.DrawFn, total: Decimal, places: int) -> dict[str, Decimal]:
    """Split an exact *total* among economic 款 of the bundled catalogue (the last: the rest)."""
    kuans = [e.digits for e in bundled("economic_dept") if len(e.digits) == 5]
    chosen = draw(st.lists(st.sampled_from(kuans), min_size=1, max_size=8, unique=True))
    weights = [draw(st.integers(1, 10)) for _ in chosen]
    out: dict[str, Decimal] = {}
    left = total
    for i, (code, weight) in enumerate(zip(chosen, weights, strict=True)):
        part = left if i == len(chosen) - 1 else quantize(total * weight / sum(weights), places)
        part = min(part, left)
        out[code] = part
        left -= part
    return out


@st.composite
def budget_reports(  # noqa: PLR0915 - one recipe, read top to bottom
    draw: st.DrawFn,
    *,
    max_classes: int = 4,
    precision: int = 2,
    year: int = 2025,
    unit: Unit = Unit.YUAN,
) -> Report:
    """Consistent 部门预算 reports (the nine public tables), built leaves first, rounded last.

    The leaves are the exact figures of each functional 项 (by fund and
    spending kind) at ``precision + 2`` decimals; every other figure is their
    exact sum; each cell is then rounded half-up to *precision*.  The “三公”
    table is printed in 万元, the others in *unit* (元 by default, as in the
    上海 samples).

    Args:
        draw: supplied by hypothesis.
        max_classes: at most this many functional 类 (each with 1–3 款 of 1–3 项).
        precision: the decimals every amount column is published with.
        year: the budget year.
        unit: the unit of the tables other than the “三公” table.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, deadline=None)
    ... @given(budget_reports())
    ... def test(report):
    ...     assert report.kind.value == "预算" and len(report.tables) == 9
    >>> test()
    """
    places = precision + 2
    top = 10 ** max(7 - unit.exponent, 1)  # up to 1000 万元 per figure
    tree = draw(_functional_tree(max_classes))
    names = _names(tree)
    printer = _Printer(
        precision,
        zero=draw(st.sampled_from(("", "0", f"{ZERO:.{precision}f}"))),
        thousands=unit is Unit.YUAN and draw(st.booleans()),
    )
    classes = [lei for lei, _ in tree]
    with_fund = set(draw(st.lists(st.sampled_from(classes), max_size=1)))
    with_capital = set(draw(st.lists(st.sampled_from(classes), max_size=1)))
    money = _exact(places, top, zero_weight=2)
    all_kinds = draw(st.booleans())  # 上缴上级 / 经营 / 对附属单位补助 columns printed
    rare = _exact(places, top // 10, zero_weight=6) if all_kinds else st.just(ZERO)
    split = draw(st.booleans())  # 财政拨款 printed fund by fund

    # leaves: each 项's spending by fund and kind, and its non-fiscal sources
    leaves: dict[str, dict[str, Decimal]] = {}
    for lei, branch in tree:
        active = ["general_budget"]
        active += ["fund_budget"] if lei in with_fund else []
        active += ["state_capital"] if lei in with_capital else []
        for _kuan, items in branch:
            for item in items:
                leaf: dict[str, Decimal] = {}
                for fund in (*_FUNDS, "other"):
                    on = fund in active or fund == "other"
                    leaf[f"{fund}.basic"] = draw(money) if on else ZERO
                    leaf[f"{fund}.project"] = draw(money) if on else ZERO
                for kind in ("upper_remit", "business_spend", "subsidiary"):
                    leaf[kind] = draw(rare)
                nonfiscal = _add(
                    leaf["other.basic"],
                    leaf["other.project"],
                    leaf["upper_remit"],
                    leaf["business_spend"],
                    leaf["subsidiary"],
                )
                weights = [draw(st.integers(0, 3)) for _ in _NON_FISCAL]
                weights[-1] += 0 if any(weights) else 1
                left = nonfiscal
                for i, (source, weight) in enumerate(zip(_NON_FISCAL, weights, strict=True)):
                    last = i == len(_NON_FISCAL) - 1
                    part = left if last else quantize(nonfiscal * weight / sum(weights), places)
                    part = min(part, left)
                    leaf[source] = part
                    left -= part
                leaves[item] = leaf

    def spend(leaf: Mapping[str, Decimal], fund: str) -> Decimal:
        return leaf[f"{fund}.basic"] + leaf[f"{fund}.project"]

    def by_fund(fund: str) -> Values:
        return _rollup(
            tree,
            {
                code: {
                    "total": spend(leaf, fund),
                    "basic": leaf[f"{fund}.basic"],
                    "project": leaf[f"{fund}.project"],
                }
                for code, leaf in leaves.items()
            },
        )

    kinds = ("total", "basic", "project", "upper_remit", "business", "subsidiary")
    expenditure = _rollup(
        tree,
        {
            code: {
                "total": _add(
                    *(spend(leaf, f) for f in (*_FUNDS, "other")),
                    leaf["upper_remit"],
                    leaf["business_spend"],
                    leaf["subsidiary"],
                ),
                "basic": _add(*(leaf[f"{f}.basic"] for f in (*_FUNDS, "other"))),
                "project": _add(*(leaf[f"{f}.project"] for f in (*_FUNDS, "other"))),
                "upper_remit": leaf["upper_remit"],
                "business": leaf["business_spend"],
                "subsidiary": leaf["subsidiary"],
            }
            for code, leaf in leaves.items()
        },
    )
    income_keys = ("total", "fiscal", *(_FUNDS if split else ()), *_NON_FISCAL)
    income = _rollup(
        tree,
        {
            code: {
                "total": _add(*(spend(leaf, f) for f in _FUNDS), *(leaf[s] for s in _NON_FISCAL)),
                "fiscal": _add(*(spend(leaf, f) for f in _FUNDS)),
                **{f: spend(leaf, f) for f in _FUNDS},
                **{s: leaf[s] for s in _NON_FISCAL},
            }
            for code, leaf in leaves.items()
        },
    )
    funds = {f: by_fund(f) for f in _FUNDS}

    def grand(values: Values, key: str) -> Decimal:
        return _add(*(values[lei][key] for lei in classes))

    # 一般公共预算基本支出 by economic 款, personnel or public by its 类
    basic_total = grand(funds["general_budget"], "basic")
    economic = draw(_economic(basic_total, places))
    econ_catalog = bundled("economic_dept")
    econ_rows_values: dict[str, dict[str, Decimal]] = {}
    for code in sorted(economic):
        is_personnel = code[:3] in PERSONNEL_CLASSES
        value = economic[code]
        vals = {
            "total": value,
            "personnel": value if is_personnel else ZERO,
            "public": ZERO if is_personnel else value,
        }
        econ_rows_values[code] = vals
        parent = econ_rows_values.setdefault(
            code[:3], {"total": ZERO, "personnel": ZERO, "public": ZERO}
        )
        for key, v in vals.items():
            parent[key] += v
    personnel_total = _add(*(v for k, v in economic.items() if k[:3] in PERSONNEL_CLASSES))
    econ_rows = [
        Row(
            "total",
            "合计",
            printer.cells(
                {
                    "total": basic_total,
                    "personnel": personnel_total,
                    "public": basic_total - personnel_total,
                },
                keep_zero=True,
            ),
        )
    ]
    for code in sorted(econ_rows_values):
        name = econ_catalog.name(code) or f"科目{code}"
        econ_rows.append(Row(code, name, printer.cells(econ_rows_values[code]), code=code))

    # the 财务收支预算总表
    sources = {s: grand(income, s) for s in ("fiscal", *_FUNDS, *_NON_FISCAL)}
    income_total = grand(income, "total")
    summary_rows: list[Row] = []
    for key in ("fiscal", *_FUNDS, *_NON_FISCAL):
        if key in _FUNDS and not split:
            continue
        label = _line("budget.summary", f"income.{key}")
        summary_rows.append(
            Row(
                f"income.{key}",
                label,
                printer.cells({"amount": sources[key]}),
                side=Side.INCOME.value,
            )
        )
    summary_rows.append(
        Row(
            "income.total",
            _line("budget.summary", "income.total"),
            printer.cells({"amount": income_total}, keep_zero=True),
            side=Side.INCOME.value,
        )
    )
    by_kind = draw(st.booleans())
    for lei in classes:
        vals = {"amount": expenditure[lei]["total"]}
        if by_kind:
            personnel_share = draw(st.integers(0, 10))
            basic = expenditure[lei]["basic"]
            personnel = quantize(basic * personnel_share / 10, places)
            vals |= {
                "personnel": personnel,
                "public": basic - personnel,
                "project": expenditure[lei]["total"] - basic,
            }
        summary_rows.append(
            Row(lei, names[lei], printer.cells(vals), code=lei, side=Side.EXPENDITURE.value)
        )
    summary_rows += [
        Row(
            "expenditure.balance",
            _line("budget.summary", "expenditure.balance"),
            printer.cells({"amount": ZERO}),
            side=Side.EXPENDITURE.value,
        ),
        Row(
            "expenditure.total",
            _line("budget.summary", "expenditure.total"),
            printer.cells({"amount": grand(expenditure, "total")}, keep_zero=True),
            side=Side.EXPENDITURE.value,
        ),
    ]
    summary_keys = ("amount", "personnel", "public", "project") if by_kind else ("amount",)

    # the 财政拨款收支预算总表
    fund_totals = {f: grand(funds[f], "total") for f in _FUNDS}
    fiscal_rows = [
        Row(
            f"income.{f}",
            _line("budget.fiscal_summary", f"income.{f}"),
            printer.cells({"amount": fund_totals[f]}),
            side=Side.INCOME.value,
        )
        for f in _FUNDS
    ]
    fiscal_rows.append(
        Row(
            "income.total",
            _line("budget.fiscal_summary", "income.total"),
            printer.cells({"amount": _add(*fund_totals.values())}, keep_zero=True),
            side=Side.INCOME.value,
        )
    )
    for lei in classes:
        vals = {f: funds[f][lei]["total"] for f in _FUNDS}
        fiscal_rows.append(
            Row(
                lei,
                names[lei],
                printer.cells({"total": _add(*vals.values()), **vals}),
                code=lei,
                side=Side.EXPENDITURE.value,
            )
        )
    fiscal_rows.append(
        Row(
            "expenditure.total",
            _line("budget.fiscal_summary", "expenditure.total"),
            printer.cells({"total": _add(*fund_totals.values()), **fund_totals}, keep_zero=True),
            side=Side.EXPENDITURE.value,
        )
    )

    # the “三公”经费和机关运行经费预算表 (万元)
    three = _exact(places, 50, zero_weight=3)
    abroad, reception, purchase, operation = (draw(three) for _ in range(4))
    operating = basic_total - personnel_total
    three_values = {
        "total": _add(abroad, reception, purchase, operation),
        "abroad": abroad,
        "reception": reception,
        "vehicle": purchase + operation,
        "vehicle_purchase": purchase,
        "vehicle_operation": operation,
        # 机关运行经费 (the 公用经费 of the basic budget), converted exactly to 万元
        "operating": operating.scaleb(unit.exponent - Unit.WANYUAN.exponent),
    }

    spend_keys = kinds if all_kinds else kinds[:3]
    out = (
        _table(
            "budget.summary",
            summary_rows,
            _columns("budget.summary", summary_keys, precision),
            unit,
        ),
        _table(
            "budget.income",
            _code_rows(tree, income, names, income_keys, printer),
            _columns("budget.income", income_keys, precision),
            unit,
        ),
        _table(
            "budget.expenditure",
            _code_rows(tree, expenditure, names, spend_keys, printer),
            _columns("budget.expenditure", spend_keys, precision),
            unit,
        ),
        _table(
            "budget.fiscal_summary",
            fiscal_rows,
            _columns("budget.fiscal_summary", ("amount", "total", *_FUNDS), precision),
            unit,
        ),
        *(
            _table(
                f"budget.{f}",
                _code_rows(tree, funds[f], names, ("total", "basic", "project"), printer),
                _columns(f"budget.{f}", ("total", "basic", "project"), precision),
                unit,
            )
            for f in ("general_budget",)
        ),
        _table(
            "budget.general_basic",
            econ_rows,
            _columns("budget.general_basic", ("total", "personnel", "public"), precision),
            unit,
        ),
        *(
            _table(
                f"budget.{f}",
                _code_rows(tree, funds[f], names, ("total", "basic", "project"), printer),
                _columns(f"budget.{f}", ("total", "basic", "project"), precision),
                unit,
            )
            for f in ("fund_budget", "state_capital")
        ),
        _table(
            "budget.three_public",
            [Row("total", "合计", printer.cells(three_values, keep_zero=True))],
            _columns("budget.three_public", tuple(three_values), precision),
            Unit.WANYUAN,
        ),
    )
    return Report(
        kind=ReportKind.BUDGET,
        tables=out,
        department="生成的部门",
        year=year,
        source="generated",
    )


@st.composite
def _table_of(draw: st.DrawFn, schema: str | None, precision: int) -> Table:
    which = schema if schema is not None else draw(st.sampled_from(SCHEMA_IDS))
    if which in FINAL_IDS:
        return draw(final_reports(precision=precision)).table(which)
    return draw(budget_reports(precision=precision)).table(which)


def tables(schema: str | None = None, *, precision: int = 2) -> st.SearchStrategy[Table]:
    """Consistent tables of *schema* (any schema id when ``None``); ``st.from_type(Table)``.

    Each table is cut from a consistent report (:func:`~govfin.testing.final_reports`
    or :func:`budget_reports`), so its own identities (合计 = Σ类, 类 = Σ款,
    款 = Σ项, 合计 = 基本 + 项目 …) hold within rounding.

    Raises:
        KeyError: when *schema* is not a schema id of :data:`govfin.tables.SCHEMA_IDS`.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, deadline=None)
    ... @given(tables("budget.general_budget"))
    ... def test(table):
    ...     assert table.row("total").label == "合计"
    >>> test()
    """
    if schema is not None and schema not in SCHEMA_IDS:
        raise KeyError(f"no schema {schema!r}; expected one of {', '.join(SCHEMA_IDS)}")
    if schema is not None and schema not in (*FINAL_IDS, *BUDGET_IDS):  # pragma: no cover
        raise KeyError(schema)
    return _table_of(schema, precision)
