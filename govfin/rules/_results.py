"""What a check run gives back: every :class:`Finding` and a :class:`Summary`."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from govfin._severity import Outcome, Severity
from govfin.rules._coverage import Coverage
from govfin.rules._finding import Finding

__all__ = ["CheckResult", "Summary"]


@attrs.frozen
class Summary:
    """Counts of one check run (or of several, added with ``+``).

    *by_severity* counts the findings (passes excluded) by severity name;
    *by_outcome* counts every comparison by outcome name, passes (``exact``)
    included; *rules_run* is how many rules ran, *reports* how many reports;
    *coverage* what was actually read and checked (:class:`~govfin.rules.Coverage`,
    ``None`` for a summary not made by :func:`check`).
    """

    by_severity: Mapping[str, int] = attrs.field(factory=dict, hash=False)
    by_outcome: Mapping[str, int] = attrs.field(factory=dict, hash=False)
    rules_run: int = 0
    reports: int = 1
    coverage: Coverage | None = None

    @property
    def errors(self) -> int:
        """The number of error findings."""
        return self.by_severity.get("error", 0)

    @property
    def warnings(self) -> int:
        """The number of warning findings."""
        return self.by_severity.get("warning", 0)

    @property
    def infos(self) -> int:
        """The number of info findings."""
        return self.by_severity.get("info", 0)

    @property
    def passes(self) -> int:
        """The number of exact comparisons."""
        return self.by_outcome.get("exact", 0)

    @property
    def findings(self) -> int:
        """The number of findings (passes excluded)."""
        return sum(self.by_severity.values())

    def __add__(self, other: Summary) -> Summary:
        sev = {
            s.value: self.by_severity.get(s.value, 0) + other.by_severity.get(s.value, 0)
            for s in Severity
        }
        out = {
            o.value: self.by_outcome.get(o.value, 0) + other.by_outcome.get(o.value, 0)
            for o in Outcome
        }
        if self.coverage is None or other.coverage is None:
            coverage = self.coverage or other.coverage
        else:
            coverage = self.coverage + other.coverage
        return Summary(
            sev, out, self.rules_run + other.rules_run, self.reports + other.reports, coverage
        )

    def line(self) -> str:
        """One line: ``2 errors, 0 warnings, 3 info; 120 exact, 3 residues … (18 rules)``."""
        o = self.by_outcome
        return (
            f"{self.errors} error{'s' * (self.errors != 1)}, "
            f"{self.warnings} warning{'s' * (self.warnings != 1)}, {self.infos} info; "
            f"{o.get('exact', 0)} exact, {o.get('rounding_residue', 0)} rounding residue, "
            f"{o.get('truncation_residue', 0)} truncation residue, "
            f"{o.get('inconsistent', 0)} inconsistent, {o.get('not_evaluated', 0)} not evaluated "
            f"({self.rules_run} rules, {self.reports} report{'s' * (self.reports != 1)})"
        )


@attrs.frozen
class CheckResult:
    """Every finding of one run over one report, and its :class:`Summary`.

    *passes* are the pass records (outcome ``exact``), kept only when asked
    (``keep_passes=True``); they are always counted in the summary.
    """

    source: str | None
    findings: tuple[Finding, ...]
    summary: Summary
    rules: tuple[str, ...] = ()
    passes: tuple[Finding, ...] = ()

    def at_least(self, severity: Severity | str) -> tuple[Finding, ...]:
        """The findings of *severity* or worse."""
        level = Severity.parse(severity)
        return tuple(f for f in self.findings if f.severity >= level)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The error findings."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def complete(self) -> bool:
        """Whether the check covered the report (rule GF-S004 says what it did not).

        No coverage measured, or a rule set without GF-S004 (``--ignore GF-S004``),
        counts as covered.
        """
        if self.coverage is None or (self.rules and "GF-S004" not in self.rules):
            return True
        return self.coverage.complete

    @property
    def ok(self) -> bool:
        """Whether the report is clean: no error finding, and the check covered all of it.

        A report read only in part is not ok even without an error (rule GF-S004).
        """
        return not self.errors and self.complete

    def by_rule(self, rule_id: str) -> tuple[Finding, ...]:
        """The findings of one rule."""
        return tuple(f for f in self.findings if f.rule == rule_id)

    @property
    def coverage(self) -> Coverage | None:
        """What the run actually read and checked (see :class:`~govfin.rules.Coverage`)."""
        return self.summary.coverage
