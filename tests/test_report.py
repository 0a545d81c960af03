from __future__ import annotations

from decimal import Decimal

import pytest

from govfin.amounts import CellState, Unit
from govfin.io import load_example
from govfin.report import Cell, Column, Problem, Provenance, Report, ReportKind, Row, Table


def _table() -> Table:
    return Table(
        schema="final.expenditure",
        title="支出决算表",
        unit=Unit.WANYUAN,
        columns=(Column("total", "本年支出合计"), Column("basic", "基本支出")),
        rows=(
            Row.of("total", "合计", {"total": "10.00", "basic": "－"}),
            Row.of("201", "一般公共服务支出", {"total": "10.00"}, code="201"),
            Row.of("2010301", "行政运行", {"total": "10.00"}, code="2010301"),
        ),
        number="公开03表",
    )


class TestTable:
    def test_access_by_key(self) -> None:
        t = _table()
        assert t.row("201").value("total") == Decimal("10.00")
        assert t.get("999") is None
        assert "2010301" in t
        assert len(t) == 3
        with pytest.raises(KeyError, match="公开03表 支出决算表"):
            t.row("999")

    def test_cell_states(self) -> None:
        t = _table()
        assert t.row("total").cell("basic").state is CellState.DASH
        assert t.row("201").cell("basic").state is CellState.BLANK
        assert t.value("total", "basic") is None

    def test_code_rows_by_level(self) -> None:
        t = _table()
        assert [r.key for r in t.code_rows()] == ["201", "2010301"]
        assert [r.key for r in t.code_rows(3)] == ["2010301"]

    def test_amount_has_the_column_precision(self) -> None:
        amount = _table().amount("201", "total")
        assert amount is not None
        assert (amount.unit, amount.precision) == (Unit.WANYUAN, 2)

    def test_provenance_is_not_part_of_equality(self) -> None:
        a = Cell("1", CellState.NUMBER, Decimal(1), Provenance(file="a", line=1))
        b = Cell("1", CellState.NUMBER, Decimal(1), Provenance(file="b", line=2))
        assert a == b


class TestReport:
    def test_lookup_by_schema_number_or_title(self) -> None:
        report = load_example()
        by_id = report.table("final.general_basic")
        assert report.table("公开06表") is by_id
        assert report.table("一般公共预算财政拨款基本支出决算明细表") is by_id
        assert "final.summary" in report
        with pytest.raises(KeyError, match=r"final\.summary"):
            report.table("budget.summary")

    def test_metadata(self) -> None:
        report = load_example()
        assert report.kind is ReportKind.FINAL
        assert report.year == 2024
        assert report.region == "株洲市渌口区"
        assert report.unrecognised == ()

    def test_evolve(self) -> None:
        report = Report(ReportKind.FINAL, (_table(),))
        assert report.evolve(year=2023).year == 2023
        assert report.year is None

    def test_problem_describe(self) -> None:
        p = Problem(
            "not an amount",
            "error",
            table="公开03表 支出决算表",
            row="201",
            column="basic",
            provenance=Provenance(file="r.txt", line=12),
        )
        assert p.describe() == (
            "r.txt, line 12, table 公开03表 支出决算表, row 201, column basic: not an amount"
        )


def test_the_rounding_note_is_the_sentence_that_holds_it() -> None:
    from govfin.report import RoundingNote  # noqa: PLC0415

    text = "注：1.单位：万元；2.本套报表金额单位转换时可能存在尾数误差。3.空表说明"
    assert RoundingNote.find([text]).note == "2.本套报表金额单位转换时可能存在尾数误差"
    assert RoundingNote.find(["金额四舍五入后的合计差异"]).note == "金额四舍五入后的合计差异"
    assert RoundingNote.find(["单位：万元（保留到整数）"]).whole_yuan is False
    assert RoundingNote.find(["单位：元\n金额保留到整数"]).whole_yuan is False
    assert RoundingNote.find(["单位：元，金额保留到整数"]).whole_yuan is True
    # a long text with no sentence end is read in one pass (a hand-made cell of 100 000 characters)
    long = "数" * 100_000 + "尾差" + "数" * 100_000
    assert RoundingNote.find([long]).note == long
