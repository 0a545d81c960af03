"""The narrative rules GF-N001 … GF-N014, registered in :data:`govfin.rules.REGISTRY`.

Each rule reports the verdicts of :func:`~govfin.narrative.assess` that carry
its id; the claims are extracted and checked once per report and shared by
the rules.  Last year's report is :attr:`govfin.rules.Context.previous`
(``check(report, previous=...)``, ``govfin check --previous``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

import attrs

from govfin.narrative._check import RULES, Verdict, assess
from govfin.report import Provenance, Report, Section
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


def _section_starts(report: Report) -> dict[int, Section]:
    """Where each section's text starts in the narrative → the section."""
    cached = _starts.get(id(report))
    if cached is not None and cached[0] is report:
        return cached[1]
    starts: dict[int, Section] = {}
    pos = 0
    for section in report.narrative.sections:
        head = len(section.heading) + 1 if section.heading else 0
        starts.setdefault(pos + head, section)
        pos += head + len(section.text) + 1
    _starts.clear()
    _starts[id(report)] = (report, starts)
    return starts


_starts: dict[int, tuple[Report, dict[int, Section]]] = {}


def _sentence_provenance(section: Section | None, start: int) -> Provenance | None:
    """The section's provenance, moved to the sentence's own line in a text file.

    A text section keeps its line breaks and its provenance names the heading's
    line, so the sentence at *start* is on that line + 1 + the breaks before it.
    A PDF section keeps the page it starts on.
    """
    if section is None or section.provenance is None:
        return None
    prov = section.provenance
    if prov.line is None or prov.page is not None or prov.cell is not None:
        return prov
    below = 1 if section.heading else 0
    return attrs.evolve(prov, line=prov.line + below + section.text.count("\n", 0, start))


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
    section = _section_starts(ctx.report).get(
        s.offset + (len(s.section) + 1 if s.in_heading else 0)
    )
    if s.in_heading:
        prov = section.provenance if section is not None else None
        where = [Location.narrative(s.section, s.text, role="heading", provenance=prov)]
    else:
        prov = _sentence_provenance(section, s.start)
        figure = (claim.start, claim.end) if s.start <= claim.start < claim.end <= s.end else None
        where = [
            Location.narrative(
                s.section, s.text, s.start, s.end, role="claim", provenance=prov, figure=figure
            )
        ]
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


_DESCRIPTIONS: Final = {
    "GF-N001": "An amount quoted in the 情况说明 (by name, 类/款/项 path, or the section it sits "
    "in) equals the table cell it speaks of; within rounding it is info (尾数误差). A 预算 is "
    "read against its budget.* tables, converted exactly from 元 (a cell rounded half-up to the "
    "printed decimals agrees). A blank table reads as zeros. Figures the tables do not hold are "
    "reported as not evaluated, with the reason.",
    "GF-N002": "A share (占X%) is recomputed from the table cells: the 四舍五入 rounding passes; "
    "the largest-remainder allocation that makes the listed shares sum to 100.00%, or a value "
    "explained by the rounding of the inputs, is info; consistent only if truncated is a warning.",
    "GF-N003": "In a change (比上年/比年初预算 增加D万元，增长R%), the rate agrees with the amount "
    "and the current figure (R = D / (X − D)); a change of 0 must be worded 持平.",
    "GF-N004": "完成年初预算的X% agrees with the budget and the final amount; 无法计算 only when "
    "the budget is zero.",
    "GF-N005": "The comparison word (大于/小于/等于/一致) matches the figures of its paragraph.",
    "GF-N006": "A total stated before 其中 equals the sum of the items listed after it.",
    "GF-N007": "The same figure (基本支出, 人员经费, 机关运行经费 …) is quoted alike everywhere.",
    "GF-N008": "A count (等N个项目) matches the names enumerated before it, without repeats.",
    "GF-N009": "Years fit the report: the heading names the report year, comparisons name the "
    "year before, no later year appears, and a 截至…日 date is in the year of a 决算 (the year "
    "before, or the year, of a 预算).",
    "GF-N010": "No template residue is left: 增加（减少）, 增长（降低）, XX.",
    "GF-N011": "Figures quoted as last year's (current − change) agree with last year's report "
    "(govfin check --previous).",
    "GF-N012": "No percentage is printed for a zero base (a rate on a zero base is undefined).",
    "GF-N013": "The 政府采购 figures agree among themselves (货物/工程/服务 and 中小企业 shares).",
    "GF-N014": "A 类/款 name of the functional classification is the one of the report's "
    "edition: a name another edition gives to the same code (医疗卫生与计划生育支出 in a 2019 "
    "or later report, 卫生健康支出 before) is flagged with the edition's name. Checked against "
    "the bundled catalogues when the report's year has its own edition, or is newer than all.",
}


def _make(rule_id: str) -> Rule:
    title, zh, severity = RULES[rule_id]

    def check(ctx: Context) -> Iterator[Finding]:
        for verdict in _verdicts(ctx.report, ctx.previous):
            if verdict.rule == rule_id:
                yield to_finding(ctx, verdict)

    check.__doc__ = f"{_DESCRIPTIONS[rule_id]}\n\n{zh}。"
    return REGISTRY.rule(
        rule_id, title=title, message=zh, severity=severity, tags=("narrative",), replace=True
    )(check)


NARRATIVE_RULES: Final[tuple[Rule, ...]] = tuple(_make(rule_id) for rule_id in RULES)
"""The registered narrative rules, in id order."""
