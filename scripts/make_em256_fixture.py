"""Make a PDF whose fonts declare their ascent and descent in a 256-unit em.

Usage::

    python scripts/make_em256_fixture.py [SOURCE [TARGET]]

Some office suites write a font descriptor's ``/Ascent`` and ``/Descent`` in
the font's own units (e.g. 220 and -36 for a 256-unit em) instead of the
1000-unit glyph space PDF requires.  PDFium then gives up on those metrics:
its character boxes, loose and tight alike, shrink to each glyph's outline
(一 a few points tall, 、 smaller still), and a reader that builds lines from
them splits 一、，：； off their lines.

This script rewrites every font descriptor of SOURCE (default: the 2024
部门决算 sample in ``tests/data/pdf``) that way, checks with PDFium that the
boxes really shrank, and writes TARGET (default:
``tests/data/zoo/putuo-czj-2024-final-em256.pdf``).  The text, the
drawing and the embedded fonts are untouched: the printed page is the same,
and a reader must read exactly the same tables from both files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tests" / "data" / "pdf" / "putuo-czj-2024-final-with-planted-errors.pdf"
TARGET = ROOT / "tests" / "data" / "zoo" / "putuo-czj-2024-final-em256.pdf"

ASCENT, DESCENT = 220, -36
"""Ascent and descent as a 256-unit em font would give them."""

__all__ = ["main", "rewrite", "shrunk_share"]


def rewrite(source: Path, target: Path) -> int:
    """Write *source* to *target* with every font descriptor's metrics in a 256-unit em.

    Returns:
        How many font descriptors were rewritten.
    """
    from pypdf import PdfReader, PdfWriter  # noqa: PLC0415 - a development script
    from pypdf.generic import DictionaryObject, NameObject, NumberObject  # noqa: PLC0415

    writer = PdfWriter(clone_from=PdfReader(source))
    count = 0
    for number in range(1, len(writer._objects) + 1):
        obj = writer._objects[number - 1]
        if isinstance(obj, DictionaryObject) and obj.get("/Type") == "/FontDescriptor":
            obj[NameObject("/Ascent")] = NumberObject(ASCENT)
            obj[NameObject("/Descent")] = NumberObject(DESCENT)
            count += 1
    writer.compress_identical_objects()
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("wb") as out:
        writer.write(out)
    return count


def shrunk_share(path: Path) -> float:
    """The share of CJK characters whose PDFium loose box is under 0.7 of their font size tall."""
    import ctypes  # noqa: PLC0415

    import pypdfium2 as pdfium  # noqa: PLC0415
    from pypdfium2 import raw  # noqa: PLC0415

    document = pdfium.PdfDocument(path)
    shrunk = total = 0
    matrix = raw.FS_MATRIX()
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        for i, char in enumerate(text):
            if char not in "一、，：；":
                continue
            raw.FPDFText_GetMatrix(textpage.raw, i, ctypes.byref(matrix))
            size = raw.FPDFText_GetFontSize(textpage.raw, i) * abs(matrix.d)
            _, bottom, _, top = textpage.get_charbox(i, loose=True)
            total += 1
            shrunk += top - bottom < 0.7 * size
        textpage.close()
        page.close()
    document.close()
    return shrunk / total if total else 0.0


def main(argv: list[str] | None = None) -> int:
    """Rewrite the fonts, then report how many boxes PDFium shrinks before and after."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("source", nargs="?", type=Path, default=SOURCE)
    parser.add_argument("target", nargs="?", type=Path, default=TARGET)
    args = parser.parse_args(argv)
    count = rewrite(args.source, args.target)
    before, after = shrunk_share(args.source), shrunk_share(args.target)
    print(f"{count} font descriptors rewritten to ascent {ASCENT}, descent {DESCENT}")
    print(f"boxes of 一、，：； under 0.7 of the font size: {before:.0%} before, {after:.0%} after")
    if after < 0.9:
        print("PDFium did not shrink the boxes: the fixture does not reproduce the problem")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
