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
_ENTRY = re.compile(r"表\s*(?:[（(][^）)]{1,8}[）)])?\s*(?:[.．·…⋯\s]*\d+)?$")


def listed_tables(report: Report) -> int | None:
    """How many tables the document's 目录 lists, or ``None`` without a 目录."""
    section = report.narrative.find("目录") if report.narrative else None
    if section is None or section.heading != "目录":
        return None
    # two entries read as one line (…预算表9.2025年…) are split again
    text = re.sub(r"(?<=表)(?=\d+\s*[.．、])", "\n", section.text)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return sum(1 for ln in lines if _is_table_entry(ln)) or None


def _is_table_entry(line: str) -> bool:
    """A contents line naming one table (not a part heading such as 五、部门预算表)."""
    if not _ENTRY.search(line) or "部分" in line:
        return False
    bare = re.sub(r"[\s.．·…⋯0-9]+$", "", line)
    bare = re.sub(r"^[\s一二三四五六七八九十、.．0-9]+", "", bare)
    bare = re.sub(r"20\d\d年度?", "", bare)
    return bare not in {"部门预算表", "预算表", "部门决算表", "决算表", "单位预算表", "报表"}


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
