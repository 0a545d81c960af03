"""The 预算 schemas against the tables printed in the four 2025 budget PDFs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govfin.amounts import Unit
from govfin.io.pdf import read_pdf
from govfin.report import ReportKind
from govfin.tables import BUDGET_IDS, ColumnKind, Side, get_schema, recognise
from govfin.tables.budget import BUDGET_SCHEMAS, BUDGET_SUMMARY, BUDGET_THREE_PUBLIC
from govfin.tables.raw import RawDocument, RawTable

PDF = Path(__file__).parent.parent / "data" / "pdf"
BUDGETS = tuple(
    PDF / f"putuo-{who}-2025-{scope}-budget.pdf"
    for who in ("gov-office", "commerce")
    for scope in ("dept", "unit")
)

_DOCS: dict[Path, RawDocument] = {}


def doc(path: Path) -> RawDocument:
    if path not in _DOCS:
        _DOCS[path] = read_pdf(path)
    return _DOCS[path]


_DATA = re.compile(r"^(?:[0-9]{3}|[0-9,]+\.[0-9]{2}|[一二三四五六七八九十]+、.*)$")


def header_cells(t: RawTable) -> set[str]:
    """The texts of the rows above the first data row (a code, an amount or a line)."""
    out: set[str] = set()
    for row in t.rows:
        texts = [c.text for c in row]
        if any(_DATA.match(x) for x in texts):
            break
        out.update(x for x in texts if x)
    return out


class TestRegistry:
    def test_ids(self) -> None:
        assert tuple(s.id for s in BUDGET_SCHEMAS) == BUDGET_IDS
        for schema in BUDGET_SCHEMAS:
            assert get_schema(schema.id) is schema
            assert schema.kind is ReportKind.BUDGET

    def test_units_and_precision(self) -> None:
        for schema in BUDGET_SCHEMAS:
            expected = Unit.WANYUAN if schema is BUDGET_THREE_PUBLIC else Unit.YUAN
            assert schema.unit is expected
            for col in schema.columns:
                if col.kind is ColumnKind.AMOUNT:
                    assert col.precision == 2
                else:
                    assert col.precision is None

    def test_codes_are_never_amounts(self) -> None:
        for schema in BUDGET_SCHEMAS:
            for col in schema.columns:
                if col.key in ("code", "name", "item"):
                    assert not col.is_amount


class TestRecognition:
    @pytest.mark.parametrize("path", BUDGETS, ids=lambda p: p.stem)
    def test_every_table_recognised_in_order(self, path: Path) -> None:
        found = [recognise(t.title, kind=ReportKind.BUDGET) for t in doc(path).tables]
        assert [s.id if s else None for s in found] == list(BUDGET_IDS)

    @pytest.mark.parametrize("path", BUDGETS, ids=lambda p: p.stem)
    def test_required_columns_printed(self, path: Path) -> None:
        for t in doc(path).tables:
            schema = recognise(t.title, kind=ReportKind.BUDGET)
            assert schema is not None
            header = header_cells(t)
            for col in schema.columns:
                if col.required and col.kind is not ColumnKind.CODE:
                    assert any(col.matches(h) for h in header), (schema.id, col.key, header)

    @pytest.mark.parametrize("path", BUDGETS, ids=lambda p: p.stem)
    def test_summary_labels_are_lines(self, path: Path) -> None:
        for t in doc(path).tables[:4:3]:  # 财务收支预算总表, 财政拨款收支预算总表
            schema = recognise(t.title, kind=ReportKind.BUDGET)
            assert schema is not None
            header = header_cells(t)
            for row in t.rows:
                left, right = row[0].text, row[2].text
                if left and left not in header:
                    assert schema.match_line(left, Side.INCOME) is not None, left
                if right and right not in header:
                    line = schema.match_line(right, Side.EXPENDITURE)
                    assert line is not None, right

    def test_unit_budget_summary_columns(self) -> None:
        personnel = BUDGET_SUMMARY.column("personnel")
        assert personnel is not None
        assert not personnel.required
        assert personnel.matches("人员经费")

    def test_class_lines_keyed_by_code(self) -> None:
        line = BUDGET_SUMMARY.match_line("五、资源勘探工业信息等支出", Side.EXPENDITURE)
        assert line is not None
        assert (line.key, line.code) == ("215", "215")
        income = BUDGET_SUMMARY.match_line("1、一般公共预算资金", Side.INCOME)
        assert income is not None
        assert income.key == "income.general_budget"
