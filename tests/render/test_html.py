"""The HTML report of the seed, read back with the standard library's HTML parser."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from govfin.amounts import Unit
from govfin.calc import shares
from govfin.render.html import document, html, write_html
from govfin.report import Column, Narrative, Report, ReportKind, Row, Section, Table
from govfin.rules import CheckResult, Finding, Location, Outcome, Severity, Summary, check

from .pages import Page


def _index(report: Report, schema: str) -> int:
    return next(i for i, t in enumerate(report.tables) if t.schema == schema)


class TestFindingsAndCells:
    def test_every_error_finding_is_listed_and_points_at_an_existing_element(
        self, seed_result: CheckResult, seed_page: Page
    ) -> None:
        errors = [
            (n, f) for n, f in enumerate(seed_result.findings, 1) if f.severity.value == "error"
        ]
        assert errors, "the seed has error findings"
        for n, finding in errors:
            item = seed_page.ids[f"f{n}"]
            assert item.tag == "li"
            assert "st-error" in item.classes
            assert finding.message in item.text
            targets = seed_page.links_in(f"f{n}")
            assert targets, f"f{n} links to nothing"
            for target in targets:
                assert target in seed_page.ids
                assert f"f{n}" in seed_page.ids[target].attrs["data-findings"].split()

    def test_every_finding_appears_once_in_full(
        self, seed_result: CheckResult, seed_page: Page
    ) -> None:
        for n, finding in enumerate(seed_result.findings, 1):
            assert seed_page.ids[f"f{n}"].tag == "li"
            assert finding.rule in seed_page.ids[f"f{n}"].text

    def test_every_link_lands_and_no_id_is_repeated(self, seed_page: Page) -> None:
        assert seed_page.duplicates == []
        hrefs = [e.attrs["href"] for e in seed_page.find("a") if "href" in e.attrs]
        assert hrefs
        for href in hrefs:
            assert href.startswith("#")
            assert href[1:] in seed_page.ids, href

    def test_cells_of_table_findings_are_highlighted_by_state(
        self, seed: Report, seed_result: CheckResult, seed_page: Page
    ) -> None:
        (n, residue) = next(
            (n, f) for n, f in enumerate(seed_result.findings, 1) if f.rule == "GF-R002"
        )
        ti = _index(seed, "final.general_basic")
        ri = next(i for i, r in enumerate(seed.table("final.general_basic").rows) if r.key == "301")
        cell = seed_page.ids[f"t{ti}-r{ri}-amount"]
        assert cell.tag == "td"
        assert {"hl", "st-residue", "main"} <= cell.classes
        assert f"f{n}" in cell.attrs["data-findings"].split()
        assert cell.text.strip() == "321.41"
        # the hover text carries the message and the figures
        assert residue.message in cell.attrs["title"]
        assert "应为 321.40万元" in cell.attrs["title"]
        assert "差额 0.01万元" in cell.attrs["title"]
        # and the cell links to the finding, which links back
        assert seed_page.links_in(cell.attrs["id"]) == [f"f{n}"]
        assert cell.attrs["id"] in seed_page.links_in(f"f{n}")

    def test_each_table_is_shown_with_all_its_rows_and_cells(
        self, seed: Report, seed_page: Page
    ) -> None:
        for ti, table in enumerate(seed.tables):
            section = seed_page.ids[f"t{ti}"]
            assert section.tag == "section"
            for ri, row in enumerate(table.rows):
                for column in table.columns:
                    element = seed_page.ids[f"t{ti}-r{ri}-{column.key}"]
                    assert element.text.strip() == row.cell(column.key).text.strip()

    def test_a_clean_cell_is_not_highlighted(self, seed: Report, seed_page: Page) -> None:
        ti = _index(seed, "final.income")
        cell = seed_page.ids[f"t{ti}-r0-total"]
        assert "hl" not in cell.classes
        assert "title" not in cell.attrs


class TestNarrative:
    def test_wrong_claims_are_marked_in_place(
        self, seed: Report, seed_result: CheckResult, seed_page: Page
    ) -> None:
        wrong = [
            (n, f)
            for n, f in enumerate(seed_result.findings, 1)
            if f.rule.startswith("GF-N") and f.severity is Severity.ERROR
        ]
        assert wrong
        for n, finding in wrong:
            loc = finding.locations[0]
            marks = [
                m for m in seed_page.find("mark", "claim") if f"f{n}" in m.attrs["data-findings"]
            ]
            assert len(marks) == 1
            assert "st-error" in marks[0].classes
            assert loc.sentence is not None
            assert loc.sentence in marks[0].text
            # the recomputed value is shown next to the sentence
            badge = next(a for a in seed_page.find("a", "v") if a.attrs.get("href") == f"#f{n}")
            assert finding.expected is not None
            assert f"{finding.expected:f}" in badge.text

    def test_verified_claims_are_marked_when_passes_are_kept(
        self, seed: Report, seed_page: Page
    ) -> None:
        assert seed_page.find("mark", "st-ok")
        verified = seed_page.find("span", "st-ok")
        assert any("972.81" in v.text for v in verified)
        without = Page(html(seed, check(seed)))
        assert not without.find("mark", "st-ok")
        assert without.find("mark", "st-error")

    def test_not_evaluated_claims_are_marked(self, seed_page: Page) -> None:
        assert any("st-unchecked" in v.classes for v in seed_page.find(None, "v"))

    def test_sentence_offsets_are_respected(self) -> None:
        text = "收入100万元。收入100万元。"
        report = Report(ReportKind.FINAL, (), narrative=Narrative((Section("一、说明", text),)))
        finding = Finding(
            "GF-N001",
            Severity.ERROR,
            Outcome.INCONSISTENT,
            "金额不符",
            locations=(Location.narrative("一、说明", "收入100万元。", 8, 16),),
            expected=Decimal(99),
        )
        result = CheckResult(None, (finding,), Summary({"error": 1}, {"inconsistent": 1}, 1))
        text_of_page = html(report, result)
        page = Page(text_of_page)
        (mark,) = page.find("mark")
        assert mark.attrs["id"] == "s0-m1"
        # the second sentence is the marked one
        assert '<div class="prose">收入100万元。<mark id="s0-m1"' in text_of_page

    def test_a_finding_about_a_heading_marks_the_heading(self) -> None:
        heading = "第三部分 某局2023年度部门决算情况说明"
        sections = (Section(heading, ""), Section("一、说明", "收入100万元。"))
        report = Report(ReportKind.FINAL, (), narrative=Narrative(sections))
        where = Location.narrative(heading, heading, role="heading")
        finding = Finding(
            "GF-N009", Severity.ERROR, Outcome.INCONSISTENT, "年度写错", locations=(where,)
        )
        page = Page(html(report, CheckResult(None, (finding,), Summary())))
        mark = page.ids["s0-h"]
        assert mark.tag == "mark"
        assert {"claim", "st-error"} <= mark.classes
        assert mark.text == heading
        assert page.links_in("f1") == ["s0-h"]
        assert page.ids["f1"].parents[-1] != "general"


class TestSummaryAndChart:
    def test_summary_counts(self, seed_result: CheckResult, seed_page: Page) -> None:
        counts = seed_page.ids["by-severity"].text
        s = seed_result.summary
        assert re.search(rf"错误 error\s*{s.errors}(?!\d)", counts)
        assert re.search(rf"警告 warning\s*{s.warnings}(?!\d)", counts)
        assert re.search(rf"提示 info\s*{s.infos}(?!\d)", counts)
        outcomes = seed_page.ids["by-outcome"].text
        assert re.search(rf"一致 exact\s*{s.passes}(?!\d)", outcomes)
        header = seed_page.find("header")[0].text
        for text in ("株洲市渌口区行政审批服务局", "2024", "部门决算"):
            assert text in header

    def test_structure_of_expenditure_is_drawn_from_the_tables(
        self, seed: Report, seed_page: Page
    ) -> None:
        figures = seed_page.find("figure", "chart")
        assert len(figures) == 3
        assert len(seed_page.find("svg")) == 3
        expenditure = seed.table("final.expenditure")
        basic, project = shares(
            [
                expenditure.value("total", "basic") or Decimal(0),
                expenditure.value("total", "project") or Decimal(0),
            ]
        )
        text = " ".join(f.text for f in figures)
        assert f"{basic}%" in text
        assert f"{project}%" in text
        assert "340.64" in text  # 人员经费合计
        assert "385.74" in text  # 公用经费合计
        classes = expenditure.code_rows(1)
        rects = [e for e in seed_page.find("rect") if "chart0" in e.parents]
        assert len(rects) == len(classes)


class TestSelfContained:
    def test_no_external_reference(self, seed_html: str, seed_page: Page) -> None:
        for element in seed_page.elements:
            for name in ("src", "href", "action", "data", "srcset", "poster"):
                value = element.attrs.get(name)
                if value is not None:
                    assert value.startswith("#"), (element.tag, name, value)
        assert not seed_page.find("script")
        assert not seed_page.find("link")
        assert not seed_page.find("img")
        css = "".join(seed_page.styles)
        assert css
        assert "url(" not in css
        assert "@import" not in css
        assert not re.search(r"https?://", seed_html)

    def test_phone_ready_and_cjk_fonts(self, seed_page: Page) -> None:
        viewport = next(m for m in seed_page.find("meta") if m.attrs.get("name") == "viewport")
        assert "width=device-width" in viewport.attrs["content"]
        css = "".join(seed_page.styles)
        assert '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei"' in css
        assert "overflow-x: auto" in css
        assert "@media (max-width" in css
        assert seed_page.find("html")[0].attrs["lang"] == "zh-CN"

    def test_text_is_escaped(self, seed: Report, seed_result: CheckResult) -> None:
        evil = "<script>alert('x')</script>&\""
        table = seed.tables[0]
        first = table.rows[0]
        row = Row(
            first.key, evil, first.cells, code=first.code, line_no=first.line_no, side=first.side
        )
        first_table = Table(
            table.schema,
            table.title,
            table.unit,
            table.columns,
            (row, *table.rows[1:]),
            number=table.number,
        )
        tables = (first_table, *seed.tables[1:])
        report = seed.evolve(department=evil, tables=tables)
        page_text = html(report, seed_result)
        page = Page(page_text)
        assert not page.find("script")
        assert evil in page.find("h1")[0].text
        assert "&lt;script&gt;" in page_text


class TestDocument:
    def test_several_reports_keep_their_links_apart(self, seed: Report) -> None:
        result = check(seed)
        text = document([(seed, result), (seed, result)], sources=["a.txt", "b.txt"])
        page = Page(text)
        assert page.duplicates == []
        for a in page.find("a"):
            assert a.attrs["href"][1:] in page.ids
        assert "r1-f1" in page.ids
        assert "r2-f1" in page.ids
        assert "r2-f1" in page.ids["r2-report"].text or page.ids["r2-f1"].parents[0] == "r2-report"

    def test_one_report_is_the_same_page_as_html(self, seed: Report) -> None:
        result = check(seed)
        assert document([(seed, result)]) == html(seed, result)


class TestWrite:
    def test_write_html(self, seed: Report, seed_result: CheckResult, tmp_path: Path) -> None:
        out = write_html(seed, seed_result, tmp_path / "seed.html")
        assert out.read_text(encoding="utf-8") == html(seed, seed_result)


class TestEdgeCases:
    def test_a_report_without_tables_or_prose(self) -> None:
        result = check(Report(ReportKind.FINAL, ()))
        page = Page(html(Report(ReportKind.FINAL, ()), result))
        assert page.duplicates == []
        assert not page.find("figure")
        for a in page.find("a"):
            assert a.attrs["href"][1:] in page.ids

    def test_a_two_sided_table_puts_sides_side_by_side(self) -> None:
        table = Table(
            "final.summary",
            "收入支出决算总表",
            Unit.WANYUAN,
            (Column("amount", "决算数"),),
            (
                Row.of("income.total", "收入合计", {"amount": "10"}, line_no="1", side="income"),
                Row.of(
                    "expenditure.total",
                    "支出合计",
                    {"amount": "11"},
                    line_no="2",
                    side="expenditure",
                ),
            ),
        )
        report = Report(ReportKind.FINAL, (table,))
        finding = Finding(
            "T-1",
            Severity.ERROR,
            Outcome.INCONSISTENT,
            "收支不平",
            locations=(Location.cell(table, table.rows[1], "amount"),),
        )
        result = CheckResult(None, (finding,), Summary({"error": 1}, {}, 1))
        page = Page(html(report, result))
        rows = [tr for tr in page.find("tr") if "t0" in tr.parents and tr.parents[-1] == "t0"]
        body = [tr for tr in rows if "收入合计" in tr.text]
        assert len(body) == 1
        assert "支出合计" in body[0].text
        cell = page.ids["t0-r1-amount"]
        assert {"hl", "st-error"} <= cell.classes

    @pytest.mark.parametrize("column", ["amount", "列 1"])
    def test_ids_are_safe_for_any_column_key(self, column: str) -> None:
        table = Table(
            "t.x", "表", Unit.YUAN, (Column(column, "金额"),), (Row.of("a", "甲", {column: "1"}),)
        )
        finding = Finding(
            "T-1",
            Severity.WARNING,
            Outcome.INCONSISTENT,
            "m",
            locations=(Location.cell(table, table.rows[0], column),),
        )
        page = Page(
            html(Report(ReportKind.FINAL, (table,)), CheckResult(None, (finding,), Summary()))
        )
        (cell,) = [e for e in page.find("td") if "hl" in e.classes]
        assert re.fullmatch(r"[A-Za-z0-9_-]+", cell.attrs["id"])
        assert page.links_in("f1") == [cell.attrs["id"]]


class TestChartSources:
    def _legend(self, report: Report) -> str:
        page = Page(html(report, CheckResult(None, (), Summary())))
        return " ".join(f.text for f in page.find("figure", "chart"))

    def test_budget_personnel_and_public_columns(self) -> None:
        table = Table(
            "budget.general_basic",
            "一般公共预算基本支出部门预算经济分类预算表",
            Unit.YUAN,
            (
                Column("total", "合计"),
                Column("personnel", "人员经费"),
                Column("public", "公用经费"),
            ),
            (Row.of("total", "合计", {"total": "300", "personnel": "200", "public": "100"}),),
        )
        text = self._legend(Report(ReportKind.BUDGET, (table,)))
        assert "人员经费 200 66.67%" in text
        assert "公用经费 100 33.33%" in text

    def test_personnel_and_public_from_the_economic_codes(self) -> None:
        table = Table(
            "final.general_basic",
            "一般公共预算财政拨款基本支出决算明细表",
            Unit.WANYUAN,
            (Column("amount", "决算数"),),
            (
                Row.of("301", "工资福利支出", {"amount": "30"}, code="301"),
                Row.of("302", "商品和服务支出", {"amount": "60"}, code="302"),
                Row.of("303", "对个人和家庭的补助", {"amount": "10"}, code="303"),
            ),
        )
        text = self._legend(Report(ReportKind.FINAL, (table,)))
        assert "人员经费 40 40.00%" in text
        assert "公用经费 60 60.00%" in text

    def test_no_chart_without_figures(self) -> None:
        table = Table(
            "final.expenditure",
            "支出决算表",
            Unit.WANYUAN,
            (Column("total", "合计"), Column("basic", "基本支出"), Column("project", "项目支出")),
            (Row.of("total", "合计", {"total": "0", "basic": "0", "project": "0"}),),
        )
        page = Page(html(Report(ReportKind.FINAL, (table,)), CheckResult(None, (), Summary())))
        assert not page.find("figure")
        assert "structure" not in page.ids
