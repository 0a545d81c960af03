"""Recompute every table total and every figure of the 情况说明 of the bundled seed report.

The seed is the 2024 部门决算 of 株洲市渌口区行政审批服务局 (a Word document saved as
text).  For each table, the 合计 row is recomputed from the 类 rows beneath it with
the rounding model of :func:`govfin.rules.compare_sum`; then every identity the
rules engine knows (GF-T within a table, GF-R rollups, GF-X across tables) is run
and the totals that are not exact are shown side by side.  Finally every figure
quoted in the 情况说明 is recomputed from the tables (:func:`govfin.rules.assess`)
and printed next to the claim with its verdict.

Run from the repository root::

    python examples/recompute_lukou_2024.py
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from govfin.io import load_example
from govfin.report import Report
from govfin.rules import REGISTRY, Finding, Outcome, Severity, assess, check, compare_sum

VERDICTS = {
    Outcome.EXACT: "exact",
    Outcome.ROUNDING_RESIDUE: "accepted (rounding)",
    Outcome.TRUNCATION_RESIDUE: "accepted only if truncated",
}


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, size: int) -> str:
    return text + " " * max(size - width(text), 0)


def clip(text: str, size: int) -> str:
    text = " ".join(text.split())
    while width(text) > size:
        text = text[:-2] + "…"
    return text


def table_lines(rows: Sequence[Sequence[str]]) -> list[str]:
    sizes = [max(width(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  " + "  ".join(pad(c, s) for c, s in zip(r, sizes, strict=True)).rstrip() for r in rows
    ]


def verdict_word(outcome: Outcome, severity: Severity) -> str:
    if outcome is Outcome.INCONSISTENT:
        return "WRONG" if severity is Severity.ERROR else "doubtful"
    return VERDICTS.get(outcome, str(outcome.value))


def fmt(value: Decimal | None) -> str:
    return "" if value is None else f"{value:f}"


def recompute_totals(report: Report) -> None:
    print("1. 合计 rows recomputed from their 类 rows")
    rows = [["table", "column", "printed", "recomputed", "verdict"]]
    for table in report.tables:
        total = table.get("total")
        classes = table.code_rows(level=1)
        if total is None or not classes:
            continue
        for column in table.columns:
            if column.precision is None or column.key not in total.cells:
                continue
            printed = total.cell(column.key)
            parts = [r.cell(column.key) for r in classes]
            comparison = compare_sum(printed, parts, precision=column.precision)
            rows.append(
                [
                    clip(table.label, 34),
                    clip(column.title, 16),
                    printed.text or "(blank)",
                    fmt(comparison.expected),
                    verdict_word(comparison.outcome, Severity.ERROR),
                ]
            )
    print("\n".join(table_lines(rows)))


def rules_engine(report: Report) -> None:
    print()
    print("2. Every identity of the rules engine (GF-T, GF-R, GF-X)")
    not_exact: list[Finding] = []
    for rule in REGISTRY.rules().select("GF-T", "GF-R", "GF-X"):
        result = check(report, [rule])
        summary = result.summary
        checked = summary.passes + summary.findings
        if not checked:
            continue
        print(f"  {rule.id} {rule.title}: {checked} checked, {summary.passes} exact")
        not_exact.extend(result.findings)
    rows = [["rule", "where", "printed", "recomputed", "verdict"]]
    for f in not_exact:
        where = f.locations[0] if f.locations else None
        place = ""
        if where is not None:
            parts = (where.table_label or where.table, where.row, where.column_title)
            place = " ".join(p for p in parts if p)
        rows.append(
            [
                f.rule,
                clip(place, 52),
                fmt(f.actual),
                fmt(f.expected),
                verdict_word(f.outcome, f.severity),
            ]
        )
    print("  totals that are not exact:")
    print("\n".join(table_lines(rows)))


PERCENT_RULES = ("GF-N002", "GF-N003", "GF-N004", "GF-N013")


def claim_row(v: Finding) -> list[str]:
    """Section, claim, the figure as printed, the figure recomputed, the verdict, the rule."""
    loc = v.location
    section = (loc.section if loc is not None else None) or ""
    said = (loc.figure_text if loc is not None else None) or ""
    unit = "%" if v.rule in PERCENT_RULES else ""
    printed = fmt(v.actual) + unit if v.actual is not None else ""
    recomputed = fmt(v.expected) + unit if v.expected is not None else "—"
    if v.rule == "GF-N005" and v.actual is not None and v.expected is not None:
        # 决算数大于年初预算数: the word as printed, the two figures it compares
        sign = ">" if v.actual > v.expected else "<" if v.actual < v.expected else "="
        printed, recomputed = said, f"{v.actual:f} {sign} {v.expected:f}"
    verdict = verdict_word(v.outcome, v.severity)
    if v.outcome is Outcome.ROUNDING_RESIDUE and "最大余额" in v.message:
        verdict = "accepted (largest remainder)"
    return [clip(section, 24), clip(said, 34), printed, recomputed, verdict, v.rule]


def in_document_order(report: Report) -> dict[str, int]:
    """Each section heading → its place in the prose."""
    order: dict[str, int] = {}
    for i, section in enumerate(report.narrative.sections):
        order.setdefault(section.heading, i)
    return order


def recompute_narrative(report: Report) -> None:
    print()
    print("3. 情况说明: every figure quoted, recomputed from the tables")
    verdicts = [v for v in assess(report) if v.rule != "GF-N009"]
    checked = [v for v in verdicts if v.outcome is not Outcome.NOT_EVALUATED]
    order = in_document_order(report)

    def place(v: Finding) -> tuple[int, int, int, str]:
        loc = v.location
        if loc is None:
            return (-1, -1, -1, v.rule)
        figure = loc.figure[0] if loc.figure is not None else -1
        start = loc.start if loc.start is not None else -1
        return (order.get(loc.section or "", len(order)), start, figure, v.rule)

    checked.sort(key=place)
    rows = [["section", "claim", "printed", "recomputed", "verdict", "rule"]]
    rows += [claim_row(v) for v in checked]
    print("\n".join(table_lines(rows)))
    wrong = [v for v in checked if v.outcome is Outcome.INCONSISTENT]
    errors = [v for v in wrong if v.severity is Severity.ERROR]
    residues = [v for v in checked if v.outcome is Outcome.ROUNDING_RESIDUE]
    skipped = len(verdicts) - len(checked)
    print(
        f"  {len(checked)} figures checked: {len(checked) - len(wrong) - len(residues)} exact, "
        f"{len(residues)} accepted by rounding, {len(errors)} wrong, "
        f"{len(wrong) - len(errors)} doubtful; {skipped} not checkable from the tables"
    )
    for v in errors:
        print(f"  WRONG {v.rule}: {v.message}")


def main() -> None:
    report = load_example()
    print(f"{report.department} {report.year}年度部门{report.kind.value} ({report.source})")
    print(f"{len(report.tables)} tables, {len(report.narrative.sections)} sections of prose")
    print()
    recompute_totals(report)
    rules_engine(report)
    recompute_narrative(report)


if __name__ == "__main__":
    main()
