"""Small builders shared by the rule tests."""

from __future__ import annotations

from decimal import Decimal

from govfin.report import Report
from govfin.rules import CheckResult, Finding, Severity, check, default_rules
from govfin.testing import Perturbation, perturb

TABLE_RULES = ("GF-L", "GF-S", "GF-T", "GF-R", "GF-X", "GF-K")


def change(report: Report, table: str, row: str, column: str, new: str) -> Report:
    """A copy of *report* with one cell printed as *new*."""
    return perturb(report, Perturbation(table, row, column, None, Decimal(new)))


def run(report: Report, *selectors: str) -> CheckResult:
    return check(report, default_rules().select(*(selectors or TABLE_RULES)))


def errors(result: CheckResult, rule: str | None = None) -> list[Finding]:
    return [
        f
        for f in result.findings
        if f.severity is Severity.ERROR and (rule is None or f.rule == rule)
    ]


def at(findings: list[Finding], table: str, row: str, column: str | None = None) -> list[Finding]:
    """The findings with a location at that cell (or row when *column* is None)."""
    return [
        f
        for f in findings
        if any(
            loc.table == table and loc.row == row and (column is None or loc.column == column)
            for loc in f.locations
        )
    ]
