"""Read 部门决算 / 部门预算 disclosures from PDF files (text layer; the ``pdf`` extra).

:func:`read_pdf` returns the printed grid (:class:`~govfin.tables.raw.RawDocument`):
every ruled table with its title, captions (``单位：万元``), rows and notes, and
the prose as paragraphs, each cell and paragraph with its provenance (file,
1-based page, box ``(x0, top, x1, bottom)`` in PDF points from the top-left
corner of the media box, in the page's own unrotated space: the space of a PDF
annotation, see :mod:`govfin.render.pdf_annotate`).  Text is read upright,
whatever turns the page: its ``/Rotate`` or a matrix drawing its content
sideways; a page reads the same however it is turned.  Characters drawn at
another angle than the rest of their page (a watermark, a sideways label) are
left out and reported among the problems, never mixed into the cells.
:func:`load_pdf` binds that grid to the schemas into a :class:`~govfin.report.Report`.

How it reads a page: PDFium (through pypdfium2, Apache-2.0/BSD) gives every
character's origin on its baseline and its font size, and every ruling line.
A character's box is its em box on the baseline, never the glyph's outline or
the font's declared ascent (both wrong in some producers' fonts: a thin 一 or
、 would fall out of its line).  The rules make the grid, merged cells
included (a table ruled between rows only takes its columns from where the
pieces of its row rules end), and each character goes to the cell under its centre, so a
wrapped name (``附属单位上`` / ``缴收入``) is one cell and a code never runs
into the amount beside it; a line crossing a row rule (a wrapped header taller
than its row, as a sheet shrunk to fit the page prints it) goes with the text it
continues.  Lines are put in reading order by position, not by the order of the
content stream.  A table running over several pages is joined (with or without
its header repeated, a label spanning columns the next page does not rule put
under the first of them), and a row broken over the page break is joined back
when its cells prove it (a wrapped label, a number cut in two; a piece that does
not join is reported, never read as a figure); a title left at the foot of a
page goes to the table on the next.
Cell text is kept exactly as printed: amounts become exact
:class:`~decimal.Decimal` values only when bound, from their printed digits.

A table drawn without any rule (a spreadsheet or HTML export) is read too:
its columns are where the rows' text leaves a gap that no row crosses, placed
by its titles and 栏次 numbers, its rows its lines (a cell's wrapped lines
joined).  Scanned PDFs (no text layer) are not read: they raise
:class:`~govfin.errors.LoadError`.

The PDF library is imported on first use, so ``import govfin`` stays fast.

>>> from pathlib import Path
>>> doc = read_pdf(Path("tests/data/pdf/putuo-gov-office-2025-dept-budget.pdf"))
>>> doc.tables[0].title, doc.tables[0].captions[-1]
('2025年部门财务收支预算总表', '单位：元')
>>> doc.tables[0].rows[2][1].text
'91,016,775.35'
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

from govfin.errors import LoadError
from govfin.io._limits import clean_document, read_file
from govfin.io._pdf_assemble import assemble
from govfin.io._pdf_pdfium import read_pages

if TYPE_CHECKING:
    from govfin.report import Report
    from govfin.tables.raw import RawDocument

__all__ = ["load_pdf", "read_pdf"]

_TAIL: Final = 4096
"""How far from the end of the file the ``%%EOF`` marker is looked for."""


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a PDF is read, then restore it.

    Reading makes a few hundred thousand small objects (a tuple per
    character, cells, lines) that never form cycles; each pass of the cyclic
    collector over them is wasted work (about a tenth of the reading CPU, see
    ``benchmarks/bench_pdf.py``).  Reference counting still frees everything
    as usual.  The collector is switched back on afterwards only if it was on
    when reading began: a caller that switched it off keeps it off, and
    threads reading at once leave it on when the first of them found it on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _read_bytes(path: str | os.PathLike[str]) -> tuple[str, bytes]:
    name = os.fspath(path)
    data = read_file(name)
    if b"%PDF-" not in data[:1024]:
        raise LoadError("not a PDF file (no %PDF- header)", file=name)
    if b"%%EOF" not in data[-_TAIL:]:
        raise LoadError("truncated PDF file (no %%EOF marker at its end)", file=name)
    return name, data


def read_pdf(path: str | os.PathLike[str]) -> RawDocument:
    """Read the tables and prose of a PDF disclosure as printed.

    Args:
        path: the PDF file.

    Returns:
        The tables in document order (a table spanning pages once, its rows
        joined) and the prose paragraphs; the provenance of each cell and
        paragraph names *path* as given, the 1-based page and the box
        ``(x0, top, x1, bottom)`` in points from the media box's top-left
        corner (unrotated page space).

    Raises:
        LoadError: when the file is missing, is not a PDF, is truncated or
            damaged (naming the page where one is at fault), has no text
            layer, or when the ``pdf`` extra (pypdfium2) is not installed.
    """
    name, data = _read_bytes(path)
    with _gc_paused():
        # the pages are freed on _read's return, before the collector is back on:
        # its first pass then sees only the document, not every character
        return _read(name, data)


def _read(name: str, data: bytes) -> RawDocument:
    """The document that :func:`read_pdf` reads from the PDF *data* of file *name*."""
    try:
        pages = list(read_pages(name, data))
    except ModuleNotFoundError as exc:
        raise LoadError(str(exc), file=name) from exc
    if not pages:
        raise LoadError("the PDF has no pages", file=name)
    if not any(p.glyphs for p in pages):
        raise LoadError("the PDF has no text layer (a scanned document needs OCR first)", file=name)
    return clean_document(assemble(pages, name))


def load_pdf(path: str | os.PathLike[str]) -> Report:
    """Read a PDF disclosure into a :class:`~govfin.report.Report`.

    The grid of :func:`read_pdf` goes through the shared binding
    (:func:`govfin.tables.bind.bind_document`): the tables are recognised by
    title and header and bound to their schemas, codes printed over ``类 | 款 |
    项`` columns joined; an unrecognised table is kept as printed and reported
    among :attr:`~govfin.report.Report.problems`, with the loader's own problems.

    Args:
        path: the PDF file.

    Raises:
        LoadError: as :func:`read_pdf`.  A PDF without any table (a narrative
            whose tables are in another file, a document of another kind) is
            read: checking it reports the tables missing (rule ``GF-S004``).
    """
    from govfin.tables.bind import bind_document  # noqa: PLC0415 - avoids an import cycle

    return bind_document(read_pdf(path))
