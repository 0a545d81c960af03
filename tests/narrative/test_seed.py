"""The seed report's 情况说明 checked against its tables: the figures the issue names."""

from __future__ import annotations

from decimal import Decimal

import pytest

from govfin.io import load_example
from govfin.report import Report
from govfin.rules import REGISTRY, Finding, Outcome, Severity, assess, check

D = Decimal


@pytest.fixture(scope="module")
def report() -> Report:
    return load_example()


@pytest.fixture(scope="module")
def verdicts(report: Report) -> tuple[Finding, ...]:
    return assess(report)


def said(f: Finding) -> str:
    """The words of the claim a finding is about."""
    return (f.location.figure_text if f.location is not None else None) or ""


def about(verdicts: tuple[Finding, ...], rule: str, printed: str) -> list[Finding]:
    return [v for v in verdicts if v.rule == rule and printed in said(v)]


class TestMustShow:
    def test_office_running_cost_rate_is_an_error(self, verdicts: tuple[Finding, ...]) -> None:
        (v,) = about(verdicts, "GF-N003", "523.39%")
        assert v.severity is Severity.ERROR
        assert v.outcome is Outcome.INCONSISTENT
        assert (v.expected, v.actual) == (D("449.57"), D("523.39"))
        assert "449.57%" in v.message
        assert v.location is not None
        assert v.location.section == "九、关于机关运行经费支出说明"

    def test_structure_shares_accepted_by_largest_remainder(
        self, verdicts: tuple[Finding, ...]
    ) -> None:
        (v,) = about(verdicts, "GF-N002", "70.28")
        assert v.severity is Severity.INFO
        assert v.outcome is Outcome.ROUNDING_RESIDUE
        assert v.expected == D("70.27")
        assert "最大余额" in v.message
        for printed in ("25.38%", "2.29%", "2.05%"):
            (w,) = about(verdicts, "GF-N002", printed)
            assert w.is_pass, w.message

    @pytest.mark.parametrize(
        ("rule", "printed", "count"),
        [
            ("GF-N003", "4.76%", 3),
            ("GF-N003", "43.28%", 1),
            ("GF-N004", "134.58%", 1),
            ("GF-N004", "97.89%", 1),
            ("GF-N004", "109.72%", 1),
            ("GF-N002", "74.67%", 1),
            ("GF-N002", "25.33%", 1),
            ("GF-N002", "46.90", 1),
            ("GF-N002", "53.10", 1),
        ],
    )
    def test_verified(
        self, verdicts: tuple[Finding, ...], rule: str, printed: str, count: int
    ) -> None:
        found = about(verdicts, rule, printed)
        assert len(found) == count
        assert all(v.is_pass for v in found), [v.message for v in found]

    def test_no_other_error_on_figures_from_the_tables(self, verdicts: tuple[Finding, ...]) -> None:
        errors = {(v.rule, v.actual) for v in verdicts if v.severity is Severity.ERROR}
        assert errors == {("GF-N003", D("523.39")), ("GF-N013", D(0))}


class TestOtherFindings:
    def test_amounts_resolved_to_cells(self, verdicts: tuple[Finding, ...]) -> None:
        (v,) = [
            v
            for v in verdicts
            if v.rule == "GF-N001" and v.message.startswith("“社会保障和就业支出”")
        ]
        assert v.is_pass
        assert [(c.table, c.row, c.column) for c in v.locations[1:]] == [
            ("final.general_budget", "208", "total")
        ]
        item = [v for v in verdicts if v.rule == "GF-N001" and v.message.startswith("“行政运行”")]
        assert item[0].is_pass
        assert item[0].locations[1].row == "2010301"

    def test_basic_total_quoted_twice(self, verdicts: tuple[Finding, ...]) -> None:
        (v,) = [v for v in verdicts if v.rule == "GF-N007" and not v.is_pass]
        assert v.outcome is Outcome.ROUNDING_RESIDUE
        assert (v.expected, v.actual) == (D("726.39"), D("726.38"))

    def test_self_evaluation_total_differs_by_rounding(self, verdicts: tuple[Finding, ...]) -> None:
        residues = [v for v in verdicts if v.rule == "GF-N006" and not v.is_pass]
        assert all(v.severity is Severity.INFO for v in residues)
        assert {(v.expected, v.actual) for v in residues} == {
            (D("726.38"), D("726.39")),
            (D("722.84"), D("722.85")),
        }

    def test_budget_items_over_paragraphs_add_up_to_residue(
        self, verdicts: tuple[Finding, ...]
    ) -> None:
        """年初预算数722.85万元 against the nine items' budgets (722.84): 尾数误差, not silence."""
        (budget,) = [v for v in verdicts if v.rule == "GF-N006" and "722.85" in said(v)]
        assert budget.outcome is Outcome.ROUNDING_RESIDUE
        assert "年初预算722.85万元" in budget.message
        assert "9项明细之和722.84万元" in budget.message
        (final,) = [
            v
            for v in verdicts
            if v.rule == "GF-N006" and said(v) == "972.81万元" and "支出决算" in v.message
        ]
        assert final.is_pass

    def test_zero_direction_words_and_zero_bases(self, verdicts: tuple[Finding, ...]) -> None:
        flat = [v for v in verdicts if v.rule == "GF-N003" and v.severity is Severity.WARNING]
        assert len(flat) == 6
        assert all("持平" in v.message for v in flat)
        zero = [v for v in verdicts if v.rule == "GF-N012"]
        assert len(zero) == 8
        assert all(v.severity is Severity.WARNING for v in zero)

    def test_template_residue(self, verdicts: tuple[Finding, ...]) -> None:
        (v,) = [v for v in verdicts if v.rule == "GF-N010"]
        assert "增长（降低）" in v.message

    def test_listed_projects(self, verdicts: tuple[Finding, ...]) -> None:
        (v,) = [v for v in verdicts if v.rule == "GF-N008"]
        assert v.severity is Severity.WARNING
        assert (v.expected, v.actual) == (D(7), D(8))
        assert "电子政务外网链路租赁经费" in v.message

    def test_procurement_goods_share(self, verdicts: tuple[Finding, ...]) -> None:
        (v,) = [v for v in verdicts if v.rule == "GF-N013"]
        assert v.severity is Severity.ERROR
        assert v.expected == D(100)

    def test_unresolvable_claims_say_why(self, verdicts: tuple[Finding, ...]) -> None:
        skipped = [v for v in verdicts if v.outcome is Outcome.NOT_EVALUATED]
        assert skipped
        assert all(v.severity is Severity.INFO and "未能核对" in v.message for v in skipped)

    def test_previous_year_not_given(self, verdicts: tuple[Finding, ...]) -> None:
        previous = [v for v in verdicts if v.rule == "GF-N011"]
        assert previous
        assert all(v.outcome is Outcome.NOT_EVALUATED for v in previous)


class TestYears:
    def test_wrong_comparison_year_is_an_error(self, report: Report) -> None:
        from govfin.report import Narrative, Section  # noqa: PLC0415

        text = (
            "2025年度部门决算情况说明\n2024年度收、支总计972.81万元，与2022年相比，减少48.67万元。"
        )
        verdicts = assess(report.evolve(narrative=Narrative((Section("", text),))))
        years = [v for v in verdicts if v.rule == "GF-N009"]
        assert [(v.severity, v.expected, v.actual) for v in years if not v.is_pass] == [
            (Severity.ERROR, D(2024), D(2025)),
            (Severity.ERROR, D(2023), D(2022)),
        ]


class TestThroughTheEngine:
    def test_rules_registered_and_run(self, report: Report) -> None:
        result = check(report, rules=REGISTRY.select("tag:narrative"))
        errors = result.errors
        assert {f.rule for f in errors} == {"GF-N003", "GF-N013"}
        (office,) = [f for f in errors if f.rule == "GF-N003"]
        loc = office.location
        assert loc is not None
        assert loc.kind == "narrative"
        assert loc.section == "九、关于机关运行经费支出说明"
        section = report.narrative.find("机关运行经费")
        assert section is not None
        assert loc.start is not None
        assert loc.end is not None
        assert section.text[loc.start : loc.end] == loc.sentence
        assert office.expected == D("449.57")
        assert result.summary.passes > 100

    def test_finding_points_at_cells(self, report: Report) -> None:
        result = check(report, rules=REGISTRY.select("tag:narrative").select("GF-N002"))
        (lr,) = [f for f in result.findings if f.outcome is Outcome.ROUNDING_RESIDUE]
        tables = lr.tables()
        assert tables == ("final.general_budget",)


class TestTolerance:
    def test_residues_carry_their_rounding_tolerance(self, verdicts: tuple[Finding, ...]) -> None:
        residues = [v for v in verdicts if v.outcome is Outcome.ROUNDING_RESIDUE]
        assert {v.rule for v in residues} >= {"GF-N002", "GF-N006", "GF-N007"}
        assert all(v.tolerance is not None and v.tolerance > 0 for v in residues)
        for v in residues:
            if v.rule == "GF-N006":  # a sum: as a table's, within the sum of half-units
                assert v.difference is not None
                assert v.tolerance is not None
                assert abs(v.difference) < v.tolerance
