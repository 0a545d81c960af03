"""The seed report: no error from the table rules, and its two residues pinned as info."""

from __future__ import annotations

from decimal import Decimal

from govfin.report import Report
from govfin.rules import Outcome, Severity

from .helpers import errors, run


class TestSeed:
    def test_no_error_from_table_rules(self, seed: Report) -> None:
        result = run(seed)
        assert errors(result) == []
        assert result.summary.passes > 500

    def test_wages_class_vs_sections_is_a_rounding_residue(self, seed: Report) -> None:
        (f,) = run(seed, "GF-R002").findings
        assert (f.severity, f.outcome) == (Severity.INFO, Outcome.ROUNDING_RESIDUE)
        assert (f.actual, f.expected, f.difference) == (
            Decimal("321.41"),
            Decimal("321.40"),
            Decimal("0.01"),
        )
        assert f.tolerance == Decimal("0.055")  # 10 printed 款 and the 类, ½ fen each
        main = f.locations[0]
        assert (main.table, main.row, main.column, main.role) == (
            "final.general_basic",
            "301",
            "amount",
            "total",
        )
        assert main.table_label == "公开06表 一般公共预算财政拨款基本支出决算明细表"
        assert len(f.locations) == 11
        assert "尾数误差" in f.message

    def test_basic_vs_personnel_plus_public_is_a_rounding_residue(self, seed: Report) -> None:
        (f,) = run(seed, "GF-X007").findings
        assert (f.severity, f.outcome) == (Severity.INFO, Outcome.ROUNDING_RESIDUE)
        assert (f.actual, f.expected) == (Decimal("726.39"), Decimal("726.38"))
        assert [(loc.table, loc.row, loc.column) for loc in f.locations] == [
            ("final.general_budget", "total", "basic"),
            ("final.general_basic", "personnel_total", "amount"),
            ("final.general_basic", "public_total", "amount"),
        ]

    def test_all_findings_of_the_table_rules(self, seed: Report) -> None:
        found = sorted(
            (f.rule, f.severity.value, f.outcome.value, f.table or "") for f in run(seed).findings
        )
        assert found == [
            ("GF-K001", "warning", "inconsistent", "final.general_basic"),  # folded 39909 label
            ("GF-L001", "info", "not_evaluated", "final.general_basic"),
            ("GF-R002", "info", "rounding_residue", "final.general_basic"),
            ("GF-S003", "warning", "inconsistent", "final.three_public"),  # no 本表无数据 note
            ("GF-X007", "info", "rounding_residue", "final.general_budget"),
        ]

    def test_the_seed_prose_errors_do_not_come_from_table_rules(self, seed: Report) -> None:
        table_rules = {f.rule for f in run(seed).findings}
        assert not any(r.startswith("GF-N") for r in table_rules)
