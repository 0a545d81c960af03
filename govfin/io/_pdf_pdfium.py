"""Read a PDF's text layer and ruling lines with pypdfium2 (PDFium; Apache-2.0/BSD).

The only module that touches the PDF library.  It yields one
:class:`~govfin.io._pdf_layout.PageContent` per page: every printed
character with its box, and every straight stroke or rectangle edge, in PDF
points from the top-left corner of the page turned so that its text reads
upright: the media box turned by the quarter turn that most of its characters
need (their baseline's direction, from PDFium's character matrix).  That is
the page's ``/Rotate`` for a landscape table drawn sideways on a portrait page
and turned upright by ``/Rotate``; it is no turn at all for upright text on a
page whose ``/Rotate`` shows it sideways (the text reads the same however the
viewer turns the page); and it turns content drawn sideways by its own matrix.
Characters drawn at another angle (a watermark, a sideways label) are kept
apart (:attr:`PageContent.askew`), never mixed into the upright text.  (The
loader records boxes back in the page's own space: see
:meth:`PageContent.unrotate`.)  PDFium reads the text layer about 25 times
faster than pdfminer (see ``benchmarks/bench_pdf.py``).
"""

from __future__ import annotations

import array
import ctypes
import math
import sys
from collections import Counter
from collections.abc import Iterator
from types import ModuleType
from typing import Any

from govfin.errors import LoadError
from govfin.io._pdf_layout import Glyph, PageContent, Segment

__all__ = ["import_pdfium", "read_pages"]

_MIN_LINE = 0.5
"""Path pieces shorter than this (points) are dots, not rules."""

_ASKEW = 3.0
"""Degrees a baseline may lean off a quarter turn and still count as on it."""

_UNKNOWN = -1
"""The quarter turn of a character whose matrix PDFium does not give: read with the page."""


def import_pdfium() -> tuple[ModuleType, ModuleType]:
    """Import pypdfium2 and its raw bindings, with a clear message when they are missing.

    Raises:
        ModuleNotFoundError: saying how to reinstall govfin (pypdfium2 is a dependency).
    """
    try:
        import pypdfium2  # noqa: PLC0415 - optional back end, imported on first use
        import pypdfium2.raw  # noqa: PLC0415
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise ModuleNotFoundError(
            "reading PDF files needs pypdfium2, a dependency of govfin: reinstall govfin "
            "(pip install govfin, or from a checkout of the repository: pip install -e .)",
            name="pypdfium2",
        ) from exc
    return pypdfium2, pypdfium2.raw


def _unmapped(code: int) -> bool:
    """Whether *code* is what a font without a Unicode map yields (control, private, U+FFFD)."""
    return code < 0x20 or 0x7F <= code < 0xA0 or 0xE000 <= code < 0xF900 or code == 0xFFFD


def _quarter(a: float, b: float) -> int | None:
    """The quarter turn (clockwise degrees) that puts a baseline along *(a, b)* upright.

    *(a, b)* is the direction of the baseline in PDF user space (y up), the
    first row of the character's matrix; ``None`` when it runs askew (more
    than :data:`_ASKEW` degrees off every quarter turn).

    >>> _quarter(1.0, 0.0), _quarter(0.0, 1.0), _quarter(0.0, -1.0), _quarter(1.0, 1.0)
    (0, 90, 270, None)
    """
    angle = math.degrees(math.atan2(b, a))
    turns = round(angle / 90.0)
    if abs(angle - 90.0 * turns) > _ASKEW:
        return None
    return (turns * 90) % 360


_Matrix = tuple[float, float, float, float, float, float]
_Char = tuple[str, float, float, float, float, int | None]
"""A character, its loose box ``(left, top, right, bottom)`` in user space, its quarter turn."""
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
        self.rotation = 0
        self.width = self.height = 0.0
        self._turn(int(page.get_rotation()) % 360)
        self.segments: list[Segment] = []
        self.askew: list[Glyph] = []
        self.unmapped = 0

    def _turn(self, rotation: int) -> None:
        """Read the page turned clockwise by *rotation* degrees (a quarter turn)."""
        self.rotation = rotation
        turned = rotation in (90, 270)
        self.width = self.raw_height if turned else self.raw_width
        self.height = self.raw_width if turned else self.raw_height
        left, top, w, h = self.left, self.top, self.raw_width, self.raw_height
        # user space (y up) to the turned page, from its top-left corner (y down)
        if rotation == 90:
            self.to_page: _Matrix = (0.0, 1.0, 1.0, 0.0, h - top, -left)
        elif rotation == 180:
            self.to_page = (-1.0, 0.0, 0.0, 1.0, w + left, h - top)
        elif rotation == 270:
            self.to_page = (0.0, -1.0, -1.0, 0.0, top, w + left)
        else:
            self.to_page = (1.0, 0.0, 0.0, -1.0, -left, top)

    def _display(self, x: float, y: float) -> tuple[float, float]:
        """A point of PDF user space on the page turned by :attr:`rotation` (text upright).

        The result is measured from the top-left corner of the turned page.

        >>> class _Page:
        ...     def get_mediabox(self): return (0, 0, 842, 595)
        ...     def get_rotation(self): return 90
        >>> reader = _PageReader(None, _Page(), 1)
        >>> reader._display(10, 585), reader.width
        ((585.0, 10.0), 595.0)
        """
        a, b, c, d, e, f = self.to_page
        return a * x + c * y + e, b * x + d * y + f

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
        a, b, c, d, e, f = _compose(_compose(inner, outer), self.to_page)
        x, y = ctypes.c_float(), ctypes.c_float()
        start: tuple[float, float] | None = None
        prev: tuple[float, float] | None = None
        for i in range(raw.FPDFPath_CountSegments(obj)):
            seg = raw.FPDFPath_GetPathSegment(obj, i)
            if not raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
                continue
            px, py = x.value, y.value
            point = (a * px + c * py + e, b * px + d * py + f)
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

    def _characters(self, handle: Any) -> list[_Char]:
        """Every printed non-blank character with its loose box in user space and its turn.

        The text of the page is fetched in one call (UTF-16, one unit per
        character index); only the boxes and matrices are asked for one by
        one.  Blanks, including the spaces and line breaks PDFium generates,
        are left out.
        """
        raw = self.raw
        n = raw.FPDFText_CountChars(handle)
        if n <= 0:
            return []
        buffer = ctypes.create_string_buffer((n + 1) * 2)
        raw.FPDFText_GetText(handle, 0, n, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
        units = array.array("H")
        units.frombytes(buffer.raw[: n * 2])
        if sys.byteorder == "big":  # pragma: no cover - PDFium writes UTF-16LE
            units.byteswap()
        rect = raw.FS_RECTF()
        rect_ref = ctypes.byref(rect)
        matrix = raw.FS_MATRIX()
        matrix_ref = ctypes.byref(matrix)
        get_box = raw.FPDFText_GetLooseCharBox
        get_matrix = raw.FPDFText_GetMatrix
        found: list[_Char] = []
        unmapped = 0
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
            if char.isspace() or not get_box(handle, index, rect_ref):
                continue
            if code >= 0x7F and _unmapped(code):
                unmapped += 1
            quarter: int | None = _UNKNOWN
            if get_matrix(handle, index, matrix_ref):
                a, b = matrix.a, matrix.b
                quarter = 0 if b == 0.0 and a > 0.0 else _quarter(a, b)
            found.append((char, rect.left, rect.top, rect.right, rect.bottom, quarter))
        self.unmapped += unmapped
        return found

    def glyphs(self, textpage: Any) -> list[Glyph]:
        """Every printed non-blank character upright, with its loose box.

        The page is turned (:meth:`_turn`) by the quarter turn that most
        characters need to stand upright; the characters drawn at another
        angle go to :attr:`askew`.
        """
        found = self._characters(getattr(textpage, "raw", textpage))  # the bare handle
        counts = Counter(q for *_, q in found if q is not None and q != _UNKNOWN)
        if counts:
            best = max(counts.values())
            # a tie keeps /Rotate when it is among the best, else the smallest turn
            tied = sorted(q for q, c in counts.items() if c == best)
            self._turn(self.rotation if self.rotation in tied else tied[0])
        a, b, c, d, e, f = self.to_page
        upright = (self.rotation, _UNKNOWN)
        out: list[Glyph] = []
        for char, left, top, right, bottom, quarter in found:
            ax, ay = a * left + c * top + e, b * left + d * top + f
            bx, by = a * right + c * bottom + e, b * right + d * bottom + f
            x0, x1 = (ax, bx) if ax < bx else (bx, ax)
            y0, y1 = (ay, by) if ay < by else (by, ay)
            if x1 <= x0 or y1 <= y0:
                continue
            glyph = Glyph(char, x0, y0, x1, y1)
            (out if quarter in upright else self.askew).append(glyph)
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
            askew=tuple(self.askew),
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
