"""Running rules over a report: :func:`check`."""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

import attrs

from govfin._severity import Outcome, Severity
from govfin.report import Report, Table
from govfin.rules._claims import Claims
from govfin.rules._context import Context
from govfin.rules._coverage import measure_coverage, table_figures_unplaced
from govfin.rules._finding import Finding, Location
from govfin.rules._messages import problem_zh
from govfin.rules._registry import Registry, Rule, RuleSet, default_rules
from govfin.rules._results import CheckResult, Summary

if TYPE_CHECKING:
    from govfin.classification import Catalog

__all__ = ["check"]


def _partly_read(report: Report) -> dict[str, str]:
    """Schema id → what was not read, for each table not read in full.

    A table is not read in full when the loader reported an error-level
    problem of it (named by schema id or as printed: a column missing, two
    rows read as one) or when figures of it stand in a column with no title
    (no rule reads them: a column split or lost).  Each is also a gap of the
    report's coverage (``GF-S004``).
    """
    out: dict[str, str] = {}
    named: dict[str, Table] = {}  # a problem names its table by schema id or as printed
    for t in report.tables:
        named.setdefault(t.label, t)  # (its number and title)
        named.setdefault(t.title, t)
    for problem in report.problems:
        if problem.severity != Severity.ERROR.value or not problem.table:
            continue
        table = report.get_table(problem.table) or named.get(problem.table)
        if table is not None and table.schema is not None:
            out.setdefault(
                table.schema, f"{table.label}未能完整读取（{problem_zh(problem.message)}）"
            )
    for table in report.tables:
        if table.schema is None or table.schema in out:
            continue
        if unplaced := table_figures_unplaced(table):
            out[table.schema] = f"{table.label}未能完整读取（有{unplaced}个数字在无标题的栏目中）"
    return out


def _as_read(finding: Finding, rule: Rule, unread: Mapping[str, str]) -> Finding:
    """An inconsistency that rests on a table not read in full is a warning, not an error.

    The difference may come from the reading (a row or column lost), not from
    the document; that the table could not be read is itself an error of the
    report's coverage (``GF-S004``), so nothing passes unnoticed.
    """
    if finding.severity is not Severity.ERROR or finding.outcome is not Outcome.INCONSISTENT:
        return finding
    tables = [t for t in (*rule.tables, *rule.reads, *finding.tables()) if t in unread]
    if not tables:
        return finding
    note = f"{unread[tables[0]]}，差异可能来自读取，未判为错误"
    return attrs.evolve(
        finding,
        severity=Severity.WARNING,
        note=f"{finding.note}；{note}" if finding.note else note,
    )


def _as_ruleset(rules: RuleSet | Registry | Iterable[Rule] | None) -> RuleSet:
    if rules is None:
        return default_rules()
    if isinstance(rules, RuleSet):
        return rules
    if isinstance(rules, Registry):
        return rules.rules()
    return RuleSet(tuple(rules))


def _crash(rule: Rule, exc: BaseException) -> Finding:
    where = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    at = f" at {where[0].filename.rsplit('/', 1)[-1]}:{where[0].lineno}" if where else ""
    return Finding(
        rule=rule.id,
        severity=Severity.ERROR,
        outcome=Outcome.NOT_EVALUATED,
        message=f"规则 {rule.id} 执行出错，未能完成检查：{type(exc).__name__}: {exc}",
        title=rule.title,
        note=f"rule {rule.id} raised {type(exc).__name__}{at}: {exc}",
    )


_NOT_FIGURES: Final = frozenset({"load", "structure"})


def check(
    report: Report,
    rules: RuleSet | Registry | Iterable[Rule] | None = None,
    *,
    previous: Report | None = None,
    catalogs: Sequence[Catalog] = (),
    keep_passes: bool = False,
) -> CheckResult:
    """Run *rules* (default: every registered rule) over *report*; collect every finding.

    Rules not meant for the report's kind are skipped; a rule whose tables
    are missing reports one ``not_evaluated`` finding; a rule that raises
    reports an ``error`` finding naming it.  Nothing stops the run.
    *previous* (last year's report) is handed to the rules through
    :attr:`Context.previous`, *catalogs* (official catalogues the user
    loaded) through :attr:`Context.catalogs`; *keep_passes* keeps a record of every exact
    comparison in :attr:`CheckResult.passes` (they are always counted).

    >>> from govfin.report import Report, ReportKind
    >>> result = check(Report(ReportKind.FINAL, ()), rules=RuleSet())
    >>> result.findings, result.summary.errors
    ((), 0)
    """
    ruleset = _as_ruleset(rules)
    findings: list[Finding] = []
    pass_records: list[Finding] = []
    passes = 0
    checked = 0  # comparisons of figures: the rules other than load and structure ones
    ran: list[str] = []
    unread = _partly_read(report)
    claims = Claims(report, previous)  # the prose, read once for every rule that asks
    for r in ruleset:
        if not r.applies_to(report):
            continue
        ran.append(r.id)
        ctx = Context(
            report,
            r,
            previous=previous,
            catalogs=catalogs,
            keep_passes=keep_passes,
            claims=claims,
        )
        missing = [t for t in r.tables if report.get_table(t) is None]
        if missing:
            findings.append(
                ctx.not_evaluated(
                    f"缺少{'、'.join(missing)}，规则 {r.id} 未能检查"
                    "（not evaluated: table missing）",
                    *(Location(table=t, role="missing") for t in missing),
                )
            )
            continue
        before = (passes, len(findings))
        try:
            produced = r.check(ctx)
            if produced is not None:
                for f in produced:
                    if f is None:
                        continue
                    if f.is_pass:
                        passes += 1
                        if keep_passes:
                            pass_records.append(f)
                    else:
                        findings.append(_as_read(f, r, unread))
        except Exception as exc:  # a check never stops the run
            findings.append(_crash(r, exc))
        passes += ctx.passes
        pass_records.extend(ctx.pass_records)
        if not r.tags & _NOT_FIGURES:
            checked += passes - before[0]
            checked += sum(f.outcome is not Outcome.NOT_EVALUATED for f in findings[before[1] :])
    by_sev = {s.value: 0 for s in Severity}
    by_out = {o.value: 0 for o in Outcome}
    for f in findings:
        by_sev[f.severity.value] += 1
        by_out[f.outcome.value] += 1
    by_out[Outcome.EXACT.value] += passes
    coverage = measure_coverage(report, figures_checked=checked)
    summary = Summary(by_sev, by_out, len(ran), 1, coverage)
    return CheckResult(report.source, tuple(findings), summary, tuple(ran), tuple(pass_records))
