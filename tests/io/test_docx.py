from __future__ import annotations

import importlib.util
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import parse_xml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govfin.amounts import CellState
from govfin.errors import LoadError
from govfin.io import load, load_example
from govfin.io.docx import CONVERT_DOC, _grid, load_doc, load_docx, read_docx
from govfin.report import Provenance, Report
from govfin.rules import Finding, check
from govfin.tables.bind import bind_document
from govfin.testing import budget_reports, final_reports
from govfin.testing.office import write_docx

ROOT = Path(__file__).resolve().parents[2]
SEED_DOCX = ROOT / "tests" / "data" / "docx" / "lukou-xzspj-2024-final.docx"


def _key(f: Finding) -> tuple[Any, ...]:
    where = tuple((loc.table, loc.row, loc.column, loc.section, loc.start) for loc in f.locations)
    return (f.rule, f.severity, f.outcome, f.message, where, f.expected, f.actual)


def _same_cells(printed: Report, read: Report) -> None:
    """Every table, row and cell of *printed* is in *read*: value, precision, blank vs 0."""
    assert [t.schema for t in read.tables] == [t.schema for t in printed.tables]
    for a, b in zip(printed.tables, read.tables, strict=True):
        assert [r.key for r in b] == [r.key for r in a], a.label
        precision = {c.key: c.precision for c in a.columns}
        for ra, rb in zip(a, b, strict=True):
            assert (rb.label, rb.code, rb.line_no) == (ra.label, ra.code, ra.line_no)
            for key, ca in ra.cells.items():
                cb = rb.cell(key)
                assert cb.state is ca.state, (a.label, ra.key, key, ca, cb)
                assert cb.value == ca.value, (a.label, ra.key, key, ca, cb)
                if cb.value is not None and precision.get(key) is not None:
                    # an amount is printed at its column's precision (2 decimals: 0.00)
                    assert cb.value.as_tuple().exponent == -(precision[key] or 0)


# ------------------------------------------------------------------ the seed as Word


class TestSeedDocument:
    def test_reads_the_nine_tables_like_the_text_export(self) -> None:
        seed, read = load_example(), load_docx(SEED_DOCX)
        assert (read.department, read.year, read.kind, read.scope) == (
            seed.department,
            seed.year,
            seed.kind,
            seed.scope,
        )
        assert [t.schema for t in read.tables] == [t.schema for t in seed.tables]
        for a, b in zip(seed.tables, read.tables, strict=True):
            assert (b.title, b.number, b.unit, b.notes) == (a.title, a.number, a.unit, a.notes)
            assert b.columns == a.columns
            assert [r.key for r in b] == [r.key for r in a]
            for ra, rb in zip(a, b, strict=True):
                assert rb == ra  # label, code, 行次, side and every cell's text, state, value

    def test_narrative_sections_are_the_same(self) -> None:
        seed, read = load_example(), load_docx(SEED_DOCX)
        assert [(s.heading, s.text) for s in read.narrative.sections] == [
            (s.heading, s.text) for s in seed.narrative.sections
        ]

    def test_checks_exactly_like_the_text_export(self) -> None:
        seed, read = check(load_example()), check(load_docx(SEED_DOCX))

        def keys(findings: tuple[Finding, ...]) -> list[tuple[Any, ...]]:
            # the nested table of row 39909 is reported by each loader in its own words
            return sorted((_key(f) for f in findings if f.rule != "GF-L001"), key=repr)

        assert keys(read.findings) == keys(seed.findings)
        nested = [f for f in read.findings if f.rule == "GF-L001"]
        assert len(nested) == len([f for f in seed.findings if f.rule == "GF-L001"]) == 1
        assert "经常性赠与" in nested[0].message
        assert nested[0].location is not None
        assert nested[0].location.table == "final.general_basic"
        assert read.summary.by_severity == seed.summary.by_severity

    def test_provenance_names_table_row_and_column(self) -> None:
        read = load_docx(SEED_DOCX)
        cell = read.table("公开01表").row("income.general_budget").cell("amount")
        assert cell.text == "972.81"
        assert cell.provenance is not None
        assert cell.provenance.file == str(SEED_DOCX)
        assert cell.provenance.cell == "表1 R4C3"  # under 收入|支出, 项目…, 栏次
        section = read.narrative.find("收入决算情况说明")
        assert section is not None
        assert section.provenance is not None
        assert section.provenance.file == str(SEED_DOCX)
        assert section.provenance.line

    def test_the_fixture_is_what_the_script_makes(self, tmp_path: Path) -> None:
        spec = importlib.util.spec_from_file_location(
            "make_seed_docx", ROOT / "scripts" / "make_seed_docx.py"
        )
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        out = tmp_path / "seed.docx"
        module.build(out)
        made, committed = read_docx(out), read_docx(SEED_DOCX)
        assert [[[c.text for c in r] for r in t.rows] for t in made.tables] == [
            [[c.text for c in r] for r in t.rows] for t in committed.tables
        ]
        assert [p.text for p in made.paragraphs] == [p.text for p in committed.paragraphs]


# ------------------------------------------------------------------ Word structures


def _save(d: Any, tmp_path: Path, name: str = "r.docx") -> Path:
    path = tmp_path / name
    d.save(str(path))
    return path


def _texts(path: Path) -> list[list[list[str]]]:
    return [[[c.text for c in r] for r in t.rows] for t in read_docx(path).tables]


class TestStructures:
    def test_horizontal_and_vertical_merges(self, tmp_path: Path) -> None:
        d = docx.Document()
        t = d.add_table(rows=3, cols=4)
        t.cell(0, 0).text = "项目"
        t.cell(0, 2).text = "本年支出"
        t.cell(1, 2).text = "基本支出"
        t.cell(1, 3).text = "项目支出"
        t.cell(2, 0).text = "201"
        t.cell(2, 1).text = "一般公共服务支出"
        t.cell(2, 2).text = "1.00"
        t.cell(2, 3).text = "2.00"
        t.cell(0, 0).merge(t.cell(1, 1))  # 项目 over two columns and two rows
        t.cell(0, 2).merge(t.cell(0, 3))  # 本年支出 over its two columns
        assert _texts(_save(d, tmp_path)) == [
            [
                ["项目", "", "本年支出", ""],
                ["", "", "基本支出", "项目支出"],
                ["201", "一般公共服务支出", "1.00", "2.00"],
            ]
        ]

    def test_a_row_with_skipped_grid_columns_keeps_its_width(self, tmp_path: Path) -> None:
        d = docx.Document()
        t = d.add_table(rows=2, cols=3)
        for c, text in enumerate(("a", "b", "c")):
            t.cell(0, c).text = text
        t.cell(1, 1).text = "x"
        tr = t.rows[1]._tr
        tr.remove(tr.tc_lst[0])  # the row starts one grid column in (w:gridBefore)
        tr.get_or_add_trPr()._add_gridBefore(val=1)
        assert _texts(_save(d, tmp_path)) == [[["a", "b", "c"], ["", "x", ""]]]

    def test_a_framing_table_is_unwrapped(self, tmp_path: Path) -> None:
        d = docx.Document()
        frame = d.add_table(rows=1, cols=1)
        inner = frame.cell(0, 0).add_table(rows=2, cols=2)
        for (r, c), text in {(0, 0): "项目", (0, 1): "金额", (1, 0): "合计", (1, 1): "3"}.items():
            inner.cell(r, c).text = text
        assert _texts(_save(d, tmp_path)) == [[["项目", "金额"], ["合计", "3"]]]

    def test_framed_prose_is_prose(self, tmp_path: Path) -> None:
        d = docx.Document()
        frame = d.add_table(rows=1, cols=1)
        frame.cell(0, 0).text = "一、收入决算情况说明"
        frame.cell(0, 0).add_paragraph("收入合计972.81万元。")
        d.add_paragraph("二、支出决算情况说明")
        doc = read_docx(_save(d, tmp_path))
        assert doc.tables == ()
        assert [(p.text, p.provenance.line if p.provenance else None) for p in doc.paragraphs] == [
            ("一、收入决算情况说明", 1),
            ("收入合计972.81万元。", 2),
            ("二、支出决算情况说明", 3),
        ]

    def test_a_table_nested_in_a_cell_is_quoted_not_glued(self, tmp_path: Path) -> None:
        d = docx.Document()
        d.add_paragraph("支出表")
        t = d.add_table(rows=2, cols=2)
        t.cell(0, 0).text = "项目"
        t.cell(0, 1).text = "金额"
        t.cell(1, 0).text = "经常性赠与"
        nested = t.cell(1, 0).add_table(rows=1, cols=2)
        nested.cell(0, 0).text = "甲"
        nested.cell(0, 1).text = "乙"
        t.cell(1, 1).text = "5"
        doc = read_docx(_save(d, tmp_path))
        assert [[c.text for c in r] for r in doc.tables[0].rows] == [
            ["项目", "金额"],
            ["经常性赠与", "5"],
        ]
        (problem,) = doc.problems
        assert problem.severity == "info"
        assert "'甲', '乙'" in problem.message
        assert problem.table == "支出表"
        assert problem.provenance is not None
        assert problem.provenance.cell == "表1 R2C1"

    def test_title_number_and_captions_above_notes_below(self, tmp_path: Path) -> None:
        d = docx.Document()
        d.add_paragraph("一、说明")
        d.add_paragraph("收入决算表")
        d.add_paragraph("公开02表")
        d.add_paragraph("部门：某某局\t单位：万元")
        t = d.add_table(rows=2, cols=2)
        t.cell(0, 0).text, t.cell(0, 1).text = "项目", "金额"
        t.cell(1, 0).text, t.cell(1, 1).text = "合计", "1"
        d.add_paragraph("注：1.本表反映收入。")
        d.add_paragraph("2.金额单位转换时可能存在尾数误差。")
        d.add_paragraph("二、其他")
        doc = read_docx(_save(d, tmp_path))
        (table,) = doc.tables
        assert (table.title, table.number, table.captions) == (
            "收入决算表",
            "公开02表",
            ("部门：某某局", "单位：万元"),
        )
        assert table.notes == ("注：1.本表反映收入。", "2.金额单位转换时可能存在尾数误差。")
        assert [p.text for p in doc.paragraphs] == ["一、说明", "二、其他"]
        assert [p.provenance.line for p in doc.paragraphs if p.provenance] == [1, 7]

    def test_title_and_captions_typed_into_the_table(self, tmp_path: Path) -> None:
        d = docx.Document()
        t = d.add_table(rows=5, cols=3)
        t.cell(0, 0).merge(t.cell(0, 2)).text = "支出决算表"
        t.cell(1, 0).text, t.cell(1, 2).text = "部门：某某局", "单位：万元"
        for c, text in enumerate(("项目", "基本支出", "项目支出")):
            t.cell(2, c).text = text
        for c, text in enumerate(("合计", "1", "2")):
            t.cell(3, c).text = text
        t.cell(4, 0).merge(t.cell(4, 2)).text = "注：本表反映支出。"
        (table,) = read_docx(_save(d, tmp_path)).tables
        assert table.title == "支出决算表"
        assert table.captions == ("部门：某某局", "单位：万元")
        assert table.notes == ("注：本表反映支出。",)
        assert [[c.text for c in r] for r in table.rows] == [
            ["项目", "基本支出", "项目支出"],
            ["合计", "1", "2"],
        ]

    def test_a_line_break_in_prose_starts_a_line(self, tmp_path: Path) -> None:
        d = docx.Document()
        p = d.add_paragraph("一、收入决算情况说明")
        p.add_run().add_break()
        p.add_run("收入合计972.81万元。")
        doc = read_docx(_save(d, tmp_path))
        assert [(x.text, x.provenance.line if x.provenance else None) for x in doc.paragraphs] == [
            ("一、收入决算情况说明", 1),
            ("收入合计972.81万元。", 1),
        ]

    def test_automatic_numbers_are_printed(self, tmp_path: Path) -> None:
        """Word's list numbers (一、 （一） 1.) are not in the paragraph text: they are added."""
        d = docx.Document()
        ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        levels = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/>'
            f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/></w:lvl>'
            for i, text in enumerate(("%1、", "（%2）"))
        )
        numbering = d.part.numbering_part.element
        numbering.insert(
            0, parse_xml(f'<w:abstractNum {ns} w:abstractNumId="90">{levels}</w:abstractNum>')
        )
        numbering.append(
            parse_xml(f'<w:num {ns} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
        )

        def numbered(text: str, level: int) -> None:
            p = d.add_paragraph(text)
            p._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {ns}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
            )

        numbered("收入决算情况说明", 0)
        d.add_paragraph("收入合计1万元。")
        numbered("支出决算情况说明", 0)
        numbered("基本支出", 1)
        numbered("项目支出", 1)
        numbered("其他", 0)
        for text in ("第一项", "第二项"):
            d.add_paragraph(text, style="List Number")  # numbered through its style
        doc = read_docx(_save(d, tmp_path))
        assert [p.text for p in doc.paragraphs] == [
            "一、收入决算情况说明",
            "收入合计1万元。",
            "二、支出决算情况说明",
            "（一）基本支出",
            "（二）项目支出",
            "三、其他",
            "1.第一项",
            "2.第二项",
        ]
        report = bind_document(doc)
        assert [s.heading for s in report.narrative.sections][:2] == [
            "一、收入决算情况说明",
            "二、支出决算情况说明",
        ]

    def test_a_multi_paragraph_cell_keeps_its_lines(self, tmp_path: Path) -> None:
        d = docx.Document()
        t = d.add_table(rows=1, cols=2)
        t.cell(0, 0).text = "附属单位上"
        t.cell(0, 0).add_paragraph("缴收入")
        t.cell(0, 1).text = "\u3000"
        assert _texts(_save(d, tmp_path)) == [[["附属单位上\n缴收入", ""]]]


@st.composite
def _word_grids(draw: st.DrawFn) -> tuple[list[list[str]], list[list[int]]]:
    """Cell texts and, per row, the spans of its cells (each row covers every column)."""
    cols = draw(st.integers(1, 6))
    rows = draw(st.integers(1, 5))
    texts = [
        draw(
            st.lists(
                st.text("项目合计一般0123456789.,-—（）", max_size=5), min_size=cols, max_size=cols
            )
        )
        for _ in range(rows)
    ]
    spans: list[list[int]] = []
    for _ in range(rows):
        row: list[int] = []
        left = cols
        while left:
            span = draw(st.integers(1, left))
            row.append(span)
            left -= span
        spans.append(row)
    return texts, spans


@pytest.mark.slow
@settings(max_examples=min(settings().max_examples, 60), deadline=None)
@given(grid=_word_grids())
def test_any_merged_grid_reads_as_printed(grid: tuple[list[list[str]], list[list[int]]]) -> None:
    texts, spans = grid
    d = docx.Document()
    table = d.add_table(rows=len(texts), cols=len(texts[0]))
    cells = table._cells
    width = len(texts[0])
    expected: list[list[str]] = []
    for r, row_spans in enumerate(spans):
        c, row = 0, []
        for span in row_spans:
            first = cells[r * width + c]
            first.text = texts[r][c]
            if span > 1:
                first.merge(cells[r * width + c + span - 1])
            row += [texts[r][c], *([""] * (span - 1))]
            c += span
        expected.append(row)
    read = _grid(table._tbl, "g.docx", 1)
    assert [[cell.text for cell in row] for row in read.rows] == expected
    for r, cells_read in enumerate(read.rows, start=1):
        for c, cell in enumerate(cells_read, start=1):
            assert cell.provenance == Provenance("g.docx", line=r, cell=f"表1 R{r}C{c}")


# ------------------------------------------------------------------ bad input


class TestBadInput:
    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(LoadError, match="no such file"):
            load(tmp_path / "none.docx")

    def test_not_a_word_document(self, tmp_path: Path) -> None:
        path = tmp_path / "x.docx"
        path.write_text("hello", encoding="utf-8")
        with pytest.raises(LoadError, match=r"x\.docx.*not a readable \.docx document"):
            load(path)

    def test_a_legacy_doc_named_docx(self, tmp_path: Path) -> None:
        path = tmp_path / "old.docx"
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
        with pytest.raises(LoadError, match="soffice --headless --convert-to docx"):
            load(path)

    def test_a_doc_names_the_conversion(self, tmp_path: Path) -> None:
        path = tmp_path / "报告 2024.doc"
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
        with pytest.raises(LoadError) as info:
            load(path)
        assert f"{CONVERT_DOC} '{path}'" in str(info.value)
        with pytest.raises(LoadError, match="no such file"):
            load_doc(tmp_path / "none.doc")

    def test_no_table(self, tmp_path: Path) -> None:
        d = docx.Document()
        d.add_paragraph("只有文字。")
        with pytest.raises(LoadError, match="no table found"):
            load(_save(d, tmp_path))

    def test_missing_extra(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        path = _save(docx.Document(), tmp_path)
        monkeypatch.setitem(sys.modules, "docx", None)
        with pytest.raises(LoadError, match=r"pip install 'govfin\[docx\]'"):
            load(path)

    def test_a_bad_amount_is_a_problem_or_strict_error(self, tmp_path: Path) -> None:
        d = docx.Document()
        d.add_paragraph("支出决算表")
        d.add_paragraph("单位：万元")
        t = d.add_table(rows=3, cols=4)
        for c, text in enumerate(("项目", "", "本年支出合计", "基本支出")):
            t.cell(0, c).text = text
        for c, text in enumerate(("合计", "", "1.00", "一元")):
            t.cell(1, c).text = text
        for c, text in enumerate(("201", "一般公共服务支出", "1.00", "1.00")):
            t.cell(2, c).text = text
        path = _save(d, tmp_path)
        report = load(path)
        (bad,) = [p for p in report.problems if p.severity == "error" and "一元" in p.message]
        assert bad.provenance is not None
        assert bad.provenance.cell == "表1 R2C4"
        with pytest.raises(LoadError, match=r"r\.docx"):
            load(path, strict=True)


# ------------------------------------------------------------------ round trip

_CHECKS = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]


@pytest.mark.slow
class TestRoundTrip:
    @settings(max_examples=min(settings().max_examples, 25), suppress_health_check=_CHECKS)
    @given(report=st.one_of(final_reports(), budget_reports()), in_table=st.booleans())
    def test_a_generated_report_reads_back_cell_for_cell(
        self, tmp_path: Path, report: Report, in_table: bool
    ) -> None:
        path = tmp_path / "generated.docx"
        write_docx(report, path, heading_in_table=in_table)
        read = load(path)
        _same_cells(report, read)
        assert read.kind is report.kind
        assert not [p for p in read.problems if p.severity != "info"]

    def test_thousands_separators_and_zero_stay_apart_from_blank(self, tmp_path: Path) -> None:
        report = load_example()
        path = tmp_path / "seed.docx"
        write_docx(report, path)
        read = load(path)
        _same_cells(report, read)
        summary = read.table("final.summary")
        assert summary.row("income.general_budget").cell("amount").value == Decimal("972.81")
        blank = read.table("final.income").row("201").cell("upper_grant")
        assert blank.state is CellState.BLANK
