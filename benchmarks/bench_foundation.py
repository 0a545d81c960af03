"""Benchmark of the foundation: import time, catalogue loading, code validation, cell parsing.

A script, not a test: ``python benchmarks/bench_foundation.py``.  Prints the
best of several runs for each figure.
"""

from __future__ import annotations

import importlib
import importlib.util
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from govfin.amounts import parse_cell
from govfin.classification import Code, bundled, functional, load_catalog
from govfin.classification._files import _load_bundled

REPEAT = 5


def best(func: Callable[[], object], repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def import_time(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    runs = [
        float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                             text=True).stdout)
        for _ in range(REPEAT)
    ]  # fmt: skip
    return min(runs)


def synthetic_codes(count: int) -> list[str]:
    rng = random.Random(2024)
    codes = []
    for _ in range(count):
        depth = rng.randint(1, 3)
        code = f"2{rng.randint(1, 99):02d}" + "".join(
            f"{rng.randint(1, 99):02d}" for _ in range(depth - 1)
        )
        codes.append(code)
    return codes


def main() -> None:
    print(f"python {sys.version.split()[0]}")
    print(f"import govfin:                {import_time('govfin') * 1000:8.1f} ms")
    print(f"import govfin.classification: {import_time('govfin.classification') * 1000:8.1f} ms")

    def load() -> None:
        _load_bundled.cache_clear()
        bundled("functional", 2024)
        bundled("economic_dept", 2024)

    print(f"bundled catalogues (functional + economic_dept, cold): {best(load) * 1000:6.2f} ms")
    print(
        f"bundled catalogue (cached):   {best(lambda: bundled('functional', 2024)) * 1e6:8.2f} µs"
    )

    codes = sorted(set(synthetic_codes(3000)))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "kemu.csv"
        rows = "".join(f"{c},科目{c}\n" for c in codes)
        path.write_text("科目编码,科目名称\n" + rows, encoding="utf-8")
        csv_time = best(lambda: load_catalog(path, year=2024))
        print(f"load_catalog CSV, {len(codes)} codes: {csv_time * 1000:8.2f} ms")
        if importlib.util.find_spec("openpyxl") is not None:
            openpyxl = importlib.import_module("openpyxl")
            xlsx = Path(tmp) / "kemu.xlsx"
            book = openpyxl.Workbook()
            sheet = book.active
            sheet.append(["科目编码", "科目名称"])
            for c in codes:
                sheet.append([c, f"科目{c}"])
            book.save(xlsx)
            xlsx_time = best(lambda: load_catalog(xlsx, year=2024), repeat=3)
            print(f"load_catalog xlsx, {len(codes)} codes: {xlsx_time * 1000:7.2f} ms")

    many = synthetic_codes(100_000)
    elapsed = best(lambda: [functional.validate(c) for c in many], repeat=3)
    print(f"functional.validate:          {len(many) / elapsed:12,.0f} codes/s")
    junk = [c + "x" if i % 2 else c for i, c in enumerate(many)]
    elapsed = best(lambda: [functional.is_valid(c) for c in junk], repeat=3)
    print(f"functional.is_valid (½ junk): {len(junk) / elapsed:12,.0f} codes/s")
    elapsed = best(lambda: [Code.parse(c) for c in many], repeat=3)
    print(f"Code.parse (guessing):        {len(many) / elapsed:12,.0f} codes/s")
    catalog = bundled("functional", 2024)
    elapsed = best(lambda: [catalog.name(c) for c in many], repeat=3)
    print(f"Catalog.name:                 {len(many) / elapsed:12,.0f} look-ups/s")

    cells = ["972.81", "1,234.56", "", "－", "(12.30)", "１２３.４５", "0", "683.64\u3000"] * 12_500
    elapsed = best(lambda: [parse_cell(c) for c in cells], repeat=3)
    print(f"parse_cell:                   {len(cells) / elapsed:12,.0f} cells/s")


if __name__ == "__main__":
    main()
