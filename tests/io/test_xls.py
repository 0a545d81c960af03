from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import xlwt
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govfin.amounts import CellState
from govfin.errors import LoadError
from govfin.io import load, load_example, save
from govfin.io.excel import read_xlsx
from govfin.io.xls import read_xls
from govfin.report import Report
from govfin.tables.raw import RawDocument
from govfin.testing import budget_reports, final_reports
from govfin.testing.office import write_xls

ROOT = Path(__file__).resolve().parents[2]
SEED_XLS = ROOT / "tests" / "data" / "xls" / "lukou-xzspj-2024-final.xls"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_seed_xls", ROOT / "scripts" / "make_seed_xls.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _grid(doc: RawDocument) -> list[object]:
    return [
        (t.title, t.number, t.captions, t.notes, [[c.text for c in r] for r in t.rows])
        for t in doc.tables
    ]


def _same_cells(printed: Report, read: Report) -> None:
    """Every cell of *printed* read back: state (blank vs 0), value and printed precision."""
    assert [t.schema for t in read.tables] == [t.schema for t in printed.tables]
    for a, b in zip(printed.tables, read.tables, strict=True):
        assert [r.key for r in b] == [r.key for r in a], a.label
        precision = {c.key: c.precision for c in a.columns}
        for ra, rb in zip(a, b, strict=True):
            assert (rb.label, rb.code, rb.line_no) == (ra.label, ra.code, ra.line_no)
            for key, ca in ra.cells.items():
                cb = rb.cell(key)
                assert (cb.state, cb.value) == (ca.state, ca.value), (a.label, ra.key, key)
                if cb.value is not None and precision.get(key) is not None:
                    assert cb.value.as_tuple().exponent == -(precision[key] or 0)


class TestLibreOfficeFixture:
    """The seed saved as .xls by LibreOffice reads into the same grid as the .xlsx it came from."""

    def test_same_grid_as_the_xlsx(self, tmp_path: Path) -> None:
        xlsx = tmp_path / "lukou-xzspj-2024-final.xlsx"
        _script().layout_xlsx(xlsx)
        assert _grid(read_xls(SEED_XLS)) == _grid(read_xlsx(xlsx))
        assert [p.text for p in read_xls(SEED_XLS).paragraphs] == [
            p.text for p in read_xlsx(xlsx).paragraphs
        ]

    def test_reads_like_the_seed(self) -> None:
        seed, read = load_example(), load(SEED_XLS)
        assert (read.department, read.year, read.kind) == (seed.department, 2024, seed.kind)
        _same_cells(seed, read)
        cell = read.table("公开01表").row("income.general_budget").cell("amount")
        assert cell.text == "972.81"
        assert cell.provenance is not None
        assert (cell.provenance.sheet, cell.provenance.cell) == ("公开01表", "C7")

    def test_codes_are_text_and_blanks_stay_blank(self) -> None:
        read = load(SEED_XLS)
        row = read.table("final.income").row("2010301")
        assert row.code == "2010301"
        assert row.cell("upper_grant").state is CellState.BLANK
        total = read.table("final.income").row("total")
        assert total.cell("upper_grant").text == "0.00"


class TestCells:
    def _book(self, tmp_path: Path, cells: dict[tuple[int, int], tuple[object, str]]) -> Path:
        book = xlwt.Workbook(encoding="utf-8")
        ws = book.add_sheet("支出")
        for (r, c), (value, fmt) in cells.items():
            ws.write(r, c, value, xlwt.easyxf(num_format_str=fmt))
        path = tmp_path / "hand.xls"
        book.save(str(path))
        return path

    def test_shown_text_not_the_float(self, tmp_path: Path) -> None:
        path = self._book(
            tmp_path,
            {
                (0, 0): ("支出决算表", "@"),
                (1, 0): ("项目", "@"),
                (1, 1): ("金额", "@"),
                (2, 0): ("2010301", "@"),
                (2, 1): (0.1 + 0.2, "#,##0.00"),
                (3, 0): ("a", "@"),
                (3, 1): (22.3, "0.00"),
                (4, 0): ("b", "@"),
                (4, 1): (1234567.891, "General"),
            },
        )
        (table,) = read_xls(path).tables
        assert table.title == "支出决算表"
        assert [[c.text for c in r] for r in table.rows] == [
            ["项目", "金额"],
            ["2010301", "0.30"],
            ["a", "22.30"],
            ["b", "1234567.891"],
        ]
        assert table.rows[1][1].provenance is not None
        assert table.rows[1][1].provenance.cell == "B3"


class TestBadInput:
    def test_missing_file(self, tmp_path: Path) -> None:
        with pytest.raises(LoadError, match="no such file"):
            load(tmp_path / "none.xls")

    def test_an_xlsx_named_xls(self, tmp_path: Path) -> None:
        path = tmp_path / "book.xls"
        save(load_example(), tmp_path / "book.xlsx")
        path.write_bytes((tmp_path / "book.xlsx").read_bytes())
        with pytest.raises(LoadError, match=r"rename it to \.xlsx"):
            load(path)

    def test_not_a_workbook(self, tmp_path: Path) -> None:
        path = tmp_path / "x.xls"
        path.write_bytes(b"hello, not a workbook")
        with pytest.raises(LoadError, match=r"x\.xls.*not a readable \.xls workbook"):
            load(path)

    def test_missing_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setitem(sys.modules, "xlrd", None)
        with pytest.raises(LoadError, match=r"pip install 'govfin\[xls\]'"):
            load(SEED_XLS)

    def test_empty_workbook(self, tmp_path: Path) -> None:
        book = xlwt.Workbook()
        book.add_sheet("空")
        path = tmp_path / "empty.xls"
        book.save(str(path))
        with pytest.raises(LoadError, match="no table found"):
            load(path)


_CHECKS = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]


@pytest.mark.slow
class TestRoundTrip:
    @settings(max_examples=min(settings().max_examples, 25), suppress_health_check=_CHECKS)
    @given(report=st.one_of(final_reports(), budget_reports()))
    def test_a_generated_report_reads_back_cell_for_cell(
        self, tmp_path: Path, report: Report
    ) -> None:
        path = tmp_path / "generated.xls"
        write_xls(report, path)
        read = load(path)
        _same_cells(report, read)
        assert read.kind is report.kind
        assert not [p for p in read.problems if p.severity != "info"]
