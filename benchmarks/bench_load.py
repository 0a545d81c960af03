"""Load time of the seed report (plain text) and the native JSON round trip.

Run: ``python benchmarks/bench_load.py [--repeat N]``.  Prints the best and the
median of N runs for each step; the PDF samples are measured in their own
benchmark.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from govfin.io import example_path
from govfin.io.jsonio import from_json, to_json
from govfin.io.text import load_text, read_text
from govfin.tables.bind import bind_document


def _time(step: Callable[[], object], repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        runs.append(time.perf_counter() - start)
    return min(runs), statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    path = example_path()
    raw = read_text(path)
    report = load_text(path)
    text = to_json(report)
    cells = sum(len(r.cells) for t in report.tables for r in t.rows)
    print(f"seed: {path.name}, {len(report.tables)} tables, {cells} cells, JSON {len(text)} chars")
    steps: dict[str, Callable[[], object]] = {
        "read_text (grid)": lambda: read_text(path),
        "bind_document": lambda: bind_document(raw),
        "load_text (total)": lambda: load_text(path),
        "to_json": lambda: to_json(report),
        "from_json": lambda: from_json(text),
        "JSON round trip": lambda: from_json(to_json(report)),
    }
    for name, step in steps.items():
        best, median = _time(step, args.repeat)
        print(f"{name:20s} best {best * 1000:7.2f} ms   median {median * 1000:7.2f} ms")


if __name__ == "__main__":
    main()
