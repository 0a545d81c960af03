from __future__ import annotations

import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govfin.amounts import CellState, Unit
from govfin.errors import AmountError, LoadError
from govfin.io import load, load_example, save
from govfin.io.excel import (
    FORMAT,
    FORMAT_VERSION,
    META_SHEET,
    NARRATIVE_SHEET,
    load_xlsx,
    read_xlsx,
    save_xlsx,
    shown_text,
)
from govfin.report import (
    Cell,
    Column,
    Narrative,
    Problem,
    Provenance,
    Report,
    ReportKind,
    Row,
    Scope,
    Section,
    Table,
)
from govfin.tables import registry
from govfin.testing.reports import final_reports

# ------------------------------------------------------------------ helpers


def _cell(text: str, provenance: Provenance | None = None) -> Cell:
    """A cell as a loader makes it: parsed when it reads, else kept as text (blank state)."""
    try:
        return Cell.parse(text, provenance)
    except AmountError:
        return Cell(text, CellState.BLANK, None, provenance)


def _tmp(tmp_path: Path, name: str = "r.xlsx") -> Path:
    return tmp_path / name


def _round_trip(report: Report, path: Path) -> Report:
    save_xlsx(report, path)
    return load_xlsx(path)


def _hand_built() -> Report:
    """A small report with every awkward cell a loader can produce."""
    p = Provenance("src.pdf", page=3, bbox=(10.5, 20.25, 30.0, 40.125))
    expenditure = Table(
        schema="final.expenditure",
        title="支出决算表",
        unit=Unit.WANYUAN,
        columns=(
            Column("total", "本年支出合计"),
            Column("basic", "基本支出"),
            Column("project", "项目支出", precision=3),
        ),
        rows=(
            Row("total", "合计", {"total": Cell.parse("1,234.00", p), "basic": Cell.parse("22.3")}),
            Row(
                "2010301",
                "行政运行",
                {
                    "total": Cell.parse("(12.30)"),
                    "basic": Cell.parse("－"),
                    "project": Cell.parse("\u3000"),
                },
                code="2010301",
                provenance=p,
            ),
            Row(
                "201",
                "=SUM(A1:A3)",  # a label that looks like a formula stays text
                {
                    "total": Cell.parse("12345678901234567.89"),
                    "basic": Cell.parse("-0.01"),
                    "project": Cell.parse("0.125"),
                    "stray": Cell.parse("7"),  # a cell of no listed column
                },
                code="201",
            ),
            Row("20101", "控制\x07字符\r\n换行", {"total": _cell("n/a")}, code="20101"),
        ),
        number="公开03表",
        notes=("注：本表反映部门本年度各项支出情况。", "说明：第二条。"),
        provenance=Provenance("src.pdf", page=2),
    )
    summary = Table(
        schema="final.summary",
        title="收入支出决算总表",
        unit=Unit.WANYUAN,
        columns=(Column("amount", "决算数"),),
        rows=(
            Row(
                "income.general_budget",
                "一、一般公共预算财政拨款收入",
                {"amount": Cell.parse("972.81")},
                line_no="1",
                side="income",
            ),
            Row(
                "201",
                "一、一般公共服务支出",
                {"amount": Cell.parse("683.64")},
                code="201",
                line_no="31",
                side="expenditure",
            ),
            Row("expenditure.total", "本年支出合计", {}, line_no="30", side="expenditure"),
        ),
        number="公开01表",
    )
    unknown = Table(
        schema=None,
        title="某某情况表",
        unit=Unit.YUAN,
        columns=(Column("col1", "项目", None), Column("col2", "金额", None)),
        rows=(Row("r1", "甲", {"col1": _cell("甲"), "col2": _cell("1,000")}),),
    )
    return Report(
        kind=ReportKind.FINAL,
        tables=(summary, expenditure, unknown),
        department="某某局",
        region="某某市",
        year=2024,
        scope=Scope.UNIT,
        narrative=Narrative(
            (
                Section("", "前言"),
                Section("一、收入支出决算总体情况说明", "x" * 40000, Provenance("src.pdf", page=9)),
            )
        ),
        source="src.pdf",
        problems=(
            Problem("odd", "warning", table="公开03表", row="201", column="basic", provenance=p),
        ),
    )


# ------------------------------------------------------------------ round trips


class TestRoundTrip:
    def test_hand_built_report(self, tmp_path: Path) -> None:
        report = _hand_built()
        assert _round_trip(report, _tmp(tmp_path)) == report

    def test_provenance_is_kept(self, tmp_path: Path) -> None:
        report = _hand_built()
        back = _round_trip(report, _tmp(tmp_path))
        row = back.table("公开03表").row("2010301")
        assert row.provenance == Provenance("src.pdf", page=3, bbox=(10.5, 20.25, 30.0, 40.125))
        assert back.table("公开03表").row("total").cell("total").provenance == row.provenance
        assert back.narrative.sections[1].provenance == Provenance("src.pdf", page=9)
        assert back.problems == report.problems

    def test_exact_texts_are_kept(self, tmp_path: Path) -> None:
        back = _round_trip(_hand_built(), _tmp(tmp_path)).table("公开03表")
        assert back.row("total").cell("basic").text == "22.3"
        assert back.row("total").cell("total").text == "1,234.00"
        assert back.row("201").value("total") == Decimal("12345678901234567.89")
        assert back.row("2010301").cell("basic").state is CellState.DASH
        assert back.row("2010301").cell("project").text == "\u3000"
        assert back.row("201").label == "=SUM(A1:A3)"

    def test_seed(self, tmp_path: Path) -> None:
        seed = load_example()
        back = _round_trip(seed, _tmp(tmp_path))
        assert back == seed
        assert back.table("公开01表").value("expenditure.grand_total", "amount") == Decimal(
            "972.81"
        )
        assert back.table("公开06表").value("30214", "amount") == Decimal("160.00")
        assert back.table("公开06表").value("personnel_total", "amount") == Decimal("340.64")
        cell = back.table("公开01表").row("208").cell("amount")
        assert cell.provenance == seed.table("公开01表").row("208").cell("amount").provenance

    def test_through_load_and_save(self, tmp_path: Path) -> None:
        path = _tmp(tmp_path, "seed.xlsx")
        save(load_example(), path)
        assert load(path) == load_example()

    def test_empty_report(self, tmp_path: Path) -> None:
        report = Report(kind=ReportKind.BUDGET, tables=())
        assert _round_trip(report, _tmp(tmp_path)) == report


# ------------------------------------------------------------------ the layout


class TestLayout:
    @pytest.fixture
    def book(self, tmp_path: Path) -> Any:
        path = _tmp(tmp_path)
        save_xlsx(load_example(), path)
        return openpyxl.load_workbook(path)

    def test_sheets(self, book: Any) -> None:
        names = [f"公开0{i}表" for i in range(1, 10)]
        assert book.sheetnames == [*names, NARRATIVE_SHEET, META_SHEET]
        assert book[META_SHEET].sheet_state == "hidden"
        assert book[META_SHEET]["A1"].value == FORMAT
        assert book[META_SHEET]["B1"].value == FORMAT_VERSION

    def test_title_number_and_captions(self, book: Any) -> None:
        ws = book["公开02表"]
        assert ws["A1"].value == "收入决算表"
        assert "A1:I1" in {str(r) for r in ws.merged_cells.ranges}
        assert ws["I2"].value == "公开02表"
        assert ws["A3"].value == "部门：株洲市渌口区行政审批服务局"
        assert ws["I3"].value == "单位：万元"

    def test_two_sided_header(self, book: Any) -> None:
        ws = book["公开01表"]
        assert [c.value for c in ws[4]] == ["收入", None, None, "支出", None, None]
        assert [c.value for c in ws[5]] == ["项目", "行次", "决算数", "项目", "行次", "决算数"]
        assert [c.value for c in ws[6]] == ["栏次", None, "1", "栏次", None, "2"]

    def test_grouped_header(self, book: Any) -> None:
        ws = book["公开09表"]
        assert ws["A4"].value == "预算数"
        assert ws["G4"].value == "决算数"
        assert ws["C5"].value == "公务用车购置及运行维护费"
        assert ws["C6"].value == "小计"

    def test_codes_and_line_numbers_are_text(self, book: Any) -> None:
        ws = book["公开02表"]
        codes = [ws.cell(row=r, column=1) for r in range(7, ws.max_row) if ws.cell(r, 1).value]
        assert codes
        for cell in codes:
            if cell.value.startswith("注"):
                continue
            assert isinstance(cell.value, str)
            assert cell.data_type == "s"
        assert ws["A9"].value == "2010301"
        one = book["公开01表"]
        assert one["B7"].value == "1"
        assert one["B7"].data_type == "s"

    def test_amounts_are_numbers_with_precision(self, book: Any) -> None:
        ws = book["公开02表"]
        assert ws["C6"].value == pytest.approx(972.81)
        assert ws["C6"].number_format == "#,##0.00"
        assert ws["E7"].value is None  # a blank cell stays blank

    def test_dash_is_printed_text(self, tmp_path: Path) -> None:
        path = _tmp(tmp_path)
        save_xlsx(_hand_built(), path)
        ws = openpyxl.load_workbook(path)["公开03表"]
        found = [c.value for row in ws.iter_rows() for c in row if c.value == "－"]
        assert found == ["－"]

    def test_notes_and_narrative(self, book: Any) -> None:
        ws = book["公开02表"]
        assert (
            ws.cell(row=ws.max_row, column=1).value == "注：本表反映部门本年度取得的各项收入情况。"
        )
        nar = book[NARRATIVE_SHEET]
        assert nar["A1"].value == "章节"
        headings = [c.value for c in nar["A"][1:] if c.value]
        assert "一、部门职责" in headings


# ------------------------------------------------------------------ exactness


class TestShownText:
    @pytest.mark.parametrize(
        ("expected", "value", "fmt"),
        [
            ("972.81", 972.81, "#,##0.00"),
            ("22.30", 22.3, "0.00"),
            ("0.3", 0.1 + 0.2, "General"),
            ("0.30", 0.30000000000000004, "#,##0.00"),
            ("2010301", 2010301, "General"),
            ("1235", 1234.5, "#,##0"),
            ("1.5", 1.5, "0.0#"),
            ("1.25", 1.25, "0.0#"),
            ("", None, "General"),
            ("－", "－", "@"),
            ("0.0000001", 1e-7, "General"),
            ("100", 100.0, "General"),
            ("TRUE", True, "General"),
            ("9.95", 9.95, "0.00"),
            ("-2.35", -2.345, "0.00"),
            ("1" + "0" * 300 + ".00", 1e300, "0.00"),
        ],
    )
    def test_shown(self, expected: str, value: object, fmt: str) -> None:
        assert expected == shown_text(value, fmt)

    @given(st.integers(-(10**14) + 1, 10**14 - 1), st.integers(0, 4))
    def test_a_written_amount_shows_exactly(self, n: int, places: int) -> None:
        value = Decimal(n).scaleb(-places)
        if len(value.normalize().as_tuple().digits) > 14:
            return
        # openpyxl writes "%.16g" % value; the reader sees the float parsed back.
        written = "%.16g" % value  # noqa: UP031 - replicating openpyxl's writer
        seen: float | int = float(written) if any(ch in written for ch in ".eE") else int(written)
        fmt = "#,##0" if places == 0 else "#,##0." + "0" * places
        assert f"{value:f}" == shown_text(seen, fmt)


# ------------------------------------------------------------------ edits in a spreadsheet


@pytest.mark.slow  # each test edits a workbook with openpyxl and reads it back
class TestEdited:
    def test_an_edited_amount_is_read(self, tmp_path: Path) -> None:
        path = _tmp(tmp_path)
        save_xlsx(load_example(), path)
        wb = openpyxl.load_workbook(path)
        wb["公开02表"]["C6"].value = 1000.5
        wb["公开01表"]["F14"].value = 22.31  # 208 printed "22.3"; its exact text is stored
        wb.save(path)
        back = load_xlsx(path)
        cell = back.table("公开02表").row("total").cell("total")
        assert cell.text == "1000.50"
        assert cell.value == Decimal("1000.50")
        assert cell.provenance is not None
        assert back.table("公开01表").row("208").cell("amount").text == "22.31"

    def test_an_unedited_amount_keeps_its_printed_text(self, tmp_path: Path) -> None:
        path = _tmp(tmp_path)
        save_xlsx(load_example(), path)
        back = load_xlsx(path)
        assert back.table("公开01表").row("208").cell("amount").text == "22.3"

    def test_a_text_in_an_amount_cell(self, tmp_path: Path) -> None:
        path = _tmp(tmp_path, "book.xlsx")
        save_xlsx(load_example(), path)
        wb = openpyxl.load_workbook(path)
        wb["公开02表"]["D7"].value = "abc"
        wb.save(path)
        with pytest.raises(LoadError) as info:
            load_xlsx(path, strict=True)
        message = str(info.value)
        for part in ("book.xlsx", "公开02表", "D7", "row 201", "column fiscal", "'abc'"):
            assert part in message
        assert info.value.line == 7

    def test_an_edited_code_is_refused(self, tmp_path: Path) -> None:
        path = _tmp(tmp_path, "book.xlsx")
        save_xlsx(load_example(), path)
        wb = openpyxl.load_workbook(path)
        wb["公开02表"].insert_rows(8)
        wb.save(path)
        with pytest.raises(LoadError, match=r"公开02表.*cell A8.*edited"):
            load_xlsx(path)

    def test_a_newer_format_is_refused(self, tmp_path: Path) -> None:
        path = _tmp(tmp_path)
        save_xlsx(load_example(), path)
        wb = openpyxl.load_workbook(path)
        wb[META_SHEET]["B1"].value = FORMAT_VERSION + 1
        wb.save(path)
        with pytest.raises(LoadError, match="newer"):
            load_xlsx(path)

    def test_corrupt_metadata(self, tmp_path: Path) -> None:
        path = _tmp(tmp_path)
        save_xlsx(load_example(), path)
        wb = openpyxl.load_workbook(path)
        wb[META_SHEET]["B2"].value = "{not json"
        wb.save(path)
        with pytest.raises(LoadError, match="corrupt"):
            load_xlsx(path)


# ------------------------------------------------------------------ hand-made workbooks


def _hand_made(path: Path, *, amount: object = 10.5, with_basic: bool = True) -> None:
    """A 支出决算表 typed by hand: codes as numbers and as text, amounts as floats."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "支出"
    ws.append(["支出决算表"])
    ws.append([None, None, None, None, None, None, None, "公开03表"])
    ws.append(["部门：某某局", None, None, None, None, None, None, "单位：万元"])
    head = ["功能分类科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"]
    head += ["上缴上级支出", "经营支出", "对附属单位补助支出"]
    if not with_basic:
        head[3] = "其他"
    ws.append(head)
    ws.append(["栏次", None, 1, 2, 3, 4, 5, 6])
    ws.append(["合计", None, amount, 10.5, 0])
    ws.append([201, "一般公共服务支出", 10.5, 10.5, None])
    ws.append(["2010301", "行政运行", 10.5, 10.5, "-"])
    for row in (6, 7, 8):
        for col in "CDE":
            ws[f"{col}{row}"].number_format = "#,##0.00"
    ws.append([])
    ws.append(["注：本表反映部门本年度各项支出情况。"])
    wb.save(path)


class TestHandMade:
    def test_reads_into_the_right_table(self, tmp_path: Path) -> None:
        path = _tmp(tmp_path, "hand.xlsx")
        _hand_made(path)
        report = load_xlsx(path)
        table = report.table("final.expenditure")
        assert [r.key for r in table] == ["total", "201", "2010301"]
        assert table.number == "公开03表"
        assert table.notes == ("注：本表反映部门本年度各项支出情况。",)
        assert report.department == "某某局"
        assert table.row("total").cell("total").text == "10.50"
        assert table.row("total").value("total") == Decimal("10.50")
        assert table.row("2010301").cell("project").state is CellState.DASH
        assert table.row("201").cell("project").state is CellState.BLANK

    def test_codes_stay_text(self, tmp_path: Path) -> None:
        path = _tmp(tmp_path, "hand.xlsx")
        _hand_made(path)
        table = load_xlsx(path).table("final.expenditure")
        assert table.row("201").code == "201"
        assert table.row("2010301").code == "2010301"
        assert "201" in table

    def test_cell_provenance_names_sheet_and_cell(self, tmp_path: Path) -> None:
        path = _tmp(tmp_path, "hand.xlsx")
        _hand_made(path)
        cell = load_xlsx(path).table("final.expenditure").row("201").cell("basic")
        assert cell.provenance == Provenance(str(path), line=7, sheet="支出", cell="D7")
        assert cell.provenance.describe() == f"{path}, sheet 支出, cell D7"

    def test_read_xlsx_gives_the_printed_grid(self, tmp_path: Path) -> None:
        path = _tmp(tmp_path, "hand.xlsx")
        _hand_made(path)
        raw = read_xlsx(path)
        (table,) = raw.tables
        assert table.title == "支出决算表"
        assert table.captions == ("部门：某某局", "单位：万元")
        assert [c.text for c in table.rows[3]][:5] == [
            "201",
            "一般公共服务支出",
            "10.50",
            "10.50",
            "",
        ]

    def test_number_above_the_title(self, tmp_path: Path) -> None:
        path = _tmp(tmp_path, "hand.xlsx")
        _hand_made(path)
        wb = openpyxl.load_workbook(path)
        ws = wb.active
        ws.insert_rows(1)
        ws["E1"] = "公开03表"
        ws["H3"] = None
        ws["A2"] = "2024年度支出决算表"
        ws["H2"] = "单位：万元"
        ws["H4"] = None
        wb.save(path)
        (raw,) = read_xlsx(path).tables
        assert (raw.number, raw.title) == ("公开03表", "2024年度支出决算表")
        assert raw.captions == ("单位：万元", "部门：某某局")
        assert raw.rows[0][0].text == "功能分类科目编码"
        assert raw.provenance == Provenance(str(path), line=2, sheet="支出")

    def test_a_non_numeric_amount(self, tmp_path: Path) -> None:
        path = _tmp(tmp_path, "hand.xlsx")
        _hand_made(path, amount="十元")
        with pytest.raises(LoadError) as info:
            load_xlsx(path, strict=True)
        message = str(info.value)
        for part in ("hand.xlsx", "sheet '支出'", "C6", "row total", "column total", "十元"):
            assert part in message
        report = load_xlsx(path, strict=False)
        (problem,) = [p for p in report.problems if p.severity == "error"]
        assert problem.provenance is not None
        assert problem.provenance.cell == "C6"

    def test_a_missing_column(self, tmp_path: Path) -> None:
        path = _tmp(tmp_path, "hand.xlsx")
        _hand_made(path, with_basic=False)
        with pytest.raises(LoadError, match=r"hand\.xlsx.*sheet '支出'.*missing column.*基本支出"):
            load_xlsx(path, strict=True)

    def test_a_formula_without_its_value(self, tmp_path: Path) -> None:
        path = _tmp(tmp_path, "hand.xlsx")
        _hand_made(path, amount="=SUM(C7:C8)")  # openpyxl stores no computed value
        with pytest.raises(LoadError, match=r"sheet '支出' cell C6: formula =SUM\(C7:C8\)"):
            load_xlsx(path, strict=True)

    def test_seed_without_metadata(self, tmp_path: Path) -> None:
        path = _tmp(tmp_path)
        seed = load_example()
        save_xlsx(seed, path)
        wb = openpyxl.load_workbook(path)
        del wb[META_SHEET]
        wb.save(path)
        back = load_xlsx(path)
        assert (back.department, back.year, back.kind) == (seed.department, 2024, seed.kind)
        for printed, read in zip(seed.tables, back.tables, strict=True):
            assert read.schema == printed.schema
            assert [r.key for r in read] == [r.key for r in printed]
            for a, b in zip(printed, read, strict=True):
                assert (b.label, b.code, b.line_no) == (a.label, a.code, a.line_no)
                assert {k: b.value(k) for k in b.cells} == {k: a.value(k) for k in a.cells}
        assert len(back.narrative.sections) == len(seed.narrative.sections)


# ------------------------------------------------------------------ bad input


class TestBadInput:
    def test_missing_extra(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "openpyxl", None)
        hint = r"pip install 'govfin\[excel\]', or from a checkout .*: pip install -e '\.\[excel\]'"
        with pytest.raises(LoadError, match=hint):
            save_xlsx(load_example(), _tmp(tmp_path))

    def test_openpyxl_is_imported_lazily(self) -> None:
        code = "import sys, govfin.io.excel; print('openpyxl' in sys.modules)"
        out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        assert out.stdout.decode().strip() == "False"

    def test_not_an_xlsx(self, tmp_path: Path) -> None:
        path = _tmp(tmp_path, "fake.xlsx")
        path.write_text("收入决算表\n", encoding="utf-8")
        with pytest.raises(LoadError, match=r"fake\.xlsx.*not a readable \.xlsx"):
            load_xlsx(path)

    def test_a_zip_that_is_no_workbook(self, tmp_path: Path) -> None:
        path = _tmp(tmp_path, "zip.xlsx")
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("hello.txt", "hi")
        with pytest.raises(LoadError, match=r"zip\.xlsx"):
            load_xlsx(path)

    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(LoadError, match="no such file"):
            load_xlsx(tmp_path / "none.xlsx")


# ------------------------------------------------------------------ properties

_TEXTS = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=12)
_PRINTED = st.one_of(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=2, min_value=-(10**9), max_value=10**9
    ).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**20), max_value=10**20).map(
        lambda d: f"{d:f}"
    ),
    st.integers(-(10**6), 10**6).map(lambda n: f"{n:,}"),
    st.sampled_from(["1" + "0" * 25, "0." + "0" * 19 + "1", "99999999999999.99", "1" + "0" * 14]),
    st.sampled_from(
        [
            "",
            " ",
            "\u3000",
            "-",
            "－",
            "—",
            "0",
            "0.00",
            "(1.50)",
            "22.3",
            "n/a",
            "a\ufffe\x01",
            " x\r\n",
        ]
    ),
    _TEXTS,
)
_PROVENANCE = st.none() | st.builds(
    Provenance,
    file=st.none() | _TEXTS,
    page=st.none() | st.integers(1, 999),
    line=st.none() | st.integers(1, 99999),
    bbox=st.none() | st.tuples(*[st.floats(allow_nan=False, allow_infinity=False, width=64)] * 4),
    sheet=st.none() | _TEXTS,
    cell=st.none() | st.sampled_from(["A1", "B7", "AA100"]),
)
_KEYS = st.sampled_from(["amount", "total", "basic", "project", "fiscal", "col1", "x"])


@st.composite
def _cells(draw: st.DrawFn) -> Cell:
    cell = _cell(draw(_PRINTED), draw(_PROVENANCE))
    if draw(st.integers(0, 20)) == 0:  # a cell whose state does not follow its text
        cell = Cell(cell.text, draw(st.sampled_from(CellState)), draw(st.none()), None)
    return cell


@st.composite
def _tables(draw: st.DrawFn) -> Table:
    schema_ids = [s.id for s in registry.schemas()]
    schema = draw(st.none() | st.sampled_from(schema_ids))
    keys = draw(st.lists(_KEYS, unique=True, max_size=4))
    columns = tuple(Column(k, draw(_TEXTS), draw(st.none() | st.integers(0, 4))) for k in keys)
    row_keys = draw(st.lists(_TEXTS, unique=True, max_size=6))
    rows = []
    for key in row_keys:
        cell_keys = draw(st.lists(st.sampled_from([*keys, "extra"]), unique=True))
        rows.append(
            Row(
                key,
                draw(_TEXTS),
                {k: draw(_cells()) for k in cell_keys},
                code=draw(st.none() | st.from_regex(r"[0-9]{3}([0-9]{2}){0,2}", fullmatch=True)),
                line_no=draw(st.none() | st.integers(1, 99).map(str)),
                side=draw(st.sampled_from([None, None, "income", "expenditure", "other"])),
                provenance=draw(_PROVENANCE),
            )
        )
    return Table(
        schema=schema,
        title=draw(_TEXTS),
        unit=draw(st.sampled_from(Unit)),
        columns=columns,
        rows=tuple(rows),
        number=draw(st.none() | st.sampled_from(["公开01表", "公开02表", "表七", "[x]:*?/"])),
        notes=tuple(draw(st.lists(_TEXTS, max_size=2))),
        provenance=draw(_PROVENANCE),
    )


@st.composite
def _reports(draw: st.DrawFn) -> Report:
    return Report(
        kind=draw(st.sampled_from(ReportKind)),
        tables=tuple(draw(st.lists(_tables(), max_size=3))),
        department=draw(st.none() | _TEXTS),
        region=draw(st.none() | _TEXTS),
        year=draw(st.none() | st.integers(1990, 2100)),
        scope=draw(st.sampled_from(Scope)),
        narrative=Narrative(
            tuple(draw(st.lists(st.builds(Section, _TEXTS, _TEXTS, _PROVENANCE), max_size=3)))
        ),
        source=draw(st.none() | _TEXTS),
        problems=tuple(
            draw(
                st.lists(
                    st.builds(
                        Problem,
                        _TEXTS,
                        st.sampled_from(["error", "warning", "info"]),
                        table=st.none() | _TEXTS,
                        row=st.none() | _TEXTS,
                        column=st.none() | _TEXTS,
                        provenance=_PROVENANCE,
                    ),
                    max_size=2,
                )
            )
        ),
    )


# Each example writes and reads a workbook (tens of milliseconds, about a second for
# a whole generated 决算): the profile's count, capped so that CI stays quick.
_CHECKS = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
_WHOLE = settings(max_examples=min(settings().max_examples, 30), suppress_health_check=_CHECKS)
_SLOW = settings(max_examples=min(settings().max_examples, 100), suppress_health_check=_CHECKS)


@pytest.mark.slow  # Excel round trips of generated reports
class TestProperties:
    @_WHOLE
    @given(report=final_reports())
    def test_a_generated_report_survives(self, tmp_path: Path, report: Report) -> None:
        assert _round_trip(report, _tmp(tmp_path)) == report

    @_SLOW
    @given(report=_reports())
    def test_any_report_survives(self, tmp_path: Path, report: Report) -> None:
        assert _round_trip(report, _tmp(tmp_path)) == report

    @_SLOW
    @given(report=_reports())
    def test_provenance_survives(self, tmp_path: Path, report: Report) -> None:
        back = _round_trip(report, _tmp(tmp_path))
        for a, b in zip(report.tables, back.tables, strict=True):
            assert a.provenance == b.provenance
            for ra, rb in zip(a.rows, b.rows, strict=True):
                assert ra.provenance == rb.provenance
                for key, cell in ra.cells.items():
                    assert cell.provenance == rb.cells[key].provenance
