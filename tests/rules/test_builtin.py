"""Each built-in table rule: a positive case and a negative one."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

from govfin.amounts import Unit
from govfin.classification import Catalog, Entry, Source, Trust
from govfin.classification import Code as ClassCode
from govfin.report import Column, Problem, Report, ReportKind, Row, Table
from govfin.rules import Outcome, Reason, Severity, check, default_rules

from .helpers import at, change, errors, run

# (rule, table, row, column, new text): one broken cell the rule must name
NEGATIVE = [
    ("GF-T001", "final.summary", "income.general_budget", "amount", "970.81"),
    ("GF-T001", "final.income", "201", "fiscal", "683.00"),
    ("GF-T002", "final.expenditure", "201", "basic", "678.00"),
    ("GF-T003", "final.general_budget", "206", "project", "241.00"),
    ("GF-T004", "final.summary", "206", "amount", "246.00"),
    ("GF-T005", "final.summary", "income.grand_total", "amount", "980.00"),
    ("GF-T006", "final.fiscal_summary", "income.grand_total", "amount", "980.00"),
    ("GF-T006", "final.fiscal_summary", "expenditure.grand_total", "general_budget", "980.00"),
    ("GF-T007", "final.fiscal_summary", "201", "general_budget", "683.00"),
    ("GF-T008", "final.three_public", "total", "final_vehicle", "5.00"),
    ("GF-T008", "final.three_public", "total", "budget_abroad", "1.00"),
    ("GF-T009", "final.general_basic", "personnel_total", "amount", "341.64"),
    ("GF-T009", "final.general_basic", "public_total", "amount", "384.74"),
    ("GF-R001", "final.expenditure", "total", "total", "972.00"),
    ("GF-R002", "final.income", "201", "total", "684.64"),
    ("GF-R002", "final.general_basic", "302", "amount", "376.84"),
    ("GF-R003", "final.general_budget", "20103", "basic", "671.00"),
    ("GF-X001", "final.income", "total", "fiscal", "970.81"),
    ("GF-X002", "final.expenditure", "208", "total", "23.30"),
    ("GF-X003", "final.fiscal_summary", "income.general_budget", "amount", "970.81"),
    ("GF-X004", "final.general_budget", "221", "total", "18.98"),
    ("GF-X005", "final.fund_budget", "total", "total", "5.00"),
    ("GF-X006", "final.state_capital", "total", "total", "5.00"),
    ("GF-X007", "final.general_budget", "total", "basic", "726.00"),
]


@pytest.mark.parametrize(("rule", "table", "row", "column", "new"), NEGATIVE)
def test_negative_on_the_seed(
    seed: Report, rule: str, table: str, row: str, column: str, new: str
) -> None:
    broken = change(seed, table, row, column, new)
    found = at(errors(run(broken, rule), rule), table, row, column)
    assert found, f"{rule} did not flag {table} {row} {column}"
    f = found[0]
    assert f.outcome is Outcome.INCONSISTENT
    assert f.difference is not None
    assert f.expected is not None
    assert abs(f.difference) > (f.tolerance or Decimal(0))


@pytest.mark.parametrize("rule", sorted({n[0] for n in NEGATIVE}))
def test_positive_on_the_seed(seed: Report, rule: str) -> None:
    result = run(seed, rule)
    assert errors(result) == []
    assert result.summary.passes + result.summary.infos > 0


class TestFundBalance:
    def test_positive(self, seed: Report) -> None:
        assert run(seed, "GF-T010").findings == ()

    def test_negative_is_a_warning(self, seed: Report) -> None:
        broken = change(seed, "final.fund_budget", "total", "balance", "5.00")
        (f,) = run(broken, "GF-T010").findings
        assert (f.severity, f.outcome) == (Severity.WARNING, Outcome.INCONSISTENT)


def _codes(*rows: tuple[str, str]) -> Table:
    return Table(
        schema="final.general_budget",
        title="一般公共预算财政拨款支出决算表",
        unit=Unit.WANYUAN,
        columns=(Column("total", "小计"),),
        rows=tuple(Row.of(code, name, {"total": "1"}, code=code) for code, name in rows),
        number="公开05表",
    )


class TestNesting:
    def test_positive(self, seed: Report) -> None:
        assert run(seed, "GF-R004").findings == ()

    def test_item_under_the_wrong_section(self) -> None:
        t = _codes(
            ("201", "一般公共服务支出"),
            ("20101", "人大事务"),
            ("20103", "政府办公厅（室）及相关机构事务"),
            ("2010101", "行政运行"),
        )
        (f,) = errors(run(Report(ReportKind.FINAL, (t,)), "GF-R004"))
        assert f.locations[0].row == "2010101"
        assert f.locations[1].row == "20103"
        assert "20101" in f.message

    def test_section_without_its_class(self) -> None:
        t = _codes(
            ("20103", "政府办公厅（室）及相关机构事务"),
        )
        (f,) = errors(run(Report(ReportKind.FINAL, (t,)), "GF-R004"))
        assert "201" in f.message
        assert f.locations[0].row == "20103"

    def test_code_of_no_level(self) -> None:
        t = _codes(
            ("2010", "乱码"),
        )
        (f,) = errors(run(Report(ReportKind.FINAL, (t,)), "GF-R004"))
        assert "位数" in f.message


class TestStructure:
    def test_missing_table(self, seed: Report) -> None:
        assert run(seed, "GF-S001").findings == ()
        fewer = seed.evolve(tables=tuple(t for t in seed.tables if t.schema != "final.income"))
        (f,) = run(fewer, "GF-S001").findings
        assert (f.severity, f.table) == (Severity.WARNING, "final.income")

    def test_unrecognised_table(self, seed: Report) -> None:
        assert run(seed, "GF-S002").findings == ()
        odd = Table(None, "某某情况表", Unit.WANYUAN, (), ())
        (f,) = run(seed.evolve(tables=(*seed.tables, odd)), "GF-S002").findings
        assert (f.severity, f.outcome) == (Severity.INFO, Outcome.NOT_EVALUATED)
        assert "某某情况表" in f.message

    def test_empty_table_note(self, seed: Report) -> None:
        (f,) = run(seed, "GF-S003").findings  # 07 and 08 say 本表无数据; 09 does not
        assert f.table == "final.three_public"
        t09 = seed.table("final.three_public")
        noted = attrs.evolve(
            t09, notes=(*t09.notes, "说明：本单位无“三公”经费支出，故本表无数据。")
        )
        fixed = seed.evolve(tables=tuple(noted if t is t09 else t for t in seed.tables))
        assert run(fixed, "GF-S003").findings == ()

    def test_load_problems(self, seed: Report) -> None:
        bad = seed.evolve(
            problems=(Problem("not a number: 'abc'", "error", "公开02表", "201", "total"),)
        )
        (f,) = run(bad, "GF-L001").findings
        # what could not be read is not checked: a warning, never an error of the document
        assert (f.severity, f.outcome) == (Severity.WARNING, Outcome.NOT_EVALUATED)
        assert (f.table, f.locations[0].row) == ("final.income", "201")


def _relabel(report: Report, table: str, row: str, label: str) -> Report:
    t = report.table(table)
    rows = tuple(attrs.evolve(r, label=label) if r.key == row else r for r in t.rows)
    new = attrs.evolve(t, rows=rows)
    return report.evolve(tables=tuple(new if x is t else x for x in report.tables))


class TestCatalogue:
    def test_name_differs_from_bundled_is_warning(self, seed: Report) -> None:
        broken = _relabel(seed, "final.expenditure", "2010301", "机关服务")
        found = at(list(run(broken, "GF-K001").findings), "final.expenditure", "2010301")
        assert [f.severity for f in found] == [Severity.WARNING]
        assert "行政运行" in found[0].message

    def test_name_differs_from_official_is_error(self, seed: Report) -> None:
        official = Catalog(
            "functional",
            2024,
            [
                Entry(
                    ClassCode("functional", "2010301"),
                    "行政运行",
                    [Source("财政部《2024年政府收支分类科目》", Trust.VERIFIED)],
                ),
            ],
            source="2024年政府收支分类科目.xlsx",
        )
        broken = _relabel(seed, "final.expenditure", "2010301", "机关服务")
        result = check(broken, default_rules().select("GF-K001"), catalogs=[official])
        found = at(list(result.findings), "final.expenditure", "2010301")
        assert [f.severity for f in found] == [Severity.ERROR]
        assert "2024年政府收支分类科目.xlsx" in found[0].message

    def test_former_name(self, seed: Report) -> None:
        t = _codes(
            ("207", "文化体育与传媒支出"),
        )
        result = run(Report(ReportKind.FINAL, (t,), year=2024), "GF-K001", "GF-K002")
        assert [(f.rule, f.severity) for f in result.findings] == [("GF-K002", Severity.WARNING)]
        assert "文化旅游体育与传媒支出" in result.findings[0].message

    def test_current_name_passes(self, seed: Report) -> None:
        t = _codes(
            ("207", "文化旅游体育与传媒支出"),
        )
        result = run(Report(ReportKind.FINAL, (t,), year=2024), "GF-K001", "GF-K002")
        assert result.findings == ()

    def test_code_of_the_wrong_classification(self, seed: Report) -> None:
        assert run(seed, "GF-K003").findings == ()
        t = _codes(
            ("301", "工资福利支出"),
        )
        (f,) = run(Report(ReportKind.FINAL, (t,)), "GF-K003").findings
        assert f.severity is Severity.WARNING
        assert "功能分类" in f.message

    def test_unknown_code_is_info(self, seed: Report) -> None:
        assert run(seed, "GF-K004").findings == ()
        t = _codes(
            ("299", "某类支出"),
        )
        (f,) = run(Report(ReportKind.FINAL, (t,), year=2024), "GF-K004").findings
        assert f.severity is Severity.INFO


class TestTruncation:
    def test_a_truncated_total_is_a_warning_not_an_error(self, seed: Report) -> None:
        # 02 201 = 20103 + 20111 + 20199 = 671.25 + 5 + 7.39 = 683.64.  A 类 printed
        # 683.66 is beyond rounding (a difference of 0.02 is not below ±0.02 for a
        # total and three parts), but truncated parts stand for [683.64, 683.67),
        # which meets the truncated total's [683.66, 683.67).
        broken = change(seed, "final.income", "201", "total", "683.66")
        found = at(list(run(broken, "GF-R002").findings), "final.income", "201", "total")
        assert [(f.severity, f.outcome) for f in found] == [
            (Severity.WARNING, Outcome.TRUNCATION_RESIDUE)
        ]
        assert "截尾" in found[0].message

    def test_two_printings_one_unit_apart_are_balancing(self, seed: Report) -> None:
        # 舍位平衡, as in the 普陀 sample (326.71 in 04 against 326.72 in 05): the seed's
        # 221 prints 19.98 in both tables; one unit apart across tables is a residue
        split = change(seed, "final.general_budget", "221", "total", "19.99")
        found = at(list(run(split, "GF-X004").findings), "final.general_budget", "221")
        assert [(f.severity, f.outcome, f.reason, f.difference, f.tolerance) for f in found] == [
            (
                Severity.INFO,
                Outcome.ROUNDING_RESIDUE,
                Reason.BALANCING,
                Decimal("-0.01"),
                Decimal("0.020"),
            )
        ]
        assert "舍位平衡" in found[0].message

    def test_two_printings_two_units_apart_are_an_error(self, seed: Report) -> None:
        broken = change(seed, "final.general_budget", "221", "total", "20.00")
        found = at(errors(run(broken, "GF-X004"), "GF-X004"), "final.general_budget", "221")
        assert [(f.difference, f.reason) for f in found] == [(Decimal("-0.02"), None)]
