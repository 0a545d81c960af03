"""Findings as plain text: grouped by table, with expected / actual / difference.

>>> from decimal import Decimal
>>> from govfin.amounts import Unit
>>> from govfin.rules import CheckResult, Finding, Location, Outcome, Severity, Summary
>>> f = Finding("GF-R002", Severity.INFO, Outcome.ROUNDING_RESIDUE,
...     "301「工资福利支出」决算数为321.41万元，所属款之和为321.40万元",
...     title="A 类 equals the sum of its 款",
...     expected=Decimal("321.40"), actual=Decimal("321.41"), difference=Decimal("0.01"),
...     tolerance=Decimal("0.055"), unit=Unit.WANYUAN,
...     locations=(Location(table="final.general_basic", table_label="公开06表 基本支出决算明细表",
...                         row="301", row_label="工资福利支出", column="amount",
...                         column_title="决算数"),))
>>> s = Summary({"info": 1, "warning": 0, "error": 0}, {"exact": 10, "rounding_residue": 1})
>>> print(report(CheckResult("seed.txt", (f,), s)))
seed.txt
<BLANKLINE>
公开06表 基本支出决算明细表
  info    GF-R002  row 301 工资福利支出, column 决算数  [rounding residue]
          301「工资福利支出」决算数为321.41万元，所属款之和为321.40万元
          expected 321.40  actual 321.41  difference +0.01  tolerance ±0.055 (万元)
<BLANKLINE>
0 errors, 0 warnings, 1 info; 10 exact, 1 rounding residue, ...
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from govfin.rules import CheckResult, Finding, Location, Summary

__all__ = ["finding", "report", "summary_table"]

_NO_TABLE = "（报告整体 / report-wide）"
_NARRATIVE = "（情况说明 / narrative）"


def _where(loc: Location | None) -> str:
    if loc is None:
        return ""
    if loc.kind == "narrative":
        text = _one_line(loc.sentence or "")
        if len(text) > 40:
            text = text[:39] + "…"
        span = f" [{loc.start}–{loc.end}]" if loc.start is not None else ""
        return f"「{text}」{span}" if text else span.strip()
    parts = []
    if loc.row is not None:
        label = f" {_one_line(loc.row_label)}" if loc.row_label and loc.row_label != loc.row else ""
        line = f" (行次 {loc.line_no})" if loc.line_no else ""
        parts.append(f"row {loc.row}{label}{line}")
    if loc.column is not None:
        parts.append(f"column {loc.column_title or loc.column}")
    return ", ".join(parts)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _signed(value: Decimal) -> str:
    return f"+{value:f}" if value > 0 else f"{value:f}"


def finding(f: Finding, *, indent: str = "  ") -> str:
    """One finding on two or three lines."""
    where = _where(f.location)
    head = f"{indent}{f.severity.value:<7} {f.rule}  {where}".rstrip()
    head += f"  [{f.outcome.value.replace('_', ' ')}]"
    lines = [head, f"{indent}        {_one_line(f.message)}"]
    figures = []
    if f.expected is not None:
        figures.append(f"expected {f.expected:f}")
    if f.actual is not None:
        figures.append(f"actual {f.actual:f}")
    if f.difference is not None:
        figures.append(f"difference {_signed(f.difference)}")
    if f.tolerance is not None:
        figures.append(f"tolerance ±{f.tolerance:f}")
    if figures:
        unit = f" ({f.unit.value})" if f.unit is not None else ""
        reason = f"  reason {f.reason.value}" if f.reason is not None else ""
        lines.append(f"{indent}        {'  '.join(figures)}{unit}{reason}")
    elif f.reason is not None:
        lines.append(f"{indent}        reason {f.reason.value}")
    if f.note and f.note not in f.message:
        lines.append(f"{indent}        note: {f.note}")
    return "\n".join(lines)


def _group(f: Finding) -> str:
    loc = f.location
    if loc is None or loc.kind == "report":
        return _NO_TABLE
    if loc.kind == "narrative":
        return _NARRATIVE
    return loc.table_label or loc.table or _NO_TABLE


def _group_order(name: str) -> tuple[int, str]:
    if name == _NO_TABLE:
        return (0, "")
    if name == _NARRATIVE:
        return (2, "")
    return (1, name)


def report(result: CheckResult, *, source: str | None = None) -> str:
    """One report's findings grouped by table, then its summary.

    Report-wide findings come first, then the tables in the order of their
    printed numbers, then the narrative; within a group, findings keep the
    order the rules produced them in.
    """
    out = [source if source is not None else (result.source or "report")]
    groups: dict[str, list[Finding]] = {}
    for f in result.findings:
        groups.setdefault(_group(f), []).append(f)
    for name, items in sorted(groups.items(), key=lambda kv: _group_order(kv[0])):
        out.append("")
        out.append(name)
        out.extend(finding(f) for f in items)
    if not result.findings:
        out.append("")
        out.append("no findings")
    out.append("")
    out.append(result.summary.line())
    return "\n".join(out)


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
