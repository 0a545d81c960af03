"""Tests of the PDF loader on the sample disclosures (tests/data/pdf) and on bad input.

The pinned cells were read by hand from the PDFs (rendered pages) and
cross-checked against pdfplumber's own table finder (see TestAgainstPdfplumber).

Planted errors noticed in putuo-czj-2024-final-with-planted-errors.pdf while
pinning cells (not fixed here: the rule engine must find them):

1. The 支出决算表 (三、, national 公开03表) is missing: the contents list it, the
   document goes from 收入决算表 (p. 8-9) straight to 财政拨款收入支出决算总表 (p. 10).
2. Page 7, the heading above 收入支出决算总表 reads "上海市普陀区XX局" (template
   placeholder) instead of 上海市普陀区财政局.
3. Page 18, the heading of 第三部分 says "2023年度部门决算情况说明" (the year is 2024).
4. Page 18, 一、收入支出决算总体情况说明: "收入支出总计 0 万元" where 总计 is 2,995.39.
5. Page 19, structure of 一般公共预算财政拨款支出: 一般公共服务支出 2106.66 万元 "占
   71.73%" (2106.66 / 2940.05 = 71.65%; the four shares then sum to 100.07%).
6. Page 7 (and page 10, 财政拨款收入支出决算总表): 八、社会保障和就业支出 326.71, while 收入决算表,
   一般公共预算财政拨款支出决算表 and the narrative say 326.72 (= 84.65 + 160.75 + 80.38 + 0.94).
   With 326.72 the 类 add up to 2,940.06, not the printed 2,940.05 (and 2,946.26, not
   2,946.25, in 收入决算表; 基本支出 2,336.92, not 2,336.91): one of the two is altered.
7. Pages 19-21, 具体情况: the direction words contradict the figures: 行政运行 年初预算
   1560.05, 决算 1511.89 "决算数大于预算数"; 职业年金 80.81 vs 80.38 "大于"; 行政单位医疗
   62.29 vs 60.99 "决算数等于预算数".
8. Page 23, 政府采购: 251.25 万元 total but 4.79 + 0 + 246.47 = 251.26.
9. Page 24, 国有资产: "截至 2023年12月31日" in a 2024 决算 (should be 2024年12月31日).
10. Page 13, 一般公共预算财政拨款基本支出决算表 (planted, or the original's rounding):
    302 商品和服务支出 171.07 while its printed 款 add up to 171.09; 301 工资福利支出 2,082.85
    while its 款 add up to 2,082.86.
11. Page 15, 财政拨款“三公”经费支出决算表 is blank (no 预算数 either) while page 22 says the
    三公 年初预算 was 0.95 万元 (possibly planted).
12. The content stream of pp. 18, 20, 21 and 25 is out of reading order (二 before
    一, 2 before 1, 10 before 9, 名词解释 二 before 一): a loader reading the stream
    order would scramble the narrative; read_pdf orders lines by position.
"""

from __future__ import annotations

import ctypes
import re
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from govfin.amounts import Unit
from govfin.errors import LoadError
from govfin.io._pdf_assemble import assemble
from govfin.io._pdf_layout import (
    Glyph,
    PageContent,
    Segment,
    find_grids,
    join_lines,
    text_lines,
)
from govfin.io._pdf_pdfium import read_pages
from govfin.io.pdf import load_pdf, read_pdf
from govfin.report import Provenance, Report, ReportKind, Scope
from govfin.tables import BUDGET_IDS
from govfin.tables.raw import RawDocument, RawTable

PDF = Path(__file__).parent.parent / "data" / "pdf"
CZJ = PDF / "putuo-czj-2024-final-with-planted-errors.pdf"
TEMPLATE = PDF / "shanghai-2024-final-template.pdf"
GOV_DEPT = PDF / "putuo-gov-office-2025-dept-budget.pdf"
GOV_UNIT = PDF / "putuo-gov-office-2025-unit-budget.pdf"
COM_DEPT = PDF / "putuo-commerce-2025-dept-budget.pdf"
COM_UNIT = PDF / "putuo-commerce-2025-unit-budget.pdf"
SAMPLES = (CZJ, TEMPLATE, GOV_DEPT, GOV_UNIT, COM_DEPT, COM_UNIT)

_DOCS: dict[Path, RawDocument] = {}
_REPORTS: dict[Path, Report] = {}


def report(path: Path) -> Report:
    if path not in _REPORTS:
        _REPORTS[path] = load_pdf(path)
    return _REPORTS[path]


def doc(path: Path) -> RawDocument:
    if path not in _DOCS:
        _DOCS[path] = read_pdf(path)
    return _DOCS[path]


def table(path: Path, words: str) -> RawTable:
    found = [t for t in doc(path).tables if t.title == words]
    found = found or [t for t in doc(path).tables if words in t.title]
    assert len(found) == 1, [t.title for t in doc(path).tables]
    return found[0]


def texts(t: RawTable) -> list[list[str]]:
    return [[c.text for c in row] for row in t.rows]


def row_starting(t: RawTable, *first: str) -> list[str]:
    for row in texts(t):
        if tuple(row[: len(first)]) == first:
            return row
    raise AssertionError(f"no row starting {first} in {t.title}")


def pages_of(t: RawTable) -> set[int]:
    return {
        c.provenance.page
        for row in t.rows
        for c in row
        if c.provenance and c.provenance.page is not None and c.text
    }


FINAL_TITLES = [
    "",  # the table of the units in the department (部门决算单位构成), kept unrecognised
    "收入支出决算总表",
    "收入决算表",
    "财政拨款收入支出决算总表",
    "一般公共预算财政拨款支出决算表",
    "一般公共预算财政拨款基本支出决算表",
    "财政拨款“三公”经费支出决算表",
    "政府性基金预算财政拨款收入支出决算表",
    "国有资本经营预算财政拨款收入支出决算表",
]


class TestTablesFound:
    def test_planted_errors_final(self) -> None:
        assert [t.title for t in doc(CZJ).tables] == FINAL_TITLES
        assert [t.provenance.page for t in doc(CZJ).tables if t.provenance] == [
            6, 7, 8, 10, 12, 13, 15, 16, 17
        ]  # fmt: skip

    def test_template(self) -> None:
        titles = [t.title for t in doc(TEMPLATE).tables]
        assert titles == [*FINAL_TITLES[:3], "支出决算表", *FINAL_TITLES[3:]]

    @pytest.mark.parametrize(("path", "prefix"), [(GOV_DEPT, "部门"), (COM_DEPT, "部门")])
    def test_department_budgets(self, path: Path, prefix: str) -> None:
        assert [t.title for t in doc(path).tables] == [
            f"2025年{prefix}{name}"
            for name in (
                "财务收支预算总表",
                "收入预算总表",
                "支出预算总表",
                "财政拨款收支预算总表",
                "一般公共预算支出功能分类预算表",
                "政府性基金预算支出功能分类预算表",
                "国有资本经营预算支出功能分类预算表",
                "一般公共预算基本支出部门预算经济分类预算表",
                "“三公”经费和机关运行经费预算表",
            )
        ]

    @pytest.mark.parametrize("path", [GOV_UNIT, COM_UNIT])
    def test_unit_budgets(self, path: Path) -> None:
        titles = [t.title for t in doc(path).tables]
        assert len(titles) == 9
        assert titles[0] == "2025年预算单位财务收支预算总表"
        assert titles[-1] == "2025年单位“三公”经费和机关运行经费预算表"

    @pytest.mark.parametrize("path", SAMPLES)
    def test_nothing_to_report(self, path: Path) -> None:
        assert doc(path).problems == ()

    @pytest.mark.parametrize("path", SAMPLES)
    def test_captions_carry_the_unit(self, path: Path) -> None:
        for t in doc(path).tables:
            if t.title:
                assert any(re.search(r"单位\s*[:：]\s*(万元|元)$", c) for c in t.captions), t.title

    @pytest.mark.parametrize("path", [GOV_DEPT, COM_DEPT, GOV_UNIT, COM_UNIT])
    def test_budget_units(self, path: Path) -> None:
        units = [t.captions[-1] for t in doc(path).tables]
        assert units[:8] == ["单位：元"] * 8
        assert units[8] == "单位:万元"  # the 三公 table is printed in 万元


class TestCells:
    def test_summary_final(self) -> None:
        t = table(CZJ, "收入支出决算总表")
        assert texts(t)[0][:3] == ["收入", "", "支出"]
        assert row_starting(t, "一、一般公共预算财政拨款收入") == [
            "一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "2,106.66"
        ]  # fmt: skip
        assert row_starting(t, "总计") == ["总计", "2,995.39", "总计", "2,995.39"]
        assert row_starting(t, "", "")[2] == "九、卫生健康支出"

    def test_income_codes_in_their_own_cells(self) -> None:
        t = table(CZJ, "收入决算表")
        assert row_starting(t, "201", "06", "01") == [
            "201", "06", "01", "行政运行", "1,511.90", "1,511.89", "", "", "", "", "0.01"
        ]  # fmt: skip
        # the header row that shares its line with 合计
        assert row_starting(t, "类") == [
            "类", "款", "项", "合计", "2,946.25", "2,940.05", "", "", "", "", "6.20"
        ]  # fmt: skip

    def test_wrapped_header_is_one_cell(self) -> None:
        t = table(CZJ, "收入决算表")
        assert "附属单位上缴收入" in texts(t)[0]

    def test_merged_header_cells(self) -> None:
        t = table(CZJ, "三公")
        header = texts(t)
        assert header[0][0] == "财政拨款“三公”经费"
        assert header[0][1:] == [""] * 11
        assert header[1][4] == "公务用车购置及运行费"
        assert header[3] == ["预算数", "决算数"] * 6
        assert header[4] == [""] * 12  # no 三公 spending: the data row is blank
        # a covered position carries the merged cell's box
        spanned = t.rows[0]
        assert spanned[0].provenance == spanned[11].provenance
        assert spanned[0].provenance is not None
        assert spanned[0].provenance.bbox is not None

    def test_budget_cells_in_yuan(self) -> None:
        t = table(GOV_DEPT, "财务收支预算总表")
        assert row_starting(t, "一、财政拨款收入") == [
            "一、财政拨款收入", "91,016,775.35", "一、一般公共服务支出", "82,096,797.42"
        ]  # fmt: skip
        assert row_starting(t, "1. 一般公共预算资金")[1] == "91,016,775.35"

    def test_blank_cells_keep_their_column(self) -> None:
        gov = table(GOV_DEPT, "三公")
        assert texts(gov)[-1] == ["867.50", "839.00", "28.50", "", "", "", "213.28"]
        com = table(COM_DEPT, "三公")
        assert texts(com)[-1] == ["1.00", "", "1.00", "", "", "", "171.01"]

    def test_unit_budget_summary_has_basic_and_project_columns(self) -> None:
        t = table(GOV_UNIT, "财务收支预算总表")
        assert texts(t)[3][4:6] == ["人员经费", "公用经费"]
        assert row_starting(t, "收入总计") == [
            "收入总计", "91,016,775.35", "支出总计", "91,016,775.35",
            "22,473,997.81", "2,132,777.54", "66,410,000.00",
        ]  # fmt: skip

    def test_template_blank_with_placeholders(self) -> None:
        t = table(TEMPLATE, "一般公共预算财政拨款支出决算表")
        assert row_starting(t, "2050205") == ["2050205", "高等教育", "", "", ""]
        assert row_starting(t, "20799")[1] == "其他文化旅游体育与传媒支出"  # wrapped in 3 lines
        for row in texts(t)[2:]:
            assert row[2:] == ["", "", ""]


class TestMultiPage:
    def test_income_final_joined(self) -> None:
        t = table(CZJ, "收入决算表")
        assert pages_of(t) == {8, 9}
        assert texts(t)[-1][:5] == ["221", "02", "03", "购房补贴", "258.50"]
        assert t.rows[-1][4].provenance is not None
        assert t.rows[-1][4].provenance.page == 9

    def test_basic_final_joined(self) -> None:
        t = table(CZJ, "基本支出决算表")
        assert pages_of(t) == {13, 14}
        assert row_starting(t, "人员经费合计") == [
            "人员经费合计", "", "", "2,152.26", "公用经费合计", "", "", "184.65"
        ]  # fmt: skip

    def test_repeated_header_dropped(self) -> None:
        t = table(GOV_DEPT, "一般公共预算支出功能分类预算表")
        assert pages_of(t) == {14, 15}
        rows = texts(t)
        assert sum(1 for r in rows if r[0] == "项目") == 1
        assert sum(1 for r in rows if r[0] == "类") == 1
        assert rows[-1] == ["合计", "", "", "", "91,016,775.35", "24,606,775.35", "66,410,000.00"]
        codes = ["".join(r[:3]) for r in rows if r[0].isdigit()]
        assert codes[-4:] == ["22102", "2210201", "2210203"][-4:] or codes[-3:] == [
            "22102",
            "2210201",
            "2210203",
        ]
        assert "2101101" in codes  # first row on page 15

    @pytest.mark.parametrize(
        ("path", "words", "pages", "n_rows"),
        [
            (CZJ, "财政拨款收入支出决算总表", {10, 11}, 34),
            (GOV_DEPT, "收入预算总表", {9, 10}, 24),
            (GOV_DEPT, "基本支出部门预算经济分类预算表", {18, 19}, 33),
            (COM_DEPT, "一般公共预算支出功能分类预算表", {15, 16}, 34),
            (COM_DEPT, "支出预算总表", {12, 13}, 34),
            (TEMPLATE, "财政拨款收入支出决算总表", {8, 9}, 32),
        ],
    )
    def test_joins(self, path: Path, words: str, pages: set[int], n_rows: int) -> None:
        t = table(path, words)
        assert pages_of(t) == pages
        assert len(t.rows) == n_rows


class TestNotes:
    def test_no_data_notes(self) -> None:
        t = table(CZJ, "政府性基金预算财政拨款收入支出决算表")
        assert t.notes == ("注：上海市普陀区财政局无政府性基金预算财政拨款支出，故本表无数据。",)
        assert texts(t)[-1][0] == "合计"

    def test_template_notes(self) -> None:
        t = table(TEMPLATE, "国有资本经营预算财政拨款收入支出决算表")
        assert len(t.notes) == 3
        assert t.notes[-1].endswith("故本表无数据。")

    def test_budget_empty_table(self) -> None:
        t = table(COM_UNIT, "政府性基金预算支出功能分类预算表")
        assert t.notes == ("注:本单位2025年无政府性基金预算财政拨款安排的预算，故本表为空表。",)


class TestProvenance:
    @pytest.mark.parametrize("path", SAMPLES)
    def test_every_cell_has_page_and_box(self, path: Path) -> None:
        for t in doc(path).tables:
            assert t.provenance is not None
            for row in t.rows:
                for cell in row:
                    prov = cell.provenance
                    assert prov is not None
                    assert prov.file == str(path)
                    assert prov.bbox is not None
                    x0, top, x1, bottom = prov.bbox
                    assert 0 <= x0 < x1 <= 842
                    assert 0 <= top < bottom <= 842

    def test_box_holds_the_printed_figure(self) -> None:
        pdfplumber = pytest.importorskip("pdfplumber")
        t = table(CZJ, "收入支出决算总表")
        cell = t.rows[-1][1]
        assert cell.text == "2,995.39"
        assert cell.provenance is not None
        assert cell.provenance.page == 7
        assert cell.provenance.bbox is not None
        x0, top, x1, bottom = cell.provenance.bbox
        with pdfplumber.open(CZJ) as pdf:
            hits = pdf.pages[6].search("2,995.39")
        assert hits
        hit = hits[0]  # the income side
        assert x0 <= hit["x0"] < hit["x1"] <= x1
        assert top <= hit["top"] < hit["bottom"] <= bottom

    def test_paragraph_pages(self) -> None:
        paras = doc(CZJ).paragraphs
        zero = [p for p in paras if "收入支出总计0万元" in p.text]
        assert len(zero) == 1
        assert zero[0].provenance is not None
        assert zero[0].provenance.page == 18


class TestParagraphs:
    def test_reading_order_not_stream_order(self) -> None:
        texts_ = [p.text for p in doc(CZJ).paragraphs]
        first = texts_.index("一、收入支出决算总体情况说明", 30)
        second = texts_.index("二、收入决算情况说明", 30)
        assert first < second
        numbered = [t[:2] for t in texts_ if re.match(r"[0-9]{1,2}、", t)]
        assert numbered == [
            "1、",
            "2、",
            "3、",
            "4、",
            "5、",
            "6、",
            "7、",
            "8、",
            "9、",
            "10",
            "11",
        ]

    def test_paragraph_over_a_page_break(self) -> None:
        paras = doc(CZJ).paragraphs
        eight = next(p for p in paras if p.text.startswith("8、"))
        assert "其他行政事业单位养老支出（项）" in eight.text  # the rest is on page 21
        assert eight.provenance is not None
        assert eight.provenance.page == 20

    def test_budget_narrative(self) -> None:
        paras = [p.text for p in doc(GOV_DEPT).paragraphs]
        assert any(p.startswith("2025年“三公”经费预算数为867.50万元") for p in paras)
        assert "2025年部门预算编制说明" in paras

    def test_titles_and_captions_are_not_prose(self) -> None:
        paras = [p.text for p in doc(GOV_DEPT).paragraphs]
        assert "2025年部门财务收支预算总表" not in paras
        assert not any(p.startswith("编制部门") for p in paras)


class TestBadInput:
    def test_text_file_named_pdf(self, tmp_path: Path) -> None:
        bad = tmp_path / "report.pdf"
        bad.write_text("收入支出决算总表\n总计 972.81\n", encoding="utf-8")
        with pytest.raises(LoadError, match="not a PDF") as info:
            read_pdf(bad)
        assert info.value.file == str(bad)
        assert "report.pdf" in str(info.value)

    def test_truncated_pdf(self, tmp_path: Path) -> None:
        bad = tmp_path / "cut.pdf"
        bad.write_bytes(GOV_DEPT.read_bytes()[:40_000])
        with pytest.raises(LoadError, match="truncated") as info:
            read_pdf(bad)
        assert info.value.file == str(bad)

    def test_damaged_pdf(self, tmp_path: Path) -> None:
        data = bytearray(GOV_DEPT.read_bytes())
        middle = len(data) // 3
        data[middle : len(data) - 100] = b"\0" * (len(data) - 100 - middle)
        bad = tmp_path / "damaged.pdf"
        bad.write_bytes(bytes(data))
        with pytest.raises(LoadError) as info:
            read_pdf(bad)
        assert info.value.file == str(bad)

    def test_password_protected(self, tmp_path: Path) -> None:
        pypdf = pytest.importorskip("pypdf")
        writer = pypdf.PdfWriter(clone_from=GOV_DEPT)
        writer.encrypt("secret", algorithm="AES-128")
        locked = tmp_path / "locked.pdf"
        with locked.open("wb") as fh:
            writer.write(fh)
        with pytest.raises(LoadError, match="password-protected") as info:
            read_pdf(locked)
        assert info.value.file == str(locked)

    def test_owner_password_only_still_reads(self, tmp_path: Path) -> None:
        pypdf = pytest.importorskip("pypdf")
        writer = pypdf.PdfWriter(clone_from=GOV_DEPT)
        writer.encrypt("", owner_password="owner", algorithm="AES-128")
        restricted = tmp_path / "restricted.pdf"
        with restricted.open("wb") as fh:
            writer.write(fh)
        assert len(read_pdf(restricted).tables) == 9

    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(LoadError, match="no such file"):
            read_pdf(tmp_path / "absent.pdf")

    def test_no_text_layer(self, tmp_path: Path) -> None:
        pypdf = pytest.importorskip("pypdf")
        writer = pypdf.PdfWriter()
        writer.add_blank_page(width=595, height=842)
        blank = tmp_path / "scan.pdf"
        with blank.open("wb") as fh:
            writer.write(fh)
        with pytest.raises(LoadError, match="no text layer"):
            read_pdf(blank)


class TestRotatedPage:
    def test_rotate_entry_applied(self, tmp_path: Path) -> None:
        """A page drawn sideways and shown upright by /Rotate reads as shown."""
        pypdf = pytest.importorskip("pypdf")
        writer = pypdf.PdfWriter()
        page = writer.add_page(pypdf.PdfReader(GOV_DEPT).pages[7])
        page.rotate(90)
        page.transfer_rotation_to_content()  # the content is now drawn sideways …
        page.rotate(270)  # … and /Rotate turns it upright again
        turned = tmp_path / "turned.pdf"
        with turned.open("wb") as fh:
            writer.write(fh)
        (got,) = read_pdf(turned).tables
        want = table(GOV_DEPT, "财务收支预算总表")
        assert got.title == want.title
        assert texts(got) == texts(want)
        # boxes are recorded in the page's own (unrotated) space, where PDFium's
        # character boxes and PDF annotations live
        cell = got.rows[2][1]
        assert cell.text == "91,016,775.35"
        assert cell.provenance is not None
        assert cell.provenance.bbox is not None
        x0, top, x1, bottom = cell.provenance.bbox
        assert x1 - x0 < bottom - top  # a wide cell, turned: tall in page space
        pdfium = pytest.importorskip("pypdfium2")
        document = pdfium.PdfDocument(turned)
        try:
            page = document[0]
            height = page.get_mediabox()[3]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            start = text.index("91,016,775.35")
            boxes = [textpage.get_charbox(i) for i in range(start, start + 13)]
        finally:
            document.close()
        for left, low, right, high in boxes:
            assert x0 <= left
            assert right <= x1
            assert top <= height - high
            assert height - low <= bottom


def _with_page(tmp_path: Path, name: str, change: Callable[[Any], None], page: int = 8) -> Path:
    """A copy of CZJ with *change* applied to its page *page* (1-based) by pypdf."""
    pypdf = pytest.importorskip("pypdf")
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(CZJ))
    change(writer.pages[page - 1])
    out = tmp_path / name
    writer.write(out)
    return out


def _bound(r: Report) -> list[tuple[object, ...]]:
    """Every table of *r* with every cell's text and value, and its problems, boxes left out."""
    return [
        (
            t.schema,
            t.title,
            t.unit,
            [(row.key, {k: (c.text, c.value) for k, c in row.cells.items()}) for row in t.rows],
        )
        for t in r.tables
    ] + [(p.message, p.severity, p.table, p.row, p.column) for p in r.problems]


def _add_text(path: Path, out: Path, text: str, matrix: tuple[float, ...], page: int = 8) -> Path:
    """Copy *path* to *out* with *text* (Helvetica 12) drawn on *page* by the text *matrix*."""
    pdfium = pytest.importorskip("pypdfium2")
    raw = pdfium.raw
    document = pdfium.PdfDocument(path)
    try:
        target = document[page - 1]
        font = raw.FPDFText_LoadStandardFont(document, b"Helvetica")
        obj = raw.FPDFPageObj_CreateTextObj(document, font, 12.0)
        units = (text + "\0").encode("utf-16-le")
        raw.FPDFText_SetText(
            obj, ctypes.cast(ctypes.c_char_p(units), ctypes.POINTER(ctypes.c_ushort))
        )
        raw.FPDFPageObj_Transform(obj, *matrix)
        raw.FPDFPage_InsertObject(target, obj)
        raw.FPDFPage_GenerateContent(target)
        document.save(out)
    finally:
        document.close()
    return out


@pytest.mark.slow
class TestTurnedText:
    """A page reads the same however it is turned: by /Rotate or by its content's own matrix.

    Page 8 of CZJ holds 收入决算表 (continued on page 9), drawn upright on a
    landscape page.
    """

    @pytest.mark.parametrize("degrees", [90, 180, 270])
    def test_rotate_entry_on_upright_text(self, degrees: int, tmp_path: Path) -> None:
        """/Rotate turns the page for the viewer; its text and boxes are those of the original."""
        turned = _with_page(tmp_path, f"rotate{degrees}.pdf", lambda p: p.rotate(degrees))
        got, want = read_pdf(turned), doc(CZJ)
        assert [t.title for t in got.tables] == FINAL_TITLES
        assert [(t.rows, t.captions, t.notes) for t in got.tables] == [
            (t.rows, t.captions, t.notes) for t in want.tables
        ]  # cell texts and boxes (unrotated page space) alike
        assert got.paragraphs == want.paragraphs
        assert got.problems == want.problems
        assert _bound(load_pdf(turned)) == _bound(report(CZJ))

    @pytest.mark.parametrize("degrees", [90, 180, 270])
    def test_content_drawn_turned(self, degrees: int, tmp_path: Path) -> None:
        """Content drawn sideways by its own matrix (no /Rotate) reads as the upright page."""

        def turn(page: Any) -> None:
            page.rotate(degrees)
            page.transfer_rotation_to_content()

        turned = _with_page(tmp_path, f"content{degrees}.pdf", turn)
        got = read_pdf(turned)
        assert [t.title for t in got.tables] == FINAL_TITLES
        assert [texts(t) for t in got.tables] == [texts(t) for t in doc(CZJ).tables]
        assert [p.text for p in got.paragraphs] == [p.text for p in doc(CZJ).paragraphs]
        assert _bound(load_pdf(turned)) == _bound(report(CZJ))
        # the boxes are those of the drawn page: each holds its printed characters
        (mine,) = [t for t in got.tables if t.title == "收入决算表"]
        (figure,) = [c for row in mine.rows for c in row if c.text == "1,511.90"]
        assert figure.provenance is not None
        assert figure.provenance.page == 8
        assert figure.provenance.bbox is not None
        _assert_holds(turned, 8, "1,511.90", figure.provenance.bbox)
        if degrees != 180:  # a wide cell drawn sideways is tall in page space
            x0, top, x1, bottom = figure.provenance.bbox
            assert x1 - x0 < bottom - top

    @pytest.mark.parametrize("degrees", [90, 270])
    def test_sideways_content_with_rotate_is_read_upright(
        self, degrees: int, tmp_path: Path
    ) -> None:
        """Sideways content that /Rotate turns sideways once more (upside down) still reads."""

        def turn(page: Any) -> None:
            page.rotate(degrees)
            page.transfer_rotation_to_content()
            page.rotate(degrees)

        turned = _with_page(tmp_path, f"twice{degrees}.pdf", turn)
        assert _bound(load_pdf(turned)) == _bound(report(CZJ))

    def test_watermark_left_out_and_reported(self, tmp_path: Path) -> None:
        """Text drawn askew over a table is kept out of its cells, and said so (an error)."""
        marked = _add_text(
            CZJ, tmp_path / "wm.pdf", "DRAFT COPY", (0.7071, 0.7071, -0.7071, 0.7071, 300, 200)
        )
        got = read_pdf(marked)
        assert [texts(t) for t in got.tables] == [texts(t) for t in doc(CZJ).tables]
        (problem,) = [p for p in got.problems if p not in doc(CZJ).problems]
        assert problem.severity == "error"
        assert "rotated text on page 8 not read as a table" in problem.message
        assert "DRAFTCOPY" in problem.message
        assert problem.provenance is not None
        assert problem.provenance.page == 8
        assert problem in load_pdf(marked).problems  # the report carries it

    def test_upright_page_number_beside_sideways_table(self, tmp_path: Path) -> None:
        """A table drawn sideways with its page number upright: the table reads, no problem."""

        def turn(page: Any) -> None:
            page.rotate(90)
            page.transfer_rotation_to_content()

        turned = _with_page(tmp_path, "sideways.pdf", turn)
        numbered = _add_text(turned, tmp_path / "numbered.pdf", "- 8 -", (1, 0, 0, 1, 280, 20))
        assert _bound(load_pdf(numbered)) == _bound(report(CZJ))

    def test_sideways_label_outside_tables_is_a_warning(self, tmp_path: Path) -> None:
        """A sideways label in the margin is left out of the prose, with a warning."""
        # page 18 is prose only, upright on a portrait page; the label runs up its left margin
        marked = _add_text(CZJ, tmp_path / "label.pdf", "MARGIN", (0, 1, -1, 0, 30, 400), page=18)
        got = read_pdf(marked)
        assert [p.text for p in got.paragraphs] == [p.text for p in doc(CZJ).paragraphs]
        (problem,) = [p for p in got.problems if p not in doc(CZJ).problems]
        assert problem.severity == "warning"
        assert "rotated text on page 18 not read" in problem.message


def _assert_holds(path: Path, page: int, printed: str, bbox: tuple[float, ...]) -> None:
    """Each of PDFium's boxes of the characters *printed* on *page* lies inside *bbox*.

    *bbox* is in the page's own space from the media box's top-left corner.
    """
    pdfium = pytest.importorskip("pypdfium2")
    document = pdfium.PdfDocument(path)
    try:
        p = document[page - 1]
        left, _, _, height = p.get_mediabox()
        textpage = p.get_textpage()
        text = textpage.get_text_range()
        # PDFium may give text drawn upside down in reverse order
        start = text.find(printed)
        start = start if start >= 0 else text.index(printed[::-1])
        boxes = [textpage.get_charbox(i) for i in range(start, start + len(printed))]
    finally:
        document.close()
    x0, top, x1, bottom = bbox
    for lo_x, low, hi_x, high in boxes:
        assert x0 - 0.01 <= lo_x - left
        assert hi_x - left <= x1 + 0.01
        assert top - 0.01 <= height - high
        assert height - low <= bottom + 0.01


class TestLayout:
    """The grid finder on hand-made pages."""

    @staticmethod
    def glyphs(text: str, x: float, y: float, size: float = 10.0) -> list[Glyph]:
        return [
            Glyph(ch, x + i * size, y, x + (i + 1) * size, y + size) for i, ch in enumerate(text)
        ]

    def test_merged_cell_and_missing_rule(self) -> None:
        # two rows, three columns; the top row's first two cells are merged (no rule at x=100)
        segs = [Segment(True, y, 0, 300) for y in (0, 20, 40)]
        segs += [Segment(False, x, 0, 40) for x in (0, 200, 300)]
        segs += [Segment(False, 100, 20, 40)]
        glyphs = (
            self.glyphs("项目", 80, 5) + self.glyphs("201", 10, 25) + self.glyphs("1.00", 210, 25)
        )
        (grid,) = find_grids(segs, glyphs)
        assert (grid.n_rows, grid.n_cols) == (2, 3)
        by_pos = {(c.row, c.col): c for c in grid.cells}
        assert by_pos[0, 0].colspan == 2
        assert by_pos[0, 0].text == "项目"
        assert by_pos[1, 0].text == "201"
        assert by_pos[1, 2].text == "1.00"
        assert (0, 1) not in by_pos

    def test_stray_rule_is_no_table(self) -> None:
        assert find_grids([Segment(True, 10, 0, 300)], []) == []

    def test_digits_never_spaced(self) -> None:
        # a wide-set number keeps no space between its digits
        glyphs = [Glyph(ch, i * 9.0, 0, i * 9.0 + 5, 10) for i, ch in enumerate("2,946.25")]
        (line,) = text_lines(glyphs)
        assert line.text == "2,946.25"

    def test_wide_gap_splits_a_line(self) -> None:
        glyphs = self.glyphs("编制部门：某局", 0, 0) + self.glyphs("单位：元", 400, 0)
        (line,) = text_lines(glyphs)
        assert [t for t, _ in line.segments] == ["编制部门：某局", "单位：元"]

    def test_join_lines(self) -> None:
        assert join_lines(["附属单位上", "缴收入"]) == "附属单位上缴收入"
        assert join_lines(["the", "budget"]) == "the budget"
        assert join_lines(["2,946.", "25"]) == "2,946.25"


def _white_patch(obj: dict[str, object]) -> bool:
    """A white-filled, unstroked rectangle: a cell background, not a rule."""
    colour = obj.get("non_stroking_color")
    return bool(
        obj.get("object_type") == "rect"
        and obj.get("fill")
        and not obj.get("stroke")
        and isinstance(colour, tuple | list)
        and len(colour) in (1, 3)
        and all(float(c) >= 0.98 for c in colour)
    )


FINAL_IDS_PRINTED = [
    None,  # 部门决算单位构成: kept, reported as unrecognised
    "final.summary",
    "final.income",
    # the 支出决算表 is missing from this copy (a planted error)
    "final.fiscal_summary",
    "final.general_budget",
    "final.general_basic",
    "final.three_public",
    "final.fund_budget",
    "final.state_capital",
]


class TestLoadPdf:
    def test_final_tables_recognised(self) -> None:
        r = report(CZJ)
        assert [t.schema for t in r.tables] == FINAL_IDS_PRINTED
        assert (r.kind, r.scope, r.year) == (ReportKind.FINAL, Scope.DEPARTMENT, 2024)
        assert all(t.unit is Unit.WANYUAN for t in r.tables)
        assert any("not recognised" in p.message for p in r.problems)

    @pytest.mark.parametrize("path", [GOV_DEPT, GOV_UNIT, COM_DEPT, COM_UNIT])
    def test_budgets_bind_without_problems(self, path: Path) -> None:
        assert [p.describe() for p in report(path).problems] == []

    def test_template_tables_recognised(self) -> None:
        ids = [t.schema for t in report(TEMPLATE).tables]
        assert ids == [*FINAL_IDS_PRINTED[:3], "final.expenditure", *FINAL_IDS_PRINTED[3:]]

    @pytest.mark.parametrize("path", [GOV_DEPT, GOV_UNIT, COM_DEPT, COM_UNIT])
    def test_budget_tables_recognised(self, path: Path) -> None:
        r = report(path)
        assert [t.schema for t in r.tables] == list(BUDGET_IDS)
        assert r.kind is ReportKind.BUDGET
        assert r.year == 2025
        assert r.scope is (Scope.UNIT if "unit" in path.stem else Scope.DEPARTMENT)
        units = [t.unit for t in r.tables]
        assert units == [Unit.YUAN] * 8 + [Unit.WANYUAN]

    def test_amounts_exact(self) -> None:
        income = report(CZJ).table("final.income")
        assert income.value("2010601", "total") == Decimal("1511.90")
        assert income.value("2010601", "fiscal") == Decimal("1511.89")
        assert income.value("2010601", "other") == Decimal("0.01")
        assert income.value("total", "total") == Decimal("2946.25")
        summary = report(CZJ).table("final.summary")
        assert summary.value("income.grand_total", "amount") == Decimal("2995.39")
        assert summary.value("208", "amount") == Decimal("326.71")
        basic = report(CZJ).table("final.general_basic")
        assert basic.value("30239", "amount") == Decimal("48.49")  # right-hand panel
        assert basic.value("personnel_total", "amount") == Decimal("2152.26")  # page 14

    def test_budget_amounts_exact(self) -> None:
        income = report(COM_DEPT).table("budget.income")
        assert income.value("2150899", "total") == Decimal("293810000.00")
        general = report(GOV_DEPT).table("budget.general_budget")
        assert general.value("2210203", "total") == Decimal("1867680.00")  # page 15
        assert general.value("total", "basic") == Decimal("24606775.35")
        three = report(GOV_DEPT).table("budget.three_public")
        assert three.value("total", "total") == Decimal("867.50")
        assert three.value("total", "operating") == Decimal("213.28")
        assert three.row("total").cell("vehicle").state.value == "blank"
        summary = report(GOV_UNIT).table("budget.summary")
        assert summary.value("expenditure.total", "personnel") == Decimal("22473997.81")

    @pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
    def test_codes_never_amounts(self, path: Path) -> None:
        for t in report(path).tables:
            if t.schema is None:
                continue
            for row in t.rows:
                if row.code:
                    assert row.key in (row.code, *(k for k in [row.key] if "." in k))
                for key, cell in row.cells.items():
                    assert key not in ("code", "name", "item", "line_no")
                    if cell.value is not None:
                        # an amount printed with two decimals, never a bare code part
                        assert re.fullmatch(r"-?[0-9,]+\.[0-9]{2}", cell.text), (t.title, cell)

    def test_codes_joined_from_parts(self) -> None:
        income = report(CZJ).table("final.income")
        assert [r.code for r in income.code_rows(3)][:3] == ["2010601", "2010602", "2010607"]
        row = income.row("2010601")
        assert row.label == "行政运行"
        assert row.level == 3

    def test_cell_provenance_survives_binding(self) -> None:
        cell = report(GOV_DEPT).table("budget.general_budget").row("2210203").cell("total")
        assert cell.provenance is not None
        assert cell.provenance.page == 15
        assert cell.provenance.bbox is not None

    def test_narrative(self) -> None:
        r = report(CZJ)
        # the first match is the 目录 entry (page 2); the section itself is on page 18
        found = [
            s
            for s in r.narrative.sections
            if s.heading.endswith("收入支出决算总体情况说明") and s.text
        ]
        section = found[0]
        assert "收入支出总计0万元" in section.text
        assert section.provenance is not None
        assert section.provenance.page == 18

    def test_no_table_is_read_and_fails_the_check(self, tmp_path: Path) -> None:
        pypdf = pytest.importorskip("pypdf")
        reader = pypdf.PdfReader(GOV_DEPT)
        writer = pypdf.PdfWriter()
        writer.add_page(reader.pages[0])  # the title page: text, no table
        cover = tmp_path / "cover.pdf"
        with cover.open("wb") as fh:
            writer.write(fh)
        assert read_pdf(cover).tables == ()
        report = load_pdf(cover)
        assert report.tables == ()
        from govfin.rules import Outcome, Severity, check  # noqa: PLC0415

        result = check(report)
        assert not result.errors  # nothing wrong was found: nothing could be checked
        assert not result.ok
        (gap,) = result.by_rule("GF-S004")
        assert (gap.severity, gap.outcome) == (Severity.WARNING, Outcome.NOT_EVALUATED)
        assert result.coverage is not None
        assert result.coverage.tables_recognised == 0

    def test_import_is_lazy(self) -> None:
        code = "import sys, govfin.io.pdf; print('pypdfium2' in sys.modules)"
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert out.strip() == "False"

    def test_missing_pypdfium2(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "pypdfium2", None)
        with pytest.raises(LoadError, match=r"pypdfium2, a dependency of govfin: reinstall"):
            read_pdf(GOV_DEPT)


class TestAssembleProblems:
    """What the loader reports on hand-made pages."""

    @staticmethod
    def line(text: str, x: float, y: float) -> list[Glyph]:
        return [Glyph(ch, x + i * 10, y, x + (i + 1) * 10, y + 10) for i, ch in enumerate(text)]

    def test_title_without_grid(self) -> None:
        glyphs = self.line("收入决算表", 250, 50) + self.line("单位：万元", 450, 70)
        glyphs += self.line("201 一般公共服务支出 10.00", 60, 100)
        page = PageContent(1, 595, 842, tuple(glyphs), ())
        doc_ = assemble([page], "x.pdf")
        assert doc_.tables == ()
        (problem,) = doc_.problems
        assert problem.table == "收入决算表"
        assert problem.provenance is not None
        assert problem.provenance.page == 1
        assert any("201" in p.text for p in doc_.paragraphs)  # kept as prose

    @staticmethod
    def grid(
        top: float, rows: list[list[str]], x0: float = 60, w: float = 120
    ) -> tuple[list[Segment], list[Glyph]]:
        h = 20.0
        n_cols = len(rows[0])
        segs = [Segment(True, top + i * h, x0, x0 + n_cols * w) for i in range(len(rows) + 1)]
        segs += [Segment(False, x0 + j * w, top, top + len(rows) * h) for j in range(n_cols + 1)]
        glyphs: list[Glyph] = []
        for i, row in enumerate(rows):
            for j, text in enumerate(row):
                glyphs += TestAssembleProblems.line(text, x0 + j * w + 5, top + i * h + 5)
        return segs, glyphs

    def test_two_tables_on_a_page(self) -> None:
        s1, g1 = self.grid(100, [["项目", "金额"], ["合计", "1.00"]])
        s2, g2 = self.grid(300, [["项目", "金额"], ["合计", "2.00"]])
        glyphs = self.line("甲表", 270, 60) + self.line("单位：元", 400, 80) + g1
        glyphs += self.line("注：本表无数据。", 60, 150)
        glyphs += self.line("乙表", 270, 260) + self.line("单位：万元", 400, 280) + g2
        page = PageContent(1, 595, 842, tuple(glyphs), tuple(s1 + s2))
        first, second = assemble([page], "x.pdf").tables
        assert (first.title, first.captions, first.notes) == (
            "甲表",
            ("单位：元",),
            ("注：本表无数据。",),
        )
        assert (second.title, second.captions) == ("乙表", ("单位：万元",))
        assert [[c.text for c in r] for r in second.rows] == [["项目", "金额"], ["合计", "2.00"]]

    def test_continued_table_with_repeated_header(self) -> None:
        s1, g1 = self.grid(100, [["项目", "金额"], ["201", "1.00"]])
        s2, g2 = self.grid(50, [["项目", "金额"], ["208", "2.00"]])
        p1 = PageContent(1, 595, 842, tuple(self.line("甲表", 270, 60) + g1), tuple(s1))
        p2 = PageContent(2, 595, 842, tuple(g2), tuple(s2))
        (only,) = assemble([p1, p2], "x.pdf").tables
        assert [[c.text for c in r] for r in only.rows] == [
            ["项目", "金额"],
            ["201", "1.00"],
            ["208", "2.00"],
        ]
        assert only.rows[2][1].provenance is not None
        assert only.rows[2][1].provenance.page == 2

    def test_continued_table_titled_xu(self) -> None:
        s1, g1 = self.grid(100, [["项目", "金额"], ["201", "1.00"]])
        s2, g2 = self.grid(100, [["项目", "金额"], ["208", "2.00"]])
        p1 = PageContent(1, 595, 842, tuple(self.line("甲表", 270, 60) + g1), tuple(s1))
        p2 = PageContent(2, 595, 842, tuple(self.line("甲表（续）", 250, 60) + g2), tuple(s2))
        (only,) = assemble([p1, p2], "x.pdf").tables
        assert len(only.rows) == 3

    def test_prose_between_ends_a_table(self) -> None:
        s1, g1 = self.grid(100, [["项目", "金额"], ["201", "1.00"]])
        s2, g2 = self.grid(100, [["项目", "金额"], ["208", "2.00"]])
        p1 = PageContent(1, 595, 842, tuple(self.line("甲表", 270, 60) + g1), tuple(s1))
        words = self.line("这是一段说明文字，不是表格。", 60, 50)
        p2 = PageContent(2, 595, 842, tuple(words + g2), tuple(s2))
        first, second = assemble([p1, p2], "x.pdf").tables
        assert second.title == ""
        assert len(first.rows) == 2

    def test_unmapped_characters(self) -> None:
        page = PageContent(3, 595, 842, tuple(self.line("口口口", 60, 60)), (), unmapped=40)
        (problem,) = assemble([page], "x.pdf").problems
        assert "Unicode" in problem.message
        assert problem.provenance == Provenance(file="x.pdf", page=3)


@pytest.mark.slow  # pdfplumber reads each sample in about a second
class TestAgainstPdfplumber:
    """pdfplumber's lattice table finder, an independent reading, sees the same cells.

    Compared page by page, before the pages are joined (pdfplumber knows no
    multi-page tables), with white cell backgrounds removed on its side too.
    """

    @pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
    def test_same_cell_texts(self, path: Path) -> None:
        pdfplumber = pytest.importorskip("pdfplumber")
        ours: dict[int, list[str]] = {}
        for page in read_pages(str(path), path.read_bytes()):
            for grid in find_grids(page.segments, page.glyphs):
                ours.setdefault(page.number, []).extend(
                    re.sub(r"\s+", "", c.text) for c in grid.cells if c.text
                )
        theirs: dict[int, list[str]] = {}
        with pdfplumber.open(path) as pdf:
            for number, page in enumerate(pdf.pages, start=1):
                for found in page.filter(lambda o: not _white_patch(o)).extract_tables():
                    theirs.setdefault(number, []).extend(
                        re.sub(r"\s+", "", text) for row in found for text in row if text
                    )
        assert {k: sorted(v) for k, v in ours.items()} == {k: sorted(v) for k, v in theirs.items()}
