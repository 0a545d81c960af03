"""Drafting: exact figures on the seed; generated reports draft text that checks clean."""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from govfin.amounts import ZERO, Unit
from govfin.io import load_example
from govfin.narrative import draft, extract
from govfin.report import Cell, Column, Narrative, Report, ReportKind, Row, Section, Table
from govfin.rules import Severity, assess
from govfin.testing import narrated_reports

D = Decimal
CENT = D("0.01")

# A small catalogue: 类 → (name, {款 → (name, {项 → name})})
CATALOGUE = {
    "201": (
        "一般公共服务支出",
        {
            "20103": (
                "政府办公厅（室）及相关机构事务",
                {"2010301": "行政运行", "2010350": "事业运行"},
            ),
            "20111": ("纪检监察事务", {"2011199": "其他纪检监察事务支出"}),
        },
    ),
    "205": ("教育支出", {"20502": ("普通教育", {"2050201": "学前教育", "2050202": "小学教育"})}),
    "206": (
        "科学技术支出",
        {"20601": ("科学技术管理事务", {"2060199": "其他科学技术管理事务支出"})},
    ),
    "208": (
        "社会保障和就业支出",
        {"20805": ("行政事业单位养老支出", {"2080505": "机关事业单位基本养老保险缴费支出"})},
    ),
    "221": ("住房保障支出", {"22102": ("住房改革支出", {"2210201": "住房公积金"})}),
}
ECONOMIC = {
    "301": ("工资福利支出", {"30101": "基本工资", "30102": "津贴补贴", "30113": "住房公积金"}),
    "302": ("商品和服务支出", {"30201": "办公费", "30211": "差旅费", "30216": "培训费"}),
    "303": ("对个人和家庭的补助", {"30305": "生活补助"}),
    "310": ("资本性支出", {"31002": "办公设备购置"}),
}


def money(cents: int) -> str:
    return f"{D(cents) * CENT:.2f}"


def table(schema: str, number: str, columns: tuple[str, ...], rows: list[Row]) -> Table:
    return Table(
        schema=schema,
        title=schema,
        unit=Unit.WANYUAN,
        columns=tuple(Column(c, c) for c in columns),
        rows=tuple(rows),
        number=number,
    )


def row(key: str, label: str, values: dict[str, int], *, code: str | None = None) -> Row:
    cells = {k: Cell.parse(money(v)) for k, v in values.items()}
    return Row(key, label, cells, code=code)


def split(draw: st.DrawFn, total: int, parts: int) -> list[int]:
    """*total* cents cut into *parts* non-negative pieces."""
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=parts - 1, max_size=parts - 1)))
    bounds = [0, *cuts, total]
    return [b - a for a, b in itertools.pairwise(bounds)]


@st.composite
def reports(draw: st.DrawFn) -> Report:
    """A consistent 决算 report: 项 leaves first, then 款/类/total, then the other tables."""
    year = draw(st.integers(2019, 2030))
    classes = draw(
        st.lists(st.sampled_from(sorted(CATALOGUE)), min_size=1, max_size=4, unique=True)
    )
    leaves: list[tuple[str, str, int, int]] = []  # (code, name, basic, project)
    for cls in sorted(classes):
        for kuan, (_, items) in CATALOGUE[cls][1].items():
            del kuan
            for code, name in items.items():
                if draw(st.booleans()) or not leaves:
                    basic = draw(st.integers(10_000, 500_000))
                    project = draw(st.integers(0, 300_000)) if draw(st.booleans()) else 0
                    leaves.append((code, name, basic, project))
    budget_rows: list[Row] = []
    totals = {"total": 0, "basic": 0, "project": 0}
    sums: dict[str, dict[str, int]] = {}
    for code, _, basic, project in leaves:
        for prefix in (code[:3], code[:5], code):
            acc = sums.setdefault(prefix, {"total": 0, "basic": 0, "project": 0})
            acc["basic"] += basic
            acc["project"] += project
            acc["total"] += basic + project
        totals["basic"] += basic
        totals["project"] += project
        totals["total"] += basic + project
    names: dict[str, str] = {}
    for cls, (cname, kuans) in CATALOGUE.items():
        names[cls] = cname
        for kuan, (kname, items) in kuans.items():
            names[kuan] = kname
            names.update(items)
    budget_rows.append(row("total", "合计", totals))
    budget_rows.extend(row(code, names[code], sums[code], code=code) for code in sorted(sums))
    general_budget = table(
        "final.general_budget", "公开05表", ("total", "basic", "project"), budget_rows
    )
    zero4 = {"upper_remit": 0, "business": 0, "subsidiary": 0}
    expenditure = table(
        "final.expenditure",
        "公开03表",
        ("total", "basic", "project", "upper_remit", "business", "subsidiary"),
        [
            row(
                r.key,
                r.label,
                {**{k: int((r.value(k) or ZERO) * 100) for k in totals}, **zero4},
                code=r.code,
            )
            for r in budget_rows
        ],
    )
    total = totals["total"]
    income = table(
        "final.income",
        "公开02表",
        ("total", "fiscal", "upper_grant", "service", "business", "subsidiary", "other"),
        [
            row(
                "total",
                "合计",
                {
                    "total": total,
                    "fiscal": total,
                    "upper_grant": 0,
                    "service": 0,
                    "business": 0,
                    "subsidiary": 0,
                    "other": 0,
                },
            )
        ],
    )
    summary = table(
        "final.summary",
        "公开01表",
        ("amount",),
        [
            row("income.general_budget", "一般公共预算财政拨款收入", {"amount": total}),
            row("income.total", "本年收入合计", {"amount": total}),
            row("income.grand_total", "总计", {"amount": total}),
            *[
                row(c, names[c], {"amount": sums[c]["total"]})
                for c in sorted(s for s in sums if len(s) == 3)
            ],
            row("expenditure.total", "本年支出合计", {"amount": total}),
            row("expenditure.grand_total", "总计", {"amount": total}),
        ],
    )
    fiscal = table(
        "final.fiscal_summary",
        "公开04表",
        ("amount", "total", "general_budget", "fund_budget", "state_capital"),
        [row("income.grand_total", "总计", {"amount": total})],
    )
    # 基本支出 by economic code: the basic total cut into the 款 leaves
    econ_leaves = [(c, n) for cls in ECONOMIC.values() for c, n in cls[1].items()]
    pieces = split(draw, totals["basic"], len(econ_leaves))
    econ_rows: list[Row] = []
    personnel = public = 0
    for cls, (cname, items) in ECONOMIC.items():
        values = [pieces[[c for c, _ in econ_leaves].index(code)] for code in items]
        econ_rows.append(row(cls, cname, {"amount": sum(values)}, code=cls))
        econ_rows.extend(
            row(code, name, {"amount": v}, code=code)
            for (code, name), v in zip(items.items(), values, strict=True)
        )
        if cls in ("301", "303"):
            personnel += sum(values)
        else:
            public += sum(values)
    econ_rows.append(row("personnel_total", "人员经费合计", {"amount": personnel}))
    econ_rows.append(row("public_total", "公用经费合计", {"amount": public}))
    general_basic = table("final.general_basic", "公开06表", ("amount",), econ_rows)
    three: dict[str, int] = {}
    for prefix in ("budget", "final"):
        abroad, purchase, operation, reception = (
            draw(st.integers(100, 20_000)) if draw(st.booleans()) else 0 for _ in range(4)
        )
        three.update(
            {
                f"{prefix}_abroad": abroad,
                f"{prefix}_vehicle_purchase": purchase,
                f"{prefix}_vehicle_operation": operation,
                f"{prefix}_vehicle": purchase + operation,
                f"{prefix}_reception": reception,
                f"{prefix}_total": abroad + purchase + operation + reception,
            }
        )
    three_public = table(
        "final.three_public", "公开09表", tuple(three), [row("total", "合计", three)]
    )
    fund_in, fund_basic, fund_project, carry = (draw(st.integers(0, 50_000)) for _ in range(4))
    fund_total = fund_basic + fund_project
    fund = table(
        "final.fund_budget",
        "公开07表",
        ("carryover", "income", "total", "basic", "project", "balance"),
        [
            row(
                "total",
                "合计",
                {
                    "carryover": carry,
                    "income": fund_in + fund_total,
                    "total": fund_total,
                    "basic": fund_basic,
                    "project": fund_project,
                    "balance": carry + fund_in,
                },
            )
        ],
    )
    capital = table(
        "final.state_capital",
        "公开08表",
        ("total", "basic", "project"),
        [row("total", "合计", {"total": 0, "basic": 0, "project": 0})],
    )
    return Report(
        ReportKind.FINAL,
        (
            summary,
            income,
            expenditure,
            fiscal,
            general_budget,
            general_basic,
            fund,
            capital,
            three_public,
        ),
        department="测试局",
        year=year,
    )


def as_narrative(report: Report, text: str) -> Report:
    return report.evolve(narrative=Narrative((Section("", text),)))


_FIGURE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(万元|%)")


class TestSeed:
    def test_figures_are_exact_and_shares_sum_to_100(self) -> None:
        text = draft(load_example())
        assert "2024年度收、支总计972.81万元。" in text
        assert "基本支出726.39万元，占74.67%；项目支出246.42万元，占25.33%" in text
        assert (
            "一般公共服务（类）支出683.64万元，占70.28%；科学技术（类）支出246.89万元，占25.38%"
            in text
        )
        assert "人员经费340.64万元，占基本支出的46.90%" in text
        assert "公用经费385.74万元，占基本支出的53.10%" in text
        assert "机关运行经费支出385.74万元" in text
        assert "3、一般公共服务支出（类）纪检监察事务（款）其他纪检监察事务支出（项）。" in text

    def test_human_places_are_marked(self) -> None:
        text = draft(load_example())
        assert text.count("【待填写：") >= 10
        assert "增加（减少）" not in text
        assert "XX" not in text

    def test_drafted_text_checks_clean(self) -> None:
        report = load_example()
        verdicts = assess(as_narrative(report, draft(report)))
        assert not [v for v in verdicts if v.severity >= Severity.WARNING]
        assert sum(v.is_pass for v in verdicts) > 60


@settings(max_examples=40, deadline=None)
@given(reports())
def test_generated_reports_draft_clean_text(report: Report) -> None:
    text = draft(report)
    claims = extract(text)
    assert claims
    verdicts = assess(as_narrative(report, text))
    bad = [(v.rule, v.message) for v in verdicts if v.severity >= Severity.WARNING]
    assert not bad
    # the shares of every list sum to exactly 100.00 when the total is positive
    for line in text.splitlines():
        if "主要用于以下方面" in line:
            pcts = [D(p) for p in re.findall(r"占(\d+\.\d+)%", line)]
            assert sum(pcts, ZERO) == D(100)


@settings(max_examples=30, deadline=None)
@given(st.one_of(reports(), narrated_reports()), st.sampled_from(["", " ", "\u3000"]))
def test_drafted_text_run_together_still_checks_clean(report: Report, gap: str) -> None:
    """A producer that loses the paragraph breaks (HTML, a paste) prints the headings run in.

    ``四、财政拨款收入支出决算总体情况说明2024年度财政拨款收、支总计…``: the
    heading still sets what the figures after it mean, an item's （类）（款）（项）
    still names the sentences after it, and no figure becomes an error.  A break
    printed as a space (``…原因】。 六、…情况说明 2024年度…``, a paragraph's
    newline drawn as a glyph) is no different.
    """
    text = draft(report).replace("\n", gap)
    verdicts = assess(as_narrative(report, text))
    bad = [(v.rule, v.message) for v in verdicts if v.severity >= Severity.ERROR]
    assert not bad


@settings(max_examples=40, deadline=None)
@given(reports(), st.data())
def test_perturbing_one_figure_is_an_error_on_its_sentence(
    report: Report, data: st.DataObject
) -> None:
    text = draft(report)
    figures = list(_FIGURE.finditer(text))
    match = data.draw(st.sampled_from(figures))
    number = D(match.group(1))
    # a visible change: 10% of the figure plus 1.11 (any rounding of the inputs is smaller)
    places = len(match.group(1).partition(".")[2])
    bumped = (number * D("1.1") + D("1.11")).quantize(D(1).scaleb(-places))
    changed = text[: match.start(1)] + f"{bumped:f}" + text[match.end(1) :]
    verdicts = assess(as_narrative(report, changed))
    position = match.start(1)
    errors = [
        v
        for v in verdicts
        if v.severity is Severity.ERROR
        and v.location is not None
        and v.location.start is not None
        and v.location.end is not None
        and v.location.start <= position < v.location.end
    ]
    assert errors, f"no error for {match.group(0)} → {bumped}"
