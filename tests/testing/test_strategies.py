"""govfin.testing as a downstream project uses it: codes, amounts, cells, tables, reports, defects.

Each test is written the way a tool built on govfin would write its own: draw
from the shipped strategies (or from ``st.from_type``), then assert what
govfin promises about the values.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govfin.amounts import Amount, Interval, Unit
from govfin.classification import MODULES, Classification, Code, Level
from govfin.errors import CodeError
from govfin.io import load, load_example, save
from govfin.report import Cell, Report, ReportKind, Table
from govfin.rules import REGISTRY, Finding, Severity, assess, check
from govfin.tables import BUDGET_IDS, FINAL_IDS, SCHEMA_IDS, get_schema
from govfin.testing import (
    FLIPS,
    Flip,
    Misplacement,
    Perturbation,
    allowance,
    budget_reports,
    cells,
    code_digits,
    codes,
    flip,
    flipped_claims,
    malformed_codes,
    misplace,
    misplaced_rows,
    narrated,
    narrated_reports,
    perturb,
    printed_codes,
    tables,
    tied_cells,
)

SOME = settings(max_examples=15, deadline=None)


def _sentence(f: Finding) -> str:
    return (f.location.sentence if f.location is not None else None) or ""


def _sentence_holds(f: Finding, position: int) -> bool:
    loc = f.location
    return (
        loc is not None
        and loc.start is not None
        and loc.end is not None
        and loc.start <= position < loc.end
    )


class TestCodes:
    @given(st.sampled_from(list(Classification)), st.data())
    def test_well_formed_codes_validate_to_themselves(
        self, which: Classification, data: st.DataObject
    ) -> None:
        digits = data.draw(code_digits(which))
        assert MODULES[which].validate(digits) == digits
        assert len(digits) in which.lengths

    @given(codes())
    def test_code_values_nest(self, code: Code) -> None:
        assert code.digits.startswith(code.classification.prefix)
        assert [a.digits for a in code.ancestors] == [
            code.digits[:n] for n in range(3, len(code.digits), 2)
        ]

    @given(codes("functional", levels=[Level.XIANG]))
    def test_levels_restrict_the_codes(self, code: Code) -> None:
        assert code.level is Level.XIANG
        assert code.parent is not None
        assert code.parent.level is Level.KUAN

    @given(st.sampled_from(list(Classification)), st.data())
    def test_printed_codes_compact_to_well_formed_ones(
        self, which: Classification, data: st.DataObject
    ) -> None:
        text = data.draw(printed_codes(which))
        digits = MODULES[which].validate(text)
        assert digits == MODULES[which].compact(text)
        assert digits.isascii()
        assert digits.isdigit()

    @given(st.sampled_from(list(Classification)), st.data())
    def test_malformed_codes_are_refused(self, which: Classification, data: st.DataObject) -> None:
        text = data.draw(malformed_codes(which))
        assert not MODULES[which].is_valid(text)
        with pytest.raises(CodeError):
            MODULES[which].validate(text)

    def test_a_level_the_classification_lacks_is_refused_at_once(self) -> None:
        with pytest.raises(ValueError, match="economic_dept has no level"):
            code_digits("economic_dept", levels=[Level.XIANG])


class TestFromType:
    """``st.from_type`` works for the public value types once govfin is installed."""

    @given(st.from_type(Code))
    def test_code(self, code: Code) -> None:
        assert MODULES[code.classification].is_valid(code.digits)

    @given(st.from_type(Amount))
    def test_amount_keeps_its_precision(self, amount: Amount) -> None:
        assert amount.precision is not None
        assert amount.interval().width == Decimal(1).scaleb(-amount.precision)
        assert amount.value in amount.interval()

    @given(st.from_type(Interval))
    def test_interval(self, interval: Interval) -> None:
        assert interval.lo <= interval.hi

    @given(st.from_type(Cell))
    def test_cell_reads_its_own_text(self, cell: Cell) -> None:
        assert Cell.parse(cell.text) == cell

    @SOME
    @given(st.from_type(Table))
    def test_table(self, table: Table) -> None:
        assert table.schema in SCHEMA_IDS

    @settings(max_examples=6, deadline=None)
    @given(st.from_type(Report))
    def test_report_is_consistent(self, report: Report) -> None:
        assert check(report).ok


class TestCells:
    @given(cells(precision=2))
    def test_no_float_and_no_lost_digit(self, cell: Cell) -> None:
        if cell.value is not None:
            assert isinstance(cell.value, Decimal)
            assert -cell.value.as_tuple().exponent <= 2  # type: ignore[operator]
        else:
            assert cell.state.value in ("blank", "dash")


class TestConsistentTables:
    @SOME
    @given(st.sampled_from(SCHEMA_IDS), st.data())
    def test_a_table_of_each_schema_checks_clean_on_its_own(
        self, schema: str, data: st.DataObject
    ) -> None:
        table = data.draw(tables(schema))
        assert table.schema == schema
        assert table.title == get_schema(schema).title
        alone = Report(get_schema(schema).kind, (table,))
        within = REGISTRY.rules().select("GF-T", "GF-R")
        assert check(alone, within).errors == ()

    @SOME
    @given(tables("budget.general_budget"))
    def test_rounded_last(self, table: Table) -> None:
        # the 合计 is the rounded exact sum, so it is within half a step per part of the
        # sum of the rounded 类 rows
        classes = table.code_rows(level=1)
        total = table.row("total").cell("total").value_or_zero()
        parts = sum((r.cell("total").value_or_zero() for r in classes), Decimal(0))
        assert abs(total - parts) <= Decimal("0.005") * (len(classes) + 1)

    def test_an_unknown_schema_is_refused(self) -> None:
        with pytest.raises(KeyError, match="no schema"):
            tables("final.nothing")


class TestBudgetReports:
    @settings(max_examples=25, deadline=None)
    @given(budget_reports())
    def test_every_rule_passes(self, report: Report) -> None:
        result = check(report)
        assert result.at_least(Severity.WARNING) == ()
        assert report.kind is ReportKind.BUDGET
        assert {t.schema for t in report.tables} == set(BUDGET_IDS)

    @pytest.mark.parametrize("unit", list(Unit))
    def test_any_unit(self, unit: Unit) -> None:
        @settings(max_examples=5, deadline=None)
        @given(budget_reports(unit=unit))
        def run(report: Report) -> None:
            assert check(report).at_least(Severity.WARNING) == ()
            for table in report.tables:
                three = table.schema == "budget.three_public"
                assert table.unit is (Unit.WANYUAN if three else unit)

        run()

    @SOME
    @given(budget_reports(precision=0))
    def test_published_precision(self, report: Report) -> None:
        for table in report.tables:
            for row in table.rows:
                for cell in row.cells.values():
                    if cell.value is not None:
                        assert cell.value == cell.value.to_integral_value()


class TestRoundTrips:
    """A generated 预算 survives govfin's own formats, as a downstream tool would check."""

    @pytest.mark.parametrize("suffix", [".json", pytest.param(".xlsx", marks=pytest.mark.slow)])
    def test_budget_reports(self, suffix: str, tmp_path_factory: pytest.TempPathFactory) -> None:
        folder = tmp_path_factory.mktemp("round-trip")

        @settings(max_examples=5, deadline=None)
        @given(budget_reports())
        def run(report: Report) -> None:
            path = folder / f"report{suffix}"
            save(report, path)
            assert load(path).tables == report.tables

        run()


class TestPerturbedBudgets:
    # The choice of cell and change is drawn with a fixed shape (an index taken modulo the
    # number of cells), so the draws never depend on the generated report's size.
    @SOME
    @given(budget_reports(), st.integers(0, 10**9), st.integers(1, 10**6), st.booleans())
    def test_one_figure_changed_is_an_error_on_its_cell(
        self, report: Report, pick: int, units: int, down: bool
    ) -> None:
        targets = list(tied_cells(report))
        schema, row_key, column = targets[pick % len(targets)]
        old = report.table(schema).value(row_key, column)
        col = report.table(schema).column(column)
        precision = col.precision if col is not None and col.precision is not None else 2
        delta = allowance(report, schema) + Decimal(units).scaleb(-precision)
        new = (old if old is not None else Decimal(0)) + (-delta if down else delta)
        change = Perturbation(schema, row_key, column, old, new)
        bad = perturb(report, change)
        assert check(report).errors == ()
        cells = {(loc.table, loc.row, loc.column) for f in check(bad).errors for loc in f.locations}
        assert (change.table, change.row, change.column) in cells


class TestMisplacedRows:
    @SOME
    @given(st.one_of(narrated_reports(), budget_reports()), st.data())
    def test_the_nesting_rule_finds_the_row(self, report: Report, data: st.DataObject) -> None:
        move, bad = data.draw(misplaced_rows(report))
        assert isinstance(move, Misplacement)
        nesting = REGISTRY.rules().select("GF-R004")
        assert check(report, nesting).errors == ()
        found = check(bad, nesting).errors
        assert move.row in {f.locations[0].row for f in found}
        # only the order changed: the same rows, the same figures
        assert sorted(bad.table(move.table).rows, key=lambda r: r.key) == sorted(
            report.table(move.table).rows, key=lambda r: r.key
        )

    def test_on_the_seed(self) -> None:
        report = load_example()
        move = Misplacement("final.general_budget", "2010301", "20103", "20111")
        bad = misplace(report, move)
        keys = [r.key for r in bad.table("final.general_budget").rows]
        assert keys.index("2010301") == keys.index("20111") + 1
        errors = check(bad, REGISTRY.rules().select("GF-R004")).errors
        assert [f.locations[0].row for f in errors] == ["2010301"]

    def test_a_report_without_code_rows_has_nothing_to_move(self) -> None:
        @given(misplaced_rows(Report(ReportKind.FINAL, ())))
        def draw(_: object) -> None:
            raise AssertionError("unreachable")

        with pytest.raises(ValueError, match="no 款 or 项 row"):
            draw()


class TestFlippedClaims:
    @pytest.mark.slow
    @SOME
    @given(narrated_reports(), st.data())
    def test_the_narrative_checks_find_the_sentence(
        self, report: Report, data: st.DataObject
    ) -> None:
        change, bad = data.draw(flipped_claims(report))
        assert (change.old, change.new) in FLIPS

        def at_the_word(report: Report) -> list[str]:
            return [
                v.rule
                for v in assess(report)
                if v.rule in ("GF-N003", "GF-N005")
                and v.severity >= Severity.WARNING
                and _sentence_holds(v, change.start)
            ]

        assert at_the_word(report) == []
        assert at_the_word(bad) != []
        text = bad.narrative.sections[change.section].text
        assert text[change.start : change.end] == change.new

    def test_on_the_seed(self) -> None:
        report = load_example()
        sections = report.narrative.sections
        index = next(i for i, s in enumerate(sections) if "减少48.67万元，降低4.76%" in s.text)
        start = sections[index].text.index("降低4.76%")
        change = Flip(index, start, "降低", "增长", "")
        bad = flip(report, change)
        assert "减少48.67万元，增长4.76%" in bad.narrative.sections[index].text
        new = {(v.rule, _sentence(v)) for v in assess(bad) if v.severity >= Severity.ERROR}
        old = {(v.rule, _sentence(v)) for v in assess(report) if v.severity >= Severity.ERROR}
        assert any("增长4.76%" in text for _, text in new - old)

    def test_the_word_must_be_there(self) -> None:
        with pytest.raises(ValueError, match="no '增加'"):
            flip(load_example(), Flip(0, 0, "增加", "减少", ""))


class TestNarrated:
    def test_only_a_final_report_is_drafted(self) -> None:
        with pytest.raises(ValueError, match="决算"):
            narrated(Report(ReportKind.BUDGET, ()))

    @settings(max_examples=5, deadline=None)
    @given(narrated_reports())
    def test_the_drafted_text_is_the_narrative(self, report: Report) -> None:
        assert report.narrative.sections[0].text.startswith(f"{report.year}年度部门决算情况说明")
        assert set(FINAL_IDS) == {t.schema for t in report.tables}
