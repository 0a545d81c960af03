"""Glyphs set on a line, for the page layouts the PDF reader's tests draw."""

from __future__ import annotations

from govfin.io._pdf_layout import Glyph


def width(text: str, size: float) -> float:
    """The advance of *text* at *size*: a full em for a CJK character, half for the rest.

    >>> width("合计12", 9.0)
    27.0
    """
    return sum(size if ord(ch) > 0x2E80 else size / 2 for ch in text)


def run(text: str, x: float, top: float, size: float, *, spaces: bool = True) -> list[Glyph]:
    """The glyphs of *text* set from *x* on a line whose em box starts at *top*.

    *spaces* false draws no glyph for a space (it still advances the pen).

    >>> [g.text for g in run("a b", 0.0, 0.0, 10.0, spaces=False)]
    ['a', 'b']
    """
    out = []
    for ch in text:
        w = width(ch, size)
        if spaces or not ch.isspace():
            out.append(Glyph(ch, x, top, x + w, top + size))
        x += w
    return out
