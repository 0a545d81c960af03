"""Tables recognised per PDF, against the tables the document lists, and its error findings.

For every PDF under ``tests/data/pdf`` (the 上海 samples and the 江苏 2017–2018
预算 set): the tables recognised (bound to a schema) / the tables present (the
entries of the document's own 目录 that name a table — ``…表`` — when it has
one, else the tables read), the error findings of the full rule set and the
time to findings.  Run from the repository root::

    python benchmarks/bench_recognition.py [PDF ...]
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from govfin.errors import LoadError
from govfin.io import load
from govfin.report import Report
from govfin.rules import check

ROOT = Path(__file__).resolve().parent.parent
PDFS = sorted((ROOT / "tests" / "data" / "pdf").rglob("*.pdf"))
_ENTRY = re.compile(r"表\s*[（(]?[^）)\s]{0,6}[）)]?\s*(?:[.．·…⋯\s]*\d+)?$")


def listed_tables(report: Report) -> int | None:
    """How many tables the document's 目录 lists, or ``None`` without a 目录."""
    section = report.narrative.find("目录") if report.narrative else None
    if section is None or section.heading != "目录":
        return None
    lines = [ln.strip() for ln in section.text.splitlines() if ln.strip()]
    return sum(1 for ln in lines if _ENTRY.search(ln) and "部分" not in ln) or None


def main(paths: list[Path]) -> None:
    """Print one line per PDF."""
    print(f"{'file':48} {'recognised':>10} {'present':>8} {'errors':>6} {'s':>6}")
    for path in paths:
        start = time.process_time()
        try:
            report = load(str(path))
        except LoadError as exc:
            why = str(exc).rsplit(": ", 1)[-1]
            print(f"{path.name:48} {'-':>10} {'-':>8} {'-':>6}  ({why})")
            continue
        result = check(report)
        spent = time.process_time() - start
        recognised = sum(1 for t in report.tables if t.schema is not None)
        listed = listed_tables(report)
        present = f"{listed}" if listed is not None else f"{len(report.tables)}*"
        errors = len(result.at_least("error"))
        print(f"{path.name:48} {recognised:>10} {present:>8} {errors:>6} {spent:6.2f}")
    print("present: the tables the 目录 lists; * the tables read (no 目录)")


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]] or PDFS)
