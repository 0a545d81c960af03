"""Findings as JSON data: every amount a string, every field named as in the schema.

The format is described by ``govfin/data/schema/findings.schema.json`` (JSON
Schema 2020-12).  :func:`document` gives the whole ``{"reports": [...]}``
document of a run over several inputs; :func:`report_dict` one report's
entry, which is also one line of JSON Lines (:func:`jsonl`).

>>> from decimal import Decimal
>>> from govfin.rules import Finding, Location, Outcome, Severity
>>> f = Finding("GF-R002", Severity.INFO, Outcome.ROUNDING_RESIDUE, "尾数误差",
...             expected=Decimal("321.40"), actual=Decimal("321.41"),
...             locations=(Location(table="final.general_basic", row="301"),))
>>> d = finding_dict(f)
>>> d["expected"], d["actual"], d["locations"][0]["row"]
('321.40', '321.41', '301')
"""

from __future__ import annotations

import json as _json
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

from govfin.rules import CheckResult, Finding, Location, Summary

__all__ = [
    "FORMAT_VERSION",
    "document",
    "dumps",
    "finding_dict",
    "jsonl",
    "location_dict",
    "report_dict",
    "summary_dict",
]

FORMAT_VERSION: Final = 1
"""The version of the findings format (``"format"`` in every document)."""


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def location_dict(loc: Location) -> dict[str, Any]:
    """One location as a JSON object (``kind`` first).

    ``where`` and ``where_zh`` are :meth:`~govfin.rules.Location.describe` in
    English and Chinese words: the same text the other outputs print.
    """
    return {
        "kind": loc.kind,
        "table": loc.table,
        "table_label": loc.table_label,
        "row": loc.row,
        "row_label": loc.row_label,
        "line_no": loc.line_no,
        "column": loc.column,
        "column_title": loc.column_title,
        "section": loc.section,
        "sentence": loc.sentence,
        "start": loc.start,
        "end": loc.end,
        "role": loc.role,
        "provenance": loc.provenance.as_dict(nulls=True) if loc.provenance else None,
        "figure": list(loc.figure) if loc.figure is not None else None,
        "where": loc.describe(),
        "where_zh": loc.describe("zh"),
    }


def finding_dict(finding: Finding) -> dict[str, Any]:
    """One finding as a JSON object; amounts are strings, absent ones ``null``."""
    return {
        "rule": finding.rule,
        "title": finding.title,
        "severity": finding.severity.value,
        "outcome": finding.outcome.value,
        "message": finding.message,
        "expected": _dec(finding.expected),
        "actual": _dec(finding.actual),
        "difference": _dec(finding.difference),
        "tolerance": _dec(finding.tolerance),
        "unit": finding.unit.value if finding.unit is not None else None,
        "note": finding.note,
        "title_zh": finding.title_zh,
        "message_en": finding.message_en,
        "reason": finding.reason.value if finding.reason is not None else None,
        "locations": [location_dict(loc) for loc in finding.locations],
    }


def summary_dict(summary: Summary) -> dict[str, Any]:
    """A summary as a JSON object: counts by severity and by outcome, and the coverage."""
    return {
        "errors": summary.errors,
        "warnings": summary.warnings,
        "info": summary.infos,
        "passes": summary.passes,
        "by_severity": dict(summary.by_severity),
        "by_outcome": dict(summary.by_outcome),
        "rules_run": summary.rules_run,
        "reports": summary.reports,
        "coverage": summary.coverage.as_dict() if summary.coverage is not None else None,
    }


def report_dict(
    result: CheckResult,
    *,
    source: str | None = None,
    meta: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """One report's entry: its source, findings and summary (plus *meta*, e.g. year)."""
    out: dict[str, Any] = {"source": source if source is not None else result.source}
    out.update(meta or {})
    out["findings"] = [finding_dict(f) for f in result.findings]
    out["summary"] = summary_dict(result.summary)
    return out


def document(
    results: Sequence[CheckResult],
    *,
    sources: Sequence[str | None] | None = None,
    errors: Iterable[Mapping[str, str]] = (),
) -> dict[str, Any]:
    """The whole findings document of a run: ``{"format", "reports", "summary", "errors"}``.

    *errors* lists the inputs that could not be read (``{"source", "error"}``).
    """
    names = list(sources) if sources is not None else [r.source for r in results]
    total = Summary(reports=0)
    for r in results:
        total = total + r.summary
    return {
        "format": FORMAT_VERSION,
        "reports": [report_dict(r, source=s) for r, s in zip(results, names, strict=True)],
        "summary": summary_dict(total),
        "errors": [dict(e) for e in errors],
    }


def dumps(data: Any, *, indent: int | None = 2) -> str:
    """JSON text with Chinese characters kept as they are (not escaped)."""
    return _json.dumps(data, ensure_ascii=False, indent=indent)


def jsonl(results: Iterable[CheckResult], sources: Iterable[str | None] | None = None) -> str:
    """JSON Lines: one compact :func:`report_dict` per line."""
    pairs = (
        zip(results, sources, strict=False)
        if sources is not None
        else ((r, r.source) for r in results)
    )
    return "".join(dumps(report_dict(r, source=s), indent=None) + "\n" for r, s in pairs)
