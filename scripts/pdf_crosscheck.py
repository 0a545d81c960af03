"""Cross-check the table grids govfin reads from PDFs against pdfplumber's own reading.

Usage::

    python scripts/pdf_crosscheck.py [PDF ...]

For each PDF (default: every PDF under ``tests/data/pdf``) and each page, the
ruled grids govfin finds (:func:`govfin.io._pdf_layout.find_grids`, before
tables running over pages are joined: pdfplumber knows no multi-page tables)
are paired with the tables pdfplumber's lattice finder finds on the same
page (white cell backgrounds removed on its side too, as govfin ignores
them), and every cell's text is compared.  Whitespace is removed from both
sides before comparing: pdfplumber puts a line break where a cell's text
wraps and govfin joins wrapped CJK text without one; the characters
themselves must be the same, in the same order.

It prints one line per file: producer, pages, grids read, non-empty cells
compared, cells of open rows (not compared: see :func:`crosscheck`), and
mismatches (cells whose text one reader has and the other has not, or
has otherwise), then the mismatches themselves.  ``tests/io/test_pdf_geometry.py``
asserts that there are none.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from govfin.io._pdf_layout import find_grids
from govfin.io._pdf_pdfium import read_pages

__all__ = ["Crosscheck", "crosscheck", "main"]

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "pdf"
_BLANK = re.compile(r"\s+")


@attrs.frozen
class Crosscheck:
    """The comparison of one PDF's grids with pdfplumber's tables."""

    file: str
    producer: str
    pages: int
    grids: int
    cells: int
    mismatches: tuple[str, ...]
    open_cells: int = 0
    """Cells of rows closed only by the column rules' ends, which pdfplumber cannot see."""


def _norm(text: str | None) -> str:
    return _BLANK.sub("", text or "")


def _white_patch(obj: dict[str, object]) -> bool:
    """A white-filled, unstroked rectangle: a cell background, not a rule.

    pdfplumber gives a gray fill as a bare number or a one-element tuple, an
    RGB fill as a triple.
    """
    colour = obj.get("non_stroking_color")
    if isinstance(colour, int | float):
        colour = (colour,)
    return bool(
        obj.get("object_type") == "rect"
        and obj.get("fill")
        and not obj.get("stroke")
        and isinstance(colour, tuple | list)
        and len(colour) in (1, 3)
        and all(float(c) >= 0.98 for c in colour)
    )


def _pair(
    ours: Sequence[Counter[str]], theirs: Sequence[Counter[str]]
) -> Iterable[tuple[Counter[str], Counter[str]]]:
    """Pair each grid with the table sharing most cell texts (an unpaired one with nothing)."""
    left = list(theirs)
    for grid in ours:
        best = max(range(len(left)), key=lambda i: sum((grid & left[i]).values()), default=None)
        if best is None or not (grid & left[best]):
            yield grid, Counter()
        else:
            yield grid, left.pop(best)
    for table in left:
        yield Counter(), table


def crosscheck(path: Path) -> Crosscheck:
    """Compare govfin's grids in *path* with pdfplumber's tables, page by page."""
    import pdfplumber  # noqa: PLC0415 - an optional, independent reader

    ours: dict[int, list[Counter[str]]] = {}
    grids = cells = pages = open_cells = 0
    for page in read_pages(str(path), path.read_bytes()):
        pages += 1
        for grid in find_grids(page.segments, page.glyphs):
            grids += 1
            # pdfplumber's lattice finder needs a rule on every side of a cell: a row
            # closed only by where the column rules end (a table broken over pages
            # without a rule at the break) is left out by it, so not compared.
            texts = Counter(
                _norm(c.text) for c in grid.cells if _norm(c.text) and c.row not in grid.open_rows
            )
            cells += sum(texts.values())
            open_cells += sum(1 for c in grid.cells if c.text and c.row in grid.open_rows)
            ours.setdefault(page.number, []).append(texts)
    theirs: dict[int, list[Counter[str]]] = {}
    with pdfplumber.open(path) as pdf:
        producer = str(pdf.metadata.get("Producer") or pdf.metadata.get("Creator") or "")
        for number, plumbed in enumerate(pdf.pages, start=1):
            for table in plumbed.filter(lambda o: not _white_patch(o)).extract_tables():
                texts = Counter(_norm(t) for row in table for t in row if _norm(t))
                if texts:
                    theirs.setdefault(number, []).append(texts)
    mismatches: list[str] = []
    for number in sorted(set(ours) | set(theirs)):
        for mine, other in _pair(ours.get(number, []), theirs.get(number, [])):
            mismatches.extend(f"p{number}: govfin only {t!r}" for t in sorted(mine - other))
            mismatches.extend(f"p{number}: pdfplumber only {t!r}" for t in sorted(other - mine))
    return Crosscheck(path.name, producer, pages, grids, cells, tuple(mismatches), open_cells)


def main(argv: list[str] | None = None) -> int:
    """Print the cross-check table; exit 1 when any cell differs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--quiet", action="store_true", help="the table only")
    args = parser.parse_args(argv)
    paths: list[Path] = args.pdfs or sorted(SAMPLES.rglob("*.pdf"))
    results = [crosscheck(p) for p in paths]
    print(
        f"{'file':44} {'producer':32} {'pages':>5} {'grids':>5} {'cells':>6} {'open':>4} "
        f"{'mism.':>5}"
    )
    for r in results:
        print(
            f"{r.file[:44]:44} {r.producer[:32]:32} {r.pages:5d} {r.grids:5d} {r.cells:6d} "
            f"{r.open_cells:4d} {len(r.mismatches):5d}"
        )
    print(
        f"{'all':44} {'':32} {sum(r.pages for r in results):5d} "
        f"{sum(r.grids for r in results):5d} {sum(r.cells for r in results):6d} "
        f"{sum(r.open_cells for r in results):4d} {sum(len(r.mismatches) for r in results):5d}"
    )
    if not args.quiet:
        for r in results:
            for m in r.mismatches:
                print(f"{r.file}: {m}")
    return 1 if any(r.mismatches for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
