"""Year over year: figures quoted as 上年 checked against last year's report, and drafted."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from govfin.io import load_example
from govfin.narrative import draft
from govfin.report import Cell, Report, Table
from govfin.rules import REGISTRY, Outcome, Severity, assess, check

D = Decimal


def with_cells(report: Report, changes: Mapping[tuple[str, str, str], str], year: int) -> Report:
    """A copy of *report* with some cells (schema, row key, column key) set to new texts."""
    tables: list[Table] = []
    for table in report.tables:
        rows = []
        for row in table.rows:
            cells = dict(row.cells)
            for (schema, key, column), text in changes.items():
                if schema == table.schema and key == row.key:
                    cells[column] = Cell.parse(text)
            rows.append(attrs.evolve(row, cells=cells))
        tables.append(attrs.evolve(table, rows=tuple(rows)))
    return report.evolve(tables=tuple(tables), year=year)


LAST_YEAR = {
    ("final.summary", "income.grand_total", "amount"): "1021.48",
    ("final.fiscal_summary", "income.grand_total", "amount"): "1021.48",
    ("final.general_budget", "total", "total"): "1021.48",
    ("final.general_basic", "public_total", "amount"): "680.04",
}


@pytest.fixture(scope="module")
def report() -> Report:
    return load_example()


@pytest.fixture(scope="module")
def previous(report: Report) -> Report:
    return with_cells(report, LAST_YEAR, 2023)


class TestCheckAgainstLastYear:
    def test_quoted_last_year_figures_agree(self, report: Report, previous: Report) -> None:
        found = [v for v in assess(report, previous) if v.rule == "GF-N011"]
        by_subject = {v.message.partition("”")[0].lstrip("“"): v for v in found}
        for subject in ("收、支总计", "财政拨款收、支总计", "财政拨款支出", "机关运行经费支出"):
            assert by_subject[subject].is_pass, by_subject[subject].message
        office = by_subject["机关运行经费支出"]
        assert office.expected == D("680.04")

    def test_a_wrong_last_year_figure_is_an_error(self, report: Report) -> None:
        other = with_cells(
            report, {**LAST_YEAR, ("final.general_basic", "public_total", "amount"): "690.00"}, 2023
        )
        (office,) = [
            v
            for v in assess(report, other)
            if v.rule == "GF-N011" and v.message.startswith("“机关运行经费支出”")
        ]
        assert office.severity is Severity.ERROR
        assert (office.expected, office.actual) == (D("690.00"), D("680.04"))

    def test_three_public_zero_last_year(self, report: Report, previous: Report) -> None:
        found = [
            v
            for v in assess(report, previous)
            if v.rule == "GF-N011" and "三公" in v.message.partition("”")[0]
        ]
        assert found
        assert all(v.is_pass for v in found)

    def test_through_the_engine(self, report: Report, previous: Report) -> None:
        rules = REGISTRY.select("GF-N011")
        without = check(report, rules=rules)
        assert all(f.outcome is Outcome.NOT_EVALUATED for f in without.findings)
        within = check(report, rules=rules, previous=previous)
        assert not within.findings
        assert within.summary.passes == 10

    def test_command_line(self, report: Report, previous: Report, tmp_path: Path) -> None:
        from govfin.cli import main  # noqa: PLC0415
        from govfin.io import save  # noqa: PLC0415

        last = tmp_path / "last.json"
        save(previous, last)
        assert main(["check", "--example", "--select", "GF-N011", "--previous", str(last)]) == 0
        wrong = with_cells(
            report,
            {**LAST_YEAR, ("final.summary", "income.grand_total", "amount"): "1000.00"},
            2023,
        )
        save(wrong, last)
        assert main(["check", "--example", "--select", "GF-N011", "--previous", str(last)]) == 1


class TestDraftWithLastYear:
    def test_changes_are_computed(self, report: Report, previous: Report) -> None:
        text = draft(report, previous)
        assert (
            "2024年度收、支总计972.81万元。与上年相比，减少48.67万元，降低4.76%，主要原因是：【待填写：原因】。"
            in text
        )
        assert "机关运行经费支出385.74万元，比上年决算数减少294.30万元，降低43.28%" in text
        assert "与上年相比持平" in text  # the 三公 lines: 0 both years
        assert "待填写：上年数" not in text

    def test_drafted_text_checks_clean_with_last_year(
        self, report: Report, previous: Report
    ) -> None:
        text = draft(report, previous)
        from govfin.report import Narrative, Section  # noqa: PLC0415

        drafted = report.evolve(narrative=Narrative((Section("", text),)))
        bad = [v for v in assess(drafted, previous) if v.severity >= Severity.WARNING]
        assert not bad, [v.message for v in bad]
        passes = [v for v in assess(drafted, previous) if v.rule == "GF-N011" and v.is_pass]
        assert len(passes) == 10  # 4 changes and the 6 三公 lines stated 持平
