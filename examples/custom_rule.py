"""Write a custom rule, register it with the decorator, and run it like a built-in one.

The rule below warns when one 项 takes more than 60% of the 一般公共预算财政拨款
spending, a concentration an auditor may want explained.  It is registered in
:data:`govfin.rules.REGISTRY` with :func:`govfin.rules.rule`, so ``check`` runs it
with the built-in rules, and selectors (its id, its tag) pick it out.

Run from the repository root::

    python examples/custom_rule.py
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from govfin.calc import percent, round_percent
from govfin.io import load_example
from govfin.rules import REGISTRY, Context, Finding, Location, Outcome, check, rule

LIMIT = Decimal(60)


@rule(
    "ACME-001",
    title="No single 项 takes more than 60% of general-budget spending",
    message="{table}{row}「{label}」占一般公共预算财政拨款支出的{share}%，超过{limit}%",
    severity="warning",
    tags=("acme", "concentration"),
    tables=("final.general_budget",),
)
def one_item_dominates(ctx: Context) -> Iterator[Finding]:
    table = ctx.report.table("final.general_budget")
    total = table.value("total", "total")
    if not total:
        return
    for row in table.code_rows(level=3):
        value = row.value("total")
        if value is None:
            continue
        share = round_percent(percent(value, total))
        if share > LIMIT:
            yield ctx.finding(
                Outcome.INCONSISTENT,
                Location.cell(table, row, "total"),
                expected=LIMIT,
                actual=share,
                share=share,
                limit=LIMIT,
            )


def main() -> None:
    report = load_example()
    mine = REGISTRY.rules().select("ACME-001")
    print(f"registered: {mine.ids[0]} {mine['ACME-001'].title}")
    result = check(report, mine)
    for finding in result.findings:
        print(f"{finding.rule} {finding.severity.value}: {finding.message}")
    # selected by its tag, and part of the full run like any built-in rule
    by_tag = REGISTRY.rules().select("tag:acme")
    print(f"selected by tag 'acme': {', '.join(by_tag.ids)}")
    everything = check(report)
    print(
        f"full run: {len(everything.by_rule('ACME-001'))} ACME-001 finding among "
        f"{everything.summary.findings} ({everything.summary.rules_run} rules)"
    )
    REGISTRY.remove("ACME-001")  # tidy up (matters only when imported, as in the tests)


if __name__ == "__main__":
    main()
