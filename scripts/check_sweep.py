"""Read back a producer sweep: every PDF against its truth, and what the check says of it.

A sweep is the producer zoo printed for other seeds
(``python scripts/make_producer_zoo.py --shift N --out DIR``): the same
producers, reports govfin has never read.  For each ``NAME--PRODUCER.pdf`` of
each folder, beside its truth ``NAME.json``, this prints one line: ``OK`` when
every cell reads back (:func:`govfin.testing.differences`), the check finds no
error and says the report was checked in full; else ``BAD`` with the first
differences and errors.  The summary counts, over all folders:

* read right and complete;
* PDFs with error findings (the reports are consistent: every error is one
  the reading made);
* silent misreads (cells read wrong, yet no error and a complete check: the
  worst case, a check that looks clean on a report it did not read);
* reports not checked in full (the reading's gaps, told).

Usage::

    python scripts/check_sweep.py /tmp/sweep/s21 /tmp/sweep/s22 ...
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from govfin.errors import GovfinError
from govfin.io import load
from govfin.rules import check
from govfin.testing import differences


def read_back(pdf: Path) -> tuple[str, Counter[str]]:
    """One line on *pdf* and what it counts for the summary."""
    counts: Counter[str] = Counter(pdfs=1)
    truth = load(pdf.parent / f"{pdf.name.split('--', 1)[0]}.json")
    try:
        read = load(pdf)
    except GovfinError as exc:
        counts["not loaded"] += 1
        return f"EXC {pdf}: {exc}", counts
    wrong = differences(truth, read)
    result = check(read)
    counts["cells or rows wrong"] += len(wrong)
    counts["error findings"] += len(result.errors)
    if not wrong and not result.errors and result.complete:
        counts["read right and complete"] += 1
        return f"OK  {pdf}", counts
    counts["PDFs with errors"] += bool(result.errors)
    counts["silent misreads"] += bool(wrong and not result.errors and result.complete)
    counts["not checked in full"] += not result.complete
    said = "; ".join(d.describe() for d in wrong[:3])
    errors = "; ".join(f"{f.rule} {f.message[:80]}" for f in result.errors[:2])
    return f"BAD {pdf} complete={result.complete} | {said} | {errors}", counts


def main(argv: list[str] | None = None) -> int:
    """Read back every sweep PDF of the folders given; print a line each and the summary."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args(argv)
    total: Counter[str] = Counter()
    for folder in args.folders:
        for pdf in sorted(folder.glob("*--*.pdf")):
            line, counts = read_back(pdf)
            print(line, flush=True)
            total.update(counts)
    print()
    for key in (
        "pdfs",
        "read right and complete",
        "PDFs with errors",
        "error findings",
        "silent misreads",
        "not checked in full",
        "cells or rows wrong",
        "not loaded",
    ):
        print(f"{key:>24}: {total[key]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
