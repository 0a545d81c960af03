"""CPU time of reading PDF disclosures, against bare PDFium and against pdfplumber.

Usage::

    python benchmarks/bench_pdf.py [--repeat N] [--no-pdfplumber] [PDF ...]

Measures in one run, on the same files (default: every PDF under
``tests/data/pdf``, the Jiangsu samples included), the CPU time
(:func:`time.process_time`, the best of *N* runs; a shared machine's
neighbours do not count; before each run of govfin's steps its caches keyed
by a document's text are emptied, so that no run reads its file warm) of

* ``pdfium``: the bare pypdfium2 pass, the floor for any PDFium-based
  reader: each page's text (``get_text_range``) and every character's box
  (``get_charbox``);
* ``govfin``: PDF to findings: :func:`govfin.io.pdf.load_pdf` then
  :func:`govfin.rules.check` with every registered rule;
* ``read_pdf``: the raw grid alone (:func:`govfin.io.pdf.read_pdf`), to show
  where the time goes;
* with ``--stages``: the same run split further, each stage including the
  ones before it: ``load`` (PDFium loading each page and its text page, no
  character read: the floor shared with ``pdfium``), ``pages`` (govfin's
  PDFium pass: characters and rules), ``read_pdf``, ``load_pdf`` (tables
  bound) and ``govfin`` (rules checked);
* ``pdfplumber``: pdfplumber's text (``extract_text``) and
  ``extract_tables`` on every page (measured once: it is slow);
* ``pdf_oxide`` (only when the optional ``pdf_oxide`` package is installed; it
  is no dependency of govfin): a compiled reader (Rust, MIT/Apache-2.0) giving
  every character with its origin, font size and box, and every path: the
  same information govfin reads from PDFium, for comparison.

It prints one line per file and the totals with the two ratios the loader is
held to: ``govfin / pdfium`` (target: at most 2) and ``pdfplumber / govfin``
(target: at least 15).  Figures depend on the machine; they are printed,
never asserted.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "pdf"


_TEXT_CACHES = (
    "govfin.tables.schema.normalise_title",
    "govfin.tables.schema.normalise_label",
    "govfin.tables.contents.entry_title",
    "govfin.tables.contents._is_table_entry",
    "govfin.tables.registry._title_matches",
    "govfin.tables._bind_table._norm_code",
    "govfin.tables._bind_table._is_code",
    "govfin.tables._bind_table._is_number",
    "govfin.narrative._extract.normalise_name",
    "govfin.narrative._extract.split_path",
    "govfin.narrative._extract._paragraph_spans",
    "govfin.narrative._extract._sentences",
    "govfin.narrative._resolve.canonical",
    "govfin.rules._catalogue._normal",
)
"""govfin's caches keyed by text read from a document (not the schemas' or catalogues')."""


def _forget() -> None:
    """Empty :data:`_TEXT_CACHES`: each run reads its file as the first run did."""
    for name in _TEXT_CACHES:
        module, _, attr = name.rpartition(".")
        clear = getattr(getattr(sys.modules.get(module), attr, None), "cache_clear", None)
        if clear is not None:
            clear()


def _cpu(fn: Callable[[], object], repeat: int, fresh: bool = False) -> float:
    """The best CPU seconds of *repeat* runs of *fn* (*fresh*: each without the text caches)."""
    best = float("inf")
    for _ in range(repeat):
        if fresh:
            _forget()
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def _bare_pdfium(data: bytes) -> int:
    """The bare PDFium pass: every page's text and every character's box."""
    import pypdfium2 as pdfium  # noqa: PLC0415 - measured, imported on use

    document = pdfium.PdfDocument(data)
    try:
        count = 0
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            textpage.get_text_range()
            for i in range(textpage.count_chars()):
                textpage.get_charbox(i)
            count += 1
            textpage.close()
            page.close()
        return count
    finally:
        document.close()


def _govfin(path: Path) -> object:
    """PDF to findings: load the report and run every rule."""
    from govfin.errors import LoadError  # noqa: PLC0415
    from govfin.io.pdf import load_pdf  # noqa: PLC0415
    from govfin.rules import check  # noqa: PLC0415

    try:
        return check(load_pdf(path))
    except LoadError as exc:  # a PDF with no table: reading it is the work done
        return exc


def _page_loads(data: bytes) -> int:
    """PDFium loading every page and its text page, reading nothing: the floor of both passes."""
    import pypdfium2 as pdfium  # noqa: PLC0415
    from pypdfium2 import raw  # noqa: PLC0415

    document = pdfium.PdfDocument(data)
    try:
        for index in range(len(document)):
            page = raw.FPDF_LoadPage(document, index)
            raw.FPDFText_ClosePage(raw.FPDFText_LoadPage(page))
            raw.FPDF_ClosePage(page)
        return len(document)
    finally:
        document.close()


def _pages(path: Path, data: bytes) -> int:
    """govfin's PDFium pass alone: every page's characters and rules."""
    from govfin.io._pdf_pdfium import read_pages  # noqa: PLC0415

    return sum(1 for _ in read_pages(str(path), data))


def _load(path: Path) -> object:
    """The report bound to its schemas, no rule run."""
    from govfin.errors import LoadError  # noqa: PLC0415
    from govfin.io.pdf import load_pdf  # noqa: PLC0415

    try:
        return load_pdf(path)
    except LoadError as exc:
        return exc


def _read(path: Path) -> object:
    from govfin.io.pdf import read_pdf  # noqa: PLC0415

    return read_pdf(path)


def _pdfplumber(path: Path) -> None:
    """pdfplumber's text and table extraction on every page."""
    import pdfplumber  # noqa: PLC0415 - only for the comparison

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.extract_tables()


def _pdf_oxide(path: Path) -> int:
    """pdf_oxide's characters (origin, font size, box) and paths on every page."""
    import importlib  # noqa: PLC0415

    pdf_oxide: Any = importlib.import_module("pdf_oxide")  # optional: typed or not, it is Any here
    count = 0
    for page in pdf_oxide.PdfDocument(str(path)):
        for char in page.chars:
            _ = (char.char, char.origin_x, char.origin_y, char.font_size, char.bbox)
            count += 1
        count += len(page.paths)
    return count


def _have(module: str) -> bool:
    """Whether *module* can be imported (an optional comparison)."""
    import importlib.util  # noqa: PLC0415

    return importlib.util.find_spec(module) is not None


_BARE = frozenset({"pdfium", "load", "pdfplumber", "pdf_oxide"})
"""The steps that run no govfin code (its caches are not emptied before them)."""


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-pdfplumber", action="store_true", help="skip pdfplumber (slow)")
    parser.add_argument(
        "--stages", action="store_true", help="also time page loading, the PDFium pass, binding"
    )
    args = parser.parse_args(argv)
    paths: list[Path] = args.pdfs or sorted(SAMPLES.rglob("*.pdf"))
    _govfin(paths[0])  # imports and caches (schemas, catalogues) outside the timings
    steps: list[tuple[str, Callable[[Path, bytes], Callable[[], object]], int]] = [
        ("pdfium", lambda p, d: partial(_bare_pdfium, d), args.repeat),
        ("govfin", lambda p, d: partial(_govfin, p), args.repeat),
        ("read_pdf", lambda p, d: partial(_read, p), args.repeat),
    ]
    if args.stages:
        steps[2:2] = [
            ("load", lambda p, d: partial(_page_loads, d), args.repeat),
            ("pages", lambda p, d: partial(_pages, p, d), args.repeat),
        ]
        steps.append(("load_pdf", lambda p, d: partial(_load, p), args.repeat))
    if not args.no_pdfplumber:
        steps.append(("pdfplumber", lambda p, d: partial(_pdfplumber, p), 1))
    if _have("pdf_oxide"):
        steps.append(("pdf_oxide", lambda p, d: partial(_pdf_oxide, p), args.repeat))
    names = [name for name, _, _ in steps]
    header = f"{'file':44} {'pages':>5} " + " ".join(f"{n:>10}" for n in names)
    header += f" {'gf/pdfium':>9}" + (f" {'plumb/gf':>9}" if not args.no_pdfplumber else "")
    from govfin.io._pdf_pdfium import COMPILED  # noqa: PLC0415

    print(f"CPU seconds (best of runs); compiled PDF passes: {'yes' if COMPILED else 'no'}")
    print(header)
    print("-" * len(header))
    totals = dict.fromkeys(names, 0.0)
    total_pages = 0
    for path in paths:
        data = path.read_bytes()
        pages = _bare_pdfium(data)
        total_pages += pages
        row = {
            name: _cpu(make(path, data), repeat, name not in _BARE) for name, make, repeat in steps
        }
        for name, value in row.items():
            totals[name] += value
        line = f"{path.name[:44]:44} {pages:5d} " + " ".join(f"{row[n]:10.3f}" for n in names)
        line += f" {row['govfin'] / row['pdfium']:9.2f}"
        if "pdfplumber" in row:
            line += f" {row['pdfplumber'] / row['govfin']:9.1f}"
        print(line)
    print("-" * len(header))
    line = f"{'all files':44} {total_pages:5d} " + " ".join(f"{totals[n]:10.3f}" for n in names)
    line += f" {totals['govfin'] / totals['pdfium']:9.2f}"
    if "pdfplumber" in totals:
        line += f" {totals['pdfplumber'] / totals['govfin']:9.1f}"
    print(line)
    print(
        f"govfin / pdfium = {totals['govfin'] / totals['pdfium']:.2f} (target <= 2)"
        + (
            f"; pdfplumber / govfin = {totals['pdfplumber'] / totals['govfin']:.1f} (target >= 15)"
            if "pdfplumber" in totals
            else ""
        )
    )
    if "pdf_oxide" in totals:
        print(f"pdf_oxide / pdfium = {totals['pdf_oxide'] / totals['pdfium']:.2f} (for comparison)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
