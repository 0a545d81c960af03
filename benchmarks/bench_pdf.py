"""Time the PDF loader on each sample PDF: seconds per document and pages per second.

Usage::

    python benchmarks/bench_pdf.py [--repeat N] [--compare] [PDF ...]

Prints, per file, the best and median of *N* runs of

* ``pdfium``: reading the text layer and the rules (:mod:`govfin.io._pdf_pdfium`);
* ``read_pdf``: the whole raw extraction (grids, joins, notes, paragraphs);
* ``load_pdf``: read_pdf plus recognition and binding into a Report (when the
  binding is available);
* with ``--compare``: pdfplumber's ``extract_tables`` on every page, the
  alternative measured before choosing PDFium.

Figures depend on the machine; they are printed, never asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from govfin.io._pdf_pdfium import read_pages
from govfin.io.pdf import load_pdf, read_pdf

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "pdf"


def _time(fn: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """Best and median wall-clock seconds, and the best CPU seconds, of *repeat* runs.

    CPU time is printed too because wall-clock time on a shared machine
    measures the neighbours as much as the loader.
    """
    runs = []
    cpu = []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        runs.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(runs), statistics.median(runs), min(cpu)


def _pages(path: Path, data: bytes) -> int:
    return len(list(read_pages(str(path), data)))


def _pdfplumber_tables(path: Path) -> None:
    import pdfplumber  # noqa: PLC0415 - only for the comparison

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--compare", action="store_true", help="also time pdfplumber")
    args = parser.parse_args(argv)
    paths: list[Path] = args.pdfs or sorted(SAMPLES.glob("*.pdf"))
    try:
        load_pdf(paths[0])
        can_bind = True
    except ImportError:
        can_bind = False

    header = (
        f"{'file':45} {'pages':>5} {'step':>11} {'best s':>8} {'median s':>9} {'cpu s':>7} "
        f"{'pages/s':>8}"
    )
    print(header)
    print("-" * len(header))
    total_pages = 0
    total_best: dict[str, float] = {}
    total_cpu: dict[str, float] = {}
    for path in paths:
        data = path.read_bytes()
        pages = _pages(path, data)
        total_pages += pages
        steps: list[tuple[str, Callable[[], object]]] = [
            ("pdfium", partial(_pages, path, data)),
            ("read_pdf", partial(read_pdf, path)),
        ]
        if can_bind:
            steps.append(("load_pdf", partial(load_pdf, path)))
        if args.compare:
            steps.append(("pdfplumber", partial(_pdfplumber_tables, path)))
        for name, fn in steps:
            repeat = 1 if name == "pdfplumber" else args.repeat
            best, median, cpu = _time(fn, repeat)
            total_best[name] = total_best.get(name, 0.0) + best
            total_cpu[name] = total_cpu.get(name, 0.0) + cpu
            print(
                f"{path.name:45} {pages:5d} {name:>11} {best:8.3f} {median:9.3f} {cpu:7.3f} "
                f"{pages / best:8.1f}"
            )
    print("-" * len(header))
    for name, seconds in total_best.items():
        print(
            f"{'all samples':45} {total_pages:5d} {name:>11} {seconds:8.3f} {'':9} "
            f"{total_cpu[name]:7.3f} {total_pages / seconds:8.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
