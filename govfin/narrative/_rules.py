"""The narrative rules GF-N001 … GF-N013, registered in :data:`govfin.rules.REGISTRY`.

Each rule reports the verdicts of :func:`~govfin.narrative.assess` that carry
its id; the claims are extracted and checked once per report and shared by
the rules.  Last year's report is :attr:`govfin.rules.Context.previous`
(``check(report, previous=...)``, ``govfin check --previous``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from govfin.narrative._check import RULES, Verdict, assess
from govfin.report import Report
from govfin.rules import REGISTRY, Context, Finding, Location, Rule

__all__ = ["NARRATIVE_RULES", "to_finding"]

_cache: list[tuple[Report, Report | None, tuple[Verdict, ...]]] = []


def _verdicts(report: Report, previous: Report | None) -> tuple[Verdict, ...]:
    for rep, prev, verdicts in _cache:
        if rep is report and prev is previous:
            return verdicts
    verdicts = assess(report, previous)
    _cache[:] = [(report, previous, verdicts)]
    return verdicts


def to_finding(ctx: Context, verdict: Verdict) -> Finding:
    """The engine's finding for *verdict*: the sentence first, then the table cells.

    >>> from govfin.io import load_example
    >>> from govfin.rules import RuleSet, check
    >>> result = check(load_example(), rules=RuleSet(NARRATIVE_RULES).select("GF-N003"))
    >>> f = result.errors[0]
    >>> f.location.section, f.expected
    ('九、关于机关运行经费支出说明', Decimal('449.57'))
    """
    claim = verdict.claim
    s = claim.sentence
    where = [Location.narrative(s.section, s.text, s.start, s.end, role="claim")]
    where.extend(
        Location.cell(ref.table, ref.row, ref.column, role="table") for ref in verdict.refs
    )
    return ctx.finding(
        verdict.outcome,
        *where,
        expected=verdict.expected,
        actual=verdict.actual,
        difference=verdict.difference,
        severity=verdict.severity,
        message=verdict.message,
        note=verdict.note,
    )


def _make(rule_id: str) -> Rule:
    title, zh, severity = RULES[rule_id]

    def check(ctx: Context) -> Iterator[Finding]:
        for verdict in _verdicts(ctx.report, ctx.previous):
            if verdict.rule == rule_id:
                yield to_finding(ctx, verdict)

    check.__doc__ = f"{title}（{zh}）."
    return REGISTRY.rule(
        rule_id, title=title, message=zh, severity=severity, tags=("narrative",), replace=True
    )(check)


NARRATIVE_RULES: Final[tuple[Rule, ...]] = tuple(_make(rule_id) for rule_id in RULES)
"""The registered narrative rules, in id order."""
