"""The 江苏 2017–2018 预算 table set: recognised by title and header, bound by meaning."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from govfin.amounts import Unit
from govfin.io import load
from govfin.report import Provenance
from govfin.rules import check
from govfin.tables import REGIONAL_IDS, get_schema, recognise
from govfin.tables.bind import bind_document, bind_table
from govfin.tables.raw import RawCell, RawDocument, RawParagraph, RawTable

DATA = Path(__file__).resolve().parent.parent / "data" / "pdf" / "jiangsu"
TABLE_FILES = sorted(DATA.glob("*-budget-tables.pdf"))
ONE_FILE = [DATA / f"jiangsu-{d}-budget.pdf" for d in ("renda-2018", "jianchayuan-2018")]

SET = {
    "budget.summary",
    "budget.income_sources",
    "budget.spending_kinds",
    "budget.fiscal_summary",
    "budget.fiscal_expenditure",
    "budget.fiscal_basic",
    "budget.general_budget",
    "budget.general_basic",
    "budget.three_public_meetings",
    "budget.fund_budget",
    "budget.operating",
}


def grid(*rows: tuple[str, ...]) -> tuple[tuple[RawCell, ...], ...]:
    return tuple(tuple(RawCell(t) for t in r) for r in rows)


class TestTitles:
    @pytest.mark.parametrize(
        ("title", "schema"),
        [
            ("公开01表：收支预算总表", "budget.summary"),
            ("一、2017年度江苏省高级人民法院部门收支预算总表", "budget.summary"),
            ("财政拨款支出预算表（功能科目）", "budget.fiscal_expenditure"),
            ("一般公共预算基本支出预算表（经济科目）", "budget.general_basic"),
            (
                "“三公”经费、会议费、培训费支出预算表（一般公共预算）",
                "budget.three_public_meetings",
            ),
            (
                "十、2018年度江苏省高级人民法院政府性基金预算财政拨款支出预算表",
                "budget.fund_budget",
            ),
            ("财政拨款政府性基金支出预算表", "budget.fund_budget"),
            ("公开11表：一般公共预算机关运行经费支出预算表", "budget.operating"),
        ],
    )
    def test_title_variants(self, title: str, schema: str) -> None:
        found = recognise(title)
        assert found is not None
        assert found.id == schema

    def test_header_decides_between_shared_titles(self) -> None:
        by_source = recognise("收入预算总表", ["项目名称", "金额"])
        assert by_source is not None
        assert by_source.id == "budget.income_sources"
        national = recognise("收入预算总表", ["科目编码", "科目名称", "合计", "财政拨款收入"])
        assert national is not None
        assert national.id == "budget.income"
        # without a header, the national schema
        plain = recognise("收入预算总表")
        assert plain is not None
        assert plain.id == "budget.income"

    def test_regional_ids_registered(self) -> None:
        assert all(get_schema(i).id == i for i in REGIONAL_IDS)


class TestBinding:
    def test_summary_in_three_parts_with_spanning_total(self) -> None:
        raw = RawTable(
            "收支预算总表",
            grid(
                ("收入", "", "支出", "", "", ""),
                ("项目名称", "金额", "功能分类", "", "支出用途", ""),
                ("", "", "功能科目名称", "金额", "项目名称", "金额"),
                (
                    "一、财政拨款",
                    "100.00",
                    "一、一般公共服务支出",
                    "90.00",
                    "一、基本支出",
                    "60.00",
                ),
                (
                    "二、财政专户管理资金",
                    "",
                    "九、医疗卫生与计划生育支出",
                    "10.00",
                    "二、项目支出",
                    "40.00",
                ),
                ("当年收入小计", "100.00", "当年支出小计", "", "", "100.00"),
                ("收入合计", "100.00", "支出合计", "", "", "100.00"),
            ),
            captions=("单位：万元",),
        )
        table, problems = bind_table(raw)
        assert table.schema == "budget.summary"
        assert not [p for p in problems if p.severity in ("error", "warning")]
        assert str(table.value("210", "amount")) == "10.00"
        assert str(table.value("expenditure.basic", "amount")) == "60.00"
        assert str(table.value("expenditure.current", "amount")) == "100.00"
        assert str(table.value("expenditure.total", "amount")) == "100.00"

    def test_two_level_labels(self) -> None:
        raw = RawTable(
            "收入预算总表",
            grid(
                ("项目名称", "", "金额"),
                ("收入总计", "", "10.00"),
                ("一般公共预算资金", "小计", "8.00"),
                ("", "公共财政拨款(补助)资金", "8.00"),
                ("其他资金", "小计", "2.00"),
                ("", "其他收入", "2.00"),
            ),
            captions=("单位：万元",),
        )
        table, problems = bind_table(raw)
        assert table.schema == "budget.income_sources"
        assert not [p for p in problems if p.severity in ("error", "warning")]
        assert [r.key for r in table.rows] == [
            "income.total",
            "income.general_budget",
            "income.general_budget.appropriation",
            "income.other_funds",
            "income.other",
        ]


@pytest.mark.slow
class TestDocuments:
    @pytest.mark.parametrize("path", TABLE_FILES + ONE_FILE, ids=lambda p: p.stem)
    def test_set_recognised(self, path: Path) -> None:
        report = load(str(path))
        found = {t.schema for t in report.tables if t.schema}
        assert found >= SET
        assert report.year in (2017, 2018)

    @pytest.mark.parametrize("path", TABLE_FILES, ids=lambda p: p.stem)
    def test_table_files_have_no_error(self, path: Path) -> None:
        result = check(load(str(path)))
        assert result.at_least("error") == ()

    def test_edition_names(self) -> None:
        """210 医疗卫生与计划生育支出 is its 2018 name; in a 2020 report it is a former name."""
        report = load(str(DATA / "jiangsu-zhengxie-2018-budget-tables.pdf"))
        old = "医疗卫生与计划生育支出"
        summary = report.table("budget.summary")
        assert summary is not None
        assert old in summary.row("210").label

        def names(year: int) -> list[str]:
            findings = check(attrs.evolve(report, year=year)).findings
            return [f.rule for f in findings if f.rule.startswith("GF-K00") and old in f.message]

        assert names(2018) == []
        assert names(2020) == ["GF-K002"]


def _prov(page: int) -> Provenance:
    return Provenance(file="x.pdf", page=page)


class TestDocumentAssembly:
    def test_stray_title_and_unit_rejoined(self) -> None:
        """A wrapped title left as a paragraph of the page is put back on its table."""
        table = RawTable(
            "算表",
            grid(("合计", "“三公”经费", "会议费", "培训费"), ("30.00", "10.00", "15.00", "5.00")),
            provenance=_prov(3),
        )
        raw = RawDocument(
            "x.pdf",
            (table,),
            (
                RawParagraph("“三公”经费、会议费、培训费支出预", _prov(3)),
                RawParagraph("单位：万元江苏省某厅", _prov(3)),
            ),
        )
        report = bind_document(raw)
        (bound,) = report.tables
        assert bound.schema == "budget.three_public_meetings"
        assert bound.unit is Unit.WANYUAN

    def test_continuation_joined(self) -> None:
        head = RawTable(
            "财政拨款支出预算表",
            grid(
                ("功能科目代码", "功能科目名称", "金额"),
                ("", "合计", "30.00"),
                ("221", "住房保障支出", "30.00"),
                ("22102", "住房改革支出", "30.00"),
            ),
            captions=("单位：万元",),
            provenance=_prov(4),
        )
        # the loader took the continued grid's first line for a title
        tail = RawTable(
            "2210201 住房公积金 10.00",
            grid(("2210202", "提租补贴", "20.00")),
            provenance=_prov(5),
        )
        report = bind_document(RawDocument("x.pdf", (head, tail)))
        (bound,) = report.tables
        assert [r.key for r in bound.rows] == ["total", "221", "22102", "2210201", "2210202"]
        assert check(report).at_least("error") == ()

    def test_unrelated_table_on_the_next_page_kept(self) -> None:
        head = RawTable(
            "财政拨款支出预算表",
            grid(("功能科目代码", "功能科目名称", "金额"), ("", "合计", "0.00")),
            captions=("单位：万元",),
            provenance=_prov(4),
        )
        other = RawTable("", grid(("序号", "单位名称"), ("1", "本级")), provenance=_prov(5))
        assert len(bind_document(RawDocument("x.pdf", (head, other))).tables) == 2
