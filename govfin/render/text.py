"""Findings as plain text, the way linters print them: the worst first, info summarised.

A report's findings are sorted by severity (errors, then warnings, then
info), then by their place in the document (page or line).  Errors and
warnings are printed in full: the rule and message, where in words
(:meth:`govfin.rules.Location.describe`) and the figures.  Findings of one
rule with the same message are printed once with each of their places.  Info
findings (rounding residue, figures that could not be checked) are summarised
as counts by outcome and reason unless ``show_info`` is set.  A verdict line
(:func:`verdict`) closes the output.

>>> from decimal import Decimal
>>> from govfin.amounts import Unit
>>> from govfin.report import Provenance
>>> from govfin.rules import CheckResult, Finding, Location, Outcome, Severity, Summary
>>> f = Finding("GF-R002", Severity.INFO, Outcome.ROUNDING_RESIDUE,
...     "301「工资福利支出」决算数为321.41万元，所属款之和为321.40万元",
...     title="A 类 equals the sum of its 款",
...     expected=Decimal("321.40"), actual=Decimal("321.41"), difference=Decimal("0.01"),
...     tolerance=Decimal("0.055"), unit=Unit.WANYUAN,
...     locations=(Location(table="final.general_basic", table_label="公开06表 基本支出决算明细表",
...                         row="301", row_label="工资福利支出", column="amount",
...                         column_title="决算数", provenance=Provenance("a.pdf", page=12)),))
>>> s = Summary({"info": 1, "warning": 0, "error": 0}, {"exact": 10, "rounding_residue": 1})
>>> print(report(CheckResult("seed.txt", (f,), s)))
seed.txt
1 info not shown (--show info lists them):
  1 rounding residue (尾数误差): 类等于所属款之和 1
>>> print(report(CheckResult("seed.txt", (f,), s), show_info=True))
seed.txt
info GF-R002 301「工资福利支出」决算数为321.41万元，所属款之和为321.40万元 [rounding residue]
  --> 公开06表 基本支出决算明细表, row 301 工资福利支出, column 决算数, page 12
      expected 321.40  actual 321.41  difference +0.01  tolerance ±0.055 (万元)
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TextIO

from govfin._exit import ExitCode
from govfin.rules import CONTENTS, CheckResult, Finding, Location, Outcome, Severity, Summary

__all__ = [
    "EXIT_MEANING",
    "exit_code",
    "finding",
    "info_summary",
    "report",
    "sort_key",
    "summary_table",
    "use_colour",
    "verdict",
]

_SGR = {
    "error": "1;31",
    "warning": "1;33",
    "info": "36",
    "rule": "1",
    "dim": "2",
    "fail": "1;31",
    "ok": "1;32",
}

EXIT_MEANING: dict[int, str] = {
    ExitCode.OK: "no finding at the fail level",
    ExitCode.FINDINGS: "findings at the fail level, or a report not checked in full",
    ExitCode.BAD_INPUT: "an input could not be read",
}
"""What each exit code of ``govfin check`` means, as the verdict line says it."""


def use_colour(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Whether to colour output to *stream*: a terminal, unless ``NO_COLOR`` is set.

    ``FORCE_COLOR`` (non-empty) colours any stream; ``NO_COLOR`` (non-empty) wins
    over both (https://no-color.org).

    >>> import io
    >>> use_colour(io.StringIO(), {}), use_colour(io.StringIO(), {"FORCE_COLOR": "1"})
    (False, True)
    """
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _paint(text: str, style: str, colour: bool) -> str:
    return f"\x1b[{_SGR[style]}m{text}\x1b[0m" if colour and text else text


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _signed(value: Decimal) -> str:
    return f"+{value:f}" if value > 0 else f"{value:f}"


def sort_key(f: Finding, index: int = 0) -> tuple[int, int, int, float, int, int]:
    """Worst first, then the place in the document: page, line, top of the box, offset.

    Findings with no place (report-wide ones) come first within a severity;
    *index* (the order the rules produced them in) breaks ties.
    """
    loc = f.location
    prov = loc.provenance if loc is not None else None
    placed = 1 if prov is not None and (prov.page is not None or prov.line is not None) else 0
    page = prov.page if prov is not None and prov.page is not None else 0
    line = prov.line if prov is not None and prov.line is not None else 0
    top = prov.bbox[1] if prov is not None and prov.bbox is not None else 0.0
    start = loc.start if loc is not None and loc.start is not None else 0
    return (-f.severity.rank, placed, page * 1_000_000 + line, top, start, index)


def _figures(f: Finding) -> str:
    figures = []
    if f.expected is not None:
        figures.append(f"expected {f.expected:f}")
    if f.actual is not None:
        figures.append(f"actual {f.actual:f}")
    if f.difference is not None:
        figures.append(f"difference {_signed(f.difference)}")
    if f.tolerance is not None:
        figures.append(f"tolerance ±{f.tolerance:f}")
    if f.expected is None and f.difference is None:
        return ""  # a lone printed figure is already in the message
    unit = f" ({f.unit.value})" if f.unit is not None else ""
    return "  ".join(figures) + unit


_SENTENCE_WIDTH = 36
"""Characters of a sentence shown around its marked figure (most are double-width)."""


def _where(loc: Location | None) -> str:
    return loc.describe(file=False, width=_SENTENCE_WIDTH) if loc is not None else "report"


def finding(f: Finding, *, colour: bool = False, places: Sequence[Location | None] = ()) -> str:
    """One finding: rule and message, then ``-->`` where it is, then its figures.

    *places* replaces the finding's own main location by several (the places
    of findings with the same rule and message, printed once).
    """
    sev = f.severity.value
    outcome = (
        f" [{f.outcome.value.replace('_', ' ')}]" if f.outcome is not Outcome.INCONSISTENT else ""
    )
    count = f" (×{len(places)})" if len(places) > 1 else ""
    head = (
        f"{_paint(sev, sev, colour)} {_paint(f.rule, 'rule', colour)} "
        f"{_one_line(f.message)}{outcome}{count}"
    )
    arrow = _paint("-->", "dim", colour)
    lines = [head, *(f"  {arrow} {_where(loc)}" for loc in places or (f.location,))]
    figures = _figures(f)
    if figures:
        lines.append(f"      {figures}")
    if f.reason is not None:
        lines.append(f"      reason: {f.reason.value}")
    if f.note and f.note not in f.message and f.severity is not Severity.INFO:
        lines.append(f"      note: {_one_line(f.note)}")
    return "\n".join(lines)


def _same(f: Finding) -> tuple[object, ...]:
    return (f.rule, f.severity, f.outcome, f.message, f.expected, f.actual, f.difference, f.note)


def _grouped(findings: Iterable[Finding]) -> list[tuple[Finding, list[Location | None]]]:
    """Findings sorted, those of one rule with the same message and figures merged.

    A merged group stands where its first placed member stands (a group whose
    members are all report-wide stands with the report-wide findings).
    """
    ordered = sorted(enumerate(findings), key=lambda p: sort_key(p[1], p[0]))
    groups: dict[tuple[object, ...], tuple[Finding, list[Location | None]]] = {}
    positions: dict[tuple[object, ...], tuple[int, int, int, float, int, int]] = {}
    for index, f in ordered:
        key, same = sort_key(f, index), _same(f)
        if same not in groups:
            groups[same], positions[same] = (f, [f.location]), key
            continue
        groups[same][1].append(f.location)
        if positions[same][1] == 0 and key[1] == 1:
            positions[same] = key
    return [groups[same] for same in sorted(groups, key=positions.__getitem__)]


_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|\d+(?:\.\d+)?")


def _reason(f: Finding) -> str:
    """Why an info finding is there, in a form shared by findings of the same cause."""
    if f.outcome is not Outcome.NOT_EVALUATED:
        return f"{f.title_zh}（{f.reason.value}）" if f.reason is not None else f.title_zh
    message = _one_line(f.message)
    for mark in ("未能核对：", "未能检查："):
        if mark in message:
            reason = message.split(mark, 1)[1]
            reason = reason.split("，", 1)[0] if "，" in reason else reason
            return _QUOTED.sub(lambda m: "“…”" if m.group()[:1] in "“「" else "N", reason)
    return f.title_zh


_OUTCOME_WORDS = {
    Outcome.ROUNDING_RESIDUE: ("rounding residue", "rounding residues", "尾数误差"),
    Outcome.TRUNCATION_RESIDUE: ("truncation residue", "truncation residues", "截尾"),
    Outcome.NOT_EVALUATED: ("figure not checked", "figures not checked", "未能核对"),
    Outcome.INCONSISTENT: ("inconsistency", "inconsistencies", "不一致"),
    Outcome.EXACT: ("pass", "passes", "一致"),
}


def info_summary(findings: Sequence[Finding], *, reasons: int = 4, colour: bool = False) -> str:
    """Info findings as counts by outcome, each with its most frequent reasons."""
    if not findings:
        return ""
    lines = [
        f"{_paint(f'{len(findings)} info', 'info', colour)} not shown (--show info lists them):"
    ]
    by_outcome: dict[Outcome, Counter[str]] = {}
    for f in findings:
        by_outcome.setdefault(f.outcome, Counter())[_reason(f)] += 1
    for outcome, counter in sorted(by_outcome.items(), key=lambda kv: -kv[1].total()):
        one, many, zh = _OUTCOME_WORDS[outcome]
        total = counter.total()
        common = counter.most_common(reasons if len(counter) > reasons + 1 else reasons + 1)
        shown = "; ".join(f"{reason} {n}" for reason, n in common)
        rest = total - sum(n for _, n in common)
        more = f"; {rest} for {len(counter) - len(common)} other reasons" if rest else ""
        lines.append(f"  {total} {one if total == 1 else many} ({zh}): {shown}{more}")
    return "\n".join(lines)


def report(
    result: CheckResult,
    *,
    source: str | None = None,
    show_info: bool = False,
    min_severity: Severity | str = Severity.INFO,
    colour: bool = False,
) -> str:
    """One report: its name, its findings worst first, and its info summarised.

    *show_info* prints info findings in full instead of summarising them;
    findings below *min_severity* are left out (they are still counted in
    the verdict's totals).
    """
    level = Severity.parse(min_severity)
    out = [source if source is not None else (result.source or "report")]
    shown = [f for f in result.findings if f.severity >= level]
    full = [f for f in shown if show_info or f.severity is not Severity.INFO]
    out.extend(finding(f, colour=colour, places=places) for f, places in _grouped(full))
    if not show_info:
        summary = info_summary([f for f in shown if f.severity is Severity.INFO], colour=colour)
        if summary:
            out.append(summary)
    if not result.findings:
        out.append("no findings")
    return "\n".join(out)


def _figures_counted(result: CheckResult) -> tuple[int, int]:
    """Figures compared (passes, residues, inconsistencies) and figures left not evaluated."""
    by = result.summary.by_outcome
    not_checked = by.get(Outcome.NOT_EVALUATED.value, 0)
    return sum(n for name, n in by.items() if name != Outcome.NOT_EVALUATED.value), not_checked


def exit_code(
    results: Sequence[CheckResult], *, fail_on: Severity | str = Severity.ERROR, unreadable: int = 0
) -> int:
    """``govfin check``'s exit code (see :data:`EXIT_MEANING`).

    2 when an input was unreadable, 1 when a finding reaches *fail_on* or a report
    could not be checked in full (GF-S004), else 0.  The findings are counted
    by each summary, so results without their findings (a batch's briefs) count too.
    """
    if unreadable:
        return ExitCode.BAD_INPUT
    level = Severity.parse(fail_on)
    if any(_reaches(r.summary, level) or not r.complete for r in results):
        return ExitCode.FINDINGS
    return ExitCode.OK


def _reaches(summary: Summary, level: Severity) -> bool:
    """Whether *summary* counts a finding of *level* or worse."""
    return any(n and Severity.parse(name) >= level for name, n in summary.by_severity.items())


def verdict(
    results: Sequence[CheckResult],
    *,
    exit_code: int,
    unreadable: int = 0,
    fail_on: Severity | str = Severity.ERROR,
    colour: bool = False,
) -> str:
    """The closing line: totals, coverage, and what the exit code means.

    >>> from govfin.rules import CheckResult, Summary
    >>> s = Summary({"error": 2, "warning": 1, "info": 5}, {"exact": 90, "not_evaluated": 4})
    >>> verdict([CheckResult("a.txt", (), s)], exit_code=1)
    'FAILED: 2 errors, 1 warning, 5 info; 90 figures checked, 4 not checked; exit 1 (errors found)'
    """
    total = Summary(reports=0)
    found = recognised = expected = 0
    known = bool(results)
    contents = bool(results)
    checked = not_checked = 0
    for r in results:
        total = total + r.summary
        done, left = _figures_counted(r)
        checked += done
        not_checked += left
        if r.coverage is None:
            known = False
        else:
            found += r.coverage.tables_found
            recognised += r.coverage.tables_recognised
            expected += r.coverage.tables_expected
            contents = contents and r.coverage.expected_from == CONTENTS
    word = "FAILED" if exit_code else "OK"
    parts = [
        (
            f"{total.errors} error{'s' * (total.errors != 1)}, "
            f"{total.warnings} warning{'s' * (total.warnings != 1)}, {total.infos} info"
        )
    ]
    if known:
        listed = " listed in the 目录" if contents else ""
        more = f" ({recognised} recognised)" if recognised != found else ""
        parts.append(f"{found}/{expected} tables{listed} found{more}")
    parts.append(f"{checked} figures checked, {not_checked} not checked")
    if len(results) + unreadable > 1:
        bad = f", {unreadable} unreadable" if unreadable else ""
        parts.append(f"{len(results)} reports{bad}")
    elif unreadable:
        parts.append("input unreadable")
    meaning = EXIT_MEANING.get(exit_code, "")
    if exit_code == ExitCode.FINDINGS:
        level = Severity.parse(fail_on)
        reached = _reaches(total, level)
        meaning = "errors found" if level is Severity.ERROR else f"{level.value}s or worse found"
        partial = sum(1 for r in results if not r.complete)
        if partial:
            what = "report" if partial == 1 else f"{partial} reports"
            gap = f"{what} not checked in full"
            meaning = f"{meaning}; {gap}" if reached else gap
    parts.append(f"exit {exit_code}" + (f" ({meaning})" if meaning else ""))
    return f"{_paint(word, 'fail' if exit_code else 'ok', colour)}: " + "; ".join(parts)


def summary_table(rows: Sequence[tuple[str, Summary]], *, failed: Sequence[str] = ()) -> str:
    """One line per report and a total line: errors, warnings, info, exact, residues.

    *failed* lists inputs that could not be read; they show as ``unreadable``.

    >>> s = Summary({"error": 1, "warning": 0, "info": 2}, {"exact": 5, "rounding_residue": 2})
    >>> print(summary_table([("a.txt", s)]))
    source  errors  warnings  info  exact  residues  not evaluated
    a.txt        1         0     2      5         2              0
    total        1         0     2      5         2              0
    """
    header = ("source", "errors", "warnings", "info", "exact", "residues", "not evaluated")
    body: list[tuple[str, ...]] = []
    total = Summary(reports=0)
    for name, s in rows:
        total = total + s
        body.append(_cells(name, s))
    body.extend((name, "unreadable", "", "", "", "", "") for name in failed)
    body.append(_cells("total", total))
    width = [max(len(r[i]) for r in (header, *body)) for i in range(len(header))]
    lines = []
    for r in (header, *body):
        first = r[0].ljust(width[0])
        rest = [c.rjust(w) for c, w in zip(r[1:], width[1:], strict=True)]
        lines.append("  ".join([first, *rest]).rstrip())
    return "\n".join(lines)


def _cells(name: str, s: Summary) -> tuple[str, ...]:
    o = s.by_outcome
    residues = o.get("rounding_residue", 0) + o.get("truncation_residue", 0)
    return (
        name,
        str(s.errors),
        str(s.warnings),
        str(s.infos),
        str(s.passes),
        str(residues),
        str(o.get("not_evaluated", 0)),
    )
