"""预算 narratives resolved to the budget.* tables (in 元) from prose in 万元, compared exactly."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from govfin.amounts import Unit
from govfin.narrative import CellRef, Resolved, Topic, resolve
from govfin.report import Column, Narrative, Report, ReportKind, Row, Section, Table
from govfin.rules import Finding, Outcome, Severity, assess

D = Decimal
PDF = Path(__file__).parent.parent / "data" / "pdf"
BUDGETS = (
    "putuo-commerce-2025-dept-budget.pdf",
    "putuo-commerce-2025-unit-budget.pdf",
    "putuo-gov-office-2025-dept-budget.pdf",
    "putuo-gov-office-2025-unit-budget.pdf",
)


@cache
def load(name: str) -> Report:
    pytest.importorskip("pypdfium2")
    from govfin.io import load as load_file  # noqa: PLC0415

    return load_file(PDF / name)


def verdict(verdicts: tuple[Finding, ...], rule: str, words: str) -> Finding:
    (found,) = [v for v in verdicts if v.rule == rule and words in sentence_of(v)]
    return found


def sentence_of(f: Finding) -> str:
    """The sentence of the claim a finding is about."""
    return (f.location.sentence if f.location is not None else None) or ""


def with_prose(report: Report, heading: str, text: str) -> Report:
    return report.evolve(narrative=Narrative((Section(heading, text),)))


class TestSamples:
    @pytest.mark.parametrize("name", BUDGETS)
    def test_amounts_are_checked_against_the_tables_and_agree(self, name: str) -> None:
        verdicts = assess(load(name))
        amounts = Counter(v.outcome for v in verdicts if v.rule == "GF-N001")
        # 收入/支出 by source and fund, every 类/款/项 listed, the 三公 and 机关运行经费
        assert amounts[Outcome.EXACT] >= 29
        assert amounts[Outcome.INCONSISTENT] == amounts[Outcome.ROUNDING_RESIDUE] == 0
        # left unchecked: what the budget tables do not hold (采购, 绩效), a project's own
        # budget lines, and a figure cut from its sentence by a line break
        for v in verdicts:
            if v.rule == "GF-N001" and v.outcome is Outcome.NOT_EVALUATED:
                assert "预算公开报表不含" in v.message or "未能将" in v.message
        assert not [v for v in verdicts if v.severity >= Severity.WARNING]

    def test_an_item_in_wanyuan_against_its_cell_in_yuan(self) -> None:
        v = verdict(assess(load(BUDGETS[0])), "GF-N001", "商贸事务（款）行政运行（项）")
        assert v.outcome is Outcome.EXACT
        assert (v.actual, v.expected) == (D("938.99"), D("938.991300"))  # 9,389,913.00 元
        (ref,) = v.locations[1:]
        assert (ref.table, ref.row, ref.column) == (
            "budget.general_budget",
            "2011301",
            "total",
        )
        assert "四舍五入保留2位小数一致" in v.message

    def test_income_rounds_half_up(self) -> None:
        verdicts = assess(load(BUDGETS[0]))
        (v,) = [
            v for v in verdicts if v.rule == "GF-N001" and v.message.startswith("“财政拨款收入”")
        ]
        assert v.outcome is Outcome.EXACT
        assert (v.actual, v.expected) == (D("37151.47"), D("37151.465500"))  # 371,514,655.00 元
        assert v.locations[1].row == "income.fiscal"

    def test_a_dashed_path_and_the_three_public_table_in_wanyuan(self) -> None:
        verdicts = assess(load(BUDGETS[2]))
        v = verdict(verdicts, "GF-N001", "“卫生健康支出-行政事业单位医疗-行政单位医疗”科目")
        assert v.outcome is Outcome.EXACT
        assert v.locations[1].row == "2101101"
        v = verdict(verdicts, "GF-N001", "因公出国（境）费839万元")
        column = v.locations[1].column
        assert (v.outcome, v.expected, column) == (Outcome.EXACT, D("839.00"), "abroad")
        v = verdict(verdicts, "GF-N001", "机关运行经费预算为213.28万元")
        assert (v.outcome, v.locations[1].column) == (Outcome.EXACT, "operating")

    def test_a_change_cut_by_a_line_break_is_read_whole(self) -> None:
        # “…比2024年预算执行数增加” / “24,558.18万元；…”: one sentence, a change on last year
        verdicts = assess(load(BUDGETS[0]))
        v = verdict(verdicts, "GF-N011", "比2024年预算执行数增加")
        assert "上年数" in v.message  # a change on last year (GF-N011)
        assert v.outcome is Outcome.NOT_EVALUATED
        assert "上年数12593.29万元" in v.message  # 37,151.4655 − 24,558.18, shown to the cent

    def test_a_perturbed_amount_is_an_error_on_its_sentence(self) -> None:
        report = load(BUDGETS[0])
        (body,) = [s for s in report.narrative.sections if "938.99万元" in s.text]
        sections = tuple(
            Section(s.heading, s.text.replace("938.99万元", "938.90万元"), s.provenance)
            if s is body
            else s
            for s in report.narrative.sections
        )
        verdicts = assess(report.evolve(narrative=Narrative(sections)))
        (error,) = [v for v in verdicts if v.severity is Severity.ERROR]
        assert (error.rule, error.actual, error.expected) == (
            "GF-N001",
            D("938.90"),
            D("938.991300"),
        )
        assert "938.90万元" in sentence_of(error)
        assert [(c.row, c.row_label) for c in error.locations[1:]] == [("2011301", "行政运行")]

    def test_a_share_of_the_budget_total(self) -> None:
        report = with_prose(
            load(BUDGETS[0]),
            "四、部门预算编制说明",
            "科学技术支出1,720.00万元，占支出预算的4.63%。",
        )
        v = verdict(assess(report), "GF-N002", "4.63%")
        assert (v.outcome, v.expected) == (Outcome.EXACT, D("4.63"))  # 17,200,000 ÷ 371,514,655
        report = with_prose(
            load(BUDGETS[0]),
            "四、部门预算编制说明",
            "科学技术支出1,720.00万元，占支出预算的4.36%。",
        )
        v = verdict(assess(report), "GF-N002", "4.36%")
        assert (v.outcome, v.severity, v.expected) == (
            Outcome.INCONSISTENT,
            Severity.ERROR,
            D("4.63"),
        )

    def test_a_change_rate_uses_the_table_in_yuan(self) -> None:
        text = "支出预算37,151.47万元，比2024年预算增加24,491.71万元，增长{}。"
        report = with_prose(load(BUDGETS[0]), "四、部门预算编制说明", text.format("193.46%"))
        v = verdict(assess(report), "GF-N003", "193.46%")
        assert (v.outcome, v.expected) == (Outcome.EXACT, D("193.46"))
        report = with_prose(load(BUDGETS[0]), "四、部门预算编制说明", text.format("194.46%"))
        v = verdict(assess(report), "GF-N003", "194.46%")
        assert (v.outcome, v.severity) == (Outcome.INCONSISTENT, Severity.ERROR)


def one_cell_budget(value: str) -> Report:
    rows = (
        Row.of("201", "一般公共服务支出", {"total": value}, code="201"),
        Row.of("20106", "财政事务", {"total": value}, code="20106"),
        Row.of("2010601", "行政运行", {"total": value}, code="2010601"),
    )
    table = Table(
        schema="budget.general_budget",
        title="2025年部门一般公共预算支出功能分类预算表",
        unit=Unit.YUAN,
        columns=(Column("total", "合计"),),
        rows=rows,
    )
    prose = "“一般公共服务支出（类）财政事务（款）行政运行（项）”1,511.90万元，主要用于机关运行。"
    return Report(
        ReportKind.BUDGET,
        (table,),
        year=2025,
        narrative=Narrative((Section("四、部门预算编制说明", prose),)),
    )


class TestUnits:
    @pytest.mark.parametrize(
        ("cell", "outcome"),
        [
            ("15119000.00", Outcome.EXACT),  # 1,511.90 万元 exactly
            ("15118950.00", Outcome.EXACT),  # 1,511.895 rounds half-up to 1,511.90
            ("15119049.99", Outcome.EXACT),  # 1,511.904999 rounds down to 1,511.90
            ("15118949.99", Outcome.INCONSISTENT),  # 1,511.894999 prints as 1,511.89
            # 1,511.905 prints as 1,511.91, but the 元 cell is itself rounded to the fen:
            # a true 1,511.9049996 万元 prints as both, so this is a residue, not an error
            ("15119050.00", Outcome.ROUNDING_RESIDUE),
        ],
    )
    def test_a_wanyuan_claim_against_a_yuan_cell(self, cell: str, outcome: Outcome) -> None:
        (v,) = [v for v in assess(one_cell_budget(cell)) if v.rule == "GF-N001"]
        assert v.outcome is outcome
        assert v.actual == D("1511.90")

    @pytest.mark.parametrize(
        ("change", "outcome"),
        [
            ("511.90", Outcome.EXACT),  # 1,511.895 − 1,000.00 rounds half-up to 511.90
            ("511.89", Outcome.ROUNDING_RESIDUE),  # the 元 cells allow 1,511.8949995
            ("511.95", Outcome.INCONSISTENT),
        ],
    )
    def test_last_years_budget_from_the_change(self, change: str, outcome: Outcome) -> None:
        previous = one_cell_budget("10000000.00")  # 1,000.00 万元 in the 2024 budget
        current = one_cell_budget("15118950.00")
        prose = (
            "“一般公共服务支出（类）财政事务（款）行政运行（项）”1,511.90万元，"
            f"比2024年预算增加{change}万元。"
        )
        current = current.evolve(narrative=Narrative((Section("四、部门预算编制说明", prose),)))
        (v,) = [v for v in assess(current, previous) if v.rule == "GF-N011"]
        assert v.outcome is outcome
        assert v.expected == D("1000.000000")

    def test_resolved_values_are_converted_exactly(self) -> None:
        report = one_cell_budget("15118950.00")
        path = ("一般公共服务支出", "财政事务", "行政运行")
        found = resolve(report, "行政运行", Topic.OTHER, path=path)
        assert isinstance(found, Resolved)
        assert (found.value, found.unit, found.precision) == (D("1511.895000"), Unit.WANYUAN, 6)
        assert found.interval.lo == D("1511.8949995")

    def test_a_blank_cell_is_an_exact_zero(self) -> None:
        table = Table(
            schema="budget.fiscal_summary",
            title="财政拨款收支预算总表",
            unit=Unit.YUAN,
            columns=(Column("fund_budget", "政府性基金预算"),),
            rows=(
                Row.of("expenditure.total", "支出总计", {"fund_budget": ""}),
                Row.of("expenditure.balance", "年末结转结余", {"fund_budget": "0.00"}),
            ),
        )
        ref = CellRef(table, table.get("expenditure.total"), "fund_budget")
        assert ref.amount(Unit.WANYUAN).precision is None
        found = Resolved.of(ref)
        assert (found.value, found.interval.width, found.precision) == (D(0), D(0), None)
        # a printed 0.00 is rounded like any figure (as in govfin.rules): ±0.005 元
        printed = CellRef(table, table.get("expenditure.balance"), "fund_budget")
        assert printed.amount(Unit.WANYUAN).precision == 6


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "printed"),
    [
        ("jiangsu/jiangsu-jianchayuan-2017-budget.pdf", D("13656.34")),
        ("jiangsu/jiangsu-jianchayuan-2018-budget.pdf", D("16458.75")),
    ],
)
def test_a_class_in_the_summary_section_is_the_summary_line(name: str, printed: Decimal) -> None:
    """In 收支预算总体情况 a 类 counts every fund: the 总表's line, not the 一般公共预算 table's."""
    report = load(name)
    found = resolve(report, "公共安全（类）支出", Topic.SUMMARY, path=("公共安全",))
    assert isinstance(found, Resolved)
    assert found.cells[0].table.schema == "budget.summary"
    assert found.value == printed
    general = resolve(report, "公共安全（类）支出", Topic.GENERAL, path=("公共安全",))
    assert isinstance(general, Resolved)
    assert general.cells[0].table.schema == "budget.general_budget"
    assert general.value < printed  # only the 一般公共预算 part
