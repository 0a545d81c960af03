"""Read a PDF's text layer and ruling lines with pypdfium2 (PDFium; Apache-2.0/BSD).

The only module that touches the PDF library.  It yields one
:class:`~govfin.io._pdf_layout.PageContent` per page: every printed
character with its box, and every straight stroke or rectangle edge, in PDF
points from the top-left corner of the page as displayed: the media box, turned
by the page's ``/Rotate``, so that a landscape table drawn sideways on a
portrait page and turned upright reads as shown.  (The loader records boxes
back in the page's own space: see :meth:`PageContent.unrotate`.)  PDFium reads the
text layer about 25 times faster than pdfminer (see ``benchmarks/bench_pdf.py``).
"""

from __future__ import annotations

import array
import ctypes
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any

from govfin.errors import LoadError
from govfin.io._pdf_layout import Glyph, PageContent, Segment

__all__ = ["import_pdfium", "read_pages"]

_MIN_LINE = 0.5
"""Path pieces shorter than this (points) are dots, not rules."""


def import_pdfium() -> tuple[ModuleType, ModuleType]:
    """Import pypdfium2 and its raw bindings, with a clear message when they are missing.

    Raises:
        ModuleNotFoundError: naming the ``pdf`` extra to install.
    """
    try:
        import pypdfium2  # noqa: PLC0415 - optional back end, imported on first use
        import pypdfium2.raw  # noqa: PLC0415
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise ModuleNotFoundError(
            "reading PDF files needs pypdfium2: install govfin with the 'pdf' extra "
            "(pip install 'govfin[pdf]')",
            name="pypdfium2",
        ) from exc
    return pypdfium2, pypdfium2.raw


def _unmapped(code: int) -> bool:
    """Whether *code* is what a font without a Unicode map yields (control, private, U+FFFD)."""
    return code < 0x20 or 0x7F <= code < 0xA0 or 0xE000 <= code < 0xF900 or code == 0xFFFD


_Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: _Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: _Matrix, outer: _Matrix) -> _Matrix:
    """The matrix applying *inner* first, then *outer*."""
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


class _PageReader:
    """Walks one page's objects and text page."""

    def __init__(self, raw: Any, page: Any, number: int) -> None:
        self.raw = raw
        self.page = page
        self.number = number
        left, bottom, right, top = page.get_mediabox()
        self.left = float(left)
        self.top = float(top)
        self.raw_width = float(right - left)
        self.raw_height = float(top - bottom)
        self.rotation = int(page.get_rotation()) % 360
        turned = self.rotation in (90, 270)
        self.width = self.raw_height if turned else self.raw_width
        self.height = self.raw_width if turned else self.raw_height
        self.segments: list[Segment] = []
        self.unmapped = 0

    def _display(self, x: float, y: float) -> tuple[float, float]:
        """A point of PDF user space as seen on the page displayed (its /Rotate applied).

        The result is measured from the top-left corner of the page as shown.
        """
        u, t = x - self.left, self.top - y  # unrotated, from the top-left corner
        if self.rotation == 90:
            return self.raw_height - t, u
        if self.rotation == 180:
            return self.raw_width - u, self.raw_height - t
        if self.rotation == 270:
            return t, self.raw_width - u
        return u, t

    def _point(self, x: float, y: float, m: _Matrix) -> tuple[float, float]:
        a, b, c, d, e, f = m
        return self._display(a * x + c * y + e, b * x + d * y + f)

    def _add(self, p: tuple[float, float], q: tuple[float, float]) -> None:
        (x0, y0), (x1, y1) = p, q
        dx, dy = abs(x1 - x0), abs(y1 - y0)
        if dy <= 0.1 * max(dx, 1.0) and dx >= _MIN_LINE:
            self.segments.append(Segment(True, (y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif dx <= 0.1 * max(dy, 1.0) and dy >= _MIN_LINE:
            self.segments.append(Segment(False, (x0 + x1) / 2, min(y0, y1), max(y0, y1)))

    def _visible(self, obj: Any) -> bool:
        raw = self.raw
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
            return True
        if not fill.value and not stroke.value:
            return False
        if fill.value and not stroke.value:
            r, g, b, a = (ctypes.c_uint() for _ in range(4))
            ok = raw.FPDFPageObj_GetFillColor(
                obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)
            )
            if ok and min(r.value, g.value, b.value) >= 250:
                return False  # a white patch, not a rule
        return True

    def _path(self, obj: Any, outer: _Matrix) -> None:
        raw = self.raw
        if not self._visible(obj):
            return
        fm = raw.FS_MATRIX()
        inner = _IDENTITY
        if raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(fm)):
            inner = (fm.a, fm.b, fm.c, fm.d, fm.e, fm.f)
        m = _compose(inner, outer)
        x, y = ctypes.c_float(), ctypes.c_float()
        start: tuple[float, float] | None = None
        prev: tuple[float, float] | None = None
        for i in range(raw.FPDFPath_CountSegments(obj)):
            seg = raw.FPDFPath_GetPathSegment(obj, i)
            if not raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
                continue
            point = self._point(x.value, y.value, m)
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_MOVETO or prev is None:
                start = point
            elif kind == raw.FPDF_SEGMENT_LINETO:
                self._add(prev, point)
            prev = point  # a Bézier piece is no rule: skip it, go on from its end
            if raw.FPDFPathSegment_GetClose(seg) and start is not None:
                self._add(point, start)
                prev = start

    def _objects(self, count: int, get: Any, container: Any, outer: _Matrix) -> None:
        raw = self.raw
        for i in range(count):
            obj = get(container, i)
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_PATH:
                self._path(obj, outer)
            elif kind == raw.FPDF_PAGEOBJ_FORM:
                fm = raw.FS_MATRIX()
                inner = _IDENTITY
                if raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(fm)):
                    inner = (fm.a, fm.b, fm.c, fm.d, fm.e, fm.f)
                self._objects(
                    raw.FPDFFormObj_CountObjects(obj),
                    raw.FPDFFormObj_GetObject,
                    obj,
                    _compose(inner, outer),
                )

    def glyphs(self, textpage: Any) -> list[Glyph]:
        """Every printed non-blank character with its loose box.

        The text of the page is fetched in one call (UTF-16, one unit per
        character index); only the boxes are asked for one by one.  Blanks,
        including the spaces and line breaks PDFium generates, are left out.
        """
        raw = self.raw
        n = raw.FPDFText_CountChars(textpage)
        if n <= 0:
            return []
        buffer = ctypes.create_string_buffer((n + 1) * 2)
        raw.FPDFText_GetText(textpage, 0, n, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
        units = array.array("H")
        units.frombytes(buffer.raw[: n * 2])
        if sys.byteorder == "big":  # pragma: no cover - PDFium writes UTF-16LE
            units.byteswap()
        rect = raw.FS_RECTF()
        out: list[Glyph] = []
        i = 0
        while i < n:
            code = units[i]
            index = i
            i += 1
            if code <= 0x20:
                continue
            if 0xD800 <= code < 0xDC00 and i < n:  # a surrogate pair: one character
                code = 0x10000 + ((code - 0xD800) << 10) + (units[i] - 0xDC00)
                i += 1
            char = chr(code)
            if char.isspace() or not raw.FPDFText_GetLooseCharBox(textpage, index, rect):
                continue
            if _unmapped(code):
                self.unmapped += 1
            ax, ay = self._display(rect.left, rect.top)
            bx, by = self._display(rect.right, rect.bottom)
            x0, x1 = min(ax, bx), max(ax, bx)
            top, bottom = min(ay, by), max(ay, by)
            if x1 <= x0 or bottom <= top:
                continue
            out.append(Glyph(char, x0, top, x1, bottom))
        return out

    def read(self) -> PageContent:
        """The page's glyphs and ruling segments."""
        raw = self.raw
        textpage = self.page.get_textpage()
        try:
            glyphs = self.glyphs(textpage)
        finally:
            textpage.close()
        self._objects(
            raw.FPDFPage_CountObjects(self.page), raw.FPDFPage_GetObject, self.page, _IDENTITY
        )
        return PageContent(
            self.number,
            self.width,
            self.height,
            tuple(glyphs),
            tuple(self.segments),
            unmapped=self.unmapped,
            rotation=self.rotation,
        )


def read_pages(path: str, data: bytes) -> Iterator[PageContent]:
    """Yield the content of each page of the PDF in *data* (read from *path*).

    Raises:
        LoadError: naming the file (and the page) when PDFium cannot read it.
    """
    pdfium, raw = import_pdfium()
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise LoadError("the PDF is password-protected", file=path) from exc
        raise LoadError(f"not a readable PDF ({exc})", file=path) from exc
    try:
        for index in range(len(document)):
            try:
                page = document[index]
            except pdfium.PdfiumError as exc:
                raise LoadError(f"cannot read the page ({exc})", file=path, page=index + 1) from exc
            try:
                yield _PageReader(raw, page, index + 1).read()
            finally:
                page.close()
    finally:
        document.close()
