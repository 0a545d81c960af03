"""Rounding as publishers do it: 舍位平衡, figures computed from printed figures, 截尾, precision.

Properties: a report kept in 元 and published in 万元 with a 舍位平衡 step that
shifts cells by one unit while each table still adds up has no error; one cell
shifted by two units is an error at that cell.  A prose figure computed from
printed figures is never an error; one off by more than its interval is.
"""

from __future__ import annotations

import json
from decimal import ROUND_DOWN, Decimal

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govfin.amounts import Interval, Unit, quantize
from govfin.io import load_example
from govfin.io.jsonio import from_dict, to_dict
from govfin.render.html import html
from govfin.render.json import finding_dict
from govfin.render.text import finding as finding_text
from govfin.report import (
    Cell,
    Column,
    Narrative,
    Report,
    ReportKind,
    RoundingNote,
    Row,
    Section,
    Table,
)
from govfin.rules import (
    Candidate,
    Finding,
    Outcome,
    Reason,
    Severity,
    assess,
    balances,
    check,
    compare_equal,
    compare_printed,
    compare_sum,
    table_precision,
)
from govfin.rules._common import total_row
from govfin.testing import final_reports

D = Decimal
CENT = D("0.01")


# ---------------------------------------------------------------- 舍位平衡 between tables


class TestBalancing:
    def test_one_unit_across_tables_is_balancing(self) -> None:
        # 210 = 236.63 in the 总表 and 236.64 in the 支出表; 212 = 3845.25 vs 3845.24
        for left, right in (("236.63", "236.64"), ("3845.25", "3845.24")):
            c = compare_equal(D(left), D(right), balancing=True)
            assert (c.outcome, c.reason) == (Outcome.ROUNDING_RESIDUE, Reason.BALANCING)

    def test_two_units_across_tables_are_an_error(self) -> None:
        c = compare_equal(D("236.62"), D("236.64"), balancing=True)
        assert (c.outcome, c.reason) == (Outcome.INCONSISTENT, None)

    def test_within_a_table_one_unit_is_not_balancing(self) -> None:
        # within-table sums keep their n·½-unit tolerance
        c = compare_sum(D("326.72"), [D("326.71")])
        assert c.outcome is Outcome.INCONSISTENT
        c = compare_sum(D("10.01"), [D("5.00"), D("5.00")])
        assert (c.outcome, c.reason) == (Outcome.ROUNDING_RESIDUE, Reason.ROUNDING)

    def test_only_a_change_of_unit_balances(self) -> None:
        wan = Table("final.income", "收入", Unit.WANYUAN, (Column("total", "合计"),), ())
        yuan = attrs.evolve(wan, unit=Unit.YUAN)
        assert balances(wan, 2)
        assert not balances(yuan, 2)  # 元 with 分: nothing was converted
        assert balances(yuan, 0)  # whole 元 of amounts kept to the 分
        whole = Report(ReportKind.FINAL, (), rounding=RoundingNote(whole_yuan=True))
        assert not balances(yuan, 0, whole)


# ---------------------------------------------------------------- precision as printed


def _yuan_table(rows: dict[str, str]) -> Table:
    return Table(
        "final.general_budget",
        "一般公共预算财政拨款支出决算表",
        Unit.YUAN,
        (Column("total", "合计"),),
        tuple(
            Row.of(code, f"科目{code}", {"total": text}, code=code) for code, text in rows.items()
        ),
    )


class TestPrecisionAsPrinted:
    def test_a_yuan_table_without_decimals_is_whole_yuan(self) -> None:
        t = _yuan_table({"201": "1,001", "20101": "500", "20102": "500"})
        assert table_precision(t, 2) == 0
        assert table_precision(t, 2, whole_yuan=True) is None
        with_cents = _yuan_table({"201": "1,001.00", "20101": "500", "20102": "500"})
        assert table_precision(with_cents, 2) == 2

    def test_a_one_yuan_gap_in_a_whole_yuan_table_is_a_residue(self) -> None:
        t = _yuan_table({"201": "1,001", "20101": "500", "20102": "500"})
        report = Report(ReportKind.FINAL, (t,))
        found = [f for f in check(report).findings if f.rule == "GF-R002"]
        assert [(f.severity, f.tolerance) for f in found] == [(Severity.INFO, D("1.5"))]
        # a document that states whole 元 makes the figures exact: the gap is an error
        stated = report.evolve(rounding=RoundingNote(whole_yuan=True))
        found = [f for f in check(stated).findings if f.rule == "GF-R002"]
        assert [f.severity for f in found] == [Severity.ERROR]

    def test_whole_wanyuan_in_prose_carries_half_a_wanyuan(self) -> None:
        # “17,192万元” for 171 915 169 元
        m = compare_printed(D("17192"), 0, [Candidate(D("17191.5169"))])
        assert m.outcome is Outcome.EXACT
        m = compare_printed(D("17193"), 0, [Candidate(D("17191.5169"))])
        assert m.outcome is Outcome.INCONSISTENT


# ---------------------------------------------------------------- prose: 由印出数计算 and 截尾


class TestPrintedFigures:
    def test_a_change_computed_from_printed_totals(self) -> None:
        # --previous GF-N011: 18976.76 − 15621.11 = 3355.65; the exact 元 gives 3355.64
        exact = D("189767551") / 10000 - D("156211102") / 10000
        tables = Candidate(exact, Interval(exact - D("0.000001"), exact + D("0.000001")))
        printed = Candidate(D("18976.76") - D("15621.11"), reason=Reason.FROM_PRINTED)
        m = compare_printed(D("3355.65"), 2, [tables, printed])
        assert (m.outcome, m.reason) == (Outcome.ROUNDING_RESIDUE, Reason.FROM_PRINTED)
        assert compare_printed(D("3355.64"), 2, [tables, printed]).outcome is Outcome.EXACT
        assert compare_printed(D("3355.66"), 2, [tables, printed]).outcome is (Outcome.INCONSISTENT)

    @pytest.mark.parametrize(
        ("printed", "yuan"),
        [("87.70", 877080), ("78.21", 782164), ("204.91", 2049197), ("268.77", 2687760)],
    )
    def test_a_truncating_explanation_is_a_residue(self, printed: str, yuan: int) -> None:
        m = compare_printed(D(printed), 2, [Candidate(D(yuan) / 10000)])
        assert m.outcome in (Outcome.EXACT, Outcome.TRUNCATION_RESIDUE)
        assert m.consistent

    def test_a_typo_stays_an_error(self) -> None:
        m = compare_printed(D("887.36"), 2, [Candidate(D(873617) / 10000)])
        assert m.outcome is Outcome.INCONSISTENT

    def test_the_previous_year_change_in_a_report(self) -> None:
        # both years kept to 元 (6-decimal 万元 columns): 972.8149 and 1021.4751 print as
        # 972.81 and 1021.48.  Exactly the change is −48.6602 (48.66); from the printed
        # figures it is 972.81 − 1021.48 = −48.67; 48.68 is neither.
        seed = load_example()
        current = _with_total(seed, "972.8149", 2024)
        previous = _with_total(seed, "1021.4751", 2023)
        verdicts = {}
        for change in ("48.66", "48.67", "48.68"):
            text = f"2024年度收、支总计972.81万元。与上年相比，减少{change}万元，降低4.76%。"
            report = current.evolve(narrative=_narrative(text))
            verdicts[change] = next(v for v in _assess(report, previous) if v.rule == "GF-N011")
        assert verdicts["48.66"].outcome is Outcome.EXACT
        v = verdicts["48.67"]
        assert (v.outcome, v.severity, v.reason) == (
            Outcome.ROUNDING_RESIDUE,
            Severity.INFO,
            Reason.FROM_PRINTED,
        )
        assert "由印出数计算" in v.message
        assert verdicts["48.68"].outcome is Outcome.INCONSISTENT


def _narrative(text: str) -> Narrative:
    return Narrative((Section("一、收入支出决算总体情况说明", text),))


def _assess(report: Report, previous: Report) -> list[Finding]:
    return list(assess(report, previous))


def _with_total(seed: Report, value: str, year: int) -> Report:
    """*seed* with its 收支总计 kept to the 元: *value* in a 6-decimal 万元 column."""
    tables = []
    for t in seed.tables:
        if t.schema == "final.summary":
            rows = []
            for r in t.rows:
                if r.key in ("income.grand_total", "expenditure.grand_total"):
                    cells = {**r.cells, "amount": Cell.parse(value)}
                    rows.append(attrs.evolve(r, cells=cells))
                else:
                    rows.append(r)
            cols = tuple(
                attrs.evolve(c, precision=6) if c.key == "amount" else c for c in t.columns
            )
            tables.append(attrs.evolve(t, rows=tuple(rows), columns=cols))
        else:
            tables.append(t)
    return seed.evolve(tables=tuple(tables), year=year)


# ---------------------------------------------------------------- the note and its round trip


class TestRoundingNote:
    def test_the_seed_carries_its_note(self) -> None:
        seed = load_example()
        assert seed.rounding.note == "2.本套报表金额单位转换时可能存在尾数误差"
        assert not seed.rounding.whole_yuan

    @pytest.mark.parametrize(
        "text",
        [
            "注：本表金额转换成万元时，因四舍五入可能存在尾差。",
            "本套报表金额单位转换时可能存在尾数误差。",
            "因四舍五入原因，合计数与各分项之和可能存在差异。",
        ],
    )
    def test_variants_of_the_note(self, text: str) -> None:
        assert RoundingNote.find([text]).note is not None

    def test_json_keeps_it(self) -> None:
        seed = load_example()
        back = from_dict(json.loads(json.dumps(to_dict(seed))))
        assert back.rounding == seed.rounding
        stated = seed.evolve(rounding=RoundingNote(None, whole_yuan=True))
        assert from_dict(to_dict(stated)).rounding == RoundingNote(None, whole_yuan=True)


class TestReasonIsShown:
    def test_text_json_and_html_say_why(self) -> None:
        seed = load_example()
        split = _change(seed, "final.general_budget", "221", "total", "19.99")
        result = check(split)
        (f,) = [f for f in result.findings if f.reason is Reason.BALANCING]
        assert "舍位平衡" in finding_text(f)
        assert finding_dict(f)["reason"] == "舍位平衡"
        assert "舍位平衡" in html(split, result)


def _change(report: Report, schema: str, key: str, column: str, text: str) -> Report:
    tables = []
    for t in report.tables:
        if t.schema == schema:
            rows = []
            for r in t.rows:
                if r.key == key:
                    rows.append(attrs.evolve(r, cells={**r.cells, column: Cell.parse(text)}))
                else:
                    rows.append(r)
            tables.append(attrs.evolve(t, rows=tuple(rows)))
        else:
            tables.append(t)
    return report.evolve(tables=tuple(tables))


# ---------------------------------------------------------------- properties


def _table_errors(report: Report, schema: str) -> list[str]:
    """The errors of the rules within one table (rollups and sums), not across tables."""
    return [
        f.message
        for f in check(report).findings
        if f.severity is Severity.ERROR
        and not f.rule.startswith(("GF-X", "GF-N"))
        and f.tables() == (schema,)
    ]


def _shift_chain(report: Report, schema: str, leaf: Row, column: str, delta: Decimal) -> Report:
    """Shift *leaf*'s *column* (and its 合计 column) by *delta*, and so its 款, 类 and 合计 row.

    This is how 舍位平衡 moves a rounded leaf: every sum of the table still holds
    exactly, while the 类 and the 合计 now print one unit from their own rounding
    and from their printings in other tables.
    """
    table = report.table(schema)
    code = leaf.code or ""
    total = total_row(table)
    keys = {leaf.key, *(r.key for r in table.rows if r.code and code.startswith(r.code))}
    if total is not None:
        keys.add(total.key)
    columns = {column, "total"} if table.column("total") is not None else {column}
    rows = []
    for r in table.rows:
        if r.key not in keys:
            rows.append(r)
            continue
        cells = dict(r.cells)
        for key in columns:
            value = r.value(key)
            if value is not None:
                cells[key] = Cell.parse(f"{value + delta:f}")
        rows.append(attrs.evolve(r, cells=cells))
    tables = tuple(attrs.evolve(t, rows=tuple(rows)) if t is table else t for t in report.tables)
    return report.evolve(tables=tables)


@st.composite
def balanced_reports(draw: st.DrawFn) -> tuple[Report, list[tuple[str, str, str]]]:
    """A report kept in 元, published in 万元 and balanced (舍位平衡).

    In some code tables a leaf (项) figure is shifted by one unit with its 款,
    类 and 合计 (:func:`_shift_chain`), so that the table still adds up; the
    shifts after which a table no longer adds up are not kept.
    """
    report = draw(final_reports())
    leaves = [
        (t.schema, r, c.key)
        for t in report.tables
        if t.schema is not None and t.column("total") is not None
        for r in t.rows
        if r.code and len(r.code) == 7
        for c in t.columns
        if c.precision is not None and c.key != "total" and r.value(c.key)
    ]
    if not leaves:
        return report, []
    chosen = draw(st.lists(st.sampled_from(leaves), max_size=3, unique_by=lambda x: x[0]))
    sign = draw(st.sampled_from([D(1), D(-1)]))
    shifted: list[tuple[str, str, str]] = []
    for schema, leaf, column in chosen:
        candidate = _shift_chain(report, schema, leaf, column, sign * CENT)
        if not _table_errors(candidate, schema):
            report = candidate
            shifted.append((schema, leaf.key, column))
    return report, shifted


@pytest.mark.slow
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=25)
@given(balanced_reports())
def test_a_balanced_report_has_no_error(drawn: tuple[Report, list[tuple[str, str, str]]]) -> None:
    report, _ = drawn
    errors = [f.message for f in check(report).findings if f.severity is Severity.ERROR]
    assert errors == []


@pytest.mark.slow
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=25)
@given(st.data())
def test_two_units_between_tables_is_an_error_at_that_cell(data: st.DataObject) -> None:
    report = data.draw(final_reports())
    # a 类 printed in the 总表 and again in the 支出表: shift its 总表 printing by two units
    summary = report.table("final.summary")
    rows = [r for r in summary.rows if r.code and r.value("amount")]
    if not rows:
        return
    row = data.draw(st.sampled_from(rows))
    value = row.value("amount")
    assert value is not None
    broken = _change(report, "final.summary", row.key, "amount", f"{value + 2 * CENT:f}")
    errors = [f for f in check(broken).findings if f.severity is Severity.ERROR]
    assert any(
        (loc.table, loc.row, loc.column) == ("final.summary", row.key, "amount")
        for f in errors
        if f.rule.startswith("GF-X")
        for loc in f.locations
    ), [f.message for f in errors]


@given(
    current=st.integers(1, 10**10),
    previous=st.integers(1, 10**10),
    off=st.integers(2, 50),
)
def test_a_change_from_printed_figures_is_never_an_error(
    current: int, previous: int, off: int
) -> None:
    # both years kept in 元, printed in 万元 with two decimals; the change printed either
    # from the exact amounts or as the difference of the printed figures
    cur, prev = D(current) / 100 / 10000, D(previous) / 100 / 10000
    exact = cur - prev
    tables = Candidate(exact)
    from_printed = Candidate(quantize(cur, 2) - quantize(prev, 2), reason=Reason.FROM_PRINTED)
    for printed in (quantize(exact, 2), quantize(cur, 2) - quantize(prev, 2)):
        m = compare_printed(printed, 2, [tables, from_printed])
        assert m.consistent, (printed, m)
    # off by more than both intervals: an error
    wrong = quantize(exact, 2) + off * CENT
    if abs(wrong - from_printed.exact) > CENT and wrong != quantize(exact, 2, ROUND_DOWN):
        truncated = quantize(exact, 2, ROUND_DOWN)
        if abs(wrong - truncated) >= CENT:
            m = compare_printed(wrong, 2, [tables, from_printed])
            assert m.outcome is Outcome.INCONSISTENT, (wrong, m)


@given(
    part=st.integers(1, 10**9),
    extra=st.integers(0, 10**9),
    decimals=st.integers(1, 2),
)
def test_a_share_from_printed_figures_is_never_an_error(
    part: int, extra: int, decimals: int
) -> None:
    p, w = D(part) / 1000000, D(part + extra) / 1000000  # 万元 kept to the 分
    from govfin.calc import percent, percent_interval  # noqa: PLC0415

    pp, wp = quantize(p, 2), quantize(w, 2)
    if pp == 0 or wp == 0:
        return
    tables = Candidate(percent(p, w), percent_interval(Interval.point(p), Interval.point(w)))
    printed = Candidate(percent(pp, wp), reason=Reason.FROM_PRINTED)
    for shown in (quantize(percent(p, w), decimals), quantize(percent(pp, wp), decimals)):
        assert compare_printed(shown, decimals, [tables, printed]).consistent
    step = D(1).scaleb(-decimals)
    wrong = max(tables.exact, printed.exact) + 3 * step
    assert compare_printed(quantize(wrong, decimals), decimals, [tables, printed]).outcome is (
        Outcome.INCONSISTENT
    )


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=20)
@given(
    current=st.integers(100_000_000, 999_999_999),
    previous=st.integers(100_000_000, 999_999_999),
    how=st.sampled_from(["tables", "printed"]),
    off=st.integers(-5, 5),
)
def test_a_last_year_change_in_the_prose(current: int, previous: int, how: str, off: int) -> None:
    # both years' 收支总计 kept to the 元 (4-decimal 万元), the prose in 2-decimal 万元; the
    # change printed from the exact amounts or from the printed figures is never an error,
    # one off by more than either computation and its truncation is one
    cur, prev = D(current) / 10000, D(previous) / 10000
    seed = load_example()
    report, last = _with_total(seed, f"{cur:f}", 2024), _with_total(seed, f"{prev:f}", 2023)
    exact = quantize(cur - prev, 2)
    printed = quantize(cur, 2) - quantize(prev, 2)
    change = (exact if how == "tables" else printed) + off * CENT
    word = "增加" if change >= 0 else "减少"
    text = f"2024年度收、支总计{quantize(cur, 2):f}万元。与上年相比，{word}{abs(change):f}万元。"
    v = next(
        v for v in _assess(report.evolve(narrative=_narrative(text)), last) if v.rule == "GF-N011"
    )
    truncated = quantize(cur - prev, 2, ROUND_DOWN)
    if off == 0:
        assert v.severity is not Severity.ERROR, v.message
    elif min(abs(change - exact), abs(change - printed), abs(change - truncated)) > CENT:
        assert v.outcome is Outcome.INCONSISTENT, v.message
