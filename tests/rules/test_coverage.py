"""Coverage and rule GF-S004: a report read only in part never looks like a clean report."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from govfin.cli import main
from govfin.io import load_example, save
from govfin.report import Cell, Column, Narrative, Problem, Report, ReportKind, Section
from govfin.rules import (
    CONTENTS,
    SCHEMA_SET,
    Coverage,
    Severity,
    check,
    listed_tables,
    measure_coverage,
)
from govfin.tables import BUDGET_IDS, FINAL_IDS
from govfin.testing import reports


def _with_contents(report: Report, *lines: str) -> Report:
    sections = (Section("目录", "\n".join(lines)), *report.narrative.sections)
    return report.evolve(narrative=Narrative(sections))


class TestListedTables:
    @pytest.mark.parametrize(
        ("line", "title"),
        [
            ("公开表一 收支预算总表", "公开表一 收支预算总表"),
            ("1.收入支出决算总表", "1.收入支出决算总表"),
            ("一、收入决算表 ............ 5", "一、收入决算表"),
            ("3．2025年部门支出预算总表……12", "3.2025年部门支出预算总表"),
            ("九、一般公共预算“三公”经费支出预算表  14", "九、一般公共预算“三公”经费支出预算表"),
            ("表3 支出决算表", "表3 支出决算表"),
        ],
    )
    def test_entry_forms(self, line: str, title: str) -> None:
        report = _with_contents(Report(ReportKind.FINAL, ()), "第一部分 部门概况", line)
        assert listed_tables(report) == (title,)

    @pytest.mark.parametrize(
        "line",
        [
            "第二部分 2018年度部门预算表",
            "五、部门预算表",
            "一、部门主要职能",
            "第四部分 名词解释",
            "三、支出决算情况说明",
        ],
    )
    def test_not_table_entries(self, line: str) -> None:
        report = _with_contents(Report(ReportKind.FINAL, ()), line)
        assert listed_tables(report) == ()

    def test_no_contents(self) -> None:
        assert listed_tables(load_example()) == ()


class TestMeasure:
    def test_seed_is_complete(self) -> None:
        coverage = measure_coverage(load_example())
        assert coverage.complete
        assert (coverage.tables_expected, coverage.tables_recognised) == (9, 9)
        assert coverage.expected_from == SCHEMA_SET
        numbers = [c for t in load_example().tables for r in t for c in r.cells.values()]
        assert coverage.figures_read == sum(c.is_number for c in numbers) > 200
        assert coverage.shortfalls() == ()

    def test_check_counts_figures_checked(self) -> None:
        result = check(load_example())
        assert result.coverage is not None
        assert result.coverage is result.summary.coverage
        compared = sum(n for o, n in result.summary.by_outcome.items() if o != "not_evaluated")
        assert 0 < result.coverage.figures_checked <= compared
        # the structure rules' passes (tables present) are no figures checked
        nothing = check(Report(ReportKind.FINAL, ())).coverage
        assert nothing is not None
        assert nothing.figures_checked == 0
        assert result.by_rule("GF-S004") == ()

    def test_cut_to_one_table(self) -> None:
        seed = load_example()
        cut = seed.evolve(tables=seed.tables[:1])
        result = check(cut)
        (finding,) = result.by_rule("GF-S004")
        assert finding.severity is Severity.ERROR
        assert "9张表中有8张未找到" in finding.message
        assert not result.ok
        assert result.coverage is not None
        assert result.coverage.missing[0] == "收入决算表"

    def test_no_table_at_all(self) -> None:
        result = check(Report(ReportKind.BUDGET, ()))
        assert result.coverage is not None
        (finding,) = result.by_rule("GF-S004")
        assert "未识别出任何标准公开表（应有9张）" in finding.message
        assert result.coverage == Coverage(
            tables_expected=9,
            expected_from=SCHEMA_SET,
            missing=tuple(result.coverage.missing),
        )

    def test_contents_lists_a_missing_table(self) -> None:
        seed = _with_contents(
            load_example(),
            "1.收入支出决算总表",
            "2.收入决算表",
            "3.支出决算表",
            "10.政府采购情况表",
        )
        coverage = measure_coverage(seed)
        assert coverage.expected_from == CONTENTS
        assert (coverage.tables_expected, coverage.tables_found) == (4, 3)
        assert coverage.missing == ("政府采购情况表",)
        (finding,) = check(seed).by_rule("GF-S004")
        assert "目录所列4张表中有1张未找到：政府采购情况表" in finding.message

    def test_contents_title_with_owner_and_variant_wording(self) -> None:
        seed = load_example()
        first = seed.tables[0]
        renamed = attrs.evolve(first, schema=None, title="某某局2024年度收入支出决算总表")
        report = _with_contents(
            seed.evolve(tables=(renamed, *seed.tables[1:])),
            "一、收入支出决算总表 ...... 3",
            "二、一般公共预算财政拨款支出决算表 ...... 6",
        )
        coverage = measure_coverage(report)
        assert coverage.missing == ()
        assert coverage.tables_unrecognised == 1

    def test_a_short_title_is_not_another_table(self) -> None:
        # 支出决算表 is listed; 一般公共预算财政拨款支出决算表 ends with it but is another table.
        seed = load_example()
        kept = tuple(t for t in seed.tables if t.schema != "final.expenditure")
        report = _with_contents(
            seed.evolve(tables=kept), "三、支出决算表", "五、一般公共预算财政拨款支出决算表"
        )
        assert measure_coverage(report).missing == ("支出决算表",)

    def test_unreadable_part(self) -> None:
        seed = load_example()
        broken = seed.evolve(problems=(Problem("not an amount: '1x'", "error", table="公开01表"),))
        (finding,) = check(broken).by_rule("GF-S004")
        assert "有1处内容未能读取" in finding.message

    def test_a_required_line_lost_is_not_clean(self) -> None:
        """A table that lost its 总计 (rows cut off at a page break) cannot be checked in full."""
        seed = load_example()
        table = seed.table("final.summary")
        cut = attrs.evolve(
            table, rows=tuple(r for r in table.rows if r.key != "income.grand_total")
        )
        report = seed.evolve(tables=tuple(cut if t is table else t for t in seed.tables))
        coverage = measure_coverage(report)
        assert len(coverage.lines_missing) == 1
        assert coverage.lines_missing[0].endswith("收入支出决算总表：总计")
        assert not coverage.complete
        (finding,) = check(report).by_rule("GF-S004")
        assert "有1个应有的行未找到" in finding.message
        assert "1 lines missing" in coverage.line()

    def test_figures_in_an_untitled_column_are_not_clean(self) -> None:
        """Figures read in a column whose title was lost: no rule can check them."""
        seed = load_example()
        table = seed.table("final.income")
        rows = tuple(
            attrs.evolve(r, cells={**r.cells, "col9": Cell.parse("1.00")})
            if r.code is not None
            else r
            for r in table.rows
        )
        columns = (*table.columns, Column("col9", ""))
        widened = attrs.evolve(table, rows=rows, columns=columns)
        report = seed.evolve(tables=tuple(widened if t is table else t for t in seed.tables))
        coverage = measure_coverage(report)
        assert coverage.figures_unplaced == sum(1 for r in table.rows if r.code is not None)
        assert not coverage.complete
        assert check(report).by_rule("GF-S004")
        # the row's code printed again beside its name is no figure
        echoed = tuple(
            attrs.evolve(r, cells={**r.cells, "col9": Cell.parse(r.code)}) if r.code else r
            for r in table.rows
        )
        report = seed.evolve(
            tables=tuple(
                attrs.evolve(widened, rows=echoed) if t is table else t for t in seed.tables
            )
        )
        assert measure_coverage(report).figures_unplaced == 0

    def test_add(self) -> None:
        a = Coverage(tables_expected=9, tables_found=9, tables_recognised=9, figures_read=5)
        b = Coverage(tables_expected=12, expected_from=CONTENTS, missing=("x表",))
        total = a + b
        assert (total.tables_expected, total.reports, total.expected_from) == (21, 2, "mixed")
        c = Coverage(lines_missing=("a：总计",), figures_unplaced=2)
        assert (c + c).lines_missing == ("a：总计", "a：总计")
        assert (c + c).figures_unplaced == 4
        assert not total.complete
        assert "2 reports" in total.line()

    @pytest.mark.slow
    @given(reports(), st.data())
    def test_removed_tables_are_missing(self, report: Report, data: st.DataObject) -> None:
        ids = FINAL_IDS if report.kind is ReportKind.FINAL else BUDGET_IDS
        drop = data.draw(st.sets(st.sampled_from(ids)))
        cut = report.evolve(tables=tuple(t for t in report.tables if t.schema not in drop))
        coverage = check(cut).coverage
        assert coverage is not None
        assert len(coverage.missing) == len(drop)
        assert coverage.tables_recognised == len(ids) - len(drop)
        assert coverage.complete == (not drop)
        assert bool(check(cut).by_rule("GF-S004")) == bool(drop)


class TestCli:
    def _run(self, path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object]]:
        code = main(["check", str(path), "--format", "json"])
        doc = json.loads(capsys.readouterr().out)
        return code, doc

    def test_json_with_no_tables(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "empty.json"
        save(load_example().evolve(tables=()), path)
        code, doc = self._run(path, capsys)
        assert code == 1
        summary = doc["summary"]
        assert isinstance(summary, dict)
        assert summary["coverage"]["complete"] is False
        assert summary["coverage"]["tables_recognised"] == 0
        rules = [f["rule"] for r in doc["reports"] for f in r["findings"]]  # type: ignore[attr-defined]
        assert "GF-S004" in rules

    def test_canteen_menu(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "menu.txt"
        path.write_text("今日菜单\n红烧肉\t12\n青菜\t5\n合计\t17\n", encoding="utf-8")
        assert main(["check", str(path)]) == 1
        assert "GF-S004" in capsys.readouterr().out

    def test_sales_and_empty_workbooks(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        openpyxl = pytest.importorskip("openpyxl")
        sales = openpyxl.Workbook()
        sheet = sales.active
        sheet.title = "Sales"
        sheet.append(["product", "q1", "q2"])
        sheet.append(["apples", 100, 200])
        sales.save(tmp_path / "sales.xlsx")
        openpyxl.Workbook().save(tmp_path / "empty.xlsx")
        for name in ("sales.xlsx", "empty.xlsx"):
            assert main(["check", str(tmp_path / name)]) == 1, name
            assert "GF-S004" in capsys.readouterr().out

    def test_seed_in_big5(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        from govfin.io import example_path  # noqa: PLC0415

        text = example_path().read_text(encoding="utf-8")
        path = tmp_path / "big5.txt"
        path.write_bytes(text.encode("big5", errors="replace"))
        assert main(["check", str(path)]) == 1
        assert "GF-S004" in capsys.readouterr().out

    def test_seed_cut_after_first_table(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from govfin.io import example_path  # noqa: PLC0415

        text = example_path().read_text(encoding="utf-8")
        path = tmp_path / "cut.txt"
        path.write_text(text[: text.index("收入决算表\n")], encoding="utf-8")
        assert main(["check", str(path), "--select", "GF-S004"]) == 1
        assert "9张表中有8张未找到" in capsys.readouterr().out


class TestContentsForms:
    def test_entries_that_became_sections(self) -> None:
        # A 目录 whose entries look like headings ends early: the entries become
        # sections with no body, up to the first section of prose.
        sections = (
            Section("目录", "第一部分 部门概况"),
            Section("第二部分 2017年度部门预算表", ""),
            Section("一、收支预算总表", ""),
            Section("二、收入预算总表", ""),
            Section("第一部分 部门概况", "省政协是我省最广泛的爱国统一战线组织，" * 3),
            Section("三、不是目录的表", ""),
        )
        report = Report(ReportKind.BUDGET, (), narrative=Narrative(sections))
        assert listed_tables(report) == ("一、收支预算总表", "二、收入预算总表")

    def test_a_table_matched_by_its_place(self) -> None:
        seed = load_example()
        renamed = tuple(
            attrs.evolve(t, title="某表") if t.schema == "final.expenditure" else t
            for t in seed.tables
        )
        report = _with_contents(
            seed.evolve(tables=renamed),
            "一、收入支出决算总表",
            "二、收入决算表",
            "三、支出预算执行表",
            "四、财政拨款收入支出决算总表",
        )
        assert measure_coverage(report).missing == ()

    def test_another_regions_set_without_contents(self) -> None:
        seed = load_example()
        regional = seed.evolve(
            kind=ReportKind.BUDGET,
            tables=(attrs.evolve(seed.tables[0], schema="budget.procurement"),),
        )
        coverage = measure_coverage(regional)
        assert (coverage.tables_expected, coverage.missing) == (1, ())
