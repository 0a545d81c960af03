"""Benchmark of the Excel back end: write and read time for the seed report.

A script, not a test: ``python benchmarks/bench_excel.py``.  Prints the best of
several runs, as wall-clock time and as this process's CPU time (the CPU time
is the steadier figure on a shared machine), for:

* ``save_xlsx`` of the seed (9 tables, the narrative, the hidden sheet);
* ``load_xlsx`` of that workbook (guided by the hidden sheet);
* ``load_xlsx`` of the same workbook without its hidden sheet (read by layout,
  recognised and bound like a hand-made workbook);
* the import of :mod:`govfin.io.excel` and of openpyxl.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl

from govfin.io import load_example
from govfin.io.excel import META_SHEET, load_xlsx, save_xlsx

REPEAT = 7


def best(func: Callable[[], object], repeat: int = REPEAT) -> tuple[float, float]:
    """The best wall-clock and CPU times of *repeat* runs, in seconds."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        func()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return min(walls), min(cpus)


def import_time(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    runs = [
        float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                             text=True).stdout)
        for _ in range(5)
    ]  # fmt: skip
    return min(runs)


def line(what: str, times: tuple[float, float], extra: str = "") -> None:
    wall, cpu = times
    print(f"{what:<38} {wall * 1000:8.1f} ms wall {cpu * 1000:8.1f} ms CPU{extra}")


def main() -> None:
    print(f"python {sys.version.split()[0]}, openpyxl {openpyxl.__version__}")
    print(f"{'import govfin.io.excel':<38} {import_time('govfin.io.excel') * 1000:8.1f} ms")
    print(f"{'import openpyxl':<38} {import_time('openpyxl') * 1000:8.1f} ms")
    seed = load_example()
    cells = sum(len(r.cells) for t in seed.tables for r in t.rows)
    rows = sum(len(t.rows) for t in seed.tables)
    print(f"seed: {len(seed.tables)} tables, {rows} rows, {cells} cells")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "seed.xlsx"
        save_xlsx(seed, path)  # warm up: imports, schema registry
        line("save_xlsx (seed)", best(lambda: save_xlsx(seed, path)))
        size = path.stat().st_size
        print(f"{'workbook size':<38} {size / 1024:8.1f} KiB")
        assert load_xlsx(path) == seed
        line("load_xlsx (seed, hidden sheet)", best(lambda: load_xlsx(path)))
        bare = Path(tmp) / "bare.xlsx"
        book = openpyxl.load_workbook(path)
        del book[META_SHEET]
        book.save(bare)
        line("load_xlsx (seed, by layout)", best(lambda: load_xlsx(bare)))


if __name__ == "__main__":
    main()
