"""The producer zoo: generated reports printed by real PDF producers read back cell for cell.

``tests/data/zoo`` holds, for each generated report, its native JSON (the
truth) and one PDF per producer (LibreOffice Calc with and without ruling,
LibreOffice Writer and headless Chromium from HTML, reportlab in the
unembedded CID font STSong-Light with whole runs or one glyph at a time), made
by ``scripts/make_producer_zoo.py``.  Every table of the truth must be
recognised in every PDF, with the same rows, and every amount cell must read
back with the same value, the same decimals, and blank kept apart from 0.

Besides the reports the script draws, the zoo keeps reports a sweep over other
seeds (``--shift``) found read wrong, each under its own name with its truth
(``final-s2``, ``budget-s1``: Writer from HTML, tables running over pages without
their header, a page holding one row, labels wrapped around a page's first row;
``final-s5``, ``final-s11``: a header split by a page break (of one line, of two),
labels wrapped onto a number;
``budget-s5``: a title ending a page, its captions alone on the next;
``budget-s1000``: Calc without ruling, a wrapped column title over a table with no data;
``final-long-s22``: reportlab, a paragraph's newline drawn as a space before a run-in heading,
shares whose base only that heading scopes;
``final-s30`` (Writer from Word) and ``final-long-s24`` (Writer from HTML): a page ending
on a row whose cells all look full, the next page's first row not its rest;
``final-s38`` (Writer from Word): the 三公 table's header broken over a page, the rest of its
titles merged down over two rows (``因公出国（境`` / ``）费``) on the next page;
``final-s37`` (Writer from HTML): a table whose first page holds only rows of codes and
names, their figures blank, the last one's name wrapped;
``final-long-s46`` (Writer from HTML): a header at a page's foot, its 栏次 row opening the next;
``final-long-s48`` (Writer from HTML): a table's title, header, 栏次 row and one row of a code
and a name (its figure blank) at a page's foot).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govfin.io import load
from govfin.report import Report
from govfin.rules import check
from govfin.testing.readback import differences

pytest.importorskip("pypdfium2")

ZOO = Path(__file__).parent.parent / "data" / "zoo"
PDFS = sorted(p for p in ZOO.glob("*--*.pdf"))

pytestmark = pytest.mark.slow

NOT_YET_READ: dict[str, str] = {}
"""Producers whose PDFs govfin does not read yet (strict: a fixed one must leave this list)."""


def _case(pdf: Path) -> object:
    reason = NOT_YET_READ.get(pdf.stem)
    marks = [pytest.mark.xfail(reason=reason, strict=True)] if reason else []
    return pytest.param(pdf, id=pdf.stem, marks=marks)


def _truth(pdf: Path) -> Report:
    return load(ZOO / f"{pdf.name.split('--', 1)[0]}.json")


def test_the_zoo_is_there() -> None:
    producers = {p.name.split("--", 1)[1].removesuffix(".pdf") for p in PDFS}
    assert {"calc", "calc-unruled", "writer-html", "chromium", "reportlab-cid"} <= producers
    assert all((ZOO / f"{p.name.split('--', 1)[0]}.json").exists() for p in PDFS)


@pytest.mark.parametrize("pdf", [_case(p) for p in PDFS])
def test_every_cell_reads_back(pdf: Path) -> None:
    wrong = [d.describe() for d in differences(_truth(pdf), load(pdf))]
    assert not wrong, f"{len(wrong)} differences:\n" + "\n".join(wrong[:40])


NOT_READ = [pytest.param(p, id=p.stem) for p in PDFS if p.stem in NOT_YET_READ]


@pytest.mark.parametrize("pdf", NOT_READ)
def test_a_pdf_not_read_right_never_looks_clean(pdf: Path) -> None:
    """Reading it is not right yet, but it loads, and the check says it could not check it all.

    It fails (exit 1) as not checked in full; an error would be a defect of the
    document, which a consistent report has none of.
    """
    result = check(load(pdf))
    assert not result.ok
    assert result.coverage is not None
    assert not result.complete, "a report not read in full must say so"
    assert not result.errors


READ = [pytest.param(p, id=p.stem) for p in PDFS if p.stem not in NOT_YET_READ]


@pytest.mark.parametrize("pdf", READ)
def test_a_consistent_report_read_right_has_no_error(pdf: Path) -> None:
    """The zoo's reports are consistent (tables generated so, the 情况说明 drafted from them).

    Whatever the producer did to the prose (paragraph breaks lost, headings run
    into the text, lines broken mid-word or short of the margin), an error
    finding here would be one the document does not have; and a report read
    right is checked in full (no figure left in a column without a title).
    """
    assert not check(_truth(pdf)).errors
    result = check(load(pdf))
    assert not result.errors, "\n".join(f"{f.rule} {f.message}" for f in result.errors)
    assert result.complete, "\n".join(
        f"{f.rule} {f.message}" for f in result.findings if f.severity.value == "warning"
    )
