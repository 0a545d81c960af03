"""``govfin code harvest``: a catalogue from the codes printed in reports, and its conflicts."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from govfin.amounts import Unit
from govfin.classification import Classification, load_catalog
from govfin.cli import main
from govfin.cli._code_harvest import code_pairs, harvest_reports
from govfin.io import load, load_example, save
from govfin.report import Column, Report, ReportKind, Row, Table

PDF = Path(__file__).parents[1] / "data" / "pdf"
PLANTED = PDF / "putuo-czj-2024-final-with-planted-errors.pdf"
BUDGET = PDF / "putuo-gov-office-2025-dept-budget.pdf"


def _budget_2026(tmp_path: Path) -> Path:
    """A 2026 budget printing 210 with its pre-2018 name 医疗卫生与计划生育支出."""
    table = Table(
        schema="budget.general_budget",
        title="一般公共预算支出功能分类预算表",
        unit=Unit.YUAN,
        columns=(
            Column("total", "合计"),
            Column("basic", "基本支出"),
            Column("project", "项目支出"),
        ),
        rows=(
            Row.of("total", "合计", {"total": "30.00", "basic": "30.00", "project": ""}),
            Row.of("201", "一般公共服务支出", {"total": "20.00"}, code="201"),
            Row.of("20103", "政府办公厅（室）及相关机构事务", {"total": "20.00"}, code="20103"),
            Row.of("2010301", "行政运行", {"total": "20.00"}, code="2010301"),
            Row.of("210", "医疗卫生与计划生育支出", {"total": "10.00"}, code="210"),
        ),
    )
    path = tmp_path / "budget-2026.json"
    save(Report(ReportKind.BUDGET, (table,), department="某局", year=2026), path)
    return path


class TestCodePairs:
    def test_seed_pairs_come_from_the_code_tables_with_their_lines(self) -> None:
        pairs = list(code_pairs(load_example()))
        assert ("2010301", "行政运行") in {(c, n) for c, n, _ in pairs}
        assert ("30214", "租赁费") in {(c, n) for c, n, _ in pairs}
        where = next(w for c, _, w in pairs if c == "2010301")
        assert where.startswith("lukou-xzspj-2024-final.txt, line ")
        # the 总表 lines (一、一般公共服务支出) are not harvested
        assert all(not n.startswith("一、") for _, n, _ in pairs)

    def test_pdf_pairs_name_the_page(self) -> None:
        pairs = list(code_pairs(load(PLANTED)))
        assert pairs
        assert all(", page " in where for _, _, where in pairs)
        assert all(c.isdigit() and len(c) in (3, 5, 7) for c, _, _ in pairs)


class TestHarvestReports:
    def test_seed(self) -> None:
        results = harvest_reports([load_example()])
        by = {r.classification: r for r in results}
        assert set(by) == {Classification.FUNCTIONAL, Classification.ECONOMIC_DEPT}
        functional = by[Classification.FUNCTIONAL]
        assert functional.harvest.catalog.name("2010301") == "行政运行"
        assert functional.harvest.conflicts == ()
        assert functional.reference.year == 2024
        economic = by[Classification.ECONOMIC_DEPT]
        assert economic.harvest.catalog.name("30214") == "租赁费"
        # the nested table folded into 39909's label on load shows up as a conflict
        assert [c.code.digits for c in economic.harvest.conflicts] == ["39909"]
        assert economic.harvest.conflicts[0].reference == "经常性赠与"

    def test_an_obsolete_class_name_in_a_2026_budget(self, tmp_path: Path) -> None:
        (result,) = harvest_reports([load(_budget_2026(tmp_path))])
        assert result.harvest.catalog.year == 2026
        assert result.reference.is_fallback
        (conflict,) = result.harvest.conflicts
        assert conflict.code.digits == "210"
        assert conflict.kind == "differs"
        assert conflict.seen == ("医疗卫生与计划生育支出",)
        assert conflict.reference == "卫生健康支出"

    def test_only_one_classification(self) -> None:
        results = harvest_reports([load_example()], classification="economic-dept")
        assert [r.classification for r in results] == [Classification.ECONOMIC_DEPT]


class TestCommand:
    def test_text_on_the_seed(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["code", "harvest", "--example"]) == 1
        out = capsys.readouterr().out.splitlines()
        assert out[0] == "harvested 101 codes from 1 report (0 rejected)"
        assert out[1] == (
            "functional 支出功能分类: 20 codes, 0 conflicts with the bundled 2024 edition, "
            "0 not in it"
        )
        assert out[2].startswith("economic_dept 部门预算支出经济分类: 81 codes, 1 conflict")
        assert out[3].split()[:2] == ["differs", "39909"]
        assert "bundled 「经常性赠与」" in out[3]
        assert "lukou-xzspj-2024-final.txt, line 1544" in out[3]

    def test_text_on_a_sample_pdf(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["code", "harvest", str(PLANTED)]) == 0
        out = capsys.readouterr().out.splitlines()
        assert out[0].startswith("harvested ")
        assert out[0].endswith(" codes from 1 report (0 rejected)")
        assert any(line.startswith("functional 支出功能分类: ") for line in out)

    def test_the_obsolete_name_is_listed(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["code", "harvest", str(_budget_2026(tmp_path))]) == 1
        out = capsys.readouterr().out
        assert "(no 2026 edition is bundled)" in out
        assert "210     printed 「医疗卫生与计划生育支出」; bundled 「卫生健康支出」" in out

    def test_json_of_two_reports(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["code", "harvest", str(PLANTED), str(BUDGET), "--format", "json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["inputs"] == [str(PLANTED), str(BUDGET)]
        functional = next(c for c in data["classifications"] if c["classification"] == "functional")
        codes = {c["code"]: c for c in functional["codes"]}
        assert codes["2210201"]["name"] == "住房公积金"
        assert codes["2210201"]["level"] == "项"
        # seen in both the 2024 决算 and the 2025 预算
        documents = " ".join(codes["2210201"]["sources"])
        assert PLANTED.name in documents
        assert BUDGET.name in documents
        assert functional["edition"] is None  # the reports' years differ: latest bundled
        assert functional["conflicts"] == []

    def test_csv_reads_back_as_a_catalogue(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        out = tmp_path / "kemu.csv"
        code = main(
            ["code", "harvest", "--example", "-c", "functional", "-f", "csv", "-o", str(out)]
        )
        assert code == 0
        assert capsys.readouterr().out == ""
        with out.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert {r["classification"] for r in rows} == {"functional"}
        assert len(rows) == 20
        catalog = load_catalog(out, "functional", year=2024)
        assert catalog.name("2010301") == "行政运行"
        assert len(catalog) == 20

    def test_no_input_is_bad_usage(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["code", "harvest"]) == 2
        assert "give at least one INPUT" in capsys.readouterr().err

    def test_an_unreadable_input_is_bad_input(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        junk = tmp_path / "junk.pdf"
        junk.write_bytes(b"not a pdf")
        assert main(["code", "harvest", str(junk)]) == 2
        assert "junk.pdf" in capsys.readouterr().err

    def test_code_lookup_still_works_beside_the_action(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["code", "2010301"]) == 0
        assert capsys.readouterr().out.startswith("2010301  项  行政运行")


def test_help_names_the_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["code", "harvest", "--help"])
    assert exc.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: govfin code harvest")
    assert "Exit status: 0 no conflict, 1 conflicts found, 2 bad input or usage." in out
