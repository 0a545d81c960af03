"""Draft the 情况说明 of the seed report from its tables, then check the draft.

:func:`govfin.narrative.draft` writes the standard paragraphs of a 部门决算's
情况说明 with exact figures (shares by largest remainder, so each list sums to
100.00%) and marks with 【待填写：…】 what only the department can say (last year's
figures, reasons).  The draft is then checked like any published text.

Run from the repository root::

    python examples/draft_narrative.py
"""

from __future__ import annotations

from govfin.io import load_example
from govfin.narrative import FILL, draft
from govfin.report import Narrative, Section
from govfin.rules import Outcome, Severity, assess


def main() -> None:
    report = load_example()
    text = draft(report)
    print(text)
    drafted = report.evolve(narrative=Narrative((Section("", text),)))
    verdicts = assess(drafted)
    exact = sum(v.outcome is Outcome.EXACT for v in verdicts)
    bad = [v for v in verdicts if v.severity >= Severity.WARNING]
    marker = FILL.split("{", 1)[0]
    print(f"to fill in by hand: {text.count(marker)} places marked {marker}…】")
    print(f"checked against the tables: {exact} figures exact, {len(bad)} errors or warnings")


if __name__ == "__main__":
    main()
