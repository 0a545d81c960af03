"""Check a PDF disclosure and print what govfin finds.

By default the sample 部门决算 of 上海市普陀区财政局 with deliberately planted errors
(``tests/data/pdf/putuo-czj-2024-final-with-planted-errors.pdf``); give another path
to check your own.  Reads PDFs with pypdfium2, a dependency of govfin.

Run from the repository root::

    python examples/check_pdf.py [PATH.pdf]
"""

from __future__ import annotations

import sys
from pathlib import Path

from govfin.io import load
from govfin.render import text
from govfin.rules import Severity, check

SAMPLE = Path("tests/data/pdf/putuo-czj-2024-final-with-planted-errors.pdf")


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else SAMPLE
    report = load(path)
    recognised = [t for t in report.tables if t.schema is not None]
    print(f"{path.name}: {report.department or '?'} {report.year}年度{report.kind.value}")
    print(f"{len(recognised)} of {len(report.tables)} tables recognised:")
    for table in recognised:
        print(f"  {table.schema:<22} {table.label} ({len(table.rows)} rows)")
    result = check(report)
    print()
    print("errors and warnings (info findings, such as 尾数误差, are left out here):")
    for finding in result.at_least(Severity.WARNING):
        print(text.finding(finding))
    print()
    print(result.summary.line())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
