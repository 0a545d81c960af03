"""The errors planted in the 普陀区财政局 2024 决算 sample, each as govfin reports it.

One test per planted error (the list the PDF engineer noticed), asserting the
rule, the severity and the location (table, row, column, or the sentence and
its page).  Under the rounding model a figure printed with *d* decimals stands
for ``[v − ½·10⁻ᵈ, v + ½·10⁻ᵈ)``; a blank cell or a printed 0 carries no
rounding error.  Where a difference cannot be proved under that model, the
test asserts what govfin honestly reports (an ``info`` residue, with its
reason) and says why.  The split 326.71 / 326.72 between two tables was in the
original published report (舍位平衡), not planted.  Then: these defects are
found, and nothing else is an error.  Last, the four 预算 samples and the seed
raise no table-rule error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from govfin.report import Report
from govfin.rules import CheckResult, Finding, Location, Outcome, Reason, Severity, check

pytest.importorskip("pypdfium2")

D = Decimal
PDF = Path(__file__).parent / "data" / "pdf"
PLANTED = PDF / "putuo-czj-2024-final-with-planted-errors.pdf"
BUDGETS = (
    "putuo-commerce-2025-dept-budget.pdf",
    "putuo-commerce-2025-unit-budget.pdf",
    "putuo-gov-office-2025-dept-budget.pdf",
    "putuo-gov-office-2025-unit-budget.pdf",
)


@pytest.fixture(scope="module")
def report() -> Report:
    from govfin.io import load  # noqa: PLC0415

    return load(PLANTED)


@pytest.fixture(scope="module")
def result(report: Report) -> CheckResult:
    return check(report, keep_passes=True)


def findings(result: CheckResult, rule: str, *, outcome: Outcome | None = None) -> list[Finding]:
    """The findings of *rule* that are not passes (of *outcome* when given)."""
    return [
        f
        for f in result.findings
        if f.rule == rule and not f.is_pass and (outcome is None or f.outcome is outcome)
    ]


def cells(finding: Finding) -> Iterator[tuple[str | None, str | None, str | None]]:
    for loc in finding.locations:
        if loc.kind != "narrative":
            yield loc.table, loc.row, loc.column


def sentence(finding: Finding) -> Location:
    (loc,) = [loc for loc in finding.locations if loc.kind == "narrative"]
    return loc


def page(loc: Location) -> int | None:
    return loc.provenance.page if loc.provenance is not None else None


def test_1_the_expenditure_table_is_missing(result: CheckResult) -> None:
    # The contents list 三、支出决算表; the document has no such table.  GF-S001 is the
    # rules engineer's structure rule, a warning (the checks that need the table are named).
    (f,) = findings(result, "GF-S001")
    assert f.severity is Severity.WARNING
    assert list(cells(f)) == [("final.expenditure", None, None)]
    assert "GF-R001" in f.message
    # The 目录 lists it: the report could not be checked in full, an error (GF-S004)
    # pointing at the contents entry.
    (gap,) = findings(result, "GF-S004")
    assert gap.severity is Severity.ERROR
    assert "目录所列9张表中有1张未找到：支出决算表" in gap.message
    assert [loc.sentence for loc in gap.locations] == ["三、支出决算表"]


def test_contents_entries_do_not_shadow_the_body(report: Report) -> None:
    # the contents (目录) is one section: find() returns the body's headings
    found = report.narrative.find("情况说明")
    assert found is not None
    assert found.heading == "第三部分上海市普陀区财政局2023年度部门决算情况说明"
    assert found.provenance is not None
    assert found.provenance.page == 18
    assert "三、支出决算表" in report.narrative.sections[1].text.splitlines()


def test_2_template_placeholder_in_a_heading(result: CheckResult) -> None:
    (f,) = findings(result, "GF-N010")
    assert f.severity is Severity.WARNING
    loc = sentence(f)
    assert (loc.role, loc.sentence) == ("heading", "第二部分 上海市普陀区XX局2024年度部门决算表")
    assert page(loc) == 7


def test_3_wrong_year_in_the_narrative_heading(result: CheckResult) -> None:
    (f,) = [f for f in findings(result, "GF-N009") if sentence(f).role == "heading"]
    assert f.severity is Severity.ERROR
    assert (f.expected, f.actual) == (D(2024), D(2023))
    loc = sentence(f)
    assert loc.sentence == "第三部分上海市普陀区财政局2023年度部门决算情况说明"
    assert page(loc) == 18


def test_4_grand_total_printed_as_zero(result: CheckResult) -> None:
    (f,) = [f for f in findings(result, "GF-N001") if f.actual == 0]
    assert (f.severity, f.outcome) == (Severity.ERROR, Outcome.INCONSISTENT)
    assert f.expected == D("2995.39")
    assert sentence(f).sentence == "上海市普陀区财政局2024年度收入支出总计0万元。"
    assert sentence(f).section == "一、收入支出决算总体情况说明"
    assert list(cells(f)) == [("final.summary", "income.grand_total", "amount")]


def test_5_a_wrong_share(result: CheckResult) -> None:
    # 2106.66 / 2940.05 = 71.65%; the other three shares (11.11, 2.07, 15.16) check,
    # so the set summing to 100.07% is this one share's error
    (f,) = findings(result, "GF-N002")
    assert (f.severity, f.expected, f.actual) == (Severity.ERROR, D("71.65"), D("71.73"))
    assert "占71.73%" in (sentence(f).sentence or "")
    assert page(sentence(f)) == 19
    assert ("final.general_budget", "201", "total") in list(cells(f))
    shares = [g.actual for g in result.passes if g.rule == "GF-N002" and g.actual is not None]
    assert {D("2.07"), D("11.11"), D("15.16")} <= set(shares)


def test_a_balancing_split_between_tables_is_a_residue(result: CheckResult) -> None:
    # 326.71 (财政拨款收入支出决算总表) and 326.72 (一般公共预算财政拨款支出决算表): the
    # published original carries the same split.  Tables kept in 元 and published in
    # 万元 are balanced (舍位平衡) by shifting a rounded cell one unit so that each table
    # adds up: two printings one unit apart are a residue; two units would be an error.
    (f,) = findings(result, "GF-X004")
    assert (f.severity, f.outcome, f.reason) == (
        Severity.INFO,
        Outcome.ROUNDING_RESIDUE,
        Reason.BALANCING,
    )
    assert (f.expected, f.actual, f.difference, f.tolerance) == (
        D("326.72"),
        D("326.71"),
        D("-0.01"),
        D("0.020"),
    )
    assert "舍位平衡" in f.message
    assert list(cells(f)) == [
        ("final.fiscal_summary", "208", "general_budget"),
        ("final.general_budget", "208", "total"),
    ]


def test_6_totals_off_by_one_cent_are_residues(result: CheckResult) -> None:
    # With 326.72 (balanced), the 合计 lines 2,940.05 / 2,946.25 / 2,336.91 are 0.01 below the
    # sum of their four 类; four parts and a total each ±0.005 allow ±0.025, so 2,940.05 is
    # consistent with its parts: not provable from one table.
    residues = {
        next(cells(f))[::2]: (f.actual, f.expected, f.tolerance)
        for f in findings(result, "GF-R001", outcome=Outcome.ROUNDING_RESIDUE)
    }
    assert residues == {
        ("final.general_budget", "total"): (D("2940.05"), D("2940.06"), D("0.025")),
        ("final.general_budget", "basic"): (D("2336.91"), D("2336.92"), D("0.025")),
        ("final.income", "total"): (D("2946.25"), D("2946.26"), D("0.025")),
        ("final.income", "fiscal"): (D("2940.05"), D("2940.06"), D("0.025")),
    }
    for f in findings(result, "GF-R001"):
        assert (f.severity, f.reason) == (Severity.INFO, Reason.ROUNDING)


def test_7_comparison_words_contradict_the_figures(result: CheckResult) -> None:
    found = sorted(
        (f.expected, f.actual, sentence(f).sentence) for f in findings(result, "GF-N005")
    )
    assert [(e, a) for e, a, _ in found] == [
        (D("62.29"), D("60.99")),  # 行政单位医疗: “等于”
        (D("80.81"), D("80.38")),  # 职业年金: “大于”
        (D("1560.05"), D("1511.89")),  # 行政运行: “大于”
    ]
    assert [(s or "")[:8] for _, _, s in found] == [
        "决算数等于预算数",
        "决算数大于预算数",
        "决算数大于预算数",
    ]
    for f in findings(result, "GF-N005"):
        assert f.severity is Severity.ERROR
        assert sentence(f).section == "（三）一般公共预算财政拨款支出决算具体情况"


def test_8_procurement_total_is_a_residue(result: CheckResult) -> None:
    # 251.25 vs 4.79 + 0 + 246.47 = 251.26.  The printed 0 is exact (it adds no
    # tolerance), but 4.785 and 246.465 round half-up to 4.79 and 246.47 and add up
    # to 251.25 exactly: a correct author could print all four figures, so the
    # difference is rounding (info), not a provable error.
    (f,) = findings(result, "GF-N006")
    assert (f.severity, f.outcome, f.reason) == (
        Severity.INFO,
        Outcome.ROUNDING_RESIDUE,
        Reason.ROUNDING,
    )
    assert (f.expected, f.actual) == (D("251.26"), D("251.25"))
    assert sentence(f).section == "（二）政府采购支出情况"
    assert page(sentence(f)) == 23


def test_9_a_stock_dated_the_year_before(result: CheckResult) -> None:
    (f,) = [f for f in findings(result, "GF-N009") if sentence(f).role == "claim"]
    assert (f.severity, f.expected, f.actual) == (Severity.ERROR, D(2024), D(2023))
    loc = sentence(f)
    assert (loc.sentence or "").startswith("截至2023年12月31日")
    assert loc.section == "（三）国有资产占有使用情况说明"
    assert page(loc) == 24


def test_10_basic_spending_classes_are_residues(result: CheckResult) -> None:
    # 302 171.07 vs its 款 171.09: 12 of the 27 款 carry a figure (blank 款 are exact
    # zeros and add no tolerance), so the tolerance is 13 × 0.005 = 0.065 and the
    # difference 0.02 is within it; 301 2,082.85 vs 2,082.86 likewise with 8 款
    # (0.045).  Both are consistent with correct rounding: not provable.
    found = {
        next(cells(f))[1]: (f.severity, f.actual, f.expected, f.tolerance)
        for f in findings(result, "GF-R002")
    }
    assert found == {
        "301": (Severity.INFO, D("2082.85"), D("2082.86"), D("0.045")),
        "302": (Severity.INFO, D("171.07"), D("171.09"), D("0.065")),
    }
    for f in findings(result, "GF-R002"):
        assert f.outcome is Outcome.ROUNDING_RESIDUE
        assert next(cells(f))[0] == "final.general_basic"
    # the message counts the 款 that carry a figure, as the tolerance does
    messages = sorted(f.message for f in findings(result, "GF-R002"))
    assert "所属13个款（其中8个有数）之和为2082.86万元" in messages[0]
    assert "所属27个款（其中12个有数）之和为171.09万元" in messages[1]


def test_11_three_public_budget_against_a_blank_table(result: CheckResult) -> None:
    # The 三公 table is printed without any figure (all zeros, exactly), yet the
    # narrative states a 年初预算 of 0.95万元
    (f,) = [f for f in findings(result, "GF-N001") if f.actual == D("0.95")]
    assert (f.severity, f.outcome, f.expected) == (Severity.ERROR, Outcome.INCONSISTENT, D(0))
    assert (sentence(f).sentence or "").startswith("“三公”经费财政拨款支出年初预算为0.95万元")
    assert list(cells(f)) == [("final.three_public", None, "budget_total")]
    # and the table carries no “本表无数据” note
    (note,) = findings(result, "GF-S003")
    assert note.severity is Severity.WARNING
    assert list(cells(note)) == [("final.three_public", None, None)]


def _n(f: Finding) -> str:
    return next((loc.sentence or "" for loc in f.locations if loc.kind == "narrative"), "")


DEFECTS: dict[str, tuple[str, Callable[[Finding], bool]]] = {
    "grand total printed as 0": ("GF-N001", lambda f: f.actual == 0),
    "三公 budget against a blank table": ("GF-N001", lambda f: f.actual == D("0.95")),
    "a wrong share": ("GF-N002", lambda f: f.actual == D("71.73")),
    "“等于” for 60.99 vs 62.29": ("GF-N005", lambda f: f.expected == D("62.29")),
    "“大于” for 80.38 vs 80.81": ("GF-N005", lambda f: f.expected == D("80.81")),
    "“大于” for 1511.89 vs 1560.05": ("GF-N005", lambda f: f.expected == D("1560.05")),
    "wrong year in a heading": ("GF-N009", lambda f: "部门决算情况说明" in _n(f)),
    "a stock dated the year before": ("GF-N009", lambda f: _n(f).startswith("截至2023年")),
    "the 支出决算表 its 目录 lists is missing": ("GF-S004", lambda f: "支出决算表" in f.message),
}
"""The planted defects that are errors, each as (rule, how to tell its finding)."""


def _planted(f: Finding) -> list[str]:
    return [name for name, (rule, test) in DEFECTS.items() if f.rule == rule and test(f)]


@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_every_planted_defect_is_an_error(result: CheckResult, name: str) -> None:
    rule, test = DEFECTS[name]
    found = [f for f in result.errors if f.rule == rule and test(f)]
    assert len(found) == 1, (name, found)


def test_nothing_else_is_an_error(result: CheckResult) -> None:
    others = [(f.rule, f.message) for f in result.errors if not _planted(f)]
    assert others == []
    # and no error finding is two planted defects at once
    assert all(len(_planted(f)) == 1 for f in result.errors)


@pytest.mark.parametrize("name", BUDGETS)
def test_budgets_raise_no_table_rule_error(name: str) -> None:
    from govfin.io import load  # noqa: PLC0415

    found = check(load(PDF / name))
    assert [f for f in found.findings if f.severity is Severity.ERROR] == []


def test_the_seed_raises_no_table_rule_error() -> None:
    from govfin.io import load_example  # noqa: PLC0415

    found = check(load_example())
    tables = [f for f in found.findings if not f.rule.startswith("GF-N")]
    assert [f for f in tables if f.severity is Severity.ERROR] == []
